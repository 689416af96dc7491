"""For tests that run portalcheck, a portal or a server as a process of its own."""

from __future__ import annotations

import contextlib
import os
import random
import re
import selectors
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

PROJECT = Path(__file__).resolve().parent.parent


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without the outer run's settings (a CI job's PORTALCHECK_MAILPIT_URL, say)."""
    kept = {key: value for key, value in os.environ.items()
            if not key.startswith(("PORTALCHECK_", "REFERENCE_PORTAL_", "PYTEST_XDIST_"))
            and key not in ("DJANGO_SETTINGS_MODULE", "PYTEST_CURRENT_TEST")}
    return {**kept, **extra}


def pytest_run(*args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """pytest in the project folder, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
                          cwd=PROJECT, capture_output=True, text=True, timeout=timeout, env=clean_env())


def passed(case: ElementTree.Element) -> bool:
    """A JUnit testcase that neither failed, errored nor was skipped (properties do not count)."""
    return not any(child.tag in ("failure", "error", "skipped") for child in case)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def await_line(stream: IO[str] | None, pattern: str, timeout: float = 60) -> re.Match[str]:
    """The first line of a process's output matching `pattern` (the process ending first fails)."""
    assert stream is not None
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        while (remaining := deadline - time.monotonic()) > 0 and selector.select(remaining):
            line = stream.readline()
            assert line, f"the process exited: {''.join(seen)[-2000:]}"
            seen.append(line)
            if found := re.search(pattern, line):
                return found
    raise AssertionError(f"no line matching {pattern!r} within {timeout}s: {''.join(seen)[-2000:]}")


@contextlib.contextmanager
def portal_by_hand(folder: Path, **env: str) -> Iterator[tuple[str, int, Path]]:
    """`python -m reference_portal serve` started as a vendor's portal would be, sending its e-mail
    to a fixed SMTP port nothing listens on yet: (its URL, that port, its test-data file)."""
    smtp_port = free_port()
    test_data = folder / "test-data.json"
    log = (folder / "portal.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "reference_portal", "serve", "--port", "0", "--smtp", f"127.0.0.1:{smtp_port}",
         "--seed", str(random.randrange(1, 10**9)), "--test-data", str(test_data)],
        cwd=folder, stdout=subprocess.PIPE, stderr=log, text=True, env=clean_env(PYTHONUNBUFFERED="1", **env))
    log.close()
    try:
        yield await_line(process.stdout, r"^READY (\S+)").group(1), smtp_port, test_data
    finally:
        stop(process)


def stop(process: subprocess.Popen[str]) -> None:
    """Terminate, then kill what does not stop; close its pipes."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()
