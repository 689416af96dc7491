"""App configuration for the identity app."""

from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """Residents and their sign-in flows."""

    name = "reference_portal.identity"
    label = "identity"
    verbose_name = "Identity"
    default_auto_field = "django.db.models.BigAutoField"
