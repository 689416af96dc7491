"""Running the bundled reference portal as its own server process for a test session."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from portalcheck.clock import ENV_CLOCK_FILE
from portalcheck.errors import PortalStartError

READY = "READY "


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
        seed: int = 42,
        variants: tuple[str, ...] = (),
    ):
        self.seed = seed
        self.variants = tuple(variants)
        self.smtp = smtp
        self.edition = edition
        self.database_url = database_url
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
            command += ["--database", self.database_url]
        if self.variants:
            command += ["--variant", ",".join(self.variants)]
        return command

    def start(self) -> "ReferencePortal":
        log = self.log_path.open("w", encoding="utf-8")
        env = {**os.environ, "PYTHONUNBUFFERED": "1", ENV_CLOCK_FILE: str(self.clock_path)}
        self._process = subprocess.Popen(
            self.command(), stdout=subprocess.PIPE, stderr=log, text=True, env=env,
            cwd=self._workdir.name,
        )
        log.close()
        self.url = self._await_ready()
        return self

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
        lines = [l for l in self.log_path.read_text(encoding="utf-8").splitlines() if l.strip()]
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
        self._workdir.cleanup()

    def __enter__(self) -> "ReferencePortal":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
