"""Sign-in and sign-up forms: where the identity policy (validation, re-registration) lives.

What the verification e-mail asks for once it arrives (a press, the password, a code) is in
verification_forms.py.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.backends import AllowAllUsersModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from reference_portal import clock, defects, variants
from reference_portal.editions import current_edition
from reference_portal.identity import emails, lockout
from reference_portal.identity.models import Resident, normalize_email

# Only for the defect that tells (check 9 must catch it).
UNKNOWN_EMAIL = "No account uses this email address."
# What the defect "password-truncated" keeps of a password (check 2 must catch it).
TRUNCATED_AT = 32
# One message for every failure (wrong password, unknown address, locked account), so the
# form never tells whether an address is registered.
SIGN_IN_FAILED = (
    "Sign in failed. Check your email address and password. If you have just signed up, "
    "activate your account from the email we sent first."
)


class SignInForm(AuthenticationForm):
    """E-mail and password sign-in with "Remember me"."""

    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    remember_me = forms.BooleanField(label="Remember me", required=False)

    error_messages = {
        "invalid_login": SIGN_IN_FAILED,
        # ModelBackend already refuses inactive residents; kept identical in case a backend does not.
        "inactive": SIGN_IN_FAILED,
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # Citizen Access: this login enables a confirmed account instead of signing in.
        self.first_login = False
        if variants.active("two-step-sign-in"):
            # The address came from the first step; this page shows it as text and carries it along.
            self.fields["username"].widget = forms.HiddenInput(attrs={"autocomplete": "username"})
            self.fields["password"].widget.attrs["autofocus"] = True

    def clean_username(self):
        return normalize_email(self.cleaned_data["username"])

    def clean_password(self):
        password = self.cleaned_data["password"]
        return password[:TRUNCATED_AT] if defects.active("password-truncated") else password

    def clean(self):
        try:
            cleaned = super().clean()
        except ValidationError:
            resident = self.awaiting_first_login()
            if resident is None:
                lockout.record_failure(self.cleaned_data.get("username"))
                self.tell_unknown_address()
                raise  # the same generic error, whatever the reason
            self.user_cache, self.first_login = resident, True
            return self.cleaned_data
        if self.user_cache is not None:  # else a field was missing or invalid, and its error says so
            lockout.record_success(self.user_cache)
        return cleaned

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.is_locked:  # the right password, but locked: the same words as any failure
            raise ValidationError(SIGN_IN_FAILED, code="locked")

    def tell_unknown_address(self) -> None:
        email = self.cleaned_data.get("username")
        if defects.active("sign-in-says-unknown-email") and not Resident.objects.filter(email=email).exists():
            raise ValidationError(UNKNOWN_EMAIL, code="unknown_email")

    def awaiting_first_login(self) -> Resident | None:
        """A confirmed, not yet enabled resident whose password is right, else None.

        Django's ModelBackend refuses inactive users, so the password is checked again by
        AllowAllUsersModelBackend: the same hasher, and the same cost for unknown addresses,
        so a first login takes no longer than a failed one and reveals nothing.
        """
        if current_edition().activation != "first-login":
            return None
        resident = AllowAllUsersModelBackend().authenticate(
            self.request, username=self.cleaned_data["username"], password=self.cleaned_data["password"]
        )
        return resident if resident is not None and resident.awaits_first_login else None

    def enable_account(self) -> None:
        """The first valid login after confirming the address enables the account."""
        self.user_cache.is_active = True
        self.user_cache.save(update_fields=["is_active"])

    def session_expiry(self) -> int | datetime:
        """When the session ends: 0 at browser close or when idle; with "Remember me" a fixed moment.

        The remembered session's end is absolute (NIST SP 800-63B: re-authenticate at least every
        30 days), so requests do not push it back as they push back an idle session's.
        """
        if not self.cleaned_data.get("remember_me"):
            return 0
        return clock.now() + timedelta(seconds=settings.REMEMBER_ME_SECONDS)


class SignInEmailForm(forms.Form):
    """Two-step sign-in ("two-step-sign-in"), its first step: the address alone, then "Next".

    Any well-formed address goes on to the password, registered or not, so this step never tells
    which addresses have an account; the second step is SignInForm, which decides as it always does.
    """

    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_username(self):
        return normalize_email(self.cleaned_data["username"])

    def password_step(self) -> SignInForm:
        """The second step's form, carrying the address given here."""
        return SignInForm(self.request, initial={"username": self.cleaned_data["username"]})


class SignUpOutcome(enum.Enum):
    """What sign-up did; the resident sees the same page for all three."""

    CREATED = "created"
    REREGISTERED = "reregistered"
    ALREADY_ACTIVE = "already-active"


class SignUpForm(forms.ModelForm):
    """Create an account, or quietly handle an address that is already registered."""

    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    field_order = ("email", "password", "first_name", "last_name")

    class Meta:
        model = Resident
        # The password is a declared field, not Meta.fields, so the raw value never lands on the model.
        fields = ("email", "first_name", "last_name")
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = (
            f"Use at least {settings.PASSWORD_MIN_LENGTH} characters. "
            "Avoid common passwords and your name or email address."
        )
        if defects.active("password-shown-as-text"):
            self.fields["password"].widget = forms.TextInput(attrs={"autocomplete": "new-password"})

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def validate_unique(self):
        # A taken address is not an error here: saying so would reveal who has an account.
        # save() handles it instead (re-registration).
        pass

    def _post_clean(self):
        super()._post_clean()
        # After construct_instance, so UserAttributeSimilarityValidator sees the new names.
        password = self.cleaned_data.get("password")
        if password:
            try:
                password_validation.validate_password(password, self.instance)
            except ValidationError as error:
                self.add_error("password", error)

    def save(self, commit=True, *, request=None):
        """Store the resident and send the right e-mail; returns the SignUpOutcome."""
        if not commit or request is None:
            raise ValueError("SignUpForm.save() needs commit=True and the request (for e-mail links).")
        password = self.cleaned_data["password"]
        # Hashed before the lock is taken: hashing is slow on purpose, and simultaneous sign-ups
        # would queue behind it (on SQLite, the whole database would). Every outcome pays it alike.
        hashed = make_password(password[:TRUNCATED_AT] if defects.active("password-truncated") else password)
        with transaction.atomic():
            resident, outcome = self._store(hashed)
        # After the commit: the link's token must match what other requests now read.
        if outcome is SignUpOutcome.ALREADY_ACTIVE:
            # Leave an active account untouched; tell its owner by e-mail instead of on screen.
            emails.send_already_registered(request, resident)
        else:
            emails.send_verification(request, resident)
        return outcome

    def _store(self, hashed: str) -> tuple[Resident, SignUpOutcome]:
        """Create the resident, or re-register the one with this address, locked against simultaneous sign-ups.

        The address's resident is read under a row lock, so an account activated meanwhile is not made
        inactive again; of simultaneous first sign-ups the unique address lets one insert, and the
        others re-register the resident it made.
        """
        email = self.cleaned_data["email"]
        existing = Resident.objects.select_for_update().filter(email=email).first()
        if existing is None:
            try:
                with transaction.atomic():  # a savepoint, so losing the insert leaves the transaction usable
                    return self._register(self.instance, hashed), SignUpOutcome.CREATED
            except IntegrityError:
                existing = Resident.objects.select_for_update().get(email=email)
        if existing.is_active:
            return existing, SignUpOutcome.ALREADY_ACTIVE
        return self._register(existing, hashed), SignUpOutcome.REREGISTERED

    def _register(self, resident: Resident, hashed: str) -> Resident:
        resident.first_name = self.cleaned_data["first_name"]
        resident.last_name = self.cleaned_data["last_name"]
        resident.is_active = defects.active("unverified-can-sign-in")
        resident.email_confirmed = False
        # A new password also voids activation links sent before (the token hashes it).
        resident.password = hashed
        resident.save()
        return resident
