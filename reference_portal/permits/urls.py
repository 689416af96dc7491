"""URLs of the Permits and Utility Pay modules; each is named, as the linking templates refer to them by name."""

from django.urls import path

from reference_portal.permits import utility_pay, views

urlpatterns = [
    path("permits/", views.PermitsView.as_view(), name="permits"),
    path("permits/link/", views.PermitsLinkView.as_view(), name="permits-link"),
    path("permits/link/add/", views.PermitsAddView.as_view(), name="permits-add"),
    path("permits/link/done/", views.PermitsLinkedView.as_view(), name="permits-linked"),
    path("utility-pay/", utility_pay.UtilityPayView.as_view(), name="utility-pay"),
    path("utility-pay/link/", utility_pay.UtilityPayLinkView.as_view(), name="utility-pay-link"),
    path("utility-pay/link/add/", utility_pay.UtilityPayAddView.as_view(), name="utility-pay-add"),
    path("utility-pay/link/done/", utility_pay.UtilityPayLinkedView.as_view(), name="utility-pay-linked"),
]
