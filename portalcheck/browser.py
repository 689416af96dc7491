"""Finding a Chromium to drive: Playwright's managed build, else the system's.

Playwright's own browser download is not possible everywhere (closed networks, distro
packaging), so a Debian/Ubuntu `chromium` on the PATH is a first-class alternative.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from portalcheck.errors import BrowserNotFound

SYSTEM_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
# Debian's headless shell is the build Playwright's own headless runs use: no browser UI to start,
# about a third less CPU per page than the full Chromium in headless mode. It cannot show a window.
HEADLESS_SHELL_NAMES = ("chromium-headless-shell",)

# Without these a system Chromium tries to reach Google's update and sync services at start,
# which on a closed network costs time and fills the log with refused connections.
QUIET_FLAGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

REMEDY = (
    "install Playwright's browser (python -m playwright install chromium), or a system "
    "Chromium (apt-get install chromium), or pass its path with --browser-path / "
    "PORTALCHECK_BROWSER_PATH"
)


def managed_chromium() -> Path | None:
    """Playwright's own Chromium, if `playwright install chromium` has fetched it."""
    return managed("chromium")


def managed(engine: str) -> Path | None:
    """Playwright's own build of `engine` (chromium, firefox, webkit), if it has been fetched."""
    # Asked in a thread of its own: the sync API refuses to start where an event loop already
    # runs, as it does inside a test while pytest-playwright's session is open.
    with ThreadPoolExecutor(max_workers=1) as pool:
        path = pool.submit(_executable_path, engine).result()
    return path if path.exists() else None


def _executable_path(engine: str) -> Path:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return Path(getattr(playwright, engine).executable_path)


def require_managed(engine: str) -> None:
    """BrowserNotFound in one line when Playwright's `engine` is not installed (only Chromium has a
    system alternative)."""
    if managed(engine) is None:
        raise BrowserNotFound(f"--browser {engine} needs Playwright's {engine}: python -m playwright install {engine} "
                              "(or leave out --browser to use Chromium).")


def system_chromium(*, headed: bool = False) -> Path | None:
    for name in (SYSTEM_CHROMIUM_NAMES if headed else HEADLESS_SHELL_NAMES + SYSTEM_CHROMIUM_NAMES):
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def find_chromium(explicit: str | None = None, *, headed: bool = False) -> Path | None:
    """The executable to launch; None means Playwright's managed build is installed.

    Of the system's, the headless shell when there is one and no window is wanted.

    Raises BrowserNotFound with both remedies when there is no Chromium at all.
    """
    if explicit:
        path = Path(explicit)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise BrowserNotFound(f"No browser executable at {explicit} (--browser-path): {REMEDY}.")
        return path
    if managed_chromium() is not None:
        return None
    found = system_chromium(headed=headed)
    if found is None:
        raise BrowserNotFound(f"No Chromium found: {REMEDY}.")
    return found


def launch_args(executable: Path | None) -> dict:
    """Extra `BrowserType.launch` arguments for the Chromium `find_chromium` chose."""
    if executable is None:
        return {}
    return {"executable_path": str(executable), "args": list(QUIET_FLAGS)}
