"""Forms of the recovery flows: "Forgot password?", setting a new password, "Unlock account?" and
changing the password while signed in. Built on Django's own forms; policy lives here.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError

from reference_portal import clock, defects, variants
from reference_portal.identity import emails, lockout
from reference_portal.identity.models import Resident, normalize_email
from reference_portal.identity.tokens import unlock_token_generator

# Only for the defect that tells (check 10 must catch it).
UNKNOWN_EMAIL = "No account uses this email address."


def email_field() -> forms.EmailField:
    return forms.EmailField(
        label="Email address", max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


def new_password_fields(form: forms.Form) -> None:
    """The reference portal's labels and help text on Django's new-password pair."""
    form.fields["new_password1"].label = "New password"
    form.fields["new_password1"].help_text = (
        f"Use at least {settings.PASSWORD_MIN_LENGTH} characters. "
        "Avoid common passwords and your name or email address."
    )
    form.fields["new_password2"].label = "Confirm new password"
    form.fields["new_password2"].help_text = ""


class ForgotPasswordForm(PasswordResetForm):
    """Sends a reset link to an active resident; the same answer for any other address."""

    email = email_field()

    def clean_email(self):
        email = normalize_email(self.cleaned_data["email"])
        if defects.active("forgot-password-says-unknown-email") and not Resident.objects.filter(email=email).exists():
            raise ValidationError(UNKNOWN_EMAIL, code="unknown_email")
        return email

    def save(self, **kwargs):
        # A new request voids the links sent before: reset tokens cover this stamp.
        residents = [r.pk for r in self.get_users(self.cleaned_data["email"])]
        Resident.objects.filter(pk__in=residents).update(reset_requested_at=clock.now())
        super().save(**kwargs)


class ResetPasswordForm(SetPasswordForm):
    """The new password from a reset link; it also lifts a lockout (the link proves the inbox).

    "reset-without-confirm": the new password is asked once, without "Confirm new password".
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        new_password_fields(self)
        if variants.active("reset-without-confirm"):
            del self.fields["new_password2"]

    def clean(self):
        if "new_password2" in self.fields:
            return super().clean()
        self.validate_password_for_user(self.user, "new_password1")
        return self.cleaned_data

    def save(self, commit=True):
        resident = super().save(commit=commit)
        if commit and resident.is_locked:
            lockout.unlock(resident)
        return resident


class ChangePasswordForm(PasswordChangeForm):
    """A signed-in resident's new password, after their current one (ASVS V6.2.3)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        new_password_fields(self)


class UnlockRequestForm(forms.Form):
    """"Unlock account?": e-mails an unlock link if the address's account is locked, else nothing."""

    email = email_field()

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def save(self, request) -> None:
        resident = Resident.objects.filter(email=self.cleaned_data["email"], is_active=True).first()
        if resident is not None and resident.is_locked:
            emails.send_unlock(request, resident, unlock_token_generator)
