"""EmbeddedInbox against real SMTP deliveries from smtplib."""

from __future__ import annotations

import smtplib
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from portalcheck.errors import MailError, MailTimeout
from portalcheck.mail import Address, EmbeddedInbox, Inbox


@pytest.fixture
def inbox() -> Iterator[EmbeddedInbox]:
    with EmbeddedInbox() as started:
        yield started


def send(
    inbox: EmbeddedInbox,
    to: list[str],
    subject: str = "Activate your account",
    *,
    html: str | None = None,
    envelope_to: list[str] | None = None,
) -> None:
    mail = EmailMessage()
    mail["From"] = "Community Access <noreply@portal.test>"
    mail["To"] = ", ".join(to)
    mail["Subject"] = subject
    mail.set_content("Welcome to your Community Access account!\nActivate: https://portal.test/activate?t=1\n")
    if html is not None:
        mail.add_alternative(html, subtype="html")
    with smtplib.SMTP(inbox.host, inbox.port, timeout=5) as client:
        client.send_message(mail, to_addrs=envelope_to or to)


ACTIVATE_HTML = (
    "<p>Welcome to your Community Access account! Grüße</p>"
    '<p><a href="https://portal.test/activate?uid=7&amp;t=abc">Activate <b>account</b></a></p>'
)


def test_is_an_inbox_on_a_real_port(inbox: EmbeddedInbox) -> None:
    assert isinstance(inbox, Inbox)
    assert inbox.port > 0
    assert inbox.describe() == f"embedded SMTP inbox at 127.0.0.1:{inbox.port}"


def test_multipart_message_is_decoded(inbox: EmbeddedInbox) -> None:
    send(inbox, ["ann@x.test", "Bob <bob@x.test>"], "Activate your account – Minot", html=ACTIVATE_HTML)
    message = inbox.wait_for("ann@x.test", subject="Activate", timeout=5)
    assert message.sender == Address("Community Access", "noreply@portal.test")
    assert message.recipients == ("ann@x.test", "bob@x.test")
    assert message.subject == "Activate your account – Minot"
    assert "Welcome to your Community Access account!" in message.text
    assert "Grüße" in message.html
    assert message.received_at.tzinfo is not None
    assert message.link("Activate account") == "https://portal.test/activate?uid=7&t=abc"
    assert message.link_matching("activate") == "https://portal.test/activate?t=1"
    assert inbox.wait_for("BOB@X.TEST", timeout=5) == message


def test_envelope_only_recipient_counts(inbox: EmbeddedInbox) -> None:
    send(inbox, ["list@x.test"], envelope_to=["hidden@x.test"])
    assert inbox.wait_for("hidden@x.test", timeout=5).recipients == ("hidden@x.test", "list@x.test")


def test_recipient_match_is_exact_not_substring(inbox: EmbeddedInbox) -> None:
    send(inbox, ["joann@x.test"], "For Joann")
    send(inbox, ["ann@x.test"], "For Ann")
    send(inbox, ["joann@x.test"], "For Joann again")
    assert inbox.wait_for("ann@x.test", timeout=5).subject == "For Ann"
    assert [m.subject for m in inbox.messages_to("ann@x.test")] == ["For Ann"]
    assert [m.subject for m in inbox.messages_to("joann@x.test")] == ["For Joann again", "For Joann"]
    assert inbox.messages_to("nobody@x.test") == []


def test_since_waits_for_the_second_mail(inbox: EmbeddedInbox) -> None:
    send(inbox, ["ann@x.test"], "Welcome")
    first = inbox.wait_for("ann@x.test", timeout=5)
    since = datetime.now(UTC)
    with pytest.raises(MailTimeout):
        inbox.wait_for("ann@x.test", since=since, timeout=0.1)
    send(inbox, ["ann@x.test"], "Activate")
    second = inbox.wait_for("ann@x.test", since=since, timeout=5)
    assert second.subject == "Activate"
    assert second.received_at >= first.received_at


def test_waiter_wakes_when_the_message_is_delivered(inbox: EmbeddedInbox) -> None:
    results: list[object] = []
    waiting = threading.Thread(
        target=lambda: results.append(inbox.wait_for("late@x.test", subject="Reset", timeout=10))
    )
    waiting.start()
    send(inbox, ["late@x.test"], "Something else")
    send(inbox, ["late@x.test"], "Reset your password")
    waiting.join(timeout=10)
    assert not waiting.is_alive()
    assert [m.subject for m in results] == ["Reset your password"]  # type: ignore[attr-defined]


def test_timeout_names_recipient_and_what_arrived(inbox: EmbeddedInbox) -> None:
    send(inbox, ["ann@x.test"], "Welcome")
    with pytest.raises(MailTimeout) as caught:
        inbox.wait_for("ann@x.test", subject="Activate", timeout=0.2)
    error = caught.value
    assert str(error) == (
        'No e-mail to ann@x.test with subject containing "Activate" arrived within 0.2s; '
        '1 other message to that address arrived: "Welcome". '
        f"Check the portal's SMTP settings point at embedded SMTP inbox at 127.0.0.1:{inbox.port}."
    )
    assert (error.recipient, error.awaited, error.arrived) == ("ann@x.test", 'subject containing "Activate"', ("Welcome",))


def test_timeout_for_unknown_recipient_counts_everyone_elses_mail(inbox: EmbeddedInbox) -> None:
    with pytest.raises(MailTimeout, match=r"\(any message\) arrived within 0.1s; .*no messages arrived at all"):
        inbox.wait_for("ann@x.test", timeout=0.1)
    send(inbox, ["bob@x.test"], "Hi")
    inbox.wait_for("bob@x.test", timeout=5)
    with pytest.raises(MailTimeout, match=r"nothing arrived for that address \(1 message to other addresses\)"):
        inbox.wait_for("ann@x.test", timeout=0.1)


def test_stop_wakes_waiters_and_closes_the_port() -> None:
    inbox = EmbeddedInbox().start()
    port = inbox.port
    errors: list[BaseException] = []

    def wait() -> None:
        try:
            inbox.wait_for("ann@x.test", timeout=30)
        except MailError as error:
            errors.append(error)

    waiting = threading.Thread(target=wait)
    waiting.start()
    inbox.stop()
    waiting.join(timeout=5)
    assert not waiting.is_alive()
    assert "stopped while waiting" in str(errors[0])
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    inbox.stop()  # a second stop is harmless


def test_context_manager_closes_the_port() -> None:
    with EmbeddedInbox() as inbox:
        port = inbox.port
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_busy_port_fails_fast_with_mail_error(inbox: EmbeddedInbox) -> None:
    with pytest.raises(MailError, match=rf"Could not start the embedded SMTP inbox on 127.0.0.1:{inbox.port}"):
        EmbeddedInbox(port=inbox.port).start()


def test_keeps_only_the_newest_messages() -> None:
    with EmbeddedInbox(max_messages=2) as inbox:
        for n in range(3):
            send(inbox, ["ann@x.test"], f"Mail {n}")
        inbox.wait_for("ann@x.test", subject="Mail 2", timeout=5)
        assert [m.subject for m in inbox.messages_to("ann@x.test")] == ["Mail 2", "Mail 1"]


def test_waiting_on_an_unstarted_inbox_says_so() -> None:
    with pytest.raises(MailError, match="is not started"):
        EmbeddedInbox().wait_for("ann@x.test", timeout=0.1)


def test_restart_after_stop_receives_again() -> None:
    inbox = EmbeddedInbox()
    with inbox:
        pass
    with inbox:
        send(inbox, ["ann@x.test"], "Again")
        assert inbox.wait_for("ann@x.test", timeout=5).subject == "Again"


def test_start_failure_inside_aiosmtpd_is_a_mail_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import portalcheck.mail.embedded as embedded

    def no_answer(self: object) -> None:
        raise ConnectionRefusedError("probe refused")

    monkeypatch.setattr(embedded._Controller, "_trigger_server", no_answer)
    with pytest.raises(MailError, match="did not start: probe refused"):
        EmbeddedInbox().start()
