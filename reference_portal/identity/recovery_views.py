"""Thin views for "Forgot password?", "Unlock account?" and changing the password.

Django's own views carry the flows (tokens leave the URL for the session before any page
renders); the forms in recovery_forms.py hold the policy.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView, View

from reference_portal import defects
from reference_portal.identity import emails, lockout
from reference_portal.identity.recovery_forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    ResetPasswordForm,
    UnlockRequestForm,
)
from reference_portal.identity.tokens import reset_token_generator, unlock_token_generator
from reference_portal.identity.views import ActivationConfirmView

# Where the unlock token waits between the e-mailed link and the confirm page.
UNLOCK_SESSION_TOKEN = "_unlock_token"


class ForgotPasswordView(auth_views.PasswordResetView):
    """Ask for a reset link; the same next page whether or not the address has an account."""

    template_name = "identity/forgot_password.html"
    form_class = ForgotPasswordForm
    token_generator = reset_token_generator
    subject_template_name = "emails/password_reset_subject.txt"
    email_template_name = "emails/password_reset.txt"
    html_email_template_name = "emails/password_reset.html"
    success_url = reverse_lazy("forgot-password-sent")

    @property
    def extra_email_context(self):
        return {"portal_product_name": settings.PORTAL_PRODUCT_NAME}


class ForgotPasswordSentView(auth_views.PasswordResetDoneView):
    template_name = "identity/forgot_password_sent.html"


class ResetPasswordView(auth_views.PasswordResetConfirmView):
    """The e-mailed link: Django moves the token into the session, then asks for the new password."""

    template_name = "identity/reset_password.html"
    form_class = ResetPasswordForm
    token_generator = reset_token_generator
    success_url = reverse_lazy("password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        if not defects.active("no-password-changed-email"):
            emails.send_password_changed(self.request, form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "identity/password_reset_complete.html"


@method_decorator(never_cache, name="dispatch")
class UnlockAccountView(FormView):
    """"Unlock account?": the same next page whether or not the address has a locked account."""

    template_name = "identity/unlock_account.html"
    form_class = UnlockRequestForm
    success_url = reverse_lazy("unlock-account-sent")

    def form_valid(self, form):
        form.save(self.request)
        return super().form_valid(form)


class UnlockSentView(TemplateView):
    template_name = "identity/unlock_sent.html"


class UnlockLinkView(View):
    """The e-mailed link: move the token into the session so it never sits in a rendered URL."""

    http_method_names = ["get"]

    def get(self, request, uidb64, token):
        request.session[UNLOCK_SESSION_TOKEN] = token
        return redirect("unlock-confirm", uidb64=uidb64)


@method_decorator(never_cache, name="dispatch")
class UnlockConfirmView(TemplateView):
    """Shows "Unlock account" for a valid link; the POST unlocks (a GET changes nothing)."""

    template_name = "identity/unlock_confirm.html"
    invalid_template_name = "identity/unlock_invalid.html"

    def get(self, request, uidb64):
        if self.valid_resident(uidb64) is None:
            return self.invalid()
        return self.render_to_response(self.get_context_data())

    def post(self, request, uidb64):
        resident = self.valid_resident(uidb64)
        if resident is None:
            return self.invalid()
        lockout.unlock(resident)
        del request.session[UNLOCK_SESSION_TOKEN]
        return self.response_class(request=request, template=["identity/unlocked.html"], context={})

    def valid_resident(self, uidb64):
        resident = ActivationConfirmView.get_resident(uidb64)
        token = self.request.session.get(UNLOCK_SESSION_TOKEN)
        if resident is None or not unlock_token_generator.check_token(resident, token):
            return None
        return resident

    def invalid(self):
        return self.response_class(request=self.request, template=[self.invalid_template_name],
                                   context={}, status=400)


@method_decorator(never_cache, name="dispatch")
class ChangePasswordView(auth_views.PasswordChangeView):
    """Signed-in password change: the current password first; the session survives it."""

    template_name = "identity/password_change.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("password-change-done")

    def form_valid(self, form):
        response = super().form_valid(form)
        emails.send_password_changed(self.request, form.user)
        return response


@method_decorator(never_cache, name="dispatch")
class ChangePasswordDoneView(auth_views.PasswordChangeDoneView):
    template_name = "identity/password_change_done.html"
