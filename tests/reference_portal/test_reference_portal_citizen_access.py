"""The Citizen Access edition (flows.md B): registration, the two logins, and linking permit accounts."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import override_settings
from faker import Faker

from reference_portal.editions import EDITIONS
from reference_portal.identity.forms import SIGN_IN_FAILED
from reference_portal.identity.models import Resident
from reference_portal.identity.views import EMAIL_CONFIRMED
from reference_portal.permits.forms import NO_MATCH
from reference_portal.permits.models import PermitAccount, PermitLink
from reference_portal.permits.seed import seed_permits

STRONG_PASSWORD = "correct horse battery staple lamp"
EDITION = EDITIONS["citizen-access"]


@pytest.fixture(autouse=True)
def citizen_access(db):
    """Render the Citizen Access edition; edition-dependent code reads these per request."""
    with override_settings(
        PORTAL_EDITION=EDITION.slug,
        PORTAL_PRODUCT_NAME=EDITION.product_name,
        DEFAULT_FROM_EMAIL=f"{EDITION.email_from_name} <noreply@citizen-access.test>",
    ):
        yield


def page_of(response) -> str:
    assert response.status_code == 200, response
    return response.content.decode()


def log_in(client, email="jane@example.test", password=STRONG_PASSWORD):
    return client.post("/sign-in/", {"username": email, "password": password})


def confirmation_path(message) -> str:
    found = re.search(r'<a href="([^"]+)">Confirm Registration</a>', message.alternatives[0].content)
    assert found, message.alternatives[0].content
    return urlsplit(found.group(1)).path


def open_link(client, path):
    """Follow the e-mailed link as a browser does: through the redirect that moves the token."""
    return client.get(client.get(path)["Location"])


@pytest.fixture
def confirmed(client, sign_up):
    """A resident who registered and opened the link: e-mail confirmed, not yet enabled."""
    sign_up()
    open_link(client, confirmation_path(mail.outbox[0]))
    return Resident.objects.get(email="jane@example.test")


@pytest.fixture
def logged_in(client, confirmed):
    log_in(client)
    assert log_in(client)["Location"] == "/home/"
    return confirmed


def test_start_page_offers_new_user(client):
    page = page_of(client.get("/sign-in/"))
    for fragment in ("<h1>Log In to Citizen Access</h1>", 'href="/sign-up/">new user</a>',
                     '<label for="id_username">Email Address</label>', ">Log In</button>"):
        assert fragment in page, fragment
    assert "Sign in with Google" not in page


def test_registration_form_then_dialog_then_check_email(client, sign_up):
    form = page_of(client.get("/sign-up/"))
    for fragment in ("<h1>New User Registration</h1>", '<label for="id_email">Email Address</label>',
                     '<label for="id_first_name">First Name</label>', ">submit</button>"):
        assert fragment in form, fragment

    dialog = page_of(client.get(sign_up()["Location"]))
    assert 'role="alertdialog"' in dialog and 'aria-labelledby="dialog-title"' in dialog
    assert "A Registration E-mail was sent" in dialog
    assert 'href="/sign-up/check-email/">ok</a>' in dialog
    assert "check your email" in page_of(client.get("/sign-up/check-email/"))


def test_registration_email_comes_from_citizen_access(sign_up):
    sign_up()
    message = mail.outbox[0]
    assert message.from_email.startswith("City of Billings Citizen Access <")
    assert message.subject == "Citizen Access Registration"
    assert "Confirm Registration: http://testserver/activate/" in message.body


def test_the_link_confirms_but_does_not_enable(client, sign_up):
    sign_up()
    response = client.get(confirmation_path(mail.outbox[0]))
    landing = client.get(response["Location"])

    assert landing.status_code == 302 and landing["Location"] == "/sign-in/"
    page = page_of(client.get("/sign-in/"))
    assert f'<div class="status" role="status"><p>{EMAIL_CONFIRMED}</p></div>' in page
    resident = Resident.objects.get()
    assert resident.email_confirmed and not resident.is_active
    assert client.get("/home/").status_code == 302


def test_a_reused_link_is_not_valid(client, confirmed):
    again = open_link(client, confirmation_path(mail.outbox[0]))
    assert again.status_code == 400
    assert "<h1>This confirmation link is not valid</h1>" in again.content.decode()


@pytest.mark.parametrize("case", ["unconfirmed", "wrong-password", "unknown"])
def test_failed_logins_all_look_the_same_and_enable_nothing(client, sign_up, case):
    sign_up()
    if case != "unconfirmed":
        open_link(client, confirmation_path(mail.outbox[0]))
    email = "nobody@example.test" if case == "unknown" else "jane@example.test"
    password = "not the passphrase at all" if case == "wrong-password" else STRONG_PASSWORD

    page = page_of(log_in(client, email, password))
    assert SIGN_IN_FAILED in page and 'role="alert"' in page
    assert not Resident.objects.get().is_active
    assert "_auth_user_id" not in client.session


def test_first_login_enables_without_signing_in(client, confirmed):
    response = log_in(client)
    assert response.status_code == 302 and response["Location"] == "/account-activated/"
    assert "_auth_user_id" not in client.session
    assert Resident.objects.get().is_active
    page = page_of(client.get(response["Location"]))
    assert "your account was activated" in page
    assert 'href="/sign-in/">Return to the login page</a>' in page
    assert client.get("/permits/")["Location"] == "/sign-in/?next=/permits/"


def test_second_login_signs_in_to_utility_pay_and_permits(client, logged_in):
    page = page_of(client.get("/home/"))
    assert "<h1>Welcome to Citizen Access</h1>" in page
    assert 'href="/utility-pay/">Utility Pay</a>' in page
    assert 'href="/permits/">Permits</a>' in page


@pytest.fixture
def permit():
    return PermitAccount.objects.create(number="PA-2024-00001", holder_name="Jane Builder",
                                        email="Jane.Builder@permits.example.test", pin="4821")


def add_accounts(client, email, pin=""):
    return client.post("/permits/link/add/", {"email": email, "pin": pin})


def test_link_account_then_add_accounts(client, logged_in):
    assert 'href="/permits/link/">Link Account...</a>' in page_of(client.get("/permits/"))
    assert 'href="/permits/link/add/">add accounts</a>' in page_of(client.get("/permits/link/"))
    form = page_of(client.get("/permits/link/add/"))
    assert 'role="dialog"' in form
    assert '<label for="id_pin">Provided PIN</label>' in form
    assert '<label for="id_email">Email Address</label>' in form


@pytest.mark.parametrize("pin", ["", "4821"])
def test_linking_by_the_email_on_file_with_or_without_the_pin(client, logged_in, permit, pin):
    response = add_accounts(client, "jane.builder@PERMITS.example.test", pin)
    assert response["Location"] == "/permits/link/done/"
    box = page_of(client.get("/permits/link/done/"))
    assert 'role="alertdialog"' in box and "Your account is now linked" in box and "PA-2024-00001" in box
    assert "PA-2024-00001" in page_of(client.get("/permits/"))
    assert list(logged_in.permit_accounts.all()) == [permit]
    # The confirmation box shows once; reloading it goes back to the linked accounts.
    assert client.get("/permits/link/done/")["Location"] == "/permits/link/"


@pytest.mark.parametrize(("email", "pin"), [("someone.else@permits.example.test", ""),
                                            ("jane.builder@permits.example.test", "1111")])
def test_unknown_email_or_wrong_pin_links_nothing(client, logged_in, permit, email, pin):
    page = page_of(add_accounts(client, email, pin))
    assert NO_MATCH in page and 'role="alert"' in page and 'aria-describedby="link-error"' in page
    assert not PermitLink.objects.exists()


def test_permit_pages_need_a_login(client, permit):
    assert client.get("/permits/link/add/")["Location"] == "/sign-in/?next=/permits/link/add/"
    assert add_accounts(client, permit.email).status_code == 302
    assert not PermitLink.objects.exists()


def seeded_faker() -> Faker:
    faker = Faker("en_US")
    faker.seed_instance(42)
    return faker


def test_seeded_permit_accounts_have_unique_emails_and_pins():
    made = seed_permits(seeded_faker(), count=30)
    assert len({p["email"] for p in made}) == 30 == PermitAccount.objects.count()
    assert all(re.fullmatch(r"\d{4}", p["pin"]) for p in made)
    # The same seed makes the same accounts, and seeding again adds none.
    assert seed_permits(seeded_faker(), count=30) == made
    assert PermitAccount.objects.count() == 30


@pytest.mark.parametrize("path", ["/permits/", "/utility-pay/", "/sign-up/check-email/", "/account-activated/"])
def test_community_access_has_none_of_these_pages(client, path):
    with override_settings(PORTAL_EDITION="community-access"):
        assert client.get(path).status_code == 404


@pytest.fixture
def water_account():
    from reference_portal.billing.models import Customer, UtilityAccount

    customer = Customer.objects.create(customer_id="200117", name="JANE RESIDENT",
                                       mailing_address="1 MAIN ST", mailing_city_line="BILLINGS, MT 59101")
    return UtilityAccount.objects.create(account_number="1000042", customer=customer,
                                         service_address="1 MAIN ST", bill_pin="0815")


def test_utility_pay_links_the_water_service_by_number_and_bill_pin(client, logged_in, water_account):
    assert 'href="/utility-pay/link/">Link Account...</a>' in page_of(client.get("/utility-pay/"))
    form = page_of(client.get("/utility-pay/link/add/"))
    assert '<label for="id_account_number">Account Number</label>' in form
    assert '<label for="id_pin">PIN</label>' in form

    response = client.post("/utility-pay/link/add/", {"account_number": "1000042", "pin": "0815"})
    assert response["Location"] == "/utility-pay/link/done/"
    assert "Your account is now linked" in page_of(client.get("/utility-pay/link/done/"))
    assert "<td>1000042</td>" in page_of(client.get("/utility-pay/"))


@pytest.mark.parametrize(("number", "pin"), [("1000042", "0816"), ("9999999", "0815"), ("1000042", "")])
def test_utility_pay_refuses_a_wrong_pin_or_number(client, logged_in, water_account, number, pin):
    from reference_portal.billing.models import AccountLink

    page = page_of(client.post("/utility-pay/link/add/", {"account_number": number, "pin": pin}))
    assert 'role="alert"' in page
    assert not AccountLink.objects.exists()


@pytest.mark.parametrize("defect", ["first-login-signs-in", "confirmation-link-reusable", "permit-pin-ignored"])
def test_each_citizen_access_defect_breaks_its_requirement(client, confirmed, permit, defect):
    """The defects the harness's own tests switch on really break what they name."""
    with override_settings(PORTAL_DEFECTS=(defect,)):
        if defect == "first-login-signs-in":
            log_in(client)
            assert "_auth_user_id" in client.session
        elif defect == "confirmation-link-reusable":
            open_link(client, confirmation_path(mail.outbox[0]))
            assert EMAIL_CONFIRMED in page_of(client.get("/sign-in/"))
        else:
            log_in(client)
            log_in(client)
            add_accounts(client, permit.email, "0000")
            assert PermitLink.objects.exists()
