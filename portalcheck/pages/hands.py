"""How the resident operates the page: with the mouse (the default) or with the keyboard alone.

The journey layer drives every flow once; a keyboard scenario runs the same journey inside
`keyboard_only(page)`, and each Screen then tabs, types and presses Enter instead of clicking.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Iterator

from playwright.sync_api import Page

_KEYBOARD: weakref.WeakSet[Page] = weakref.WeakSet()


@contextlib.contextmanager
def keyboard_only(page: Page) -> Iterator[None]:
    """Within this block, every Screen on `page` is operated with the keyboard alone."""
    _KEYBOARD.add(page)
    try:
        yield
    finally:
        _KEYBOARD.discard(page)


def uses_keyboard(page: Page) -> bool:
    return page in _KEYBOARD
