"""Every form of the reference portal under bad input (Hypothesis): refused with a form error or a 4xx,
never a server error, and a refused post stores nothing and sends nothing.

Each form is posted generated values: empty, huge, control characters and NUL, mixed scripts,
SQL and HTML fragments, wrong types (files, raw bodies), fields repeated, missing or unknown, mixed
with the right values so that some posts get past the first check. Both editions and the variants
that bring forms of their own. Each example runs in a transaction rolled back after it, on the same
fixed data, and Hypothesis is derandomized, so a run is reproducible.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reference_portal.billing.models import (
    AccountLink,
    EftEnrolment,
    RememberedSearch,
    UtilityAccount,
)
from reference_portal.billing.seed import seed_billing
from reference_portal.editions import EDITIONS
from reference_portal.identity import codes
from reference_portal.identity.models import Resident, VerificationCode
from reference_portal.identity.tokens import activation_token_generator, reset_token_generator
from reference_portal.permits.models import PermitAccount, PermitLink

PASSWORD = "correct horse battery staple lamp"
NEW_PASSWORD = "a brand new passphrase for the portal"
# Argon2 is slow on purpose; here that would spend the time on hashing instead of on input.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
BANK = {"bank_name": "First Prairie Bank", "routing_number": "011000015", "account_type": "checking",
        "bank_account_number": "000123456789", "agree": "on"}

# What attackers and unlucky residents type: injections, markup, odd Unicode, numbers that are not.
NASTY = ["", " ", "\x00", "a\x00b", "\x00" * 10, "\r\n", "\t\x0b\x0c", "\x1b[31m", "\ufeff", "\u202egnp.exe",
         "'; DROP TABLE identity_resident; --", "' OR '1'='1", "1 OR 1=1", "%' AND 1=1 --", "\\", "%00",
         "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{ 7*7 }}", "{% debug %}", "${7*7}",
         "../../etc/passwd", "jane@example.test\r\nBcc: all@example.test", "Zoë Ölçer", "Пётр", "مرحبا",
         "日本語の名前", "🏠💧🚰", "١٢٣٤٥٦", "１２３４５６", "-1", "0", "1e309", "NaN", "-0", "0x1F", "null",
         "true", "[]", "{}", "9" * 40, "0" * 13, "1234\n", " 1234 ", "$1,000,000.999", "$-5.00"]
HUGE = st.builds(lambda piece, times: piece * times, st.sampled_from(["x", "9", "é", "\x00", "<a>", "@"]),
                 st.integers(300, 20_000))


@dataclass
class World:
    """The fixed data every example starts from."""

    resident: Resident
    newcomer: Resident  # signed up, not yet verified
    enrolled: UtilityAccount  # linked to the resident, paying by EFT
    linked: UtilityAccount  # linked to the resident, not enrolled
    permit: PermitAccount
    code: str
    good: dict[str, list[str]] = field(default_factory=dict)


def build_world() -> World:
    hashed = make_password(PASSWORD)
    data = seed_billing(7, accounts=2, returning=1)
    enrolled, linked = (UtilityAccount.objects.get(account_number=a["account_number"])
                        for a in data["utility_accounts"])
    resident = Resident.objects.create(email="pat@example.test", password=hashed, first_name="Pat",
                                       last_name="Resident", is_active=True, email_confirmed=True)
    newcomer = Resident.objects.create(email="new@example.test", password=hashed, first_name="New",
                                       last_name="Comer")
    for account in (enrolled, linked):
        AccountLink.objects.create(resident=resident, account=account)
    EftEnrolment.objects.create(account=enrolled, enrolled_by=resident, bank_name="Bank", routing_number="011000015",
                                account_type="checking", bank_account_last4="6789", bank_account_token="t" * 32,
                                draft_day=20)
    permit = PermitAccount.objects.create(number="PA-000001", holder_name="Pat Resident",
                                          email="holder@permits.example.test", pin="4321")
    world = World(resident, newcomer, enrolled, linked, permit, codes.issue(newcomer))
    latest = linked.bills.order_by("-bill_date").first()
    # Right values, so that generated posts also reach the checks behind the first field's.
    world.good = {
        "email": [resident.email, newcomer.email, permit.email, "someone@example.test"],
        "username": [resident.email, newcomer.email],
        "password": [PASSWORD, NEW_PASSWORD], "old_password": [PASSWORD], "current_password": [PASSWORD],
        "new_password1": [NEW_PASSWORD], "new_password2": [NEW_PASSWORD],
        "first_name": ["Jo"], "last_name": ["Resident"], "remember_me": ["on"], "remember": ["on"],
        "account_number": [enrolled.account_number, linked.account_number],
        "customer_id": [enrolled.customer.customer_id, linked.customer.customer_id],
        "pin": [permit.pin, linked.bill_pin, ""], "code": [world.code], "action": ["reset", "resend", "search"],
        "total_amount_due": [str(latest.amount), f"${latest.amount}"],
        "delivery_preference": ["email", "mail"], **{name: [value] for name, value in BANK.items()},
    }
    return world


@dataclass(frozen=True)
class PortalForm:
    """One form: where it is, what it asks, and what a successful post answers."""

    name: str
    path: Callable[[World], str] | str
    fields: tuple[str, ...]
    succeeded: Callable[[object], bool]
    edition: str = "community-access"
    variants: tuple[str, ...] = ()
    signed_in: bool = False
    # Moves the e-mailed link's token into the client's session; returns the form's path.
    follow_link: Callable[[Client, World], str] | None = None
    # What a refused post may still change: the failed sign-in count that leads to lockout.
    may_change: tuple[str, ...] = ()


def redirect_to(*paths: str) -> Callable[[object], bool]:
    return lambda response: response.status_code == 302 and response["Location"].split("?")[0] in paths


def next_page(response) -> bool:
    """A 200 that is the next step of a flow (its form, if any, without errors)."""
    return response.status_code == 200 and not form_errors(response)


def either(*checks: Callable[[object], bool]) -> Callable[[object], bool]:
    return lambda response: any(check(response) for check in checks)


def uid(resident: Resident) -> str:
    return urlsafe_base64_encode(force_bytes(resident.pk))


def reset_link(client: Client, world: World) -> str:
    link = f"/reset/{uid(world.resident)}/{reset_token_generator.make_token(world.resident)}/"
    return client.get(link)["Location"]


def activation_link(client: Client, world: World) -> str:
    link = f"/activate/{uid(world.newcomer)}/{activation_token_generator.make_token(world.newcomer)}/"
    return client.get(link)["Location"]


def account_path(world: World, account: str, page: str) -> str:
    return f"/utility-billing/accounts/{getattr(world, account).account_number}/{page}"


SIGN_IN = ("username", "password", "remember_me")
SIGN_UP = ("email", "password", "first_name", "last_name")
EFT = ("bank_name", "routing_number", "account_type", "bank_account_number", "agree")
FORMS = [
    PortalForm("sign-in", "/sign-in/", SIGN_IN, redirect_to("/home/"),
               may_change=("failed_sign_ins", "locked_at")),
    PortalForm("sign-up", "/sign-up/", SIGN_UP, redirect_to("/sign-up/sent/")),
    PortalForm("forgot-password", "/forgot-password/", ("email",), redirect_to("/forgot-password/sent/")),
    PortalForm("unlock-account", "/unlock-account/", ("email",), redirect_to("/unlock-account/sent/")),
    PortalForm("reset-password", "", ("new_password1", "new_password2"), redirect_to("/reset/done/"),
               follow_link=reset_link),
    PortalForm("password-change", "/password/change/", ("old_password", "new_password1", "new_password2"),
               redirect_to("/password/change/done/"), signed_in=True),
    PortalForm("admin-sign-in", "/admin/login/", ("username", "password"), redirect_to("/admin/"),
               may_change=("failed_sign_ins", "locked_at")),
    PortalForm("account-link", "/utility-billing/accounts/link/", ("account_number", "customer_id"),
               redirect_to("/utility-billing/accounts/"), signed_in=True),
    # "Reset" answers the empty form: nothing searched, nothing stored.
    PortalForm("billing-search", "/utility-billing/", ("account_number", "customer_id", "remember", "action"),
               either(redirect_to("/utility-billing/"), next_page), signed_in=True),
    PortalForm("delivery-preference", lambda w: account_path(w, "linked", "delivery/"), ("delivery_preference",),
               lambda r: r.status_code == 302, signed_in=True),
    PortalForm("eft-sign-up", lambda w: account_path(w, "linked", "eft/"), EFT,
               lambda r: r.status_code == 302, signed_in=True),
    PortalForm("eft-change", lambda w: account_path(w, "enrolled", "eft/change/"), ("current_password", *EFT[:-1]),
               lambda r: r.status_code == 302, signed_in=True),
    PortalForm("add-to-cart", lambda w: account_path(w, "linked", "bills/"), ("bills",),
               redirect_to("/utility-billing/cart/"), signed_in=True),
    # Variants whose forms the default portal does not have.
    # Without a password the post is the address step, whose "Next" answers the password step.
    PortalForm("two-step-sign-in", "/sign-in/", SIGN_IN, either(redirect_to("/home/"), next_page),
               variants=("two-step-sign-in",), may_change=("failed_sign_ins", "locked_at")),
    PortalForm("code-verification", "/verify/", ("email", "code", "action"),
               either(redirect_to("/verify/"), next_page), variants=("code-verification",)),
    PortalForm("password-again", "", ("password",), next_page, variants=("password-again",),
               follow_link=activation_link),
    PortalForm("reset-without-confirm", "", ("new_password1",), redirect_to("/reset/done/"),
               variants=("reset-without-confirm",), follow_link=reset_link),
    # Citizen Access.
    PortalForm("citizen-sign-in", "/sign-in/", SIGN_IN, redirect_to("/home/", "/account-activated/"),
               edition="citizen-access", may_change=("failed_sign_ins", "locked_at")),
    PortalForm("citizen-sign-up", "/sign-up/", SIGN_UP, redirect_to("/sign-up/sent/"), edition="citizen-access"),
    PortalForm("permits-link", "/permits/link/add/", ("pin", "email"), redirect_to("/permits/link/done/"),
               edition="citizen-access", signed_in=True),
    PortalForm("utility-pay-link", "/utility-pay/link/add/", ("account_number", "pin"),
               redirect_to("/utility-pay/link/done/"), edition="citizen-access", signed_in=True),
    PortalForm("utility-pay-total-amount-due", "/utility-pay/link/add/", ("account_number", "total_amount_due"),
               redirect_to("/utility-pay/link/done/"), edition="citizen-access", signed_in=True,
               variants=("total-amount-due",)),
]


def form_errors(response) -> bool:
    """Whether the page re-rendered a form with errors (Django's test client keeps the context)."""
    form = response.context.get("form") if response.context is not None else None
    return bool(form is not None and form.errors)


def snapshot(may_change: tuple[str, ...]) -> dict[str, list[dict]]:
    """The rows a form could change, without the fields a refusal may change."""
    stored = {model.__name__: [{k: v for k, v in row.items() if k not in may_change}
                               for row in model.objects.order_by("pk").values()]
              for model in (Resident, VerificationCode, AccountLink, EftEnrolment, RememberedSearch,
                            UtilityAccount, PermitAccount, PermitLink)}
    return {**stored, "mail": [message.subject for message in mail.outbox]}


def value_for(name: str, world: World) -> st.SearchStrategy:
    return st.one_of(st.sampled_from(world.good.get(name, ["x"])), st.sampled_from(NASTY), st.text(max_size=40),
                     st.emails().map(str), st.from_regex(r"[0-9]{1,20}", fullmatch=True), HUGE)


@st.composite
def posts(draw, form: PortalForm, world: World) -> tuple[str, dict]:
    """Keyword arguments for Client.post: a form body (values, lists, files, extras) or a raw body."""
    shape = draw(st.sampled_from(["form"] * 6 + ["raw", "json"]))
    if shape == "raw":
        body = draw(st.binary(max_size=300) | st.sampled_from([b"a=%ff%fe&b=\xff", b"=&=&&", b"x" * 3_000_000]))
        content_type = draw(st.sampled_from(["application/x-www-form-urlencoded", "multipart/form-data",
                                             "multipart/form-data; boundary=zz", "text/plain"]))
        return {"data": body, "content_type": content_type}
    if shape == "json":
        return {"data": {name: draw(value_for(name, world)) for name in form.fields},
                "content_type": "application/json"}
    data: dict[str, object] = {}
    for name in form.fields:
        kind = draw(st.sampled_from(["value"] * 5 + ["missing", "repeated", "file"]))
        if kind == "value":
            data[name] = draw(value_for(name, world))
        elif kind == "repeated":
            data[name] = draw(st.lists(value_for(name, world), min_size=2, max_size=3))
        elif kind == "file":
            data[name] = SimpleUploadedFile("bill.pdf", b"%PDF-1.4 \x00\xff", content_type="application/pdf")
    extras = draw(st.dictionaries(st.sampled_from(["is_active", "is_staff", "pk", "resident", "account",
                                                   "next", "csrfmiddlewaretoken", "\x00", "a" * 300]),
                                  st.sampled_from(NASTY), max_size=2))
    return {"data": {**extras, **data}}


@contextlib.contextmanager
def portal_as(form: PortalForm):
    edition = EDITIONS[form.edition]
    with override_settings(PORTAL_EDITION=edition.slug, PORTAL_PRODUCT_NAME=edition.product_name,
                           PORTAL_VARIANTS=form.variants):
        yield


@pytest.fixture
def world(db) -> World:
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield build_world()


@pytest.mark.parametrize("form", FORMS, ids=[form.name for form in FORMS])
@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(data=st.data())
def test_a_form_refuses_bad_input_without_a_server_error_or_a_change(form: PortalForm, world: World, data):
    post = data.draw(posts(form, world), label="post")
    with portal_as(form), transaction.atomic():
        cache.clear()  # the linking throttle counts in the cache: each example starts unthrottled
        client = Client(raise_request_exception=False)
        if form.signed_in:
            client.force_login(world.resident)
        path = form.follow_link(client, world) if form.follow_link else form.path
        path = path(world) if callable(path) else path
        mail.outbox = []
        before = snapshot(form.may_change)
        response = client.post(path, **post)
        assert response.status_code != 500, f"{form.name}: server error for {post!r}"
        if not form.succeeded(response):
            assert 400 <= response.status_code < 500 or (response.status_code == 200 and form_errors(response)), (
                response.status_code, response.get("Location"))
            assert snapshot(form.may_change) == before, f"{form.name}: a refused post changed what is stored"
        transaction.set_rollback(True)
