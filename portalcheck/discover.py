"""`portalcheck init URL`: a draft profile, from what the portal's own pages show.

A vendor should not learn which labels differ one failed run at a time. This opens the portal's
sign-in and sign-up pages (and, given a test account, the signed-in home), looks for each
documented label by role and text, and writes a draft profile: each label found as the guides
print it, re-worded (with the portal's words, found by the closest accessible name of the same
role), or missing, with a comment saying which.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

from playwright.sync_api import Page, sync_playwright

if TYPE_CHECKING:
    from playwright._impl.internal_structures import AriaRole  # get_by_role's role type; not exported

from portalcheck import browser
from portalcheck.errors import PortalcheckError

ENV_PASSWORD = "PORTALCHECK_INIT_PASSWORD"

# (role, documented label) of each page, as flows.md A1, A2 and A4 print them.
SIGN_IN = [("heading", "Sign in to community access services."), ("button", "Sign in with Google"),
           ("button", "Sign in with Apple"), ("button", "Sign in with Microsoft"),
           ("button", "Sign in with Facebook"), ("field", "Email address"), ("field", "Password"),
           ("checkbox", "Remember me"), ("button", "Sign in"), ("link", "Forgot password?"),
           ("link", "Unlock account?"), ("link", "Help"), ("link", "Sign up")]
SIGN_UP = [("heading", "Create an account"), ("field", "Email *"), ("field", "Password *"),
           ("field", "First name *"), ("field", "Last name *"), ("button", "Sign up"), ("link", "Back to sign in")]
HOME = [("heading", "Welcome to Citizen Self Service"), ("link", "Home"), ("link", "Citizen Self Service"),
        ("link", "Utility Billing"), ("control", "Sign out")]
# Other cities' words for the same labels (flows.md E), tried before any guess.
KNOWN_REWORDINGS = {
    "Sign up": ("Sign Up", "Register for a New Account", "New User", "new user", "Register", "Create Account"),
    "Email address": ("Email", "Email:", "E-mail", "Email Address", "E-mail address"),
    "Remember me": ("Remember Me", "Keep me signed in"),
    "Sign in": ("Sign In", "Log In", "Log in", "Login"),
    "Create an account": ("Register", "Create Account", "New User Registration", "Sign up", "Sign Up"),
    "Email *": ("Email", "Email Address", "Email address", "Email:"),
    "Password *": ("Password",),
    "First name *": ("First Name", "First name"),
    "Last name *": ("Last Name", "Last name"),
    "Sign in to community access services.": ("Log In to Citizen Access", "Sign in", "Log In"),
}
# How close a portal's words must be to the documented ones to count as a re-wording of them.
CLOSE_ENOUGH = 0.6


@dataclass(frozen=True)
class Finding:
    page: str
    role: str
    documented: str
    shown: str | None  # None: missing; == documented: found as printed

    @property
    def reworded(self) -> bool:
        return self.shown is not None and self.shown != self.documented


def names(page: Page, role: str) -> list[str]:
    """The accessible names of every element of a role on the page (fields: their labels)."""
    if role in ("field", "checkbox"):
        found = page.get_by_role("checkbox") if role == "checkbox" else page.locator(
            "input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]), select, textarea")
        return [n for n in (_label(page, el) for el in found.all()) if n]
    roles = ("link", "button") if role in ("control", "button") else (role,)
    result = []
    for kind in roles:
        for element in page.get_by_role(cast("AriaRole", kind)).all():
            text = " ".join((element.get_attribute("aria-label") or element.inner_text() or
                             element.get_attribute("value") or "").split())
            if text:
                result.append(text)
    return result


def _label(page: Page, element) -> str:
    label = element.evaluate("e => (e.labels && e.labels[0] && e.labels[0].innerText) || e.getAttribute('aria-label') || ''")
    return " ".join(label.split())


def look_for(page: Page, page_name: str, wanted: list[tuple[str, str]]) -> list[Finding]:
    """Each label as printed; else a known re-wording, else the closest name of the same role that
    no other documented label accounts for; else missing."""
    shown = {role: names(page, role) for role in {role for role, _ in wanted}}
    claimed = {documented for role, documented in wanted if documented in shown[role]}
    findings = []
    for role, documented in wanted:
        if documented in shown[role]:
            findings.append(Finding(page_name, role, documented, documented))
            continue
        free = [name for name in shown[role] if name not in claimed]
        known = [name for name in free if name.casefold() in {k.casefold() for k in KNOWN_REWORDINGS.get(documented, ())}]
        close = known or difflib.get_close_matches(documented, free, n=1, cutoff=CLOSE_ENOUGH)
        if close:
            claimed.add(close[0])
        findings.append(Finding(page_name, role, documented, close[0] if close else None))
    return findings


def discover(url: str, *, email: str | None = None, browser_path: str | None = None) -> tuple[list[Finding], dict]:
    """Visit the portal and return what was found, and the flows it seems to have."""
    flows: dict[str, str] = {}
    executable = browser.find_chromium(browser_path)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(**browser.launch_args(executable))
        try:
            page = chromium.new_page(base_url=url)
            try:
                page.goto(url)
            except Exception as error:  # noqa: BLE001 - Playwright's network errors have no common base here
                raise PortalcheckError(f"The portal at {url} did not answer ({error}); check the URL.") from None
            sign_in_url = page.url
            findings = look_for(page, "sign-in", SIGN_IN)
            if not next(f for f in findings if f.documented == "Password").shown and "Next" in names(page, "button"):
                flows["sign_in"] = "two-step"
            sign_up = next(f for f in findings if f.documented == "Sign up").shown
            if sign_up:
                page.get_by_role("link", name=sign_up, exact=True).first.click()
                page.wait_for_load_state()
                findings += look_for(page, "sign-up", SIGN_UP)
            else:
                findings += [Finding("sign-up", role, label, None) for role, label in SIGN_UP]
            if email:
                findings += signed_in_findings(page, sign_in_url, findings, email)
        finally:
            chromium.close()
    flows["sign_in_path"] = urlsplit(sign_in_url).path or "/"
    return findings, flows


def signed_in_findings(page: Page, sign_in_url: str, findings: list[Finding], email: str) -> list[Finding]:
    password = os.environ.get(ENV_PASSWORD)
    if not password:
        raise PortalcheckError(f"--email needs the test account's password in {ENV_PASSWORD}.")
    said = {f.documented: f.shown or f.documented for f in findings}
    page.goto(sign_in_url)
    page.get_by_label(said["Email address"], exact=True).fill(email)
    page.get_by_label(said["Password"], exact=True).fill(password)
    page.get_by_role("button", name=said["Sign in"], exact=True).click()
    page.wait_for_load_state()
    return look_for(page, "home", HOME)


def draft(url: str, findings: list[Finding], flows: dict) -> str:
    """The draft profile's TOML, with a comment on each label."""
    lines = [f"# Draft portal profile for {url}, written by `portalcheck init`.",
             "# Review it: labels marked MISSING were not found on the page; check them by hand.",
             "# Every key is documented in portalcheck/profiles/reference.toml.", "",
             f'name = "{urlsplit(url).netloc}"', 'family = "community-access"',
             'features = ["registration"]', "", "[urls]", f'sign_in = "{flows["sign_in_path"]}"', ""]
    if "sign_in" in flows:
        lines += ["[flows]", f'sign_in = "{flows["sign_in"]}"  # no password field before "Next"', ""]
    lines.append("[wording]")
    seen = set()
    for finding in findings:
        if finding.documented in seen:
            continue
        seen.add(finding.documented)
        where = f"the {finding.page} page's {finding.role}"
        if finding.shown is None:
            lines.append(f'# MISSING: "{finding.documented}" ({where}) was not found')
        elif finding.reworded:
            lines.append(f'"{finding.documented}" = "{finding.shown}"  # re-worded on {where}')
        else:
            lines.append(f'# found as printed: "{finding.documented}" ({where})')
    return "\n".join(lines) + "\n"


def write_draft(url: str, out: Path, *, email: str | None = None, browser_path: str | None = None) -> list[Finding]:
    findings, flows = discover(url, email=email, browser_path=browser_path)
    out.write_text(draft(url, findings, flows), encoding="utf-8")
    return findings
