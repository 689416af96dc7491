"""Made-up utility accounts, bills, payments and consumption, and returning residents, for one seed.

Everything comes from one Faker and one random.Random seeded alike, and dates count from a fixed
month, so a seed always gives the same database and the same test-data file.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from faker import Faker

from reference_portal.billing.models import (
    Bill,
    Consumption,
    Customer,
    Payment,
    PreviousRegistration,
    Service,
    UtilityAccount,
)
from reference_portal.processor import cards

# The month of the latest bill; fixed, so the data does not depend on the day it is seeded.
LATEST_BILL = date(2025, 12, 1)
MONTHS = 12
BILLS = 6
RETURNING_DOMAIN = "returning.example.test"
# (name, code, consumption unit or "" when not metered): the services on a Minot bill.
SERVICES = (("WATER", "1000", "Gallons"), ("SEWER", "2000", ""), ("MXU", "MXU", ""))
CENTS = Decimal("0.01")


def month_back(months: int) -> date:
    index = LATEST_BILL.year * 12 + LATEST_BILL.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def seed_billing(seed: int | None, *, accounts: int = 50, returning: int = 200) -> dict:
    """Fill the database; return the test data: linkable accounts, returning residents, bank numbers,
    and the payment processor's test cards (one it declines)."""
    faker = Faker("en_US")
    faker.seed_instance(seed)
    rng = random.Random(seed)
    numbers = [str(n) for n in rng.sample(range(100000, 999999), accounts)]
    customer_ids = [str(n) for n in rng.sample(range(10000, 99999), accounts)]
    made = [_account_data(faker, rng, index, number, cid)
            for index, (number, cid) in enumerate(zip(numbers, customer_ids, strict=False))]
    residents = [_returning_data(faker, rng, numbers) for _ in range(returning)]
    if not UtilityAccount.objects.filter(account_number__in=numbers).exists():
        # Seeding the same database again keeps what is there (and any links residents made).
        _save(made, residents)
    return {
        "utility_accounts": [_public(account) for account in made],
        "returning_residents": residents,
        "bank_accounts": [_bank_account(faker, rng) for _ in range(5)],
        "payment_cards": [{"number": number, "expiry": cards.EXPIRY, "security_code": cards.SECURITY_CODE,
                           "outcome": outcome} for number, outcome in cards.TEST_CARDS],
    }


def _account_data(faker: Faker, rng: random.Random, index: int, number: str, cid: str) -> dict:
    started = faker.date_between(date(2008, 1, 1), date(2020, 12, 31))
    usage = [rng.randint(1500, 9000) for _ in range(MONTHS)]
    paid_in_full = rng.random() < 0.4
    bills = []
    for back in range(BILLS):
        month = month_back(back)
        amount = (Decimal("22.50") + Decimal(usage[MONTHS - 1 - back]) * Decimal("0.0065")).quantize(CENTS)
        settled = back > 0 or paid_in_full
        bills.append({
            "number": f"{month:%y%m}{index:04d}",
            "bill_date": month.isoformat(),
            "due_date": month.replace(day=20).isoformat(),
            "amount": str(amount),
            "payments": [{"posted_on": month.replace(day=rng.randint(8, 19)).isoformat(),
                          "amount": str(amount)}] if settled else [],
        })
    balance = sum((Decimal(b["amount"]) for b in bills if not b["payments"]), Decimal("0.00"))
    return {
        "account_number": number,
        "customer_id": cid,
        "customer_name": faker.name().upper(),
        "mailing_address": [faker.street_address().upper(),
                            f"{faker.city().upper()}, {faker.state_abbr()} {faker.zipcode_plus4()}"],
        "service_address": faker.street_address().upper(),
        "route": f"{rng.randint(1, 40):02d}",
        "bill_pin": f"{rng.randint(0, 9999):04d}",
        "delivery_preference": "Mail",
        "balance": str(balance),
        "services": [{"name": name, "code": code, "start_date": started.isoformat(), "status": "ACTIVE",
                      "unit": unit,
                      "consumption": [{"month": f"{month_back(MONTHS - 1 - i):%Y-%m}", "usage": u}
                                      for i, u in enumerate(usage)] if unit else []}
                     for name, code, unit in SERVICES],
        "bills": bills,
    }


def _returning_data(faker: Faker, rng: random.Random, numbers: list[str]) -> dict:
    """An address from the previous registration, random-looking so no one else uses it."""
    local = f"{faker.user_name()}.{rng.getrandbits(40):010x}"
    return {"email": f"{local}@{RETURNING_DOMAIN}", "account_numbers": rng.sample(numbers, rng.randint(1, 2))}


def _bank_account(faker: Faker, rng: random.Random) -> dict:
    """A made-up bank account whose routing number passes the ABA checksum."""
    return {"bank_name": f"{faker.last_name()} {rng.choice(['Bank', 'Savings Bank', 'Credit Union'])}",
            "routing_number": faker.aba(), "account_type": rng.choice(["Checking", "Savings"]),
            "account_number": "".join(str(rng.randint(0, 9)) for _ in range(rng.randint(8, 12)))}


def _public(account: dict) -> dict:
    """The test-data entry: what a QA team would list for a real portal."""
    bills = [{"number": b["number"], "bill_date": b["bill_date"], "due_date": b["due_date"],
              "amount": b["amount"],
              "last_posted": max((p["posted_on"] for p in b["payments"]), default=None),
              "sum_of_payments": str(sum((Decimal(p["amount"]) for p in b["payments"]), Decimal("0.00")))}
             for b in account["bills"]]
    return {**account, "bills": bills}


def _save(accounts: list[dict], residents: list[dict]) -> None:
    customers = Customer.objects.bulk_create(
        Customer(customer_id=a["customer_id"], name=a["customer_name"], mailing_address=a["mailing_address"][0],
                 mailing_city_line=a["mailing_address"][1]) for a in accounts)
    saved = UtilityAccount.objects.bulk_create(
        UtilityAccount(account_number=a["account_number"], customer=c, service_address=a["service_address"],
                       route=a["route"], bill_pin=a["bill_pin"]) for a, c in zip(accounts, customers, strict=False))
    by_number = {account.account_number: account for account in saved}
    services, readings, bills, payments = [], [], [], []
    for data, account in zip(accounts, saved, strict=False):
        for s in data["services"]:
            service = Service(account=account, name=s["name"], code=s["code"], unit=s["unit"],
                              start_date=date.fromisoformat(s["start_date"]), status=s["status"])
            services.append(service)
            readings += [Consumption(service=service, month=date.fromisoformat(f"{r['month']}-01"),
                                     usage=r["usage"]) for r in s["consumption"]]
        for b in data["bills"]:
            bill = Bill(account=account, number=b["number"], amount=Decimal(b["amount"]),
                        bill_date=date.fromisoformat(b["bill_date"]), due_date=date.fromisoformat(b["due_date"]))
            bills.append(bill)
            payments += [Payment(bill=bill, posted_on=date.fromisoformat(p["posted_on"]),
                                 amount=Decimal(p["amount"])) for p in b["payments"]]
    Service.objects.bulk_create(services)
    Consumption.objects.bulk_create(readings)
    Bill.objects.bulk_create(bills)
    Payment.objects.bulk_create(payments)
    previous = PreviousRegistration.objects.bulk_create(PreviousRegistration(email=r["email"]) for r in residents)
    PreviousRegistration.accounts.through.objects.bulk_create(
        PreviousRegistration.accounts.through(previousregistration=p, utilityaccount=by_number[n])
        for p, r in zip(previous, residents, strict=False) for n in r["account_numbers"])
