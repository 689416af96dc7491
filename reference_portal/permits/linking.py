"""The Citizen Access "Link Account..." procedure, the same under Permits and Utility Pay (flows.md B8-B9).

A module's home lists what is linked and offers "Link Account..."; that page offers "add
accounts", a form styled as a dialog; a valid form leads to a confirmation box, then back.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.views.generic import FormView

from reference_portal.editions import EditionPageMixin
from reference_portal.selfservice.views import SignedInPage


class ModulePage(EditionPageMixin, SignedInPage):
    """A signed-in page of one Citizen Access module; subclasses name the module and its form."""

    module = ""  # also the URL-name prefix: "<module>", "<module>-link", "<module>-add", "<module>-linked"
    title = ""
    columns: tuple[str, str] = ("Account", "Name")

    @property
    def nav_section(self):
        return self.module

    def linked_accounts(self) -> list[tuple[str, str]]:
        """(number, name) of each account the resident has linked in this module."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            module_title=self.title, columns=self.columns, linked=self.linked_accounts(),
            urls={"home": self.module, **{step: f"{self.module}-{step}" for step in ("link", "add")}},
            **kwargs,
        )


class ModuleHomeView(ModulePage):
    template_name = "linking/module.html"


class LinkAccountView(ModulePage):
    """"Link Account...": the linked accounts and "add accounts"."""

    template_name = "linking/link_account.html"


class AddAccountsView(ModulePage, FormView):
    """"add accounts": the module's form; each matching account is linked at once."""

    template_name = "linking/add_accounts.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "resident": self.request.user}

    def form_valid(self, form):
        accounts = form.save()
        # For the confirmation box only; it shows what this submission linked, then forgets it.
        self.request.session[self.session_key()] = [self.describe(a) for a in accounts]
        return redirect(f"{self.module}-linked")

    def describe(self, account) -> tuple[str, str]:
        raise NotImplementedError

    def session_key(self) -> str:
        return f"_linked_{self.module}"


class AccountsLinkedView(ModulePage):
    """The confirmation box after linking; "ok" returns to the module's home."""

    template_name = "linking/linked.html"

    def get(self, request, *args, **kwargs):
        just_linked = request.session.pop(f"_linked_{self.module}", None)
        if not just_linked:
            return redirect(f"{self.module}-link")
        return self.render_to_response(self.get_context_data(just_linked=just_linked))
