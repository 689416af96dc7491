"""The e-mails the identity app sends, each built from subject, text and HTML templates."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from reference_portal import defects, variants
from reference_portal.identity import codes
from reference_portal.identity.tokens import activation_token_generator

logger = logging.getLogger(__name__)


def send_templated(prefix: str, to: str, context: dict, *, html: bool = True) -> None:
    """Send `<prefix>_subject.txt`, `<prefix>.txt` and `<prefix>.html` as one multipart message.

    With `html=False` the message is `<prefix>.txt` alone, as text/plain.
    """
    context = {"portal_product_name": settings.PORTAL_PRODUCT_NAME, "plain_text": not html, **context}
    # Subject lines must be a single line, whatever the template's whitespace.
    subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{prefix}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to.replace("@", "@elsewhere.") if defects.active("email-wrong-recipient") else to],
    )
    if html:
        message.attach_alternative(render_to_string(f"{prefix}.html", context), "text/html")
    message.send()
    if defects.active("email-sent-twice"):
        message.send()
    logger.info("sent %r to %s", subject, ", ".join(message.to))


def activation_path(resident, token_generator) -> str:
    """The activation link's path for a resident (the token is only valid for this resident)."""
    uidb64 = urlsafe_base64_encode(force_bytes(resident.pk))
    token = token_generator.make_token(resident)
    return reverse("activate", kwargs={"uidb64": uidb64, "token": token})


def send_verification(request, resident) -> None:
    """Ask a new resident to verify their address: by a link, or by a code ("code-verification")."""
    if variants.active("code-verification"):
        send_code(resident, codes.issue(resident))
    else:
        send_activation(request, resident, activation_token_generator)


def send_activation(request, resident, token_generator) -> None:
    """The verification link; with "plain-text-email", in a text/plain message alone."""
    url = request.build_absolute_uri(activation_path(resident, token_generator))
    if defects.active("email-link-broken"):
        url = url.replace("/activate/", "/activte/")
    send_templated("emails/activation", resident.email, {"resident": resident, "activation_url": url},
                   html=not variants.active("plain-text-email"))


def send_code(resident, code: str) -> None:
    """The verification code ("code-verification"): no link, the code in a sentence of its own."""
    send_templated("emails/verification_code", resident.email,
                   {"resident": resident, "code": code, "lifetime": duration(codes.lifetime().total_seconds())},
                   html=not variants.active("plain-text-email"))


def duration(seconds: float) -> str:
    """"24 hours", "15 minutes", "3 days": a lifetime in words (never six digits, which read as a code)."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= 2 * size or unit == "minute":
            count = max(1, round(seconds / size))
            return f"{count} {unit}{'' if count == 1 else 's'}"
    raise AssertionError("unreachable")


def send_already_registered(request, resident) -> None:
    """Tell an existing resident someone (probably they) tried to sign up again."""
    url = request.build_absolute_uri(reverse("sign-in"))
    send_templated("emails/already_registered", resident.email, {"resident": resident, "sign_in_url": url})


def send_unlock(request, resident, token_generator) -> None:
    """The "Unlock account?" link for a locked resident."""
    uidb64 = urlsafe_base64_encode(force_bytes(resident.pk))
    path = reverse("unlock", kwargs={"uidb64": uidb64, "token": token_generator.make_token(resident)})
    send_templated("emails/unlock", resident.email,
                   {"resident": resident, "unlock_url": request.build_absolute_uri(path)})


def send_password_changed(request, resident) -> None:
    """Tell the resident their password changed, in case it was not them (ASVS V6.3.7)."""
    url = request.build_absolute_uri(reverse("forgot-password"))
    send_templated("emails/password_changed", resident.email, {"resident": resident, "reset_url": url})
