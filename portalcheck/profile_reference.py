"""The profile's keys, their defaults and what they mean, read from the schema itself.

Each key's documentation is the comment written beside its field in portalcheck/profile.py, so
the README's reference (printed by `python -m portalcheck.profile_reference`, and checked by a
test) cannot drift from the keys a profile really takes.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import textwrap
from typing import Any, cast

from portalcheck.accessibility.waivers import Waiver
from portalcheck.profile import Email, Flows, Payments, Profile, Security, Urls

TABLES = {"": Profile, "urls": Urls, "flows": Flows, "email": Email, "security": Security,
          "payments": Payments, "accessibility.waivers": Waiver}
SKIPPED = {"path", "urls", "flows", "email", "security", "payments", "accessibility"}


def field_comments(cls: type) -> dict[str, str]:
    """The comment lines above each field (or after it on the same line), in the class's source."""
    source = textwrap.dedent(inspect.getsource(cls))
    lines = source.splitlines()
    comments: dict[str, str] = {}
    for node in cast(ast.ClassDef, ast.parse(source).body[0]).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            above: list[str] = []
            row = node.lineno - 2
            while row >= 0 and lines[row].strip().startswith("#"):
                above.insert(0, lines[row].strip().lstrip("# "))
                row -= 1
            inline = lines[node.lineno - 1].partition("  # ")[2]
            comments[node.target.id] = " ".join(above + ([inline] if inline else []))
    return comments


def default_of(field: dataclasses.Field) -> Any:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return "(required)"


def markdown() -> str:
    rows = ["| key | default | what it says |", "|---|---|---|"]
    for table, cls in TABLES.items():
        comments = field_comments(cls)
        for field in dataclasses.fields(cls):
            if not table and field.name in SKIPPED:
                continue
            key = f"{table}.{field.name}" if table else field.name
            default = default_of(field)
            shown = f"`{default!r}`" if default != "(required)" else "(required)"
            if isinstance(default, (tuple, dict)) and not default:
                shown = "(none)"
            rows.append(f"| `{key}` | {shown.replace('|', chr(92) + '|')} | {comments.get(field.name, '')} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(markdown())
