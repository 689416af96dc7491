"""The portal families ("editions") the reference portal can render, and what differs between them."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404


@dataclass(frozen=True)
class Edition:
    """Everything edition-specific that is not wording inside a template."""

    slug: str
    template_dir: str
    product_name: str
    email_from_name: str
    # How a registration becomes usable: "link" activates at the e-mailed link (Community
    # Access); "first-login" only confirms the address there, and the first valid login after
    # that enables the account without signing in (Citizen Access, flows.md B5-B7).
    activation: str = "link"
    # Signed-in modules besides the home page that only this edition shows.
    modules: tuple[str, ...] = ()


EDITIONS: dict[str, Edition] = {
    "community-access": Edition(
        slug="community-access",
        template_dir="community_access",
        product_name="Community Access",
        email_from_name="Community Access Identity",
        modules=("utility-billing",),
    ),
    "citizen-access": Edition(
        slug="citizen-access",
        template_dir="citizen_access",
        product_name="Citizen Access",
        email_from_name="City of Billings Citizen Access",
        activation="first-login",
        modules=("registration-dialog", "permits", "utility-pay"),
    ),
}

DEFAULT_EDITION = "community-access"


def current_edition() -> Edition:
    """The edition in force, read per request so a test can switch it with override_settings."""
    from django.conf import settings

    return EDITIONS[settings.PORTAL_EDITION]


class EditionPageMixin:
    """A view only editions listing `module` have; elsewhere it answers 404, as if absent."""

    module = ""

    def dispatch(self, request, *args, **kwargs):
        if self.module not in current_edition().modules:
            raise Http404("This portal edition has no such page.")
        return super().dispatch(request, *args, **kwargs)
