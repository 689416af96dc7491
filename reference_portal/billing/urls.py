"""URLs of the Utility Billing module; every account page is keyed by an account linked to the resident."""

from django.urls import path

from reference_portal.billing import views

ACCOUNT = "utility-billing/accounts/<str:account_number>/"

urlpatterns = [
    path("utility-billing/", views.SearchView.as_view(), name="utility-billing"),
    path("utility-billing/accounts/", views.AccountsView.as_view(), name="billing-accounts"),
    path("utility-billing/accounts/link/", views.LinkAccountView.as_view(), name="billing-link"),
    path("utility-billing/summary/", views.SelectedAccountView.as_view(target="billing-summary"),
         name="billing-selected-summary"),
    path("utility-billing/bills/", views.SelectedAccountView.as_view(target="billing-bills"),
         name="billing-selected-bills"),
    path("utility-billing/eft/", views.SelectedAccountView.as_view(target="billing-eft"),
         name="billing-selected-eft"),
    path("utility-billing/contact/", views.ContactView.as_view(), name="billing-contact"),
    path(ACCOUNT, views.SummaryView.as_view(), name="billing-summary"),
    path(ACCOUNT + "services/<str:code>/consumption/", views.ConsumptionView.as_view(), name="billing-consumption"),
    path(ACCOUNT + "bills/", views.BillsView.as_view(), name="billing-bills"),
    path(ACCOUNT + "bills/<str:bill_number>/", views.BillDetailView.as_view(), name="billing-bill"),
    path(ACCOUNT + "delivery/", views.DeliveryPreferenceView.as_view(), name="billing-delivery"),
    path(ACCOUNT + "eft/", views.EftView.as_view(), name="billing-eft"),
    path(ACCOUNT + "eft/cancel/", views.EftCancelView.as_view(), name="billing-eft-cancel"),
    path(ACCOUNT + "eft/change/", views.EftChangeView.as_view(), name="billing-eft-change"),
]
