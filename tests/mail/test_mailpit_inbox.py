"""MailpitInbox against a fake Mailpit that answers like the real REST API (v1)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from portalcheck.errors import MailboxUnreachable, MailError, MailTimeout
from portalcheck.mail import Address, Inbox, MailpitInbox
from portalcheck.mail.mailpit import parse_created

URL = "http://mailpit.test:8025"
T0 = datetime(2026, 11, 23, 19, 30, 12, 345000, tzinfo=UTC)
_TERM = re.compile(r'(to|subject):"([^"]*)"')


def rfc3339(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


class FakeMailpit:
    """Holds messages and answers the endpoints the inbox uses, with Mailpit's substring search."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []  # oldest first, as stored
        self.requests: list[httpx.Request] = []
        self.searches = 0

    def add(
        self,
        to: str,
        subject: str,
        *,
        created: datetime = T0,
        html: str = "",
        text: str = "Hello",
        visible_from_search: int = 0,
    ) -> str:
        number = len(self.messages) + 1
        self.messages.append(
            {
                "ID": f"id{number}AbCdEf",
                "MessageID": f"{number}@portal.test",
                "Read": False,
                "From": {"Name": "Community Access", "Address": "noreply@portal.test"},
                "To": [{"Name": "", "Address": to}],
                "Cc": [],
                "Bcc": [],
                "ReplyTo": [],
                "ReturnPath": "noreply@portal.test",
                "Subject": subject,
                "Created": rfc3339(created),
                "Date": rfc3339(created),
                "Tags": [],
                "Size": 1234,
                "Text": text,
                "HTML": html,
                "Inline": [],
                "Attachments": [],
                "_visible_from_search": visible_from_search,
            }
        )
        return f"id{number}AbCdEf"

    def summary(self, message: dict[str, Any]) -> dict[str, Any]:
        keys = ("ID", "MessageID", "Read", "From", "To", "Cc", "Bcc", "ReplyTo", "Subject", "Created", "Tags", "Size")
        return {
            **{key: message[key] for key in keys},
            "Attachments": len(message["Attachments"]),
            "Snippet": message["Text"][:250],
        }

    def full(self, message: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in message.items() if not key.startswith("_")}

    def matches(self, message: dict[str, Any], query: str) -> bool:
        for field, value in _TERM.findall(query):
            haystack = (
                " ".join(a["Address"] for a in message["To"]) if field == "to" else message["Subject"]
            )
            if value.lower() not in haystack.lower():  # substring, like the real one
                return False
        return self.searches >= message["_visible_from_search"]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path, method = request.url.path, request.method
        query = request.url.params.get("query", "")
        if path.endswith("/link-check"):
            return httpx.Response(200, json={"Errors": 0, "Links": []})
        if path == "/readyz" and method == "GET":
            return httpx.Response(200, text="ok")
        if path == "/api/v1/search" and method == "GET":
            self.searches += 1
            found = [m for m in reversed(self.messages) if self.matches(m, query)]
            return httpx.Response(
                200,
                json={
                    "total": len(self.messages),
                    "unread": len(self.messages),
                    "messages_count": len(found),
                    "messages_unread": len(found),
                    "start": 0,
                    "tags": [],
                    "messages": [self.summary(m) for m in found],
                },
            )
        if path == "/api/v1/search" and method == "DELETE":
            self.messages = [m for m in self.messages if not self.matches(m, query)]
            return httpx.Response(200, text="ok")
        if path == "/api/v1/messages" and method == "DELETE":
            ids = json.loads(request.content or b"{}").get("IDs") or []
            self.messages = [m for m in self.messages if ids and m["ID"] not in ids]  # empty: ALL
            return httpx.Response(200, text="ok")
        if path.startswith("/api/v1/message/") and method == "GET":
            wanted = path.rsplit("/", 1)[1]
            for message in self.messages:
                if message["ID"] == wanted:
                    message["Read"] = True
                    return httpx.Response(200, json=self.full(message))
            return httpx.Response(404, text="message not found")
        return httpx.Response(404, text="404 page not found")

    def paths(self, method: str | None = None) -> list[str]:
        return [r.url.path for r in self.requests if method is None or r.method == method]

    def search_queries(self) -> list[str]:
        return [r.url.params["query"] for r in self.requests if r.url.path == "/api/v1/search"]


@pytest.fixture
def fake() -> FakeMailpit:
    return FakeMailpit()


@pytest.fixture
def inbox(fake: FakeMailpit) -> Iterator[MailpitInbox]:
    client = MailpitInbox(URL + "/", transport=httpx.MockTransport(fake), poll_interval=0.01)
    yield client
    client.close()
    assert not [p for p in fake.paths() if p.endswith("/link-check")], "link-check spends tokens"
    assert not [r for r in fake.requests if r.method == "DELETE" and r.url.path == "/api/v1/messages" and not r.content]


ACTIVATE_HTML = '<p><a href="https://portal.test/activate?t=abc&amp;u=7">Activate <i>account</i></a></p>'


def test_is_an_inbox(inbox: MailpitInbox) -> None:
    assert isinstance(inbox, Inbox)
    assert inbox.describe() == "Mailpit at http://mailpit.test:8025"


def test_returns_exact_recipient_only_and_builds_message(inbox: MailpitInbox, fake: FakeMailpit) -> None:
    fake.add("ann@x.test", "Activate your account", html=ACTIVATE_HTML, text="Welcome, Ann")
    fake.add("joann@x.test", "Activate your account", created=T0 + timedelta(seconds=5))
    message = inbox.wait_for("Ann@X.test", timeout=1)
    assert message.id == "id1AbCdEf"
    assert message.recipients == ("ann@x.test",)
    assert message.sender == Address("Community Access", "noreply@portal.test")
    assert (message.subject, message.text) == ("Activate your account", "Welcome, Ann")
    assert message.received_at == T0
    assert message.link("Activate account") == "https://portal.test/activate?t=abc&u=7"
    assert fake.search_queries() == ['to:"ann@x.test"']
    assert [m.recipients for m in inbox.messages_to("joann@x.test")] == [("joann@x.test",)]


def test_subject_filter_is_sent_and_applied(inbox: MailpitInbox, fake: FakeMailpit) -> None:
    fake.add("ann@x.test", "Activate your account")
    fake.add("ann@x.test", "Welcome", created=T0 + timedelta(seconds=5))
    assert inbox.wait_for("ann@x.test", subject="activate", timeout=1).subject == "Activate your account"
    assert inbox.wait_for("ann@x.test", timeout=1).subject == "Welcome"
    assert fake.search_queries()[0] == 'to:"ann@x.test" subject:"activate"'


def test_subject_with_a_quote_is_filtered_locally(inbox: MailpitInbox, fake: FakeMailpit) -> None:
    fake.add("ann@x.test", 'Your "Community Access" account')
    assert inbox.wait_for("ann@x.test", subject='"Community', timeout=1).id == "id1AbCdEf"
    assert fake.search_queries() == ['to:"ann@x.test"']


def test_message_appearing_after_a_few_polls(inbox: MailpitInbox, fake: FakeMailpit) -> None:
    fake.add("ann@x.test", "Activate your account", visible_from_search=3)
    assert inbox.wait_for("ann@x.test", timeout=5).subject == "Activate your account"
    assert fake.searches == 3


def test_since_skips_older_messages(inbox: MailpitInbox, fake: FakeMailpit) -> None:
    fake.add("ann@x.test", "Welcome")
    fake.add("ann@x.test", "Activate", created=T0 + timedelta(seconds=1), visible_from_search=2)
    message = inbox.wait_for("ann@x.test", since=T0 + timedelta(milliseconds=1), timeout=5)
    assert message.subject == "Activate"


def test_timeout_names_recipient_and_what_arrived(inbox: MailpitInbox, fake: FakeMailpit) -> None:
    fake.add("ann@x.test", "Welcome")
    with pytest.raises(MailTimeout) as caught:
        inbox.wait_for("ann@x.test", subject="Activate", timeout=0.05)
    assert str(caught.value) == (
        'No e-mail to ann@x.test with subject containing "Activate" arrived within 0.05s; '
        '1 other message to that address arrived: "Welcome". '
        "Check the portal's SMTP settings point at Mailpit at http://mailpit.test:8025."
    )
    assert caught.value.arrived == ("Welcome",)


def test_timeout_mentions_similar_addresses(inbox: MailpitInbox, fake: FakeMailpit) -> None:
    fake.add("joann@x.test", "Activate your account")
    with pytest.raises(MailTimeout, match=r"nothing arrived for that address \(only mail to similar addresses: joann@x.test\)"):
        inbox.wait_for("ann@x.test", timeout=0.05)
    with pytest.raises(MailTimeout, match=r"\(Mailpit holds nothing addressed to it\)"):
        inbox.wait_for("bob@x.test", timeout=0.05)


def test_delete_to_uses_search_query(inbox: MailpitInbox, fake: FakeMailpit) -> None:
    fake.add("ann@x.test", "One")
    fake.add("ann@x.test", "Two")
    fake.add("bob@x.test", "Keep")
    assert inbox.delete_to("ann@x.test") == 2
    deletes = [r for r in fake.requests if r.method == "DELETE"]
    assert [(r.url.path, r.url.params["query"]) for r in deletes] == [("/api/v1/search", 'to:"ann@x.test"')]
    assert [m["Subject"] for m in fake.messages] == ["Keep"]
    assert inbox.delete_to("nobody@x.test") == 0


def test_delete_to_spares_substring_neighbours(inbox: MailpitInbox, fake: FakeMailpit) -> None:
    fake.add("ann@x.test", "Ann's")
    fake.add("joann@x.test", "Joann's")
    assert inbox.delete_to("ann@x.test") == 1
    assert [m["Subject"] for m in fake.messages] == ["Joann's"]
    assert "/api/v1/search" not in fake.paths("DELETE")
    (request,) = [r for r in fake.requests if r.method == "DELETE"]
    assert json.loads(request.content) == {"IDs": ["id1AbCdEf"]}


def test_check_passes_when_ready(inbox: MailpitInbox, fake: FakeMailpit) -> None:
    inbox.check()
    assert fake.paths() == ["/readyz"]


def refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("[Errno 111] Connection refused", request=request)


@pytest.mark.parametrize("call", ["check", "wait_for", "messages_to", "delete_to"])
def test_connection_error_is_one_line_mailbox_unreachable(call: str) -> None:
    with MailpitInbox(URL, transport=httpx.MockTransport(refuse)) as inbox:
        with pytest.raises(MailboxUnreachable) as caught:
            getattr(inbox, call)(*(() if call == "check" else ("ann@x.test",)))
    assert str(caught.value) == (
        "Mailpit is not answering at http://mailpit.test:8025: [Errno 111] Connection refused. "
        "Start it (docker compose up mailpit) or fix --mailpit-url / PORTALCHECK_MAILPIT_URL."
    )
    assert caught.value.url == URL
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_server_error_and_timeout_are_unreachable_too() -> None:
    def unavailable(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, text="not ready")

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with MailpitInbox(URL, transport=httpx.MockTransport(unavailable)) as inbox:
        with pytest.raises(MailboxUnreachable, match="GET /readyz answered HTTP 503"):
            inbox.check()
    with MailpitInbox(URL, transport=httpx.MockTransport(slow)) as inbox:
        with pytest.raises(MailboxUnreachable, match=r"GET /api/v1/search timed out \(ReadTimeout\)"):
            inbox.wait_for("ann@x.test", timeout=1)


def test_wrong_port_gives_a_mail_error() -> None:
    def not_json(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html>hello</html>")

    with MailpitInbox(URL, transport=httpx.MockTransport(not_json)) as inbox:
        with pytest.raises(MailError, match="not JSON"):
            inbox.wait_for("ann@x.test", timeout=1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-23T19:30:12.345+00:00", T0),
        ("2026-11-23T19:30:12.345Z", T0),
        ("2026-11-23T19:30:12.345123456Z", T0.replace(microsecond=345123)),
        ("2026-11-23T20:30:12.345+01:00", T0),
        ("2026-11-23t19:30:12.345z", T0),
        ("2026-11-23T19:30:12Z", T0.replace(microsecond=0)),
    ],
)
def test_parse_created(value: str, expected: datetime) -> None:
    parsed = parse_created(value)
    assert parsed == expected and parsed.tzinfo == UTC


def test_parse_created_rejects_garbage() -> None:
    with pytest.raises(MailError, match="unreadable Created time"):
        parse_created("yesterday")
