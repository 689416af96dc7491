"""Checks axe cannot make: every control reachable with Tab and no keyboard trap (WCAG 2.1.1,
2.1.2), a visible focus indicator (2.4.7), errors announced and tied to their field (3.3.1,
4.1.3), and content that reflows at 320 CSS pixels without sideways scrolling (1.4.10).

Reading the page (pressing Tab, asking the browser what has the focus) is kept apart from the
verdict: `walk_with_tab`, `errors_of` and `width_of` observe, and each observation's `require_*`
decides, failing through `require()` with the WCAG criterion named first. Page objects
(`portalcheck.pages.screen.Screen`) use the same focus script to tab to a control.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page

from portalcheck.requirements import require

# A control as a screen reader would roughly announce it: its kind and its label. The one
# script that names the focus, for the Tab walk and for page objects tabbing to a control.
NAME = """el => {
  const label = (el.labels && el.labels[0] && el.labels[0].textContent)
    || el.getAttribute('aria-label') || el.textContent || el.value || el.name || el.id || '';
  const kind = el.tagName === 'A' ? 'link' : el.tagName === 'INPUT' ? (el.type === 'checkbox' ? 'checkbox' : 'field')
    : el.tagName.toLowerCase();
  return `${kind} "${label.replace(/\\s+/g, ' ').trim()}"`;
}"""
# How a control looks, to compare its look with and without the focus.
LOOK = """el => {
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
    ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none';
  return [outline, s.boxShadow, s.borderColor, s.borderWidth, s.backgroundColor, s.color,
          s.textDecorationLine].join('|');
}"""
# Marks the page's tabbable controls (a JS property, not an attribute: a strict CSP allows it),
# and records each one's look while unfocused, to compare with its look when focused.
MARK = """() => {
  const name = NAME, look = LOOK;
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const controls = [...document.querySelectorAll(sel)]
    .filter(el => el.tabIndex >= 0 && !el.disabled && shown(el));
  if (document.activeElement) document.activeElement.blur();
  controls.forEach((el, i) => { el.__portalcheckIndex = i; el.__portalcheckLook = look(el); });
  return controls.map(name);
}""".replace("NAME", NAME).replace("LOOK", LOOK)
# What has the focus now: its name, its index among the marked controls (-1: nothing, -2: not
# marked), and whether it looks different from when it was unfocused.
FOCUSED = """() => {
  const name = NAME, look = LOOK;
  const el = document.activeElement;
  if (!el || el === document.body) return {index: -1, name: 'the page itself', changed: false};
  const index = el.__portalcheckIndex === undefined ? -2 : el.__portalcheckIndex;
  return {index, name: name(el), changed: index >= 0 && look(el) !== el.__portalcheckLook};
}""".replace("NAME", NAME).replace("LOOK", LOOK)
HAS_FOCUS = "el => el === document.activeElement"


def focused_name(page: Page) -> str:
    """What has the keyboard focus, named as a resident would read it ('field "Email"')."""
    return str(page.evaluate(FOCUSED)["name"])


def has_focus(target: Locator) -> bool:
    return bool(target.evaluate(HAS_FOCUS))


@dataclass(frozen=True)
class TabWalk:
    """What pressing Tab around the page showed."""

    url: str
    controls: tuple[str, ...]  # every tabbable control, in page order
    order: tuple[str, ...]  # the controls in the order Tab reached them
    unreached: tuple[str, ...]
    stuck_on: str | None  # where focus stayed while Tab was pressed again and again
    no_visible_focus: tuple[str, ...]

    def require_reachable(self) -> TabWalk:
        """Every control is reached by Tab, and Tab always moves on (no keyboard trap)."""
        require(not self.stuck_on, "WCAG 2.1.2",
                f"Keyboard trap on {self.url}: pressing Tab keeps the focus on {self.stuck_on}; "
                f"never reached: {', '.join(self.unreached)}.")
        require(not self.unreached, "WCAG 2.1.1",
                f"Not reachable with the keyboard on {self.url}: {', '.join(self.unreached)}; "
                f"Tab goes only to {', '.join(self.order) or 'nothing'} (a keyboard trap, WCAG 2.1.2, "
                "if focus cycles without them).")
        return self

    def require_visible_focus(self) -> None:
        """Each control, every one reached, looks different when it has the keyboard focus."""
        self.require_reachable()
        require(not self.no_visible_focus, "WCAG 2.4.7",
                f"No visible focus on {self.url}: {', '.join(self.no_visible_focus)} look the same "
                "with and without the keyboard focus.")


def walk_with_tab(page: Page) -> TabWalk:
    """Press Tab around the whole page (twice its controls), noting each focus and its look."""
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
    return TabWalk(page.url, tuple(controls), tuple(controls[i] for i in order), unreached, stuck, tuple(invisible))


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


@dataclass(frozen=True)
class FormErrors:
    """How a form's errors reach a resident: announced or not, and what each field in error says."""

    url: str
    announced: bool
    problems: tuple[str, ...]  # a field not marked invalid, or not tied to its error text

    def require_announced_and_tied(self) -> None:
        """The errors are announced (an alert or live region) and each field in error is marked
        aria-invalid and described by visible error text."""
        problems = (() if self.announced else
                    ("the errors are not announced: no role=alert or aria-live region shows them",)) + self.problems
        require(not problems, "WCAG 3.3.1, 1.3.1, 4.1.3", f"Form errors on {self.url}: " + "; ".join(problems) + ".")


def errors_of(page: Page, fields: dict[str, Locator]) -> FormErrors:
    problems: list[str] = []
    for label, field in fields.items():
        found = field.evaluate(ERRORS)
        if not found["invalid"]:
            problems.append(f'the field "{label}" is not marked aria-invalid="true"')
        if not found["described"] or found["missing"] or not found["text"]:
            problems.append(f'the field "{label}" is not tied to its error: aria-describedby '
                            + ("is missing" if not found["described"]
                               else f"points to no visible error text ({', '.join(found['missing']) or 'empty'})"))
    return FormErrors(page.url, bool(page.evaluate(ANNOUNCED)), tuple(problems))


OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 3)};
}"""


@dataclass(frozen=True)
class PageWidth:
    """How wide the page's content is, against its window."""

    url: str
    content: int
    window: int
    sticking_out: tuple[str, ...]

    def require_fits(self) -> None:
        """The page fits its window's width: no scrolling sideways (at 320 CSS px)."""
        require(self.content <= self.window, "WCAG 1.4.10",
                f"{self.url} scrolls sideways at {self.window} CSS pixels wide: its content is "
                f"{self.content} px wide ({', '.join(self.sticking_out) or 'unknown element'} stick out).")


def width_of(page: Page) -> PageWidth:
    found = page.evaluate(OVERFLOW)
    return PageWidth(page.url, found["scroll"], found["client"], tuple(found["wide"]))


# The checks in one call each, on a page as it is.

def check_keyboard_reach(page: Page) -> TabWalk:
    return walk_with_tab(page).require_reachable()


def check_visible_focus(page: Page) -> None:
    walk_with_tab(page).require_visible_focus()


def check_errors_tied(page: Page, fields: dict[str, Locator]) -> None:
    errors_of(page, fields).require_announced_and_tied()


def check_reflow(page: Page) -> None:
    width_of(page).require_fits()
