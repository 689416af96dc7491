"""The one Jinja2 environment the HTML pages are rendered in: the conformance report
(`report.html`), the fleet dashboard (`dashboard.html`) and the residents' guide (`guide.html`),
from `portalcheck/report/templates/`, sharing one layout (`base.html`) and macros (`macros.html`).

Everything a page shows comes from a portal, its e-mail, a failure message or a file the user
wrote, so autoescaping is on for every template: a value is always shown as text, never run as
markup. A value a template names but was not given fails the rendering (StrictUndefined) rather
than quietly showing nothing.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from portalcheck.report import wording

ENVIRONMENT = Environment(
    loader=PackageLoader("portalcheck", "report/templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
# The names every page uses for outcomes, guides, guide steps and check families.
ENVIRONMENT.globals.update(
    outcome_label=wording.outcome_label,
    outcome_class=wording.outcome_class,
    guide_name=wording.guide_name,
    step_title=wording.step_title,
    area_name=wording.area_name,
    guide_anchor=wording.guide_anchor,
    checks_anchor=wording.checks_anchor,
)


def render(template: str, **context: Any) -> str:
    """The page `template` renders with `context` (jinja2.UndefinedError names a missing value)."""
    return ENVIRONMENT.get_template(template).render(context)
