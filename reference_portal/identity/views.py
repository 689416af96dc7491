"""Thin views for the identity flows; policy lives in forms.py, verification_forms.py and tokens.py."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.views import LoginView, LogoutView
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView, View

from reference_portal import defects, variants
from reference_portal.editions import EditionPageMixin, current_edition
from reference_portal.identity.forms import SignInEmailForm, SignInForm, SignUpForm
from reference_portal.identity.verification_forms import (
    CODE_SENT,
    ConfirmEmailForm,
    VerifyCodeForm,
    asks_to_confirm,
    link_valid,
)

# Where the activation token waits between the e-mailed link and the confirm page.
ACTIVATION_SESSION_TOKEN = "_activation_token"
# "code-verification": the address just signed up with, to fill in on "Verify with your email".
VERIFY_EMAIL_SESSION_KEY = "_verify_email"

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
    """E-mail and password sign-in; "Remember me" decides whether the session outlives the browser.

    "two-step-sign-in": the page asks for the address, and its "Next" answers with the password
    step (for any address); the password step posts here like the one-page form does.
    """

    template_name = "identity/sign_in.html"
    password_step_template_name = "identity/sign_in_password.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    extra_context = {"social_providers": SOCIAL_PROVIDERS}

    def is_email_step(self) -> bool:
        """Two-step sign-in before the password: a GET, or a post without one."""
        return variants.active("two-step-sign-in") and "password" not in self.request.POST

    def get_form_class(self):
        return SignInEmailForm if self.is_email_step() else super().get_form_class()

    def get_template_names(self):
        if variants.active("two-step-sign-in") and not self.is_email_step():
            return [self.password_step_template_name]
        return super().get_template_names()

    def form_valid(self, form):
        if isinstance(form, SignInEmailForm):  # "Next": the password step, for this address
            return self.response_class(request=self.request, template=[self.password_step_template_name],
                                       context=self.get_context_data(form=form.password_step()))
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
    """Create an account; the same result page whether or not the address was registered.

    "code-verification": that page is "Verify with your email", the address filled in.
    """

    template_name = "identity/sign_up.html"
    form_class = SignUpForm

    def form_valid(self, form):
        form.save(request=self.request)
        if variants.active("code-verification"):
            self.request.session[VERIFY_EMAIL_SESSION_KEY] = form.cleaned_data["email"]
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("verify-code" if variants.active("code-verification") else "sign-up-sent")


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


@method_decorator(sensitive_post_parameters("password"), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class ActivationConfirmView(TemplateView):
    """Check the token from the session and activate the account it was made for.

    "confirm-button" / "password-again": a GET only shows "Confirm your email"; its POST activates.
    """

    http_method_names = ["get", "post"]
    template_name = "identity/activated.html"
    invalid_template_name = "identity/activation_invalid.html"
    confirm_template_name = "identity/confirm_email.html"

    def get(self, request, uidb64):
        resident = self.get_resident(uidb64)
        if defects.active("confirmation-link-reusable") and resident is not None and resident.awaits_first_login:
            messages.success(request, EMAIL_CONFIRMED)
            return redirect("sign-in")
        if not link_valid(resident, request.session.get(ACTIVATION_SESSION_TOKEN)):
            return self.invalid()
        if asks_to_confirm():
            return self.confirm_page(ConfirmEmailForm(resident=resident))
        if current_edition().activation == "first-login":
            del request.session[ACTIVATION_SESSION_TOKEN]
            resident.confirm_email()
            messages.success(request, EMAIL_CONFIRMED)
            return redirect("sign-in")
        resident.activate()
        return self.activated()

    def post(self, request, uidb64):
        if not asks_to_confirm():
            return self.http_method_not_allowed(request)
        resident = self.get_resident(uidb64)
        if not link_valid(resident, request.session.get(ACTIVATION_SESSION_TOKEN)):
            return self.invalid()
        form = ConfirmEmailForm(request.POST, resident=resident)
        if not form.is_valid():
            return self.confirm_page(form)
        form.save()
        return self.activated()

    def activated(self):
        del self.request.session[ACTIVATION_SESSION_TOKEN]
        return self.render_to_response(self.get_context_data())

    def confirm_page(self, form):
        return self.response_class(request=self.request, template=[self.confirm_template_name],
                                   context=self.get_context_data(form=form))

    def invalid(self):
        return self.response_class(request=self.request, template=[self.invalid_template_name],
                                   context={}, status=400)

    @staticmethod
    def get_resident(uidb64):
        model = get_user_model()
        try:
            return model._default_manager.get(pk=force_str(urlsafe_base64_decode(uidb64)))
        except (TypeError, ValueError, OverflowError, model.DoesNotExist):
            return None


@method_decorator(sensitive_post_parameters("code"), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class VerifyCodeView(FormView):
    """"Verify with your email" ("code-verification"): the address and the e-mailed code, or a new code.

    After sign-up the address is filled in; at /verify/ anyone may type theirs.
    """

    template_name = "identity/verify_code.html"
    activated_template_name = "identity/activated.html"
    form_class = VerifyCodeForm

    def get_initial(self):
        return {"email": self.request.session.get(VERIFY_EMAIL_SESSION_KEY, "")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "resend": self.request.POST.get("action") == "resend"}

    def form_valid(self, form):
        form.save()
        if form.resend:
            self.request.session[VERIFY_EMAIL_SESSION_KEY] = form.cleaned_data["email"]
            messages.info(self.request, CODE_SENT)
            return redirect("verify-code")
        self.request.session.pop(VERIFY_EMAIL_SESSION_KEY, None)
        return self.response_class(request=self.request, template=[self.activated_template_name],
                                   context=self.get_context_data())
