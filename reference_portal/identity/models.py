"""The Resident user model: one login per e-mail address, inactive until the address is verified."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


def normalize_email(email: str) -> str:
    """Lower-case the whole address: residents do not expect Jane@ and jane@ to be two accounts."""
    return (email or "").strip().lower()


class ResidentManager(BaseUserManager):
    """Creates residents and looks them up by e-mail regardless of case."""

    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email=normalize_email(email))

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("A resident needs an e-mail address.")
        extra_fields.setdefault("is_active", False)
        resident = self.model(email=normalize_email(email), **extra_fields)
        resident.set_password(password)
        resident.save(using=self._db)
        return resident

    def create_superuser(self, email, password=None, **extra_fields):
        # Staff accounts are created from the command line, so there is no e-mail to verify.
        extra_fields.update(is_staff=True, is_superuser=True, is_active=True)
        return self.create_user(email, password, **extra_fields)


class Resident(AbstractBaseUser, PermissionsMixin):
    """A person who signs in to the portal with an e-mail address and password."""

    email = models.EmailField("email address", unique=True)
    first_name = models.CharField("first name", max_length=150)
    last_name = models.CharField("last name", max_length=150)
    is_active = models.BooleanField(
        "active", default=False, help_text="Set once the resident has verified their e-mail address."
    )
    # Citizen Access confirms the address at the link but enables the account only at the next
    # valid login (flows.md B5-B6): registered -> e-mail confirmed -> active.
    email_confirmed = models.BooleanField(
        "email confirmed", default=False, help_text="Set when the resident opens the e-mailed link."
    )
    is_staff = models.BooleanField("staff status", default=False)
    # Lockout (ASVS V6.3.1): consecutive failed sign-ins, reset by a successful one; at the
    # threshold the account locks until the e-mailed unlock link (whose token covers locked_at).
    failed_sign_ins = models.PositiveIntegerField("consecutive failed sign-ins", default=0)
    locked_at = models.DateTimeField("locked at", null=True, blank=True)
    # Each "Forgot password?" request stamps this; reset tokens cover it, so a new request
    # voids the links sent before (NIST SP 800-63B 4.2.1.2).
    reset_requested_at = models.DateTimeField("password reset requested at", null=True, blank=True)
    date_joined = models.DateTimeField("date joined", default=timezone.now)

    objects = ResidentManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = "resident"
        verbose_name_plural = "residents"

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = normalize_email(self.email)

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name

    def activate(self):
        """Mark the e-mail address verified; this also spends any outstanding activation token."""
        self.is_active = self.email_confirmed = True
        self.save(update_fields=["is_active", "email_confirmed"])

    def confirm_email(self):
        """Citizen Access: the link confirms the address (spending its token); a login enables."""
        self.email_confirmed = True
        self.save(update_fields=["email_confirmed"])

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def awaits_first_login(self) -> bool:
        return self.email_confirmed and not self.is_active


class VerificationCode(models.Model):
    """The "code-verification" variant: the code e-mailed instead of a link, kept only as a keyed hash.

    One live code per resident: sending a new one replaces it (voiding the old), using it deletes
    it, and too many wrong tries void it. Its age is read on the portal's clock
    (reference_portal.clock), so the harness can move time past the lifetime.
    """

    resident = models.OneToOneField(Resident, on_delete=models.CASCADE, related_name="verification_code")
    # HMAC-SHA256 of the code under SECRET_KEY: six digits are too few to survive a plain hash.
    code_hash = models.CharField("code hash", max_length=64)
    issued_at = models.DateTimeField("issued at")
    failed_attempts = models.PositiveIntegerField("wrong codes typed", default=0)

    class Meta:
        verbose_name = "verification code"

    def __str__(self):
        return f"verification code for {self.resident}"
