"""URLs of the identity flows; every one is named, without a namespace, as profiles refer to them.

`patterns(variants)` places them for the variants in force (reference_portal.variants): the
sign-up form at /register/ ("sign-up-url"), sign-in at /account/login/ ("other-paths"), the code
form at /verify/ ("code-verification"), no password change ("no-password-change").
"""

from django.urls import path
from django.views.generic import RedirectView, TemplateView

from reference_portal.identity import recovery_views, views


def patterns(variants: frozenset[str] = frozenset()) -> list:
    sign_in = "account/login/" if "other-paths" in variants else "sign-in/"
    sign_up = "register/" if "sign-up-url" in variants else "sign-up/"
    urls = [
        path("", RedirectView.as_view(pattern_name="sign-in"), name="index"),
        path(sign_in, views.SignInView.as_view(), name="sign-in"),
        path(f"{sign_in}<slug:provider>/", views.SocialSignInView.as_view(), name="social-sign-in"),
        path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
        path(sign_up, views.SignUpView.as_view(), name="sign-up"),
        path(f"{sign_up}sent/", views.SignUpSentView.as_view(), name="sign-up-sent"),
        path(f"{sign_up}check-email/", views.CheckEmailView.as_view(), name="check-email"),
        path("account-activated/", views.AccountEnabledView.as_view(), name="account-enabled"),
        # "confirm" first: it would otherwise match as a token.
        path("activate/<uidb64>/confirm/", views.ActivationConfirmView.as_view(), name="activate-confirm"),
        path("activate/<uidb64>/<token>/", views.ActivationLinkView.as_view(), name="activate"),
        # "Forgot password?": Django's reset flow; the link's token moves to the session first.
        path("forgot-password/", recovery_views.ForgotPasswordView.as_view(), name="forgot-password"),
        path("forgot-password/sent/", recovery_views.ForgotPasswordSentView.as_view(), name="forgot-password-sent"),
        path("reset/done/", recovery_views.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
        path("reset/<uidb64>/<token>/", recovery_views.ResetPasswordView.as_view(), name="reset-password"),
        # "Unlock account?": an e-mailed link for a locked account.
        path("unlock-account/", recovery_views.UnlockAccountView.as_view(), name="unlock-account"),
        path("unlock-account/sent/", recovery_views.UnlockSentView.as_view(), name="unlock-account-sent"),
        path("unlock/<uidb64>/confirm/", recovery_views.UnlockConfirmView.as_view(), name="unlock-confirm"),
        path("unlock/<uidb64>/<token>/", recovery_views.UnlockLinkView.as_view(), name="unlock"),
        path("help/", TemplateView.as_view(template_name="identity/help.html"), name="help"),
    ]
    if "code-verification" in variants:
        urls.append(path("verify/", views.VerifyCodeView.as_view(), name="verify-code"))
    if "no-password-change" not in variants:
        urls += [
            path("password/change/", recovery_views.ChangePasswordView.as_view(), name="password-change"),
            path("password/change/done/", recovery_views.ChangePasswordDoneView.as_view(),
                 name="password-change-done"),
        ]
    return urls


urlpatterns = patterns()
