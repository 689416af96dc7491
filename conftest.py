"""The project's own pytest configuration.

The portalcheck plugin (options, fixtures and the shared step vocabulary in portalcheck/steps/) is
registered through its pytest11 entry point when the project is installed, so nothing needs
wiring here: feature files anywhere run with the same steps.
"""
