"""Utility Pay: link the water service by account number and the PIN printed on the bill (flows.md B9)."""

from __future__ import annotations

from reference_portal.permits import linking


class UtilityPayModule:
    """What the Utility Pay module shows of a resident's linked water accounts."""

    module = "utility-pay"
    title = "Utility Pay"
    columns = ("Account Number", "Service Address")

    def linked_accounts(self):
        return []


class UtilityPayView(UtilityPayModule, linking.ModuleHomeView):
    pass
