"""An illustrated how-to for residents, written from a run of one feature with `--evidence`.

The city guides the suite encodes are themselves step-by-step documents with screenshots; a
run can produce the same for any portal, and it is current by construction.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portalcheck import browser
from portalcheck.errors import PortalcheckError
from portalcheck.report.render import render


@dataclass(frozen=True)
class Screenshot:
    src: str  # relative to the guide
    description: str


@dataclass(frozen=True)
class Instruction:
    instruction: str
    shots: list[Screenshot]


@dataclass(frozen=True)
class Section:
    """One scenario, as one numbered step of the guide."""

    name: str
    outcome: str
    message: str
    steps: list[Instruction]


def write_guide(report: Path, *, title: str | None = None) -> Path:
    """Write guide.html in `report` from its scenarios.json; returns its path."""
    path = report / "guide.html"
    path.write_text(render("guide.html", **guide_context(report, title=title)), encoding="utf-8")
    return path


def guide_context(report: Path, *, title: str | None = None) -> dict[str, Any]:
    """What `guide.html` shows of the run in `report`: its scenarios in the feature's order."""
    try:
        scenarios = json.loads((report / "scenarios.json").read_text(encoding="utf-8"))
    except OSError:
        raise PortalcheckError(f"No scenarios.json in {report}: the run wrote no report.") from None
    scenarios = [s for s in scenarios if s.get("scenario")]
    if not scenarios:
        raise PortalcheckError("The run had no scenarios to illustrate: check the feature's path.")
    scenarios.sort(key=lambda s: s["scenario"]["line_number"])
    feature = scenarios[0]["scenario"]["feature"]
    description = " ".join(line.strip() for line in feature.get("description", "").splitlines())
    return {"title": title or feature["name"], "description": description.strip(),
            "sections": [_section(result, report) for result in scenarios]}


def _section(result: dict, report: Path) -> Section:
    scenario = result["scenario"]
    shots: dict[str, list[Screenshot]] = {}
    for entry in result.get("evidence", []):
        src = os.path.relpath(entry["screenshot"], report).replace(os.sep, "/")
        shots.setdefault(entry["step"], []).append(Screenshot(src, entry["description"]))
    return Section(name=scenario["name"], outcome=result["outcome"],
                   message=result.get("message", ""),
                   steps=[Instruction(_as_instruction(step), shots.get(f"{step['keyword']} {step['name']}", []))
                          for step in scenario["steps"]])


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
