"""Root URL configuration: identity flows, signed-in pages, the admin and the portal's own static files.

Which pages exist and where depends on the variants in force (reference_portal.variants): each
app's `patterns(variants)` lists its own, and VariantsMiddleware serves the set for the variants
switched on. `urlpatterns` is the portal without variants.
"""

from pathlib import Path

import django.contrib.admin
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from reference_portal.billing import urls as billing_urls
from reference_portal.identity import urls as identity_urls
from reference_portal.selfservice import urls as selfservice_urls

STATIC_DIR = Path(__file__).resolve().parent / "static"
ADMIN_STATIC_DIR = Path(django.contrib.admin.__file__).resolve().parent / "static" / "admin"


def patterns(variants: frozenset[str] = frozenset()) -> list:
    return [
        path("", include(identity_urls.patterns(variants))),
        path("", include(selfservice_urls.patterns(variants))),
        path("", include("reference_portal.permits.urls")),
        path("", include(billing_urls.patterns(variants))),
        path("admin/", admin.site.urls),
        # DEBUG is always off, so the portal serves static files itself, from explicit directories.
        re_path(r"^static/admin/(?P<path>.*)$", serve, {"document_root": ADMIN_STATIC_DIR}, name="admin-static"),
        re_path(r"^static/(?P<path>.*)$", serve, {"document_root": STATIC_DIR}, name="static"),
    ]


urlpatterns = patterns()
