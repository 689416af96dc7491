"""Utility accounts as the city's billing system holds them, and residents' links to them."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Sum
from django.utils.crypto import constant_time_compare

from reference_portal.identity.models import normalize_email

digits = RegexValidator(r"^\d+$", "Use digits only.")
ZERO = Decimal("0.00")


class Customer(models.Model):
    """The person billed: "Customer Information" (Name, Address, Customer ID)."""

    customer_id = models.CharField("customer ID", max_length=12, unique=True, validators=[digits])
    name = models.CharField(max_length=200)
    mailing_address = models.CharField("mailing address", max_length=200)
    mailing_city_line = models.CharField("city, state and ZIP", max_length=200)

    class Meta:
        ordering = ("customer_id",)

    def __str__(self):
        return f"{self.customer_id} {self.name}"


class UtilityAccount(models.Model):
    """A utility billing account: one service location billed to one customer."""

    class Delivery(models.TextChoices):
        MAIL = "mail", "Mail"
        EMAIL = "email", "Email"

    account_number = models.CharField("account number", max_length=12, unique=True, validators=[digits])
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="accounts")
    service_address = models.CharField("service address", max_length=200)
    route = models.CharField(max_length=10, blank=True)
    # Printed on each bill; Citizen Access "Utility Pay" links by account number + this PIN.
    bill_pin = models.CharField("bill PIN", max_length=8,
                                validators=[RegexValidator(r"^\d{4,8}$", "A PIN is 4 to 8 digits.")])
    delivery_preference = models.CharField("bill delivery preference", max_length=5,
                                           choices=Delivery.choices, default=Delivery.MAIL)
    residents = models.ManyToManyField(settings.AUTH_USER_MODEL, through="AccountLink",
                                       related_name="utility_accounts", blank=True)

    class Meta:
        ordering = ("account_number",)
        verbose_name = "utility account"

    def __str__(self):
        return self.account_number

    def matches(self, customer_id: str) -> bool:
        return constant_time_compare(self.customer.customer_id, customer_id)

    def pin_matches(self, pin: str) -> bool:
        return constant_time_compare(self.bill_pin, pin)

    @property
    def balance(self) -> Decimal:
        """Amount due now: everything billed less everything paid."""
        billed = self.bills.aggregate(total=Sum("amount"))["total"] or ZERO
        paid = Payment.objects.filter(bill__account=self).aggregate(total=Sum("amount"))["total"] or ZERO
        return max(billed - paid, ZERO)

    def open_bill(self) -> Bill | None:
        """The latest bill still owing, whose due date is the "Payment Due Date"."""
        return next((bill for bill in self.bills.order_by("-bill_date") if bill.balance > 0), None)


class AccountLink(models.Model):
    """A resident's login linked to a utility account."""

    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    account = models.ForeignKey(UtilityAccount, on_delete=models.CASCADE)
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("resident", "account"), name="one_link_per_account")]


class Service(models.Model):
    """A service on an account ("WATER 1000", "SEWER 2000", "MXU"), metered or not."""

    account = models.ForeignKey(UtilityAccount, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(max_length=40)
    code = models.CharField(max_length=10)
    start_date = models.DateField("start date")
    stop_date = models.DateField("stop date", null=True, blank=True)
    status = models.CharField(max_length=10, default="ACTIVE")
    unit = models.CharField("consumption unit", max_length=20, blank=True,
                            help_text="Empty for a service without metered consumption.")

    class Meta:
        ordering = ("account", "code")

    def __str__(self):
        return f"{self.name} {self.code}"

    @property
    def metered(self) -> bool:
        return bool(self.unit)


class Consumption(models.Model):
    """One month's metered usage of a service."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="consumption")
    month = models.DateField(help_text="The first day of the month read.")
    usage = models.PositiveIntegerField()

    class Meta:
        ordering = ("service", "month")
        constraints = [models.UniqueConstraint(fields=("service", "month"), name="one_reading_per_month")]


class Bill(models.Model):
    """A bill sent for an account."""

    account = models.ForeignKey(UtilityAccount, on_delete=models.CASCADE, related_name="bills")
    number = models.CharField("bill number", max_length=12, unique=True)
    bill_date = models.DateField("bill date")
    due_date = models.DateField("due date")
    amount = models.DecimalField(max_digits=9, decimal_places=2)

    class Meta:
        ordering = ("account", "-bill_date")

    def __str__(self):
        return self.number

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments.all()), ZERO)

    @property
    def balance(self) -> Decimal:
        return max(self.amount - self.paid, ZERO)

    @property
    def last_posted(self):
        return max((p.posted_on for p in self.payments.all()), default=None)


class Payment(models.Model):
    """A payment posted against a bill."""

    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="payments")
    posted_on = models.DateField("posted on")
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    method = models.CharField(max_length=40, default="Check")
    online_payment = models.ForeignKey("OnlinePayment", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="payments")

    class Meta:
        ordering = ("bill", "posted_on")


class OnlinePayment(models.Model):
    """A payment made in "Manage Bills", charged by the payment processor under its reference.

    The portal never holds the card or bank account number: only the processor's single-use
    token (vaulted by the processor), the last four digits and the
    processor's authorisation code. The reference is unique: one charge, one record.
    """

    reference = models.CharField("payment reference", max_length=20, unique=True)
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="online_payments")
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    method = models.CharField(max_length=10)  # "card" or "echeck"
    last4 = models.CharField("last four digits", max_length=4)
    processor_token = models.CharField(max_length=64)
    authorization = models.CharField(max_length=20)
    billing_address = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    @property
    def method_display(self) -> str:
        return f"{'Card' if self.method == 'card' else 'Bank account'} ending in {self.last4}"


class EftEnrolment(models.Model):
    """Automatic EFT payments for an account.

    The full bank account number is never stored: only its last four digits (to show) and a
    random token standing for it (what a payment processor's vault would hand back).
    """

    class AccountType(models.TextChoices):
        CHECKING = "checking", "Checking"
        SAVINGS = "savings", "Savings"

    account = models.OneToOneField(UtilityAccount, on_delete=models.CASCADE, related_name="eft")
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    bank_name = models.CharField("bank name", max_length=100)
    routing_number = models.CharField("routing number", max_length=9)
    account_type = models.CharField("account type", max_length=8, choices=AccountType.choices)
    bank_account_last4 = models.CharField("bank account (last four digits)", max_length=4)
    bank_account_token = models.CharField(max_length=64, unique=True)
    draft_day = models.PositiveSmallIntegerField("draft day of the month")
    enrolled_at = models.DateTimeField(auto_now_add=True)

    @property
    def masked_bank_account(self) -> str:
        return f"****{self.bank_account_last4}"


class RememberedSearch(models.Model):
    """"Remember these values": the Utility Billing search values saved on a resident's profile."""

    resident = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="remembered_search")
    account_number = models.CharField("account number", max_length=12)
    customer_id = models.CharField("customer ID", max_length=12)


class PreviousRegistration(models.Model):
    """An e-mail from the portal's previous registration, with the accounts it had linked.

    When a resident signs up again with this address and activates, the accounts are linked to
    the new login (Pinellas Park step 9).
    """

    email = models.EmailField(unique=True)
    accounts = models.ManyToManyField(UtilityAccount, related_name="previous_registrations")

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)
