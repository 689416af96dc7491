"""The bundled portal's --portal-database: a relative SQLite file is where the user ran the command.

The portal runs in a folder of its own, so a relative sqlite:/// path handed on as it is would
put the database in that temporary folder and lose it when the run ends.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from portalcheck.reference import ReferencePortal


def test_a_relative_sqlite_file_is_made_where_the_user_ran_portalcheck(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with ReferencePortal(smtp=("127.0.0.1", 1025), database_url="sqlite:///portal.sqlite3") as portal:
        assert portal.url.startswith("http://127.0.0.1:")
    with sqlite3.connect(tmp_path / "portal.sqlite3") as database:
        tables = {row[0] for row in database.execute("select name from sqlite_master where type = 'table'")}
    assert "auth_user" in tables or any(name.startswith("identity_") for name in tables), tables


@pytest.mark.parametrize("url", ["sqlite:////var/lib/portal.sqlite3", "postgresql://portal@db/portal",
                                 "sqlite://:memory:"])
def test_other_database_urls_are_handed_on_as_given(url: str) -> None:
    portal = ReferencePortal(smtp=("127.0.0.1", 1025), database_url=url)
    portal.stop()  # never started: only its folder to remove
    assert portal.database_url == url
