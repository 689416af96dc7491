"""Scenarios that read e-mail pass with --imap-url: residents get plus-addresses of a real mailbox.

The reference portal runs on its own (as a vendor's portal would), sending to an SMTP relay that
delivers into a throwaway Dovecot over LMTP, as a city's mail server delivers into its mailboxes;
the conformance run reads that mailbox over IMAP from two workers.
"""

from __future__ import annotations

import os
import re
import smtplib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from aiosmtpd.controller import Controller
from dovecot import Dovecot, free_port, missing

from portalcheck.reference import ReferencePortal

PROJECT = Path(__file__).resolve().parent.parent.parent
PASSWORD = "correct horse battery staple"
# The scenarios that sign a new resident up and follow the e-mail (returning residents' seeded
# addresses are not the mailbox's, so their scenarios are left out).
MAIL_SCENARIOS = "email_from or verifies_the_registration or after_activating or before_activating"

pytestmark = pytest.mark.browser


class _Relay:
    """An SMTP server that hands each message to Dovecot's LMTP, as a mail server would."""

    def __init__(self, dovecot: Dovecot) -> None:
        self.dovecot = dovecot

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        with smtplib.LMTP(str(self.dovecot.lmtp_socket)) as lmtp:
            lmtp.sendmail(envelope.mail_from, envelope.rcpt_tos, envelope.original_content)  # type: ignore[attr-defined]
        return "250 Delivered"


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    reason = missing()
    if reason:
        pytest.skip(reason)
    with Dovecot({"qa": PASSWORD}) as server:
        yield server


@pytest.fixture
def relay(dovecot: Dovecot) -> Iterator[int]:
    controller = Controller(_Relay(dovecot), hostname="127.0.0.1", port=free_port(), server_hostname="relay.test")
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()


def test_scenarios_reading_mail_pass_with_a_real_imap_mailbox(dovecot: Dovecot, relay: int, tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PORTALCHECK_", "REFERENCE_PORTAL_", "PYTEST_XDIST_"))}
    with ReferencePortal(smtp=("127.0.0.1", relay)) as portal:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "portalcheck/features/test_community_access.py", "-p", "no:cacheprovider",
             "--tb=short", "-n", "2", "-k", MAIL_SCENARIOS, f"--junitxml={junit}", "--portal-url", portal.url,
             "--test-data", str(portal.test_data_path), "--imap-url", dovecot.url("qa@city.gov")],
            cwd=PROJECT, capture_output=True, text=True, timeout=600,
            env={**env, "PORTALCHECK_IMAP_PASSWORD": PASSWORD})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert f"mail IMAP mailbox qa@city.gov at {dovecot.url('qa@city.gov')}" in result.stdout
    cases = list(ElementTree.parse(junit).iter("testcase"))
    assert len(cases) >= 4 and not [c for c in cases if c.find("failure") is not None or c.find("skipped") is not None]
    # The mail reached the mailbox, and what the scenarios read was deleted from it.
    log = dovecot.log.read_text(errors="replace")
    delivered = log.count("saved mail to INBOX")
    expunged = sum(int(n) for n in re.findall(r"\bexpunged=(\d+)", log))
    assert delivered >= 4 and expunged >= 4, log[-3000:]
