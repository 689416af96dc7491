"""HMAC-SHA256 signatures over a set of named fields, shared by the portal and the processor."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlencode

SIGNATURE = "sig"


def signature(secret: str, fields: dict[str, str]) -> str:
    """The signature of every field but `sig` itself, in name order (so order never matters)."""
    canonical = urlencode(sorted((k, str(v)) for k, v in fields.items() if k != SIGNATURE))
    return hmac.new(secret.encode(), canonical.encode(), hashlib.sha256).hexdigest()


def signed(secret: str, fields: dict[str, str]) -> dict[str, str]:
    return {**{k: str(v) for k, v in fields.items()}, SIGNATURE: signature(secret, fields)}


def verified(secret: str, fields: dict[str, str]) -> bool:
    given = fields.get(SIGNATURE, "")
    return bool(secret) and hmac.compare_digest(given, signature(secret, fields))
