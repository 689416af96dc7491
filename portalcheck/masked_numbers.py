"""Card and bank numbers shown by their last four digits only: one check for pages and e-mails."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from portalcheck.mail import Message
from portalcheck.requirements import require

if TYPE_CHECKING:
    from portalcheck.pages.screen import Screen

BANK = "ASVS V14.2.6"  # sensitive data kept out of what the portal shows and sends
CARD = "PCI DSS 3.4.1"  # the primary account number masked when displayed


def require_masked(number: str, *, what: str, where: str, shown: str, searched: Iterable[str],
                   requirement: str) -> None:
    """`number` is nowhere in `searched` (markup, every part of an e-mail), and its last four
    digits are in `shown` (what the resident reads): the positive control that the right thing
    was looked at."""
    require_never_whole(number, what=what, where=where, searched=searched, requirement=requirement)
    require(number[-4:] in shown, requirement, f"{where} does not show the {what} by its last four digits")


def require_never_whole(number: str, *, what: str, where: str, searched: Iterable[str], requirement: str) -> None:
    """`number` is nowhere in `searched`, for a page that need not show the number at all."""
    for text in searched:
        require(number not in text, requirement, f"{where} shows the whole {what}")


def require_masked_on_page(screen: Screen, number: str, *, what: str, requirement: str) -> None:
    require_masked(number, what=what, where=screen.address, shown=screen.main_text(),
                   searched=(screen.markup(),), requirement=requirement)


def require_never_whole_on_page(screen: Screen, number: str, *, what: str, requirement: str) -> None:
    require_never_whole(number, what=what, where=screen.address, searched=(screen.markup(),), requirement=requirement)


def require_masked_in_email(message: Message, number: str, *, what: str, requirement: str) -> None:
    require_masked(number, what=what, where=f'the e-mail "{message.subject}"', shown=message.text,
                   searched=(message.subject, message.text, message.html), requirement=requirement)
