"""Steps about paying bills in "Manage Bills": the cart, the checkout, the processor's page, the
confirmation, the receipt, and what the Account Summary shows afterwards (flows.md A8)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from pytest_bdd import given, parsers, then, when

from portalcheck import masked_numbers
from portalcheck.journeys import Journey, Mailbox
from portalcheck.journeys.payments import Address, BillPayer, Standing
from portalcheck.mail import Message
from portalcheck.masked_numbers import require_masked_in_email
from portalcheck.pages.account_summary import money
from portalcheck.pages.payments import REVIEW
from portalcheck.pages.portal import Portal
from portalcheck.profile import DOCUMENTED_STEPS
from portalcheck.residents import Resident
from portalcheck.test_data import Bill, PaymentCard, TestData, UtilityAccount

PART = Decimal("5.00")


@dataclass(frozen=True)
class Chosen:
    """The bills the resident put in the cart, each with its account, and when (for the receipt)."""

    items: tuple[tuple[UtilityAccount, Bill], ...]
    since: datetime


def total(amounts: dict[str, Decimal]) -> Decimal:
    return sum(amounts.values(), Decimal("0.00"))


def holder(resident: Resident) -> str:
    return f"{resident.first_name} {resident.last_name}"


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
def test_card(test_data: TestData, outcome: str) -> PaymentCard:
    return test_data.payment_card("approved" if outcome == "approves" else "declined")


@given(parsers.parse("the resident has linked {count:d} accounts with a balance due"), target_fixture="accounts")
def linked_accounts(journey: Journey, test_data: TestData, count: int) -> list[UtilityAccount]:
    accounts = [test_data.take_account(balance_due=True) for _ in range(count)]
    for account in accounts:
        journey.given_linked(account)
    return accounts


@when('the resident selects the account\'s open bill on "Manage Bills" and clicks "Add to Cart"',
      target_fixture="chosen")
def add_open_bill(payer: BillPayer, account: UtilityAccount) -> Chosen:
    return add_each_open_bill(payer, [account])


@when('the resident selects each account\'s open bill on "Manage Bills" and clicks "Add to Cart"',
      target_fixture="chosen")
def add_each_open_bill(payer: BillPayer, accounts: list[UtilityAccount]) -> Chosen:
    since = datetime.now(UTC)
    for account in accounts:
        payer.add_to_cart(account, open_bill(account))
    return Chosen(items=tuple((account, open_bill(account)) for account in accounts), since=since)


@then("the cart lists the bill")
def cart_lists(payer: BillPayer, chosen: Chosen) -> None:
    cart = payer.open_cart()
    for _, bill in chosen.items:
        cart.expect_bill(bill)


@then("the cart is empty")
def cart_empty(payer: BillPayer, chosen: Chosen) -> None:
    cart = payer.open_cart()
    for _, bill in chosen.items:
        cart.expect_empty_of(bill)


@when('the resident clicks "Checkout" in the cart')
def checkout(payer: BillPayer) -> None:
    payer.checkout()


@then(parsers.parse('the page shows the step "{documented}"'))
def shows_step(portal: Portal, documented: str) -> None:
    portal.checkout.expect_step(DOCUMENTED_STEPS.index(documented))


HOW = r"(?P<how>the balance|\$5\.00 of the balance)"


@when(parsers.re(rf"the resident continues with {HOW} of each bill$"), target_fixture="amounts")
def amounts(payer: BillPayer, chosen: Chosen, how: str) -> dict[str, Decimal]:
    chosen_amounts = {bill.number: owing(bill) if how == "the balance" else PART for _, bill in chosen.items}
    payer.amounts({bill: chosen_amounts[bill.number] for _, bill in chosen.items})
    return chosen_amounts


@when(parsers.re(r'the resident chooses "Credit or debit card" and enters the (?:card|declined card) '
                 r"on the payment processor's page$"))
def card_details(payer: BillPayer, resident: Resident, card: PaymentCard) -> None:
    payer.details(card=card, holder=holder(resident))


@when("the resident enters the billing address")
def billing_address(payer: BillPayer, chosen: Chosen) -> None:
    payer.address(address_of(chosen.items[0][0]))


@then("the page shows the review with the amount and the card by its last four digits")
def review(portal: Portal, amounts: dict[str, Decimal], card: PaymentCard) -> None:
    portal.checkout.expect_review(total(amounts), card.last_four)


@when(parsers.re(rf"the resident pays {HOW} of each bill with the (?:card|declined card)$"), target_fixture="amounts")
def pay(payer: BillPayer, chosen: Chosen, resident: Resident, card: PaymentCard, how: str) -> dict[str, Decimal]:
    return pay_each(payer, chosen, how, card_details=lambda: card_details(payer, resident, card))


def pay_each(payer: BillPayer, chosen: Chosen, how: str, *, card_details: Callable[[], None]) -> dict[str, Decimal]:
    """Through the checkout with `how` much of each bill, the payment details `card_details` enters, and "Submit"."""
    payer.checkout()
    paid = amounts(payer, chosen, how)
    card_details()
    billing_address(payer, chosen)
    payer.portal.checkout.submit()
    return paid


@when('the resident clicks "Submit" on the review')
def submit(portal: Portal) -> None:
    portal.checkout.submit()


@when(parsers.parse('the resident clicks "Change" beside "{section}" on the review'))
def change(portal: Portal, section: str) -> None:
    portal.checkout.change(section)


@when("the resident enters the approved card on the payment processor's page", target_fixture="card")
def approved_again(payer: BillPayer, chosen: Chosen, resident: Resident, test_data: TestData) -> PaymentCard:
    """Step 2 again, the processor, then on to the review (by the billing address where it is asked again)."""
    card = test_data.payment_card("approved")
    payer.details(card=card, holder=holder(resident))
    payer.on_to_review(address_of(chosen.items[0][0]))
    return card


@when("the resident changes the amount to $5.00 of the balance of each bill", target_fixture="amounts")
def change_amount(payer: BillPayer, chosen: Chosen) -> dict[str, Decimal]:
    changed = amounts(payer, chosen, "$5.00 of the balance")
    payer.portal.checkout.expect_step(REVIEW)
    return changed


@then("the payment is refused as declined, and nothing is charged")
def declined(payer: BillPayer, chosen: Chosen) -> None:
    payer.portal.checkout.refusal()
    for account, bill in chosen.items:
        expect_standing(payer.standing(account, bill), account, bill, paid_now=Decimal("0.00"))


@then("the confirmation shows a payment reference", target_fixture="payment_reference")
def confirmation(portal: Portal) -> str:
    return portal.payment_confirmation.expect_shown().reference()


def expect_standing(standing: Standing, account: UtilityAccount, bill: Bill, *, paid_now: Decimal) -> None:
    assert standing.paid == bill.sum_of_payments + paid_now, (
        f'"About Your Payments" of account {account.account_number} shows {money(standing.paid)} paid on bill '
        f"{bill.number}; expected {money(bill.sum_of_payments + paid_now)} ({money(paid_now)} paid now).")
    assert standing.due_now == account.balance - paid_now, (
        f'"Amount Due Now" of account {account.account_number} is {money(standing.due_now)}; expected '
        f"{money(account.balance - paid_now)} ({money(account.balance)} less the {money(paid_now)} paid now).")


@then('the Account Summary lists the payment under "About Your Payments", and "Amount Due Now" is lower by it')
def recorded(payer: BillPayer, chosen: Chosen, amounts: dict[str, Decimal]) -> None:
    for account, bill in chosen.items:
        expect_standing(payer.standing(account, bill), account, bill, paid_now=amounts[bill.number])


@then("a receipt e-mail arrives with the payment reference and the card by its last four digits only",
      target_fixture="email")
def receipt(mailbox: Mailbox, resident: Resident, chosen: Chosen, card: PaymentCard,
            payment_reference: str) -> Message:
    message = mailbox.after(resident, chosen.since)
    assert payment_reference in message.text, f'The receipt "{message.subject}" does not show the payment reference.'
    require_masked_in_email(message, card.number, what="card number", requirement=masked_numbers.CARD)
    return message
