"""Wires the suite together: the step vocabulary is loaded here, where pytest-bdd finds it.

The portalcheck plugin itself (options, fixtures) is registered through its pytest11 entry
point when the project is installed.
"""

pytest_plugins = ["steps.screens", "steps.mail", "steps.residents",
                  "steps.utility_billing", "steps.account_summary", "steps.eft", "steps.citizen_access", "steps.security",
                  "steps.security_passwords", "steps.security_accounts", "steps.accessibility", "steps.security_sessions", "steps.security_requests", "steps.security_billing"]
