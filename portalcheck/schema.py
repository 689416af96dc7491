"""The profile and test-data schemas, published as JSON Schema for editors.

`python -m portalcheck.schema --write` writes profiles/profile.schema.json and
profiles/test-data.schema.json from the models in portalcheck/profile.py and
portalcheck/test_data.py (a test keeps the committed files equal to them); `--write DIR` writes
them beside a city's own profile, `--check` says whether the bundled ones are current. An editor
that knows JSON Schema then completes keys and names and underlines a misspelt one as it is typed:
a TOML profile with the `#:schema ./profile.schema.json` line (VS Code's "Even Better TOML"), a
test-data file with `"$schema": "./test-data.schema.json"`.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import json
import sys
import textwrap
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from portalcheck.profile import BUNDLED, Profile
from portalcheck.test_data import TestData

# Draft 7, its definitions: the schemas use nothing newer, and editors' validators that stop at an
# older draft (taplo, behind "Even Better TOML", implements Draft 4) still read every part of them.
DRAFT = "http://json-schema.org/draft-07/schema#"
FILES = {"profile.schema.json": "profile", "test-data.schema.json": "test data"}


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


class Documented(GenerateJsonSchema):
    """Pydantic's JSON Schema, with the keys of a plain dataclass in it described too.

    A profile's [[accessibility.waivers]] are portalcheck.accessibility.waivers.Waiver, a plain
    dataclass the accessibility checks share, documented by comments beside its fields: those
    comments become the keys' descriptions, as `Field(description=...)` does for the models.
    """

    def dataclass_schema(self, schema: core_schema.DataclassSchema) -> JsonSchemaValue:
        json_schema = super().dataclass_schema(schema)
        cls = schema["cls"]
        if not hasattr(cls, "__pydantic_fields__"):  # a plain dataclass, not a pydantic one
            for name, comment in field_comments(cls).items():
                if comment and name in json_schema.get("properties", {}):
                    json_schema["properties"][name].setdefault("description", comment)
        return json_schema


def _draft_7(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(schema_generator=Documented, ref_template="#/definitions/{model}")
    return {"$schema": DRAFT, "definitions": schema.pop("$defs"), **schema}


def profile_schema() -> dict[str, Any]:
    return {**_draft_7(Profile), "title": "portalcheck portal profile", "description": (
        "What differs about one portal: paths, flows, features, wording, e-mail, declared security values. "
        "Every key is optional except name; a left-out key takes the value the city guides document. "
        "Generated from portalcheck/profile.py (python -m portalcheck.schema --write).")}


def test_data_schema() -> dict[str, Any]:
    return {**_draft_7(TestData), "title": "portalcheck test data", "description": (
        "What the portal under test holds for the scenarios: utility accounts to link, returning residents, "
        "bank test numbers, the payment processor's test cards, permit accounts. Amounts are strings (\"53.50\"), "
        "dates ISO (\"2025-12-20\"). Generated from portalcheck/test_data.py (python -m portalcheck.schema --write).")}


def rendered() -> dict[str, str]:
    """Each schema file's name and its text, as the models make it today."""
    schemas = {"profile.schema.json": profile_schema(), "test-data.schema.json": test_data_schema()}
    return {name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n" for name, schema in schemas.items()}


def stale(folder: Path = BUNDLED) -> list[str]:
    """The schema files in `folder` that differ from what the models make (or are missing)."""
    return [name for name, text in rendered().items()
            if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portalcheck.schema", description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", nargs="?", const=BUNDLED, type=Path, metavar="DIR",
                        help=f"Write both schema files into DIR (default: the bundled ones, {BUNDLED}).")
    parser.add_argument("--check", action="store_true", help="Exit 1 when the bundled files are not current.")
    given = parser.parse_args(argv)
    if given.write:
        given.write.mkdir(parents=True, exist_ok=True)
        for name, text in rendered().items():
            (given.write / name).write_text(text, encoding="utf-8")
            print(f"portalcheck: wrote {given.write / name} (the {FILES[name]} schema)")
        return 0
    if given.check:
        old = stale()
        for name in old:
            print(f"portalcheck: {BUNDLED / name} differs from the models: python -m portalcheck.schema --write",
                  file=sys.stderr)
        return 1 if old else 0
    for name in rendered():
        print(BUNDLED / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
