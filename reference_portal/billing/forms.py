"""Utility Billing forms: linking, the search, delivery preference and EFT; the policy lives here."""

from __future__ import annotations

import secrets

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError, transaction

from reference_portal import clock, defects
from reference_portal.billing.models import AccountLink, EftEnrolment, RememberedSearch, UtilityAccount

# One message whichever number is wrong, so the form never confirms that an account exists.
NO_MATCH = (
    "We could not find a utility account with that account number and customer number. "
    "Check both numbers on your utility bill and try again."
)
DRAFT_DAY = 20  # bills fall due on the 20th; the EFT draft is taken that day
# Wrong account/customer pairs a resident may try in LINK_WINDOW_SECONDS before linking pauses
# (ASVS V2.4.1): enough for typing mistakes, too few to guess a customer number.
LINK_ATTEMPT_LIMIT = 5
LINK_WINDOW_SECONDS = 15 * 60
ALREADY_ENROLLED = ("Automatic EFT payments are already set up for this account. To draft another bank account, "
                    "choose “Change bank account”.")
THROTTLED = "Too many attempts to link an account. Try again in 15 minutes, or contact Utility Billing."


def digits_only(what: str) -> RegexValidator:
    return RegexValidator(r"^\d+$", f"Enter the {what} using digits only, as printed on your bill.", code="digits")


def aba_checksum_ok(routing: str) -> bool:
    """The ABA routing number check: 3-7-1 weighted digit sum divisible by 10."""
    if len(routing) != 9 or not routing.isdigit():
        return False
    weights = (3, 7, 1) * 3
    return sum(int(d) * w for d, w in zip(routing, weights, strict=False)) % 10 == 0


class AccountMatchForm(forms.Form):
    """Two numbers from the bill; valid only when they name one utility account together."""

    account_number = forms.CharField(max_length=12, validators=[digits_only("account number")],
                                     error_messages={"required": "Enter the account number from your bill."},
                                     widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    customer_id = forms.CharField(max_length=12, validators=[digits_only("customer number")],
                                  error_messages={"required": "Enter the customer number from your bill."},
                                  widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    error_messages = {"no_match": NO_MATCH}

    def __init__(self, *args, resident, **kwargs):
        super().__init__(*args, **kwargs)
        self.resident = resident
        self.account: UtilityAccount | None = None

    def clean(self):
        number, cid = self.cleaned_data.get("account_number"), self.cleaned_data.get("customer_id")
        if number is None or cid is None:
            return self.cleaned_data
        if link_failures(self.resident) >= LINK_ATTEMPT_LIMIT and not defects.active("billing-link-not-throttled"):
            raise ValidationError(THROTTLED, code="throttled")
        try:
            return self.match(number, cid)
        except ValidationError:
            note_link_failure(self.resident)
            raise

    def match(self, number: str, cid: str):
        account = UtilityAccount.objects.select_related("customer").filter(account_number=number).first()
        if account is None and defects.active("billing-link-tells-which-number"):
            raise ValidationError("There is no account with that account number.", code="no_account")
        if account is None or not account.matches(cid):
            raise ValidationError(self.error_messages["no_match"], code="no_match")
        self.account = account
        return self.cleaned_data

    def save(self) -> UtilityAccount:
        """Link the account to the resident (linking it again changes nothing)."""
        AccountLink.objects.get_or_create(resident=self.resident, account=self.account)
        return self.account


def _failures_key(resident) -> str:
    return f"billing-link-failures-{resident.pk}"


def link_failures(resident) -> int:
    """The resident's wrong pairs within the window, on the portal's clock (which tests move)."""
    since = clock.now().timestamp() - LINK_WINDOW_SECONDS
    return sum(1 for at in cache.get(_failures_key(resident), []) if at > since)


def note_link_failure(resident) -> None:
    since = clock.now().timestamp() - LINK_WINDOW_SECONDS
    recent = [at for at in cache.get(_failures_key(resident), []) if at > since]
    cache.set(_failures_key(resident), [*recent, clock.now().timestamp()], timeout=None)


class LinkAccountForm(AccountMatchForm):
    """Minot's "Account Link Setup": "What is the account ID?" and "What is the CID?"."""


class UtilityBillingSearchForm(AccountMatchForm):
    """Pinellas Park's search: "Account Number", "Customer ID" and "Remember these values"."""

    remember = forms.BooleanField(label="Remember these values", required=False)

    def save(self) -> UtilityAccount:
        account = super().save()
        if self.cleaned_data["remember"] and not defects.active("billing-search-forgets-values"):
            RememberedSearch.objects.update_or_create(resident=self.resident, defaults={
                "account_number": self.cleaned_data["account_number"],
                "customer_id": self.cleaned_data["customer_id"]})
        else:
            RememberedSearch.objects.filter(resident=self.resident).delete()
        return account

    @staticmethod
    def remembered_initial(resident) -> dict:
        """The values saved on the resident's profile, to fill the form in again."""
        saved = RememberedSearch.objects.filter(resident=resident).first()
        if saved is None:
            return {}
        return {"account_number": saved.account_number, "customer_id": saved.customer_id, "remember": True}


class DeliveryPreferenceForm(forms.ModelForm):
    """"Bill Delivery Preference": Mail or Email (paperless)."""

    class Meta:
        model = UtilityAccount
        fields = ("delivery_preference",)
        labels = {"delivery_preference": "Bill Delivery Preference"}


class EftEnrolmentForm(forms.Form):
    """"Automatic EFT Payments": the bank account to draft and the resident's explicit agreement."""

    bank_name = forms.CharField(label="Bank name", max_length=100,
                                error_messages={"required": "Enter the name of your bank."})
    routing_number = forms.CharField(
        label="Routing number", max_length=9, validators=[RegexValidator(
            r"^\d{9}$", "Enter the 9-digit routing number printed on your checks.", code="format")],
        error_messages={"required": "Enter your bank's 9-digit routing number."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    account_type = forms.ChoiceField(label="Account type", choices=EftEnrolment.AccountType.choices,
                                     widget=forms.RadioSelect,
                                     error_messages={"required": "Choose checking or savings."})
    bank_account_number = forms.CharField(
        label="Bank account number", max_length=17, validators=[RegexValidator(
            r"^\d{4,17}$", "Enter the bank account number using 4 to 17 digits.", code="format")],
        error_messages={"required": "Enter your bank account number."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    agree = forms.BooleanField(
        label="I agree to the automatic payment terms",
        error_messages={"required": "Tick the box to agree to the automatic payment terms."})

    error_messages = {"routing_checksum": "That routing number is not valid. Check the 9-digit number on your checks.",
                      "already_enrolled": ALREADY_ENROLLED}

    def __init__(self, *args, account: UtilityAccount, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account
        if defects.active("eft-agreement-not-required"):
            self.fields["agree"].required = False

    def clean_routing_number(self):
        routing = self.cleaned_data["routing_number"]
        if not aba_checksum_ok(routing) and not defects.active("billing-routing-checksum-ignored"):
            raise ValidationError(self.error_messages["routing_checksum"], code="routing_checksum")
        return routing

    def clean(self):
        # Enrolling again would swap the bank account without the password the change form asks for.
        if EftEnrolment.objects.filter(account=self.account).exists():
            raise ValidationError(self.error_messages["already_enrolled"], code="already_enrolled")
        return super().clean()

    def bank_details(self, resident) -> dict:
        """What is stored of the bank account: the full number is dropped here and never stored."""
        return {"enrolled_by": resident, "bank_name": self.cleaned_data["bank_name"],
                "routing_number": self.cleaned_data["routing_number"],
                "account_type": self.cleaned_data["account_type"],
                "bank_account_last4": self.cleaned_data["bank_account_number"][-4:],
                "bank_account_token": secrets.token_hex(16), "draft_day": DRAFT_DAY}

    def save(self, *, resident) -> EftEnrolment | None:
        """Enrol the account; None (and the form error) when a simultaneous sign-up enrolled it first."""
        try:
            with transaction.atomic():  # one enrolment per account: the database refuses a second
                return EftEnrolment.objects.create(account=self.account, **self.bank_details(resident))
        except IntegrityError:
            self.add_error(None, ValidationError(self.error_messages["already_enrolled"], code="already_enrolled"))
            return None


class EftBankChangeForm(EftEnrolmentForm):
    """Change the bank account drafted: asks for the current password first (ASVS V6.2.3).

    A session left open on a shared computer must not be enough to redirect a resident's payments.
    """

    agree = None  # the authorisation stands; only the bank account changes
    current_password = forms.CharField(
        label="Current password", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your current password to change the bank account."})

    field_order = ("current_password",)

    error_messages = {**EftEnrolmentForm.error_messages,
                      "not_enrolled": "Automatic EFT payments were cancelled for this account. Sign up again."}

    def __init__(self, *args, resident, **kwargs):
        super().__init__(*args, **kwargs)
        self.resident = resident
        if defects.active("eft-change-without-password"):
            self.fields["current_password"].required = False

    def clean_current_password(self):
        password = self.cleaned_data["current_password"]
        if not defects.active("eft-change-without-password") and not self.resident.check_password(password):
            raise ValidationError("That is not your current password.", code="password_incorrect")
        return password

    def clean(self):
        return self.cleaned_data  # the enrolment being there is the point here, not an error

    def save(self, *, resident) -> EftEnrolment | None:
        """Draft the new bank account; None (and the form error) when the enrolment was cancelled meanwhile."""
        with transaction.atomic():
            # Locked, so a cancellation cannot slip in between; never re-created, which would
            # enrol again without the agreement.
            enrolment = EftEnrolment.objects.select_for_update().filter(account=self.account).first()
            if enrolment is None:
                self.add_error(None, ValidationError(self.error_messages["not_enrolled"], code="not_enrolled"))
                return None
            for field, value in self.bank_details(resident).items():
                setattr(enrolment, field, value)
            enrolment.save()
        return enrolment
