"""The e-mails the identity app sends, each built from subject, text and HTML templates."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def send_templated(prefix: str, to: str, context: dict) -> None:
    """Send `<prefix>_subject.txt`, `<prefix>.txt` and `<prefix>.html` as one multipart message."""
    context = {"portal_product_name": settings.PORTAL_PRODUCT_NAME, **context}
    # Subject lines must be a single line, whatever the template's whitespace.
    subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{prefix}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(render_to_string(f"{prefix}.html", context), "text/html")
    message.send()


def activation_path(resident, token_generator) -> str:
    """The activation link's path for a resident (the token is only valid for this resident)."""
    uidb64 = urlsafe_base64_encode(force_bytes(resident.pk))
    token = token_generator.make_token(resident)
    return reverse("activate", kwargs={"uidb64": uidb64, "token": token})


def send_activation(request, resident, token_generator) -> None:
    """Ask a new resident to verify their address."""
    url = request.build_absolute_uri(activation_path(resident, token_generator))
    send_templated("emails/activation", resident.email, {"resident": resident, "activation_url": url})


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
