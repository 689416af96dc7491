"""Manage Bills through Django's test client and a real processor server: the checkout, the signed
result taken once, one charge per payment reference, bounded amounts, the numbers never at the portal."""

from __future__ import annotations

import threading
from decimal import Decimal
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, build_opener, urlopen

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings

from reference_portal.billing.checkout import CHECKOUT
from reference_portal.billing.models import AccountLink, OnlinePayment, Payment, UtilityAccount
from reference_portal.billing.payment_views import _NoRedirects
from reference_portal.billing.seed import seed_billing
from reference_portal.identity.models import Resident
from reference_portal.processor.server import ProcessorServer
from reference_portal.processor.signing import signed

SECRET = "test-secret-shared-with-the-processor"
CARD, DECLINED = "4111111111111111", "4000000000000002"


@pytest.fixture
def processor():
    server = ProcessorServer(("127.0.0.1", 0), SECRET)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    with override_settings(PAYMENT_PROCESSOR_URL=url, PAYMENT_PROCESSOR_SECRET=SECRET):
        yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def owing(db, client):
    """A signed-in resident with a linked account whose latest bill is owing; its bill in the cart."""
    data = seed_billing(11, accounts=6, returning=1)
    entry = next(a for a in data["utility_accounts"] if Decimal(a["balance"]) > 0)
    account = UtilityAccount.objects.get(account_number=entry["account_number"])
    resident = Resident.objects.create_user("payer@example.test", "correct horse battery staple lamp",
                                            first_name="Pat", last_name="Payer", is_active=True)
    AccountLink.objects.create(resident=resident, account=account)
    client.force_login(resident)
    bill = account.open_bill()
    response = client.post(f"/utility-billing/accounts/{account.account_number}/bills/", {"bills": [bill.number]})
    assert response.status_code == 302 and response["Location"] == "/utility-billing/cart/"
    return bill


def on_processor(location: str, card: str = CARD) -> str:
    """Type the card on the processor's page, as the browser would: its answer's Location."""
    with urlopen(location) as answer:  # noqa: S310 - the test's own server
        page = answer.read().decode()
    assert 'name="card_number"' in page
    hidden = dict(pair.split('" value="') for pair in
                  (part.split('name="', 1)[1].split('">', 1)[0] for part in page.split('type="hidden" ')[1:]))
    body = urlencode({**hidden, "card_number": card, "expiry": "12/34", "security_code": "123",
                      "holder": "Pat Payer"}).encode()
    try:
        build_opener(_NoRedirects).open(Request(location.split("?")[0], data=body, method="POST")).close()
    except HTTPError as answer:
        with answer:
            assert answer.code == 303, answer.read()
            return answer.headers["Location"]
    raise AssertionError("the processor did not send the browser back")


def to_review(client, bill, card: str = CARD) -> str:
    assert client.post("/utility-billing/cart/", {"checkout": "1"})["Location"] == "/utility-billing/checkout/amount/"
    response = client.post("/utility-billing/checkout/amount/", {f"amount_{bill.number}": f"{bill.balance:.2f}"})
    assert response["Location"] == "/utility-billing/checkout/details/"
    details = client.get("/utility-billing/checkout/details/").content.decode()
    assert "card_number" not in details  # the portal's page never asks for the number
    location = client.post("/utility-billing/checkout/details/", {"method": "card"})["Location"]
    assert urlsplit(location).netloc == urlsplit(settings.PAYMENT_PROCESSOR_URL).netloc  # the processor's origin
    back = on_processor(location, card)
    assert client.get(back)["Location"] == "/utility-billing/checkout/address/"
    response = client.post("/utility-billing/checkout/address/", {"street": "1 Main St", "city": "Minot",
                                                                 "state": "ND", "zip_code": "58701"})
    assert response["Location"] == "/utility-billing/checkout/review/"
    return back


def test_a_bill_is_paid_once_however_often_submit_is_pressed(processor, owing, client):
    balance = owing.balance
    back = to_review(client, owing)
    first = client.post("/utility-billing/checkout/review/")
    again = client.post("/utility-billing/checkout/review/")
    assert first.status_code == 302 and first["Location"].startswith("/utility-billing/payments/PAY-")
    assert again.status_code == 302 and again["Location"] == "/utility-billing/cart/"
    payment = OnlinePayment.objects.get()
    assert payment.amount == balance and payment.last4 == "1111"
    assert list(Payment.objects.filter(online_payment=payment).values_list("amount", flat=True)) == [balance]
    assert len(processor.processor.charges) == 1
    owing.refresh_from_db()
    assert owing.balance == 0
    confirmation = client.get(first["Location"]).content.decode()
    assert payment.reference in confirmation and "ending in 1111" in confirmation and CARD not in confirmation
    receipt = mail.outbox[-1]
    assert payment.reference in receipt.body and "1111" in receipt.body and CARD not in receipt.body
    # The processor's result, replayed after the payment, is not taken for another checkout.
    assert client.get(back)["Location"] == "/utility-billing/cart/"


def test_a_declined_card_records_nothing(processor, owing, client):
    to_review(client, owing, DECLINED)
    response = client.post("/utility-billing/checkout/review/")
    assert response.status_code == 200 and "declined" in response.content.decode()
    assert not OnlinePayment.objects.exists() and owing.balance > 0


def test_a_result_not_signed_by_the_processor_or_for_another_checkout_is_refused(processor, owing, client):
    to_review(client, owing)
    reference = client.session[CHECKOUT]["reference"]
    forged = {"session": reference, "token": "tok_forged", "method": "card", "last4": "0000"}
    assert client.get("/utility-billing/checkout/return/?" + urlencode({**forged, "sig": "0" * 64}))["Location"] \
        == "/utility-billing/checkout/details/"
    other = signed(SECRET, {**forged, "session": "PAY-OTHER"})
    assert client.get("/utility-billing/checkout/return/?" + urlencode(other))["Location"] \
        == "/utility-billing/checkout/details/"
    assert client.session[CHECKOUT]["token"] != "tok_forged"


@pytest.mark.parametrize("amount", ["0.00", "-1.00", "BALANCE+0.01"])
def test_an_amount_outside_one_cent_and_the_balance_is_refused(processor, owing, client, amount):
    client.post("/utility-billing/cart/", {"checkout": "1"})
    value = f"{owing.balance + Decimal('0.01'):.2f}" if amount.startswith("BALANCE") else amount
    response = client.post("/utility-billing/checkout/amount/", {f"amount_{owing.number}": value})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert not client.session[CHECKOUT]["amounts"]


def test_the_processor_refuses_unsigned_requests_and_charges_a_reference_once(processor):
    url = f"http://127.0.0.1:{processor.server_address[1]}"
    with pytest.raises(HTTPError) as unsigned:
        urlopen(f"{url}/pay?merchant=x&session=s&amount=1.00&method=card&return=http://x/")  # noqa: S310
    assert unsigned.value.code == 400
    unsigned.value.close()
    server = processor.processor
    token = "tok_test"
    server.tokens[token] = {"number": CARD, "method": "card"}
    first = server.charge(signed(SECRET, {"token": token, "amount": "5.00", "reference": "PAY-1"}))
    second = server.charge(signed(SECRET, {"token": token, "amount": "5.00", "reference": "PAY-1"}))
    assert first[1]["status"] == "approved" and second[1].get("duplicate") == "1" and len(server.charges) == 1
    assert server.charge({"token": token, "amount": "5.00", "reference": "PAY-2", "sig": "bad"})[0] == 403
