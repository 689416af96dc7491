"""The shared step vocabulary: every phrase a scenario can use, one module per area.

The portalcheck plugin loads these modules (pytest-bdd finds step definitions only in conftest
files and plugins), so any .feature file, in this project or a city's own folder, can use them.
Steps get what they work with from fixtures (portalcheck/pages/fixtures.py, loaded first): the
`portal` facade for page objects, the `journey`, the `mailbox`; they never build page objects
or reach into the engine themselves.
"""

VOCABULARY = [
    "portalcheck.pages.fixtures", "portalcheck.steps.screens", "portalcheck.steps.mail", "portalcheck.steps.residents",
    "portalcheck.steps.utility_billing", "portalcheck.steps.account_summary", "portalcheck.steps.eft",
    "portalcheck.steps.citizen_access", "portalcheck.steps.security", "portalcheck.steps.security_passwords",
    "portalcheck.steps.security_accounts", "portalcheck.steps.accessibility", "portalcheck.steps.security_sessions",
    "portalcheck.steps.security_requests", "portalcheck.steps.security_billing", "portalcheck.steps.payments",
    "portalcheck.steps.security_payments",
]
