"""What the bundled portal's log says about an e-mail that never reached the inbox.

A missing e-mail has two possible causes: the portal never sent it, or it was sent and lost on
the way to the inbox. The bundled portal logs a timed line for each e-mail it sends
(`reference_portal/identity/emails.py`), so for the bundled portal the failure can say which.
A portal given by URL has no log here, and its failures say nothing more.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from portalcheck.mail.inbox import addressed_to, subject_matches

# This process's bundled portal's log: where it is written now, and where it is kept after the run
# (the portal_url fixture sets both).
BUNDLED_LOG = pytest.StashKey[tuple[Path, Path | None]]()

# "2026-12-07T17:06:05.489 sent 'Activate your Community Access account' to a@b.test, c@d.test"
_SENT = re.compile(r"^(?P<at>\S+) sent (?P<subject>'.*'|\".*\") to (?P<to>.+)$")


def sent_to(log: Path, recipient: str, *, subject: str | None = None, since: datetime | None = None) -> list[str]:
    """The log's "sent" lines naming `recipient` among their addresses, as "HH:MM:SS.mmm 'subject'":
    only those whose subject contains `subject` and that were sent at or after `since`, as the
    inbox's wait counts them."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    # The portal logs this machine's local time, to the millisecond.
    cutoff = since.astimezone().replace(tzinfo=None, microsecond=since.microsecond // 1000 * 1000) if since else None
    found = []
    for line in text.splitlines():
        match = _SENT.match(line.strip())
        # Matched as the inbox matches: the same address, a subject containing the awaited one.
        if not match or not addressed_to(match["to"].split(","), recipient) or not subject_matches(
                match["subject"], subject):
            continue
        try:
            at = datetime.fromisoformat(match["at"])
        except ValueError:
            continue
        if cutoff is None or at >= cutoff:
            found.append(f"{match['at'].rpartition('T')[2]} {match['subject']}")
    return found


def explain_missing(log: Path, recipient: str, *, subject: str | None = None, since: datetime | None = None,
                    kept: Path | None = None) -> str:
    """One sentence for a MailTimeout: whether the bundled portal sent what the wait looked for.
    It names `kept`, where the log will be after the run, rather than `log` when given."""
    sent = sent_to(log, recipient, subject=subject, since=since)
    shown = kept or log
    what = f'with a subject containing "{subject}" ' if subject is not None else ""
    when = f" since {since.astimezone():%H:%M:%S}" if since is not None else ""
    if not sent:
        return (f"The bundled portal's log records no e-mail {what}sent to {recipient}{when}: the portal did not "
                f"send it (log: {shown}).")
    return (f"The bundled portal's log records sending to {recipient}: {'; '.join(sent)}, so it was lost "
            f"between the portal's SMTP client and the inbox (log: {shown}).")


def explain(config: pytest.Config, recipient: str, *, subject: str | None = None,
            since: datetime | None = None) -> str | None:
    """The sentence for this process's bundled portal; None for a portal given by URL."""
    if (logs := config.stash.get(BUNDLED_LOG, None)) is None:
        return None
    live, kept = logs
    return explain_missing(live, recipient, subject=subject, since=since, kept=kept)
