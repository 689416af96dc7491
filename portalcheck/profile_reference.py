"""The profile's keys, their defaults, the values they take and what they mean, read from the schema.

The table is made from the JSON Schema the profile models publish (portalcheck/schema.py), so the
README's reference (printed by `python -m portalcheck.profile_reference`, and checked by a test)
cannot drift from the keys a profile really takes, nor from what an editor shows for them.
"""

from __future__ import annotations

import json
from typing import Any

from portalcheck.schema import profile_schema

# More names than this are summarised instead of listed (the [wording] labels).
LISTED = 20


def markdown() -> str:
    schema = profile_schema()
    rows = ["| key | default | values | what it says |", "|---|---|---|---|"]
    rows += [f"| `{key}` | {_cell(default)} | {_cell(values)} | {_cell(text)} |"
             for key, default, values, text in _rows(schema, schema, "")]
    return "\n".join(rows)


def _rows(schema: dict[str, Any], table: dict[str, Any], prefix: str) -> list[tuple[str, str, str, str]]:
    rows = []
    for name, key_schema in table.get("properties", {}).items():
        key = f"{prefix}{name}"
        target = _resolved(schema, key_schema)
        items = _resolved(schema, target.get("items", {}))
        if "properties" in target:  # a table: its keys, e.g. urls.sign_in
            rows += _rows(schema, target, f"{key}.")
        elif "properties" in items:  # [[tables]]: the keys of each, e.g. accessibility.waivers.rule
            rows += _rows(schema, items, f"{key}.")
        else:
            rows.append((key, _default(table, name), _values(name, target), key_schema.get("description", "")))
    return rows


def _default(table: dict[str, Any], name: str) -> str:
    """As a profile writes it (TOML, like JSON for these values), or what leaving the key out means."""
    if name in table.get("required", ()):
        return "(required)"
    default = table["properties"][name].get("default")
    return "(none)" if default in (None, [], {}) else f"`{json.dumps(default, ensure_ascii=False)}`"


def _resolved(schema: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    """`part` itself, or the definition its "$ref" points to."""
    if "$ref" not in part:
        return part
    for name in part["$ref"].removeprefix("#/").split("/"):  # a JSON pointer into the schema
        schema = schema[name]
    return schema


def _values(name: str, key_schema: dict[str, Any]) -> str:
    """The values a key takes, when the schema closes or bounds them."""
    names = key_schema.get("enum") or key_schema.get("items", {}).get("enum")
    labels = key_schema.get("propertyNames", {}).get("enum")
    if names:
        return ", ".join(f"`{json.dumps(name)}`" for name in names) if len(names) <= LISTED else f"{len(names)} names"
    if labels:
        return f"keys: the {len(labels)} documented labels (`DOCUMENTED_LABELS`)"
    if "minimum" in key_schema and "maximum" in key_schema:
        low, high = key_schema["minimum"], key_schema["maximum"]
        spoken = f" ({_duration(low)} to {_duration(high)})" if name.endswith("_seconds") and high >= 3600 else ""
        return f"{low} to {high}{spoken}"
    if key_schema.get("format") == "date":
        return "a date"
    if "minItems" in key_schema and key_schema.get("minItems") == key_schema.get("maxItems"):
        return f"{key_schema['minItems']} strings"
    return {"boolean": "`true`, `false`", "string": "text", "number": "a number", "integer": "a whole number",
            "array": "a list"}.get(key_schema.get("type", ""), "")


def _duration(seconds: int) -> str:
    for unit, length in (("day", 86400), ("h", 3600), ("min", 60)):
        if seconds >= length and seconds % length == 0:
            count = seconds // length
            return f"{count} {unit}{'s' if unit == 'day' and count > 1 else ''}"
    return f"{seconds} s"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":
    print(markdown())
