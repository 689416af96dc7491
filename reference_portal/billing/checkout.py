"""Manage Bills: the cart, the four checkout steps and the charge through the payment processor.

What the resident has chosen lives in their session (so signing out empties the cart). The card
or bank account number never reaches the portal: step 2 sends the browser to the processor's
hosted page, which sends it back with a signed, single-use result (a token and the last four
digits) bound to this checkout's payment reference. "Submit" charges the token server to server
under that reference; the processor charges a reference once, and the portal records a reference
once, so a second "Submit" (the back button, a double click) charges nothing more.
"""

from __future__ import annotations

import json
import secrets
from decimal import Decimal
from urllib.error import URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction

from reference_portal import clock, defects
from reference_portal.billing.models import Bill, OnlinePayment, Payment
from reference_portal.processor.signing import signed, verified

CART, CHECKOUT = "billing_cart", "billing_checkout"
CENT = Decimal("0.01")
MERCHANT = "City Utility Billing"


class PaymentFailed(Exception):
    """The processor declined the payment or could not be reached; nothing was recorded."""


def open_bills(resident):
    """The resident's bills still owing, on accounts linked to them."""
    bills = Bill.objects.filter(account__residents=resident).select_related("account").prefetch_related("payments")
    return [bill for bill in bills if bill.balance > 0]


class Cart:
    """The bills the resident chose with "Add to Cart", by bill number, in the session."""

    def __init__(self, request):
        self.session = request.session
        self.resident = request.user

    @property
    def numbers(self) -> list[str]:
        return list(self.session.get(CART, []))

    def add(self, numbers) -> None:
        self.session[CART] = list(dict.fromkeys([*self.numbers, *numbers]))

    def remove(self, number: str) -> None:
        self.session[CART] = [n for n in self.numbers if n != number]

    def clear(self) -> None:
        self.session.pop(CART, None)

    def bills(self) -> list[Bill]:
        """The cart's bills that are still the resident's and still owing."""
        wanted = set(self.numbers)
        if defects.active("double-charge-on-back"):  # paid bills stay payable
            return list(Bill.objects.filter(account__residents=self.resident, number__in=wanted)
                        .select_related("account").prefetch_related("payments"))
        return [bill for bill in open_bills(self.resident) if bill.number in wanted]


class Checkout:
    """One checkout: its payment reference, the amounts, the processor's token and the address."""

    STEPS = ("amount", "details", "address", "review")

    def __init__(self, request):
        self.request = request
        self.session = request.session

    @property
    def state(self) -> dict | None:
        return self.session.get(CHECKOUT)

    def start(self) -> None:
        """A new checkout with a new payment reference (each checkout is charged once)."""
        self.session[CHECKOUT] = {"reference": "PAY-" + secrets.token_hex(5).upper(), "amounts": {}}

    def update(self, **values) -> None:
        self.session[CHECKOUT] = {**self.state, **values}

    def next_step(self) -> str:
        """The first step not yet done; once all are, the review."""
        state = self.state or {}
        for step, key in (("amount", "amounts"), ("details", "token"), ("address", "address")):
            if not state.get(key):
                return step
        return "review"

    def amounts(self) -> list[tuple[Bill, Decimal]]:
        by_number = {bill.number: bill for bill in Cart(self.request).bills()}
        return [(by_number[n], Decimal(a)) for n, a in (self.state or {}).get("amounts", {}).items() if n in by_number]

    def total(self) -> Decimal:
        return sum((amount for _, amount in self.amounts()), Decimal("0.00"))

    # Step 2: the processor's hosted page ------------------------------------------------------

    def processor_request(self, method: str, return_url: str) -> dict[str, str]:
        fields = {"merchant": MERCHANT, "session": self.state["reference"], "amount": f"{self.total():.2f}",
                  "method": method, "return": return_url,
                  "include_pan": "1" if defects.active("card-number-shown-whole") else ""}
        return signed(settings.PAYMENT_PROCESSOR_SECRET, fields)

    def processor_url(self, method: str, return_url: str) -> str:
        base = settings.PAYMENT_PROCESSOR_URL
        if defects.active("processor-on-portal-origin"):
            base = self.request.build_absolute_uri("/utility-billing/checkout/processor")
        return f"{base}/pay?{urlencode(self.processor_request(method, return_url))}"

    def accept_result(self, fields: dict[str, str]) -> bool:
        """The processor's signed result for this checkout (its reference), taken once."""
        state = self.state
        if (state is None or not verified(settings.PAYMENT_PROCESSOR_SECRET, fields)
                or fields.get("session") != state["reference"] or fields.get("token") in state.get("spent", [])):
            return False
        self.update(token=fields["token"], method=fields.get("method", "card"), last4=fields.get("last4", "")[-4:],
                    pan=fields.get("pan", "") if defects.active("card-number-shown-whole") else "",
                    spent=[*state.get("spent", []), fields["token"]])
        return True

    # Step 4: "Submit" -------------------------------------------------------------------------

    def submit(self) -> OnlinePayment:
        """Charge the checkout's token under its reference and record the payment, once."""
        state = self.state
        reference = state["reference"]
        if defects.active("double-charge-on-back"):
            reference = "PAY-" + secrets.token_hex(5).upper()  # a new reference each time "Submit" is pressed
        elif (done := OnlinePayment.objects.filter(reference=reference).first()) is not None:
            return done
        amounts = self.amounts()
        if not amounts:
            raise PaymentFailed("Your cart is empty or its bills are already paid.")
        total = sum((a for _, a in amounts), Decimal("0.00"))
        result = charge(state["token"], total, reference)
        if result.get("status") != "approved":
            raise PaymentFailed("The payment was declined. Change the payment details and try again, "
                                "or use another card or bank account.")
        with transaction.atomic():
            payment, made = OnlinePayment.objects.get_or_create(reference=reference, defaults=dict(
                resident=self.request.user, amount=total, method=state["method"], last4=state["last4"],
                processor_token=state["token"], authorization=result.get("authorization", ""),
                billing_address=", ".join(state["address"].values())))
            if made:
                today = clock.now().date()
                Payment.objects.bulk_create(Payment(bill=bill, amount=amount, posted_on=today, online_payment=payment,
                                                    method=payment.method_display) for bill, amount in amounts)
        if not defects.active("double-charge-on-back"):
            self.session.pop(CHECKOUT, None)
            Cart(self.request).clear()
        self.session["billing_last_pan"] = state.get("pan", "")
        return payment


def charge(token: str, amount: Decimal, reference: str) -> dict[str, str]:
    """The processor's charge API, server to server; its answer must carry its signature."""
    secret = settings.PAYMENT_PROCESSOR_SECRET
    body = urlencode(signed(secret, {"token": token, "amount": f"{amount:.2f}", "reference": reference})).encode()
    request = Request(f"{settings.PAYMENT_PROCESSOR_URL}/charge", data=body, method="POST",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urlopen(request, timeout=20) as response:  # noqa: S310 - the configured processor
            result = json.loads(response.read())
    except (URLError, ValueError) as error:
        if getattr(error, "code", None) in (400, 403):
            with error:
                result = json.loads(error.read())
        else:
            raise PaymentFailed("The payment processor could not be reached; nothing was charged. Try again later.") from None
    if not verified(secret, result):
        raise PaymentFailed("The payment processor's answer could not be verified; nothing was recorded.")
    return result
