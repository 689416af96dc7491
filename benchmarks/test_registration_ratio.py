"""The registration journey, as a bare Playwright script and as portalcheck's scenario, against
the same portal process in one pytest run (run by benchmarks/registration.py, not by make test).

Both sign up, read the e-mail from the same inbox, open its link and sign in to the welcome
screen; the bare script has no page objects, no journey, no accessibility checks, no reports.
The scenario's Then steps also check the welcome screen's sections and links, which the issue's
bare script does not: a second bare script does those same checks too, for the harness's own cost.

The three run in turn, round after round (pytest keeps a module's order), so a machine that
slows down midway slows all three alike; round 0 warms the portal, the browser and the page
states the accessibility check reads once per run, and is not counted.
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect
from pytest_bdd import scenario

from portalcheck.residents import make_resident

FEATURE = "../portalcheck/features/community_access/minot_register.feature"
SCENARIO = "After activating the account the resident signs in to the welcome screen"
ROUNDS = 12  # round 0 included


def bare_playwright_script(page: Page, inbox, *, checks: bool) -> float:
    resident = make_resident()
    started = time.perf_counter()
    page.goto("/")
    page.get_by_role("link", name="Sign up", exact=True).click()
    page.get_by_label("Email *", exact=True).fill(resident.email)
    page.get_by_label("Password *", exact=True).fill(resident.password)
    page.get_by_label("First name *", exact=True).fill(resident.first_name)
    page.get_by_label("Last name *", exact=True).fill(resident.last_name)
    page.get_by_role("button", name="Sign up", exact=True).click()
    expect(page.get_by_role("heading", name="Verification email sent")).to_be_visible()
    message = inbox.wait_for(resident.email, timeout=30)
    page.goto(re.search(r'href="([^"]*/activate/[^"]+)"', message.html)[1].replace("&amp;", "&"))
    page.goto("/")
    page.get_by_label("Email address", exact=True).fill(resident.email)
    page.get_by_label("Password", exact=True).fill(resident.password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Welcome to Citizen Self Service")).to_be_visible()
    if checks:  # what the scenario's Then steps check on the welcome screen
        for heading, text in (("Announcements", "There are currently no announcements."),
                              ("Profile Information", "Profile information not found.")):
            expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
            expect(page.get_by_text(text).first).to_be_visible()
        for name in ("Home", "Citizen Self Service", "Utility Billing"):
            expect(page.get_by_role("link", name=name, exact=True).first).to_be_visible()
    return time.perf_counter() - started


def _bare(round_: int, *, checks: bool):
    def test(page: Page, inbox) -> None:
        took = bare_playwright_script(page, inbox, checks=checks)
        print(f"\n{'BARE+CHECKS' if checks else 'BARE'} {round_} {took:.3f}")
    return test


def _scenario_set_up_as_the_bare_scripts(page: Page, inbox) -> None:
    """Asks for the bare scripts' fixtures, so that their set-up (a browser context and its page) falls
    outside the timed call for the scenario too; pytest-bdd would otherwise make them at its first step."""


for _round in range(ROUNDS):
    globals()[f"test_round_{_round:02d}_a_bare_playwright_script"] = _bare(_round, checks=False)
    globals()[f"test_round_{_round:02d}_b_bare_playwright_script_with_checks"] = _bare(_round, checks=True)
    globals()[f"test_round_{_round:02d}_c_portalcheck_scenario"] = scenario(FEATURE, SCENARIO)(
        _scenario_set_up_as_the_bare_scripts)
