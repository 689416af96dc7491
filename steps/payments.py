"""Steps about paying bills in "Manage Bills": the cart, the checkout, the processor's page, the
confirmation, the receipt, and what the Account Summary shows afterwards (flows.md A8)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from playwright.sync_api import Page
from pytest_bdd import given, parsers, then, when

from journeys import Journey
from journeys.payments import Address, BillPayer, Standing
from pages.account_summary import money
from pages.payments import ADDRESS, DETAILS, REVIEW, CheckoutPage, PaymentConfirmationPage
from portalcheck.mail import Inbox, Message
from portalcheck.profile import DOCUMENTED_STEPS, Profile
from portalcheck.residents import Resident
from portalcheck.test_data import Bill, PaymentCard, TestData, UtilityAccount

PART = Decimal("5.00")


@dataclass
class Paying:
    """What the scenario's resident is paying: each bill with its account, the amounts, the card."""

    bills: list[tuple[UtilityAccount, Bill]] = field(default_factory=list)
    amounts: dict[str, Decimal] = field(default_factory=dict)
    card: PaymentCard | None = None
    since: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    reference: str = ""

    def total(self) -> Decimal:
        return sum(self.amounts.values(), Decimal("0.00"))


@pytest.fixture
def paying() -> Paying:
    return Paying()


@pytest.fixture
def payer(journey: Journey) -> BillPayer:
    return BillPayer(journey)


def open_bill(account: UtilityAccount) -> Bill:
    bill = next((b for b in account.bills if b.sum_of_payments < b.amount), None)
    assert bill is not None, f"The test data's account {account.account_number} has a balance but no open bill."
    return bill


def owing(bill: Bill) -> Decimal:
    return bill.amount - bill.sum_of_payments


def address_of(account: UtilityAccount) -> Address:
    return Address(street=account.service_address.title())


@given(parsers.re(r"the resident has a test card the payment processor (?P<outcome>approves|declines)$"),
       target_fixture="card")
def test_card(test_data: TestData, outcome: str, paying: Paying) -> PaymentCard:
    card = test_data.payment_card("approved" if outcome == "approves" else "declined")
    paying.card = paying.card or card
    return card


@given(parsers.parse("the resident has linked {count:d} accounts with a balance due"), target_fixture="accounts")
def linked_accounts(journey: Journey, test_data: TestData, count: int) -> list[UtilityAccount]:
    accounts = [test_data.take_account(balance_due=True) for _ in range(count)]
    for account in accounts:
        journey.link_account(account)
    return accounts


@when('the resident selects the account\'s open bill on "Manage Bills" and clicks "Add to Cart"')
def add_open_bill(payer: BillPayer, account: UtilityAccount, paying: Paying) -> None:
    bill = open_bill(account)
    payer.add_to_cart(account, bill)
    paying.bills.append((account, bill))


@when('the resident selects each account\'s open bill on "Manage Bills" and clicks "Add to Cart"')
def add_each_open_bill(payer: BillPayer, accounts: list[UtilityAccount], paying: Paying) -> None:
    for account in accounts:
        add_open_bill(payer, account, paying)


@then("the cart lists the bill")
def cart_lists(payer: BillPayer, paying: Paying) -> None:
    cart = payer.open_cart()
    for _, bill in paying.bills:
        cart.expect_bill(bill)


@then("the cart is empty")
def cart_empty(payer: BillPayer, paying: Paying) -> None:
    cart = payer.open_cart()
    for _, bill in paying.bills:
        cart.expect_empty_of(bill)


@when('the resident clicks "Checkout" in the cart')
def checkout(payer: BillPayer) -> None:
    payer.checkout()


@then(parsers.parse('the page shows the step "{documented}"'))
def shows_step(page: Page, portal_profile: Profile, documented: str) -> None:
    CheckoutPage(page, portal_profile).expect_step(DOCUMENTED_STEPS.index(documented))


@when(parsers.re(r"the resident continues with (?P<how>the balance|\$5\.00 of the balance) of each bill$"))
def amounts(payer: BillPayer, paying: Paying, how: str) -> None:
    paying.amounts = {bill.number: owing(bill) if how == "the balance" else PART for _, bill in paying.bills}
    payer.amounts({bill: paying.amounts[bill.number] for _, bill in paying.bills})


@when(parsers.re(r'the resident chooses "Credit or debit card" and enters the (?P<which>card|declined card) '
                 r"on the payment processor's page$"))
def card_details(payer: BillPayer, paying: Paying, resident: Resident, card: PaymentCard, which: str) -> None:
    chosen = card if which == "declined card" else paying.card
    payer.details(card=chosen, holder=f"{resident.first_name} {resident.last_name}")
    paying.card = chosen


@when("the resident enters the billing address")
def billing_address(payer: BillPayer, paying: Paying) -> None:
    payer.address(address_of(paying.bills[0][0]))


@then("the page shows the review with the amount and the card by its last four digits")
def review(page: Page, portal_profile: Profile, paying: Paying) -> None:
    CheckoutPage(page, portal_profile).expect_review(paying.total(), paying.card.last_four)


@when(parsers.re(r"the resident pays (?P<how>the balance|\$5\.00 of the balance) of each bill with the "
                 r"(?P<which>card|declined card)$"))
def pay(payer: BillPayer, paying: Paying, resident: Resident, card: PaymentCard, how: str, which: str) -> None:
    payer.checkout()
    amounts(payer, paying, how)
    card_details(payer, paying, resident, card, which)
    billing_address(payer, paying)
    submit(page=payer.page, portal_profile=payer.profile, paying=paying)


@when('the resident clicks "Submit" on the review')
def submit(page: Page, portal_profile: Profile, paying: Paying) -> None:
    paying.since = datetime.now(timezone.utc)
    CheckoutPage(page, portal_profile).submit()


@when(parsers.parse('the resident clicks "Change" beside "{section}" on the review'))
def change(page: Page, portal_profile: Profile, section: str) -> None:
    CheckoutPage(page, portal_profile).change(section)


@when("the resident enters the approved card on the payment processor's page")
def approved_again(payer: BillPayer, paying: Paying, resident: Resident, test_data: TestData) -> None:
    """From "Change" beside "Payment details": step 2 again, the processor, then on to the review."""
    paying.card = test_data.payment_card("approved")
    payer.details(card=paying.card, holder=f"{resident.first_name} {resident.last_name}")
    step = CheckoutPage(payer.page, payer.profile)
    if step.step(ADDRESS).count():
        billing_address(payer, paying)
    step.expect_step(REVIEW)


@when("the resident changes the amount to $5.00 of the balance of each bill")
def change_amount(payer: BillPayer, paying: Paying) -> None:
    amounts(payer, paying, "$5.00 of the balance")
    CheckoutPage(payer.page, payer.profile).expect_step(REVIEW)


@then("the payment is refused as declined, and nothing is charged")
def declined(page: Page, portal_profile: Profile, payer: BillPayer, paying: Paying) -> None:
    CheckoutPage(page, portal_profile).refusal()
    for account, bill in paying.bills:
        expect_standing(payer.standing(account, bill), account, bill, paid_now=Decimal("0.00"))


@then("the confirmation shows a payment reference")
def confirmation(page: Page, portal_profile: Profile, paying: Paying) -> None:
    paying.reference = PaymentConfirmationPage(page, portal_profile).expect_shown().reference()


def expect_standing(standing: Standing, account: UtilityAccount, bill: Bill, *, paid_now: Decimal) -> None:
    assert standing.paid == bill.sum_of_payments + paid_now, (
        f'"About Your Payments" of account {account.account_number} shows {money(standing.paid)} paid on bill '
        f"{bill.number}; expected {money(bill.sum_of_payments + paid_now)} ({money(paid_now)} paid now).")
    assert standing.due_now == account.balance - paid_now, (
        f'"Amount Due Now" of account {account.account_number} is {money(standing.due_now)}; expected '
        f"{money(account.balance - paid_now)} ({money(account.balance)} less the {money(paid_now)} paid now).")


@then('the Account Summary lists the payment under "About Your Payments", and "Amount Due Now" is lower by it')
def recorded(payer: BillPayer, paying: Paying) -> None:
    for account, bill in paying.bills:
        expect_standing(payer.standing(account, bill), account, bill, paid_now=paying.amounts[bill.number])


@then("a receipt e-mail arrives with the payment reference and the card by its last four digits only",
      target_fixture="email")
def receipt(inbox: Inbox, portal_profile: Profile, resident: Resident, paying: Paying) -> Message:
    message = inbox.wait_for(resident.email, timeout=portal_profile.email.timeout_seconds, since=paying.since)
    assert paying.reference in message.text, f'The receipt "{message.subject}" does not show the payment reference.'
    assert paying.card.last_four in message.text, f'The receipt "{message.subject}" does not show the last four digits.'
    for part in (message.text, message.html, message.subject):
        assert paying.card.number not in part, f'The receipt "{message.subject}" shows the whole card number.'
    return message
