"""The report folder of `portalcheck run`: right against a sound portal, telling against a broken one."""

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from playwright.sync_api import Browser

from portalcheck.accessibility.axe import run_axe
from portalcheck.fleet import Outcome, Portal
from portalcheck.guide import write_guide
from portalcheck.report.dashboard import write_dashboard
from portalcheck.report.html import report_context
from portalcheck.report.plugin import write_report
from portalcheck.report.render import ENVIRONMENT, render
from portalcheck.report.results import FAILED, NOT_APPLICABLE, SETUP_GAP, WARNING, Results, ScenarioResult

SCENARIOS = "finds or welcome"  # Minot step 1 (login screen) and step 3 (welcome screen)


def run(report: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portalcheck", "run", "--report", str(report), "--", "-k", SCENARIOS],
        capture_output=True, text=True, timeout=300, env={**os.environ, **env},
    )


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory):
    report = tmp_path_factory.mktemp("report")
    return run(report, REFERENCE_PORTAL_DEFECTS="home-without-announcements"), report


def test_a_broken_flow_is_named_with_its_step_and_screenshot(broken_run):
    result, report = broken_run
    assert result.returncode == 1, result.stdout + result.stderr
    assert "portalcheck: FAIL: 1 passed, 1 failed" in result.stdout
    summary = json.loads((report / "summary.json").read_text())
    assert summary["conforms"] is False
    assert summary["guides"]["minot"] == {"1": "passed", "3": "failed"}
    [failure] = summary["failures"]
    assert failure["step"] == 'And the page shows the section "Announcements" saying "There are currently no announcements."'
    assert "Announcements" in failure["message"]
    assert failure["screenshots"] and all(Path(s).is_file() for s in failure["screenshots"])
    assert failure["traces"] and all(Path(t).is_file() for t in failure["traces"])
    html = (report / "index.html").read_text()
    assert "does not conform" in html and "<img src=\"artifacts/" in html


def test_cucumber_json_and_junit_hold_every_scenario(broken_run):
    _, report = broken_run
    [feature] = json.loads((report / "cucumber.json").read_text())
    statuses = {e["name"]: [s["result"]["status"] for s in e["steps"]] for e in feature["elements"]}
    welcome = next(v for k, v in statuses.items() if "welcome" in k)
    assert "failed" in welcome and welcome[-1] == "skipped"
    assert all(s == "passed" for k, v in statuses.items() if "welcome" not in k for s in v)
    assert (report / "junit.xml").read_text().count("<testcase") == 2


def test_a_sound_portal_conforms_under_xdist(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "portalcheck", "run", "--report", str(tmp_path), "--workers", "2",
         "--", "-k", SCENARIOS],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["conforms"] is True and summary["guides"]["minot"] == {"1": "passed", "3": "passed"}
    [feature] = json.loads((tmp_path / "cucumber.json").read_text())
    assert len(feature["elements"]) == 2  # complete under xdist, unlike pytest-bdd's own


# What a portal, its e-mail or a failure message may say: markup, quotes and ampersands.
HOSTILE = '<script>alert(1)</script> "quoted" & more'
PORTAL = f"http://portal.example/?q={HOSTILE}"


def serialised_scenario(name: str, tags: list[str], steps: list[tuple[str, str, bool]]) -> dict:
    """A scenario as pytest-bdd serialises it into scenarios.json (steps: keyword, name, failed)."""
    return {"keyword": "Scenario", "name": name, "line_number": 10, "description": "", "tags": tags,
            "steps": [{"keyword": keyword, "name": text, "type": keyword.lower(), "line_number": 11 + n,
                       "failed": failed, "duration": 0.1} for n, (keyword, text, failed) in enumerate(steps)],
            "feature": {"keyword": "Feature", "name": f"Minot: register {HOSTILE}", "filename": "minot.feature",
                        "rel_filename": "minot.feature", "language": "en", "line_number": 1,
                        "description": f"What {HOSTILE} says.", "tags": ["community-access", "minot"]}}


def hostile_results(folder: Path) -> Results:
    """A run whose scenario names, failure, warning, setup gap, evidence and accessibility finding
    all carry HOSTILE; the screenshots and trace are real files in `folder`."""
    artifacts = folder / "artifacts" / "welcome"
    artifacts.mkdir(parents=True)
    for name in ("failure.png", "trace.zip", "step.png", "contrast.png"):
        (artifacts / name).write_bytes(b"\x89PNG")
    results = Results()
    results.scenarios["minot.py::test_welcome"] = ScenarioResult(
        "minot.py::test_welcome", outcome=FAILED, message=f"Expected {HOSTILE}\nsaw {HOSTILE}",
        scenario=serialised_scenario(f"Welcome {HOSTILE}", ["guide-step-3"], [
            ("Given", "a resident who has signed up", False), ("Then", f'the page shows "{HOSTILE}"', True)]),
        artifacts=[str(artifacts / "failure.png"), str(artifacts / "trace.zip")],
        evidence=[{"step": "Given a resident who has signed up", "screenshot": str(artifacts / "step.png"),
                   "description": f'Click "{HOSTILE}"', "outlined": True}],
        accessibility=[{"rule": "color-contrast", "wcag": "1.4.3", "impact": "serious", "url": PORTAL,
                        "targets": [f"#{HOSTILE}"], "screenshot": str(artifacts / "contrast.png")}],
        pages_checked=[{"path": "/home/", "state": f"heading {HOSTILE}", "violations": 1}])
    results.scenarios["minot.py::test_sign_up"] = ScenarioResult(
        "minot.py::test_sign_up", outcome=NOT_APPLICABLE, message=f"{SETUP_GAP}an account named {HOSTILE}",
        scenario=serialised_scenario("Sign up", ["guide-step-1"], [("When", 'the resident clicks "Sign up"', False)]))
    results.scenarios["security.py::test_csrf"] = ScenarioResult(
        "security.py::test_csrf", outcome=WARNING, warnings=[f"ASVS V3.5.1: {HOSTILE}"],
        scenario={**serialised_scenario(f"CSRF {HOSTILE}", ["check-21", "asvs-v3.5.1", "security"],
                                        [("Then", "the form is refused", False)])})
    return results


class Page(HTMLParser):
    """A page as a browser reads it: its elements with their attributes (values unescaped), the
    text of each heading, and all text but the style sheet's."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.headings: list[tuple[int, str]] = []
        self.texts: list[str] = []
        self._open: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append((int(tag[1]), ""))
        if tag not in ("br", "img", "meta"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]

    def handle_data(self, data: str) -> None:
        if "style" in self._open:
            return
        self.texts.append(data)
        if self.headings and any(t[0] == "h" and t[1:].isdigit() for t in self._open):
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.texts).split())

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.elements if name == tag]


def assert_shown_as_text(html: str) -> Page:
    """HOSTILE never reaches the page as markup: no script element, no raw quote or ampersand."""
    page = Page(html)
    assert not page.all("script") and "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&amp; more" in html
    assert '"quoted"' not in html  # a quote left raw could end an attribute early
    return page


def test_the_report_shows_what_a_portal_and_a_failure_say_as_text(tmp_path: Path) -> None:
    write_report(hostile_results(tmp_path), tmp_path, portal=PORTAL, profile=f"ours {HOSTILE}")
    page = assert_shown_as_text((tmp_path / "index.html").read_text(encoding="utf-8"))
    # A reader sees every value whole, as it was said.
    assert (1, f"Conformance report: {PORTAL}") in page.headings
    assert (3, f"Welcome {HOSTILE}: failed") in page.headings and (3, f"CSRF {HOSTILE}: warning") in page.headings
    for said in (f"Profile ours {HOSTILE}.", f"Failed at: Then the page shows \"{HOSTILE}\"", f"Expected {HOSTILE}",
                 f"saw {HOSTILE}", f"Sign up: an account named {HOSTILE}", f"ASVS V3.5.1: {HOSTILE}",
                 f"on {PORTAL}: #{HOSTILE}", f"heading {HOSTILE}"):
        assert said in page.text, said
    alts = [img["alt"] for img in page.all("img")]
    assert f'Click "{HOSTILE}"' in alts and f"The page when Welcome {HOSTILE} failed" in alts
    assert {img["src"] for img in page.all("img")} == {
        "artifacts/welcome/failure.png", "artifacts/welcome/step.png", "artifacts/welcome/contrast.png"}


def test_a_value_the_report_template_needs_and_was_not_given_fails_the_rendering(tmp_path: Path) -> None:
    context = report_context(hostile_results(tmp_path), tmp_path, portal=PORTAL, profile="reference")
    assert "Conformance report" in render("report.html", **context)  # the whole context renders
    for name in context:
        with pytest.raises(UndefinedError, match=f"'{name}' is undefined"):
            render("report.html", **{key: value for key, value in context.items() if key != name})
    # A value a template reads from one of the values (here a scenario's name) fails as loudly.
    with pytest.raises(UndefinedError, match="has no attribute 'name'"):
        ENVIRONMENT.from_string("<h3>{{ scenario.name }}</h3>").render(scenario={})


def assert_accessible_structure(html: str) -> None:
    """What the pages promised readers of assistive technology before they were templates: the
    page's language, one main landmark, one h1 and no skipped heading level, a scope on every table
    header (a column header row in every table), and a text alternative for every image."""
    page = Page(html)
    assert page.all("html") == [{"lang": "en"}]
    assert len(page.all("main")) == 1 and page.all("title")
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert all(text.strip() for _, text in page.headings)
    headers = page.all("th")
    assert all(th.get("scope") in ("col", "colgroup", "row") for th in headers), headers
    assert len([th for th in headers if th.get("scope") == "col"]) >= len(page.all("table"))
    assert all(img.get("alt") for img in page.all("img"))


def hostile_pages(folder: Path) -> dict[str, Path]:
    """The report, the guide made from its scenarios.json, and a dashboard of the report's portal
    beside one whose run did not report: each built as the commands build them."""
    report = folder / "north"
    report.mkdir(parents=True)
    write_report(hostile_results(report), report, portal=PORTAL, profile="reference")
    write_guide(report)
    (folder / "gone").mkdir()
    outcomes = [Outcome(portal=Portal(name="north", settings={"portal_url": PORTAL}), exit_code=1, folder=report),
                Outcome(portal=Portal(name="gone", settings={"portal_url": PORTAL}), exit_code=3,
                        folder=folder / "gone", reason=f"cannot reach {PORTAL}")]
    write_dashboard(outcomes, folder, fleet=folder / "FLEET.toml")
    return {"report": report / "index.html", "guide": report / "guide.html", "dashboard": folder / "index.html"}


def test_the_pages_keep_their_language_landmark_headings_and_table_headers(tmp_path: Path) -> None:
    for name, path in hostile_pages(tmp_path).items():
        html = path.read_text(encoding="utf-8")
        assert_shown_as_text(html)
        try:
            assert_accessible_structure(html)
        except AssertionError as error:
            raise AssertionError(f"{name}: {error}") from None


def test_a_page_without_its_language_or_a_header_scope_fails_the_structure_check() -> None:
    # The control: the check above can fail.
    sound = ('<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Report</h1>'
             '<table><thead><tr><th scope="col">Step</th></tr></thead></table></main></body></html>')
    assert_accessible_structure(sound)
    for broken in (sound.replace(' lang="en"', ""), sound.replace(' scope="col"', ""),
                   sound.replace("<h1>Report</h1>", "<h1>Report</h1><h3>Skipped a level</h3>"),
                   sound.replace("<main>", "").replace("</main>", "")):
        with pytest.raises(AssertionError):
            assert_accessible_structure(broken)


@pytest.mark.browser
def test_the_pages_pass_the_wcag_rules_the_suite_holds_portals_to(tmp_path: Path, browser: Browser) -> None:
    page = browser.new_page()
    try:
        for name, path in hostile_pages(tmp_path).items():
            page.goto(path.resolve().as_uri())
            assert run_axe(page) == [], name
            assert page.evaluate("() => document.querySelectorAll('script').length") == 0, name
    finally:
        page.close()


def test_every_requirement_a_check_names_is_in_its_requirement_column() -> None:
    """PCI DSS and Regulation E name requirements as ASVS and NIST do; check and area tags do not."""
    from portalcheck.markers import REQUIREMENTS
    from portalcheck.report.wording import requirements

    assert requirements(["security", "check-29", "pci-dss-saq-a", "pci-dss-3.4.1"]) == "pci-dss-3.4.1, pci-dss-saq-a"
    assert requirements(["check-28", "nacha-2.3", "rege-1005.10b"]) == "nacha-2.3, rege-1005.10b"
    assert requirements(REQUIREMENTS) == ", ".join(sorted(REQUIREMENTS))
