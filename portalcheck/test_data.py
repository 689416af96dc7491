"""The test data a portal holds for the scenarios: utility accounts to link, returning residents, bank
numbers, the payment processor's test cards.

The bundled reference portal writes this file when it seeds its database; for a real portal the QA
team writes the same format (documented in profiles/example-test-data.json, shipped with the package). A malformed file
stops the run with one message naming the file, the entry (e.g. utility_accounts[3]) and the field.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, cast

from portalcheck.errors import ConfigurationError, MissingTestData

# Shipped with the package, so the error messages that name it point at a file the user has.
EXAMPLE = Path(__file__).resolve().parent / "profiles" / "example-test-data.json"


@dataclass(frozen=True)
class Reading:
    """One month's metered consumption ("2025-01", 6742)."""

    month: str
    usage: int


@dataclass(frozen=True)
class Service:
    """A service on an account, as the Account Summary's "Services" table lists it."""

    name: str
    code: str
    start_date: date
    status: str = "ACTIVE"
    unit: str = ""
    consumption: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class Bill:
    """A bill, with what "About Your Payments" shows of the payments against it."""

    number: str
    bill_date: date
    due_date: date
    amount: Decimal
    last_posted: date | None = None
    sum_of_payments: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class UtilityAccount:
    """A utility account a resident can link with the two numbers on the bill."""

    account_number: str
    customer_id: str
    customer_name: str
    service_address: str
    balance: Decimal
    bill_pin: str = ""
    mailing_address: tuple[str, ...] = ()
    route: str = ""
    delivery_preference: str = ""
    services: tuple[Service, ...] = ()
    bills: tuple[Bill, ...] = ()

    @property
    def metered_services(self) -> tuple[Service, ...]:
        return tuple(s for s in self.services if s.consumption)

    @property
    def paid_bills(self) -> tuple[Bill, ...]:
        return tuple(b for b in self.bills if b.sum_of_payments > 0)


@dataclass(frozen=True)
class ReturningResident:
    """An e-mail from the portal's previous registration and the accounts it had linked."""

    email: str
    account_numbers: tuple[str, ...]


@dataclass(frozen=True)
class BankAccount:
    """Bank numbers for EFT sign-up; the routing number passes the ABA checksum."""

    bank_name: str
    routing_number: str
    account_type: str
    account_number: str

    @property
    def last_four(self) -> str:
        return self.account_number[-4:]

    @property
    def invalid_routing_number(self) -> str:
        """The routing number with its check digit changed, so the ABA checksum fails."""
        return self.routing_number[:-1] + str((int(self.routing_number[-1]) + 1) % 10)


@dataclass(frozen=True)
class PaymentCard:
    """A test card of the portal's payment processor, and whether the processor approves it."""

    number: str
    expiry: str
    security_code: str
    outcome: str = "approved"

    @property
    def last_four(self) -> str:
        return self.number[-4:]


@dataclass(frozen=True)
class PermitAccount:
    """A Citizen Access permit account set up by city staff: the e-mail on file and the PIN."""

    number: str
    holder_name: str
    email: str
    pin: str


def aba_checksum_ok(routing: str) -> bool:
    weights = (3, 7, 1) * 3
    return len(routing) == 9 and routing.isdigit() and sum(int(d) * w for d, w in zip(routing, weights, strict=False)) % 10 == 0


@dataclass(frozen=True)
class TestData:
    """What the portal under test holds for scenarios to use.

    Scenarios that change an account (delivery preference, EFT) or sign up as a returning
    resident take an entry of their own with `take_*`: each entry goes to at most one scenario
    per process, and when workers share one portal, each worker draws from its own share.
    """

    __test__ = False  # not a pytest test class
    path: str
    seed: int | None = None
    accounts: tuple[UtilityAccount, ...] = ()
    returning_residents: tuple[ReturningResident, ...] = ()
    bank_accounts: tuple[BankAccount, ...] = ()
    permit_accounts: tuple[PermitAccount, ...] = ()
    payment_cards: tuple[PaymentCard, ...] = ()
    workers_share_portal: bool = True
    _taken: set = field(default_factory=set, compare=False, repr=False)

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


class _Reader:
    """Reads one file's entries, raising ConfigurationError that names the entry and field."""

    def __init__(self, path: str):
        self.path = path

    def fail(self, where: str, problem: str) -> ConfigurationError:
        return ConfigurationError(f"{self.path}: {where} {problem} (the format is documented in {EXAMPLE}).",
                                  path=self.path)

    def entries(self, data: dict, key: str, *, inside: str = "", required: bool = False) -> list[tuple[str, dict]]:
        """(where, entry) for each object listed under `key`; `inside` names the enclosing entry."""
        named = f"{inside}.{key}" if inside else key
        if key not in data:
            if required:
                raise self.fail(named, "is missing; list them, even as []")
            return []
        if not isinstance(data[key], list):
            raise self.fail(named, f"must be a list, not {type(data[key]).__name__}")
        for i, entry in enumerate(data[key]):
            if not isinstance(entry, dict):
                raise self.fail(f"{named}[{i}]", f"must be an object with named fields, not {entry!r}")
        return [(f"{named}[{i}]", entry) for i, entry in enumerate(data[key])]

    def text(self, entry: dict, where: str, name: str, *, default: str | None = None, digits=False) -> str:
        value = entry.get(name, default)
        if value is None:
            raise self.fail(f"{where}.{name}", "is missing")
        if not isinstance(value, str) or (not value.strip() and default is None):
            raise self.fail(f"{where}.{name}", f"must be a non-empty string, not {value!r}")
        if digits and not value.isdigit():
            raise self.fail(f"{where}.{name}", f"must be digits only, not {value!r}")
        return value

    def money(self, entry: dict, where: str, name: str, *, default: str | None = None) -> Decimal:
        value = entry.get(name, default)
        try:
            if isinstance(value, bool) or value is None:
                raise InvalidOperation
            return Decimal(str(value)).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise self.fail(f"{where}.{name}", f"must be an amount such as \"53.50\", not {value!r}") from None

    def day(self, entry: dict, where: str, name: str, *, optional: bool = False) -> date | None:
        value: Any = entry.get(name)
        if value is None and optional:
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.fail(f"{where}.{name}", f"must be a date such as \"2025-12-20\", not {value!r}") from None


def load_test_data(path: str | Path, *, workers_share_portal: bool = True) -> TestData:
    """Read and check a test-data file; ConfigurationError names what is wrong and where."""
    path = str(path)
    reader = _Reader(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigurationError(f"Test-data file {path} does not exist: check --test-data / "
                                 "PORTALCHECK_TEST_DATA.", path=path) from None
    except json.JSONDecodeError as error:
        raise ConfigurationError(f"{path}: not valid JSON ({error}).", path=path) from None
    if not isinstance(data, dict):
        raise reader.fail("the file", "must hold one JSON object")
    return TestData(
        path=path, seed=data.get("seed"),
        accounts=tuple(_account(reader, w, e) for w, e in reader.entries(data, "utility_accounts", required=True)),
        returning_residents=tuple(_returning(reader, w, e) for w, e in reader.entries(data, "returning_residents")),
        bank_accounts=tuple(_bank(reader, w, e) for w, e in reader.entries(data, "bank_accounts")),
        payment_cards=tuple(_card(reader, w, e) for w, e in reader.entries(data, "payment_cards")),
        permit_accounts=tuple(PermitAccount(*(reader.text(e, w, n) for n in ("number", "holder_name", "email", "pin")))
                              for w, e in reader.entries(data, "permit_accounts")),
        workers_share_portal=workers_share_portal,
    )


def _account(r: _Reader, where: str, e: dict) -> UtilityAccount:
    mailing = e.get("mailing_address", [])
    if not isinstance(mailing, list) or not all(isinstance(line, str) for line in mailing):
        raise r.fail(f"{where}.mailing_address", f"must be a list of address lines, not {mailing!r}")
    return UtilityAccount(
        account_number=r.text(e, where, "account_number"), customer_id=r.text(e, where, "customer_id"),
        customer_name=r.text(e, where, "customer_name"), service_address=r.text(e, where, "service_address"),
        balance=r.money(e, where, "balance"), bill_pin=r.text(e, where, "bill_pin", default=""),
        mailing_address=tuple(mailing), route=r.text(e, where, "route", default=""),
        delivery_preference=r.text(e, where, "delivery_preference", default=""),
        services=tuple(_service(r, w, s) for w, s in r.entries(e, "services", inside=where)),
        bills=tuple(Bill(number=r.text(b, w, "number"), bill_date=cast(date, r.day(b, w, "bill_date")),
                         due_date=cast(date, r.day(b, w, "due_date")), amount=r.money(b, w, "amount"),
                         last_posted=r.day(b, w, "last_posted", optional=True),
                         sum_of_payments=r.money(b, w, "sum_of_payments", default="0"))
                    for w, b in r.entries(e, "bills", inside=where)),
    )


def _service(r: _Reader, where: str, s: dict) -> Service:
    readings = []
    for w, reading in r.entries(s, "consumption", inside=where):
        usage = reading.get("usage")
        if not isinstance(usage, int) or isinstance(usage, bool) or usage < 0:
            raise r.fail(f"{w}.usage", f"must be a whole number, not {usage!r}")
        readings.append(Reading(month=r.text(reading, w, "month"), usage=usage))
    return Service(name=r.text(s, where, "name"), code=r.text(s, where, "code"),
                   start_date=cast(date, r.day(s, where, "start_date")), status=r.text(s, where, "status", default="ACTIVE"),
                   unit=r.text(s, where, "unit", default=""), consumption=tuple(readings))


def _returning(r: _Reader, where: str, e: dict) -> ReturningResident:
    email = r.text(e, where, "email")
    if "@" not in email:
        raise r.fail(f"{where}.email", f"must be an e-mail address, not {email!r}")
    numbers = e.get("account_numbers")
    if not isinstance(numbers, list) or not numbers or not all(isinstance(n, str) and n for n in numbers):
        raise r.fail(f"{where}.account_numbers", f"must be a non-empty list of account numbers, not {numbers!r}")
    return ReturningResident(email=email, account_numbers=tuple(numbers))


def _bank(r: _Reader, where: str, e: dict) -> BankAccount:
    routing = r.text(e, where, "routing_number", digits=True)
    if not aba_checksum_ok(routing):
        raise r.fail(f"{where}.routing_number", f"{routing!r} is not a valid ABA routing number (checksum)")
    kind = r.text(e, where, "account_type")
    if kind not in ("Checking", "Savings"):
        raise r.fail(f"{where}.account_type", f"must be \"Checking\" or \"Savings\", not {kind!r}")
    return BankAccount(bank_name=r.text(e, where, "bank_name"), routing_number=routing, account_type=kind,
                       account_number=r.text(e, where, "account_number", digits=True))


def _card(r: _Reader, where: str, e: dict) -> PaymentCard:
    number = r.text(e, where, "number", digits=True)
    expiry = r.text(e, where, "expiry")
    if len(expiry) != 5 or expiry[2] != "/" or not (expiry[:2] + expiry[3:]).isdigit():
        raise r.fail(f"{where}.expiry", f"must be MM/YY, not {expiry!r}")
    outcome = r.text(e, where, "outcome", default="approved")
    if outcome not in ("approved", "declined"):
        raise r.fail(f"{where}.outcome", f"must be \"approved\" or \"declined\", not {outcome!r}")
    return PaymentCard(number=number, expiry=expiry, security_code=r.text(e, where, "security_code", digits=True),
                       outcome=outcome)
