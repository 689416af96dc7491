"""Signed-in pages: the Citizen Self Service home, and the base every signed-in page builds on."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from reference_portal import defects


@method_decorator(never_cache, name="dispatch")
class SignedInPage(LoginRequiredMixin, TemplateView):
    """A page only a signed-in resident sees, never stored by browsers or proxies."""

    nav_section = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(nav_section=self.nav_section, **kwargs)


class HomeView(SignedInPage):
    """"Welcome to Citizen Self Service" with announcements and profile information."""

    template_name = "selfservice/home.html"
    nav_section = "home"


class CityWebsiteView(TemplateView):
    """The city's own page the guides start from (Minot's MyBill "View Your Bill", Pinellas Park's
    "Pay Utility Bill"): outside the portal, linking into it."""

    template_name = "city/website.html"

    def get_context_data(self, **kwargs):
        if defects.active("city-links-nowhere"):
            return super().get_context_data(view_your_bill="/city/nowhere/", pay_utility_bill="/city/nowhere/",
                                            **kwargs)
        # "Pay Utility Bill" opens the portal's Utility Billing, which asks a visitor to sign in.
        return super().get_context_data(view_your_bill=reverse("sign-in"), pay_utility_bill=reverse("utility-billing"),
                                        **kwargs)
