"""App configuration for the permits app."""

from django.apps import AppConfig


class PermitsConfig(AppConfig):
    """Permit accounts and the residents who linked them."""

    name = "reference_portal.permits"
    label = "permits"
    verbose_name = "Permits"
    default_auto_field = "django.db.models.BigAutoField"
