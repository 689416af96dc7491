"""Manage Bills forms: bills to add to the cart, the four checkout steps; the policy lives here."""

from __future__ import annotations

from django import forms

from reference_portal import defects
from reference_portal.billing.checkout import CENT, Cart, Checkout, PaymentFailed, open_bills

METHODS = (("card", "Credit or debit card"), ("echeck", "Electronic check (e-check)"))


class AddToCartForm(forms.Form):
    """"Add to Cart": the bills selected on "Manage Bills" (only bills still owing can be)."""

    bills = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple,
                                      error_messages={"required": "Select at least one bill to add to the cart."})

    def __init__(self, *args, account, resident, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bills"].choices = [(b.number, f"Select bill {b.number}") for b in open_bills(resident)
                                        if b.account_id == account.pk]

    def save(self, request) -> None:
        Cart(request).add(self.cleaned_data["bills"])


class PaymentAmountForm(forms.Form):
    """Step 1: how much to pay on each bill in the cart: at least one cent, at most its balance."""

    def __init__(self, *args, bills, initial_amounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.bills = bills
        for bill in bills:
            self.fields[f"amount_{bill.number}"] = forms.DecimalField(
                label=f"Amount to pay on bill {bill.number}", max_digits=9, decimal_places=2,
                initial=(initial_amounts or {}).get(bill.number, f"{bill.balance:.2f}"),
                help_text=f"Balance ${bill.balance:,.2f}. You may pay part of it.",
                error_messages={"required": f"Enter an amount for bill {bill.number}.",
                                "invalid": "Enter an amount in dollars and cents, e.g. 25.00."},
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))

    def clean(self):
        data = super().clean()
        if defects.active("amount-not-bounded"):
            return data
        for bill in self.bills:
            amount = data.get(f"amount_{bill.number}")
            if amount is None:
                continue
            if amount < CENT:
                self.add_error(f"amount_{bill.number}", "Enter an amount of at least $0.01.")
            elif amount > bill.balance:
                self.add_error(f"amount_{bill.number}",
                               f"Enter at most the balance of bill {bill.number}, ${bill.balance:,.2f}.")
        return data

    def save(self, checkout: Checkout) -> None:
        checkout.update(amounts={b.number: f"{self.cleaned_data[f'amount_{b.number}']:.2f}" for b in self.bills})


class PaymentMethodForm(forms.Form):
    """Step 2: card or e-check; the numbers themselves are typed on the processor's page."""

    method = forms.ChoiceField(label="How would you like to pay?", choices=METHODS, widget=forms.RadioSelect,
                               error_messages={"required": "Choose how you would like to pay."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if defects.active("card-number-posted-to-portal"):
            # The defect: the card form is the portal's own, posted to the portal.
            for name, label in (("card_number", "Card number"), ("expiry", "Expiration date (MM/YY)"),
                                ("security_code", "Security code"), ("holder", "Name on card")):
                self.fields[name] = forms.CharField(label=label, required=False)


class BillingAddressForm(forms.Form):
    """Step 3: the billing address of the card or bank account."""

    street = forms.CharField(label="Street address", max_length=100,
                             error_messages={"required": "Enter the street address."},
                             widget=forms.TextInput(attrs={"autocomplete": "street-address"}))
    city = forms.CharField(label="City", max_length=60, error_messages={"required": "Enter the city."},
                           widget=forms.TextInput(attrs={"autocomplete": "address-level2"}))
    state = forms.RegexField(label="State", regex=r"^[A-Za-z]{2}$", max_length=2,
                             error_messages={"required": "Enter the state.", "invalid": "Enter the state's two letters, e.g. ND."},
                             widget=forms.TextInput(attrs={"autocomplete": "address-level1"}))
    zip_code = forms.RegexField(label="ZIP code", regex=r"^\d{5}(-\d{4})?$",
                                error_messages={"required": "Enter the ZIP code.", "invalid": "Enter a 5-digit ZIP code."},
                                widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}))

    def save(self, checkout: Checkout) -> None:
        data = self.cleaned_data
        checkout.update(address={"street": data["street"], "city": data["city"], "state": data["state"].upper(),
                                 "zip_code": data["zip_code"]})


class SubmitPaymentForm(forms.Form):
    """Step 4's "Submit": the amounts are checked against the balances again, then charged once."""

    def __init__(self, *args, checkout: Checkout, **kwargs):
        super().__init__(*args, **kwargs)
        self.checkout = checkout
        self.payment = None

    def clean(self):
        if self.checkout.next_step() != "review":
            raise forms.ValidationError("Complete each step before submitting the payment.")
        if not defects.active("double-charge-on-back") and not defects.active("amount-not-bounded"):
            for bill, amount in self.checkout.amounts():
                if amount > bill.balance:
                    raise forms.ValidationError(f"Bill {bill.number} now owes ${bill.balance:,.2f}; change the amount.")
        try:
            self.payment = self.checkout.submit()
        except PaymentFailed as failure:
            raise forms.ValidationError(str(failure)) from None
        return self.cleaned_data
