"""The reference portal under simultaneous requests, served for real on a SQLite file and on PostgreSQL.

A threaded `serve` process (each request its own database connection) and residents posting at
once from threads released by one barrier: what a resident double-clicking, a household sharing a
bill, or a script hammering sign-up does. The database is then read directly.
"""

from __future__ import annotations

import re
import secrets
from urllib.parse import urlsplit

import pytest
from served_portal import ServedPortal, Visitor, at_once

from portalcheck.mail.embedded import EmbeddedInbox
from reference_portal.billing.forms import ALREADY_ENROLLED

PASSWORD = "correct horse battery staple lamp"
BANK = {"bank_name": "First Prairie Bank", "routing_number": "011000015", "account_type": "checking",
        "agree": "on"}
LINK = re.compile(r'<a href="([^"]+)">Activate account</a>')


@pytest.fixture(scope="module")
def inbox():
    with EmbeddedInbox() as inbox:
        yield inbox


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def portal(request, inbox, tmp_path_factory):
    """The portal on a SQLite file, then on a fresh database of this worker's PostgreSQL cluster.

    "confirm-button": the e-mailed link's page only shows CONFIRM EMAIL, so a link can be tested
    for validity without spending it.
    """
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('races') / 'portal.sqlite3'}"
    else:
        url = request.getfixturevalue("postgresql").create_database(f"races_{secrets.token_hex(4)}")
    with ServedPortal(url, smtp=f"{inbox.host}:{inbox.port}", variant="confirm-button") as portal:
        yield portal
    assert "Traceback" not in portal.log, portal.log[-4000:]


def activation_links(inbox, email: str) -> list[str]:
    return [urlsplit(LINK.search(message.html).group(1)).path for message in inbox.messages_to(email)]


def confirm_page(portal, link: str) -> tuple[Visitor, str, int]:
    """Open an e-mailed link in a fresh browser: (that browser, the page it lands on, its status)."""
    visitor = portal.visitor()
    landing = visitor.client.get(link).headers["location"]
    return visitor, landing, visitor.open(landing).status_code


def signed_in_resident(portal, inbox, email: str) -> Visitor:
    """A resident who signed up, confirmed the e-mailed link and signed in."""
    visitor = portal.visitor()
    visitor.submit("/sign-up/", {"email": email, "password": PASSWORD, "first_name": "Pat", "last_name": "Resident"})
    (link,) = activation_links(inbox, email)
    confirming, landing, _ = confirm_page(portal, link)
    assert confirming.submit(landing, {}).status_code == 200
    assert visitor.submit("/sign-in/", {"username": email, "password": PASSWORD}).headers["location"] == "/home/"
    return visitor


@pytest.fixture(scope="module")
def household(portal, inbox) -> dict[str, Visitor]:
    """Two signed-in residents of one household, by e-mail address."""
    emails = [f"household.{n}.{secrets.token_hex(4)}@example.test" for n in range(2)]
    return {email: signed_in_resident(portal, inbox, email) for email in emails}


def test_fifty_sign_ups_with_one_address_make_one_account_with_one_usable_link(portal, inbox):
    email = f"twin.{secrets.token_hex(4)}@example.test"
    answers = at_once([portal.visitor() for _ in range(50)], "/sign-up/", lambda i: {
        "email": email, "password": f"{PASSWORD} {i}", "first_name": "Jo", "last_name": f"Twin {i}"})
    assert [(a.status_code, a.headers.get("location")) for a in answers] == [(302, "/sign-up/sent/")] * 50
    assert portal.count("SELECT count(*) FROM identity_resident WHERE email = %s", email) == 1
    # Every sign-up sent a link; only the one made for the password stored last may activate.
    links = activation_links(inbox, email)
    assert len(links) == 50
    pages = [confirm_page(portal, link) for link in links]
    assert sorted(status for *_, status in pages) == [200] + [400] * 49
    confirming, landing, _ = next(page for page in pages if page[2] == 200)
    assert confirming.submit(landing, {}).status_code == 200
    assert portal.count("SELECT count(*) FROM identity_resident WHERE email = %s AND is_active", email) == 1
    assert all(confirm_page(portal, link)[2] == 400 for link in links)


LINKS = ("SELECT count(*) FROM billing_accountlink l JOIN billing_utilityaccount a ON a.id = l.account_id "
         "JOIN identity_resident r ON r.id = l.resident_id WHERE a.account_number = %s AND r.email = %s")


def link_form(account: dict) -> dict[str, str]:
    return {"account_number": account["account_number"], "customer_id": account["customer_id"]}


def test_twenty_simultaneous_links_of_one_account_by_two_residents_link_it_once_each(portal, household):
    account = portal.test_data["utility_accounts"][0]
    residents = list(household.items())
    tabs = [residents[i % 2][1].tab() for i in range(20)]
    answers = at_once(tabs, "/utility-billing/accounts/link/", lambda i: link_form(account))
    assert [(a.status_code, a.headers.get("location")) for a in answers] == [(302, "/utility-billing/accounts/")] * 20
    # One link per resident and account (linking again changes nothing); a household may share one.
    for email, visitor in residents:
        assert portal.count(LINKS, account["account_number"], email) == 1
        summary = visitor.client.get(f"/utility-billing/accounts/{account['account_number']}/")
        assert summary.status_code == 200 and account["service_address"] in summary.text


@pytest.mark.parametrize("round_", range(3))
def test_two_simultaneous_eft_sign_ups_for_one_account_leave_one_enrolment(portal, inbox, household, round_):
    account = portal.test_data["utility_accounts"][1 + round_]
    residents = list(household.values())
    for resident in residents:
        assert resident.submit("/utility-billing/accounts/link/", link_form(account)).status_code == 302
    eft = f"/utility-billing/accounts/{account['account_number']}/eft/"
    banks = [f"00012345{round_}{n}{n}{n}" for n in range(2)]
    answers = at_once(residents, eft, lambda i: {**BANK, "bank_account_number": banks[i]})
    # The first sign-up enrols; the other is told the account already pays automatically.
    won = [i for i, answer in enumerate(answers) if answer.status_code == 302]
    assert len(won) == 1 and answers[won[0]].headers["location"] == eft, [a.status_code for a in answers]
    (lost,) = {0, 1} - set(won)
    assert answers[lost].status_code == 200 and ALREADY_ENROLLED in answers[lost].text
    enrolments = "SELECT count(*) FROM billing_eftenrolment e JOIN billing_utilityaccount a ON a.id = e.account_id "
    assert portal.count(enrolments + "WHERE a.account_number = %s", account["account_number"]) == 1
    assert portal.count(enrolments + "WHERE a.account_number = %s AND e.bank_account_last4 = %s",
                        account["account_number"], banks[won[0]][-4:]) == 1
