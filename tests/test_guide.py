"""`portalcheck guide`: an illustrated how-to from a run, every step shown, clicks outlined."""

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from portalcheck.guide import guide_context, write_guide
from portalcheck.report.render import render

FEATURE = "portalcheck/features/community_access/minot_register.feature"


class Guide(HTMLParser):
    """The guide as a reader gets it: its headings' text, its text, its images' attributes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.images: list[dict[str, str]] = []
        self.scripts = 0
        self.texts: list[str] = []
        self._heading = self._style = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2"):
            self._heading = True
            self.headings.append("")
        self._style |= tag == "style"
        self.scripts += tag == "script"
        if tag == "img":
            self.images.append({name: value or "" for name, value in attrs})

    def handle_endtag(self, tag: str) -> None:
        self._heading &= tag not in ("h1", "h2")
        self._style &= tag != "style"

    def handle_data(self, data: str) -> None:
        if self._heading:
            self.headings[-1] += data
        if not self._style:
            self.texts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.texts).split())


def test_the_registration_guide_shows_each_step_with_the_clicked_element_outlined(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "portalcheck", "guide", FEATURE, "--report", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    html = (tmp_path / "guide.html").read_text()
    assert "<h1>Minot: register for a Citizen Self Service account</h1>" in html
    scenarios = json.loads((tmp_path / "scenarios.json").read_text())
    assert len(scenarios) == 8  # only this feature's scenarios ran
    headings = Guide(html).headings
    for number, scenario in enumerate(sorted(scenarios, key=lambda s: s["scenario"]["line_number"]), start=1):
        assert f'Step {number}: {scenario["scenario"]["name"]}' in headings
        assert scenario["evidence"], f'no screenshot for {scenario["scenario"]["name"]}'
    clicks = [e for s in scenarios for e in s["evidence"] if e["description"].startswith(("Click", "Press"))]
    assert clicks and all(e["outlined"] for e in clicks)
    assert any(e["description"] == 'Click "Activate account" in the e-mail' and e["outlined"]
               for s in scenarios for e in s["evidence"])
    assert html.count("<img") == sum(len(s["evidence"]) for s in scenarios)
    assert (tmp_path / "guide.pdf").read_bytes().startswith(b"%PDF")


def test_a_missing_feature_is_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "portalcheck", "guide", "portalcheck/features/nope.feature", "--report", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("portalcheck: error: No features at")
    assert len(result.stderr.strip().splitlines()) == 1


# What a portal, its e-mail or a failure message may say: markup, quotes and ampersands.
HOSTILE = '<script>alert(1)</script> "quoted" & more'


def hostile_run(report: Path) -> Path:
    """A report folder's scenarios.json (as `portalcheck run` writes it) whose feature, scenario
    names, failure and screenshot descriptions carry HOSTILE; the screenshots are real files."""
    (report / "artifacts").mkdir(parents=True)
    (report / "artifacts" / "sign-up.png").write_bytes(b"\x89PNG")
    feature = {"name": f"Minot: register {HOSTILE}", "description": f"  How {HOSTILE}\n  signs up.  ",
               "tags": ["minot"], "rel_filename": "minot.feature"}

    def scenario(line: int, name: str, steps: list[tuple[str, str]]) -> dict:
        return {"name": name, "line_number": line, "tags": [], "feature": feature,
                "steps": [{"keyword": keyword, "name": text, "failed": False} for keyword, text in steps]}

    scenarios = [
        {"nodeid": "minot.py::test_refused", "outcome": "failed", "message": f"Expected {HOSTILE}",
         "scenario": scenario(20, f"Refused {HOSTILE}", [("Then", f'the page says "{HOSTILE}"')]), "evidence": []},
        {"nodeid": "minot.py::test_sign_up", "outcome": "passed", "message": "",
         "scenario": scenario(10, f"Sign up {HOSTILE}", [("When", f'the resident clicks "{HOSTILE}"')]),
         "evidence": [{"step": f'When the resident clicks "{HOSTILE}"', "description": f'Click "{HOSTILE}"',
                       "screenshot": str(report / "artifacts" / "sign-up.png"), "outlined": True}]},
    ]
    (report / "scenarios.json").write_text(json.dumps(scenarios), encoding="utf-8")
    return report


def test_the_guide_shows_what_a_portal_and_a_failure_say_as_text(tmp_path: Path) -> None:
    html = write_guide(hostile_run(tmp_path)).read_text(encoding="utf-8")
    guide = Guide(html)
    assert guide.scripts == 0 and "<script>" not in html and '"quoted"' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&amp; more" in html
    # A reader sees each value whole, as it was said, in the feature's order.
    assert guide.headings == [f"Minot: register {HOSTILE}", f"Step 1: Sign up {HOSTILE}", f"Step 2: Refused {HOSTILE}"]
    assert f"How {HOSTILE} signs up." in guide.text
    assert f'The resident clicks "{HOSTILE}".' in guide.text
    assert f"This step does not work on this portal (failed): Expected {HOSTILE}" in guide.text
    assert guide.images == [{"src": "artifacts/sign-up.png", "alt": f'Click "{HOSTILE}"'}]


def test_a_value_the_guide_template_needs_and_was_not_given_fails_the_rendering(tmp_path: Path) -> None:
    context = guide_context(hostile_run(tmp_path))
    assert "<h1>" in render("guide.html", **context)  # the whole context renders
    for name in context:
        with pytest.raises(UndefinedError, match=f"'{name}' is undefined"):
            render("guide.html", **{key: value for key, value in context.items() if key != name})
