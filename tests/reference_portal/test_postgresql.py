"""The reference portal on PostgreSQL for real: its own tests, a seeded database, a conformance run.

Each test uses a throwaway cluster (conftest.postgresql, pg_cluster.py) started for this worker.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

PROJECT = Path(__file__).resolve().parent.parent.parent


def passed(case: ElementTree.Element) -> bool:
    """A JUnit testcase that neither failed, errored nor was skipped (properties do not count)."""
    return not any(child.tag in ("failure", "error", "skipped") for child in case)


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without the outer run's settings, plus `extra`."""
    kept = {key: value for key, value in os.environ.items()
            if not key.startswith(("PORTALCHECK_", "REFERENCE_PORTAL_", "PYTEST_XDIST_"))
            and key not in ("DJANGO_SETTINGS_MODULE", "PYTEST_CURRENT_TEST")}
    return {**kept, **extra}


# The portal's tests about what it stores: residents, tokens, lockouts, accounts, bills, permits.
# Not test_reference_portal_server.py (its `serve` processes get a clean environment, so SQLite)
# nor the variants' (the same models, rendered differently; 45 of the 130 seconds all would take).
# bad_input too: PostgreSQL refuses what SQLite stores (NUL characters), so bad input differs there.
# Not concurrency: it starts its own servers on this cluster.
ON_POSTGRESQL = ["identity", "tokens", "recovery", "billing", "citizen_access", "pages", "bad_input"]


def test_the_reference_portal_tests_pass_on_postgresql(postgresql, tmp_path: Path) -> None:
    """The portal's tests of what it stores, with its database on PostgreSQL."""
    url = postgresql.create_database("portal")
    junit = tmp_path / "junit.xml"
    modules = [f"tests/reference_portal/test_reference_portal_{name}.py" for name in ON_POSTGRESQL]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *modules, "-p", "no:cacheprovider",
         "-q", "--tb=short", "-n", "2", f"--junitxml={junit}"],
        cwd=PROJECT, capture_output=True, text=True, timeout=900,
        env=clean_env(REFERENCE_PORTAL_DATABASE_URL=url))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    cases = list(ElementTree.parse(junit).iter("testcase"))
    assert len(cases) >= 90 and all(passed(case) for case in cases), output[-3000:]
    # They ran on this cluster: a test database per worker, created and dropped again.
    log = postgresql.log.read_text(errors="replace")
    assert re.search(r"database=test_portal_gw[01]\b", log), postgresql.last_log_line()
    assert not [name for name in postgresql.databases() if name.startswith("test_portal")]


def test_seed_fills_a_postgresql_database_and_writes_its_test_data(postgresql, tmp_path: Path) -> None:
    url = postgresql.create_database("seeded")
    data = tmp_path / "test-data.json"
    command = [sys.executable, "-m", "reference_portal", "seed", "--seed", "7", "--accounts", "20",
               "--database", url, "--test-data", str(data)]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300, env=clean_env())
    assert result.returncode == 0, result.stderr
    written = json.loads(data.read_text())
    assert written["seed"] == 7 and len(written["utility_accounts"]) == 20

    import psycopg

    with psycopg.connect(url) as connection:
        (count,) = connection.execute("SELECT count(*) FROM billing_utilityaccount").fetchone()
    assert count == 20


def test_a_wrong_postgresql_url_is_one_line(postgresql, tmp_path: Path) -> None:
    wrong = postgresql.url("no_such_database").replace("postgres@", "postgres:secret@")
    result = subprocess.run(
        [sys.executable, "-m", "reference_portal", "seed", "--database", wrong, "--test-data", "-"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, env=clean_env())
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot prepare the database at" in lines[0], result.stderr
    assert "secret" not in result.stderr and "postgres:***@" in lines[0]


@pytest.mark.browser
def test_a_conformance_run_on_postgresql_passes(postgresql, tmp_path: Path) -> None:
    """Two workers, each with its bundled portal on its own fresh database on the cluster."""
    junit = tmp_path / "junit.xml"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "portalcheck/features/test_community_access.py", "-n", "2", "-p", "no:cacheprovider",
         "-q", "--tb=short", f"--junitxml={junit}", "--portal-database", postgresql.url("portal")],
        cwd=PROJECT, capture_output=True, text=True, timeout=900, env=clean_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    cases = list(ElementTree.parse(junit).iter("testcase"))
    assert len([case for case in cases if passed(case)]) >= 40, output[-3000:]
    # Each worker's portal had a database of its own on this cluster, dropped at the end.
    used = set(re.findall(r"database=(portal_pc_[0-9a-f]{8})\b", postgresql.log.read_text(errors="replace")))
    assert len(used) == 2, used
    assert not [name for name in postgresql.databases() if name.startswith("portal_pc_")]
