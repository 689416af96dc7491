"""Utility Pay: link the water service by account number and the PIN printed on the bill (flows.md B9).

"total-amount-due" (reference_portal.variants): the statement's "Total Amount Due" (the amount of
the account's latest bill) proves the account instead of the PIN, as in Lawrence KS.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from reference_portal import variants
from reference_portal.billing.models import AccountLink, UtilityAccount
from reference_portal.permits import linking

# The same words for an unknown number and a wrong PIN: the form must not confirm account numbers.
NO_MATCH = (
    "No water account matches that account number and PIN. Both are printed on your statement."
)
# The same for an unknown number and a wrong amount ("total-amount-due").
NO_MATCH_AMOUNT = (
    "No water account matches that account number and Total Amount Due. Both are printed on your statement."
)
AMOUNT_FORMAT = "Enter the Total Amount Due as printed on your statement, for example 53.50."
AMOUNT = re.compile(r"\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?")


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
        if variants.active("total-amount-due"):
            del self.fields["pin"]
            self.fields["total_amount_due"] = forms.CharField(
                label="Total Amount Due", max_length=16, strip=True,
                widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "decimal"}))
            self.error_messages = {"no_match": NO_MATCH_AMOUNT}

    def clean_total_amount_due(self) -> Decimal:
        """"53.50", "$53.50", "$ 1,053.50" or "53": dollars and cents."""
        found = AMOUNT.fullmatch(self.cleaned_data["total_amount_due"])
        if found is None:
            raise ValidationError(AMOUNT_FORMAT, code="format")
        return Decimal(f"{found.group(1).replace(',', '')}.{found.group(2) or '00'}")

    def clean(self):
        number = self.cleaned_data.get("account_number")
        proof = self.cleaned_data.get("total_amount_due" if "total_amount_due" in self.fields else "pin")
        if not number or proof is None or proof == "":
            return self.cleaned_data
        account = UtilityAccount.objects.filter(account_number=number).first()
        if account is None or not self.proves(account, proof):
            raise ValidationError(self.error_messages["no_match"], code="no_match")
        self.accounts = [account]
        return self.cleaned_data

    @staticmethod
    def proves(account: UtilityAccount, proof: str | Decimal) -> bool:
        """The PIN on the bill, or ("total-amount-due") the amount of the latest bill."""
        if isinstance(proof, str):
            return account.pin_matches(proof)
        latest = account.bills.order_by("-bill_date", "-pk").first()
        return latest is not None and latest.amount == proof

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
