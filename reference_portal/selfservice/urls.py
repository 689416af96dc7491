"""URLs of the signed-in pages."""

from django.urls import path

from reference_portal.selfservice import views

urlpatterns = [
    path("home/", views.HomeView.as_view(), name="home"),
    # "utility-billing" and its pages are the billing app's (reference_portal.billing.urls).
]
