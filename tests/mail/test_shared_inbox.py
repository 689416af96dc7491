"""The --smtp-listen inbox: one EmbeddedInbox in the main process, read by workers over InboxAPI."""

from __future__ import annotations

import smtplib
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from portalcheck.errors import MailboxUnreachable, MailError, MailLate, MailMisdirected, MailTimeout
from portalcheck.mail import EmbeddedInbox, Inbox
from portalcheck.mail.shared import InboxAPI, RemoteInbox, parse_listen, portal_hint


@pytest.fixture
def listening() -> Iterator[tuple[EmbeddedInbox, RemoteInbox]]:
    inbox = EmbeddedInbox("127.0.0.1", 0)
    with inbox:
        inbox.hint = portal_hint("127.0.0.1", inbox.port)
        api = InboxAPI(inbox).start()
        try:
            with RemoteInbox(api.url, listen=("127.0.0.1", inbox.port)) as remote:
                yield inbox, remote
        finally:
            api.stop()


def send(port: int, to: str, subject: str) -> None:
    mail = EmailMessage()
    mail["From"] = "Community Access Identity <noreply@portal.test>"
    mail["To"] = to
    mail["Subject"] = subject
    mail.set_content("Activate: https://portal.test/activate/1/abc/\n")
    mail.add_alternative('<a href="https://portal.test/activate/1/abc/">Activate account</a>', subtype="html")
    with smtplib.SMTP("127.0.0.1", port, timeout=5) as client:
        client.send_message(mail)


def test_a_worker_reads_what_the_main_process_received(listening: tuple[EmbeddedInbox, RemoteInbox]) -> None:
    inbox, remote = listening
    assert isinstance(remote, Inbox)
    assert remote.describe() == inbox.describe()
    send(inbox.port, "ann@x.test", "Activate your account")
    message = remote.wait_for("ann@x.test", subject="activate", timeout=5)
    assert message == inbox.wait_for("ann@x.test", timeout=1)  # the same message, with its time and id
    assert message.link("Activate account") == "https://portal.test/activate/1/abc/"
    assert remote.messages_to("ann@x.test") == [message]
    assert remote.messages_to("joann@x.test") == []


def test_a_wait_in_a_worker_wakes_on_delivery(listening: tuple[EmbeddedInbox, RemoteInbox]) -> None:
    inbox, remote = listening
    since = datetime.now(UTC)
    results: list[str] = []
    waiting = threading.Thread(target=lambda: results.append(
        remote.wait_for("bob@x.test", subject="Reset", since=since, timeout=20).subject))
    waiting.start()
    send(inbox.port, "bob@x.test", "Something else")
    send(inbox.port, "bob@x.test", "Reset your password")
    waiting.join(timeout=20)
    assert results == ["Reset your password"]


def test_the_timeout_says_what_to_set_on_the_portal(listening: tuple[EmbeddedInbox, RemoteInbox]) -> None:
    inbox, remote = listening
    with pytest.raises(MailTimeout) as caught:
        remote.wait_for("ann@x.test", subject="Activate", timeout=0.2)
    assert str(caught.value) == (
        'No e-mail to ann@x.test with subject containing "Activate" arrived within 0.2s; nothing arrived for '
        "that address (no messages arrived at all). Set the portal's outgoing mail (SMTP) server to host "
        f"127.0.0.1, port {inbox.port}: --smtp-listen 127.0.0.1:{inbox.port} receives there."
    )
    assert (caught.value.recipient, caught.value.awaited) == ("ann@x.test", 'subject containing "Activate"')
    assert (caught.value.subject, caught.value.since) == ("Activate", None)  # what the wait asked, carried over
    since = datetime.now(UTC)
    with pytest.raises(MailTimeout) as caught:
        remote.wait_for("ann@x.test", since=since, timeout=0.2)
    assert (caught.value.subject, caught.value.since) == (None, since)
    assert "this machine's address, port 2525: --smtp-listen 0.0.0.0:2525" in portal_hint("0.0.0.0", 2525)


def test_a_wait_ends_when_the_main_process_stops_its_inbox(listening: tuple[EmbeddedInbox, RemoteInbox]) -> None:
    inbox, remote = listening
    errors: list[BaseException] = []

    def wait() -> None:
        try:
            remote.wait_for("ann@x.test", timeout=30)
        except MailError as error:
            errors.append(error)

    waiting = threading.Thread(target=wait)
    waiting.start()
    inbox.stop()
    waiting.join(timeout=10)
    assert not waiting.is_alive() and "stopped while waiting" in str(errors[0])


def test_a_main_process_gone_is_one_line() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        port = closed.getsockname()[1]
        with RemoteInbox(f"http://127.0.0.1:{port}/token", listen=("0.0.0.0", 2525)) as remote:  # noqa: S104
            with pytest.raises(MailboxUnreachable) as caught:
                remote.wait_for("ann@x.test", timeout=1)
    assert str(caught.value).startswith(f"The pytest controller's inbox API at http://127.0.0.1:{port} did not answer")
    assert "token" not in str(caught.value) and "\n" not in str(caught.value)


def test_the_api_answers_only_with_its_token(listening: tuple[EmbeddedInbox, RemoteInbox]) -> None:
    inbox, remote = listening
    guessed = RemoteInbox(remote.api_url.rsplit("/", 1)[0] + "/guess", listen=("127.0.0.1", inbox.port))
    with guessed, pytest.raises(MailError, match="not found"):
        guessed.messages_to("ann@x.test")


@pytest.mark.parametrize("value", ["2525", "host:", ":2525", "host:99999", "host:port"])
def test_listen_address_must_be_host_and_port(value: str) -> None:
    with pytest.raises(ValueError, match=f"--smtp-listen '{value}' is not HOST:PORT"):
        parse_listen(value)


def test_listen_address_forms() -> None:
    assert parse_listen("0.0.0.0:2525") == ("0.0.0.0", 2525)  # noqa: S104
    assert parse_listen("[::1]:2525") == ("::1", 2525)
    assert parse_listen("mail.example.test:25") == ("mail.example.test", 25)


def test_what_arrived_instead_reaches_the_worker_as_the_same_error(listening: tuple[EmbeddedInbox, RemoteInbox]) -> None:
    """A near miss and a late message are told apart in a worker as in the controller, not as timeouts."""
    inbox, remote = listening
    send(inbox.port, "ann@elsewhere.x.test", "Activate your account")
    with pytest.raises(MailMisdirected, match=r"^The e-mail for ann@x.test went to another address: "):
        remote.wait_for("ann@x.test", subject="Activate", timeout=0.2)
    with pytest.raises(MailTimeout) as caught:  # positive control: nothing near, a plain timeout
        remote.wait_for("zoe@x.test", subject="Activate", timeout=0.2)
    assert not isinstance(caught.value, MailMisdirected)
    threading.Timer(5.0, send, args=(inbox.port, "bob@x.test", "Activate your account")).start()
    with pytest.raises(MailLate) as late:  # the late window runs on to 6 s: the message comes in its middle
        remote.wait_for("bob@x.test", subject="Activate", timeout=4.0)
    assert late.value.recipient == "bob@x.test" and 4.0 <= late.value.seconds <= 6.0
