"""Thin views for the identity flows; policy lives in forms.py and tokens.py."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.views import LoginView, LogoutView
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView, View

from reference_portal import defects
from reference_portal.editions import EditionPageMixin, current_edition
from reference_portal.identity.forms import SignInForm, SignUpForm
from reference_portal.identity.tokens import activation_token_generator

# Where the activation token waits between the e-mailed link and the confirm page.
ACTIVATION_SESSION_TOKEN = "_activation_token"

# What the Billings guide quotes from the screen its e-mailed link opens (flows.md B5).
EMAIL_CONFIRMED = (
    "Your email address has been confirmed and your account will be enabled following a valid "
    "log in. Once your account is enabled you will need to log in a second time to begin using "
    "the system."
)

SOCIAL_PROVIDERS = {
    "google": "Google",
    "apple": "Apple",
    "microsoft": "Microsoft",
    "facebook": "Facebook",
}


class SignInView(LoginView):
    """E-mail and password sign-in; "Remember me" decides whether the session outlives the browser."""

    template_name = "identity/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    extra_context = {"social_providers": SOCIAL_PROVIDERS}

    def form_valid(self, form):
        if form.first_login:
            # Citizen Access: enabled, but not signed in; the resident logs in a second time.
            form.enable_account()
            if defects.active("first-login-signs-in"):
                auth_login(self.request, form.get_user())
            return redirect("account-enabled")
        response = super().form_valid(form)  # login() rotates the session key
        if defects.active("session-fixation"):
            self.adopt_presented_session_key()
        self.request.session.set_expiry(form.session_expiry())
        return response


    def adopt_presented_session_key(self) -> None:
        """The defect: carry on under whatever session key the browser came with, planted or not."""
        presented = self.request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
        session = self.request.session
        if len(presented) >= 8 and presented != session.session_key:
            session.delete()
            session._session_key = presented
            session.save(must_create=True)


class SignOutView(LogoutView):
    """POST-only sign-out back to the sign-in page (settings.LOGOUT_REDIRECT_URL)."""

    def dispatch(self, request, *args, **kwargs):
        if defects.active("sign-out-by-get") and request.method == "GET":
            return self.post(request, *args, **kwargs)
        if defects.active("session-survives-sign-out"):
            # logout() flushes the session; without deleting its record the old cookie still works.
            request.session.delete = lambda session_key=None: None
        return super().dispatch(request, *args, **kwargs)


class SocialSignInView(TemplateView):
    """Stand-in for a social identity provider that this portal does not have."""

    template_name = "identity/social_not_configured.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["provider_name"] = SOCIAL_PROVIDERS[kwargs["provider"]]
        except KeyError:
            raise Http404("No such sign-in provider.") from None
        return context


@method_decorator(sensitive_post_parameters("password"), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class SignUpView(FormView):
    """Create an account; the same result page whether or not the address was registered."""

    template_name = "identity/sign_up.html"
    form_class = SignUpForm
    success_url = reverse_lazy("sign-up-sent")

    def form_valid(self, form):
        form.save(request=self.request)
        return super().form_valid(form)


class SignUpSentView(TemplateView):
    """"Verification email sent"."""

    template_name = "identity/sign_up_sent.html"


class CheckEmailView(EditionPageMixin, TemplateView):
    """Citizen Access: after "ok" on the Registration E-mail dialog, "check your email"."""

    module = "registration-dialog"
    template_name = "identity/check_email.html"


class AccountEnabledView(EditionPageMixin, TemplateView):
    """Citizen Access: "your account was activated", with a link back to the login page."""

    module = "registration-dialog"
    template_name = "identity/account_enabled.html"


class ActivationLinkView(View):
    """The e-mailed link: move the token into the session so it never sits in a rendered URL."""

    http_method_names = ["get"]  # HEAD from link scanners gets 405 and touches nothing

    def get(self, request, uidb64, token):
        request.session[ACTIVATION_SESSION_TOKEN] = token
        return redirect("activate-confirm", uidb64=uidb64)


@method_decorator(never_cache, name="dispatch")
class ActivationConfirmView(TemplateView):
    """Check the token from the session and activate the account it was made for."""

    http_method_names = ["get"]
    template_name = "identity/activated.html"
    invalid_template_name = "identity/activation_invalid.html"
    token_generator = activation_token_generator

    def get(self, request, uidb64):
        resident = self.get_resident(uidb64)
        token = request.session.get(ACTIVATION_SESSION_TOKEN)
        if defects.active("confirmation-link-reusable") and resident is not None and resident.awaits_first_login:
            messages.success(request, EMAIL_CONFIRMED)
            return redirect("sign-in")
        spent = resident is not None and (resident.is_active or resident.email_confirmed)
        if defects.active("activation-link-reusable"):
            spent = False
        if resident is None or spent or not self.token_generator.check_token(resident, token):
            return self.response_class(
                request=request, template=[self.invalid_template_name], context={}, status=400
            )
        del request.session[ACTIVATION_SESSION_TOKEN]
        if current_edition().activation == "first-login":
            resident.confirm_email()
            messages.success(request, EMAIL_CONFIRMED)
            return redirect("sign-in")
        resident.activate()
        return self.render_to_response(self.get_context_data())

    @staticmethod
    def get_resident(uidb64):
        model = get_user_model()
        try:
            return model._default_manager.get(pk=force_str(urlsafe_base64_decode(uidb64)))
        except (TypeError, ValueError, OverflowError, model.DoesNotExist):
            return None
