"""Permit accounts that city staff set up beforehand, and residents' links to them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.crypto import constant_time_compare

from reference_portal.identity.models import normalize_email


class PermitAccount(models.Model):
    """A contractor's or owner's permit account, with the e-mail and PIN the city has on file."""

    number = models.CharField("permit account number", max_length=20, unique=True)
    holder_name = models.CharField("holder name", max_length=200)
    email = models.EmailField("e-mail on file", db_index=True,
                              help_text="Residents link the account by this address.")
    pin = models.CharField(
        "PIN", max_length=8, validators=[RegexValidator(r"^\d{4,8}$", "A PIN is 4 to 8 digits.")],
        help_text="Given to the holder by the city; residents may type it when linking.",
    )
    residents = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="PermitLink", related_name="permit_accounts", blank=True
    )

    class Meta:
        ordering = ("number",)
        verbose_name = "permit account"

    def __str__(self):
        return f"{self.number} ({self.holder_name})"

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    def pin_matches(self, pin: str) -> bool:
        return constant_time_compare(self.pin, pin)


class PermitLink(models.Model):
    """A resident's login linked to a permit account."""

    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    permit_account = models.ForeignKey(PermitAccount, on_delete=models.CASCADE)
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("resident", "permit_account"), name="one_link_per_permit_account"),
        ]
        verbose_name = "permit account link"

    def __str__(self):
        return f"{self.resident} → {self.permit_account.number}"
