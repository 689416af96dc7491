"""A throwaway PostgreSQL cluster (Debian's `postgresql` package) for the tests that need one.

initdb in a temporary folder, then `pg_ctl start -w` on a free loopback port with its unix socket
in that folder; `trust` authentication, durability off (it is thrown away). initdb refuses to run
as root, so as root the cluster belongs to the `postgres` OS user the package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

INSTALL = "apt-get install postgresql (.ci/run does)"


def bindir() -> Path | None:
    """The folder of initdb and pg_ctl: Debian keeps them out of PATH, per major version."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda path: int(Path(path).parent.parent.name) if Path(path).parent.parent.name.isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def missing() -> str | None:
    """Why no cluster can be started here, or None."""
    if bindir() is None:
        return f"PostgreSQL is not installed: {INSTALL}"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return f"no postgres OS user to run initdb as (initdb refuses root): {INSTALL}"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed: pip install -e '.[postgres]' (make setup does)"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresCluster:
    """One cluster; `url(name)` is a database on it as the superuser `postgres`."""

    def __init__(self) -> None:
        found = bindir()
        assert found is not None, missing()
        self.bin = found
        self.root = Path(tempfile.mkdtemp(prefix="pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgresql.log"
        self.port = 0
        self._owner = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        if self._owner is not None:
            os.chown(self.root, self._owner.pw_uid, self._owner.pw_gid)

    def _run(self, *command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.bin / command[0]), *command[1:]], cwd=self.root, capture_output=True,
                              text=True, timeout=120, user=self._owner.pw_uid if self._owner else None)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> PostgresCluster:
        made = self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                         "--locale=C", "--no-sync")
        if made.returncode != 0:
            raise RuntimeError(f"initdb failed: {(made.stderr or made.stdout).strip().splitlines()[-1:]}")
        for _ in range(3):  # another process may take the port between choosing and binding it
            self.port = free_port()
            settings = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                        "-c synchronous_commit=off -c full_page_writes=off -c log_connections=on")
            # -w: pg_ctl returns once the server accepts connections (or has failed).
            started = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                                "-o", settings, "start")
            if started.returncode == 0:
                return self
        raise RuntimeError(f"PostgreSQL did not start: {self.last_log_line()}")

    def last_log_line(self) -> str:
        lines = self.log.read_text(errors="replace").splitlines() if self.log.exists() else []
        return lines[-1] if lines else "no log"

    def databases(self) -> list[str]:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            rows = connection.execute("SELECT datname FROM pg_database WHERE NOT datistemplate").fetchall()
        return sorted(name for (name,) in rows)

    def create_database(self, name: str) -> str:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def stop(self) -> None:
        if self.data.exists() and (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PostgresCluster:
        try:
            return self.start()
        except BaseException:
            self.remove()
            raise

    def __exit__(self, *exc_info: object) -> None:
        self.remove()
