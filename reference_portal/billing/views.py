"""Utility Billing pages: thin views over the forms and the resident's own linked accounts."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from django.views.generic import FormView, View

from reference_portal import defects, variants
from reference_portal.billing import chart, emails
from reference_portal.billing.forms import (
    DRAFT_DAY,
    DeliveryPreferenceForm,
    EftBankChangeForm,
    EftEnrolmentForm,
    LinkAccountForm,
    UtilityBillingSearchForm,
)
from reference_portal.billing.models import EftEnrolment, UtilityAccount
from reference_portal.editions import EditionPageMixin
from reference_portal.selfservice.views import SignedInPage

SELECTED = "utility_billing_account"  # session key: the account the menu's pages work with


class BillingPage(EditionPageMixin, SignedInPage):
    """A Utility Billing page, with the module's menu; only editions with the module have it."""

    module = nav_section = "utility-billing"
    menu_item = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(menu_item=self.menu_item, **kwargs)


class AccountPage(BillingPage):
    """A page about one account; only an account linked to this resident exists here (else 404)."""

    def get_account(self) -> UtilityAccount:
        if not hasattr(self, "_account"):
            accounts = (UtilityAccount.objects if defects.active("billing-any-account-by-url")
                        else self.request.user.utility_accounts)
            self._account = get_object_or_404(accounts.select_related("customer"),
                                              account_number=self.kwargs["account_number"])
            self.request.session[SELECTED] = self._account.account_number
        return self._account

    def get_context_data(self, **kwargs):
        return super().get_context_data(account=self.get_account(), **kwargs)


class UtilityBillingView(BillingPage):
    """"search-behind-link": the "Utility Billing" tab, whose link "Search for an account" opens the search."""

    template_name = "billing/utility_billing.html"


class SearchView(BillingPage, FormView):
    """The "Utility Billing" tab: search by Account Number and Customer ID (Pinellas Park).

    "search-behind-link": the same form, at the address of the tab's link; it posts to where it is.
    """

    template_name = "billing/search.html"
    form_class = UtilityBillingSearchForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "resident": self.request.user}

    def get_initial(self):
        return UtilityBillingSearchForm.remembered_initial(self.request.user)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "reset":
            # "Reset" empties the form without searching; remembered values stay saved.
            return self.render_to_response(self.get_context_data(form=self.form_class(resident=request.user)))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        account = form.save()
        return redirect(f"{self.request.path}?found={account.account_number}")

    def get_context_data(self, **kwargs):
        found = self.request.user.utility_accounts.filter(account_number=self.request.GET.get("found", ""))
        return super().get_context_data(results=list(found), **kwargs)


class AccountsView(BillingPage):
    """"Accounts": the linked accounts, or "No Utility Billing accounts have been linked to this user."."""

    template_name = "billing/accounts.html"
    menu_item = "accounts"

    def get_context_data(self, **kwargs):
        return super().get_context_data(accounts=self.request.user.utility_accounts.all(), **kwargs)


class LinkAccountView(BillingPage, FormView):
    """"Account Link Setup": the account ID and CID from the bill (Minot)."""

    template_name = "billing/link_account.html"
    form_class = LinkAccountForm
    menu_item = "accounts"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "resident": self.request.user}

    def form_valid(self, form):
        account = form.save()
        messages.success(self.request, f"Account {account.account_number} is linked to your profile.")
        if variants.active("lands-on-summary"):
            return redirect("billing-summary", account_number=account.account_number)
        return redirect("billing-accounts")


class SelectedAccountView(BillingPage):
    """A menu item (Account Summary, Manage Bills, EFT): the selected account's page, or Accounts."""

    target = ""

    def get(self, request, *args, **kwargs):
        accounts = request.user.utility_accounts
        account = accounts.filter(account_number=request.session.get(SELECTED, "")).first() or accounts.first()
        if account is None:
            return redirect("billing-accounts")
        return redirect(self.target, account_number=account.account_number)


class SummaryView(AccountPage):
    """"Account Summary": billing account, balance, payments, customer and services (Minot)."""

    template_name = "billing/summary.html"
    menu_item = "summary"

    def get_context_data(self, **kwargs):
        account = self.get_account()
        bills = account.bills.prefetch_related("payments")
        return super().get_context_data(
            balance=account.balance, open_bill=account.open_bill(),
            paid_bills=[b for b in bills if b.paid], services=account.services.all(), **kwargs)


class ConsumptionView(AccountPage):
    """"View Consumption": a metered service's monthly usage as a table and an SVG chart."""

    template_name = "billing/consumption.html"
    menu_item = "summary"

    def get_context_data(self, **kwargs):
        service = get_object_or_404(self.get_account().services, code=self.kwargs["code"])
        if not service.metered:
            raise Http404("This service has no metered consumption.")
        readings = list(service.consumption.all())
        return super().get_context_data(service=service, readings=readings,
                                        chart=chart.bar_chart(readings, service), **kwargs)


class BillDetailView(AccountPage):
    """"Bill details": one bill, as on paper, with the payments posted against it."""

    template_name = "billing/bill_detail.html"
    menu_item = "bills"

    def get_context_data(self, **kwargs):
        bill = get_object_or_404(self.get_account().bills, number=self.kwargs["bill_number"])
        return super().get_context_data(bill=bill, payments=bill.payments.all(), **kwargs)


class DeliveryPreferenceView(AccountPage, FormView):
    """"Bill Delivery Preference": Mail or Email."""

    template_name = "billing/delivery.html"
    form_class = DeliveryPreferenceForm
    menu_item = "summary"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_account()}

    def form_valid(self, form):
        account = form.save()
        messages.success(self.request,
                         f"Your bill delivery preference is now {account.get_delivery_preference_display()}.")
        return redirect("billing-summary", account_number=account.account_number)


class EftView(AccountPage, FormView):
    """"Automatic EFT Payments": the enrolment (last four digits only) or the form with the terms."""

    template_name = "billing/eft.html"
    form_class = EftEnrolmentForm
    menu_item = "eft"

    def get_context_data(self, **kwargs):
        enrolment = EftEnrolment.objects.filter(account=self.get_account()).first()
        return super().get_context_data(enrolment=enrolment, draft_day=DRAFT_DAY, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "account": self.get_account()}

    def form_valid(self, form):
        account = self.get_account()
        enrolment = form.save(resident=self.request.user)
        if enrolment is None:
            return self.form_invalid(form)
        emails.send_eft_enrolled(self.request, enrolment)
        done = "Automatic EFT payments are set up. We sent you a confirmation email."
        if defects.active("eft-number-shown-whole"):
            done += f" Bank account: {form.cleaned_data['bank_account_number']}."
        messages.success(self.request, done)
        return redirect("billing-eft", account_number=account.account_number)


class EftChangeView(AccountPage, FormView):
    """"Change bank account" for automatic payments; asks for the current password."""

    template_name = "billing/eft_change.html"
    form_class = EftBankChangeForm
    menu_item = "eft"

    def get(self, request, *args, **kwargs):
        if not EftEnrolment.objects.filter(account=self.get_account()).exists():
            return redirect("billing-eft", account_number=self.get_account().account_number)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "resident": self.request.user, "account": self.get_account()}

    def form_valid(self, form):
        account = self.get_account()
        enrolment = form.save(resident=self.request.user)
        if enrolment is None:
            return self.form_invalid(form)
        emails.send_eft_enrolled(self.request, enrolment)
        messages.success(self.request, "Automatic payments now come from the new bank account. We sent you a confirmation email.")
        return redirect("billing-eft", account_number=account.account_number)


@method_decorator(require_POST, name="dispatch")
class EftCancelView(AccountPage, View):
    """Cancel automatic EFT payments for the account."""

    def post(self, request, *args, **kwargs):
        account = self.get_account()
        EftEnrolment.objects.filter(account=account).delete()
        messages.success(request, "Automatic EFT payments are cancelled. No further drafts will be taken.")
        return redirect("billing-eft", account_number=account.account_number)


class ContactView(BillingPage):
    """"Contact Us": how to reach Utility Billing."""

    template_name = "billing/contact.html"
    menu_item = "contact"
