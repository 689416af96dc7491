"""What profiles and test data share: strict pydantic models, and one line for the first mistake.

Both files are read by pydantic models that reject unknown keys. A mistake never reaches the user
as a pydantic traceback: `one_line` turns the first error into one sentence naming the file, the key
(`security.lockout_threshold`, `utility_accounts[3].customer_id`), what is wrong and, for a
misspelt key or name, the nearest valid one.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel, ConfigDict, ValidationError

from portalcheck.errors import ConfigurationError


class Strict(BaseModel):
    """A table of a profile or an object of the test data: unknown keys are mistakes."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class MustBe:
    """What a value must be, in the user's words, for the message when it is not (metadata in `Annotated`)."""

    text: str


@dataclass(frozen=True)
class Voice:
    """How one kind of file names its parts in messages."""

    noun: str  # "portal profile"
    table: str  # what a file of this kind calls a group of keys: "table" (TOML), "object" (JSON)
    first_index: int  # 1: TOML's [[tables]] are counted from one; 0: JSON arrays are indexed from zero
    suffix: str = ""  # added to every message, e.g. where the format is documented


# What a value of each kind must be, by pydantic's error type, when its field says nothing itself.
KINDS = {
    "string_type": "a string", "int_type": "a whole number", "int_from_float": "a whole number",
    "int_parsing": "a whole number", "bool_type": "true or false", "bool_parsing": "true or false",
    "float_type": "a number", "float_parsing": "a number", "date_type": "a date", "date_parsing": "a date",
    "decimal_type": "a number", "decimal_parsing": "a number",
}
SHAPES = {"tuple_type", "list_type", "model_type", "dataclass_type", "dict_type"}  # a list or a table expected
UNKNOWN_KEY = {"extra_forbidden", "unexpected_keyword_argument"}
MISSING = {"missing", "missing_keyword_argument"}
BOUNDS = {"greater_than_equal": "at least {ge}", "less_than_equal": "at most {le}",
          "greater_than": "more than {gt}", "less_than": "less than {lt}"}


def one_line(error: ValidationError, root: type, path: str, voice: Voice, *, profile_keys: bool = False
             ) -> ConfigurationError:
    """The first of pydantic's errors as one sentence naming the file, the key and the fix."""
    errors = error.errors()
    # A misspelt key is both unknown and, under its right name, missing: the unknown one says which.
    first = next((e for e in errors if e["type"] in UNKNOWN_KEY), errors[0])
    loc, kind, value = tuple(first["loc"]), first["type"], first["input"]
    is_key = bool(loc) and loc[-1] == "[key]"  # a mapping's key (a [wording] label), not its value
    if is_key:
        loc = loc[:-1]
        mapping, _ = _unwrapped(_type_at(root, loc[:-1]))
        hint = get_args(mapping)[0]
    else:
        hint = _type_at(root, loc)
    base, metadata = _unwrapped(hint)
    must_be = next((m.text for m in metadata if isinstance(m, MustBe)), None)
    if kind == "literal_error" and loc and isinstance(loc[-1], int):
        loc = loc[:-1]  # a name in a list of names: the key is the list's, the name is quoted
    key = _dotted(loc[:-1] if is_key else loc, voice.first_index)
    problem: str
    if kind in UNKNOWN_KEY:
        known = _keys(_type_at(root, loc[:-1]))
        problem = (f"unknown key '{key}' in {voice.noun}; {_nearest(str(loc[-1]), known)}"
                   f"known keys here: {', '.join(known)}")
    elif kind in MISSING:
        empty = " (an empty list [] will do)" if get_origin(base) in (tuple, list) else ""
        problem = f"{voice.noun} lacks the required key '{key}'{empty}"
    elif kind == "literal_error":
        choices = [str(c) for c in get_args(base)]
        listed = must_be or ", ".join(choices)
        problem = f"'{key}' has {_shown(value)}, which is not known; {_nearest(str(value), choices)}known: {listed}"
    elif kind in BOUNDS:
        problem = f"'{key}' must be {BOUNDS[kind].format(**first.get('ctx', {}))}, not {_shown(value)}"
    elif must_be or kind in KINDS or kind in SHAPES:
        problem = f"'{key}' must be {must_be or KINDS.get(kind) or _container(base, voice)}, not {_shown(value)}"
    else:  # our own validators' messages ("is not a valid regex (...)"), and pydantic's for the rare rest
        problem = f"'{key}' {first['msg'][:1].lower()}{first['msg'][1:]}"
    if profile_keys and is_key:
        key = f"{key}.{value}"
    # One line whatever the file holds: a TOML key or a label may contain a line break.
    message = f"{path}: {problem}{voice.suffix}.".replace("\r", "\\r").replace("\n", "\\n")
    return ConfigurationError(message, profile_key=key if profile_keys else None, path=path)


def _nearest(given: str, known: list[str]) -> str:
    near = difflib.get_close_matches(given, known, n=1)
    return f"did you mean '{near[0]}'? " if near else ""


def _shown(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:77] + "..."


def _dotted(loc: tuple[Any, ...], first_index: int) -> str:
    key = ""
    for part in loc:
        key += f"[{part + first_index}]" if isinstance(part, int) else f"{'.' if key else ''}{part}"
    return key


def _container(hint: Any, voice: Voice) -> str:
    """"a table", or "a list of tables" / "a list of strings", for a value of the wrong shape."""
    article = "an" if voice.table[0] in "aeiou" else "a"
    if get_origin(hint) in (tuple, list):
        item, _ = _unwrapped(get_args(hint)[0])
        return f"a list of {voice.table}s" if _is_table(item) else "a list of strings"
    return f"{article} {voice.table}"


def _is_table(hint: Any) -> bool:
    return isinstance(hint, type) and (issubclass(hint, BaseModel) or dataclasses.is_dataclass(hint))


def _unwrapped(hint: Any) -> tuple[Any, list[Any]]:
    """The type without Annotated and Optional, and the Annotated metadata (MustBe among it)."""
    metadata: list[Any] = []
    while True:
        if get_origin(hint) is Annotated:
            metadata += hint.__metadata__
            hint = get_args(hint)[0]
        elif get_origin(hint) in (Union, types.UnionType):
            hint = next(arg for arg in get_args(hint) if arg is not type(None))
        else:
            return hint, metadata


def _fields(hint: Any) -> dict[str, Any]:
    """A table's keys, as a file writes them (aliases), with their types (metadata kept)."""
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        hints = get_type_hints(hint, include_extras=True)
        return {info.alias or name: hints[name] for name, info in hint.model_fields.items()}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = get_type_hints(hint, include_extras=True)
        return {f.name: hints[f.name] for f in dataclasses.fields(hint)}
    return {}


def _keys(hint: Any) -> list[str]:
    return list(_fields(_unwrapped(hint)[0]))


def _type_at(root: type, loc: tuple[Any, ...]) -> Any:
    """The declared type of the value at `loc` (pydantic's error location), as far as it can be followed."""
    hint: Any = root
    for part in loc:
        base, _ = _unwrapped(hint)
        origin = get_origin(base)
        if isinstance(part, int) and origin in (tuple, list):
            hint = get_args(base)[0]
        elif origin is dict:
            hint = get_args(base)[1]
        elif _is_table(base):
            hint = _fields(base).get(str(part), Any)
        else:
            return Any
    return hint

