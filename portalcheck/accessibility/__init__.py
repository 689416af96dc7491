"""Accessibility conformance: WCAG 2.1 AA rules (axe-core) and the checks rules cannot make."""
