"""The Utility Billing app through Django's test client: linking, access control, wrong input, EFT, seeding."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings
from faker import Faker

from reference_portal.billing.forms import NO_MATCH, aba_checksum_ok
from reference_portal.billing.models import AccountLink, EftEnrolment, UtilityAccount
from reference_portal.billing.seed import seed_billing
from reference_portal.identity.models import Resident

STRONG_PASSWORD = "correct horse battery staple lamp"

BANK = {"bank_name": "First Prairie Bank", "routing_number": "011000015", "account_type": "checking",
        "bank_account_number": "000123456789", "agree": "on"}


@pytest.fixture
def data(db):
    return seed_billing(7, accounts=4, returning=3)


@pytest.fixture
def resident(db):
    return Resident.objects.create_user("pat@example.test", STRONG_PASSWORD, first_name="Pat",
                                        last_name="Resident", is_active=True)


@pytest.fixture
def signed_in(client, resident):
    client.force_login(resident)
    return client


def link(client, account_number, customer_id):
    return client.post("/utility-billing/accounts/link/", {"account_number": account_number,
                                                          "customer_id": customer_id})


def summary_path(account):
    return f"/utility-billing/accounts/{account['account_number']}/"


@pytest.mark.parametrize("routing, ok", [("011000015", True), ("121000358", True), ("011000016", False),
                                         ("12345678", False), ("01100001A", False)])
def test_aba_checksum(routing, ok):
    assert aba_checksum_ok(routing) is ok


def test_fakers_routing_numbers_pass_the_checksum():
    faker = Faker()
    faker.seed_instance(1)
    assert all(aba_checksum_ok(faker.aba()) for _ in range(50))


def test_linking_with_the_numbers_on_the_bill(signed_in, data, resident):
    account = data["utility_accounts"][0]
    assert link(signed_in, account["account_number"], account["customer_id"]).status_code == 302
    assert list(resident.utility_accounts.values_list("account_number", flat=True)) == [account["account_number"]]
    assert account["service_address"] in signed_in.get(summary_path(account)).content.decode()


def test_a_wrong_pair_gets_one_generic_message_and_links_nothing(signed_in, data):
    first, second = data["utility_accounts"][:2]
    wrong_cid = link(signed_in, first["account_number"], second["customer_id"]).content.decode()
    wrong_id = link(signed_in, "100000", first["customer_id"]).content.decode()
    assert NO_MATCH in wrong_cid and NO_MATCH in wrong_id
    assert 'role="alert"' in wrong_cid
    assert not AccountLink.objects.exists()


@pytest.mark.parametrize("field, values, message", [
    ("account_number", ("12AB", "1"), "Enter the account number using digits only"),
    ("customer_id", ("123", "x-1"), "Enter the customer number using digits only"),
    ("account_number", ("", "1"), "Enter the account number from your bill."),
    ("customer_id", ("123", ""), "Enter the customer number from your bill."),
])
def test_wrong_input_is_explained_on_the_field_and_links_nothing(signed_in, field, values, message):
    page = link(signed_in, *values).content.decode()
    assert message in page
    assert 'aria-invalid="true"' in page and f'id="id_{field}_error"' in page
    assert not AccountLink.objects.exists()


def test_another_residents_account_is_not_found_like_a_missing_one(signed_in, data):
    mine, theirs = data["utility_accounts"][:2]
    link(signed_in, mine["account_number"], mine["customer_id"])
    other = Resident.objects.create_user("other@example.test", STRONG_PASSWORD, is_active=True)
    AccountLink.objects.create(resident=other, account=UtilityAccount.objects.get(account_number=theirs["account_number"]))
    bill = theirs["bills"][0]["number"]
    for path in (summary_path(theirs), summary_path(theirs) + "bills/", summary_path(theirs) + "eft/",
                 summary_path(theirs) + "services/1000/consumption/", summary_path(theirs) + "delivery/",
                 summary_path(mine) + f"bills/{bill}/", "/utility-billing/accounts/000000/"):
        response = signed_in.get(path)
        assert response.status_code == 404, path
        assert theirs["service_address"] not in response.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, data):
    response = client.get(summary_path(data["utility_accounts"][0]))
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_no_accounts_linked_yet(signed_in):
    assert "No Utility Billing accounts have been linked to this user." in signed_in.get(
        "/utility-billing/accounts/").content.decode()


def test_the_search_remembers_values_only_when_asked(signed_in, data):
    account = data["utility_accounts"][1]
    values = {"account_number": account["account_number"], "customer_id": account["customer_id"]}
    signed_in.post("/utility-billing/", {**values, "remember": "on", "action": "search"})
    assert f'value="{account["customer_id"]}"' in signed_in.get("/utility-billing/").content.decode()
    signed_in.post("/utility-billing/", {**values, "action": "search"})
    assert f'value="{account["customer_id"]}"' not in signed_in.get("/utility-billing/").content.decode()


def test_an_invalid_routing_number_saves_nothing(signed_in, data):
    account = data["utility_accounts"][0]
    link(signed_in, account["account_number"], account["customer_id"])
    page = signed_in.post(summary_path(account) + "eft/", {**BANK, "routing_number": "011000016"}).content.decode()
    assert "That routing number is not valid." in page
    assert not EftEnrolment.objects.exists() and not mail.outbox


def test_eft_needs_the_explicit_agreement(signed_in, data):
    account = data["utility_accounts"][0]
    link(signed_in, account["account_number"], account["customer_id"])
    page = signed_in.post(summary_path(account) + "eft/", {**BANK, "agree": ""}).content.decode()
    assert "Tick the box to agree" in page and not EftEnrolment.objects.exists()


def test_eft_keeps_and_shows_only_the_last_four_digits(signed_in, data, resident):
    account = data["utility_accounts"][0]
    link(signed_in, account["account_number"], account["customer_id"])
    response = signed_in.post(summary_path(account) + "eft/", BANK, follow=True)
    page = response.content.decode()
    assert "ending in 6789" in page and BANK["bank_account_number"] not in page
    enrolment = EftEnrolment.objects.get()
    stored = [str(getattr(enrolment, f.attname)) for f in enrolment._meta.concrete_fields]
    assert not any(BANK["bank_account_number"] in value for value in stored)
    (message,) = mail.outbox
    assert message.to == [resident.email] and "6789" in message.body
    for part in (message.body, message.alternatives[0].content, message.subject):
        assert BANK["bank_account_number"] not in part
    assert "the balance of each bill" in message.body


def test_cancelling_eft(signed_in, data):
    account = data["utility_accounts"][0]
    link(signed_in, account["account_number"], account["customer_id"])
    signed_in.post(summary_path(account) + "eft/", BANK)
    assert signed_in.get(summary_path(account) + "eft/cancel/").status_code == 405
    signed_in.post(summary_path(account) + "eft/cancel/")
    assert not EftEnrolment.objects.exists()


def test_changing_the_delivery_preference(signed_in, data):
    account = data["utility_accounts"][2]
    link(signed_in, account["account_number"], account["customer_id"])
    signed_in.post(summary_path(account) + "delivery/", {"delivery_preference": "email"})
    assert UtilityAccount.objects.get(account_number=account["account_number"]).delivery_preference == "email"


def test_the_consumption_chart_is_an_svg_image_with_a_name(signed_in, data):
    account = data["utility_accounts"][0]
    link(signed_in, account["account_number"], account["customer_id"])
    page = signed_in.get(summary_path(account) + "services/1000/consumption/").content.decode()
    assert 'role="img"' in page and 'aria-label="WATER consumption in gallons per month' in page
    assert "<script" not in page


def test_a_returning_resident_gets_the_previous_accounts_at_activation(client, data, sign_up, activation_path):
    returning = data["returning_residents"][0]
    sign_up(email=returning["email"])
    client.get(activation_path(mail.outbox[-1]), follow=True)
    resident = Resident.objects.get(email=returning["email"])
    assert sorted(resident.utility_accounts.values_list("account_number", flat=True)) == sorted(
        returning["account_numbers"])
    client.force_login(resident)
    home = client.get("/home/").content.decode()
    assert "Utility Billing Accounts" in home and all(n in home for n in returning["account_numbers"])


def test_seeding_is_deterministic_and_repeatable(db):
    first = seed_billing(11, accounts=3, returning=2)
    assert seed_billing(11, accounts=3, returning=2) == first  # the second run keeps the database
    assert UtilityAccount.objects.count() == 3
    assert all(len(a["bill_pin"]) == 4 and a["bill_pin"].isdigit() for a in first["utility_accounts"])
    assert all(aba_checksum_ok(b["routing_number"]) for b in first["bank_accounts"])


@override_settings(PORTAL_EDITION="citizen-access")
def test_utility_billing_is_a_community_access_page(signed_in):
    assert signed_in.get("/utility-billing/").status_code == 404
