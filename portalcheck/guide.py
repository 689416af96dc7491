"""An illustrated how-to for residents, written from a run of one feature with `--evidence`.

The city guides the suite encodes are themselves step-by-step documents with screenshots; a
run can produce the same for any portal, and it is current by construction.
"""

from __future__ import annotations

import json
import os
from html import escape
from pathlib import Path

from portalcheck import browser
from portalcheck.errors import PortalcheckError

STYLE = """
body{font:17px/1.55 Georgia,serif;max-width:52rem;margin:0 auto;padding:1rem 2rem;color:#1b1b1b}
h1,h2{font-family:system-ui,sans-serif}img{max-width:100%;border:1px solid #777;margin:.5rem 0 1.5rem}
li{margin-bottom:1rem}.step{font-weight:600}
"""


def write_guide(report: Path, *, title: str | None = None) -> Path:
    """Write guide.html in `report` from its scenarios.json; returns its path."""
    try:
        scenarios = json.loads((report / "scenarios.json").read_text(encoding="utf-8"))
    except OSError:
        raise PortalcheckError(f"No scenarios.json in {report}: the run wrote no report.") from None
    scenarios = [s for s in scenarios if s.get("scenario")]
    if not scenarios:
        raise PortalcheckError("The run had no scenarios to illustrate: check the feature's path.")
    scenarios.sort(key=lambda s: s["scenario"]["line_number"])
    feature = scenarios[0]["scenario"]["feature"]
    parts = [f"<!doctype html><html lang=en><head><meta charset=utf-8>"
             f"<title>{escape(title or feature['name'])}</title><style>{STYLE}</style></head><body><main>",
             f"<h1>{escape(title or feature['name'])}</h1>"]
    description = " ".join(line.strip() for line in feature.get("description", "").splitlines())
    if description.strip():
        parts.append(f"<p>{escape(description.strip())}</p>")
    for number, result in enumerate(scenarios, start=1):
        parts.append(_section(number, result, report))
    parts.append("</main></body></html>")
    path = report / "guide.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def _section(number: int, result: dict, report: Path) -> str:
    scenario = result["scenario"]
    shots: dict[str, list[dict]] = {}
    for entry in result.get("evidence", []):
        shots.setdefault(entry["step"], []).append(entry)
    html = [f"<section><h2>Step {number}: {escape(scenario['name'])}</h2>"]
    if result.get("outcome") != "passed":
        html.append(f"<p><strong>This step does not work on this portal ({escape(result['outcome'])}):"
                    f"</strong> {escape(result.get('message', ''))}</p>")
    html.append("<ol>")
    for step in scenario["steps"]:
        text = f"{step['keyword']} {step['name']}"
        html.append(f'<li><span class="step">{escape(_as_instruction(step))}</span>')
        for shot in shots.get(text, []):
            src = os.path.relpath(shot["screenshot"], report).replace(os.sep, "/")
            html.append(f'<br><img src="{escape(src)}" alt="{escape(shot["description"])}">')
        html.append("</li>")
    html.append("</ol></section>")
    return "\n".join(html)


def _as_instruction(step: dict) -> str:
    """'When the resident clicks "Sign up"' reads as 'The resident clicks "Sign up".'"""
    name = step["name"]
    return name[:1].upper() + name[1:] + ("" if name.endswith((".", ":")) else ".")


def write_pdf(html: Path, *, browser_path: str | None = None) -> Path | None:
    """Print the guide to PDF with the same Chromium the run used; None if there is none."""
    from playwright.sync_api import Error, sync_playwright

    try:
        executable = browser.find_chromium(browser_path)
    except PortalcheckError:
        return None
    pdf = html.with_suffix(".pdf")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(**browser.launch_args(executable))
        try:
            page = chromium.new_page()
            page.goto(html.resolve().as_uri())
            page.pdf(path=str(pdf), format="Letter", print_background=True)
        except Error:
            return None
        finally:
            chromium.close()
    return pdf if pdf.exists() else None
