"""Template context shared by every page: which product and edition is being shown, and its variants."""

from django.conf import settings


def portal(request):
    """Expose the product name and edition so shared templates need no edition branches."""
    return {
        "portal_product_name": settings.PORTAL_PRODUCT_NAME,
        "portal_edition": settings.PORTAL_EDITION,
        # Deliberate defects (reference_portal.defects) that a template applies itself.
        "portal_defects": settings.PORTAL_DEFECTS,
    }


def variants(request):
    """The variants in force (reference_portal.variants), for templates that render one themselves:
    `{% if "two-step-sign-in" in portal_variants %}`. Re-worded labels go through the `say` filter."""
    return {"portal_variants": getattr(settings, "PORTAL_VARIANTS", ())}
