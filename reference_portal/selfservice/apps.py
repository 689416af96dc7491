"""App configuration for the self-service app."""

from django.apps import AppConfig


class SelfServiceConfig(AppConfig):
    """The signed-in part of the portal."""

    name = "reference_portal.selfservice"
    label = "selfservice"
    verbose_name = "Citizen Self Service"
