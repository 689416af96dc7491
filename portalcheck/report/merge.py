"""One report from the report folders of a run's shards (`portalcheck merge DIR...`).

Each shard's folder holds its scenarios (`scenarios.json`, every result in full), its summary
and its JUnit XML; the merged folder gets the same files, written by the same code as a run's,
so its verdict and totals are those of an unsharded run. Screenshots and traces are copied in
(CI jobs download shards' folders anywhere, so the paths they recorded are re-rooted).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from portalcheck.errors import PortalcheckError
from portalcheck.report.plugin import write_report
from portalcheck.report.results import Results, ScenarioResult

MARK = "/artifacts/"


class MergeError(PortalcheckError):
    """The folders are not the shards of one run."""


def _read_json(folder: Path, name: str) -> Any:
    path = folder / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MergeError(f"{folder} has no {name}: give the report folders (--report-dir) of `portalcheck run` "
                         "jobs.") from None
    except ValueError as error:
        raise MergeError(f"{path} is not readable JSON ({error}): was its job stopped while writing?") from None


def _rerooted(path: str, shard: Path, into: Path) -> str:
    """A recorded artifact path, pointing at its copy in the merged folder."""
    if path.startswith(f"{shard}/"):
        relative = path[len(f"{shard}/"):]
    elif MARK in path:
        relative = "artifacts/" + path.split(MARK, 1)[1]
    else:
        return path
    return str(into / relative)


def merge(folders: list[Path], into: Path) -> Results:
    """Write the merged report into `into`; the merged results. MergeError names a mismatch."""
    if len(folders) < 2:
        raise MergeError("give two or more report folders to merge (one per shard).")
    results = Results()
    seen: dict[str, Path] = {}
    portal: str | None = None
    profile: str | None = None
    into.mkdir(parents=True, exist_ok=True)
    for number, folder in enumerate(folders, start=1):
        folder = folder.resolve()
        summary = _read_json(folder, "summary.json")
        if portal is None:
            portal, profile = summary["portal"], summary["profile"]
        elif (summary["portal"], summary["profile"]) != (portal, profile):
            raise MergeError(f"{folder} tested {summary['portal']} with {summary['profile']}, the first folder "
                             f"{portal} with {profile}: merge the shards of one run only.")
        copy = into / "shards" / str(number)
        if (folder / "artifacts").is_dir():
            shutil.copytree(folder / "artifacts", copy / "artifacts", dirs_exist_ok=True)
        for data in _read_json(folder, "scenarios.json"):
            result = ScenarioResult(**data)
            if result.nodeid in seen:
                raise MergeError(f"{result.nodeid} ran in both {seen[result.nodeid]} and {folder}: were they "
                                 "shards (--shard K/N) of one run, each K once?")
            seen[result.nodeid] = folder
            result.artifacts = [_rerooted(a, folder, copy) for a in result.artifacts]
            for entry in result.evidence:
                if "screenshot" in entry:
                    entry["screenshot"] = _rerooted(entry["screenshot"], folder, copy)
            results.scenarios[result.nodeid] = result
    assert portal is not None and profile is not None  # read from the first folder's summary
    write_report(results, into, portal=portal, profile=profile)
    merge_junit([folder / "junit.xml" for folder in folders], into / "junit.xml")
    return results


def merge_junit(files: list[Path], into: Path) -> None:
    """The shards' test cases in one suite, its counts summed (files missing are left out)."""
    merged = ElementTree.Element("testsuite", name="portalcheck")
    counts = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    time = 0.0
    for path in files:
        if not path.is_file():
            continue
        root = ElementTree.parse(path).getroot()
        for suite in ([root] if root.tag == "testsuite" else root.iter("testsuite")):
            for key in counts:
                counts[key] += int(suite.get(key, 0))
            time += float(suite.get("time", 0))
            merged.extend(suite.iter("testcase"))
    for key, value in counts.items():
        merged.set(key, str(value))
    merged.set("time", f"{time:.3f}")
    suites = ElementTree.Element("testsuites")
    suites.append(merged)
    ElementTree.ElementTree(suites).write(into, encoding="utf-8", xml_declaration=True)
