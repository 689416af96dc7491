"""The fleet's dashboard: a row per portal, a column per guide step and check family, each cell
linking to that portal's own report; and `fleet.json`, the same rows for a CI job to gate on.

The rows are gathered here; `templates/dashboard.html` lays them out, escaping every value."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portalcheck.report import wording
from portalcheck.report.render import render
from portalcheck.report.results import FAILED, FLAKY, NOT_APPLICABLE, PASSED, WARNING
from portalcheck.report.wording import NOT_RUN

if TYPE_CHECKING:
    from portalcheck.fleet import Outcome

CONFORMS, DOES_NOT_CONFORM, DID_NOT_RUN = "conforms", "does not conform", "did not run"
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
    guide_steps = sorted(steps, key=lambda gs: wording.guide_order(*gs))
    families = sorted({area for r in rows for area in r.get("checks", {})}, key=wording.area_order)
    return guide_steps, families


@dataclass(frozen=True)
class GuideCell:
    guide: str
    step: str
    outcome: str
    link: str | None


@dataclass(frozen=True)
class CheckCell:
    area: str
    outcome: str
    link: str | None


@dataclass(frozen=True)
class Row:
    """One portal's row as the dashboard shows it."""

    name: str
    portal: str
    profile: str
    status: str
    status_class: str
    report: str | None
    log: str
    did_not_run: bool
    reason: str
    totals: str
    guide_cells: list[GuideCell]
    check_cells: list[CheckCell]


@dataclass(frozen=True)
class Failure:
    portal: str
    link: str
    scenario: str
    step: str
    headline: str  # the message's first line


def _link(report: str | None, value: str, section: str) -> str | None:
    """The report's section for the cell; its top when the run had no such section."""
    return report and (report if value == NOT_RUN else f"{report}#{section}")


def _row(r: dict[str, Any], guide_steps: list[tuple[str, str]], families: list[str]) -> Row:
    link = r["report"]
    ran = r["status"] != DID_NOT_RUN
    guide_cells, check_cells = [], []
    if ran:
        for guide, step in guide_steps:
            value = r["guides"].get(guide, {}).get(step, NOT_RUN)
            guide_cells.append(GuideCell(guide, step, value, _link(link, value, wording.guide_anchor(guide))))
        for area in families:
            value = r["checks"].get(area, NOT_RUN)
            check_cells.append(CheckCell(area, value, _link(link, value, wording.checks_anchor(area))))
    return Row(name=r["name"], portal=r["portal"], profile=r.get("profile", ""), status=r["status"],
               status_class=VERDICT_CLASS[r["status"]], report=link, log=r["log"], did_not_run=not ran,
               reason=r["reason"],
               totals=", ".join(f"{n} {outcome}" for outcome, n in r["totals"].items() if n) if ran else "",
               guide_cells=guide_cells, check_cells=check_cells)


def write_dashboard(outcomes: list[Outcome], report: Path, *, fleet: Path) -> list[dict[str, Any]]:
    """`index.html` and `fleet.json` in `report`; returns the rows."""
    rows = [row(outcome, report) for outcome in outcomes]
    (report / "index.html").write_text(render("dashboard.html", **dashboard_context(rows, fleet=fleet)),
                                       encoding="utf-8")
    (report / "fleet.json").write_text(json.dumps({"fleet": str(fleet), "conforms": all(r["conforms"] for r in rows),
                                                   "portals": rows}, indent=1), encoding="utf-8")
    return rows


def dashboard_context(rows: list[dict[str, Any]], *, fleet: Path) -> dict[str, Any]:
    """What `dashboard.html` shows of the portals' rows, every value as plain text or numbers."""
    guide_steps, families = columns(rows)
    conforming = sum(r["conforms"] for r in rows)
    groups: dict[str, int] = {}  # how many step columns each guide spans, in the columns' order
    for guide, _ in guide_steps:
        groups[guide] = groups.get(guide, 0) + 1
    return {
        "fleet": fleet.name,
        "verdict": "Every portal conforms" if conforming == len(rows)
        else f"{len(rows) - conforming} of {len(rows)} portals do not conform",
        "conforming": conforming,
        "guide_groups": list(groups.items()),
        "guide_steps": guide_steps,
        "families": families,
        "rows": [_row(r, guide_steps, families) for r in rows],
        "failures": [Failure(portal=r["name"], link=r["report"] or r["log"], scenario=f["scenario"], step=f["step"],
                             headline=f["message"].partition("\n")[0])
                     for r in rows if r.get("failures") for f in r["failures"]],
    }
