"""The bundled portal's log outlives it (kept beside the run's artifacts, one per worker), and says
whether a missing e-mail was ever sent."""

from __future__ import annotations

import re
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import httpx

from portalcheck import portal_log
from portalcheck.mail import EmbeddedInbox
from portalcheck.reference import ReferencePortal
from portalcheck.residents import make_resident

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_the_portals_log_is_kept_beside_the_artifacts_when_it_stops(tmp_path: Path) -> None:
    """A failed scenario can be read against what the portal did: its request lines stay."""
    kept = tmp_path / "artifacts" / "reference-portal-gw0.log"
    with ReferencePortal(smtp=("127.0.0.1", 1), keep_log=kept) as portal:
        with urllib.request.urlopen(portal.url + "sign-in/", timeout=10) as response:
            assert response.status == 200
    assert '"GET /sign-in/ HTTP/1.1" 200' in kept.read_text(encoding="utf-8")


def test_the_log_tells_a_sent_e_mail_from_one_never_sent(tmp_path: Path) -> None:
    """A missing e-mail is explained from the bundled portal's own "sent" lines, address by address."""
    resident = make_resident()
    with EmbeddedInbox() as inbox, ReferencePortal(smtp=(inbox.host, inbox.port)) as portal:
        with httpx.Client(base_url=portal.url, timeout=30) as client:
            form = client.get("sign-up/")
            token = CSRF.search(form.text)[1]
            # In capitals: the log is read as the inbox matches, without regard to case.
            answer = client.post("sign-up/", follow_redirects=True, data={
                "csrfmiddlewaretoken": token, "email": resident.email.upper(), "password": resident.password,
                "first_name": resident.first_name, "last_name": resident.last_name})
            assert answer.status_code == 200
        inbox.wait_for(resident.email, timeout=30)  # the line is written once the e-mail has gone
        after = datetime.now(UTC)
        log = portal.log_path
        sent = portal_log.explain_missing(log, resident.email, subject="activate your community access")
        never = portal_log.explain_missing(log, "someone.else@residents.example.test")
        other_subject = portal_log.explain_missing(log, resident.email, subject="Reset your password")
        earlier = portal_log.explain_missing(log, resident.email, since=after)
    assert f"records sending to {resident.email}: " in sent and "'Activate your Community Access account'" in sent
    assert "lost between the portal's SMTP client and the inbox" in sent
    assert never.startswith("The bundled portal's log records no e-mail sent to someone.else@residents.example.test")
    # What the wait did not look for is not "lost": another subject, or sent before the wait's start.
    assert other_subject.startswith('The bundled portal\'s log records no e-mail with a subject containing "Reset '
                                    f'your password" sent to {resident.email}: the portal did not send it')
    assert earlier.startswith(f"The bundled portal's log records no e-mail sent to {resident.email} since "
                              f"{after.astimezone():%H:%M:%S}: ")


def test_a_missing_or_unreadable_log_explains_nothing_sent(tmp_path: Path) -> None:
    assert portal_log.sent_to(tmp_path / "no-such.log", "a@b.test") == []
