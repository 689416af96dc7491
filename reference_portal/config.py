"""Environment variables the portal reads, and the parsers shared by settings and the CLI."""

from __future__ import annotations

import os

ENV_SECRET_KEY = "REFERENCE_PORTAL_SECRET_KEY"
ENV_DATABASE_URL = "REFERENCE_PORTAL_DATABASE_URL"
ENV_SMTP = "REFERENCE_PORTAL_SMTP"
ENV_EDITION = "REFERENCE_PORTAL_EDITION"
ENV_ALLOWED_HOSTS = "REFERENCE_PORTAL_ALLOWED_HOSTS"
ENV_EMAIL_FROM_NAME = "REFERENCE_PORTAL_EMAIL_FROM_NAME"
ENV_PASSWORD_MIN_LENGTH = "REFERENCE_PORTAL_PASSWORD_MIN_LENGTH"
ENV_ACTIVATION_TOKEN_SECONDS = "REFERENCE_PORTAL_ACTIVATION_TOKEN_SECONDS"
ENV_REMEMBER_ME_SECONDS = "REFERENCE_PORTAL_REMEMBER_ME_SECONDS"
ENV_IDLE_TIMEOUT_SECONDS = "REFERENCE_PORTAL_IDLE_TIMEOUT_SECONDS"
# Set (to 1) when the portal is served over HTTPS, e.g. behind a TLS-terminating proxy.
ENV_HTTPS = "REFERENCE_PORTAL_HTTPS"
ENV_LOCKOUT_THRESHOLD = "REFERENCE_PORTAL_LOCKOUT_THRESHOLD"
ENV_RESET_TOKEN_SECONDS = "REFERENCE_PORTAL_RESET_TOKEN_SECONDS"
# The card and e-check payment processor (its hosted page and charge API) and the secret that
# signs what the two send each other; `serve` starts the bundled one unless the URL is given.
ENV_PROCESSOR_URL = "REFERENCE_PORTAL_PROCESSOR_URL"
ENV_PROCESSOR_SECRET = "REFERENCE_PORTAL_PROCESSOR_SECRET"

DEFAULT_SMTP = "127.0.0.1:1025"  # Mailpit's SMTP port
# In-memory by default so importing settings has no side effects; `serve` picks a temp file.
DEFAULT_DATABASE_URL = "sqlite://:memory:"


def parse_smtp(value: str) -> tuple[str, int]:
    """Split "HOST:PORT" (or "[IPv6]:PORT") into host and port; ValueError says what is wrong."""
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"SMTP address {value!r} is not HOST:PORT; give e.g. --smtp 127.0.0.1:1025")
    return host.strip("[]"), int(port)


def env_int(name: str, default: int) -> int:
    """Read a positive integer from the environment, naming the variable if it is not one."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) <= 0:
        raise ValueError(f"{name}={raw!r} is not a positive whole number; set it to e.g. {default}")
    return int(raw)


def env_list(name: str) -> list[str]:
    """Read a comma-separated list from the environment."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]
