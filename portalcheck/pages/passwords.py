"""Password fields as the password-policy checks see them: masking, paste, and what they say."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator

from portalcheck.pages.screen import Screen

# Dispatches a cancelable paste; a page that blocks paste cancels it (returns false).
PASTE_ALLOWED = """el => {
  const data = new DataTransfer();
  data.setData('text/plain', 'pasted from a password manager');
  const event = new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true});
  return el.dispatchEvent(event);
}"""

# The text of every element the field's aria-describedby names: its help and its errors.
DESCRIPTION = """el => ((el.getAttribute('aria-describedby') || '') + ' ' + (el.getAttribute('aria-errormessage') || ''))
  .split(/\\s+/).filter(Boolean)
  .map(id => (document.getElementById(id) || {}).textContent || '').join(' ')"""
LABELS = "el => Array.from(el.labels || []).map(l => l.textContent).join(' ')"

HINT_WORDS = ("password hint", "security question", "secret question", "maiden name")


def description(field: Locator) -> str:
    return " ".join(field.evaluate(DESCRIPTION).split())


@dataclass(frozen=True)
class PasswordField:
    """A field a resident types a password into, as a password manager meets it."""

    label: str
    type: str
    accepts_paste: bool
    autocomplete: str


class PasswordFields(Screen):
    """Any page with password fields: sign-in, sign-up, "Forgot password?", password change."""

    def listed(self) -> list[PasswordField]:
        """Every field a resident types a password into, whatever its type, found by its label."""
        found = []
        for field in self.page.locator("input:not([type=hidden])").all():
            label = " ".join((field.evaluate(LABELS) or "").split())
            if "password" in label.lower():
                found.append(PasswordField(label, field.get_attribute("type") or "text",
                                           bool(field.evaluate(PASTE_ALLOWED)), field.get_attribute("autocomplete") or ""))
        return found

    def hint_wording(self) -> str | None:
        """The first hint or security-question wording on the page, if any."""
        text = self.page.locator("body").inner_text().lower()
        return next((w for w in HINT_WORDS if w in text), None)


class ChangePasswordPage(Screen):
    """A signed-in resident's "Change password" page."""

    def open(self) -> ChangePasswordPage:
        self.go(self.profile.urls.password_change)
        self.expect_field("Current password")
        return self

    def change(self, current: str, new: str) -> tuple[bool, str]:
        """(accepted, what a refusal said about the new password)."""
        self.fill("Current password", current)
        self.fill("New password", new)
        self.fill("Confirm new password", new)
        return submit_explained(self, ("New password", "Confirm new password"), "Change password")


def submit_explained(screen: Screen, labels: tuple[str, ...], button: str) -> tuple[bool, str]:
    """Submit a form; (accepted, what the refusal added to the descriptions of the `labels` fields).

    "Accepted" means the portal moved on: the first field is no longer there. The explanation is
    each field's description after the refusal minus the help text it had before, so help text
    that is always shown does not count as saying why.
    """
    before = [description(screen.field(label)) for label in labels]
    screen.press_and_wait(button)
    if not screen.has_field(labels[0]):
        return True, ""
    added = [without(description(screen.field(label)), old) for label, old in zip(labels, before, strict=True)]
    # A refusal may be announced by the field (aria-describedby / aria-errormessage) or in an
    # alert for the whole form: both are what a resident, or their screen reader, is told.
    alerts = [" ".join(a.inner_text().split()) for a in screen.page.get_by_role("alert").all()]
    return False, " ".join(" ".join(added + alerts).split())


def without(text: str, part: str) -> str:
    return text.replace(part, " ") if part else text
