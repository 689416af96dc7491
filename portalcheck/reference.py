"""Running the bundled reference portal as its own server process for a test session."""

from __future__ import annotations

import importlib.util
import os
import random
import secrets
import selectors
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from portalcheck.clock import ENV_CLOCK_FILE
from portalcheck.errors import PortalStartError

READY = "READY "
POSTGRES_SCHEMES = ("postgres", "postgresql")


def _redacted(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")))


class FreshDatabase:
    """A new, empty PostgreSQL database on the server `url` names, for one bundled portal.

    Workers each start their own portal, and each portal migrates and seeds its database: one
    shared database would be migrated and seeded by all of them at once. So the URL names the
    server, a user allowed to create databases (CREATEDB) and a name; each portal gets
    `<name>_pc_<random>`, dropped when the portal stops. Like Django's test databases, they are
    made from the server's `postgres` database (or the named one, where that is refused).
    """

    def __init__(self, url: str) -> None:
        self.server_url = url
        parts = urlsplit(url)
        base = (parts.path.lstrip("/") or "portal")[:40]
        self.name = f"{base}_pc_{secrets.token_hex(4)}"
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        self._connect_to = [urlunsplit(parts._replace(path="/postgres")), url]

    def _run(self, statement: str) -> None:
        try:
            import psycopg
            from psycopg import sql
        except ImportError:
            raise PortalStartError(
                f"--portal-database {_redacted(self.server_url)} needs psycopg: install the postgres extra "
                "(pip install -e '.[postgres]'; make setup does).") from None
        try:
            connection = self._connect(psycopg)
            with connection:
                connection.execute(sql.SQL(statement).format(sql.Identifier(self.name)))
        except psycopg.Error as error:
            reason = " ".join(str(error).split())
            raise PortalStartError(
                f"Could not {statement.split()[0].lower()} the bundled portal's database {self.name} on "
                f"{_redacted(self.server_url)}: {reason}. Check that the server runs and that the URL's user "
                "may create databases (CREATEDB).") from None

    def _connect(self, psycopg):  # noqa: ANN001, ANN202 - the lazily imported module; a connection
        for url in self._connect_to[:-1]:
            try:
                return psycopg.connect(url, autocommit=True, connect_timeout=10)
            except psycopg.OperationalError:
                continue  # no `postgres` database, or not allowed in it: try the one named
        return psycopg.connect(self._connect_to[-1], autocommit=True, connect_timeout=10)

    def create(self) -> str:
        self._run("CREATE DATABASE {}")
        return self.url

    def drop(self) -> None:
        self._run("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def _absolute_sqlite(url: str) -> str:
    """sqlite:///portal.sqlite3 names a file where the user ran portalcheck; the portal runs elsewhere."""
    parts = urlsplit(url)
    path = parts.path.removeprefix("/")
    if parts.scheme != "sqlite" or not path or path.startswith("/") or path == ":memory:":
        return url
    return f"sqlite:///{Path(path).resolve()}" + (f"?{parts.query}" if parts.query else "")


REFERENCE_EXTRA = ("django", "argon2", "dj_database_url", "reference_portal")


def check_installed() -> None:
    """PortalStartError in one line unless the bundled portal and its extra are installed."""
    missing = [name for name in REFERENCE_EXTRA if importlib.util.find_spec(name) is None]
    if missing:
        raise PortalStartError(
            f"The bundled reference portal needs {', '.join(missing)}: pip install 'portalcheck[reference]', "
            "or test your own portal with --portal-url URL.")


class ReferencePortal:
    """`python -m reference_portal serve` on a free port, sending its e-mail to `smtp`.

    `start()` blocks until the server prints its READY line (it binds before printing, so
    the URL answers at once) and raises PortalStartError with the server's own words if
    it exits first. `variants` names documented variations of the flows to render
    (`serve --variant`, reference_portal/variants.py).
    """

    def __init__(
        self,
        *,
        smtp: tuple[str, int],
        edition: str = "community-access",
        database_url: str | None = None,
        start_timeout: float = 60.0,
        seed: int | None = None,
        variants: tuple[str, ...] = (),
        keep_log: Path | None = None,
    ):
        # Where the portal's log (a line per request, and any error) is copied when it stops, so a
        # failed scenario can be read against what the portal did; None: it goes with the portal.
        self.keep_log = keep_log
        # A new seed each time unless given: runs (and CI jobs sharing a Mailpit) get their own data.
        self.seed = seed if seed is not None else random.randrange(1, 10**9)
        self.variants = tuple(variants)
        self.smtp = smtp
        self.edition = edition
        self.database_url = _absolute_sqlite(database_url) if database_url else None
        # A PostgreSQL server: this portal's own fresh database on it (FreshDatabase).
        self._fresh = (FreshDatabase(database_url)
                       if database_url and urlsplit(database_url).scheme in POSTGRES_SCHEMES else None)
        self.start_timeout = start_timeout
        self.url = ""
        self._process: subprocess.Popen[str] | None = None
        self._workdir = tempfile.TemporaryDirectory(prefix="portalcheck-portal-")
        self.log_path = Path(self._workdir.name) / "portal.log"
        # The portal seeds its database at start and lists what it made here for the steps.
        self.test_data_path = Path(self._workdir.name) / "test-data.json"
        # The offset the portal adds to its clock; tests move it with portalcheck.clock.PortalClock.
        self.clock_path = Path(self._workdir.name) / "clock"

    def command(self) -> list[str]:
        host, port = self.smtp
        command = [sys.executable, "-m", "reference_portal", "serve", "--host", "127.0.0.1",
                   "--port", "0", "--smtp", f"{host}:{port}", "--edition", self.edition,
                   "--seed", str(self.seed), "--test-data", str(self.test_data_path)]
        if self.database_url:
            command += ["--database", self._fresh.url if self._fresh else self.database_url]
        if self.variants:
            command += ["--variant", ",".join(self.variants)]
        return command

    def start(self) -> ReferencePortal:
        if self._fresh is not None:
            self._fresh.create()
        try:
            log = self.log_path.open("w", encoding="utf-8")
            env = {**os.environ, "PYTHONUNBUFFERED": "1", ENV_CLOCK_FILE: str(self.clock_path)}
            self._process = subprocess.Popen(
                self.command(), stdout=subprocess.PIPE, stderr=log, text=True, env=env,
                cwd=self._workdir.name,
            )
            log.close()
            self.url = self._await_ready()
        except BaseException:
            self._drop_database()
            raise
        return self

    def _drop_database(self) -> None:
        fresh, self._fresh = self._fresh, None
        if fresh is not None:
            fresh.drop()

    def _await_ready(self) -> str:
        assert self._process is not None and self._process.stdout is not None
        deadline = time.monotonic() + self.start_timeout
        with selectors.DefaultSelector() as selector:
            selector.register(self._process.stdout, selectors.EVENT_READ)
            while (remaining := deadline - time.monotonic()) > 0:
                if not selector.select(timeout=remaining):
                    break
                line = self._process.stdout.readline()
                if line.startswith(READY):
                    return line[len(READY):].strip()
                if line == "":  # the process closed stdout: it has exited
                    self._process.wait()
                    raise PortalStartError(
                        f"The reference portal exited at start ({self._process.returncode}): "
                        f"{self._last_log_line()} (full log: {self.log_path})."
                    )
        self.stop()
        raise PortalStartError(
            f"The reference portal did not start within {self.start_timeout:.0f}s; "
            f"see its log at {self.log_path}."
        )

    def _last_log_line(self) -> str:
        lines = [line for line in self.log_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return lines[-1] if lines else "it printed nothing"

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._process and self._process.stdout:
            self._process.stdout.close()
        if self.keep_log is not None and self.log_path.exists():
            try:
                self.keep_log.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(self.log_path, self.keep_log)
            except OSError:
                pass  # a log that cannot be kept must not fail the run it describes
        self._workdir.cleanup()
        if self._process is not None:  # only a portal that was started made a database
            self._drop_database()

    def __enter__(self) -> ReferencePortal:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
