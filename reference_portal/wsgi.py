"""WSGI application for the reference portal (used by `serve` and any WSGI host)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reference_portal.settings")

application = get_wsgi_application()
