"""`portalcheck run --repeat N`: the same run N times, and every scenario whose outcome changed.

A scenario that passes in one run and fails in another is a flake: something in the portal, the
harness or the machine decides the outcome besides the portal's behaviour. Each run writes its
own report folder (`run-01/`, `run-02/`, ...); the comparison reads their `scenarios.json` and
lists, for every scenario whose outcome differed, each run's outcome and failure message, so the
cause can be found and fixed (never retried away).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from portalcheck.errors import PortalcheckError

MISSING = "not run"


@dataclass(frozen=True)
class RunOutcome:
    """One scenario's outcome in one run, and its failure message if it had one."""

    run: str
    outcome: str
    message: str = ""


@dataclass(frozen=True)
class Changed:
    """A scenario whose outcome was not the same in every run."""

    nodeid: str
    name: str
    outcomes: tuple[RunOutcome, ...]


@dataclass
class Comparison:
    """What N runs' reports say together."""

    runs: list[str]
    scenarios: int = 0
    changed: list[Changed] = field(default_factory=list)
    # Per run, how many scenarios had each outcome (the run's verdict totals).
    totals: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def identical(self) -> bool:
        return not self.changed


def read_outcomes(folder: Path) -> dict[str, tuple[str, str, str]]:
    """{node ID: (scenario name, outcome, message)} from a report folder's scenarios.json."""
    path = folder / "scenarios.json"
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PortalcheckError(f"No readable scenarios.json in {folder} ({error}): is it a report folder "
                               "of `portalcheck run`?") from None
    return {entry["nodeid"]: ((entry.get("scenario") or {}).get("name") or entry["nodeid"],
                              entry["outcome"], entry.get("message", "")) for entry in entries}


def compare(folders: list[Path]) -> Comparison:
    """Every scenario whose outcome differed across the report folders (a scenario missing from
    one counts as "not run" there), in the order the first run met them."""
    runs = [folder.name for folder in folders]
    read = [read_outcomes(folder) for folder in folders]
    comparison = Comparison(runs=runs)
    for run, outcomes in zip(runs, read, strict=False):
        totals: dict[str, int] = {}
        for _, outcome, _ in outcomes.values():
            totals[outcome] = totals.get(outcome, 0) + 1
        comparison.totals[run] = totals
    nodeids = list(dict.fromkeys(nodeid for outcomes in read for nodeid in outcomes))
    comparison.scenarios = len(nodeids)
    for nodeid in nodeids:
        seen = [outcomes.get(nodeid) for outcomes in read]
        kinds = {entry[1] if entry else MISSING for entry in seen}
        if len(kinds) > 1:
            name = next(entry[0] for entry in seen if entry)
            comparison.changed.append(Changed(nodeid, name, tuple(
                RunOutcome(run, entry[1], entry[2]) if entry else RunOutcome(run, MISSING)
                for run, entry in zip(runs, seen, strict=False))))
    return comparison


def as_text(comparison: Comparison) -> str:
    """The short account printed at the end and written to repeat.txt."""
    n = len(comparison.runs)
    if comparison.identical:
        lines = [f"portalcheck: repeat: {n} runs, {comparison.scenarios} scenarios: every outcome the same in "
                 "every run"]
    else:
        lines = [f"portalcheck: repeat: {n} runs, {comparison.scenarios} scenarios: "
                 f"{len(comparison.changed)} changed outcome:"]
    for changed in comparison.changed:
        lines.append(f"  {changed.name} ({changed.nodeid})")
        for entry in changed.outcomes:
            message = " ".join(entry.message.split())
            lines.append(f"    {entry.run}: {entry.outcome}" + (f": {message[:300]}" if message else ""))
    return "\n".join(lines)


def write(comparison: Comparison, folder: Path, *, runs: list[dict]) -> None:
    """repeat.json (each run's exit code, seed and totals; every changed scenario) and repeat.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    document = {"identical": comparison.identical, "scenarios": comparison.scenarios,
                "runs": [{**run, "totals": comparison.totals.get(run["folder"], {})} for run in runs],
                "changed": [asdict(changed) for changed in comparison.changed]}
    (folder / "repeat.json").write_text(json.dumps(document, indent=1), encoding="utf-8")
    stopped = [f"  {run['folder']}: stopped before reporting: {run['error']}" for run in runs if run.get("error")]
    (folder / "repeat.txt").write_text("\n".join([as_text(comparison), *stopped]) + "\n", encoding="utf-8")
