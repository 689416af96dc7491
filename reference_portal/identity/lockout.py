"""Account lockout (ASVS V6.3.1, NIST SP 800-63B 3.2.2): consecutive failed sign-ins lock.

The count is per account and reset by a successful sign-in; at settings.LOCKOUT_THRESHOLD the
account locks until its owner follows the e-mailed "Unlock account?" link (or resets the
password). Addresses without an account are never recorded, so nothing reveals which exist.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import F

from reference_portal import clock, defects
from reference_portal.identity.models import Resident, normalize_email


def record_failure(email: str | None) -> None:
    """Count a failed sign-in against the account of `email`, locking it at the threshold."""
    if not email:
        return
    residents = Resident.objects.filter(email=normalize_email(email))
    # One UPDATE each, so concurrent failures are all counted.
    residents.update(failed_sign_ins=F("failed_sign_ins") + 1)
    if not defects.active("sign-in-never-locks"):
        residents.filter(failed_sign_ins__gte=settings.LOCKOUT_THRESHOLD, locked_at__isnull=True).update(
            locked_at=clock.now()
        )


def record_success(resident: Resident) -> None:
    """A successful sign-in: the count of consecutive failures starts again."""
    if resident.failed_sign_ins:
        Resident.objects.filter(pk=resident.pk).update(failed_sign_ins=0)


def unlock(resident: Resident) -> None:
    """Restore access (the unlock link or a password reset); this also spends unlock links."""
    resident.failed_sign_ins = 0
    resident.locked_at = None
    resident.save(update_fields=["failed_sign_ins", "locked_at"])
