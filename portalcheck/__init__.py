"""portalcheck: browser end-to-end and conformance tests for citizen self-service portals."""

__version__ = "0.1.0"
