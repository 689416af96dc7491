"""Returning residents: an activated login gets the accounts its e-mail had in the previous registration."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from reference_portal import defects
from reference_portal.billing.models import AccountLink, PreviousRegistration


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="billing-returning-resident")
def link_previous_accounts(sender, instance, **kwargs):
    """Link the previous registration's accounts once the new login is active (Pinellas Park step 9)."""
    if not instance.is_active or defects.active("billing-returning-not-linked"):
        return
    previous = PreviousRegistration.objects.filter(email=instance.email).first()
    if previous is None:
        return
    for account in previous.accounts.all():
        AccountLink.objects.get_or_create(resident=instance, account=account)
