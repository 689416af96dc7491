"""What every family's journey offers, and the parts that are the same in both families."""

from __future__ import annotations

from datetime import datetime

from playwright.sync_api import Page

from portalcheck import evidence
from portalcheck.journeys.forms import FormFiller, FormNotFound, Reply
from portalcheck.journeys.mailbox import verification_code, verification_email, verification_link
from portalcheck.mail import Inbox
from portalcheck.pages.home import WELCOME, HomePage
from portalcheck.pages.recovery import Answer, ForgotPasswordPage, ResetPasswordPage, answer_on, attempt_sign_in, submit
from portalcheck.pages.screen import Screen
from portalcheck.pages.sign_in import SignInPage
from portalcheck.pages.sign_up import ConfirmEmailPage, EnterCodePage
from portalcheck.profile import Profile
from portalcheck.residents import Resident
from portalcheck.test_data import UtilityAccount


class Journey:
    """A resident's way through one portal. Subclasses hold what differs by family."""

    # The text of the verification e-mail's link, as the family's guide prints it.
    LINK_TEXT = "Activate account"
    # The registration form's button.
    SIGN_UP_BUTTON = "Sign up"

    def __init__(self, page: Page, profile: Profile, inbox: Inbox | None, portal_url: str = ""):
        self.page = page
        self.profile = profile
        self.inbox = inbox
        # What the portal answered when it accepted this resident's verification: the positive
        # control for a check that a second use is refused.
        self.accepted_verification: Answer | None = None
        # The password a reset set last, for checks that compare the old one with it.
        self.last_new_password: str | None = None
        # Preconditions go through the portal's forms over HTTP, in the browser's own context.
        self.forms = FormFiller(page, portal_url)

    def screen(self, kind: type[Screen] = Screen):
        return kind(self.page, self.profile)

    # Signing up and verifying the address -----------------------------------------------------

    def sign_up(self, resident: Resident) -> None:
        """Submit the family's registration form; the portal says the e-mail is on its way."""
        raise NotImplementedError

    def verify_address(self, resident: Resident, *, sender: str | None = None, since: datetime | None = None,
                       link_text: str | None = None, insist: bool = True) -> Answer:
        """Do what the verification e-mail asks (flows.verification): open its link, then press
        the confirming button or type the password again where the portal asks; or type its code.

        Returns the portal's answer. With `insist=False` (a check re-using a spent link or code),
        a page that no longer offers the button or the code form is the portal's answer too."""
        message = verification_email(self.inbox, self.profile, resident, sender, since, show=False)
        flow = self.profile.flows.verification
        if flow == "code":
            code_page = self.screen(EnterCodePage)
            with self.page.expect_navigation() as navigation:
                code_page.open().verify(resident.email, verification_code(message, self.profile))
            return self._answered(navigation.value, insist)
        text = link_text or self.LINK_TEXT
        if recorder := evidence.current():
            recorder.show_email(message.html, self.profile.says(text), f'Click "{self.profile.says(text)}" in the e-mail')
        link = verification_link(message, self.profile, text)
        response = self.page.goto(link)
        if insist and response is not None and response.status == 404:
            raise AssertionError(
                f'The "{self.profile.says(text)}" link in the e-mail "{message.subject}" goes to {link}, which '
                f"answers {response.status} {response.status_text}: the link is broken (fix the e-mail's link).")
        if flow in ("confirm-button", "password"):
            confirm = self.screen(ConfirmEmailPage)
            if not insist and not confirm.button("CONFIRM EMAIL").count():
                return self._answered(response, insist)
            with self.page.expect_navigation() as navigation:
                confirm.confirm(resident.password if flow == "password" else None)
            response = navigation.value
        return self._answered(response, insist)

    def _answered(self, response, insist: bool) -> Answer:
        answer = answer_on(self.page, response.status if response else 0)
        if insist and self.accepted_verification is None:
            self.accepted_verification = answer
        return answer

    def submit_sign_up(self, resident: Resident) -> Answer:
        """Fill in and submit the registration form; the portal's answer, whatever it is."""
        form = self.open_sign_up()
        form.enter(resident)
        return submit(form, self.SIGN_UP_BUTTON)

    def sign_up_here(self, resident: Resident) -> None:
        """Fill in and submit the registration form the resident is on."""
        form = self.sign_up_form()
        form.enter(resident)
        form.press(self.SIGN_UP_BUTTON)

    def open_sign_up(self) -> Screen:
        raise NotImplementedError

    def sign_up_form(self):
        raise NotImplementedError

    def activate(self, resident: Resident) -> None:
        """Sign up and verify the address: afterwards the resident signs in with one sign-in."""
        self.sign_up(resident)
        self.verify_address(resident)

    # Signing in and out -----------------------------------------------------------------------

    def open_sign_in(self) -> SignInPage:
        return self.screen(SignInPage).open()

    def sign_in(self, email: str, password: str, *, remember: bool = False) -> None:
        self.open_sign_in().sign_in(email, password, remember=remember)

    def attempt_sign_in(self, email: str, password: str) -> tuple[bool, Answer]:
        """Sign in from a fresh sign-in page: (whether a session now exists, the portal's answer).

        Whether the resident got in is read from state (the home page's address), not from
        the page the form lands on."""
        return attempt_sign_in(self.page, self.profile, email, password)

    def signed_in(self) -> bool:
        return self.screen(HomePage).opens_for_resident()

    def sign_in_as(self, resident: Resident) -> None:
        """A signed-in resident, from nothing: sign up, verify, sign in; checked by state."""
        self.activate(resident)
        self.sign_in(resident.email, resident.password)
        assert self.signed_in(), f"{resident.email} did not get a signed-in session after verifying"
        self.screen(HomePage).expect_shown()

    # Preconditions: the same forms, posted over HTTP in the browser context ------------------

    def given_activated(self, resident: Resident) -> None:
        """An activated account as a precondition: through the portal's forms over HTTP, or in
        the browser where they are not plain HTML."""
        try:
            self.http_activate(resident)
        except FormNotFound:
            self.activate(resident)

    def given_signed_in(self, resident: Resident) -> None:
        """A signed-in resident as a precondition; the welcome screen then shows in the browser."""
        try:
            self.http_activate(resident)
            self.http_sign_in(resident.email, resident.password)
        except FormNotFound:
            self.sign_in_as(resident)
            return
        self.page.goto(self.profile.urls.home)
        self.screen(HomePage).expect_shown()

    def http_activate(self, resident: Resident) -> None:
        self.http_sign_up(resident)
        reply = self.http_verify(resident)
        self.accepted_verification = Answer(status=reply.status, text=reply.html, heading=reply.heading)

    def http_sign_up(self, resident: Resident) -> Reply:
        raise FormNotFound("this family signs up in the browser")

    def http_verify(self, resident: Resident) -> Reply:
        """What the verification e-mail asks, over HTTP (see verify_address)."""
        says, forms = self.profile.says, self.forms
        message = verification_email(self.inbox, self.profile, resident, show=False)
        flow = self.profile.flows.verification
        if flow == "code":
            page = forms.get(self.profile.urls.verify_code)
            return self._ok(forms.submit(page, {says("Email address"): resident.email,
                                                says("Enter Code"): verification_code(message, self.profile)},
                                         says("Verify")), "verifying the address")
        reply = forms.get(verification_link(message, self.profile, self.LINK_TEXT))
        if flow == "confirm-button":
            reply = forms.submit(reply, {}, says("CONFIRM EMAIL"))
        elif flow == "password":
            reply = forms.submit(reply, {says("Password"): resident.password}, says("CONFIRM EMAIL"))
        return self._ok(reply, "verifying the address")

    def http_sign_in(self, email: str, password: str) -> Reply:
        says, forms = self.profile.says, self.forms
        reply = forms.get(self.profile.urls.sign_in)
        if self.profile.flows.sign_in == "two-step":
            reply = forms.submit(reply, {says("Email address"): email}, says("Next"))
            return self._ok(forms.submit(reply, {says("Password"): password}, says("Sign in")), "signing in")
        return self._ok(forms.submit(reply, {says("Email address"): email, says("Password"): password},
                                     says("Sign in")), "signing in")

    def http_sign_ins(self, email: str, password: str, times: int) -> bool:
        """Sign-ins posted over HTTP (a check's many failed attempts, which are not its subject):
        the form is fetched once and posted `times` times, as a resident pressing "Sign in" again
        would. Returns whether a session exists afterwards, read from the home page's address."""
        says, forms = self.profile.says, self.forms
        page = forms.get(self.profile.urls.sign_in)
        for _ in range(times):
            if self.profile.flows.sign_in == "two-step":
                second = forms.submit(page, {says("Email address"): email}, says("Next"))
                forms.submit(second, {says("Password"): password}, says("Sign in"))
            else:
                forms.submit(page, {says("Email address"): email, says("Password"): password}, says("Sign in"))
        return self.http_signed_in()

    def http_signed_in(self) -> bool:
        """Whether the browser context holds a session: the home page's address shows the welcome
        screen, or (the positive control) the sign-in form; anything else is an error."""
        home = self.forms.get(self.profile.urls.home)
        if home.heading == self.profile.says(WELCOME):
            return True
        assert home.has_field(self.profile.says("Email address")), (
            f"{home.url} shows neither the welcome screen nor the sign-in form")
        return False

    @staticmethod
    def _ok(reply: Reply, doing: str) -> Reply:
        assert reply.status < 400, f"the portal answered {reply.status} at {reply.url} while {doing}"
        return reply

    def sign_out(self) -> None:
        """"Sign out" from wherever the resident is; every signed-in page offers it."""
        self.screen(HomePage).sign_out()
        self.screen(SignInPage).expect_shown()

    # Recovery ---------------------------------------------------------------------------------

    def request_reset(self, email: str) -> Answer:
        return self.screen(ForgotPasswordPage).open().request(email)

    def set_new_password(self, link: str, password: str) -> bool:
        """Follow a reset link and set `password`; False when the link led to no password form."""
        return self.screen(ResetPasswordPage).follow(link).set_password(password)

    # Utility accounts -------------------------------------------------------------------------

    def link_account(self, account: UtilityAccount) -> None:
        """Link the account with the numbers on its bill, and see it among the resident's accounts."""
        raise NotImplementedError

    def linked(self, account: UtilityAccount) -> bool:
        """Whether the account is among the resident's accounts, opened through the menus."""
        raise NotImplementedError


def journey_for(page: Page, profile: Profile, inbox: Inbox | None, portal_url: str = "") -> Journey:
    """The journey of the profile's portal family."""
    from portalcheck.journeys.citizen_access import CitizenAccessJourney
    from portalcheck.journeys.community_access import CommunityAccessJourney

    family = {"community-access": CommunityAccessJourney, "citizen-access": CitizenAccessJourney}
    return family[profile.family](page, profile, inbox, portal_url)
