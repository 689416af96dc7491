"""What the verification e-mail asks for, where a variant asks more than opening its link.

"confirm-button": the link's page activates only when its button is pressed (a POST), never on
a GET, so link scanners and prefetching mail clients cannot spend it. "password-again": that page
also asks for the account's password. "code-verification": no link, but a code typed in with
the address (reference_portal.identity.codes).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from reference_portal import defects, variants
from reference_portal.identity import codes, emails
from reference_portal.identity.forms import TRUNCATED_AT
from reference_portal.identity.models import Resident, normalize_email
from reference_portal.identity.tokens import activation_token_generator

WRONG_PASSWORD = "That is not the password of this account. Enter the password you chose when you signed up."
# One message for an unknown address, a wrong code, a spent, expired or voided one: the form
# must not tell which addresses have an account, nor which of the two was wrong.
CODE_NOT_ACCEPTED = (
    "That code and email address do not match a code we sent, or the code has expired. Check both, "
    "or choose “Resend code” for a new code."
)
CODE_SENT = "If an account with that email address is waiting for verification, we have sent it a new code."


class CodeInput(forms.TextInput):
    """A text input that never shows a code typed before: a refused code is typed afresh."""

    def format_value(self, value):
        return None


def link_valid(resident: Resident | None, token: str | None) -> bool:
    """Whether the verification link (its token moved to the session) may still activate the resident.

    A link is spent once the account is active or its address confirmed (the token covers both),
    and expires after settings.ACTIVATION_TOKEN_SECONDS; the defects switch either off.
    """
    if resident is None:
        return False
    spent = (resident.is_active or resident.email_confirmed) and not defects.active("activation-link-reusable")
    return not spent and activation_token_generator.check_token(resident, token)


def asks_to_confirm() -> bool:
    """Whether the link's page asks for a press (and maybe the password) instead of activating at once."""
    return variants.active("confirm-button") or variants.active("password-again")


class ConfirmEmailForm(forms.Form):
    """"Confirm your email": the button alone, or ("password-again") the account's password too."""

    password = forms.CharField(
        label="Password", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to confirm your email address."},
    )

    def __init__(self, *args, resident: Resident, **kwargs):
        super().__init__(*args, **kwargs)
        self.resident = resident
        if not variants.active("password-again"):
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if defects.active("password-truncated"):  # it was stored cut short, so compare it so
            password = password[:TRUNCATED_AT]
        if not self.resident.check_password(password):
            raise ValidationError(WRONG_PASSWORD, code="password_incorrect")
        return password

    def save(self) -> Resident:
        self.resident.activate()
        return self.resident


class VerifyCodeForm(forms.Form):
    """"Verify with your email": the address and the e-mailed code; or "Resend code" for a new one."""

    email = forms.EmailField(
        label="Email address", max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": "Enter the email address you signed up with."},
    )
    code = forms.CharField(
        label="Enter Code", max_length=20,
        widget=CodeInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": "Enter the code from the email we sent you."},
    )

    error_messages = {"not_accepted": CODE_NOT_ACCEPTED}

    def __init__(self, *args, resend: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.resend = resend
        self.resident: Resident | None = None
        if resend:  # a new code needs only the address
            self.fields["code"].required = False

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())  # "123 456" as printed in some mail clients

    def clean(self):
        email, code = self.cleaned_data.get("email"), self.cleaned_data.get("code")
        if self.resend or not (email and code):
            return self.cleaned_data
        self.resident = codes.redeem(email, code)
        if self.resident is None:
            raise ValidationError(self.error_messages["not_accepted"], code="not_accepted")
        return self.cleaned_data

    def save(self) -> Resident | None:
        """Activate the resident whose code it was; or, for "Resend code", send a new code if the
        address has an account waiting for verification (and nothing otherwise, silently)."""
        if not self.resend:
            self.resident.activate()
            return self.resident
        waiting = Resident.objects.filter(email=self.cleaned_data["email"], is_active=False).first()
        if waiting is not None:
            emails.send_code(waiting, codes.issue(waiting))
        return None
