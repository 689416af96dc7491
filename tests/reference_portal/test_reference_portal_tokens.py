"""The activation token strategy: valid once, within its lifetime, and only as issued."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from reference_portal.identity.models import Resident
from reference_portal.identity.tokens import ActivationTokenGenerator


class MovableClock(ActivationTokenGenerator):
    """A generator whose clock the test sets through the `_now()` seam."""

    def __init__(self, now: datetime):
        super().__init__()
        self.now = now

    def _now(self):
        return self.now


def new_resident() -> Resident:
    resident = Resident(pk=41, email="jane@example.test", first_name="Jane", last_name="Resident")
    resident.set_password("correct horse battery staple lamp")
    return resident


def test_fresh_token_is_accepted():
    generator = ActivationTokenGenerator()
    resident = new_resident()
    assert generator.check_token(resident, generator.make_token(resident))


def test_token_is_single_use():
    generator = ActivationTokenGenerator()
    resident = new_resident()
    token = generator.make_token(resident)
    resident.is_active = True
    assert not generator.check_token(resident, token)


def test_token_expires_after_its_lifetime():
    start = datetime(2026, 1, 1, 12, 0, 0)
    generator = MovableClock(start)
    resident = new_resident()
    token = generator.make_token(resident)
    generator.now = start + timedelta(seconds=settings.ACTIVATION_TOKEN_SECONDS)
    assert generator.check_token(resident, token)
    generator.now = start + timedelta(seconds=settings.ACTIVATION_TOKEN_SECONDS + 1)
    assert not generator.check_token(resident, token)


def test_tampered_or_foreign_tokens_are_rejected():
    generator = ActivationTokenGenerator()
    resident = new_resident()
    token = generator.make_token(resident)
    tampered = token[:-1] + ("0" if token[-1] != "0" else "1")
    other = new_resident()
    other.pk = 42
    for bad in (tampered, "", "no-dash-here", "zz-" + token.split("-")[1], token + "x"):
        assert not generator.check_token(resident, bad), bad
    assert not generator.check_token(other, token)


def test_new_password_voids_earlier_tokens():
    generator = ActivationTokenGenerator()
    resident = new_resident()
    token = generator.make_token(resident)
    resident.set_password("another long passphrase for re-registration")
    assert not generator.check_token(resident, token)
