"""`--shard K/N`: this job's share of the scenarios, so N CI jobs cover the suite once.

Every job computes the same split from the same inputs: the collected scenarios and their
expected durations. Those come from `--shard-durations FILE` (a earlier report's
`scenarios.json`, the same file in every job) where given, else from each scenario's number of
steps, which every job reads alike from the feature files. Scenarios are dealt longest first to
the shard with the least time so far (ties by name), so the shards end close together.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from portalcheck import schedule
from portalcheck.errors import ConfigurationError

UNKNOWN = 1.0  # a test that is not a scenario: some time, so such tests spread too


def parse(value: str) -> tuple[int, int]:
    """--shard "K/N" as (K, N), 1 <= K <= N; ConfigurationError says what is wrong."""
    found = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value or "")
    if not found or not 1 <= int(found[1]) <= int(found[2]):
        raise ConfigurationError(f"--shard {value!r} is not K/N with 1 <= K <= N: give e.g. --shard 1/2 in one job "
                                 "and --shard 2/2 in the other.")
    return int(found[1]), int(found[2])


def split(expected: dict[str, float], shards: int) -> list[list[str]]:
    """The node IDs of each shard: longest first to the least loaded, deterministically."""
    loads = [0.0] * shards
    parts: list[list[str]] = [[] for _ in range(shards)]
    for nodeid in sorted(expected, key=lambda n: (-expected[n], n)):
        lightest = min(range(shards), key=lambda i: (loads[i], i))
        parts[lightest].append(nodeid)
        loads[lightest] += expected[nodeid]
    return parts


def durations(path: str | None) -> dict[str, float]:
    if not path:
        return {}
    if not Path(path).is_file():
        raise ConfigurationError(f"--shard-durations {path}: no such file; give a report's scenarios.json "
                                 "(the same file in every shard's job), or leave it out.")
    found = schedule.recorded_durations(str(Path(path).parent)) if Path(path).name == "scenarios.json" else {}
    if not found:
        raise ConfigurationError(f"--shard-durations {path} holds no scenario durations: give a report's "
                                 "scenarios.json.")
    return found


def check_options(options: argparse.Namespace) -> None:
    if options.shard:
        parse(options.shard)
        durations(options.shard_durations)
    elif options.shard_durations:
        raise ConfigurationError("--shard-durations balances shards: give --shard K/N too.")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not getattr(config.option, "shard", None):
        return
    number, total = parse(config.option.shard)
    recorded = durations(config.option.shard_durations)
    expected = {}
    for item in items:
        estimate = recorded.get(item.nodeid, schedule.estimate(item, {}))
        expected[item.nodeid] = UNKNOWN if estimate is None else estimate
    mine = set(split(expected, total)[number - 1])
    kept = [item for item in items if item.nodeid in mine]
    others = [item for item in items if item.nodeid not in mine]
    if others:
        config.hook.pytest_deselected(items=others)
    items[:] = kept
