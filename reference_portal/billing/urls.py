"""URLs of the Utility Billing module; every account page is keyed by an account linked to the resident.

`patterns(variants)`: with "search-behind-link" the "Utility Billing" tab opens a page that links
to the search form ("Search for an account") instead of holding it.
"""

from django.urls import path

from reference_portal.billing import payment_views, views

ACCOUNT = "utility-billing/accounts/<str:account_number>/"


def patterns(variants: frozenset[str] = frozenset()) -> list:
    if "search-behind-link" in variants:
        tab = [path("utility-billing/", views.UtilityBillingView.as_view(), name="utility-billing"),
               path("utility-billing/search/", views.SearchView.as_view(), name="billing-search")]
    else:
        tab = [path("utility-billing/", views.SearchView.as_view(), name="utility-billing")]
    return tab + MODULE_PAGES


MODULE_PAGES = [
    path("utility-billing/accounts/", views.AccountsView.as_view(), name="billing-accounts"),
    path("utility-billing/accounts/link/", views.LinkAccountView.as_view(), name="billing-link"),
    path("utility-billing/summary/", views.SelectedAccountView.as_view(target="billing-summary"),
         name="billing-selected-summary"),
    path("utility-billing/bills/", views.SelectedAccountView.as_view(target="billing-bills"),
         name="billing-selected-bills"),
    path("utility-billing/eft/", views.SelectedAccountView.as_view(target="billing-eft"),
         name="billing-selected-eft"),
    path("utility-billing/contact/", views.ContactView.as_view(), name="billing-contact"),
    path("utility-billing/cart/", payment_views.CartView.as_view(), name="billing-cart"),
    path("utility-billing/checkout/amount/", payment_views.AmountView.as_view(), name="checkout-amount"),
    path("utility-billing/checkout/details/", payment_views.DetailsView.as_view(), name="checkout-details"),
    path("utility-billing/checkout/return/", payment_views.ProcessorReturnView.as_view(),
         name="checkout-processor-return"),
    path("utility-billing/checkout/address/", payment_views.AddressView.as_view(), name="checkout-address"),
    path("utility-billing/checkout/review/", payment_views.ReviewView.as_view(), name="checkout-review"),
    path("utility-billing/checkout/processor/<path:rest>", payment_views.ProcessorProxyView.as_view(),
         name="checkout-processor-proxy"),
    path("utility-billing/payments/<str:reference>/", payment_views.ConfirmationView.as_view(),
         name="payment-confirmation"),
    path(ACCOUNT, views.SummaryView.as_view(), name="billing-summary"),
    path(ACCOUNT + "services/<str:code>/consumption/", views.ConsumptionView.as_view(), name="billing-consumption"),
    path(ACCOUNT + "bills/", payment_views.ManageBillsView.as_view(), name="billing-bills"),
    path(ACCOUNT + "bills/<str:bill_number>/", views.BillDetailView.as_view(), name="billing-bill"),
    path(ACCOUNT + "delivery/", views.DeliveryPreferenceView.as_view(), name="billing-delivery"),
    path(ACCOUNT + "eft/", views.EftView.as_view(), name="billing-eft"),
    path(ACCOUNT + "eft/cancel/", views.EftCancelView.as_view(), name="billing-eft-cancel"),
    path(ACCOUNT + "eft/change/", views.EftChangeView.as_view(), name="billing-eft-change"),
]


urlpatterns = patterns()
