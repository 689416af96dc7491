"""The `portalcheck` command: run the conformance features against a portal."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


from portalcheck import __version__, browser, catalogue
from portalcheck.errors import PortalcheckError
from portalcheck.mail import MailpitInbox
from portalcheck.plugin import EDITIONS, REFERENCE_PROFILES, check_portal
from portalcheck.profile import load_profile

PROJECT = Path(__file__).resolve().parent.parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portalcheck", description=__doc__)
    parser.add_argument("--version", action="version", version=f"portalcheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="Run the conformance features and print a summary.")
    run.add_argument("--portal-url", help="Portal to test (default: start the bundled reference portal).")
    run.add_argument("--portal-profile", help="Profile name or .toml file (default: reference).")
    run.add_argument("--edition", choices=EDITIONS, help="Edition of the bundled reference portal.")
    run.add_argument("--mailpit-url", help="Read e-mail from Mailpit's API (default: embedded inbox).")
    run.add_argument("--test-data", help="Test-data file of the portal's accounts (bundled portal: its own).")
    run.add_argument("--browser-path", help="Chromium executable (default: found automatically).")
    run.add_argument("--features", type=Path, default=PROJECT / "features",
                     help="Folder of features to run (default: the bundled conformance features).")
    run.add_argument("--report", type=Path, default=Path("portalcheck-report"),
                     help="Folder for the run's reports (default: portalcheck-report).")
    run.add_argument("--workers", default="0", help="Parallel workers for pytest-xdist, or 'auto'.")
    run.add_argument("pytest_args", nargs="*", help="Further pytest arguments, after '--'.")
    commands.add_parser("steps", help="List every step phrase features can use, by area, with an example.")
    return parser


def pytest_arguments(options: argparse.Namespace) -> list[str]:
    args = [str(options.features.resolve()), "-p", "no:cacheprovider", "-q"]
    for flag, value in (("--portal-url", options.portal_url),
                        ("--portal-profile", options.portal_profile),
                        ("--portal-edition", options.edition),
                        ("--mailpit-url", options.mailpit_url),
                        ("--test-data", options.test_data),
                        ("--browser-path", options.browser_path)):
        if value:
            args += [flag, value]
    if options.workers not in ("0", "1"):
        args += ["-n", options.workers]
    return args + options.pytest_args


def preflight(options: argparse.Namespace) -> None:
    """The checks pytest would make, done first so a mistake costs one line, not a run."""
    if not options.features.is_dir():
        raise PortalcheckError(f"No features folder at {options.features}: pass --features DIR.")
    load_profile(options.portal_profile or REFERENCE_PROFILES[options.edition or EDITIONS[0]])
    if options.portal_url:
        check_portal(options.portal_url)
    if options.mailpit_url:
        with MailpitInbox(options.mailpit_url) as mailpit:
            mailpit.check()
    browser.find_chromium(options.browser_path)


def report_arguments(report: Path) -> list[str]:
    """Where the run leaves its evidence: the report, JUnit XML, and failures' screenshots and traces."""
    return [f"--report-dir={report}", f"--junitxml={report / 'junit.xml'}", "--progress",
            "--screenshot=only-on-failure", "--tracing=retain-on-failure",
            f"--output={report / 'artifacts'}"]


def read_totals(report: Path) -> dict[str, int] | None:
    try:
        return json.loads((report / "summary.json").read_text(encoding="utf-8"))["totals"]
    except (OSError, ValueError, KeyError):
        return None


def main(argv: list[str] | None = None) -> int:
    options = build_parser().parse_args(argv)
    if options.command == "steps":
        print(catalogue.render(catalogue.build(catalogue.feature_step_lines())))
        return 0
    try:
        preflight(options)
    except PortalcheckError as error:
        print(f"portalcheck: error: {error}", file=sys.stderr)
        return 2
    report = options.report.resolve()
    (report / "summary.json").unlink(missing_ok=True)
    # pytest runs in its own process: plugins such as Faker's must be imported by pytest
    # first to be assertion-rewritten, and each run starts from a clean state.
    command = [sys.executable, "-m", "pytest", *pytest_arguments(options), *report_arguments(report)]
    code = subprocess.run(command, cwd=PROJECT).returncode
    totals = read_totals(report)
    if totals is None:
        print(f"portalcheck: error: the run stopped before reporting (pytest exit code {code}); "
              "see the output above.", file=sys.stderr)
        return 2
    counts = ", ".join(f"{n} {outcome}" for outcome, n in totals.items())
    target = options.portal_url or f"the bundled reference portal ({options.edition or EDITIONS[0]})"
    verdict = "PASS" if code == 0 else "FAIL"
    print(f"\nportalcheck: {verdict}: {counts} against {target}")
    print(f"portalcheck: report: {report / 'index.html'}")
    return 0 if code == 0 else (2 if code in (3, 4) else 1)


if __name__ == "__main__":
    sys.exit(main())
