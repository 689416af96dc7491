"""Linking a permit account by the e-mail on file and, optionally, its PIN (flows.md B8)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from reference_portal import defects
from reference_portal.identity.models import normalize_email
from reference_portal.permits.models import PermitAccount, PermitLink

# One message for an unknown address and a wrong PIN alike: the form must not reveal which
# addresses the city has on file.
NO_MATCH = (
    "No permit account matches that email address and PIN. Check them, or contact the City "
    "to have your permit account set up."
)


class LinkPermitAccountsForm(forms.Form):
    """"add accounts": every permit account with this e-mail on file (and this PIN, if given)."""

    pin = forms.CharField(label="Provided PIN", required=False, max_length=8, strip=True,
                          widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}))
    email = forms.EmailField(label="Email Address",
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    field_order = ("pin", "email")

    error_messages = {"no_match": NO_MATCH}

    def __init__(self, *args, resident, **kwargs):
        super().__init__(*args, **kwargs)
        self.resident = resident
        self.accounts: list[PermitAccount] = []

    def clean(self):
        email, pin = self.cleaned_data.get("email"), self.cleaned_data.get("pin")
        if email is None:
            return self.cleaned_data
        accounts = PermitAccount.objects.filter(email=normalize_email(email))
        # Every account is checked, so a wrong PIN costs the same as a right one.
        ignore_pin = not pin or defects.active("permit-pin-ignored")
        self.accounts = [a for a in accounts if ignore_pin or a.pin_matches(pin)]
        if not self.accounts:
            raise ValidationError(self.error_messages["no_match"], code="no_match")
        return self.cleaned_data

    def save(self) -> list[PermitAccount]:
        """Link the matching accounts (again linking one already linked changes nothing)."""
        for account in self.accounts:
            PermitLink.objects.get_or_create(resident=self.resident, permit_account=account)
        return self.accounts
