"""The test data a portal holds for the scenarios: utility accounts to link, returning residents, bank
numbers, the payment processor's test cards.

The bundled reference portal writes this file when it seeds its database; for a real portal the QA
team writes the same format (documented in profiles/example-test-data.json, shipped with the package,
and published for editors as profiles/test-data.schema.json). The models below are that format: a
malformed file, or an unknown key, stops the run with one line naming the file, the entry (e.g.
utility_accounts[3].customer_id) and what is wrong.
"""

from __future__ import annotations

import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    model_validator,
)

from portalcheck.errors import ConfigurationError, MissingTestData
from portalcheck.validation import MustBe, Strict, Voice, one_line

# Shipped with the package, so the error messages that name it point at a file the user has.
EXAMPLE = Path(__file__).resolve().parent / "profiles" / "example-test-data.json"
VOICE = Voice(noun="test data", table="object", first_index=0,
              suffix=f" (the format is documented in {EXAMPLE})")


def aba_checksum_ok(routing: str) -> bool:
    weights = (3, 7, 1) * 3
    return len(routing) == 9 and routing.isdigit() and sum(int(d) * w for d, w in zip(routing, weights, strict=False)) % 10 == 0


def _aba(routing: str) -> str:
    if not aba_checksum_ok(routing):
        raise ValueError("fails the ABA checksum")
    return routing


def _text_date(value: Any) -> Any:
    # JSON has no dates: one is an ISO string, never a number pydantic would read as a timestamp.
    if not isinstance(value, str):
        raise ValueError("a date is a string")
    return value


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


Text = Annotated[str, StringConstraints(pattern=r"\S"), MustBe("a non-empty string")]
Digits = Annotated[str, StringConstraints(pattern=r"^[0-9]+$"), MustBe("digits only")]
Day = Annotated[date, BeforeValidator(_text_date), MustBe("a date such as \"2025-12-20\"")]
Amount = Annotated[Decimal, AfterValidator(_cents), MustBe("an amount such as \"53.50\"")]
EmailAddress = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+$"), MustBe("an e-mail address")]


class Entry(Strict):
    """An object of the test-data file. JSON has no comments: a key starting with "_" is a note for
    people (the example's "_about"), and ignored; any other unknown key is a mistake."""

    model_config = ConfigDict(json_schema_extra={"patternProperties": {
        "^_": {"description": "A note for people keeping the file; ignored."}}})

    @model_validator(mode="before")
    @classmethod
    def _without_notes(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if not (isinstance(key, str) and key.startswith("_"))}
        return data


class Reading(Entry):
    """One month's metered consumption ("2025-01", 6742)."""

    month: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$"), MustBe(
        "a month such as \"2025-01\"")] = Field(description="The month, YYYY-MM.")
    usage: int = Field(strict=True, ge=0, description="What the meter counted that month, in the service's unit.")


class Service(Entry):
    """A service on an account, as the Account Summary's "Services" table lists it."""

    name: Text = Field(description="The service's name, e.g. \"WATER\".")
    code: Text = Field(description="Its code, e.g. \"1000\".")
    start_date: Day = Field(description="When the service started.")
    status: Text = Field(default="ACTIVE", description="As the Services table shows it.")
    unit: str = Field(default="", description="The consumption unit, e.g. \"Gallons\"; \"\" when not metered.")
    consumption: tuple[Reading, ...] = Field(default=(), description="Monthly readings, oldest first; [] when not metered.")


class Bill(Entry):
    """A bill, with what "About Your Payments" shows of the payments against it."""

    number: Text = Field(description="The bill number.")
    bill_date: Day = Field(description="The bill's date.")
    due_date: Day = Field(description="Its due date.")
    amount: Amount = Field(description="The amount billed.")
    last_posted: Day | None = Field(default=None, description="When the last payment against it posted; null when none.")
    sum_of_payments: Amount = Field(default=Decimal("0.00"), description="What has been paid against it.")


class UtilityAccount(Entry):
    """A utility account a resident can link with the two numbers on the bill."""

    account_number: Text = Field(description="The account number on the bill.")
    customer_id: Text = Field(description="The customer ID (CID) on the bill.")
    customer_name: Text = Field(description="The customer's name, as the portal shows it.")
    service_address: Text = Field(description="Where the service is.")
    balance: Amount = Field(description="The Amount Due Now; \"0.00\" when paid up.")
    bill_pin: str = Field(default="", description="The PIN printed on the bill (Citizen Access Utility Pay).")
    mailing_address: tuple[str, ...] = Field(default=(), description="The mailing address, line by line.")
    route: str = Field(default="", description="The meter-reading route.")
    delivery_preference: str = Field(default="", description="How bills are delivered now, e.g. \"Mail\".")
    services: tuple[Service, ...] = Field(default=(), description="The services on the account.")
    bills: tuple[Bill, ...] = Field(default=(), description="Its bills, newest first.")

    @property
    def metered_services(self) -> tuple[Service, ...]:
        return tuple(s for s in self.services if s.consumption)

    @property
    def paid_bills(self) -> tuple[Bill, ...]:
        return tuple(b for b in self.bills if b.sum_of_payments > 0)


class ReturningResident(Entry):
    """An e-mail from the portal's previous registration and the accounts it had linked."""

    email: EmailAddress = Field(description="The address the portal knows from its previous registration.")
    account_numbers: Annotated[tuple[Text, ...], Field(min_length=1), MustBe(
        "a non-empty list of account numbers")] = Field(description="The accounts that registration had linked.")


class BankAccount(Entry):
    """Bank numbers for EFT sign-up; the routing number passes the ABA checksum."""

    bank_name: Text = Field(description="The bank's name.")
    routing_number: Annotated[str, StringConstraints(pattern=r"^[0-9]{9}$"), AfterValidator(_aba), MustBe(
        "an ABA routing number: 9 digits that pass its checksum")] = Field(description="The bank's routing number.")
    account_type: Literal["Checking", "Savings"] = Field(description="The kind of account.")
    account_number: Digits = Field(description="The account number.")

    @property
    def last_four(self) -> str:
        return self.account_number[-4:]

    @property
    def invalid_routing_number(self) -> str:
        """The routing number with its check digit changed, so the ABA checksum fails."""
        return self.routing_number[:-1] + str((int(self.routing_number[-1]) + 1) % 10)


class PaymentCard(Entry):
    """A test card of the portal's payment processor, and whether the processor approves it."""

    number: Digits = Field(description="The card number, digits only.")
    expiry: Annotated[str, StringConstraints(pattern=r"^(0[1-9]|1[0-2])/[0-9]{2}$"), MustBe(
        "MM/YY, e.g. \"12/34\"")] = Field(description="The expiry date, MM/YY.")
    security_code: Digits = Field(description="The security code (CVV).")
    outcome: Literal["approved", "declined"] = Field(default="approved", description="What the processor does with it.")

    @property
    def last_four(self) -> str:
        return self.number[-4:]


class PermitAccount(Entry):
    """A Citizen Access permit account set up by city staff: the e-mail on file and the PIN."""

    number: Text = Field(description="The permit account's number.")
    holder_name: Text = Field(description="The holder's name.")
    email: EmailAddress = Field(description="The e-mail address on file; linking sends to it.")
    pin: Text = Field(description="The PIN city staff gave the holder.")


class TestData(Entry):
    """What the portal under test holds for scenarios to use.

    Scenarios that change an account (delivery preference, EFT) or sign up as a returning
    resident take an entry of their own with `take_*`: each entry goes to at most one scenario
    per process, and when workers share one portal, each worker draws from its own share.
    """

    __test__ = False  # not a pytest test class
    editor_schema: str = Field(default="", alias="$schema", description=(
        "The JSON Schema an editor checks this file with, e.g. \"./test-data.schema.json\"; portalcheck ignores it."))
    seed: int | None = Field(default=None, strict=True, description=(
        "The seed the bundled portal made this data with; null for a real portal."))
    accounts: tuple[UtilityAccount, ...] = Field(alias="utility_accounts", description=(
        "Accounts a resident can link with the two numbers on the bill (may be []). Scenarios that change an "
        "account (EFT, delivery preference) each take their own, so list at least as many as such scenarios, "
        "times the parallel workers."))
    returning_residents: tuple[ReturningResident, ...] = Field(default=(), description=(
        "E-mail addresses the portal has from a previous registration (Pinellas Park step 9); each scenario "
        "signs up with one of its own, once."))
    bank_accounts: tuple[BankAccount, ...] = Field(default=(), description=(
        "Test bank numbers for EFT sign-up and e-check payments."))
    permit_accounts: tuple[PermitAccount, ...] = Field(default=(), description="Citizen Access permit accounts.")
    payment_cards: tuple[PaymentCard, ...] = Field(default=(), description=(
        "The payment processor's test cards for Manage Bills; list at least one approved and one declined."))
    # Where the file was read from, and how workers share the portal: not keys of the file.
    _path: str = PrivateAttr("")
    _workers_share_portal: bool = PrivateAttr(True)
    _taken: set[tuple[str, int]] = PrivateAttr(default_factory=set)

    @property
    def path(self) -> str:
        return self._path

    @property
    def workers_share_portal(self) -> bool:
        return self._workers_share_portal

    def account(self, number: str) -> UtilityAccount:
        for account in self.accounts:
            if account.account_number == number:
                return account
        raise KeyError(number)

    def take_account(self, *, balance_due: bool | None = None, metered: bool = False) -> UtilityAccount:
        """An account no other scenario of this process has taken; optionally with a balance due or paid up."""
        def fits(a: UtilityAccount) -> bool:
            return (balance_due is None or (a.balance > 0) == balance_due) and (not metered or bool(a.metered_services))
        wanted = "an account" + {True: " with a balance due", False: " paid in full", None: ""}[balance_due]
        return self._take("utility_accounts", self.accounts, fits, wanted,
                          share=self.workers_share_portal)

    def take_returning_resident(self) -> ReturningResident:
        # Always the worker's own share: the bundled portals of all workers seed the same
        # addresses, and a Mailpit shared by the workers must not mix their e-mail.
        return self._take("returning_residents", self.returning_residents, lambda r: True,
                          "a returning resident", share=True)

    def take_permit_account(self) -> PermitAccount:
        # The worker's own share: linking by e-mail, a permit account serves one scenario.
        return self._take("permit_accounts", self.permit_accounts, lambda p: True,
                          "a permit account", share=True)

    def take_account_with_bill_pin(self) -> UtilityAccount:
        """An account whose bill prints a PIN (Citizen Access links the water service with it)."""
        return self._take("utility_accounts", self.accounts, lambda a: bool(a.bill_pin),
                          "an account with a bill PIN", share=True)

    def take_bank_account(self) -> BankAccount:
        if not self.bank_accounts:
            raise self._exhausted("bank_accounts", "a bank account for EFT")
        return self.bank_accounts[0]  # only read, never changed by a portal

    def payment_card(self, outcome: str = "approved") -> PaymentCard:
        """A test card the processor approves (or declines); only read, never changed by a portal."""
        for card in self.payment_cards:
            if card.outcome == outcome:
                return card
        raise self._exhausted("payment_cards", f"a test card the payment processor {outcome.replace('ed', 'es')}")

    def _take(self, key, entries, fits, wanted, *, share):
        index, count = _worker_share() if share else (0, 1)
        for position, entry in enumerate(entries):
            if position % count == index and fits(entry) and (key, position) not in self._taken:
                self._taken.add((key, position))
                return entry
        raise self._exhausted(key, wanted)

    def second_bank_account(self, first: BankAccount) -> BankAccount:
        """Another bank account than `first` (to change to)."""
        for bank in self.bank_accounts:
            if bank.last_four != first.last_four:
                return bank
        raise self._exhausted("bank_accounts", "a second bank account (with other last four digits)")

    def _exhausted(self, key: str, wanted: str) -> MissingTestData:
        return MissingTestData(
            f"the test data lacks {wanted} (none left in \"{key}\"): add one to {self.path} (see "
            f"{EXAMPLE}; for the bundled portal, seed more with --accounts)",
            path=self.path)


def _worker_share() -> tuple[int, int]:
    """This pytest-xdist worker's index and the number of workers (0, 1 without xdist)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or 1)
    return (int(worker[2:]) if worker.startswith("gw") else 0), max(count, 1)


def load_test_data(path: str | Path, *, workers_share_portal: bool = True) -> TestData:
    """Read and check a test-data file; ConfigurationError names what is wrong and where."""
    path = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigurationError(f"Test-data file {path} does not exist: check --test-data / "
                                 "PORTALCHECK_TEST_DATA.", path=path) from None
    except json.JSONDecodeError as error:
        raise ConfigurationError(f"{path}: not valid JSON ({error}).", path=path) from None
    if not isinstance(data, dict):
        raise ConfigurationError(f"{path}: the file must hold one JSON object, not {type(data).__name__}"
                                 f"{VOICE.suffix}.", path=path)
    try:
        test_data = TestData.model_validate(data)
    except ValidationError as error:
        raise one_line(error, TestData, path, VOICE) from None
    test_data._path = path
    test_data._workers_share_portal = workers_share_portal
    return test_data
