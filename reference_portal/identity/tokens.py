"""Activation-link tokens: signed, single-use and expiring, modelled on Django's reset tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """Strategy object that makes and checks e-mail verification tokens.

    The hash covers `is_active` and `email_confirmed`, so activating the account or confirming
    the address spends the token, and the password
    hash, so re-registering (which sets a new password) voids links sent before.
    """

    key_salt = "reference_portal.identity.tokens.ActivationTokenGenerator"

    @property
    def timeout(self) -> int:
        return settings.ACTIVATION_TOKEN_SECONDS

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

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.password}{user.is_active}{user.email_confirmed}{timestamp}{user.email}"


activation_token_generator = ActivationTokenGenerator()
