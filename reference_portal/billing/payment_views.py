"""Manage Bills pages: "Add to Cart", the cart, the four checkout steps and the confirmation.

Thin views over reference_portal.billing.checkout and payment_forms; the card or bank account
number is typed on the processor's page, never on these.
"""

from __future__ import annotations

from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, View

from reference_portal import defects
from reference_portal.billing import emails
from reference_portal.billing.checkout import Cart, Checkout
from reference_portal.billing.payment_forms import (
    AddToCartForm,
    BillingAddressForm,
    PaymentAmountForm,
    PaymentMethodForm,
    SubmitPaymentForm,
)
from reference_portal.billing.views import AccountPage, BillingPage

STEP_TITLES = {"amount": "Step 1 of 4: Payment amount", "details": "Step 2 of 4: Payment details",
               "address": "Step 3 of 4: Billing address", "review": "Step 4 of 4: Review"}
STEP_URLS = {"amount": "checkout-amount", "details": "checkout-details", "address": "checkout-address",
             "review": "checkout-review"}


class ManageBillsView(AccountPage, FormView):
    """"Manage Bills": the account's bills; those still owing can be selected and added to the cart."""

    template_name = "billing/bills.html"
    form_class = AddToCartForm
    menu_item = "bills"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "account": self.get_account(), "resident": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(bills=self.get_account().bills.prefetch_related("payments"),
                                        in_cart=Cart(self.request).numbers, **kwargs)

    def form_valid(self, form):
        form.save(self.request)
        messages.success(self.request, "The selected bills are in your cart.")
        return redirect("billing-cart")


class CartView(BillingPage):
    """"Cart": the bills to pay, "Remove" each, "Checkout"."""

    template_name = "billing/cart.html"
    menu_item = "bills"

    def get_context_data(self, **kwargs):
        return super().get_context_data(bills=Cart(self.request).bills(), **kwargs)

    def post(self, request, *args, **kwargs):
        cart = Cart(request)
        if remove := request.POST.get("remove"):
            cart.remove(remove)
            return redirect("billing-cart")
        if not cart.bills():
            messages.error(request, "Your cart is empty. Select bills on Manage Bills and choose Add to Cart.")
            return redirect("billing-cart")
        Checkout(request).start()
        return redirect("checkout-amount")


class CheckoutStep(BillingPage, FormView):
    """A step of the checkout; without a checkout under way, the cart."""

    template_name = "billing/checkout_step.html"
    menu_item = "bills"
    step = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.checkout = Checkout(request)
        if self.checkout.state is None or not Cart(request).numbers:
            messages.info(request, "There is no payment under way. Select bills on Manage Bills to pay them.")
            return redirect("billing-cart")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(step_title=STEP_TITLES[self.step], checkout=self.checkout,
                                        amounts=self.checkout.amounts(), total=self.checkout.total(), **kwargs)

    def done(self):
        return redirect(STEP_URLS[self.checkout.next_step()])


class AmountView(CheckoutStep):
    step = "amount"
    form_class = PaymentAmountForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "bills": Cart(self.request).bills(),
                "initial_amounts": self.checkout.state.get("amounts")}

    def form_valid(self, form):
        form.save(self.checkout)
        return self.done()


class DetailsView(CheckoutStep):
    step = "details"
    form_class = PaymentMethodForm

    def form_valid(self, form):
        back = self.request.build_absolute_uri(reverse("checkout-processor-return"))
        target = self.checkout.processor_url(form.cleaned_data["method"], back)
        if defects.active("card-number-posted-to-portal"):
            # The defect: the portal took the numbers itself and passes them on to the processor.
            fields = {**self.checkout.processor_request(form.cleaned_data["method"], back),
                      **{k: form.cleaned_data[k] for k in ("card_number", "expiry", "security_code", "holder")}}
            status, headers, _ = forward(f"{settings.PAYMENT_PROCESSOR_URL}/pay", "POST", urlencode(fields).encode())
            target = headers.get("Location") or target
        self.checkout.update(token="")
        return HttpResponseRedirect(target)


class ProcessorReturnView(BillingPage):
    """Where the processor sends the browser back: a signed result for this checkout, taken once."""

    def get(self, request, *args, **kwargs):
        checkout = Checkout(request)
        if not checkout.accept_result(request.GET.dict()):
            messages.error(request, "The payment processor's answer could not be accepted. Enter the payment details again.")
            return redirect("checkout-details" if checkout.state else "billing-cart")
        return redirect(STEP_URLS[checkout.next_step()])


class AddressView(CheckoutStep):
    step = "address"
    form_class = BillingAddressForm

    def get_initial(self):
        return self.checkout.state.get("address") or {}

    def form_valid(self, form):
        form.save(self.checkout)
        return self.done()


class ReviewView(CheckoutStep):
    step = "review"
    form_class = SubmitPaymentForm
    template_name = "billing/checkout_review.html"

    def get(self, request, *args, **kwargs):
        if self.checkout.next_step() != "review":
            return self.done()
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "checkout": self.checkout}

    def form_valid(self, form):
        payment = form.payment
        pan = self.request.session.pop("billing_last_pan", "")
        emails.send_payment_receipt(self.request, payment, pan)
        if pan:
            self.request.session["billing_shown_pan"] = pan
        return redirect("payment-confirmation", reference=payment.reference)


class ConfirmationView(BillingPage):
    """The confirmation: the payment reference, what was paid, the card or bank by its last four digits."""

    template_name = "billing/payment_confirmation.html"
    menu_item = "bills"

    def get_context_data(self, **kwargs):
        payment = get_object_or_404(self.request.user.online_payments, reference=self.kwargs["reference"])
        return super().get_context_data(payment=payment, paid=payment.payments.select_related("bill__account"),
                                        pan=self.request.session.get("billing_shown_pan", ""), **kwargs)


class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def forward(url: str, method: str, body: bytes | None = None) -> tuple[int, dict, bytes]:
    request = Request(url, data=body, method=method,
                      headers={"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {})
    try:
        with build_opener(_NoRedirects).open(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except HTTPError as answer:
        with answer:
            return answer.code, dict(answer.headers), answer.read()


@method_decorator(csrf_exempt, name="dispatch")
class ProcessorProxyView(View):
    """The defect "processor-on-portal-origin": the processor's page served from the portal's own origin."""

    def dispatch(self, request, *args, **kwargs):
        if not defects.active("processor-on-portal-origin"):
            raise Http404("No such page.")
        query = urlsplit(request.get_full_path()).query
        status, headers, body = forward(f"{settings.PAYMENT_PROCESSOR_URL}/{kwargs['rest']}?{query}", request.method,
                                        request.body if request.method == "POST" else None)
        response = HttpResponse(body, status=status, content_type=headers.get("Content-Type", "text/html"))
        if "Location" in headers:
            response["Location"] = headers["Location"]
        return response
