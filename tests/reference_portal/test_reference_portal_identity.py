"""Sign-up, e-mail verification, activation and sign-in through Django's test client."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from reference_portal.identity.forms import SIGN_IN_FAILED
from reference_portal.identity.models import Resident

# The same passphrase conftest.sign_up uses; every password validator accepts it.
STRONG_PASSWORD = "correct horse battery staple lamp"

pytestmark = pytest.mark.usefixtures("db")


def active_resident():
    return Resident.objects.create_user(
        "jane@example.test", STRONG_PASSWORD, first_name="J", last_name="R", is_active=True
    )


def sign_in(client, email="jane@example.test", password=STRONG_PASSWORD, remember=False):
    data = {"username": email, "password": password}
    if remember:
        data["remember_me"] = "on"
    return client.post("/sign-in/", data)


def test_sign_up_sends_one_activation_email(sign_up):
    response = sign_up()

    assert response.status_code == 302
    assert response["Location"] == "/sign-up/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jane@example.test"]
    assert message.from_email == "Community Access Identity <noreply@community-access.test>"
    assert message.subject == "Activate your Community Access account"
    html = message.alternatives[0].content
    assert message.alternatives[0].mimetype == "text/html"
    for text in (
        "Welcome to your Community Access account!",
        "To verify your email address and activate your account, please click the following link:",
        "This is an automatically generated message from Community Access. "
        "Replies are not monitored or answered.",
    ):
        assert text in message.body
        assert text in html
    assert '<a href="http://testserver/activate/' in html
    assert "Activate account: http://testserver/activate/" in message.body
    resident = Resident.objects.get(email="jane@example.test")
    assert not resident.is_active
    # argon2id at the cost OWASP recommends (reference_portal/identity/hashers.py).
    assert resident.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_sent_page(client, sign_up):
    page = client.get(sign_up()["Location"]).content.decode()
    assert "<h1>Verification email sent</h1>" in page
    assert "To finish signing in, check your email." in page
    assert ">Back to sign in</a>" in page


def test_sign_in_before_activation_fails_with_the_generic_message(client, sign_up):
    sign_up()
    unactivated = sign_in(client)
    unknown = sign_in(client, email="nobody@example.test")

    for response in (unactivated, unknown):
        page = response.content.decode()
        assert response.status_code == 200
        assert '<div class="alert" id="sign-in-error" role="alert">' in page
        assert 'aria-describedby="sign-in-error"' in page
        assert SIGN_IN_FAILED in page
    assert "_auth_user_id" not in client.session


def test_activation_moves_the_token_out_of_the_url_and_activates(client, sign_up, activation_path):
    sign_up()
    link = activation_path(mail.outbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]

    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"].endswith("/confirm/")
    assert token not in response["Location"]

    confirm = client.get(response["Location"])
    page = confirm.content.decode()
    assert confirm.status_code == 200
    assert "<h1>Account activated</h1>" in page
    assert "Your email address is verified. You can now sign in." in page
    assert token not in page
    assert Resident.objects.get(email="jane@example.test").is_active

    home = sign_in(client)
    assert home.status_code == 302 and home["Location"] == "/home/"
    page = client.get("/home/").content.decode()
    assert "<h1>Welcome to Citizen Self Service</h1>" in page
    assert "Jane Resident" in page


def test_second_use_of_the_link_shows_the_invalid_page(client, sign_up, activation_path):
    sign_up()
    link = activation_path(mail.outbox[0])
    client.get(client.get(link)["Location"])

    again = client.get(client.get(link)["Location"])
    assert again.status_code == 400
    assert "<h1>This activation link is not valid</h1>" in again.content.decode()


def test_confirm_page_without_a_session_token_activates_nothing(client, sign_up, activation_path):
    sign_up()
    link = activation_path(mail.outbox[0])
    confirm_url = client.get(link)["Location"]

    cookieless = Client()
    assert cookieless.head(link).status_code == 405
    response = cookieless.get(confirm_url)
    assert response.status_code == 400
    assert not Resident.objects.get(email="jane@example.test").is_active


@pytest.mark.parametrize(
    ("password", "error"),
    [
        ("short phrase", "This password is too short. It must contain at least 15 characters."),
        ("1q2w3e4r5t6y7u8i", "This password is too common."),
        ("jane@example.test!", "The password is too similar to the email address."),
    ],
)
def test_weak_passwords_are_refused_next_to_the_field(sign_up, password, error):
    response = sign_up(password=password)
    page = response.content.decode()
    assert response.status_code == 200
    assert error in page
    assert 'id="id_password_error"' in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_password_helptext id_password_error"' in page
    assert not mail.outbox
    assert not Resident.objects.exists()


def test_re_registering_an_unactivated_address_sends_a_fresh_link(sign_up, activation_path):
    first = sign_up()
    old_link = activation_path(mail.outbox[0])
    second = sign_up(email="JANE@example.test", password="a completely new passphrase here", first="Janet")

    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "Activate your Community Access account"
    assert activation_path(mail.outbox[1]) != old_link
    resident = Resident.objects.get()
    assert resident.first_name == "Janet"
    assert resident.check_password("a completely new passphrase here")


def test_re_registering_an_active_address_changes_nothing(client, sign_up, activation_path):
    sign_up()
    client.get(client.get(activation_path(mail.outbox[0]))["Location"])
    fresh = sign_up(email="new@example.test")
    again = sign_up(password="an attacker's chosen passphrase", first="Mallory")

    assert (fresh.status_code, fresh["Location"]) == (again.status_code, again["Location"])
    notice = mail.outbox[-1]
    assert notice.to == ["jane@example.test"]
    assert notice.subject == "You already have a Community Access account"
    assert '<a href="http://testserver/sign-in/">Sign in</a>' in notice.alternatives[0].content
    resident = Resident.objects.get(email="jane@example.test")
    assert resident.is_active and resident.first_name == "Jane"
    assert resident.check_password(STRONG_PASSWORD)


def test_remember_me_decides_the_session_lifetime(db):
    active_resident()

    browser_session, remembered = Client(), Client()
    sign_in(browser_session)
    sign_in(remembered, remember=True)

    assert browser_session.session.get_expire_at_browser_close()
    assert not browser_session.cookies["sessionid"]["max-age"]
    assert not remembered.session.get_expire_at_browser_close()
    # A fixed end, counted from sign-in: the response may come a second later.
    assert settings.REMEMBER_ME_SECONDS - 5 <= remembered.cookies["sessionid"]["max-age"] <= settings.REMEMBER_ME_SECONDS


def test_sign_in_rotates_the_session_and_sign_out_ends_it(client):
    active_resident()
    client.get("/sign-in/")
    client.session.save()
    before = client.session.session_key
    sign_in(client)
    assert client.session.session_key != before

    response = client.post("/sign-out/")
    assert response.status_code == 302 and response["Location"] == "/sign-in/"
    assert client.get("/home/")["Location"] == "/sign-in/?next=/home/"
