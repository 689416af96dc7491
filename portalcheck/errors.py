"""The one exception tree every part of portalcheck raises from.

The CLI catches `PortalcheckError`, prints its message on one line and exits non-zero,
so each message says what happened, where, and what to do about it.
"""

from __future__ import annotations

from datetime import datetime


class PortalcheckError(Exception):
    """Root of every error portalcheck reports to a user."""


class ConfigurationError(PortalcheckError):
    """An option, environment variable or profile value is missing or wrong."""

    def __init__(self, message: str, *, profile_key: str | None = None, path: str | None = None):
        super().__init__(message)
        self.profile_key = profile_key
        self.path = path


class MissingTestData(ConfigurationError):
    """A scenario needs an entry the test data does not have: a setup gap, "not applicable"."""


class BrowserNotFound(ConfigurationError):
    """Neither Playwright's managed Chromium nor a system Chromium could be found."""


class BrowserServerError(ConfigurationError):
    """A remote browser (--browser-ws, --browser-cdp) cannot be reached or used."""


class PortalUnreachable(PortalcheckError):
    """The portal under test does not answer at its URL."""

    def __init__(self, message: str, *, url: str):
        super().__init__(message)
        self.url = url


class PortalStartError(PortalcheckError):
    """The bundled reference portal could not be started."""


class MailError(PortalcheckError):
    """Something went wrong reading the test inbox."""


class MailboxUnreachable(MailError):
    """The mailbox (e.g. Mailpit's API) does not answer."""

    def __init__(self, message: str, *, url: str):
        super().__init__(message)
        self.url = url


class MailTimeout(MailError):
    """The awaited message did not arrive in time."""

    def __init__(self, message: str, *, recipient: str, awaited: str, arrived: tuple[str, ...] = (),
                 subject: str | None = None, since: datetime | None = None):
        super().__init__(message)
        self.recipient = recipient
        self.awaited = awaited
        self.arrived = arrived
        # What the wait asked for: the subject it looked for and the time it counted from.
        self.subject = subject
        self.since = since


class MailMisdirected(MailTimeout):
    """Nothing came for the resident, but a message like it came for a near-miss address."""


class MailLate(MailError):
    """The awaited message arrived, but after the wait's deadline (the profile's e-mail timeout)."""

    def __init__(self, message: str, *, recipient: str, seconds: float):
        super().__init__(message)
        self.recipient = recipient
        self.seconds = seconds


class MailDuplicated(MailError):
    """The portal sent the same message to the resident more than once."""

    def __init__(self, message: str, *, recipient: str, copies: int):
        super().__init__(message)
        self.recipient = recipient
        self.copies = copies


class LinkNotFound(MailError):
    """A message has no link with the expected visible text or URL pattern."""
