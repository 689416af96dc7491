"""Database sessions whose expiry follows the portal's clock (reference_portal.clock).

Django decides whether a session has expired with timezone.now(); an idle-timeout check would
then have to wait the timeout out. Here every expiry decision uses the portal's clock instead,
which the harness may move forward, so the check takes seconds.
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from reference_portal import clock


class SessionStore(DatabaseSessionStore):
    """Django's database session store, on the portal's clock."""

    def _get_session_from_db(self):
        session = super()._get_session_from_db()
        if session is not None and session.expire_date <= clock.now():
            self._session_key = None  # expired on the portal's clock: as if it were never there
            return None
        return session

    def get_expiry_age(self, **kwargs):
        return super().get_expiry_age(**{"modification": clock.now(), **kwargs})

    def get_expiry_date(self, **kwargs):
        return super().get_expiry_date(**{"modification": clock.now(), **kwargs})
