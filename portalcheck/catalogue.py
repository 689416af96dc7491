"""The catalogue of step phrases features can use, and the nearest one to a phrase that is unknown.

City staff write scenarios from this vocabulary; `portalcheck steps` prints it, and a feature
with a mistyped step is told the phrasing it most likely meant.
"""

from __future__ import annotations

import difflib
import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pytest_bdd.steps import step_function_context_registry

BUNDLED_FEATURES = Path(__file__).resolve().parent / "features"
QUOTED = re.compile(r'"[^"]*"')
GROUP = re.compile(r"\(\?P<(\w+)>([^)]*)\)|\{(\w+)(?::[^}]*)?\}")


@dataclass(frozen=True)
class StepPhrase:
    """One step definition, as a writer of scenarios sees it."""

    keyword: str  # Given, When or Then
    phrase: str  # with parameters shown as <name>
    parameters: tuple[str, ...]
    area: str  # the steps module, e.g. "residents"
    example: str
    summary: str


def step_modules() -> list[str]:
    """The step modules the plugin loads: the shared vocabulary."""
    from portalcheck.steps import VOCABULARY

    return list(VOCABULARY)


def readable(pattern: str) -> tuple[str, tuple[str, ...]]:
    """`the resident clicks "(?P<name>[^"]+)"$` -> `the resident clicks "<name>"`."""
    names = tuple(regex_name or parse_name for regex_name, _, parse_name in GROUP.findall(pattern))

    def placeholder(match: re.Match[str]) -> str:
        name, body = match[1] or match[3], match[2] or ""
        choices = body if re.fullmatch(r"[\w |-]+", body) and "|" in body else ""
        return f"<{name}: {choices.replace('|', ' | ')}>" if choices else f"<{name}>"

    text = GROUP.sub(placeholder, pattern)
    for noise in ("$", "^", "\\", "s?"):
        text = text.replace(noise, "")
    return text, names


def build(feature_lines: Iterable[str] = ()) -> list[StepPhrase]:
    for module in step_modules():
        importlib.import_module(module)
    lines = list(feature_lines)
    phrases = []
    for context in list(step_function_context_registry.values()):
        func = context.step_func
        if not func.__module__.startswith("portalcheck.steps."):
            continue
        phrase, params = readable(context.parser.name)
        example = next((line for line in lines if context.parser.is_matching(line)), "")
        doc = (func.__doc__ or "").strip().splitlines()
        phrases.append(StepPhrase(
            keyword=(context.type or "step").capitalize(), phrase=phrase, parameters=params,
            area=func.__module__.removeprefix("portalcheck.steps."), example=example,
            summary=doc[0] if doc else "",
        ))
    return sorted(set(phrases), key=lambda p: (p.area, p.keyword, p.phrase))


def feature_step_lines(folder: Path = BUNDLED_FEATURES) -> list[str]:
    """The text of every step line in the features, without its keyword."""
    keywords = re.compile(r"^\s*(Given|When|Then|And|But|\*)\s+(.*)$")
    lines = []
    for path in sorted(folder.rglob("*.feature")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := keywords.match(line):
                lines.append(match[2].strip())
    return lines


CHOICE = re.compile(r"<\w+: ([^>]+)>")


def _choices(text: str) -> list[str]:
    """The options of the first choice parameter left in `text`."""
    match = CHOICE.search(text)
    assert match is not None  # each variant keeps the choices its phrase has not yet spelled out
    return match[1].split("|")


def variants(phrase: StepPhrase) -> list[str]:
    """Ways the phrase can be written, with values blanked: one per choice of a choice parameter."""
    texts = [phrase.phrase]
    while any(CHOICE.search(t) for t in texts):
        texts = [CHOICE.sub(choice.strip(), t, count=1)
                 for t in texts for choice in _choices(t)]
    texts = [re.sub(r'"?<\w+>"?', '""', t) for t in texts]
    if phrase.example:
        texts.append(QUOTED.sub('""', phrase.example))
    return texts


def nearest(text: str, phrases: list[StepPhrase]) -> StepPhrase | None:
    """The known phrasing closest to `text`, comparing with quoted values blanked out."""
    wanted = QUOTED.sub('""', text)
    scored = [(max(difflib.SequenceMatcher(None, wanted, v).ratio() for v in variants(p)), p)
              for p in phrases]
    best = max(scored, default=(0.0, None), key=lambda pair: pair[0])
    return best[1] if best[0] >= 0.6 else None


def render(phrases: list[StepPhrase]) -> str:
    out = []
    for area in sorted({p.area for p in phrases}):
        out.append(f"\n{area.replace('_', ' ').capitalize()}")
        for p in (p for p in phrases if p.area == area):
            out.append(f"  {p.keyword} {p.phrase}")
            if p.summary:
                out.append(f"      {p.summary}")
            if p.example and p.example != p.phrase:
                out.append(f"      e.g. {p.keyword} {p.example}")
    return "\n".join(out).lstrip("\n")
