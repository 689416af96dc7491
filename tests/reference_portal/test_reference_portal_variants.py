"""Variants of the reference portal (reference_portal.variants): each documented variation of the
flows, switched on by name, renders as a compliant portal of its own, and refuses what it must."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings

from reference_portal import variants
from reference_portal.billing.models import AccountLink, Bill, Customer, RememberedSearch, UtilityAccount
from reference_portal.billing.seed import seed_billing
from reference_portal.clock import ENV_CLOCK_FILE
from reference_portal.editions import EDITIONS
from reference_portal.identity import codes
from reference_portal.identity.forms import SIGN_IN_FAILED
from reference_portal.identity.models import Resident, VerificationCode
from reference_portal.identity.verification_forms import CODE_NOT_ACCEPTED, WRONG_PASSWORD
from reference_portal.permits.utility_pay import NO_MATCH_AMOUNT

STRONG_PASSWORD = "correct horse battery staple lamp"  # as conftest.sign_up signs residents up
NEW_PASSWORD = "a brand new passphrase for the portal"
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def variant():
    """Function: switch variants on for the rest of the test, e.g. `variant("two-step-sign-in")`."""
    with contextlib.ExitStack() as stack:
        yield lambda *names: stack.enter_context(override_settings(PORTAL_VARIANTS=names))


@pytest.fixture
def clock_file(tmp_path, monkeypatch):
    path = tmp_path / "clock"
    monkeypatch.setenv(ENV_CLOCK_FILE, str(path))
    return path


def page_of(response, status=200) -> str:
    assert response.status_code == status, (response.status_code, response.get("Location"))
    return response.content.decode()


def active_resident(email="jane@example.test") -> Resident:
    return Resident.objects.create_user(email, STRONG_PASSWORD, first_name="Jane", last_name="Resident",
                                        is_active=True)


def open_link(client, path):
    """Follow the e-mailed link as a browser does: through the redirect that moves the token."""
    return client.get(client.get(path)["Location"])


def text_link(message) -> str:
    """The verification URL's path from a plain-text body, where it stands on a line of its own."""
    found = re.search(r"^(https?://\S+)$", message.body, re.MULTILINE)
    assert found, message.body
    return urlsplit(found.group(1)).path


def assert_standards(response, *, nav=True):
    """What every page of the portal keeps: language, landmarks, CSP and the security headers.

    (Citizen Access shows its navigation to residents who are logged in only.)
    """
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert '<main id="main"' in page and ('<nav class="site-nav" aria-label="Main">' in page or not nav)
    assert "<script" not in page and "style=" not in page
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


# The registry, the command line and the harness's launcher ----------------------------------


def test_every_variant_is_described_and_belongs_to_an_edition():
    assert set(variants.VARIANTS) == set(variants.EDITION_OF)
    assert set(variants.EDITION_OF.values()) <= set(EDITIONS)
    assert all(description and "\n" not in description for description in variants.VARIANTS.values())
    assert variants.URL_VARIANTS <= set(variants.VARIANTS)


def test_names_parse_in_any_combination_and_unknown_ones_are_refused(monkeypatch):
    assert variants.parse(" sign-up-url, reworded ,sign-up-url", "community-access") == ("sign-up-url", "reworded")
    assert variants.parse("", "community-access") == ()
    with pytest.raises(ValueError, match="unknown variant 'nosuch'; known: sign-up-url, confirm-button"):
        variants.parse("reworded,nosuch")
    with pytest.raises(ValueError, match="'total-amount-due' belongs to the citizen-access edition"):
        variants.parse("total-amount-due", "community-access")
    monkeypatch.setenv(variants.ENV_VARIANTS, "two-step-sign-in,nosuch")
    with pytest.raises(ValueError, match=f"^{variants.ENV_VARIANTS}: unknown variant 'nosuch'"):
        variants.from_environment()
    monkeypatch.setenv(variants.ENV_VARIANTS, "code-verification,other-paths")
    assert variants.from_environment("community-access") == ("code-verification", "other-paths")


def test_the_default_portal_has_no_variant():
    assert settings.PORTAL_VARIANTS == ()
    assert not any(variants.active(name) for name in variants.VARIANTS)


@pytest.mark.parametrize(("args", "complaint"), [
    (["--variant", "nosuch"], "--variant: unknown variant 'nosuch'; known: sign-up-url,"),
    (["--variant", "total-amount-due"], "--variant: variant 'total-amount-due' belongs to the citizen-access"),
    (["--edition", "citizen-access", "--variant", "two-step-sign-in"], "belongs to the community-access"),
])
def test_a_wrong_variant_on_the_command_line_is_one_line_and_exit_code_2(args, complaint):
    result = subprocess.run([sys.executable, "-m", "reference_portal", "serve", *args], cwd=ROOT,
                            env=clean_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and complaint in lines[0], result.stderr


def clean_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items()
            if not k.startswith("REFERENCE_PORTAL_") and k != "DJANGO_SETTINGS_MODULE"}


def test_the_harness_launcher_passes_the_variants():
    from portalcheck.reference import ReferencePortal

    plain = ReferencePortal(smtp=("127.0.0.1", 1025))
    varied = ReferencePortal(smtp=("127.0.0.1", 1025), variants=("two-step-sign-in", "reworded"))
    try:
        assert "--variant" not in plain.command()
        command = varied.command()
        assert command[command.index("--variant") + 1] == "two-step-sign-in,reworded"
    finally:
        plain.stop()
        varied.stop()


def test_a_served_portal_renders_the_variants_it_was_started_with():
    """`serve --variant` end to end: a real process, its own paths."""
    import urllib.error
    import urllib.request

    from portalcheck.reference import ReferencePortal

    with ReferencePortal(smtp=("127.0.0.1", 1), variants=("other-paths", "reworded")) as portal:
        with urllib.request.urlopen(portal.url, timeout=10) as response:
            assert response.url == portal.url + "account/login/"
            page = response.read().decode()
        assert '<label for="id_username">Email</label>' in page
        with pytest.raises(urllib.error.HTTPError) as gone:
            urllib.request.urlopen(portal.url + "sign-in/", timeout=10)
        gone.value.close()
        assert gone.value.code == 404


# 1. sign-up-url ------------------------------------------------------------------------------


def test_sign_up_url_serves_the_form_at_register(client, variant):
    variant("sign-up-url")
    assert client.get("/sign-up/").status_code == 404
    form = client.get("/register/")
    assert "<h1>Create an account</h1>" in page_of(form)
    assert 'action="/register/"' in form.content.decode()
    assert_standards(form)
    assert "Don't have an account? <a href=\"/register/\">Sign up</a>" in page_of(client.get("/sign-in/"))
    response = client.post("/register/", {"email": "jane@example.test", "password": STRONG_PASSWORD,
                                          "first_name": "Jane", "last_name": "Resident"})
    assert response["Location"] == "/register/sent/"
    assert "<h1>Verification email sent</h1>" in page_of(client.get("/register/sent/"))
    assert len(mail.outbox) == 1


# 2. confirm-button -----------------------------------------------------------------------------


def confirm_page(client, message, activation_path):
    return open_link(client, activation_path(message))


def test_confirm_button_a_get_shows_the_button_and_never_activates(client, sign_up, activation_path, variant):
    variant("confirm-button")
    sign_up()
    page = confirm_page(client, mail.outbox[0], activation_path)
    text = page_of(page)
    assert "<h1>Confirm your email</h1>" in text
    assert re.search(r'<form method="post">\s*<input type="hidden" name="csrfmiddlewaretoken"', text)
    assert ">CONFIRM EMAIL</button>" in text
    assert 'type="password"' not in text
    assert "no-store" in page["Cache-Control"]
    assert_standards(page)
    assert client.get(page.request["PATH_INFO"]).status_code == 200  # a second GET: still nothing
    assert not Resident.objects.get(email="jane@example.test").is_active


def test_confirm_button_pressed_activates_once(client, sign_up, activation_path, variant):
    variant("confirm-button")
    sign_up()
    path = activation_path(mail.outbox[0])
    confirm = client.get(path)["Location"]
    client.get(confirm)
    done = client.post(confirm)
    assert "<h1>Account activated</h1>" in page_of(done)
    assert Resident.objects.get(email="jane@example.test").is_active
    assert client.post(confirm).status_code == 400  # the same press again
    assert open_link(client, path).status_code == 400  # the link again


def test_confirm_button_needs_the_csrf_token(sign_up, activation_path, variant):
    variant("confirm-button")
    sign_up()
    browser = Client(enforce_csrf_checks=True)
    confirm = browser.get(activation_path(mail.outbox[0]))["Location"]
    browser.get(confirm)
    assert browser.post(confirm).status_code == 403
    assert not Resident.objects.get(email="jane@example.test").is_active


def test_confirm_button_link_expires(client, sign_up, activation_path, variant, clock_file):
    variant("confirm-button")
    sign_up()
    clock_file.write_text(str(settings.ACTIVATION_TOKEN_SECONDS + 1))
    confirm = client.get(activation_path(mail.outbox[0]))["Location"]
    assert client.get(confirm).status_code == 400
    assert client.post(confirm).status_code == 400
    assert not Resident.objects.get(email="jane@example.test").is_active


@pytest.mark.parametrize("defect", ["activation-link-reusable", "activation-link-never-expires"])
def test_confirm_button_keeps_the_activation_defects(client, sign_up, activation_path, clock_file, defect):
    with override_settings(PORTAL_VARIANTS=("confirm-button",), PORTAL_DEFECTS=(defect,)):
        sign_up()
        path = activation_path(mail.outbox[0])
        if defect == "activation-link-never-expires":
            clock_file.write_text(str(settings.ACTIVATION_TOKEN_SECONDS + 1))
        confirm = client.get(path)["Location"]
        client.get(confirm)
        assert "<h1>Account activated</h1>" in page_of(client.post(confirm))
        if defect == "activation-link-reusable":
            confirm = client.get(path)["Location"]
            assert ">CONFIRM EMAIL</button>" in page_of(client.get(confirm))
            assert "<h1>Account activated</h1>" in page_of(client.post(confirm))


def test_without_the_variant_the_confirm_page_takes_no_post(client, sign_up, activation_path):
    sign_up()
    confirm = client.get(activation_path(mail.outbox[0]))["Location"]
    assert client.post(confirm).status_code == 405
    assert not Resident.objects.get(email="jane@example.test").is_active
    assert "<h1>Account activated</h1>" in page_of(client.get(confirm))


# 3. password-again -----------------------------------------------------------------------------


def test_password_again_asks_for_the_password(client, sign_up, activation_path, variant):
    variant("password-again")
    sign_up()
    confirm = client.get(activation_path(mail.outbox[0]))["Location"]
    page = client.get(confirm)
    text = page_of(page)
    assert "<h1>Confirm your email</h1>" in text
    assert '<label for="id_password">Password</label>' in text
    assert re.search(r'<input type="password" name="password" autocomplete="current-password"[^>]*id="id_password"',
                     text)
    assert ">CONFIRM EMAIL</button>" in text
    assert_standards(page)
    assert not Resident.objects.get(email="jane@example.test").is_active


def test_password_again_a_wrong_password_activates_nothing(client, sign_up, activation_path, variant):
    variant("password-again")
    sign_up()
    confirm = client.get(activation_path(mail.outbox[0]))["Location"]
    for wrong in ("not the password at all, surely", ""):
        text = page_of(client.post(confirm, {"password": wrong}))
        assert '<div class="alert" role="alert">' in text
        assert 'aria-invalid="true"' in text and 'aria-describedby="id_password_error"' in text
        assert '<ul class="field__errors" id="id_password_error">' in text
        assert not Resident.objects.get(email="jane@example.test").is_active
    assert WRONG_PASSWORD in page_of(client.post(confirm, {"password": "wrong " + STRONG_PASSWORD}))
    assert "<h1>Account activated</h1>" in page_of(client.post(confirm, {"password": STRONG_PASSWORD}))
    assert Resident.objects.get(email="jane@example.test").is_active
    assert client.post(confirm, {"password": STRONG_PASSWORD}).status_code == 400


# 4. code-verification --------------------------------------------------------------------------


def code_in(message) -> str:
    found = re.search(r"Your verification code is (\d{6})\b", message.body)
    assert found, message.body
    return found.group(1)


def verify(client, code, email="jane@example.test"):
    return client.post("/verify/", {"email": email, "code": code, "action": "verify"})


def test_code_verification_mails_a_code_and_no_link(client, sign_up, variant):
    variant("code-verification")
    response = sign_up()
    assert response["Location"] == "/verify/"
    [message] = mail.outbox
    code = code_in(message)
    assert message.subject == "Activate your Community Access account"
    assert "http" not in message.body and "href" not in message.alternatives[0].content
    assert f"Your verification code is <strong>{code}</strong>" in message.alternatives[0].content
    stored = VerificationCode.objects.get(resident__email="jane@example.test")
    assert code not in stored.code_hash and len(stored.code_hash) == 64
    assert not Resident.objects.get(email="jane@example.test").is_active


def test_code_verification_page_after_sign_up_has_the_address_filled_in(client, sign_up, variant):
    variant("code-verification")
    sign_up()
    page = client.get("/verify/")
    text = page_of(page)
    assert "<h1>Verify with your email</h1>" in text
    assert re.search(r'<input type="email" name="email" value="jane@example.test"', text)
    assert '<label for="id_email">Email address</label>' in text
    assert '<label for="id_code">Enter Code</label>' in text
    assert ">Verify</button>" in text and ">Resend code</button>" in text
    assert 'name="csrfmiddlewaretoken"' in text
    assert_standards(page)
    # Anyone else gets the same page with nothing filled in.
    fresh = page_of(Client().get("/verify/"))
    assert "<h1>Verify with your email</h1>" in fresh and 'value="jane@example.test"' not in fresh


def test_the_right_code_activates_once(client, sign_up, variant):
    variant("code-verification")
    sign_up()
    code = code_in(mail.outbox[0])
    assert "<h1>Account activated</h1>" in page_of(verify(Client(), code, "Jane@Example.test"))
    assert Resident.objects.get(email="jane@example.test").is_active
    assert CODE_NOT_ACCEPTED in page_of(verify(client, code))


def test_a_wrong_code_and_an_unknown_address_get_the_same_one_error(client, sign_up, variant):
    variant("code-verification")
    sign_up()
    code = code_in(mail.outbox[0])
    wrong = f"{(int(code) + 1) % 1000000:06d}"
    answers = [page_of(verify(Client(), wrong)), page_of(verify(Client(), code, "nobody@example.test"))]
    for answer in answers:
        assert '<div class="alert" id="verify-error" role="alert">' in answer
        assert 'aria-describedby="verify-error"' in answer
        assert answer.count(CODE_NOT_ACCEPTED) == 1
    assert without_token(answers[0], "jane@example.test") == without_token(answers[1], "nobody@example.test")
    assert not Resident.objects.get(email="jane@example.test").is_active


def test_five_wrong_codes_void_the_code_and_a_new_one_works(client, sign_up, variant):
    variant("code-verification")
    sign_up()
    code = code_in(mail.outbox[0])
    wrong = f"{(int(code) + 1) % 1000000:06d}"
    for _ in range(codes.MAX_WRONG_CODES):
        assert CODE_NOT_ACCEPTED in page_of(verify(client, wrong))
    assert CODE_NOT_ACCEPTED in page_of(verify(client, code))  # right, but void now
    mail.outbox = []
    resent = client.post("/verify/", {"email": "jane@example.test", "code": "", "action": "resend"})
    assert resent["Location"] == "/verify/"
    assert "we have sent it a new code" in page_of(client.get("/verify/"))
    assert "<h1>Account activated</h1>" in page_of(verify(client, code_in(mail.outbox[0])))


def test_resend_voids_the_old_code_and_tells_nothing_about_the_address(client, sign_up, variant):
    variant("code-verification")
    sign_up()
    old = code_in(mail.outbox[0])
    mail.outbox = []
    for email in ("jane@example.test", "nobody@example.test"):
        response = Client().post("/verify/", {"email": email, "action": "resend"})
        assert response.status_code == 302 and response["Location"] == "/verify/"
    [message] = mail.outbox
    assert message.to == ["jane@example.test"]
    new = code_in(message)
    if new != old:
        assert CODE_NOT_ACCEPTED in page_of(verify(client, old))
    assert "<h1>Account activated</h1>" in page_of(verify(client, new))


def test_a_code_expires_with_the_activation_token_lifetime(client, sign_up, variant, clock_file):
    variant("code-verification")
    sign_up()
    clock_file.write_text(str(settings.ACTIVATION_TOKEN_SECONDS + 1))
    assert CODE_NOT_ACCEPTED in page_of(verify(client, code_in(mail.outbox[0])))
    assert not Resident.objects.get(email="jane@example.test").is_active


def test_code_verification_sign_up_does_not_tell_a_registered_address(client, sign_up, variant):
    variant("code-verification")
    active_resident()
    again = sign_up()
    assert again.status_code == 302 and again["Location"] == "/verify/"
    assert "<h1>Verify with your email</h1>" in page_of(client.get("/verify/"))
    [message] = mail.outbox
    assert "Your verification code is" not in message.body  # the "already registered" e-mail instead
    assert not VerificationCode.objects.exists()


def test_the_code_form_needs_the_csrf_token(sign_up, variant):
    variant("code-verification")
    sign_up()
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/verify/", {"email": "jane@example.test", "code": code_in(mail.outbox[0])})
    assert response.status_code == 403
    assert not Resident.objects.get(email="jane@example.test").is_active


def test_without_the_variant_there_is_no_code_page(client):
    assert client.get("/verify/").status_code == 404


# 5. plain-text-email ---------------------------------------------------------------------------


def test_plain_text_email_has_no_html_part_and_the_link_on_its_own_line(client, sign_up, variant):
    variant("plain-text-email")
    sign_up()
    [message] = mail.outbox
    assert message.alternatives == [] and message.content_subtype == "plain"
    assert "<" not in message.body
    path = text_link(message)
    assert path.startswith("/activate/")
    assert "<h1>Account activated</h1>" in page_of(open_link(client, path))


# 6. two-step-sign-in ---------------------------------------------------------------------------


def next_step(client, email="jane@example.test"):
    return client.post("/sign-in/", {"username": email})


def sign_in(client, email="jane@example.test", password=STRONG_PASSWORD, **extra):
    return client.post("/sign-in/", {"username": email, "password": password, **extra})


def without_token(page: str, email: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page).replace(email, "<email>")


def test_two_step_first_page_has_everything_but_the_password(client, variant):
    variant("two-step-sign-in")
    page = client.get("/sign-in/")
    text = page_of(page)
    for fragment in ("<h1>Sign in to community access services.</h1>", ">Sign in with Google</a>",
                     ">Sign in with Apple</a>", ">Sign in with Microsoft</a>", ">Sign in with Facebook</a>",
                     "<span>OR</span>", '<label for="id_username">Email address</label>', ">Next</button>",
                     ">Forgot password?</a>", ">Unlock account?</a>", ">Help</a>",
                     "Don't have an account? <a href=\"/sign-up/\">Sign up</a>"):
        assert fragment in text, fragment
    assert 'type="password"' not in text and "Remember me" not in text and ">Sign in</button>" not in text
    assert_standards(page)


def test_two_step_any_address_reaches_the_same_password_step(client, variant):
    variant("two-step-sign-in")
    active_resident()
    Resident.objects.create_user("unverified@example.test", STRONG_PASSWORD, first_name="U", last_name="V")
    steps = {email: page_of(next_step(Client(), email))
             for email in ("jane@example.test", "nobody@example.test", "unverified@example.test")}
    text = steps["jane@example.test"]
    assert "<h1>Sign in to community access services.</h1>" in text
    assert "Signing in as <strong>jane@example.test</strong>" in text
    assert '<input type="hidden" name="username" value="jane@example.test"' in text
    assert 'type="email"' not in text  # the address is text here, not a field
    for fragment in ('<label for="id_password">Password</label>', '<label for="id_remember_me">Remember me</label>',
                     ">Sign in</button>", 'name="csrfmiddlewaretoken"'):
        assert fragment in text, fragment
    assert len({without_token(page, email) for email, page in steps.items()}) == 1


def test_two_step_a_malformed_address_stays_on_the_first_step(client, variant):
    variant("two-step-sign-in")
    text = page_of(next_step(client, "not an address"))
    assert ">Next</button>" in text and 'aria-invalid="true"' in text and 'type="password"' not in text


def test_two_step_signs_in_and_rotates_the_session(client, variant):
    variant("two-step-sign-in")
    active_resident()
    client.get("/sign-in/")
    next_step(client)
    before = client.session.session_key
    response = sign_in(client, remember_me="on")
    assert response.status_code == 302 and response["Location"] == "/home/"
    assert "_auth_user_id" in client.session and client.session.session_key != before
    assert client.session.get_expiry_age() > settings.IDLE_TIMEOUT_SECONDS  # "Remember me" counted
    home = client.get("/home/")
    assert "<h1>Welcome to Citizen Self Service</h1>" in page_of(home) and "no-store" in home["Cache-Control"]


@pytest.mark.parametrize("case", ["wrong-password", "unknown-address", "unverified", "locked"])
def test_two_step_failures_answer_as_the_one_page_form_does(client, variant, case):
    variant("two-step-sign-in")
    resident = active_resident()
    email, password = "jane@example.test", STRONG_PASSWORD
    if case == "wrong-password":
        password = "not the password at all, surely"
    elif case == "unknown-address":
        email = "nobody@example.test"
    elif case == "unverified":
        resident.is_active = False
        resident.save()
    else:
        from reference_portal import clock

        resident.locked_at = clock.now()
        resident.save()
    next_step(client, email)
    response = sign_in(client, email, password)
    text = page_of(response)
    assert '<div class="alert" id="sign-in-error" role="alert">' in text
    assert 'aria-describedby="sign-in-error"' in text and SIGN_IN_FAILED in text
    assert f"Signing in as <strong>{email}</strong>" in text and ">Sign in</button>" in text
    assert "_auth_user_id" not in client.session


def test_two_step_failures_lock_the_account(client, variant):
    variant("two-step-sign-in")
    resident = active_resident()
    for _ in range(settings.LOCKOUT_THRESHOLD):
        sign_in(client, password="not the password at all, surely")
    resident.refresh_from_db()
    assert resident.is_locked
    assert SIGN_IN_FAILED in page_of(sign_in(client))


def test_two_step_needs_the_csrf_token_on_both_steps(variant):
    variant("two-step-sign-in")
    active_resident()
    browser = Client(enforce_csrf_checks=True)
    assert browser.post("/sign-in/", {"username": "jane@example.test"}).status_code == 403
    assert sign_in(browser).status_code == 403


def test_two_step_keeps_the_sign_in_defects(client, variant):
    variant("two-step-sign-in")
    with override_settings(PORTAL_DEFECTS=("sign-in-says-unknown-email",)):
        next_step(client, "nobody@example.test")
        assert "No account uses this email address." in page_of(sign_in(client, "nobody@example.test"))


def test_two_step_keeps_the_next_address(client, variant):
    variant("two-step-sign-in")
    active_resident()
    assert client.get("/utility-billing/")["Location"] == "/sign-in/?next=/utility-billing/"
    step = page_of(client.post("/sign-in/?next=/utility-billing/", {"username": "jane@example.test",
                                                                     "next": "/utility-billing/"}))
    assert '<input type="hidden" name="next" value="/utility-billing/">' in step
    assert sign_in(client, next="/utility-billing/")["Location"] == "/utility-billing/"


# 7. search-behind-link -------------------------------------------------------------------------


@pytest.fixture
def billing_data():
    return seed_billing(7, accounts=3, returning=1)


@pytest.fixture
def signed_in(client):
    client.force_login(active_resident("pat@example.test"))
    return client


def test_search_behind_link(signed_in, billing_data, variant):
    variant("search-behind-link")
    tab = signed_in.get("/utility-billing/")
    text = page_of(tab)
    assert 'name="account_number"' not in text
    assert '<a href="/utility-billing/search/">Search for an account</a>' in text
    assert "no-store" in tab["Cache-Control"]
    assert_standards(tab)
    search = page_of(signed_in.get("/utility-billing/search/"))
    assert 'action="/utility-billing/search/"' in search
    for label in ("Account Number", "Customer ID", "Remember these values"):
        assert f">{label}</label>" in search
    account = billing_data["utility_accounts"][0]
    found = signed_in.post("/utility-billing/search/", {"account_number": account["account_number"],
                                                       "customer_id": account["customer_id"],
                                                       "remember": "on", "action": "search"})
    assert found["Location"] == f"/utility-billing/search/?found={account['account_number']}"
    results = page_of(signed_in.get(found["Location"]))
    assert "Search Results" in results and account["service_address"] in results
    assert RememberedSearch.objects.filter(account_number=account["account_number"]).exists()
    assert f'value="{account["account_number"]}"' in page_of(signed_in.get("/utility-billing/search/"))


def test_without_the_variant_the_search_is_on_the_tab(signed_in):
    assert signed_in.get("/utility-billing/search/").status_code == 404
    assert 'action="/utility-billing/"' in page_of(signed_in.get("/utility-billing/"))


# 8. reset-without-confirm ----------------------------------------------------------------------


def reset_form(client) -> str:
    client.post("/forgot-password/", {"email": "jane@example.test"})
    found = re.search(r'<a href="([^"]+)">Reset password</a>', mail.outbox[-1].alternatives[0].content)
    return client.get(urlsplit(found.group(1)).path, follow=True).redirect_chain[-1][0]


def test_reset_without_confirm_asks_the_new_password_once(client, variant):
    variant("reset-without-confirm")
    resident = active_resident()
    path = reset_form(client)
    text = page_of(client.get(path))
    assert '<label for="id_new_password1">New password</label>' in text
    assert "new_password2" not in text and "Confirm new password" not in text
    weak = page_of(client.post(path, {"new_password1": "short"}))
    assert 'aria-invalid="true"' in weak and 'role="alert"' in weak
    assert client.post(path, {"new_password1": NEW_PASSWORD})["Location"] == "/reset/done/"
    resident.refresh_from_db()
    assert resident.check_password(NEW_PASSWORD)


# 9. lands-on-summary ---------------------------------------------------------------------------


def test_lands_on_summary_after_linking(signed_in, billing_data, variant):
    variant("lands-on-summary")
    account = billing_data["utility_accounts"][0]
    response = signed_in.post("/utility-billing/accounts/link/", {"account_number": account["account_number"],
                                                                  "customer_id": account["customer_id"]})
    assert response["Location"] == f"/utility-billing/accounts/{account['account_number']}/"
    summary = page_of(signed_in.get(response["Location"]))
    assert "<h1>Account Summary</h1>" in summary
    assert f"Account {account['account_number']} is linked to your profile." in summary


def test_without_the_variant_linking_lands_on_the_accounts(signed_in, billing_data):
    account = billing_data["utility_accounts"][0]
    response = signed_in.post("/utility-billing/accounts/link/", {"account_number": account["account_number"],
                                                                  "customer_id": account["customer_id"]})
    assert response["Location"] == "/utility-billing/accounts/"


# 10. no-password-change ------------------------------------------------------------------------


def test_no_password_change(signed_in, variant):
    variant("no-password-change")
    assert signed_in.get("/password/change/").status_code == 404
    assert signed_in.get("/password/change/done/").status_code == 404
    for path in ("/home/", "/utility-billing/", "/utility-billing/accounts/"):
        assert "/password/change/" not in page_of(signed_in.get(path))


# 11. reworded ----------------------------------------------------------------------------------


def test_reworded_labels(client, sign_up, variant):
    variant("reworded")
    sign_in_page = page_of(client.get("/sign-in/"))
    assert '<label for="id_username">Email</label>' in sign_in_page
    assert '<label for="id_remember_me">Remember Me</label>' in sign_in_page
    assert "Don't have an account? <a href=\"/sign-up/\">Register for a New Account</a>" in sign_in_page
    assert ">Sign up<" not in sign_in_page and ">Remember me<" not in sign_in_page
    form = page_of(client.get("/sign-up/"))
    assert "<title>Register | Community Access</title>" in form and "<h1>Register</h1>" in form
    assert ">Register for a New Account</button>" in form
    assert '<label for="id_email">Email *</label>' in form  # everything else stays
    assert "<h1>Check your inbox</h1>" in page_of(client.get(sign_up()["Location"]))
    for path in ("/forgot-password/", "/unlock-account/"):
        assert '<label for="id_email">Email</label>' in page_of(client.get(path))


# 12. other-paths -------------------------------------------------------------------------------


def test_other_paths(client, variant):
    variant("other-paths")
    active_resident()
    assert client.get("/")["Location"] == "/account/login/"
    assert client.get("/sign-in/").status_code == 404
    assert "<h1>Sign in to community access services.</h1>" in page_of(client.get("/account/login/"))
    assert client.get("/dashboard/")["Location"] == "/account/login/?next=/dashboard/"
    assert client.get("/utility-billing/")["Location"] == "/account/login/?next=/utility-billing/"
    assert client.get("/account/login/google/").status_code == 200
    response = client.post("/account/login/", {"username": "jane@example.test", "password": STRONG_PASSWORD})
    assert response["Location"] == "/dashboard/"
    assert "<h1>Welcome to Citizen Self Service</h1>" in page_of(client.get("/dashboard/"))
    assert client.get("/home/").status_code == 404
    assert client.get("/account/login/")["Location"] == "/dashboard/"  # signed in already
    assert client.post("/sign-out/")["Location"] == "/account/login/"


def test_other_paths_in_emails(client, sign_up, variant, activation_path):
    variant("other-paths")
    sign_up()
    assert ">Sign in</a>" in page_of(open_link(client, activation_path(mail.outbox[0])))
    assert 'href="/account/login/"' in page_of(client.get("/sign-up/"))


# 13. total-amount-due (Citizen Access) ---------------------------------------------------------


@pytest.fixture
def citizen_access():
    edition = EDITIONS["citizen-access"]
    with override_settings(PORTAL_EDITION=edition.slug, PORTAL_PRODUCT_NAME=edition.product_name,
                           PORTAL_VARIANTS=("total-amount-due",)):
        yield


@pytest.fixture
def water_account():
    from datetime import date

    customer = Customer.objects.create(customer_id="200117", name="JANE RESIDENT",
                                       mailing_address="1 MAIN ST", mailing_city_line="BILLINGS, MT 59101")
    account = UtilityAccount.objects.create(account_number="1000042", customer=customer,
                                            service_address="1 MAIN ST", bill_pin="0815")
    Bill.objects.create(account=account, number="B1", bill_date=date(2026, 9, 1), due_date=date(2026, 9, 20),
                        amount="47.25")
    Bill.objects.create(account=account, number="B2", bill_date=date(2026, 10, 1), due_date=date(2026, 10, 20),
                        amount="1053.50")
    return account


def add_water_account(client, number, amount):
    return client.post("/utility-pay/link/add/", {"account_number": number, "total_amount_due": amount})


def test_total_amount_due_asks_for_the_amount_not_the_pin(citizen_access, signed_in, water_account):
    page = signed_in.get("/utility-pay/link/add/")
    text = page_of(page)
    assert '<label for="id_account_number">Account Number</label>' in text
    assert '<label for="id_total_amount_due">Total Amount Due</label>' in text
    assert ">PIN</label>" not in text and 'name="pin"' not in text
    assert_standards(page)


@pytest.mark.parametrize("amount", ["1053.50", "$1,053.50", "$ 1053.5", "1053.50 "])
def test_total_amount_due_links_with_the_latest_bill(citizen_access, signed_in, water_account, amount):
    response = add_water_account(signed_in, "1000042", amount)
    assert response["Location"] == "/utility-pay/link/done/"
    assert AccountLink.objects.filter(account=water_account).exists()


@pytest.mark.parametrize(("number", "amount"), [("1000042", "47.25"), ("1000042", "1053.51"),
                                                ("9999999", "1053.50"), ("1000042", "0815")])
def test_total_amount_due_a_wrong_amount_is_the_generic_refusal(citizen_access, signed_in, water_account,
                                                                number, amount):
    text = page_of(add_water_account(signed_in, number, amount))
    assert 'role="alert"' in text and NO_MATCH_AMOUNT in text
    assert not AccountLink.objects.exists()


def test_total_amount_due_refuses_what_is_not_an_amount(citizen_access, signed_in, water_account):
    text = page_of(add_water_account(signed_in, "1000042", "fifty dollars"))
    assert 'aria-invalid="true"' in text and 'role="alert"' in text
    assert not AccountLink.objects.exists()


# The citizen-access edition's recovery and password-change pages, in its own words -----------


@pytest.mark.parametrize(("path", "fragments"), [
    ("/forgot-password/", ['<label for="id_email">Email Address</label>', ">Send reset link</button>",
                           ">Back to log in</a>"]),
    ("/unlock-account/", ['<label for="id_email">Email Address</label>', ">Send unlock link</button>"]),
    ("/forgot-password/sent/", ["<h1>Check your email</h1>", ">Back to log in</a>"]),
])
def test_citizen_access_offers_the_recovery_pages(client, path, fragments):
    edition = EDITIONS["citizen-access"]
    with override_settings(PORTAL_EDITION=edition.slug, PORTAL_PRODUCT_NAME=edition.product_name):
        page = client.get(path)
        text = page_of(page)
        assert "City of Billings Citizen Access" in text
        for fragment in fragments:
            assert fragment in text, fragment
        assert_standards(page, nav=False)


def test_citizen_access_offers_password_change(signed_in):
    edition = EDITIONS["citizen-access"]
    with override_settings(PORTAL_EDITION=edition.slug, PORTAL_PRODUCT_NAME=edition.product_name):
        text = page_of(signed_in.get("/password/change/"))
        assert "City of Billings Citizen Access" in text
        for label in ("Current password", "New password", "Confirm new password"):
            assert f">{label}</label>" in text
        response = signed_in.post("/password/change/", {"old_password": STRONG_PASSWORD,
                                                        "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        assert response["Location"] == "/password/change/done/"


# The bundled profiles' variant sets, each flow end to end -----------------------------------


def test_variant_set_a(client, sign_up, activation_path, billing_data, variant):
    variant("confirm-button", "two-step-sign-in", "search-behind-link", "reset-without-confirm",
            "lands-on-summary", "no-password-change")
    sign_up()
    confirm = client.get(activation_path(mail.outbox[0]))["Location"]
    assert ">CONFIRM EMAIL</button>" in page_of(client.get(confirm))
    assert "<h1>Account activated</h1>" in page_of(client.post(confirm))
    assert ">Next</button>" in page_of(client.get("/sign-in/"))
    next_step(client)
    assert sign_in(client)["Location"] == "/home/"
    account = billing_data["utility_accounts"][1]
    linked = client.post("/utility-billing/accounts/link/", {"account_number": account["account_number"],
                                                             "customer_id": account["customer_id"]})
    assert linked["Location"] == f"/utility-billing/accounts/{account['account_number']}/"
    assert "Search for an account" in page_of(client.get("/utility-billing/"))
    assert client.get("/password/change/").status_code == 404


def test_variant_set_b(client, variant):
    variant("code-verification", "sign-up-url", "reworded")
    form = page_of(client.get("/register/"))
    assert "<h1>Register</h1>" in form and ">Register for a New Account</button>" in form
    response = client.post("/register/", {"email": "jane@example.test", "password": STRONG_PASSWORD,
                                          "first_name": "Jane", "last_name": "Resident"})
    assert response["Location"] == "/verify/"
    page = page_of(client.get("/verify/"))
    assert "<h1>Verify with your email</h1>" in page and '<label for="id_email">Email</label>' in page
    assert "We have emailed you a verification code." in page
    assert "<h1>Account activated</h1>" in page_of(verify(client, code_in(mail.outbox[0])))
    assert sign_in(client)["Location"] == "/home/"


def test_variant_set_c(client, sign_up, variant):
    variant("password-again", "plain-text-email", "other-paths")
    sign_up()
    [message] = mail.outbox
    assert message.alternatives == []
    confirm = client.get(text_link(message))["Location"]
    assert '<label for="id_password">Password</label>' in page_of(client.get(confirm))
    assert "<h1>Account activated</h1>" in page_of(client.post(confirm, {"password": STRONG_PASSWORD}))
    response = client.post("/account/login/", {"username": "jane@example.test", "password": STRONG_PASSWORD})
    assert response["Location"] == "/dashboard/"


# The bundled profiles that describe variant sets agree with the portal they describe ---------

PROFILES = Path(__file__).resolve().parents[2] / "portalcheck" / "profiles"


def described_variants(name: str) -> tuple[str, tuple[str, ...]]:
    """(edition, variants) from the profile's first comment lines, "#   [--edition E] --variant a,b"."""
    found = re.search(r"^#\s+(?:--edition (\S+) )?--variant (\S+)$", (PROFILES / f"{name}.toml").read_text(),
                      re.MULTILINE)
    assert found, f"{name}.toml does not say which --variant list it describes"
    return found.group(1) or "community-access", variants.parse(found.group(2), found.group(1) or "community-access")


@pytest.mark.parametrize("name", ["reference-variant-a", "reference-variant-b", "reference-variant-c",
                                  "reference-citizen-access-total-amount-due"])
def test_each_variant_profile_describes_its_portal(client, sign_up, name):
    from portalcheck.profile import load_profile

    profile = load_profile(name)
    edition, names = described_variants(name)
    assert profile.family == edition
    product = EDITIONS[edition].product_name
    with override_settings(PORTAL_EDITION=edition, PORTAL_PRODUCT_NAME=product, PORTAL_VARIANTS=names):
        sign_in_page = page_of(client.get(profile.urls.sign_in, follow=True))
        assert f">{profile.says('Email address')}</label>" in sign_in_page
        assert client.get(profile.urls.home)["Location"].startswith(
            client.get(profile.urls.sign_in, follow=True).request["PATH_INFO"])
        if profile.flows.registration == "url":
            assert f"<h1>{profile.says('Create an account')}</h1>" in page_of(client.get(profile.urls.sign_up))
        assert (client.get(profile.urls.password_change).status_code == 404) is (
            not profile.claims("password-change"))
        if edition != "community-access":
            return
        response = client.post(profile.urls.sign_up, {"email": "jane@example.test", "password": STRONG_PASSWORD,
                                                      "first_name": "Jane", "last_name": "Resident"})
        after = page_of(client.get(response["Location"]))
        assert f"<h1>{profile.says('Verification email sent')}</h1>" in after
        assert profile.says("To finish signing in, check your email.") in after
        [message] = mail.outbox
        assert profile.email.subject in message.subject
        if profile.flows.verification == "code":
            assert re.search(profile.flows.code_pattern, message.body).group(1) == code_in(message)
        elif profile.email.link_pattern:
            assert re.search(profile.email.link_pattern, text_link(message))
