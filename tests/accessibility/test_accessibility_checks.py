"""Each accessibility check fails on a small page that breaks it, and a clean page passes them all.

The pages are real HTML in the real Chromium the suite drives; nothing is mocked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from portalcheck.accessibility.axe import criteria, run_axe, screenshot
from portalcheck.accessibility.keyboard import (
    check_errors_tied,
    check_keyboard_reach,
    check_reflow,
    check_visible_focus,
)
from portalcheck.accessibility.pages_seen import PagesSeen, generic_path, page_state
from portalcheck.pages.screen import Screen
from portalcheck.profile import load_profile
from portalcheck.requirements import RequirementViolated

pytestmark = pytest.mark.browser

HEAD = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign up</title>{style}</head>'
CLEAN = HEAD.format(style="<style>body { font: 16px sans-serif; color: #111; background: #fff }</style>") + """
<body><main><h1>Create an account</h1>
<div role="alert"><p>Please correct the errors below.</p></div>
<form>
  <label for="email">Email *</label>
  <p id="email-error">Enter an e-mail address like name@example.gov.</p>
  <input id="email" name="email" type="email" aria-invalid="true" aria-describedby="email-error">
  <label for="password">Password *</label>
  <input id="password" name="password" type="password">
  <button type="submit">Sign up</button>
</form>
<p><a href="#help">Help</a></p></main></body></html>"""


def page_with(page: Page, html: str) -> Page:
    page.set_content(html)
    return page


def test_a_clean_page_passes_every_check(page: Page) -> None:
    page_with(page, CLEAN)
    assert run_axe(page) == []
    walk = check_keyboard_reach(page)
    assert walk.order == ('field "Email *"', 'field "Password *"', 'button "Sign up"', 'link "Help"')
    check_visible_focus(page)
    check_errors_tied(page, {"Email *": page.get_by_label("Email *")})
    page.set_viewport_size({"width": 320, "height": 640})
    check_reflow(page)


def test_a_missing_label_is_a_violation_of_wcag_4_1_2(page: Page, tmp_path: Path) -> None:
    page_with(page, CLEAN.replace('<label for="password">Password *</label>', ""))
    [violation] = run_axe(page)
    assert violation.rule == "label" and "4.1.2" in violation.wcag
    assert violation.impact == "critical" and violation.targets == ("#password",)
    assert "#password" in violation.describe() and "WCAG 4.1.2" in violation.describe()
    shot = screenshot(page, violation, tmp_path / "label.png")
    assert shot is not None and shot.stat().st_size > 0
    # The outline is taken off again: the page is left as the resident had it.
    assert page.locator("#password").evaluate("el => el.style.outline") == ""


def test_low_contrast_text_is_a_violation_of_wcag_1_4_3(page: Page) -> None:
    page_with(page, CLEAN.replace('<p><a href="#help">', '<p style="color: #bbb"><a href="#help">'
                                  ).replace("<h1>", '<h1 style="color: #c8c8c8">'))
    [violation] = run_axe(page)
    assert violation.rule == "color-contrast" and violation.wcag == ("1.4.3",)
    assert violation.targets == ("h1",) and violation.impact == "serious"


def test_a_keyboard_trap_fails_naming_the_control_that_holds_the_focus(page: Page) -> None:
    page_with(page, CLEAN.replace("</body>", """<script>
      document.getElementById('email').addEventListener('keydown', e => { if (e.key === 'Tab') e.preventDefault(); });
    </script></body>"""))
    with pytest.raises(RequirementViolated, match=r'Keyboard trap .*keeps the focus on field "Email \*"; '
                                                 r'never reached: field "Password \*", button "Sign up", link "Help"') as failure:
        check_keyboard_reach(page)
    assert failure.value.requirement == "WCAG 2.1.2"


def test_a_page_object_tabbing_to_a_control_names_the_focus_as_the_check_does(page: Page) -> None:
    """One script names the focus: a resident's Tab that never reaches the field is told in the
    words of the keyboard check ('field "Email *"'), from the same trap."""
    page_with(page, CLEAN.replace("</body>", """<script>
      document.getElementById('email').addEventListener('keydown', e => { if (e.key === 'Tab') e.preventDefault(); });
    </script></body>"""))
    with pytest.raises(AssertionError, match=r'The field "Password \*" never gets the keyboard focus .*'
                                             r'focus went to: field "Email \*", field "Email \*"'):
        Screen(page, load_profile("reference")).tab_to(page.get_by_label("Password *"), 'The field "Password *"')


def test_a_control_tab_cannot_reach_fails_naming_it(page: Page) -> None:
    page_with(page, CLEAN.replace('<button type="submit">', '<button type="submit" tabindex="0">')
              .replace("</body>", """<script>
      document.querySelector('button').addEventListener('focus', () => document.getElementById('email').focus());
    </script></body>"""))
    with pytest.raises(AssertionError, match=r'Not reachable with the keyboard .*button "Sign up"'):
        check_keyboard_reach(page)


def test_a_control_without_visible_focus_fails_naming_it(page: Page) -> None:
    page_with(page, CLEAN.replace("</style>", " a:focus { outline: none } </style>"))
    with pytest.raises(AssertionError, match=r'No visible focus .*: link "Help" look the same'):
        check_visible_focus(page)


def test_an_error_not_tied_to_its_field_fails_naming_the_field(page: Page) -> None:
    page_with(page, CLEAN.replace(' aria-describedby="email-error"', ""))
    with pytest.raises(AssertionError, match=r'the field "Email \*" is not tied to its error: '
                                             r"aria-describedby is missing"):
        check_errors_tied(page, {"Email *": page.get_by_label("Email *")})


def test_an_error_pointing_at_nothing_and_a_field_not_marked_invalid_fail(page: Page) -> None:
    page_with(page, CLEAN.replace('aria-invalid="true" aria-describedby="email-error"',
                                  'aria-describedby="gone"'))
    with pytest.raises(AssertionError) as failure:
        check_errors_tied(page, {"Email *": page.get_by_label("Email *")})
    assert 'the field "Email *" is not marked aria-invalid="true"' in str(failure.value)
    assert "points to no visible error text (gone)" in str(failure.value)


def test_errors_not_announced_fail(page: Page) -> None:
    page_with(page, CLEAN.replace('role="alert"', ""))
    with pytest.raises(AssertionError, match="the errors are not announced"):
        check_errors_tied(page, {"Email *": page.get_by_label("Email *")})


def test_a_page_that_scrolls_sideways_at_320_pixels_fails(page: Page) -> None:
    page_with(page, CLEAN.replace("<form>", '<form id="wide-form" style="width: 600px">'))
    page.set_viewport_size({"width": 320, "height": 640})
    with pytest.raises(AssertionError, match=r"WCAG 1\.4\.10: .*scrolls sideways at 320 CSS pixels wide.*form#wide-form"):
        check_reflow(page)


def test_each_page_state_is_checked_once(page: Page) -> None:
    seen = PagesSeen()
    page_with(page, CLEAN)
    errors = page_state(page)
    assert errors.alert and errors.invalid == ("email",) and errors.heading == "Create an account"
    assert seen.first_time(errors) and not seen.first_time(page_state(page))
    page_with(page, CLEAN.replace('<div role="alert">', "<div>").replace(' aria-invalid="true"', ""))
    assert seen.first_time(page_state(page)), "the form without errors is another state"


def test_workers_of_one_run_check_each_state_once_between_them(page: Page, tmp_path) -> None:
    page_with(page, CLEAN)
    state = page_state(page)
    first, second, other_run = PagesSeen(tmp_path / "run"), PagesSeen(tmp_path / "run"), PagesSeen(tmp_path / "other")
    assert first.first_time(state)
    assert not second.first_time(state), "another worker of the same run checked it already"
    assert other_run.first_time(state), "a run of its own checks it again"


def test_paths_are_made_generic_and_criteria_read_from_tags() -> None:
    assert generic_path("http://x/utility-billing/accounts/1042/bills/B-77/?a=1") == \
        "/utility-billing/accounts/{n}/bills/{id}/"
    assert generic_path("http://x/activate/MQ/c3k9-f2a1/") == "/activate/{id}/{id}/"
    assert generic_path("http://x/sign-up/sent/") == "/sign-up/sent/"
    assert criteria(["cat.forms", "wcag2a", "wcag412", "wcag1410", "wcag21aa"]) == ("4.1.2", "1.4.10")
