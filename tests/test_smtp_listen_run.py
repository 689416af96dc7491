"""A portal started by hand, given by URL, e-mailing the run's one --smtp-listen inbox.

The reference portal runs as its own server process, as a vendor's staging portal would, with
its SMTP settings naming a fixed address. The conformance run listens there in its main process
and its two pytest-xdist workers read what arrives: every scenario must pass.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.etree import ElementTree

import pytest
import runs
from runs import passed, pytest_run


@pytest.fixture
def portal_by_hand(tmp_path: Path) -> Iterator[tuple[str, int, Path]]:
    """`python -m reference_portal serve` sending to a fixed SMTP port nothing listens on yet."""
    with runs.portal_by_hand(tmp_path) as portal:
        yield portal


@pytest.mark.browser
def test_a_portal_given_by_url_passes_with_smtp_listen_and_two_workers(
        portal_by_hand: tuple[str, int, Path], tmp_path: Path) -> None:
    url, smtp_port, test_data = portal_by_hand
    junit = tmp_path / "junit.xml"
    result = pytest_run("portalcheck/features/test_community_access.py", "-n", "2", "-q", "--tb=short",
                        f"--junitxml={junit}", "--portal-url", url, "--smtp-listen", f"127.0.0.1:{smtp_port}",
                        "--test-data", str(test_data))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    cases = list(ElementTree.parse(junit).iter("testcase"))
    ran = [case for case in cases if passed(case)]
    assert len(ran) >= 40, f"only {len(ran)} of {len(cases)} scenarios ran and passed:\n{output[-3000:]}"


@pytest.mark.parametrize(("args", "complaint"), [
    (["--smtp-listen", "2525"], "--smtp-listen '2525' is not HOST:PORT; give e.g. --smtp-listen 0.0.0.0:2525"),
    (["--smtp-listen", "127.0.0.1:2525", "--mailpit-url", "http://127.0.0.1:8025"],
     "--mailpit-url and --smtp-listen are two mailboxes: choose one"),
    (["--imap-url", "imaps://qa@city.gov@imap.city.gov/INBOX"],
     "--imap-url reads a real mailbox the portal under test sends to, so it needs --portal-url"),
])
def test_a_mailbox_option_used_wrongly_stops_the_run_in_one_line(args: list[str], complaint: str) -> None:
    # -k selects nothing: the options are checked before any scenario would start a portal.
    result = pytest_run("portalcheck/features/test_community_access.py", "-k", "no_such_scenario", *args, timeout=120)
    assert result.returncode == 4, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR: ")]
    assert len(errors) == 1 and complaint in errors[0], result.stderr


def test_a_busy_listen_port_is_named(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = pytest_run("portalcheck/features/test_community_access.py", "-k", "no_such_scenario",
                            "--smtp-listen", f"127.0.0.1:{port}", timeout=120)
    assert result.returncode == 4
    assert f"ERROR: Could not start the embedded SMTP inbox on 127.0.0.1:{port}: Address already in use" in result.stderr


def test_the_imap_password_comes_only_from_its_variable() -> None:
    class Answer(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    with ThreadingHTTPServer(("127.0.0.1", 0), Answer) as portal:  # something answering at --portal-url
        serving = threading.Thread(target=portal.serve_forever)
        serving.start()
        try:
            result = pytest_run("portalcheck/features/test_community_access.py", "-k", "no_such_scenario",
                                "--portal-url", f"http://127.0.0.1:{portal.server_address[1]}/",
                                "--imap-url", "imaps://qa@city.gov@imap.city.gov/INBOX", timeout=120)
        finally:
            portal.shutdown()
            serving.join()
    assert result.returncode == 4
    assert ("ERROR: PORTALCHECK_IMAP_PASSWORD is not set: set it to the password of qa@city.gov at "
            "imaps://qa@city.gov@imap.city.gov:993/INBOX (it is read only from this variable).") in result.stderr
