"""The `say` template filter: a documented label as the portal prints it in the variant in force.

Templates print labels the city guides document ("Sign up", "Email address"); the "reworded"
variant (reference_portal.variants) prints other words for some of them. Registered as a
template builtin in settings, so `{{ "Sign up"|say }}` works in every template without a load.
"""

from django import template

from reference_portal import variants

register = template.Library()


@register.filter
def say(label: str) -> str:
    return variants.says(label)
