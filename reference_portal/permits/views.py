"""Permits: link permit accounts by the e-mail on file (flows.md B8)."""

from __future__ import annotations

from reference_portal.permits import linking
from reference_portal.permits.forms import LinkPermitAccountsForm


class PermitsModule:
    """What the Permits module shows of a resident's linked permit accounts."""

    module = "permits"
    title = "Permits"
    columns = ("Permit Account", "Account Holder")
    form_class = LinkPermitAccountsForm

    def linked_accounts(self):
        return [self.describe(a) for a in self.request.user.permit_accounts.all()]

    @staticmethod
    def describe(account):
        return (account.number, account.holder_name)


class PermitsView(PermitsModule, linking.ModuleHomeView):
    pass


class PermitsLinkView(PermitsModule, linking.LinkAccountView):
    pass


class PermitsAddView(PermitsModule, linking.AddAccountsView):
    template_name = "permits/add_accounts.html"


class PermitsLinkedView(PermitsModule, linking.AccountsLinkedView):
    pass
