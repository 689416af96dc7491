"""E-mailed verification codes ("code-verification"): six random digits, kept only as a keyed hash.

A code works once, for the activation token's lifetime on the portal's movable clock
(reference_portal.clock, as tokens.py), and not after MAX_WRONG_CODES wrong ones for its address:
then only a new code (which voids the old) helps. Addresses without a code are never recorded,
so nothing here tells which addresses have an account.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils.crypto import constant_time_compare, salted_hmac

from reference_portal import clock, defects
from reference_portal.identity.models import Resident, VerificationCode, normalize_email
from reference_portal.identity.tokens import FOREVER

DIGITS = 6
MAX_WRONG_CODES = 5
KEY_SALT = "reference_portal.identity.codes"


def _digest(resident_pk: int, code: str) -> str:
    return salted_hmac(KEY_SALT, f"{resident_pk}:{code}", algorithm="sha256").hexdigest()


def lifetime() -> timedelta:
    """As long as an activation link lives (the same defect makes both last forever)."""
    seconds = FOREVER if defects.active("activation-link-never-expires") else settings.ACTIVATION_TOKEN_SECONDS
    return timedelta(seconds=seconds)


def issue(resident: Resident) -> str:
    """A new code for the resident, replacing (and so voiding) any code sent before."""
    code = f"{secrets.randbelow(10 ** DIGITS):0{DIGITS}d}"
    VerificationCode.objects.update_or_create(resident=resident, defaults={
        "code_hash": _digest(resident.pk, code), "issued_at": clock.now(), "failed_attempts": 0})
    return code


def redeem(email: str, code: str) -> Resident | None:
    """The resident whose live code for `email` this is, the code spent; None for anything else.

    A wrong code counts against the address's code; the right one past its lifetime or after
    too many wrong ones is refused like a wrong one.
    """
    record = VerificationCode.objects.select_related("resident").filter(
        resident__email=normalize_email(email)).first()
    if record is None:
        _digest(0, code)  # the same work as for a known address
        return None
    live = VerificationCode.objects.filter(pk=record.pk, failed_attempts__lt=MAX_WRONG_CODES,
                                           issued_at__gte=clock.now() - lifetime())
    if not constant_time_compare(record.code_hash, _digest(record.resident_id, code)):
        VerificationCode.objects.filter(pk=record.pk).update(failed_attempts=F("failed_attempts") + 1)
        return None
    if defects.active("activation-link-reusable"):
        return record.resident if live.exists() else None
    # Deleting is the spend: of two requests with the same code only one deletes it.
    spent, _ = live.filter(code_hash=record.code_hash).delete()
    return record.resident if spent else None
