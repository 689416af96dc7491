"""The `portalcheck` command: run the conformance features, illustrate a guide, list the steps."""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from portalcheck import (
    __version__,
    browser,
    catalogue,
    discover,
    fleet,
    guide,
    options,
    reference,
    remote_browser,
    repeat,
    shard,
)
from portalcheck.catalogue import BUNDLED_FEATURES
from portalcheck.errors import PortalcheckError
from portalcheck.feature_files import binding_modules, bound_elsewhere
from portalcheck.mail import MailpitInbox
from portalcheck.plugin import REFERENCE_PROFILES, check_portal
from portalcheck.profile import load_profile
from portalcheck.report import merge
from portalcheck.test_data import load_test_data


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portalcheck", description=__doc__)
    parser.add_argument("--version", action="version", version=f"portalcheck {__version__}")
    target = argparse.ArgumentParser(add_help=False)
    # The plugin's options under the same names (portalcheck/options.py); the older names still work.
    options.add_to_cli(target, aliases={"--portal-edition": "--edition", "--report-dir": "--report"})
    target.add_argument("--workers", default="0", help="Parallel workers for pytest-xdist, or 'auto'.")
    target.add_argument("pytest_args", nargs="*", help="Further pytest arguments, after '--'.")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", parents=[target], help="Run the conformance features; report and verdict.",
                              epilog="The report goes to --report-dir (default: portalcheck-report).")
    run.add_argument("--features", type=Path, default=BUNDLED_FEATURES,
                     help="A folder or .feature file to run (default: the bundled conformance features).")
    run.add_argument("--no-accessibility", dest="accessibility", action="store_const", const="off",
                     help="Same as --accessibility off.")
    run.add_argument("--repeat", type=positive, default=1, metavar="N",
                     help="Run N times, each into its own report subfolder (run-01, ...), and list every "
                          "scenario whose outcome changed (repeat.json, repeat.txt).")

    illustrate = commands.add_parser("guide", parents=[target],
                                     help="Run one feature and write an illustrated how-to for residents.")
    illustrate.add_argument("feature", type=Path, help="The .feature file, e.g. portalcheck/features/community_access/minot_register.feature")

    joining = commands.add_parser("merge", help="Merge the report folders of a run's shards into one report.",
                                epilog="Exit code 0 when the merged run conforms, 1 when not, as `run`.")
    joining.add_argument("folders", nargs="+", type=Path, help="The shards' report folders (--report-dir of each job).")
    joining.add_argument("--report-dir", "--report", dest="report_dir", type=Path, default=Path("portalcheck-report"),
                       help="Where the merged report goes (default: portalcheck-report).")

    many = commands.add_parser("fleet", help="Run the suite against every portal a FLEET.toml lists; one dashboard.",
                               epilog="Exit code 0 when every portal conforms, 1 when any does not or did not run.")
    many.add_argument("fleet", type=Path, help="The fleet file: [[portal]] tables, each with a name (see README).")
    many.add_argument("--report-dir", "--report", dest="report_dir", type=Path, default=Path("portalcheck-fleet"),
                      help="Where the dashboard and each portal's report go (default: portalcheck-fleet).")

    commands.add_parser("steps", help="List every step phrase features can use, by area, with an example.")

    init = commands.add_parser("init", help="Write a draft profile from what the portal's pages show.")
    init.add_argument("url", help="The portal's address (its sign-in page or home).")
    init.add_argument("--out", type=Path, default=Path("portal.toml"), help="Where to write the draft (default: portal.toml).")
    init.add_argument("--email", help="A test account's e-mail, to look at the signed-in home too "
                                      "(its password from PORTALCHECK_INIT_PASSWORD).")
    init.add_argument("--browser-path", help="Chromium executable (default: found automatically).")

    profile = commands.add_parser("profile", help="Check a profile (and test data) without a browser.")
    profile_commands = profile.add_subparsers(dest="profile_command", required=True)
    check = profile_commands.add_parser("check", help="Validate a profile file, naming each problem.")
    check.add_argument("file", help="The profile: a bundled name or a .toml file.")
    check.add_argument("--test-data", help="A test-data file to validate too.")
    return parser


def initialise(options: argparse.Namespace) -> int:
    findings = discover.write_draft(options.url, options.out, email=options.email, browser_path=options.browser_path)
    reworded = sum(f.reworded for f in findings)
    missing = sum(f.shown is None for f in findings)
    print(f"portalcheck: wrote {options.out}: {len(findings) - reworded - missing} labels as printed, "
          f"{reworded} re-worded, {missing} missing")
    return 0


def check_profile(options: argparse.Namespace) -> int:
    profile = load_profile(options.file)
    print(f"portalcheck: {profile.path}: a valid profile ({profile.family}; claims {', '.join(profile.features)})")
    if options.test_data:
        load_test_data(options.test_data)
        print(f"portalcheck: {options.test_data}: valid test data")
    return 0


def resolve_paths(given: argparse.Namespace, *, report_default: str) -> None:
    """Paths as the user meant them, from where they ran the command: pytest runs elsewhere."""
    given.report_dir = str(Path(given.report_dir or report_default).resolve())
    for name in ("test_data", "browser_path", "shard_durations"):
        if getattr(given, name, None):
            setattr(given, name, str(Path(getattr(given, name)).resolve()))
    if given.portal_profile and given.portal_profile.endswith(".toml"):
        given.portal_profile = str(Path(given.portal_profile).resolve())


def pytest_arguments(given: argparse.Namespace, features: Path) -> list[str]:
    args = [str(features.resolve()), "-p", "no:cacheprovider", "-q", *options.as_pytest_arguments(given)]
    if given.workers not in ("0", "1"):
        args += ["-n", given.workers]
    return args + given.pytest_args


def report_arguments(report: Path) -> list[str]:
    """Where the run leaves its evidence: JUnit XML, and failures' screenshots and traces."""
    return [f"--junitxml={report / 'junit.xml'}", "--progress",
            # Untraced, and a failing scenario again with a trace: the trace of every scenario
            # cost about half its time (benchmarks/).
            "--screenshot=only-on-failure", "--tracing=off", "--retry-traced",
            f"--output={report / 'artifacts'}"]


def preflight(given: argparse.Namespace, features: Path) -> None:
    """The checks pytest would make, done first so a mistake costs one line, not a run."""
    if not features.exists():
        raise PortalcheckError(f"No features at {features}: give the path of a folder or .feature file.")
    edition = given.portal_edition or options.BY_FLAG["--portal-edition"].from_environment()
    profile = given.portal_profile or options.BY_FLAG["--portal-profile"].from_environment()
    load_profile(profile or REFERENCE_PROFILES[edition])
    test_data = given.test_data or options.BY_FLAG["--test-data"].from_environment()
    if test_data:  # else a malformed file is found only once the scenarios start
        load_test_data(test_data)
    url = given.portal_url or options.BY_FLAG["--portal-url"].from_environment()
    if url:
        wait = given.wait_seconds or options.BY_FLAG["--wait-seconds"].from_environment()
        check_portal(url, timeout=min(10.0, wait))
    else:
        reference.check_installed()
    mailpit = given.mailpit_url or options.BY_FLAG["--mailpit-url"].from_environment()
    if mailpit:
        with MailpitInbox(mailpit) as inbox:
            inbox.check()
    shard.check_options(argparse.Namespace(
        shard=given.shard or options.BY_FLAG["--shard"].from_environment(),
        shard_durations=given.shard_durations or options.BY_FLAG["--shard-durations"].from_environment()))
    remote = remote_browser.chosen(argparse.Namespace(
        browser_ws=given.browser_ws or options.BY_FLAG["--browser-ws"].from_environment(),
        browser_cdp=given.browser_cdp or options.BY_FLAG["--browser-cdp"].from_environment()))
    if remote is None:  # a remote browser is checked by the plugin, where it is connected to
        browser.find_chromium(given.browser_path or options.BY_FLAG["--browser-path"].from_environment())


def run_pytest(given: argparse.Namespace, features: Path, report: Path,
               extra: Sequence[str] = ()) -> tuple[int, dict[str, int] | None]:
    """pytest in its own process: plugins such as Faker's must be imported by pytest first to be
    assertion-rewritten, and each run starts from a clean state."""
    report.mkdir(parents=True, exist_ok=True)
    (report / "summary.json").unlink(missing_ok=True)
    command = [sys.executable, "-m", "pytest", *pytest_arguments(given, features), *report_arguments(report), *extra]
    code = subprocess.run(command).returncode  # from where the user ran it; paths are absolute
    try:
        totals = json.loads((report / "summary.json").read_text(encoding="utf-8"))["totals"]
    except (OSError, ValueError, KeyError):
        totals = None
    return code, totals


def selection(features: Path) -> tuple[Path, list[str]]:
    """What pytest is given for --features: a folder or feature file as it is; a feature file the
    bundled features bind in a test module, through that module and --feature-file."""
    features = features.resolve()
    if features.suffix == ".feature" and bound_elsewhere(features):
        return binding_folder(features), [f"--feature-file={features}"]
    return features, []


def positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of runs (1 or more)")
    return int(value)


def run(given: argparse.Namespace) -> int:
    resolve_paths(given, report_default="portalcheck-report")
    preflight(given, given.features)
    if given.repeat > 1:
        return run_repeatedly(given)
    return run_once(given, Path(given.report_dir))


def run_repeatedly(given: argparse.Namespace) -> int:
    """--repeat N: N runs, each into its own report folder with a seed of its own (recorded, to
    reproduce a run), then every scenario whose outcome changed; non-zero if any did, or any run
    did not pass."""
    report = Path(given.report_dir)
    chosen_seed = given.portal_seed or options.BY_FLAG["--portal-seed"].from_environment()
    bundled = not (given.portal_url or options.BY_FLAG["--portal-url"].from_environment())
    runs: list[dict[str, Any]] = []
    folders: list[Path] = []
    for number in range(1, given.repeat + 1):
        folder = report / f"run-{number:02d}"
        seed = chosen_seed or (random.randrange(1, 10**9) if bundled else None)
        given.portal_seed, given.report_dir = seed, str(folder)  # the options pytest is given
        print(f"\nportalcheck: repeat: run {number} of {given.repeat}" + (f" (seed {seed})" if seed else ""))
        try:
            code = run_once(given, folder)
        except PortalcheckError as error:
            if number == 1:
                raise  # a mistake in the options, not a run that went differently
            print(f"portalcheck: error: {error}", file=sys.stderr)
            runs.append({"folder": folder.name, "exit_code": 2, "seed": seed, "error": str(error)})
            continue
        runs.append({"folder": folder.name, "exit_code": code, "seed": seed})
        folders.append(folder)
    comparison = repeat.compare(folders)
    repeat.write(comparison, report, runs=runs)
    print("\n" + (report / "repeat.txt").read_text(encoding="utf-8").rstrip())
    print(f"portalcheck: repeat: {report / 'repeat.json'}")
    if not comparison.identical:
        return 1
    return max(run["exit_code"] for run in runs)


def run_once(given: argparse.Namespace, report: Path) -> int:
    target, narrowed = selection(given.features)
    code, totals = run_pytest(given, target, report, extra=narrowed)
    if code == 5 or (totals is not None and not any(totals.values())):
        raise PortalcheckError(f"no scenario in {given.features} matches the selection: check the path "
                               "(a folder or a .feature file) and any -k/-m after '--'.")
    if totals is None:
        raise PortalcheckError(f"the run stopped before reporting (pytest exit code {code}); see above.")
    # Warnings and flaky scenarios are named only when there are some.
    counts = ", ".join(f"{n} {outcome}" for outcome, n in totals.items()
                       if n or outcome not in ("warning", "flaky"))
    edition = given.portal_edition or options.BY_FLAG["--portal-edition"].from_environment()
    portal = (given.portal_url or options.BY_FLAG["--portal-url"].from_environment()
              or f"the bundled reference portal ({edition})")
    print(f"\nportalcheck: {'PASS' if code == 0 else 'FAIL'}: {counts} against {portal}")
    print(f"portalcheck: report: {report / 'index.html'}")
    return 0 if code == 0 else (2 if code in (3, 4) else 1)


def verdict_line(totals: dict[str, int], portal: str) -> str:
    """The closing line of a run or a merge: PASS or FAIL, and the counts."""
    failed = totals.get("failed", 0) + totals.get("flaky", 0)
    # Warnings and flaky scenarios are named only when there are some.
    counts = ", ".join(f"{n} {outcome}" for outcome, n in totals.items()
                       if n or outcome not in ("warning", "flaky"))
    return f"portalcheck: {'FAIL' if failed else 'PASS'}: {counts} against {portal}"


def merge_reports(given: argparse.Namespace) -> int:
    into = given.report_dir.resolve()
    results = merge.merge(given.folders, into)
    totals = results.totals()
    portal = json.loads((into / "summary.json").read_text(encoding="utf-8"))["portal"]
    print(verdict_line(totals, portal))
    print(f"portalcheck: report: {into / 'index.html'}")
    return 1 if totals["failed"] or totals["flaky"] else 0


def binding_folder(feature: Path) -> Path:
    """The nearest folder above a feature file whose test modules bind it to pytest."""
    for folder in feature.parents:
        if binding_modules(folder):
            return folder
    raise PortalcheckError(f"No test module binds {feature}: add one calling pytest_bdd.scenarios().")


def illustrate(given: argparse.Namespace) -> int:
    resolve_paths(given, report_default="portalcheck-guide")
    given.evidence = True  # the guide is made of every step's screenshot
    feature = given.feature.resolve()
    preflight(given, feature)
    if feature.suffix != ".feature":
        raise PortalcheckError(f"{given.feature} is not a .feature file.")
    report = Path(given.report_dir)
    target, narrowed = selection(feature)
    code, totals = run_pytest(given, target, report, extra=narrowed)
    if totals is None:
        raise PortalcheckError(f"the run stopped before reporting (pytest exit code {code}); see above.")
    html = guide.write_guide(report)
    pdf = guide.write_pdf(html, browser_path=given.browser_path)
    print(f"\nportalcheck: guide: {html}" + (f" and {pdf}" if pdf else ""))
    return 0 if code == 0 else 1


def main(argv: list[str] | None = None) -> int:
    given = build_parser().parse_args(argv)
    try:
        if given.command == "steps":
            print(catalogue.render(catalogue.build(catalogue.feature_step_lines())))
            return 0
        if given.command == "init":
            return initialise(given)
        if given.command == "profile":
            return check_profile(given)
        if given.command == "merge":
            return merge_reports(given)
        if given.command == "fleet":
            return fleet.fleet_command(given.fleet, given.report_dir)
        return illustrate(given) if given.command == "guide" else run(given)
    except PortalcheckError as error:
        print(f"portalcheck: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
