"""Django set-up for the reference portal tests: in-memory SQLite and locmem e-mail, no pytest-django.

With REFERENCE_PORTAL_DATABASE_URL=postgresql://... they run on PostgreSQL instead, in a test
database per pytest-xdist worker (test_postgresql.py does so on a throwaway cluster).
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

import django
import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reference_portal.settings")
# A worker that ran a browser scenario first holds Playwright's event loop in this thread, which
# Django takes for an async context; these tests call the ORM synchronously, so that is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
django.setup()

import pg_cluster  # noqa: E402  (this folder's throwaway PostgreSQL)
from django.conf import settings  # noqa: E402  (needs django.setup() first)
from django.core import mail  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_databases,
    setup_test_environment,
    teardown_databases,
    teardown_test_environment,
)

STRONG_PASSWORD = "correct horse battery staple lamp"

if not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A server database: each xdist worker creates (and drops) a test database of its own.
    _default = settings.DATABASES["default"]
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    _default.setdefault("TEST", {})["NAME"] = f"test_{_default['NAME']}_{_worker}"


@pytest.fixture(scope="session")
def postgresql():
    """A throwaway PostgreSQL cluster for this worker; skips, saying why, where none can start."""
    reason = pg_cluster.missing()
    if reason:
        pytest.skip(reason)
    with pg_cluster.PostgresCluster() as cluster:
        yield cluster


@pytest.fixture(scope="session", autouse=True)
def django_test_environment():
    """Locmem e-mail and a migrated in-memory test database for the whole session."""
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    yield
    teardown_databases(databases, verbosity=0)
    teardown_test_environment()


@pytest.fixture
def db():
    """Each test runs in a transaction that is rolled back, with an empty outbox."""
    mail.outbox = []
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def client(db):
    return Client()


@pytest.fixture
def sign_up(client):
    """Factory: post the sign-up form and return the response."""

    def sign_up(email="jane@example.test", password=STRONG_PASSWORD, first="Jane", last="Resident"):
        data = {"email": email, "password": password, "first_name": first, "last_name": last}
        return client.post("/sign-up/", data)

    return sign_up


@pytest.fixture
def activation_path():
    """Function: the path of the "Activate account" link in an e-mail's HTML part."""

    def activation_path(message) -> str:
        html = message.alternatives[0].content
        found = re.search(r'<a href="([^"]+)">Activate account</a>', html)
        assert found, html
        return urlsplit(found.group(1)).path

    return activation_path
