"""The portal families ("editions") the reference portal can render, and what differs between them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    """Everything edition-specific that is not wording inside a template."""

    slug: str
    template_dir: str
    product_name: str
    email_from_name: str


# Only Community Access is built so far; Citizen Access (flows.md section B) joins this table.
EDITIONS: dict[str, Edition] = {
    "community-access": Edition(
        slug="community-access",
        template_dir="community_access",
        product_name="Community Access",
        email_from_name="Community Access Identity",
    ),
}

DEFAULT_EDITION = "community-access"
