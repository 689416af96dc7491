"""What every family's journey offers, and the parts that are the same in both families."""

from __future__ import annotations

from datetime import datetime

from playwright.sync_api import Response

from portalcheck.errors import MailTimeout
from portalcheck.journeys.forms import FormFiller, FormNotFound, Reply
from portalcheck.journeys.mailbox import Mailbox, shown
from portalcheck.pages.home import WELCOME
from portalcheck.pages.passwords import submit_explained
from portalcheck.pages.portal import Portal
from portalcheck.pages.recovery import Answer, answer_on, submit
from portalcheck.pages.sign_in import SignInPage
from portalcheck.pages.sign_up import RegistrationForm, registration_values
from portalcheck.residents import Resident
from portalcheck.test_data import UtilityAccount


class Journey:
    """A resident's way through one portal. Subclasses hold what differs by family."""

    # The text of the verification e-mail's link, as the family's guide prints it.
    LINK_TEXT = "Activate account"
    # The sign-in page's link to the registration form, and the form's button.
    SIGN_UP_LINK = "Sign up"
    SIGN_UP_BUTTON = "Sign up"

    def __init__(self, portal: Portal, mailbox: Mailbox):
        self.portal = portal
        self.page = portal.page
        self.profile = portal.profile
        self.mailbox = mailbox
        # What the portal answered when it accepted this resident's verification: the positive
        # control for a check that a second use is refused.
        self.accepted_verification: Answer | None = None
        # The password a reset set last, for checks that compare the old one with it.
        self.last_new_password: str | None = None
        # Preconditions go through the portal's forms over HTTP, in the browser's own context.
        self.forms = FormFiller(self.page, portal.url)

    # Signing up and verifying the address -----------------------------------------------------

    def sign_up(self, resident: Resident) -> None:
        """Submit the family's registration form; the portal says the e-mail is on its way."""
        raise NotImplementedError

    def open_sign_up(self) -> RegistrationForm:
        """The registration form: by the sign-in page's link, or at its own address (flows.registration)."""
        if self.profile.flows.registration == "url":
            self.portal.screen.go(self.profile.urls.sign_up)
        else:
            self.portal.sign_in.open().click(self.SIGN_UP_LINK)
        return self.sign_up_form()

    def sign_up_form(self) -> RegistrationForm:
        """The registration form the resident is on."""
        raise NotImplementedError

    def verify_address(self, resident: Resident, *, sender: str | None = None, since: datetime | None = None,
                       link_text: str | None = None, insist: bool = True) -> Answer:
        """Do what the verification e-mail asks (flows.verification): open its link, then press
        the confirming button or type the password again where the portal asks; or type its code.

        Returns the portal's answer. With `insist=False` (a check re-using a spent link or code),
        a page that no longer offers the button or the code form is the portal's answer too."""
        message = self.mailbox.verification(resident, sender, since, show=False)
        flow = self.profile.flows.verification
        if flow == "code":
            answered = self.portal.enter_code.open().verify(resident.email, self.mailbox.verification_code(message))
            return self._answered(answered, insist)
        text = link_text or self.LINK_TEXT
        shown(message, self.profile.says(text), f'Click "{self.profile.says(text)}" in the e-mail')
        link = self.mailbox.verification_link(message, text)
        response = self.page.goto(link)
        if insist and response is not None and response.status == 404:
            raise AssertionError(
                f'The "{self.profile.says(text)}" link in the e-mail "{message.subject}" goes to {link}, which '
                f"answers {response.status} {response.status_text}: the link is broken (fix the e-mail's link).")
        if flow in ("confirm-button", "password"):
            confirm = self.portal.confirm_email
            if not insist and not confirm.has_button("CONFIRM EMAIL"):
                return self._answered(response, insist)
            response = confirm.confirm(resident.password if flow == "password" else None)
        return self._answered(response, insist)

    def _answered(self, response: Response | None, insist: bool) -> Answer:
        answer = answer_on(self.page, response.status if response else 0)
        if insist and self.accepted_verification is None:
            self.accepted_verification = answer
        return answer

    def submit_sign_up(self, resident: Resident) -> Answer:
        """Fill in and submit the registration form; the portal's answer, whatever it is."""
        form = self.open_sign_up()
        form.enter(resident)
        return submit(form, self.SIGN_UP_BUTTON)

    def sign_up_explained(self, resident: Resident) -> tuple[bool, str]:
        """Sign up; (accepted, what a refusal said about the password, by its field or in an alert)."""
        form = self.open_sign_up()
        form.enter(resident)
        return submit_explained(form, ("Password *",), self.SIGN_UP_BUTTON)

    def sign_up_here(self, resident: Resident) -> None:
        """Fill in and submit the registration form the resident is on."""
        form = self.sign_up_form()
        form.enter(resident)
        form.press(self.SIGN_UP_BUTTON)

    def activate(self, resident: Resident) -> None:
        """Sign up and verify the address: afterwards the resident signs in with one sign-in."""
        self.sign_up(resident)
        self.verify_address(resident)

    # Signing in and out -----------------------------------------------------------------------

    def open_sign_in(self) -> SignInPage:
        return self.portal.sign_in.open()

    def sign_in(self, email: str, password: str, *, remember: bool = False) -> None:
        self.open_sign_in().sign_in(email, password, remember=remember)

    def attempt_sign_in(self, email: str, password: str) -> tuple[bool, Answer]:
        """Sign in from a fresh sign-in page: (whether a session now exists, the portal's answer).

        Whether the resident got in is read from state (the home page's address), not from
        the page the form lands on."""
        form = self.open_sign_in()
        form.enter(email, password)
        answer = submit(form, "Sign in")
        return self.signed_in(), answer

    def signed_in(self) -> bool:
        return self.portal.home.opens_for_resident()

    def sign_in_as(self, resident: Resident) -> None:
        """A signed-in resident, from nothing: sign up, verify, sign in; checked by state."""
        self.activate(resident)
        self.sign_in(resident.email, resident.password)
        assert self.signed_in(), f"{resident.email} did not get a signed-in session after verifying"
        self.portal.home.expect_shown()

    def sign_out(self) -> None:
        """"Sign out" from wherever the resident is; every signed-in page offers it."""
        self.portal.home.sign_out()
        self.portal.sign_in.expect_shown()

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
        self.portal.home.open().expect_shown()

    def http_activate(self, resident: Resident) -> None:
        signed_up = self.http_sign_up(resident)
        try:
            reply = self.http_verify(resident)
        except MailTimeout as timeout:
            # The verdict is the e-mail's absence; the page the sign-up was answered with only explains it.
            if not self.forms.still_offers(signed_up, self._sign_up_values(resident), self.profile.says(self.SIGN_UP_BUTTON)):
                raise
            again = f" ({signed_up.heading})" if signed_up.heading else ""
            raise MailTimeout(f"{timeout} The portal had answered the sign-up with the registration form again at "
                              f"{signed_up.url}{again}: it may have refused it.", recipient=timeout.recipient,
                              awaited=timeout.awaited, arrived=timeout.arrived, subject=timeout.subject,
                              since=timeout.since) from None
        self.accepted_verification = Answer(status=reply.status, text=reply.html, heading=reply.heading)

    def _sign_up_values(self, resident: Resident) -> dict[str, str]:
        return {self.profile.says(label): value for label, value in registration_values(resident).items()}

    def http_sign_up(self, resident: Resident) -> Reply:
        """The registration form (flows.registration), filled in and submitted over HTTP."""
        says, forms = self.profile.says, self.forms
        if self.profile.flows.registration == "url":
            form = forms.get(self.profile.urls.sign_up)
        else:
            form = forms.get(forms.link(forms.get(self.profile.urls.sign_in), says(self.SIGN_UP_LINK)))
        return self._ok(forms.submit(form, self._sign_up_values(resident), says(self.SIGN_UP_BUTTON)), "signing up")

    def http_verify(self, resident: Resident) -> Reply:
        """What the verification e-mail asks, over HTTP (see verify_address)."""
        says, forms = self.profile.says, self.forms
        message = self.mailbox.verification(resident, show=False)
        flow = self.profile.flows.verification
        if flow == "code":
            page = forms.get(self.profile.urls.verify_code)
            return self._ok(forms.submit(page, {says("Email address"): resident.email,
                                                says("Enter Code"): self.mailbox.verification_code(message)},
                                         says("Verify")), "verifying the address")
        reply = forms.get(self.mailbox.verification_link(message, self.LINK_TEXT))
        if flow == "confirm-button":
            reply = forms.submit(reply, {}, says("CONFIRM EMAIL"))
        elif flow == "password":
            reply = forms.submit(reply, {says("Password"): resident.password}, says("CONFIRM EMAIL"))
        return self._ok(reply, "verifying the address")

    def http_sign_in(self, email: str, password: str) -> Reply:
        return self._ok(self._post_sign_in(self.forms.get(self.profile.urls.sign_in), email, password), "signing in")

    def http_sign_ins(self, email: str, password: str, times: int) -> bool:
        """Sign-ins posted over HTTP (a check's many failed attempts, which are not its subject):
        the form is fetched once and posted `times` times, as a resident pressing "Sign in" again
        would. Returns whether a session exists afterwards, read from the home page's address."""
        page = self.forms.get(self.profile.urls.sign_in)
        for _ in range(times):
            self._post_sign_in(page, email, password)
        return self.http_signed_in()

    def _post_sign_in(self, page: Reply, email: str, password: str) -> Reply:
        """The sign-in form on `page`, posted: at once, or in two steps (flows.sign_in)."""
        says, forms = self.profile.says, self.forms
        if self.profile.flows.sign_in == "two-step":
            second = forms.submit(page, {says("Email address"): email}, says("Next"))
            return forms.submit(second, {says("Password"): password}, says("Sign in"))
        return forms.submit(page, {says("Email address"): email, says("Password"): password}, says("Sign in"))

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

    # Recovery ---------------------------------------------------------------------------------

    def request_reset(self, email: str) -> Answer:
        return self.portal.forgot_password.open().request(email)

    def set_new_password(self, link: str, password: str) -> bool:
        """Follow a reset link and set `password`; False when the link led to no password form."""
        return self.portal.reset_password.follow(link).set_password(password)

    # Utility accounts -------------------------------------------------------------------------

    def proof(self, account: UtilityAccount) -> str:
        """What proves the account besides its number when linking it (the CID, a PIN, an amount)."""
        raise NotImplementedError

    def link_account(self, account: UtilityAccount) -> None:
        """Link the account with the numbers on its bill, and see it among the resident's accounts."""
        raise NotImplementedError

    def linked(self, account: UtilityAccount) -> bool:
        """Whether the account is among the resident's accounts, opened through the menus."""
        raise NotImplementedError

    def given_linked(self, account: UtilityAccount) -> None:
        """A linked account as a precondition: the family's link form over HTTP, or in the browser
        where it is not plain HTML. Either way the browser ends on the accounts list, showing it."""
        try:
            self.http_link(account)
        except FormNotFound:
            self.link_account(account)

    def http_link(self, account: UtilityAccount) -> None:
        """link_account over HTTP, where the family's forms allow it."""
        raise FormNotFound(f"{self.profile.family} portals link accounts in the browser")


def journey_for(portal: Portal, mailbox: Mailbox) -> Journey:
    """The journey of the profile's portal family."""
    from portalcheck.journeys.citizen_access import CitizenAccessJourney
    from portalcheck.journeys.community_access import CommunityAccessJourney

    family: dict[str, type[Journey]] = {"community-access": CommunityAccessJourney,
                                        "citizen-access": CitizenAccessJourney}
    return family[portal.profile.family](portal, mailbox)
