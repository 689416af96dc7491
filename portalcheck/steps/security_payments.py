"""Steps of the payment security checks (29-33): the numbers never reach the portal, the
processor's origin, bounded amounts, one charge per payment, the card masked."""

from __future__ import annotations

from decimal import Decimal

from pytest_bdd import given, parsers, then, when

from portalcheck import masked_numbers
from portalcheck.journeys import Mailbox
from portalcheck.journeys.payments import BillPayer
from portalcheck.masked_numbers import require_masked_in_email, require_masked_on_page
from portalcheck.pages.account_summary import money
from portalcheck.pages.payments import AMOUNT, DETAILS
from portalcheck.pages.portal import Portal
from portalcheck.pages.screen import origin
from portalcheck.pages.window import Sent
from portalcheck.profile import DOCUMENTED_STEPS
from portalcheck.requirements import require
from portalcheck.residents import Resident
from portalcheck.steps.payments import Chosen, holder, owing, pay_each
from portalcheck.test_data import BankAccount, PaymentCard, TestData

SAQ_A, MASKED, BOUNDED, ONCE = "PCI DSS SAQ A", masked_numbers.CARD, "ASVS V2.2.1", "ASVS V2.3.1"


@given("the requests the browser sends are noted", target_fixture="sent")
def note_requests(portal: Portal) -> list[Sent]:
    return portal.window.note_requests()


@given("the resident has a bank account to pay by e-check", target_fixture="bank")
def echeck_bank(test_data: TestData) -> BankAccount:
    return test_data.take_bank_account()


@when("the resident pays the balance of each bill by e-check from the bank account", target_fixture="amounts")
def pay_by_echeck(payer: BillPayer, chosen: Chosen, resident: Resident, bank: BankAccount) -> dict[str, Decimal]:
    return pay_each(payer, chosen, "the balance",
                    card_details=lambda: payer.details(bank=bank, holder=holder(resident)))


def reached_portal_and_processor(sent: list[Sent], portal_url: str, secret: str, what: str) -> None:
    portal = origin(portal_url)
    to_portal = [s.url for s in sent if s.carries(secret) and origin(s.url) == portal]
    require(not to_portal, SAQ_A, f"the {what} was sent to the portal itself ({to_portal[0] if to_portal else ''}); "
            "it must go only to the payment processor's page")
    to_processor = [s for s in sent if s.carries(secret) and origin(s.url) != portal]
    assert to_processor, (
        f"No request the browser sent carried the {what} ({len(sent)} requests noted), so the check saw nothing: "
        "the payment must have been made without typing it.")


@then("no request to the portal carried the card number, while one to the payment processor did")
def card_not_to_portal(sent: list[Sent], portal_url: str, card: PaymentCard) -> None:
    reached_portal_and_processor(sent, portal_url, card.number, "card number")


@then("no request to the portal carried the bank account number, while one to the payment processor did")
def bank_not_to_portal(sent: list[Sent], portal_url: str, bank: BankAccount) -> None:
    reached_portal_and_processor(sent, portal_url, bank.account_number, "bank account number")


@then("the card number was typed on a page of the payment processor's origin, not the portal's")
def processor_origin(payer: BillPayer, portal: Portal) -> None:
    typed_at = origin(payer.numbers_typed_at)
    require(typed_at != origin(portal.url), SAQ_A,
            f"the card number is typed on {payer.numbers_typed_at}, a page of the portal's own origin; "
            "it must be the payment processor's page")
    declared = portal.profile.payments.processor_origin
    require(not declared or typed_at == origin(declared), SAQ_A,
            f"the card number is typed on {payer.numbers_typed_at}, not on the declared processor's origin {declared}")


@when("the resident enters one cent more than the bill's balance", target_fixture="tried")
def above_balance(portal: Portal, chosen: Chosen) -> Decimal:
    return try_amount(portal, chosen, owing(chosen.items[0][1]) + Decimal("0.01"))


@when("the resident enters $0.00", target_fixture="tried")
def zero(portal: Portal, chosen: Chosen) -> Decimal:
    return try_amount(portal, chosen, Decimal("0.00"))


def try_amount(portal: Portal, chosen: Chosen, amount: Decimal) -> Decimal:
    step = portal.checkout.expect_step(AMOUNT)
    step.enter_amount(chosen.items[0][1], amount)
    step.next()
    return amount


@then(parsers.parse('the amount is refused at "{documented}"'))
def amount_refused(portal: Portal, chosen: Chosen, tried: Decimal, documented: str) -> None:
    step, bill = portal.checkout, chosen.items[0][1]
    require(not step.at_step(DETAILS), BOUNDED,
            f"{money(tried)} on bill {bill.number} (balance {money(owing(bill))}) was taken on to the next step")
    step.expect_step(DOCUMENTED_STEPS.index(documented))
    require(step.amount_marked_invalid(bill), BOUNDED, f"{money(tried)} on bill {bill.number} is not marked invalid")


@when('the resident goes back with the browser\'s back button and clicks "Submit" again wherever it shows')
def back_and_submit(portal: Portal) -> None:
    portal.window.back()
    if portal.checkout.has_button("Submit"):
        portal.checkout.submit()


@then('the Account Summary shows the payment once under "About Your Payments"')
def paid_once(payer: BillPayer, chosen: Chosen, amounts: dict[str, Decimal]) -> None:
    account, bill = chosen.items[0]
    standing = payer.standing(account, bill)
    once = bill.sum_of_payments + amounts[bill.number]
    assert standing.paid > bill.sum_of_payments, (
        f'"About Your Payments" of account {account.account_number} shows no payment on bill {bill.number}')
    require(standing.paid == once, ONCE,
            f'"About Your Payments" shows {money(standing.paid)} paid on bill {bill.number} after "Submit" was '
            f"pressed again; one payment of {money(amounts[bill.number])} was made")


@then("the confirmation shows the card by its last four digits and never whole")
def confirmation_masked(portal: Portal, card: PaymentCard) -> None:
    require_masked_on_page(portal.payment_confirmation.expect_shown(), card.number, what="card number",
                           requirement=MASKED)


@then("the receipt shows the card by its last four digits and never whole")
def receipt_masked(mailbox: Mailbox, resident: Resident, chosen: Chosen, card: PaymentCard) -> None:
    message = mailbox.after(resident, chosen.since, show=False)
    require_masked_in_email(message, card.number, what="card number", requirement=MASKED)
