"""E-mailed link tokens: signed, single-use and expiring, modelled on Django's reset tokens.

Every generator reads the portal's clock (reference_portal.clock), so the harness can move time
forward to check expiry, and names its own lifetime; what each hashes decides what spends it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

from reference_portal import clock, defects

# What a defect uses for "never expires": a century.
FOREVER = 100 * 365 * 24 * 60 * 60


def _stamp(moment) -> str:
    return "" if moment is None else moment.isoformat()


class ExpiringTokenGenerator(PasswordResetTokenGenerator):
    """A token generator with a `timeout` of its own and the portal's movable clock."""

    @property
    def timeout(self) -> int:
        raise NotImplementedError

    def _now(self):
        return clock.naive_now()

    def check_token(self, user, token):
        if not (user and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        age = self._num_seconds(self._now()) - ts
        return 0 <= age <= self.timeout


class ActivationTokenGenerator(ExpiringTokenGenerator):
    """Strategy object that makes and checks e-mail verification tokens.

    The hash covers `is_active` and `email_confirmed`, so activating the account or confirming
    the address spends the token, and the password
    hash, so re-registering (which sets a new password) voids links sent before.
    """

    key_salt = "reference_portal.identity.tokens.ActivationTokenGenerator"

    @property
    def timeout(self) -> int:
        return FOREVER if defects.active("activation-link-never-expires") else settings.ACTIVATION_TOKEN_SECONDS

    def _make_hash_value(self, user, timestamp):
        if defects.active("activation-link-reusable"):
            return f"{user.pk}{user.password}{timestamp}{user.email}"
        return f"{user.pk}{user.password}{user.is_active}{user.email_confirmed}{timestamp}{user.email}"


class ResetTokenGenerator(ExpiringTokenGenerator):
    """"Forgot password?" links: spent by the new password, voided by a newer request."""

    key_salt = "reference_portal.identity.tokens.ResetTokenGenerator"

    @property
    def timeout(self) -> int:
        return FOREVER if defects.active("reset-link-never-expires") else settings.PASSWORD_RESET_TIMEOUT

    def _make_hash_value(self, user, timestamp):
        # The password hash spends the token once used; the request stamp voids older links.
        password = "" if defects.active("reset-link-reusable") else user.password
        requested = "" if defects.active("older-reset-links-valid") else _stamp(user.reset_requested_at)
        return f"{user.pk}{password}{requested}{timestamp}{user.email}"


class UnlockTokenGenerator(ExpiringTokenGenerator):
    """"Unlock account?" links: valid for the lock they were sent for, spent by unlocking."""

    key_salt = "reference_portal.identity.tokens.UnlockTokenGenerator"

    @property
    def timeout(self) -> int:
        return settings.PASSWORD_RESET_TIMEOUT  # a recovery link like the reset link: at most 24 h

    def _make_hash_value(self, user, timestamp):
        # locked_at is cleared by unlocking and renewed by the next lock, so a link works once.
        locked = "locked" if defects.active("unlock-link-reusable") else _stamp(user.locked_at)
        return f"{user.pk}{user.password}{locked}{timestamp}{user.email}"


activation_token_generator = ActivationTokenGenerator()
reset_token_generator = ResetTokenGenerator()
unlock_token_generator = UnlockTokenGenerator()
