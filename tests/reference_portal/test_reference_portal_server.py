"""The `python -m reference_portal` command as the harness runs it, in a real process."""

from __future__ import annotations

import os
import selectors
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def portal_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "reference_portal", *args]


def clean_env() -> dict[str, str]:
    # Settings the test session made must not leak into the server under test.
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("REFERENCE_PORTAL_") and key != "DJANGO_SETTINGS_MODULE"
    }


def read_line(stream, timeout: float) -> str:
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise AssertionError(f"no output within {timeout} s")
    return stream.readline()


def test_serve_prints_ready_and_answers_then_stops_on_sigterm():
    command = portal_command("serve", "--port", "0", "--smtp", f"127.0.0.1:{free_port()}")
    with subprocess.Popen(
        command, cwd=ROOT, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            line = read_line(process.stdout, timeout=60)
            assert line.startswith("READY http://127.0.0.1:"), line + process.stderr.read()
            url = line.split()[1]
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.status == 200
                assert response.url == url + "sign-in/"
                assert "<h1>Sign in to community access services.</h1>" in response.read().decode()
        finally:
            process.terminate()
            returncode = process.wait(timeout=20)
        assert returncode == 0, process.stderr.read()
        assert process.stdout.read() == ""


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["serve", "--smtp", "localhost"], "--smtp"),
        (["serve", "--database", "nosuch://x"], "--database"),
        (["serve", "--port", "70000"], "--port"),
        (["serve", "--edition", "nowhere"], "--edition"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_code_2(args, complaint):
    result = subprocess.run(
        portal_command(*args), cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and complaint in lines[0], result.stderr


def test_port_in_use_is_reported():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            portal_command("serve", "--port", str(port), "--smtp", "127.0.0.1:1025"),
            cwd=ROOT,
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert "cannot listen on 127.0.0.1" in result.stderr and "--port" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_manage_passes_through_to_django():
    result = subprocess.run(
        portal_command("manage", "check"), cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_http_servers_answer_without_waiting_for_a_delayed_ack():
    """Each answer goes out in several writes; with Nagle's algorithm the last one waits for the
    client's delayed ACK (40 ms a request on Linux). The portal, the payment processor and the
    shared inbox all switch it off for every connection they accept."""
    from portalcheck.mail.shared import _Handler as InboxHandler
    from reference_portal.cli import bind
    from reference_portal.processor.server import Handler as ProcessorHandler

    server = bind("127.0.0.1", 0)
    try:
        handlers = [server.RequestHandlerClass, ProcessorHandler, InboxHandler]
        assert all(handler.disable_nagle_algorithm for handler in handlers)
    finally:
        server.server_close()
