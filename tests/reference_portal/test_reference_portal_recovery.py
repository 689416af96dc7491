"""The recovery flows: "Forgot password?", lockout with "Unlock account?", and password change."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail

from reference_portal.clock import ENV_CLOCK_FILE
from reference_portal.identity.forms import SIGN_IN_FAILED
from reference_portal.identity.models import Resident

STRONG_PASSWORD = "correct horse battery staple lamp"  # as conftest.py signs residents up
NEW_PASSWORD = "a brand new passphrase for the portal"


@pytest.fixture
def resident(db):
    return Resident.objects.create_user("jane@example.test", STRONG_PASSWORD, first_name="Jane",
                                        last_name="Resident", is_active=True)


@pytest.fixture
def clock_file(tmp_path, monkeypatch):
    path = tmp_path / "clock"
    monkeypatch.setenv(ENV_CLOCK_FILE, str(path))
    return path


def link(message, text: str) -> str:
    found = re.search(rf'<a href="([^"]+)">{re.escape(text)}</a>', message.alternatives[0].content)
    assert found, message.alternatives[0].content
    return urlsplit(found.group(1)).path


def request_reset(client, email="jane@example.test") -> str:
    mail.outbox = []
    response = client.post("/forgot-password/", {"email": email})
    assert response.status_code == 302 and response["Location"] == "/forgot-password/sent/"
    return link(mail.outbox[0], "Reset password") if mail.outbox else ""


def set_password(client, path: str, password: str = NEW_PASSWORD):
    """Open the e-mailed link (token moves to the session) and post the new password."""
    form = client.get(path, follow=True)
    if b"new_password1" not in form.content:
        return form
    return client.post(form.redirect_chain[-1][0],
                       {"new_password1": password, "new_password2": password})


def sign_in(client, password: str):
    return client.post("/sign-in/", {"username": "jane@example.test", "password": password})


def test_reset_link_sets_a_new_password_once_and_tells_the_resident(client, resident):
    path = request_reset(client)
    assert mail.outbox[0].subject == "Reset your Community Access password"
    response = set_password(client, path)
    assert response.status_code == 302 and response["Location"] == "/reset/done/"
    assert mail.outbox[-1].subject == "Your Community Access password was changed"
    assert sign_in(client, STRONG_PASSWORD).status_code == 200  # the old password fails
    assert sign_in(client, NEW_PASSWORD).status_code == 302
    again = set_password(client, path, "yet another long passphrase here")
    assert b"This reset link is not valid" in again.content


def test_a_new_request_voids_older_reset_links(client, resident):
    first = request_reset(client)
    second = request_reset(client)
    assert b"This reset link is not valid" in set_password(client, first).content
    assert set_password(client, second).status_code == 302


def test_reset_link_expires_on_the_portal_clock(client, resident, clock_file):
    path = request_reset(client)
    clock_file.write_text(str(settings.PASSWORD_RESET_TIMEOUT + 1))
    assert b"This reset link is not valid" in set_password(client, path).content


def test_unknown_address_gets_the_same_answer_and_no_email(client, resident):
    assert request_reset(client, "nobody@example.test") == ""
    assert mail.outbox == []


def test_reset_refuses_a_common_password(client, resident):
    response = set_password(client, request_reset(client), "manchesterunited")
    assert response.status_code == 200 and b"too common" in response.content


def lock(client, resident):
    for _ in range(settings.LOCKOUT_THRESHOLD):
        assert sign_in(client, "not the password at all").status_code == 200
    resident.refresh_from_db()


def test_consecutive_failures_lock_and_success_resets_the_count(client, resident):
    for _ in range(settings.LOCKOUT_THRESHOLD - 1):
        sign_in(client, "not the password at all")
    assert sign_in(client, STRONG_PASSWORD).status_code == 302
    resident.refresh_from_db()
    assert resident.failed_sign_ins == 0 and not resident.is_locked
    client.post("/sign-out/")
    lock(client, resident)
    assert resident.is_locked
    refused = sign_in(client, STRONG_PASSWORD)
    assert refused.status_code == 200 and SIGN_IN_FAILED in refused.content.decode()


def unlock_link(client) -> str:
    mail.outbox = []
    assert client.post("/unlock-account/", {"email": "jane@example.test"})["Location"] == "/unlock-account/sent/"
    assert [m.subject for m in mail.outbox] == ["Unlock your Community Access account"]
    return link(mail.outbox[0], "Unlock account")


def test_unlock_link_restores_access_once(client, resident):
    lock(client, resident)
    path = unlock_link(client)
    confirm = client.get(path, follow=True)
    assert b"Unlock account" in confirm.content
    assert client.post(confirm.redirect_chain[-1][0]).status_code == 200
    assert sign_in(client, STRONG_PASSWORD).status_code == 302
    client.post("/sign-out/")
    lock(client, resident)
    assert client.get(path, follow=True).status_code == 400  # the old link does not unlock again


def test_unlock_sends_nothing_for_an_account_that_is_not_locked(client, resident):
    client.post("/unlock-account/", {"email": "jane@example.test"})
    assert mail.outbox == []


def test_reset_also_unlocks(client, resident):
    lock(client, resident)
    set_password(client, request_reset(client))
    assert sign_in(client, NEW_PASSWORD).status_code == 302


def test_password_change_needs_the_current_password_and_refuses_common_ones(client, resident):
    assert client.get("/password/change/")["Location"].startswith("/sign-in/")
    client.force_login(resident)
    page = client.get("/password/change/")
    assert b'type="password"' in page.content and "no-store" in page["Cache-Control"]
    wrong = client.post("/password/change/", {"old_password": "not it", "new_password1": NEW_PASSWORD,
                                              "new_password2": NEW_PASSWORD})
    assert wrong.status_code == 200 and b"aria-invalid" in wrong.content
    common = client.post("/password/change/", {"old_password": STRONG_PASSWORD,
                                               "new_password1": "manchesterunited",
                                               "new_password2": "manchesterunited"})
    assert b"too common" in common.content
    done = client.post("/password/change/", {"old_password": STRONG_PASSWORD, "new_password1": NEW_PASSWORD,
                                             "new_password2": NEW_PASSWORD})
    assert done["Location"] == "/password/change/done/"
    assert mail.outbox[-1].subject == "Your Community Access password was changed"
