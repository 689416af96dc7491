"""URLs of the signed-in pages."""

from django.urls import path

from reference_portal.selfservice import views


def patterns(variants: frozenset[str] = frozenset()) -> list:
    # "other-paths": the signed-in home is /dashboard/ (and /home/ is no page).
    home = "dashboard/" if "other-paths" in variants else "home/"
    return [
        path(home, views.HomeView.as_view(), name="home"),
        path("city/", views.CityWebsiteView.as_view(), name="city-website"),
        # "utility-billing" and its pages are the billing app's (reference_portal.billing.urls).
    ]


urlpatterns = patterns()
