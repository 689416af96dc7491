"""The registration journey, as a bare Playwright script and as portalcheck's scenario, against
the same portal process in one pytest run (run by benchmarks/registration.py, not by make test).

Both sign up, read the e-mail from the same inbox, open its link and sign in to the welcome
screen; the bare script has no page objects, no journey, no accessibility checks, no reports.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import scenario

from portalcheck.residents import make_resident

FEATURE = "../portalcheck/features/community_access/minot_register.feature"
SCENARIO = "After activating the account the resident signs in to the welcome screen"
ROUNDS = 5


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_bare_playwright_script(page: Page, inbox, round_: int) -> None:
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
    print(f"\nBARE {time.perf_counter() - started:.3f}")


for _round in range(ROUNDS):
    globals()[f"test_portalcheck_scenario_{_round}"] = scenario(FEATURE, SCENARIO)(lambda: None)
