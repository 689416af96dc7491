"""What the bundled portal's log says about an e-mail that never reached the inbox.

A missing e-mail has two possible causes: the portal never sent it, or it was sent and lost on
the way to the inbox. The bundled portal logs a timed line for each e-mail it sends
(`reference_portal/identity/emails.py`), so for the bundled portal the failure can say which.
A portal given by URL has no log here, and its failures say nothing more.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

# The live log of this process's bundled portal (set by the portal_url fixture).
BUNDLED_LOG = pytest.StashKey[Path]()

# "2026-12-07T17:06:05.489 sent 'Activate your Community Access account' to a@b.test, c@d.test"
_SENT = re.compile(r"^(?P<at>\S+) sent (?P<subject>'.*'|\".*\") to (?P<to>.+)$")


def sent_to(log: Path, recipient: str) -> list[str]:
    """The log's "sent" lines naming `recipient` among their addresses, as "HH:MM:SS.mmm 'subject'"."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    wanted = recipient.strip().lower()
    found = []
    for line in text.splitlines():
        match = _SENT.match(line.strip())
        if match and wanted in (address.strip().lower() for address in match["to"].split(",")):
            found.append(f"{match['at'].rpartition('T')[2]} {match['subject']}")
    return found


def explain_missing(log: Path, recipient: str) -> str:
    """One sentence for a MailTimeout: whether the bundled portal sent anything to `recipient`."""
    sent = sent_to(log, recipient)
    if not sent:
        return (f"The bundled portal's log records no e-mail sent to {recipient}: the portal did not send it "
                f"(log: {log}).")
    return (f"The bundled portal's log records sending to {recipient}: {'; '.join(sent)}, so it was lost "
            f"between the portal's SMTP client and the inbox (log: {log}).")


def explain(config: pytest.Config, recipient: str) -> str | None:
    """The sentence for this process's bundled portal; None for a portal given by URL."""
    log = config.stash.get(BUNDLED_LOG, None)
    return explain_missing(log, recipient) if log is not None else None
