"""`portalcheck fleet FLEET.toml` runs the suite against every portal listed, at most `parallel`
at once, each as its own `portalcheck run`, and writes one dashboard: a row per portal, a column
per guide step and check family, each cell linking to that portal's report.

The fleets here are bundled reference portals (both editions and a variant), and portals started
by hand and given by URL, one of them with a deliberate defect; each runs a few scenarios.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import runs
from jinja2 import UndefinedError
from runs import PROJECT, await_line, clean_env, free_port, stop

from portalcheck.fleet import Outcome, Portal
from portalcheck.report.dashboard import dashboard_context, row, write_dashboard
from portalcheck.report.render import render


def fleet(path: Path, report: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "portalcheck", "fleet", str(path), "--report-dir", str(report)],
                          cwd=PROJECT, capture_output=True, text=True, timeout=900, env=clean_env(**env))


class Dashboard(HTMLParser):
    """The dashboard's rows as a reader sees them: each row's header, cells' text and links."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self.headers: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append({"name": "", "cells": [], "links": []})
        elif tag in ("td", "th") and self.rows:
            self._in = tag
            self.rows[-1]["cells"].append("")
        elif tag == "a" and self.rows and self._in:
            self.rows[-1]["links"].append(dict(attrs)["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in and self.rows:
            self.rows[-1]["cells"][-1] += data

    def row(self, name: str) -> dict:
        found = [r for r in self.rows if r["cells"] and r["cells"][0].startswith(name)]
        assert len(found) == 1, f"no single row for {name}: {[r['cells'][:1] for r in self.rows]}"
        return found[0]


def read_dashboard(report: Path) -> tuple[str, Dashboard, dict]:
    html = (report / "index.html").read_text(encoding="utf-8")
    parsed = Dashboard()
    parsed.feed(html)
    return html, parsed, json.loads((report / "fleet.json").read_text(encoding="utf-8"))


def assert_links_resolve(report: Path, links: list[str]) -> None:
    """Every link is relative, to a file that exists, and to an anchor that file has."""
    for link in links:
        target, _, anchor = link.partition("#")
        assert not Path(target).is_absolute() and (report / target).is_file(), link
        if anchor:
            assert f'id="{anchor}"' in (report / target).read_text(encoding="utf-8"), link


@pytest.mark.browser
def test_a_fleet_of_three_bundled_portals_conforms_and_the_dashboard_shows_each(tmp_path: Path) -> None:
    (tmp_path / "FLEET.toml").write_text("""
parallel = 2
markers = "guide-step-1"

[[portal]]
name = "minot-default"
markers = "(minot and guide-step-1) or check-22"

[[portal]]
name = "billings"
edition = "citizen-access"
markers = "billings and guide-step-1"

[[portal]]
name = "variant-c"
profile = "reference-variant-c"
variant = ["password-again", "plain-text-email", "other-paths"]
features = "../../work-features"
""".replace("../../work-features", str(PROJECT / "portalcheck" / "features" / "test_community_access.py")), encoding="utf-8")
    report = tmp_path / "dashboard"
    result = fleet(tmp_path / "FLEET.toml", report)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr
    assert "portalcheck: fleet: PASS: 3 of 3 portals conform" in result.stdout

    html, dashboard, data = read_dashboard(report)
    assert [p["name"] for p in data["portals"]] == ["minot-default", "billings", "variant-c"]
    assert data["conforms"] is True and all(p["status"] == "conforms" for p in data["portals"])
    # Each portal ran with its own settings: the profile its report names, the steps its selection holds.
    by_name = {p["name"]: p for p in data["portals"]}
    assert by_name["billings"]["profile"] == "reference-citizen-access"
    assert by_name["variant-c"]["profile"] == "reference-variant-c"
    assert by_name["minot-default"]["checks"] == {"security": "passed"}
    assert by_name["billings"]["guides"] == {"billings": {"1": "passed"}}
    assert by_name["variant-c"]["guides"]["pinellas-park"] == {"1": "passed", "2": "passed", "3": "passed"}
    for header in ("Minot, ND: guide steps", "Pinellas Park, FL: guide steps", "Billings, MT: guide steps",
                   "Check families", "Security"):
        assert header in html
    for name in by_name:
        row = dashboard.row(name)
        assert row["cells"][1] == "conforms"
        outcomes = row["cells"][3:]  # after the portal, its verdict and its totals: a cell per column
        assert "passed" in outcomes and set(outcomes) <= {"passed", "not applicable", "not run"}, row
        # The portal's name links its report, and so does every outcome cell.
        assert row["links"][0] == f"{name}/index.html" and len(row["links"]) == 1 + len(outcomes), row
        assert_links_resolve(report, row["links"])
    assert dashboard.row("billings")["cells"][3:].count("not run") >= 1  # no Minot step in its selection


@pytest.fixture
def defective_portal(tmp_path: Path) -> Iterator[tuple[str, int, Path]]:
    """The reference portal with one deliberate defect, started by hand as a vendor's would be."""
    with runs.portal_by_hand(tmp_path, REFERENCE_PORTAL_DEFECTS="password-shown-as-text") as portal:
        yield portal


@pytest.mark.browser
def test_a_non_conformant_portal_fails_the_fleet_and_the_others_still_run(
        defective_portal: tuple[str, int, Path], tmp_path: Path) -> None:
    url, smtp_port, test_data = defective_portal
    unreachable = f"http://127.0.0.1:{free_port()}/"
    (tmp_path / "FLEET.toml").write_text(f"""
parallel = 2
markers = "check-5 or check-22"

[[portal]]
name = "defective"
portal_url = "{url}"
smtp_listen = "127.0.0.1:{smtp_port}"
test_data = "test-data.json"

[[portal]]
name = "gone"
portal_url = "{unreachable}"

[[portal]]
name = "sound"
markers = "check-22"
""", encoding="utf-8")
    report = tmp_path / "dashboard"
    result = fleet(tmp_path / "FLEET.toml", report)
    assert result.returncode == 1, result.stdout[-4000:] + result.stderr
    assert "portalcheck: fleet: FAIL: 1 of 3 portals conform" in result.stdout

    html, dashboard, data = read_dashboard(report)
    by_name = {p["name"]: p for p in data["portals"]}
    assert data["conforms"] is False
    assert by_name["defective"]["status"] == "does not conform"
    assert by_name["defective"]["checks"]["security"] == "failed"
    assert any("ASVS V6.2.6" in f["message"] for f in by_name["defective"]["failures"]), by_name["defective"]
    assert by_name["gone"]["status"] == "did not run" and unreachable.rstrip("/") in by_name["gone"]["reason"]
    assert by_name["sound"]["status"] == "conforms" and by_name["sound"]["checks"] == {"security": "passed"}

    defective = dashboard.row("defective")
    assert defective["cells"][1] == "does not conform" and "failed" in defective["cells"][3:]
    assert_links_resolve(report, defective["links"])
    gone = dashboard.row("gone")
    assert gone["cells"][1] == "did not run" and gone["cells"][2].startswith("did not run: ")
    assert gone["links"] == ["gone/run.log"] and (report / "gone" / "run.log").is_file()
    assert dashboard.row("sound")["cells"][1] == "conforms"
    assert "ASVS V6.2.6" in html  # the failure is named on the dashboard, linked to its report


@pytest.mark.parametrize(("fleet_text", "complaint"), [
    ('[[portal]]\nname = "north"\nportl_url = "http://x/"\n',
     """[[portal]] 1 "north": unknown key 'portl_url'; did you mean 'portal_url'?"""),
    ('paralel = 2\n[[portal]]\nname = "north"\n', "unknown key 'paralel'; did you mean 'parallel'?"),
    ('parallel = "two"\n[[portal]]\nname = "north"\n', "'parallel' must be a whole number, not 'two'."),
    ('[[portal]]\nname = "north"\n[[portal]]\nname = "north"\n',
     '[[portal]] 2 "north": the name is used by an earlier portal'),
    ('[[portal]]\nname = "north"\ntest_data = "no-such.json"\n',
     """[[portal]] 1 "north": 'test_data' names {folder}/no-such.json, which does not exist"""),
    ('[[portal]]\nname = "north"\nworkers = "many"\n', """'workers' must be a whole number or "auto", not 'many'."""),
    ('[[portal]]\nname = "north"\nvariant = "reworded"\n', "'variant' changes the bundled portal's flows"),
    ('[[portal]]\nname = "north"\nportal_url = "http://x/"\nedition = "citizen-access"\n',
     "'edition' sets up the bundled portal, but 'portal_url' names another one"),
    ('[[portal]]\nname = "north"\nprofile = "no-such-profile"\n', """[[portal]] 1 "north": 'profile': Unknown portal"""),
    ('[[portal]]\nname = "../up"\n', "[[portal]] 1 '../up': 'name' '../up' is not letters, digits"),
    ('[[portal]]\nname = "a"\nsmtp_listen = "127.0.0.1:2525"\n[[portal]]\nname = "b"\nsmtp_listen = "127.0.0.1:2525"\n',
     "[[portal]] 2 \"b\": 'smtp_listen' 127.0.0.1:2525 is also \"a\"'s"),
    ('parallel = 2\n', "lists no portal: add a [[portal]] table"),
    ('[[portal]\nname = "north"\n', "not valid TOML"),
])
def test_a_wrong_fleet_file_is_one_line_naming_the_key_the_entry_and_the_file(
        tmp_path: Path, fleet_text: str, complaint: str) -> None:
    (tmp_path / "FLEET.toml").write_text(fleet_text, encoding="utf-8")
    result = fleet(tmp_path / "FLEET.toml", tmp_path / "dashboard")
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"portalcheck: error: {tmp_path / 'FLEET.toml'}: "), lines
    assert complaint.format(folder=tmp_path) in lines[0]
    assert not (tmp_path / "dashboard").exists()  # nothing ran


def test_a_folder_the_fleet_did_not_write_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "FLEET.toml").write_text('[[portal]]\nname = "notes"\n', encoding="utf-8")
    (tmp_path / "dashboard" / "notes").mkdir(parents=True)
    (tmp_path / "dashboard" / "notes" / "mine.txt").write_text("keep me", encoding="utf-8")
    result = fleet(tmp_path / "FLEET.toml", tmp_path / "dashboard")
    assert result.returncode == 2
    assert "holds files no fleet run wrote: give another --report-dir" in result.stderr
    assert (tmp_path / "dashboard" / "notes" / "mine.txt").read_text(encoding="utf-8") == "keep me"


# What a portal, its e-mail or a failure message may say: markup, quotes and ampersands.
HOSTILE = '<script>alert(1)</script> "quoted" & more'


def hostile_fleet(folder: Path) -> list[Outcome]:
    """A portal whose report (summary.json, index.html) names HOSTILE everywhere, given by a URL
    that does too, and one whose run did not report, saying why with HOSTILE in it."""
    north = folder / "north"
    north.mkdir()
    (north / "index.html").write_text('<h2 id="checks-security"></h2>', encoding="utf-8")
    (north / "summary.json").write_text(json.dumps({
        "portal": "p", "profile": f"<b>profile</b> {HOSTILE}", "conforms": False,
        "totals": {"passed": 0, "failed": 1}, "guides": {}, "checks": {"security": {"x": "failed"}},
        "failures": [{"scenario": f"CSRF {HOSTILE}", "step": "Then <i>", "message": f"a & b {HOSTILE}\nmore"}]}))
    (folder / "gone").mkdir()
    return [Outcome(portal=Portal(name="north", settings={"portal_url": f"http://portal.example/?a=<x>&q={HOSTILE}"}),
                    exit_code=1, folder=north),
            Outcome(portal=Portal(name="gone", settings={"portal_url": "http://gone.example/"}), exit_code=3,
                    folder=folder / "gone", reason=f"cannot reach {HOSTILE}")]


def test_the_dashboard_escapes_what_it_shows(tmp_path: Path) -> None:
    rows = write_dashboard(hostile_fleet(tmp_path), tmp_path, fleet=tmp_path / "F&<x>.toml")
    html, dashboard, _ = read_dashboard(tmp_path)
    assert [r["status"] for r in rows] == ["does not conform", "did not run"]
    assert "<script>" not in html and "<b>profile" not in html and "<x>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "a &amp; b" in html
    assert '"quoted"' not in html  # a quote left raw could end an attribute early
    # A reader sees each value whole, as it was said.
    north = dashboard.row("north")
    assert north["cells"][0] == f"northhttp://portal.example/?a=<x>&q={HOSTILE}; profile <b>profile</b> {HOSTILE}"
    assert dashboard.row("gone")["cells"][2] == f"did not run: cannot reach {HOSTILE} (its log)"
    assert north["links"] == ["north/index.html", "north/index.html#checks-security"]
    listed = Dashboard()
    listed.feed(html.split("<h2>Failures</h2>", 1)[1].replace("<li>", "<tr><td>").replace("</li>", "</td></tr>"))
    assert listed.rows[0]["cells"] == [f"north: CSRF {HOSTILE}, at Then <i>: a & b {HOSTILE}"]
    assert "<title>portalcheck fleet: F&amp;&lt;x&gt;.toml</title>" in html


def test_a_value_the_dashboard_template_needs_and_was_not_given_fails_the_rendering(tmp_path: Path) -> None:
    rows = [row(outcome, tmp_path) for outcome in hostile_fleet(tmp_path)]
    context = dashboard_context(rows, fleet=tmp_path / "F.toml")
    assert "Fleet conformance" in render("dashboard.html", **context)  # the whole context renders
    for name in context:
        with pytest.raises(UndefinedError, match=f"'{name}' is undefined"):
            render("dashboard.html", **{key: value for key, value in context.items() if key != name})


def test_the_readme_example_uses_only_keys_a_fleet_file_takes() -> None:
    import tomllib

    from portalcheck.fleet import PORTAL_KEYS, TOP_KEYS

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    example = readme.split("### Many portals: fleet", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    data = tomllib.loads(example)
    assert set(data) <= set(TOP_KEYS) and len(data["portal"]) >= 3
    for entry in data["portal"]:
        assert set(entry) <= {"name", *PORTAL_KEYS}, entry


def processes_naming(text: str) -> list[int]:
    """The processes whose command line mentions `text`."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(entry.name))
        except OSError:
            continue  # ended while we looked
    return found


def still_running(pids: list[int], timeout: float) -> list[int]:
    """Those of `pids` that have not ended within `timeout`, waiting on each one's pidfd."""
    handles = {}
    for pid in pids:
        try:
            handles[os.pidfd_open(pid)] = pid
        except ProcessLookupError:
            continue  # already gone
    deadline = time.monotonic() + timeout
    try:
        while handles and (remaining := deadline - time.monotonic()) > 0:
            ended, _, _ = select.select(list(handles), [], [], remaining)
            for handle in ended:
                os.close(handle)
                del handles[handle]
        return sorted(handles.values())
    finally:
        for handle in handles:
            os.close(handle)


# `python -m portalcheck` as a terminal starts it. A test session started in the background (`make test &`)
# passes SIGINT on ignored, and Python then never turns Ctrl-C into KeyboardInterrupt.
AS_FROM_A_TERMINAL = ("import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
                      "runpy.run_module('portalcheck', run_name='__main__', alter_sys=True)")


@pytest.mark.browser
def test_ctrl_c_stops_the_runs_under_way_with_what_they_started(tmp_path: Path) -> None:
    import signal

    (tmp_path / "FLEET.toml").write_text('[[portal]]\nname = "long"\nmarkers = "security"\n', encoding="utf-8")
    report = tmp_path / "dashboard"
    process = subprocess.Popen([sys.executable, "-c", AS_FROM_A_TERMINAL, "fleet", str(tmp_path / "FLEET.toml"),
                                "--report-dir", str(report)], cwd=PROJECT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=clean_env(PYTHONUNBUFFERED="1"))
    try:
        await_line(process.stdout, r"fleet: long: running against")
        # The run's log read as it grows (tail -F waits for the file), until a scenario has run.
        log = subprocess.Popen(["tail", "-F", "-n", "+1", str(report / "long" / "run.log")],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            await_line(log.stdout, r"\[1/", timeout=120)
        finally:
            stop(log)
        started = processes_naming(str(report / "long"))
        assert started  # the run and its pytest
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) != 0
        left = still_running(started, timeout=30)
        assert not left, f"still running after Ctrl-C: {left}"
    finally:
        stop(process)


# A pool thread that takes the Ctrl-C itself (the kernel may hand a process's signal to any of its
# threads) while the main thread waits on the runs; the run then goes on for a minute.
PICKED_BY_A_POOL_THREAD = """
import signal, sys, threading, time
signal.signal(signal.SIGINT, signal.default_int_handler)  # as from a terminal (see AS_FROM_A_TERMINAL)
from concurrent.futures import ThreadPoolExecutor
from portalcheck.fleet import wait_all

main, release = threading.main_thread().ident, threading.Event()

def main_is_waiting() -> bool:
    frame = sys._current_frames()[main]
    while frame is not None and frame.f_code.co_name != "wait_all":
        frame = frame.f_back
    return frame is not None

def run() -> str:
    while not main_is_waiting():
        release.wait(0.01)
    signal.pthread_kill(threading.get_ident(), signal.SIGINT)
    release.wait(60)
    return "finished"

with ThreadPoolExecutor(max_workers=1) as pool:
    started = time.monotonic()
    try:
        print(wait_all([pool.submit(run)]))
    except KeyboardInterrupt:
        print(f"stopped after {time.monotonic() - started:.1f} s")
    finally:
        release.set()
"""


def test_ctrl_c_taken_by_a_pool_thread_still_stops_the_fleet_at_once() -> None:
    """The CI failure this answers: Ctrl-C sent, and the fleet went on until its run ended."""
    result = subprocess.run([sys.executable, "-c", PICKED_BY_A_POOL_THREAD], cwd=PROJECT, capture_output=True,
                            text=True, timeout=30, env=clean_env())
    assert result.stdout.startswith("stopped after "), result.stdout + result.stderr
    assert float(result.stdout.split()[2]) < 5
