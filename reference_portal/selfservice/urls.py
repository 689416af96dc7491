"""URLs of the signed-in pages."""

from django.urls import path

from reference_portal.selfservice import views

urlpatterns = [
    path("home/", views.HomeView.as_view(), name="home"),
    # The utility-billing app replaces this placeholder and takes over the name.
    path("utility-billing/", views.UtilityBillingPlaceholderView.as_view(), name="utility-billing"),
]
