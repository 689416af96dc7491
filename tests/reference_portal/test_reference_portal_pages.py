"""Page wording, structure and security headers of the reference portal."""

from __future__ import annotations

import pytest
from django.test import Client

from reference_portal.identity.models import Resident

# The same passphrase conftest.sign_up uses; every password validator accepts it.
STRONG_PASSWORD = "correct horse battery staple lamp"

pytestmark = pytest.mark.usefixtures("db")


def text_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_root_redirects_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/sign-in/"


def test_sign_in_page_has_the_documented_controls(client):
    page = text_of(client, "/sign-in/")
    for fragment in (
        "<h1>Sign in to community access services.</h1>",
        ">Sign in with Google</a>",
        ">Sign in with Apple</a>",
        ">Sign in with Microsoft</a>",
        ">Sign in with Facebook</a>",
        "<span>OR</span>",
        '<label for="id_username">Email address</label>',
        '<label for="id_password">Password</label>',
        '<label for="id_remember_me">Remember me</label>',
        '<button type="submit" class="button button--primary button--wide">Sign in</button>',
        ">Forgot password?</a>",
        ">Unlock account?</a>",
        ">Help</a>",
        "Don't have an account? <a href=\"/sign-up/\">Sign up</a>",
    ):
        assert fragment in page, fragment


def test_sign_up_page_has_the_documented_controls(client):
    page = text_of(client, "/sign-up/")
    for fragment in (
        "<h1>Create an account</h1>",
        '<label for="id_email">Email *</label>',
        '<label for="id_password">Password *</label>',
        '<label for="id_first_name">First name *</label>',
        '<label for="id_last_name">Last name *</label>',
        "* indicates required field",
        ">Sign up</button>",
        ">Back to sign in</a>",
        'autocomplete="new-password"',
        'autocomplete="given-name"',
        'autocomplete="family-name"',
    ):
        assert fragment in page, fragment
    assert page.count(" required ") + page.count(" required>") >= 4


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/sign-in/google/", "Sign in with Google"),
        ("/sign-in/facebook/", "Sign in with Facebook"),
        ("/forgot-password/", "Reset your password"),
        ("/unlock-account/", "Unlock your account"),
        ("/help/", "Help with community access services"),
    ],
)
def test_side_pages_lead_back_to_sign_in(client, path, heading):
    page = text_of(client, path)
    assert f"<h1>{heading}</h1>" in page
    assert ">Back to sign in</a>" in page


def test_social_provider_page_says_it_is_not_configured(client):
    assert "Sign in with Apple is not configured on this portal." in text_of(client, "/sign-in/apple/")
    assert client.get("/sign-in/myspace/").status_code == 404


LANDMARKS = (
    '<html lang="en">',
    "<title>",
    'href="#main"',
    "<header",
    '<nav class="site-nav" aria-label="Main">',
    '<main id="main"',
    "<footer",
    "/static/portal.css",
)


def test_every_page_has_landmarks_and_no_inline_code(client):
    for path in ("/sign-in/", "/sign-up/", "/sign-up/sent/", "/help/"):
        page = text_of(client, path)
        for fragment in LANDMARKS:
            assert fragment in page, (path, fragment)
        assert "<script" not in page and "style=" not in page and "<style" not in page


def test_home_needs_sign_in_and_is_never_cached(client):
    assert client.get("/home/")["Location"] == "/sign-in/?next=/home/"
    resident = Resident.objects.create_user(
        "jane@example.test", STRONG_PASSWORD, first_name="Jane", last_name="Resident", is_active=True
    )
    client.force_login(resident)
    response = client.get("/home/")
    page = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    for fragment in (
        "<h1>Welcome to Citizen Self Service</h1>",
        '<h2 id="announcements-heading">Announcements</h2>',
        "There are currently no announcements.",
        '<h2 id="profile-heading">Profile Information</h2>',
        "Profile information not found.",
        ">Home</a>",
        ">Citizen Self Service</a>",
        ">Utility Billing</a>",
        "Jane Resident",
        ">Sign out</button>",
    ):
        assert fragment in page, fragment
    assert "<h1>Utility Billing</h1>" in text_of(client, "/utility-billing/")


def test_security_headers(client):
    response = client.get("/sign-in/")
    assert response["Content-Security-Policy"] == (
        "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_session_cookie_flags(client):
    Resident.objects.create_user(
        "jane@example.test", STRONG_PASSWORD, first_name="J", last_name="R", is_active=True
    )
    client.post("/sign-in/", {"username": "jane@example.test", "password": STRONG_PASSWORD})
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/sign-in/", {"username": "jane@example.test", "password": STRONG_PASSWORD}),
        (
            "/sign-up/",
            {"email": "jane@example.test", "password": STRONG_PASSWORD, "first_name": "J", "last_name": "R"},
        ),
        ("/sign-out/", {}),
    ],
)
def test_csrf_is_enforced(path, data):
    response = Client(enforce_csrf_checks=True).post(path, data)
    assert response.status_code == 403
    assert "<h1>This form has expired</h1>" in response.content.decode()
    assert not Resident.objects.exists()


def test_static_files_are_served_with_debug_off(client):
    for path in ("/static/portal.css", "/static/admin/css/base.css"):
        response = client.get(path)
        try:
            assert response.status_code == 200 and response["Content-Type"].startswith("text/css")
        finally:
            response.close()
    # Django refuses the traversal (400, and a SuspiciousFileOperation log line).
    assert client.get("/static/../settings.py").status_code in (400, 404)


def test_admin_is_mounted(client):
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
