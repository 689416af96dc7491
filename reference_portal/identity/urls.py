"""URLs of the identity flows; every one is named, without a namespace, as profiles refer to them."""

from django.urls import path
from django.views.generic import RedirectView, TemplateView

from reference_portal.identity import views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="sign-in"), name="index"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-in/<slug:provider>/", views.SocialSignInView.as_view(), name="social-sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("sign-up/", views.SignUpView.as_view(), name="sign-up"),
    path("sign-up/sent/", views.SignUpSentView.as_view(), name="sign-up-sent"),
    path("sign-up/check-email/", views.CheckEmailView.as_view(), name="check-email"),
    path("account-activated/", views.AccountEnabledView.as_view(), name="account-enabled"),
    # "confirm" first: it would otherwise match as a token.
    path("activate/<uidb64>/confirm/", views.ActivationConfirmView.as_view(), name="activate-confirm"),
    path("activate/<uidb64>/<token>/", views.ActivationLinkView.as_view(), name="activate"),
    # This edition hands these to the city's help desk; the real flows come later.
    path(
        "forgot-password/",
        TemplateView.as_view(template_name="identity/forgot_password.html"),
        name="forgot-password",
    ),
    path(
        "unlock-account/",
        TemplateView.as_view(template_name="identity/unlock_account.html"),
        name="unlock-account",
    ),
    path("help/", TemplateView.as_view(template_name="identity/help.html"), name="help"),
]
