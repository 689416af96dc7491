"""The portal as one facade: steps and journeys ask it for the page object of the screen they
are on (`portal.sign_in`, `portal.account_summary`, ...) and never build page objects by hand.

Each attribute is a fresh page object on the scenario's browser tab and the portal's profile;
page objects hold no state of their own, so asking again is as good as keeping one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Generic, TypeVar, overload

from playwright.sync_api import Page

from portalcheck.pages.account_summary import (
    AccountSummaryPage,
    BillDetailPage,
    BillsPage,
    ConsumptionPage,
    DeliveryPreferencePage,
)
from portalcheck.pages.citizen_access import (
    AddressConfirmedPage,
    Dialog,
    LinkAccountsDialog,
    ModulePage,
    NewUserRegistrationPage,
)
from portalcheck.pages.eft import EftPage
from portalcheck.pages.hands import keyboard_only
from portalcheck.pages.home import HomePage
from portalcheck.pages.passwords import ChangePasswordPage, PasswordFields
from portalcheck.pages.payments import CartPage, CheckoutPage, ManageBillsPage, PaymentConfirmationPage, ProcessorPage
from portalcheck.pages.recovery import ForgotPasswordPage, ResetPasswordPage, UnlockAccountPage
from portalcheck.pages.screen import Screen
from portalcheck.pages.sign_in import SignInPage
from portalcheck.pages.sign_up import ConfirmEmailPage, EnterCodePage, SignUpPage
from portalcheck.pages.utility_billing import (
    AccountsPage,
    LinkAccountPage,
    UtilityBillingPage,
    UtilityBillingSearchPage,
)
from portalcheck.pages.window import BrowserWindow
from portalcheck.profile import Profile

S = TypeVar("S", bound=Screen)


class _Shows(Generic[S]):
    """A Portal attribute: the page object of kind S on the portal's tab."""

    def __init__(self, kind: type[S]):
        self.kind = kind

    @overload
    def __get__(self, portal: None, owner: type[Portal]) -> _Shows[S]: ...

    @overload
    def __get__(self, portal: Portal, owner: type[Portal]) -> S: ...

    def __get__(self, portal: Portal | None, owner: type[Portal]) -> S | _Shows[S]:
        return self if portal is None else self.kind(portal.page, portal.profile)


class Portal:
    """The portal under test in the resident's browser tab."""

    def __init__(self, page: Page, profile: Profile, url: str):
        self.page = page
        self.profile = profile
        self.url = url  # the portal's address, e.g. https://staging.portal.example.gov

    screen = _Shows(Screen)  # whatever page is showing
    # Signing up, in and out (flows A1-A4, B1-B7)
    sign_in = _Shows(SignInPage)
    sign_up = _Shows(SignUpPage)
    confirm_email = _Shows(ConfirmEmailPage)
    enter_code = _Shows(EnterCodePage)
    home = _Shows(HomePage)
    new_user_registration = _Shows(NewUserRegistrationPage)
    address_confirmed = _Shows(AddressConfirmedPage)
    dialog = _Shows(Dialog)
    # Passwords and recovery
    password_fields = _Shows(PasswordFields)
    change_password = _Shows(ChangePasswordPage)
    forgot_password = _Shows(ForgotPasswordPage)
    reset_password = _Shows(ResetPasswordPage)
    unlock = _Shows(UnlockAccountPage)
    # Utility Billing (A5-A8)
    utility_billing = _Shows(UtilityBillingPage)
    accounts = _Shows(AccountsPage)
    link_setup = _Shows(LinkAccountPage)
    search = _Shows(UtilityBillingSearchPage)
    account_summary = _Shows(AccountSummaryPage)
    consumption = _Shows(ConsumptionPage)
    bills = _Shows(BillsPage)
    bill_details = _Shows(BillDetailPage)
    delivery_preference = _Shows(DeliveryPreferencePage)
    eft = _Shows(EftPage)
    # Paying bills (A8)
    manage_bills = _Shows(ManageBillsPage)
    cart = _Shows(CartPage)
    checkout = _Shows(CheckoutPage)
    processor = _Shows(ProcessorPage)
    payment_confirmation = _Shows(PaymentConfirmationPage)
    # Citizen Access modules (B8-B9)
    link_accounts = _Shows(LinkAccountsDialog)
    module = _Shows(ModulePage)

    @property
    def window(self) -> BrowserWindow:
        """The browser around the pages: its width, back button, cookies and traffic."""
        return BrowserWindow(self.page, self.url)

    @contextlib.contextmanager
    def keyboard_only(self) -> Iterator[None]:
        """Within this block every page object is operated with the keyboard alone."""
        with keyboard_only(self.page):
            yield
