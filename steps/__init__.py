"""The shared step vocabulary: every phrase a scenario can use, one module per area.

The portalcheck plugin loads these modules (pytest-bdd finds step definitions only in conftest
files and plugins), so any .feature file, in this project or a city's own folder, can use them.
"""

VOCABULARY = [
    "steps.screens", "steps.mail", "steps.residents", "steps.utility_billing", "steps.account_summary",
    "steps.eft", "steps.citizen_access", "steps.security", "steps.security_passwords",
    "steps.security_accounts", "steps.accessibility", "steps.security_sessions",
    "steps.security_requests", "steps.security_billing", "steps.payments", "steps.security_payments",
]
