"""The e-mails the Utility Billing app sends: the EFT confirmation, with the bank account masked."""

from __future__ import annotations

from django.urls import reverse

from reference_portal.billing.forms import DRAFT_DAY
from reference_portal.identity.emails import send_templated


def send_eft_enrolled(request, enrolment) -> None:
    """Confirm automatic payments to the resident who set them up; only the last four digits appear."""
    account = enrolment.account
    url = request.build_absolute_uri(reverse("billing-eft", kwargs={"account_number": account.account_number}))
    send_templated("billing/emails/eft_enrolled", request.user.email,
                   {"enrolment": enrolment, "account": account, "draft_day": DRAFT_DAY, "eft_url": url})


def send_payment_receipt(request, payment, pan: str = "") -> None:
    """The receipt for a Manage Bills payment: its reference and the last four digits only
    (`pan` is the whole number, which only the defect "card-number-shown-whole" has)."""
    send_templated("billing/emails/payment_receipt", request.user.email, {"payment": payment, "pan": pan})
