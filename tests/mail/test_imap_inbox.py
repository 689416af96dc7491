"""ImapInbox against a real Dovecot (tests/mail/dovecot.py), mail delivered over LMTP."""

from __future__ import annotations

import imaplib
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from dovecot import Dovecot, missing

from portalcheck.errors import ConfigurationError, MailboxUnreachable, MailError, MailTimeout
from portalcheck.mail import Address, Inbox
from portalcheck.mail.imap import ENV_PASSWORD, ImapInbox, parse_imap_url
from portalcheck.residents import make_resident

PASSWORD = "correct horse battery staple"
ACTIVATE_HTML = '<p>Welcome!</p><p><a href="https://portal.test/activate/7/abc/">Activate account</a></p>'


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    reason = missing()
    if reason:
        pytest.skip(reason)
    with Dovecot({"qa": PASSWORD}) as server:
        yield server


@pytest.fixture
def url(dovecot: Dovecot) -> str:
    return dovecot.url("qa@city.gov")


@pytest.fixture
def inbox(url: str) -> Iterator[ImapInbox]:
    # A poll interval longer than any wait here: a message arriving during a wait is found only
    # because IDLE said so.
    with ImapInbox(url, password=PASSWORD, poll_interval=3600) as opened:
        yield opened


def tag() -> str:
    """A plus-address tag no other test (or worker, or earlier run) uses."""
    return uuid.uuid4().hex[:10]


def on_server(url: str, recipient: str) -> int:
    """How many undeleted messages to `recipient` the server holds, seen by another session."""
    session = imaplib.IMAP4("127.0.0.1", int(url.rsplit(":", 1)[1].split("/")[0]))
    try:
        session.login("qa", PASSWORD)
        session.select("INBOX")
        _, data = session.uid("SEARCH", "UNDELETED", "TO", f'"{recipient}"')
        return len(data[0].split())
    finally:
        session.logout()


def test_is_an_inbox_that_gives_residents_plus_addresses(inbox: ImapInbox, url: str) -> None:
    assert isinstance(inbox, Inbox)
    assert inbox.address == "qa@city.gov"
    assert inbox.describe() == f"IMAP mailbox qa@city.gov at {url}"
    assert inbox.address_for("ann.lee.0123456789ab") == "qa+ann.lee.0123456789ab@city.gov"
    resident = make_resident(address=inbox.address_for)
    local, domain = resident.email.split("@")
    assert domain == "city.gov" and local.startswith("qa+") and len(local) <= 64
    long = inbox.address_for("x" * 80 + ".0123456789ab")
    assert len(long.split("@")[0]) == 64 and long.endswith(".0123456789ab@city.gov")


def test_reads_decodes_and_deletes_what_it_read(inbox: ImapInbox, dovecot: Dovecot, url: str) -> None:
    recipient = f"qa+{tag()}@city.gov"
    dovecot.deliver(recipient, "Activate your Community Access account", html=ACTIVATE_HTML)
    assert on_server(url, recipient) == 1
    message = inbox.wait_for(recipient, subject="activate", timeout=10)
    assert message.sender == Address("Community Access Identity", "noreply@community-access.test")
    assert message.recipients == (recipient,)
    assert message.subject == "Activate your Community Access account"
    assert "Welcome to your Community Access account!" in message.text
    assert message.link("Activate account") == "https://portal.test/activate/7/abc/"
    assert message.received_at.tzinfo is not None
    assert on_server(url, recipient) == 0  # \Deleted and expunged
    # A step may read it again: the inbox keeps what it took from the server.
    assert inbox.wait_for(recipient.upper(), timeout=1) == message
    assert inbox.messages_to(recipient) == [message]


def test_a_message_arriving_during_the_wait_wakes_it_through_idle(inbox: ImapInbox, dovecot: Dovecot) -> None:
    recipient = f"qa+{tag()}@city.gov"

    def deliver_once_idling() -> None:
        if inbox.idling.wait(timeout=20):
            dovecot.deliver(recipient, "Reset your password")

    delivering = threading.Thread(target=deliver_once_idling)
    delivering.start()
    started = time.monotonic()
    message = inbox.wait_for(recipient, subject="Reset", timeout=20)
    delivering.join(timeout=20)
    assert message.subject == "Reset your password"
    assert time.monotonic() - started < 20  # woken by IDLE, not by the (hour-long) poll interval
    assert not inbox.idling.is_set()


def test_without_idle_it_polls(url: str, dovecot: Dovecot) -> None:
    recipient = f"qa+{tag()}@city.gov"
    with ImapInbox(url, password=PASSWORD, use_idle=False, poll_interval=0.1) as polling:
        with pytest.raises(MailTimeout):
            polling.wait_for(recipient, timeout=0.3)
        assert not polling.idling.is_set()
        dovecot.deliver(recipient, "Welcome")
        assert polling.wait_for(recipient, timeout=10).subject == "Welcome"


def test_a_plus_address_inside_another_does_not_match(inbox: ImapInbox, dovecot: Dovecot, url: str) -> None:
    short = tag()
    mine = f"qa+{short}@city.gov"
    longer = f"qa+{short}c@city.gov"  # qa+ab@ and qa+abc@
    containing = f"qa+{short}@city.gov.uk"  # the server's substring search finds this one for `mine`
    dovecot.deliver(longer, "For the longer address")
    dovecot.deliver(containing, "For the containing address")
    with pytest.raises(MailTimeout) as caught:
        inbox.wait_for(mine, timeout=1)
    assert f"nothing arrived for that address (only mail to similar addresses: {containing})" in str(caught.value)
    assert on_server(url, longer) == 1 and on_server(url, containing) == 1  # others' mail stays
    dovecot.deliver(mine, "For mine")
    assert inbox.wait_for(mine, timeout=10).subject == "For mine"
    assert inbox.wait_for(longer, timeout=10).subject == "For the longer address"
    assert on_server(url, containing) == 1


def test_only_the_recipient_in_the_envelope_still_matches(inbox: ImapInbox, dovecot: Dovecot) -> None:
    recipient = f"qa+{tag()}@city.gov"
    dovecot.deliver(recipient, "Bcc'd", to="list@city.gov")  # Delivered-To names the plus-address
    assert inbox.wait_for(recipient, timeout=10).subject == "Bcc'd"


def test_since_skips_what_arrived_before(inbox: ImapInbox, dovecot: Dovecot) -> None:
    recipient = f"qa+{tag()}@city.gov"
    dovecot.deliver(recipient, "Activate your account")
    first = inbox.wait_for(recipient, timeout=10)
    since = datetime.now(UTC)
    with pytest.raises(MailTimeout, match="counting only messages since"):
        inbox.wait_for(recipient, since=since, timeout=0.2)
    dovecot.deliver(recipient, "Activate your account")  # the same subject again
    second = inbox.wait_for(recipient, since=since, timeout=10)
    assert second.id != first.id
    assert inbox.wait_for(recipient, timeout=1) == second  # the newest


def test_two_workers_share_the_mailbox(url: str, dovecot: Dovecot) -> None:
    ann, bob = f"qa+{tag()}@city.gov", f"qa+{tag()}@city.gov"
    with ImapInbox(url, password=PASSWORD) as one, ImapInbox(url, password=PASSWORD) as two:
        got: dict[str, str] = {}
        waiting = threading.Thread(target=lambda: got.update(bob=two.wait_for(bob, timeout=20).subject))
        waiting.start()
        dovecot.deliver(ann, "For Ann")
        dovecot.deliver(bob, "For Bob")
        assert one.wait_for(ann, timeout=20).subject == "For Ann"
        waiting.join(timeout=20)
        assert got == {"bob": "For Bob"}
        assert one.messages_to(bob) == [] and two.messages_to(ann) == []


def test_a_dropped_connection_is_opened_again(inbox: ImapInbox, dovecot: Dovecot) -> None:
    recipient = f"qa+{tag()}@city.gov"
    inbox.check()
    dovecot.kick("qa@city.gov")  # what a server's idle logout or restart does to the session
    dovecot.deliver(recipient, "After the kick")
    assert inbox.wait_for(recipient, timeout=10).subject == "After the kick"


def test_timeout_says_what_arrived_and_what_to_check(inbox: ImapInbox, dovecot: Dovecot, url: str) -> None:
    recipient = f"qa+{tag()}@city.gov"
    dovecot.deliver(recipient, "Welcome")
    with pytest.raises(MailTimeout) as caught:
        inbox.wait_for(recipient, subject="Activate", timeout=0.2)
    assert str(caught.value) == (
        f'No e-mail to {recipient} with subject containing "Activate" arrived within 0.2s; '
        '1 other message to that address arrived: "Welcome". '
        f"Check that the portal sends to {recipient} and that mail to plus-addresses of qa@city.gov "
        f"reaches {url} (not its spam folder)."
    )
    assert caught.value.arrived == ("Welcome",)
    with pytest.raises(MailTimeout, match=r"nothing arrived for that address \(the mailbox holds nothing addressed to it\)"):
        inbox.wait_for(f"qa+{tag()}@city.gov", timeout=0.1)


def test_imaps_with_the_servers_certificate(dovecot: Dovecot) -> None:
    if dovecot.certificate is None:
        pytest.skip("openssl is not installed, so this Dovecot has no certificate")
    recipient = f"qa+{tag()}@city.gov"
    url = dovecot.url("qa@city.gov", tls=True)
    with ImapInbox(url, password=PASSWORD, ssl_context=dovecot.ssl_context()) as secure:
        dovecot.deliver(recipient, "Over TLS")
        assert secure.wait_for(recipient, timeout=10).subject == "Over TLS"
    with ImapInbox(url, password=PASSWORD) as untrusted, pytest.raises(MailboxUnreachable) as caught:
        untrusted.check()
    assert str(caught.value).startswith(f"The IMAP server at {url} is not answering: TLS failed (CERTIFICATE_VERIFY_FAILED)")


def test_missing_password_names_the_variable(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_PASSWORD, raising=False)
    with pytest.raises(ConfigurationError) as caught:
        ImapInbox(url)
    assert str(caught.value) == (
        f"{ENV_PASSWORD} is not set: set it to the password of qa@city.gov at {url} "
        "(it is read only from this variable)."
    )
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    with ImapInbox(url) as inbox:
        inbox.check()


def test_wrong_password_is_one_line_naming_the_url_and_the_fix(url: str) -> None:
    with ImapInbox(url, password="wrong") as inbox, pytest.raises(MailError) as caught:
        inbox.wait_for("qa+x@city.gov", timeout=1)
    message = str(caught.value)
    assert message.startswith(f"The IMAP server at {url} refused the login of qa@city.gov: ")
    assert message.endswith(f"Check the user in --imap-url and the password in {ENV_PASSWORD} "
                            "(some providers need an app password).")
    assert "\n" not in message and not isinstance(caught.value, MailTimeout)


def test_unreachable_server_is_one_line_naming_the_url() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        url = f"imap://qa@city.gov@127.0.0.1:{closed.getsockname()[1]}/INBOX"
        with ImapInbox(url, password=PASSWORD) as inbox, pytest.raises(MailboxUnreachable) as caught:
            inbox.check()
    assert str(caught.value) == (
        f"The IMAP server at {url} is not answering: Connection refused. Check the host and port in "
        "--imap-url / PORTALCHECK_IMAP_URL (imaps:// is TLS, usually port 993; imap:// is plain, port 143)."
    )
    assert caught.value.url == url


def test_missing_folder_is_named(dovecot: Dovecot) -> None:
    url = dovecot.url("qa@city.gov", mailbox="Nowhere")
    with ImapInbox(url, password=PASSWORD) as inbox, pytest.raises(MailError, match=r"has no mailbox 'Nowhere' for qa@city.gov"):
        inbox.check()


@pytest.mark.parametrize(("url", "problem"), [
    ("https://qa@city.gov@imap.city.gov/INBOX", "must start with imaps://"),
    ("imaps://qa@city.gov:secret@imap.city.gov/INBOX", f"must not hold the password: remove it from the URL and set {ENV_PASSWORD}"),
    ("imaps://imap.city.gov/INBOX", "needs the mailbox's user and host"),
    ("imaps://qa@imap.city.gov:99999/INBOX", "is not a URL"),
])
def test_bad_urls_say_what_is_wrong(url: str, problem: str) -> None:
    with pytest.raises(ConfigurationError, match=problem.replace("(", r"\(")):
        parse_imap_url(url)


def test_url_defaults_and_the_mailbox_address() -> None:
    parsed = parse_imap_url("imaps://qa%40city.gov@imap.city.gov")
    assert (parsed.user, parsed.host, parsed.port, parsed.mailbox, parsed.tls) == ("qa@city.gov", "imap.city.gov", 993, "INBOX", True)
    assert str(parse_imap_url("imap://qa@localhost/Test%20Mail")) == "imap://qa@localhost:143/Test Mail"
    with pytest.raises(ConfigurationError, match="give the mailbox's address with --imap-address"):
        ImapInbox("imaps://qa@imap.city.gov/INBOX", password="x")
    assert ImapInbox("imaps://qa@imap.city.gov/INBOX", password="x", address="qa@city.gov").address_for("t1") == "qa+t1@city.gov"
    assert ImapInbox("imaps://q@h/INBOX", password="x", address="qa+portal@city.gov").address_for("t1") == "qa+portal.t1@city.gov"
    with pytest.raises(ConfigurationError, match="--imap-address 'qa' is not an e-mail address"):
        ImapInbox("imaps://qa@imap.city.gov/INBOX", password="x", address="qa")
