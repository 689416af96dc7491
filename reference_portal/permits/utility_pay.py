"""Utility Pay: link the water service by account number and the PIN printed on the bill (flows.md B9)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from reference_portal.billing.models import AccountLink, UtilityAccount
from reference_portal.permits import linking

# The same words for an unknown number and a wrong PIN: the form must not confirm account numbers.
NO_MATCH = (
    "No water account matches that account number and PIN. Both are printed on your statement."
)


class LinkWaterServiceForm(forms.Form):
    """"add accounts" under Utility Pay: the account number and PIN from the statement."""

    account_number = forms.CharField(label="Account Number", max_length=12, strip=True,
                                     widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    pin = forms.CharField(label="PIN", max_length=8, strip=True,
                          widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}))

    error_messages = {"no_match": NO_MATCH}

    def __init__(self, *args, resident, **kwargs):
        super().__init__(*args, **kwargs)
        self.resident = resident
        self.accounts: list[UtilityAccount] = []

    def clean(self):
        number, pin = self.cleaned_data.get("account_number"), self.cleaned_data.get("pin")
        if not (number and pin):
            return self.cleaned_data
        account = UtilityAccount.objects.filter(account_number=number).first()
        if account is None or not account.pin_matches(pin):
            raise ValidationError(self.error_messages["no_match"], code="no_match")
        self.accounts = [account]
        return self.cleaned_data

    def save(self) -> list[UtilityAccount]:
        for account in self.accounts:
            AccountLink.objects.get_or_create(resident=self.resident, account=account)
        return self.accounts


class UtilityPayModule:
    """What the Utility Pay module shows of a resident's linked water accounts."""

    module = "utility-pay"
    title = "Utility Pay"
    columns = ("Account Number", "Service Address")
    form_class = LinkWaterServiceForm

    def linked_accounts(self):
        return [self.describe(a) for a in self.request.user.utility_accounts.all()]

    @staticmethod
    def describe(account):
        return (account.account_number, account.service_address)


class UtilityPayView(UtilityPayModule, linking.ModuleHomeView):
    pass


class UtilityPayLinkView(UtilityPayModule, linking.LinkAccountView):
    pass


class UtilityPayAddView(UtilityPayModule, linking.AddAccountsView):
    template_name = "utility_pay/add_accounts.html"


class UtilityPayLinkedView(UtilityPayModule, linking.AccountsLinkedView):
    pass
