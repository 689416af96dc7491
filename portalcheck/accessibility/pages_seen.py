"""Which page states this run has already checked, so each is checked once, not every step.

A page state is the URL path with identifiers and tokens made generic, plus what changes a
page without changing its URL: its main heading, an alert or dialog shown, the fields in error.
Workers of one run share what they checked through a folder of the run's own (one file per
state, created exclusively), so a state is checked once per run, not once per worker.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page

# Path segments that are words ("sign-up", "utility-billing") name a page; others are data.
_WORD = re.compile(r"^[a-z]+(?:[-_.][a-z]+)*$")

STATE = """() => {
  const shown = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const h1 = document.querySelector('h1');
  const any = sel => [...document.querySelectorAll(sel)].some(shown);
  return JSON.stringify({
    heading: h1 ? h1.textContent.replace(/\\s+/g, ' ').trim() : '',
    alert: any('[role=alert], [aria-live=assertive]'),
    dialog: any('dialog[open], [role=dialog], [role=alertdialog]'),
    invalid: [...document.querySelectorAll('[aria-invalid=true]')].map(e => e.name || e.id).sort(),
  });
}"""


@dataclass(frozen=True)
class PageState:
    path: str  # e.g. /utility-billing/accounts/{n}/bills/
    heading: str
    alert: bool
    dialog: bool
    invalid: tuple[str, ...]

    def describe(self) -> str:
        parts = [f'heading "{self.heading}"' if self.heading else "no heading"]
        parts += ["an alert"] * self.alert + ["a dialog"] * self.dialog
        if self.invalid:
            parts.append(f"fields in error: {', '.join(self.invalid)}")
        return ", ".join(parts)


def generic_path(url: str) -> str:
    """/activate/MQ/c3k-9f.../ -> /activate/{id}/{id}/; /accounts/1042/ -> /accounts/{n}/."""
    segments = urlsplit(url).path.split("/")
    return "/".join(s if not s or _WORD.match(s) else "{n}" if s.isdigit() else "{id}"
                    for s in segments)


def page_state(page: Page) -> PageState:
    found = json.loads(page.evaluate(STATE))
    return PageState(path=generic_path(page.url), heading=re.sub(r"\d", "#", found["heading"]),
                     alert=found["alert"], dialog=found["dialog"], invalid=tuple(found["invalid"]))


class PagesSeen:
    """Page states already checked in this process, and by the run's other workers if `shared`."""

    def __init__(self, shared: Path | None = None) -> None:
        self._seen: set[PageState] = set()
        self.shared = shared

    def first_time(self, state: PageState) -> bool:
        """True once per state: the caller checks it now, and it is never checked again in this run."""
        if state in self._seen:
            return False
        self._seen.add(state)
        return self.shared is None or self._claim(self.shared, state)

    @staticmethod
    def _claim(shared: Path, state: PageState) -> bool:
        """Whether this process is the run's first to reach `state` (its file did not exist yet)."""
        shared.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256(repr(state).encode()).hexdigest()[:32]
        try:
            os.close(os.open(shared / name, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return False
        return True
