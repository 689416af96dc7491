"""Message link extraction: visible text, entities, nested tags, and the errors steps see."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portalcheck.errors import LinkNotFound
from portalcheck.mail import Address, Message

HTML = """<html><head><title>Activate account</title><style>a{}</style></head><body>
<p>Welcome to your Community Access account!</p>
<p><a href="https://portal.test/activate?uid=7&amp;token=a%2Fb"><span><b>Activate</b>
   &nbsp;account</span></a></p>
<p><a href='https://portal.test/help'>Help &amp; Support</a>
<a href="https://portal.test/img"><img src="x.png" alt="Open portal"></a>
<a name="anchor-without-href">not a link</a></p>
</body></html>"""


def make(text: str = "", html: str = HTML) -> Message:
    return Message(
        id="1",
        sender=Address("Community Access", "noreply@portal.test"),
        recipients=("ann@x.test",),
        subject="Activate your account",
        text=text,
        html=html,
        received_at=datetime(2026, 11, 23, 19, 30, tzinfo=UTC),
    )


def test_address_str() -> None:
    assert str(Address("Community Access", "noreply@portal.test")) == "Community Access <noreply@portal.test>"
    assert str(Address("", "noreply@portal.test")) == "noreply@portal.test"


def test_link_by_visible_text_through_nested_tags_and_entities() -> None:
    message = make()
    assert message.link("Activate account") == "https://portal.test/activate?uid=7&token=a%2Fb"
    assert message.link("  activate   ACCOUNT ") == "https://portal.test/activate?uid=7&token=a%2Fb"
    assert message.link("help & support") == "https://portal.test/help"


def test_links_lists_text_and_href_pairs_ignoring_invisible_text() -> None:
    assert make().links() == (
        ("Activate account", "https://portal.test/activate?uid=7&token=a%2Fb"),
        ("Help & Support", "https://portal.test/help"),
        ("Open portal", "https://portal.test/img"),
    )


def test_link_not_found_names_wanted_text_and_existing_links() -> None:
    with pytest.raises(LinkNotFound) as caught:
        make().link("Verify registration")
    message = str(caught.value)
    assert '"Verify registration"' in message
    assert '"Activate account", "Help & Support", "Open portal"' in message
    assert "\n" not in message


def test_link_on_plain_text_mail_points_at_url_patterns() -> None:
    with pytest.raises(LinkNotFound, match="no HTML part"):
        make(text="Go to https://portal.test/a", html="").link("Activate account")


def test_link_matching_reads_text_part_and_strips_punctuation() -> None:
    text = (
        "Welcome!\nSee https://portal.test/help, or activate:\n"
        "<https://portal.test/confirm?key=abc123>.\n(https://portal.test/other)."
    )
    message = make(text=text)
    assert message.link_matching(r"/confirm\?key=") == "https://portal.test/confirm?key=abc123"
    assert message.link_matching(r"other$") == "https://portal.test/other"


def test_link_matching_falls_back_to_html_hrefs_without_text_part() -> None:
    assert make(text="").link_matching(r"token=") == "https://portal.test/activate?uid=7&token=a%2Fb"


def test_link_matching_not_found_lists_urls() -> None:
    with pytest.raises(LinkNotFound, match=r'No URL matching /reset/ .*"https://portal.test/a"'):
        make(text="Visit https://portal.test/a now").link_matching("reset")
