"""Checks axe cannot make: every control reachable with Tab and no keyboard trap (WCAG 2.1.1,
2.1.2), a visible focus indicator (2.4.7), errors announced and tied to their field (3.3.1,
4.1.3), and content that reflows at 320 CSS pixels without sideways scrolling (1.4.10).

Each check drives the page with the keyboard only and raises AssertionError naming the
control or field at fault.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page

# Marks the page's tabbable controls (a JS property, not an attribute: a strict CSP allows it),
# and records each one's look while unfocused, to compare with its look when focused.
MARK = """() => {
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const controls = [...document.querySelectorAll(sel)]
    .filter(el => el.tabIndex >= 0 && !el.disabled && shown(el));
  if (document.activeElement) document.activeElement.blur();
  window.__portalcheckControls = controls;
  controls.forEach((el, i) => { el.__portalcheckIndex = i; el.__portalcheckLook = window.__portalcheckLook(el); });
  return controls.map(window.__portalcheckName);
}"""
HELPERS = """() => {
  window.__portalcheckName = el => {
    const label = (el.labels && el.labels[0] && el.labels[0].textContent)
      || el.getAttribute('aria-label') || el.textContent || el.value || el.name || el.id || '';
    const kind = el.tagName === 'A' ? 'link' : el.tagName === 'INPUT' ? (el.type === 'checkbox' ? 'checkbox' : 'field')
      : el.tagName.toLowerCase();
    return `${kind} "${label.replace(/\\s+/g, ' ').trim()}"`;
  };
  window.__portalcheckLook = el => {
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
      ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none';
    return [outline, s.boxShadow, s.borderColor, s.borderWidth, s.backgroundColor, s.color,
            s.textDecorationLine].join('|');
  };
}"""
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {index: -1, name: 'the page itself', changed: false};
  const index = el.__portalcheckIndex === undefined ? -2 : el.__portalcheckIndex;
  return {index, name: window.__portalcheckName(el),
          changed: index >= 0 && window.__portalcheckLook(el) !== el.__portalcheckLook};
}"""


@dataclass(frozen=True)
class TabWalk:
    """What pressing Tab around the page showed."""

    controls: tuple[str, ...]  # every tabbable control, in page order
    order: tuple[str, ...]  # the controls in the order Tab reached them
    unreached: tuple[str, ...]
    stuck_on: str | None  # where focus stayed while Tab was pressed again and again
    no_visible_focus: tuple[str, ...]


def walk_with_tab(page: Page) -> TabWalk:
    """Press Tab around the whole page (twice its controls), noting each focus and its look."""
    page.evaluate(HELPERS)
    controls = page.evaluate(MARK)
    order: list[int] = []
    invisible: list[str] = []
    trail: list[str] = []
    for _ in range(2 * len(controls) + 4):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        trail.append(focused["name"])
        if focused["index"] >= 0 and focused["index"] not in order:
            order.append(focused["index"])
            if not focused["changed"]:
                invisible.append(focused["name"])
    unreached = tuple(name for i, name in enumerate(controls) if i not in order)
    stuck = trail[-1] if unreached and len(set(trail[-4:])) == 1 else None
    return TabWalk(tuple(controls), tuple(controls[i] for i in order), unreached, stuck, tuple(invisible))


def check_keyboard_reach(page: Page) -> TabWalk:
    """Every control is reached by Tab, and Tab always moves on (no keyboard trap)."""
    walk = walk_with_tab(page)
    if walk.stuck_on:
        raise AssertionError(
            f"Keyboard trap on {page.url}: pressing Tab keeps the focus on {walk.stuck_on}; "
            f"never reached: {', '.join(walk.unreached)} (WCAG 2.1.2).")
    if walk.unreached:
        raise AssertionError(
            f"Not reachable with the keyboard on {page.url}: {', '.join(walk.unreached)}; "
            f"Tab goes only to {', '.join(walk.order) or 'nothing'} (WCAG 2.1.1, a keyboard trap "
            "if focus cycles without them: 2.1.2).")
    return walk


def check_visible_focus(page: Page) -> None:
    """Each control looks different when it has the keyboard focus."""
    walk = check_keyboard_reach(page)
    if walk.no_visible_focus:
        raise AssertionError(
            f"No visible focus on {page.url}: {', '.join(walk.no_visible_focus)} look the same "
            "with and without the keyboard focus (WCAG 2.4.7).")


ERRORS = """field => {
  const shown = el => el && el.getClientRects().length > 0 && el.textContent.trim() !== '';
  const ids = (field.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
  return {invalid: field.getAttribute('aria-invalid') === 'true', described: ids.length > 0,
          missing: ids.filter(id => !document.getElementById(id)),
          text: ids.map(id => document.getElementById(id)).filter(shown)
                   .map(el => el.textContent.replace(/\\s+/g, ' ').trim())};
}"""
ANNOUNCED = """() => [...document.querySelectorAll('[role=alert], [aria-live=assertive], [aria-live=polite], [role=status]')]
  .some(el => el.getClientRects().length > 0 && el.textContent.trim() !== '')"""


def check_errors_tied(page: Page, fields: dict[str, Locator]) -> None:
    """The errors are announced (an alert or live region) and each field in error is marked
    aria-invalid and described by visible error text (WCAG 3.3.1, 1.3.1, 4.1.3)."""
    problems = [] if page.evaluate(ANNOUNCED) else [
        "the errors are not announced: no role=alert or aria-live region shows them"]
    for label, field in fields.items():
        found = field.evaluate(ERRORS)
        if not found["invalid"]:
            problems.append(f'the field "{label}" is not marked aria-invalid="true"')
        if not found["described"] or found["missing"] or not found["text"]:
            problems.append(f'the field "{label}" is not tied to its error: aria-describedby '
                            + ("is missing" if not found["described"]
                               else f"points to no visible error text ({', '.join(found['missing']) or 'empty'})"))
    if problems:
        raise AssertionError(f"Form errors on {page.url}: " + "; ".join(problems) + ".")


OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 3)};
}"""


def check_reflow(page: Page) -> None:
    """The page fits its window's width: no scrolling sideways (WCAG 1.4.10 at 320 CSS px)."""
    found = page.evaluate(OVERFLOW)
    if found["scroll"] > found["client"]:
        raise AssertionError(
            f"{page.url} scrolls sideways at {found['client']} CSS pixels wide: its content is "
            f"{found['scroll']} px wide ({', '.join(found['wide']) or 'unknown element'} stick out) "
            "(WCAG 1.4.10).")
