"""Root URL configuration: identity flows, signed-in pages, the admin and the portal's own static files."""

from pathlib import Path

import django.contrib.admin
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

STATIC_DIR = Path(__file__).resolve().parent / "static"
ADMIN_STATIC_DIR = Path(django.contrib.admin.__file__).resolve().parent / "static" / "admin"

urlpatterns = [
    path("", include("reference_portal.identity.urls")),
    path("", include("reference_portal.selfservice.urls")),
    path("", include("reference_portal.permits.urls")),
    path("", include("reference_portal.billing.urls")),
    path("admin/", admin.site.urls),
    # DEBUG is always off, so the portal serves static files itself, from explicit directories.
    re_path(r"^static/admin/(?P<path>.*)$", serve, {"document_root": ADMIN_STATIC_DIR}, name="admin-static"),
    re_path(r"^static/(?P<path>.*)$", serve, {"document_root": STATIC_DIR}, name="static"),
]
