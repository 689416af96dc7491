"""The bundled portal's seed: new each run, shown in the report header, settable, one per run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from portalcheck import controller

PROJECT = Path(__file__).resolve().parent.parent


def header_seed(*args: str) -> int:
    # -k selects nothing: the header is printed, no portal starts.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "portalcheck/features/test_community_access.py",
         "-k", "no_such_scenario", *args], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    found = re.search(r"portalcheck: portal bundled reference \(community-access, seed (\d+)\)", result.stdout)
    assert found, result.stdout + result.stderr
    return int(found.group(1))


def test_each_run_has_its_own_seed_and_a_given_one_is_kept() -> None:
    assert header_seed() != header_seed()
    assert header_seed("--portal-seed", "7") == 7


def test_workers_get_the_main_process_seed() -> None:
    main = SimpleNamespace(option=SimpleNamespace(portal_seed=None), stash=pytest.Stash())
    main.stash[controller._SEED] = 123456
    node = SimpleNamespace(config=main, workerinput={})
    controller.configure_node(node)
    worker = SimpleNamespace(option=main.option, stash=pytest.Stash(), workerinput=node.workerinput)
    controller.configure(worker)  # type: ignore[arg-type]
    assert controller.portal_seed(worker) == 123456  # type: ignore[arg-type]
