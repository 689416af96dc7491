"""The fleet's dashboard: a row per portal, a column per guide step and check family, each cell
linking to that portal's own report; and `fleet.json`, the same rows for a CI job to gate on."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portalcheck.report.html import CSS_CLASS, LABEL, STYLE
from portalcheck.report.results import CHECK_AREAS, FAILED, FLAKY, GUIDE_STEPS, GUIDES, NOT_APPLICABLE, PASSED, WARNING

if TYPE_CHECKING:
    from portalcheck.fleet import Outcome

CONFORMS, DOES_NOT_CONFORM, DID_NOT_RUN = "conforms", "does not conform", "did not run"
NOT_RUN = "not run"  # no scenario of this portal's run encodes the step or the family
VERDICT_CLASS = {CONFORMS: "passed", DOES_NOT_CONFORM: "failed", DID_NOT_RUN: "failed"}


def family_outcome(outcomes: list[str]) -> str:
    """A check family's cell: its worst check, as the reports name outcomes."""
    for worst in (FAILED, FLAKY, WARNING, PASSED):
        if worst in outcomes:
            return worst
    return NOT_APPLICABLE


def row(outcome: Outcome, report: Path) -> dict[str, Any]:
    """One portal's row, read from its report's summary.json (none when its run did not report)."""
    portal = outcome.portal
    base = {"name": portal.name, "portal": portal.target, "exit_code": outcome.exit_code,
            "log": outcome.log.relative_to(report).as_posix()}
    summary_path = outcome.folder / "summary.json"
    if outcome.reason or not summary_path.is_file():
        return {**base, "status": DID_NOT_RUN, "conforms": False, "reason": outcome.reason, "report": None}
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    conforms = outcome.exit_code == 0 and bool(summary.get("conforms"))
    index = outcome.folder / "index.html"
    return {**base, "status": CONFORMS if conforms else DOES_NOT_CONFORM, "conforms": conforms, "reason": "",
            "report": index.relative_to(report).as_posix() if index.is_file() else None,
            "profile": summary.get("profile", ""), "totals": summary.get("totals", {}),
            "guides": summary.get("guides", {}),
            "checks": {area: family_outcome(list(checks.values()))
                       for area, checks in summary.get("checks", {}).items()},
            "failures": [{"scenario": f.get("scenario", ""), "step": f.get("step", ""), "message": f.get("message", "")}
                         for f in summary.get("failures", [])]}


def columns(rows: list[dict[str, Any]]) -> tuple[list[tuple[str, str]], list[str]]:
    """The guide steps any portal's run encoded, in the guides' order, and the check families."""
    steps = {(guide, step) for r in rows for guide, outcomes in r.get("guides", {}).items() for step in outcomes}
    order = list(GUIDES)
    guide_steps = sorted(steps, key=lambda gs: (order.index(gs[0]) if gs[0] in order else len(order), gs[0],
                                                int(gs[1]) if gs[1].isdigit() else 0, gs[1]))
    families = sorted({area for r in rows for area in r.get("checks", {})},
                      key=lambda a: (list(CHECK_AREAS).index(a) if a in CHECK_AREAS else len(CHECK_AREAS), a))
    return guide_steps, families


def _cell(value: str, link: str | None, title: str) -> str:
    css = CSS_CLASS.get(value, "na")
    text = escape(LABEL.get(value, value))
    inner = f'<a class="{css}" href="{escape(link)}">{text}</a>' if link else f'<span class="{css}">{text}</span>'
    return f'<td title="{escape(title)}">{inner}</td>'


def _link(report: str | None, value: str, section: str) -> str | None:
    """The report's section for the cell; its top when the run had no such section."""
    return report and (report if value == NOT_RUN else f"{report}#{section}")


def _header(guide_steps: list[tuple[str, str]], families: list[str]) -> list[str]:
    guides: dict[str, int] = {}
    for guide, _ in guide_steps:
        guides[guide] = guides.get(guide, 0) + 1
    first = ['<tr><th scope=col rowspan=2>Portal</th><th scope=col rowspan=2>Verdict</th>',
             '<th scope=col rowspan=2>Scenarios</th>']
    first += [f'<th scope=colgroup colspan={n}>{escape(GUIDES.get(g, g))}: guide steps</th>' for g, n in guides.items()]
    if families:
        first.append(f'<th scope=colgroup colspan={len(families)}>Check families</th>')
    second = [f'<th scope=col title="{escape(GUIDE_STEPS.get(g, {}).get(int(s) if s.isdigit() else 0, ""))}">'
              f'Step {escape(s)}</th>' for g, s in guide_steps]
    second += [f'<th scope=col>{escape(CHECK_AREAS.get(a, a))}</th>' for a in families]
    return ["<thead>", "".join(first) + "</tr>", "<tr>" + "".join(second) + "</tr>", "</thead>"]


def _row_html(r: dict[str, Any], guide_steps: list[tuple[str, str]], families: list[str]) -> str:
    link = r["report"]
    name = f'<a href="{escape(link)}">{escape(r["name"])}</a>' if link else escape(r["name"])
    cells = [f'<th scope=row>{name}<br><small>{escape(r["portal"])}'
             f'{"; profile " + escape(r["profile"]) if r.get("profile") else ""}</small></th>',
             f'<td><strong class="{VERDICT_CLASS[r["status"]]}">{escape(r["status"])}</strong></td>']
    if r["status"] == DID_NOT_RUN:
        span = 1 + len(guide_steps) + len(families)
        cells.append(f'<td colspan={span}><span class="failed">did not run</span>: {escape(r["reason"])} '
                     f'(<a href="{escape(r["log"])}">its log</a>)</td>')
        return "<tr>" + "".join(cells) + "</tr>"
    totals = ", ".join(f"{n} {escape(outcome)}" for outcome, n in r["totals"].items() if n)
    cells.append(f"<td>{totals or 'none'}</td>")
    for guide, step in guide_steps:
        value = r["guides"].get(guide, {}).get(step, NOT_RUN)
        cells.append(_cell(value, _link(link, value, f"guide-{guide}"),
                           f"{r['name']}: {GUIDES.get(guide, guide)} step {step}"))
    for area in families:
        value = r["checks"].get(area, NOT_RUN)
        cells.append(_cell(value, _link(link, value, f"checks-{area}"),
                           f"{r['name']}: {CHECK_AREAS.get(area, area)} checks"))
    return "<tr>" + "".join(cells) + "</tr>"


def write_dashboard(outcomes: list[Outcome], report: Path, *, fleet: Path) -> list[dict[str, Any]]:
    """`index.html` and `fleet.json` in `report`; returns the rows."""
    rows = [row(outcome, report) for outcome in outcomes]
    guide_steps, families = columns(rows)
    conforming = sum(r["conforms"] for r in rows)
    verdict = "Every portal conforms" if conforming == len(rows) else f"{len(rows) - conforming} of {len(rows)} portals do not conform"
    parts = [f"<!doctype html><html lang=en><head><meta charset=utf-8><title>portalcheck fleet: {escape(fleet.name)}</title>",
             f"<style>{STYLE}</style></head><body><main>",
             f"<h1>Fleet conformance: {escape(fleet.name)}</h1>",
             f"<p><strong>{escape(verdict)}</strong> ({conforming} of {len(rows)} conform). Each cell links to "
             "that portal's own report.</p>",
             "<table>", *_header(guide_steps, families), "<tbody>",
             *(_row_html(r, guide_steps, families) for r in rows), "</tbody></table>"]
    failing = [r for r in rows if r.get("failures")]
    if failing:
        parts.append("<h2>Failures</h2><ul>")
        parts += [f'<li><a href="{escape(r["report"] or r["log"])}">{escape(r["name"])}</a>: '
                  f'{escape(f["scenario"])}, at {escape(f["step"] or "setting up")}: '
                  f'{escape(f["message"].partition(chr(10))[0])}</li>' for r in failing for f in r["failures"]]
        parts.append("</ul>")
    parts.append("</main></body></html>")
    (report / "index.html").write_text("\n".join(parts), encoding="utf-8")
    (report / "fleet.json").write_text(json.dumps({"fleet": str(fleet), "conforms": conforming == len(rows),
                                                   "portals": rows}, indent=1), encoding="utf-8")
    return rows
