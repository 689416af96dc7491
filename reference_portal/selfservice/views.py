"""Signed-in pages: the Citizen Self Service home, and the base every signed-in page builds on."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView


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
