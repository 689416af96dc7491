"""App configuration for the Utility Billing app."""

from django.apps import AppConfig


class BillingConfig(AppConfig):
    """Utility accounts, their bills and services, and the residents who linked them."""

    name = "reference_portal.billing"
    label = "billing"
    verbose_name = "Utility Billing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Returning residents get their accounts back when their new login is activated.
        from reference_portal.billing import signals  # noqa: F401
