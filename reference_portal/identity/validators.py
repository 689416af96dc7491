"""Password validators the portal does NOT use: kept only for the "composition rules" defect.

NIST SP 800-63B and ASVS V6.2.5 forbid composition rules (an upper-case letter, a digit, a
symbol); check 3 must notice a portal that imposes them, so the defect switches this one on.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError


class CompositionRulesValidator:
    """Demands an upper-case letter and a digit: the rule the checks must catch."""

    def validate(self, password, user=None):
        if not (any(c.isupper() for c in password) and any(c.isdigit() for c in password)):
            raise ValidationError(
                "Your password must contain an upper-case letter and a digit.", code="password_composition"
            )

    def get_help_text(self):
        return "Your password must contain an upper-case letter and a digit."
