"""An e-mail sent twice, late, to the wrong recipient or with a broken link is named as such,
never as a timeout; each check is also shown not to fire on a sound message."""

from __future__ import annotations

import smtplib
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from portalcheck.errors import LinkNotFound, MailboxUnreachable, MailDuplicated, MailLate, MailMisdirected, MailTimeout
from portalcheck.journeys.mailbox import verification_email
from portalcheck.mail import Address, EmbeddedInbox, MailpitInbox, Message
from portalcheck.profile import load_profile
from portalcheck.residents import Resident

ANN = "ann.lee.3f9c0a1b2c4d@residents.example.test"
FROM = "Community Access Identity <noreply@portal.test>"


@pytest.fixture
def inbox() -> Iterator[EmbeddedInbox]:
    with EmbeddedInbox() as started:
        yield started


def send(inbox: EmbeddedInbox, to: str, subject: str = "Activate your account", body: str = "token 1") -> None:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = FROM, to, subject
    mail.set_content(f"Activate: https://portal.test/activate/{body}/\n")
    with smtplib.SMTP(inbox.host, inbox.port, timeout=5) as client:
        client.send_message(mail)


@pytest.mark.parametrize("near", ["ann.lee.3f9c0a1b2c4d@elsewhere.residents.example.test",
                                  "ann.le.3f9c0a1b2c4d@residents.example.test"])
def test_a_message_for_a_near_miss_address_is_named(inbox: EmbeddedInbox, near: str) -> None:
    send(inbox, near)
    with pytest.raises(MailMisdirected) as caught:
        inbox.wait_for(ANN, subject="Activate", timeout=0.2)
    assert str(caught.value).startswith(
        f'The e-mail for {ANN} went to another address: a message from {FROM} ("Activate your account") '
        f"arrived for {near}, not {ANN}; nothing with that subject arrived for {ANN} within 0.2s.")


def test_another_resident_s_mail_is_no_near_miss(inbox: EmbeddedInbox) -> None:
    # Positive control: parallel residents' addresses differ by their random part.
    send(inbox, "bob.ray.8e7d6c5b4a3f@residents.example.test")
    with pytest.raises(MailTimeout) as caught:
        inbox.wait_for(ANN, subject="Activate", timeout=0.2)
    assert not isinstance(caught.value, MailMisdirected)
    assert "nothing arrived for that address (1 message to other addresses)" in str(caught.value)


def test_a_message_after_the_deadline_is_late_not_missing(inbox: EmbeddedInbox) -> None:
    timeout = 4.0  # the late window runs on to 6 s: the message comes in its middle
    threading.Timer(5.0, send, args=(inbox, ANN)).start()
    with pytest.raises(MailLate) as caught:
        inbox.wait_for(ANN, subject="Activate", timeout=timeout)
    assert 4.0 <= caught.value.seconds <= 6.0
    assert str(caught.value).startswith(f'The e-mail "Activate your account" to {ANN} arrived late: after ')
    assert "past the 4s the profile allows (email.timeout_seconds)" in str(caught.value)


def test_a_message_before_the_deadline_is_on_time(inbox: EmbeddedInbox) -> None:
    threading.Timer(0.3, send, args=(inbox, ANN)).start()
    assert inbox.wait_for(ANN, subject="Activate", timeout=2.0).subject == "Activate your account"


def resident() -> Resident:
    return Resident(first_name="Ann", last_name="Lee", email=ANN, password="correct horse battery staple")


SUBJECT = load_profile("reference").email.subject  # "Activate your Community Access account"


def test_the_same_e_mail_twice_is_reported(inbox: EmbeddedInbox) -> None:
    send(inbox, ANN, SUBJECT)
    send(inbox, ANN, SUBJECT)
    inbox.wait_for(ANN, timeout=5)
    while len(inbox.messages_to(ANN)) < 2:  # the second delivery is in flight: wait on its arrival
        inbox.wait_for(ANN, timeout=5, since=datetime.now(UTC))
    with pytest.raises(MailDuplicated) as caught:
        verification_email(inbox, load_profile("reference"), resident(), show=False)
    assert caught.value.copies == 2
    assert str(caught.value).startswith(f'Two messages "{SUBJECT}" arrived for {ANN} (at ')


def test_two_different_e_mails_are_no_duplicate(inbox: EmbeddedInbox) -> None:
    # Positive control: a second activation e-mail with a new link is a new e-mail, not a copy.
    send(inbox, ANN, SUBJECT, body="token 1")
    send(inbox, ANN, SUBJECT, body="token 2")
    while len(inbox.messages_to(ANN)) < 2:
        inbox.wait_for(ANN, timeout=5, since=datetime.now(UTC))
    assert "token 2" in verification_email(inbox, load_profile("reference"), resident(), show=False).text


def message(html: str) -> Message:
    return Message(id="1", sender=Address("Community Access Identity", "noreply@portal.test"), recipients=(ANN,),
                   subject="Activate your account", text="", html=html, received_at=datetime.now(UTC))


@pytest.mark.parametrize(("html", "why"), [
    ('<a href="#">Activate account</a>', 'its address is "#"'),
    ('<a href="">Activate account</a>', 'its address is ""'),
    ("<a>Activate account</a>", "it has no address (no href)"),
])
def test_a_link_with_its_text_but_no_address_is_broken(html: str, why: str) -> None:
    with pytest.raises(LinkNotFound) as caught:
        message(html).link("Activate account")
    assert str(caught.value) == (f'The link "Activate account" in the e-mail "Activate your account" to {ANN} is '
                                 f"broken: {why}, so it opens nothing. Fix the portal's e-mail template.")


def test_a_sound_link_is_followed() -> None:
    assert message('<a href="https://portal.test/activate/a/b/">Activate account</a>').link(
        "Activate account") == "https://portal.test/activate/a/b/"


class MailpitThatStops(BaseHTTPRequestHandler):
    """Answers as an empty Mailpit until the server is shut down."""

    def do_GET(self) -> None:  # noqa: N802
        body = b'{"messages": []}' if self.path.startswith("/api/v1/search") else b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_mailpit_that_stops_answering_mid_wait_is_named_at_once() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), MailpitThatStops)
    serving = threading.Thread(target=server.serve_forever)
    serving.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    outcome: list[BaseException] = []
    polled = threading.Event()

    class Watching(MailpitInbox):
        def _search(self, *args: object, **kwargs: object) -> list:
            found = super()._search(*args, **kwargs)
            polled.set()
            return found

    with Watching(url, poll_interval=0.05) as mailpit:
        mailpit.check()
        waiting = threading.Thread(target=lambda: outcome.append(
            pytest.raises(MailboxUnreachable, mailpit.wait_for, ANN, timeout=30).value))
        waiting.start()
        assert polled.wait(10)
        began = time.monotonic()
        server.shutdown()
        server.server_close()
        serving.join()
        waiting.join(timeout=15)
    assert not waiting.is_alive() and time.monotonic() - began < 15
    assert str(outcome[0]).startswith(f"Mailpit is not answering at {url}: ")
