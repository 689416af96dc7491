"""The reference portal served for real (`python -m reference_portal serve`), and residents using it over HTTP.

For tests that need what Django's test client cannot give: a threaded server whose requests each
hold their own database connection, on a SQLite file or on PostgreSQL, and mail sent over SMTP.
"""

from __future__ import annotations

import json
import os
import re
import selectors
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[2]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def clean_env() -> dict[str, str]:
    """This environment without the test session's portal settings, which must not leak into the server."""
    return {key: value for key, value in os.environ.items()
            if not key.startswith("REFERENCE_PORTAL_") and key not in ("DJANGO_SETTINGS_MODULE", "PYTEST_CURRENT_TEST")}


class ServedPortal:
    """One `serve` process on `database_url`, seeded, sending its mail to the SMTP server at `smtp`."""

    def __init__(self, database_url: str, *, smtp: str, variant: str = "", accounts: int = 5) -> None:
        self.database_url = database_url
        self._folder = Path(tempfile.mkdtemp(prefix="served-portal-"))
        self._command = [sys.executable, "-m", "reference_portal", "serve", "--port", "0", "--smtp", smtp,
                         "--database", database_url, "--seed", "7", "--accounts", str(accounts),
                         "--test-data", str(self._folder / "test-data.json"), "--variant", variant]
        self._process: subprocess.Popen[str] | None = None
        self.url = ""
        self.test_data: dict = {}
        self._visitors: list[Visitor] = []

    @property
    def log(self) -> str:
        """What the server wrote to stderr: tracebacks of server errors end up here."""
        path = self._folder / "stderr.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start(self) -> ServedPortal:
        # stderr to a file: a pipe nobody reads would fill up with tracebacks and stall the server.
        with open(self._folder / "stderr.log", "w") as stderr:
            self._process = subprocess.Popen(self._command, cwd=ROOT, env=clean_env(), text=True,
                                             stdout=subprocess.PIPE, stderr=stderr)
        with selectors.DefaultSelector() as selector:
            selector.register(self._process.stdout, selectors.EVENT_READ)
            line = self._process.stdout.readline() if selector.select(120) else ""
        if not line.startswith("READY "):
            self.stop()
            raise RuntimeError(f"the portal did not start: {line!r} {self.log[-2000:]}")
        self.url = line.split()[1]
        self.test_data = json.loads((self._folder / "test-data.json").read_text())
        return self

    def stop(self) -> None:
        for visitor in self._visitors:
            visitor.close()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=30)
        if self._process is not None and self._process.stdout is not None:
            self._process.stdout.close()

    def __enter__(self) -> ServedPortal:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def visitor(self) -> Visitor:
        """A new browser; closed when the portal stops."""
        return Visitor(self.url, opened=self._visitors)

    def count(self, sql: str, *params: object) -> int:
        """One number from the portal's database, read directly (`%s` placeholders on both engines)."""
        if self.database_url.startswith("sqlite"):
            path = urlsplit(self.database_url).path[1:]
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
                return connection.execute(sql.replace("%s", "?"), params).fetchone()[0]
        import psycopg

        with psycopg.connect(self.database_url) as connection:
            return connection.execute(sql, params).fetchone()[0]


class Visitor:
    """A browser-like HTTP client with its own cookies: it reads each form's CSRF token before posting."""

    def __init__(self, url: str, *, opened: list[Visitor], cookies: httpx.Cookies | None = None) -> None:
        self.client = httpx.Client(base_url=url, cookies=cookies, timeout=120, follow_redirects=False)
        self._tokens: dict[str, str] = {}
        self._opened = opened  # whoever closes these closes this one too
        opened.append(self)

    def open(self, path: str) -> httpx.Response:
        """GET a page, keeping the CSRF token of the form it holds for posting to it later."""
        response = self.client.get(path)
        found = CSRF.search(response.text)
        if found:
            self._tokens[path] = found.group(1)
        return response

    def submit(self, path: str, data: dict[str, str]) -> httpx.Response:
        """Post the form read at `path` (opened first if it was not)."""
        if path not in self._tokens:
            self.open(path)
        return self.client.post(path, data={**data, "csrfmiddlewaretoken": self._tokens[path]})

    def tab(self) -> Visitor:
        """Another tab of the same browser: the same cookies (the same session), its own connection."""
        return Visitor(str(self.client.base_url), opened=self._opened, cookies=httpx.Cookies(self.client.cookies))

    def close(self) -> None:
        self.client.close()


def at_once(visitors: list[Visitor], path: str, data_for: Callable[[int], dict[str, str]]) -> list[httpx.Response]:
    """Each visitor posts the form at `path` with `data_for(its index)`, all released by one barrier.

    Every form is opened (token read, connection made) before the barrier, so the posts leave together.
    """
    barrier = threading.Barrier(len(visitors))

    def post(index: int) -> httpx.Response:
        visitor = visitors[index]
        visitor.open(path)
        barrier.wait(timeout=120)
        return visitor.submit(path, data_for(index))

    with ThreadPoolExecutor(max_workers=len(visitors)) as pool:
        return list(pool.map(post, range(len(visitors))))
