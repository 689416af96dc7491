"""Many portals in one run: `portalcheck fleet FLEET.toml` runs each as its own `portalcheck run`.

A fleet file lists portals (`[[portal]]`, each with a `name` and what `portalcheck run` takes)
and how many run at once (`parallel`). Each portal's run is the command a user would type, in a
process of its own, its report in `REPORT/<name>/`; a run that crashes or cannot reach its portal
gets a row saying so while the others go on. The dashboard (report/dashboard.py) joins them.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import tomllib
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portalcheck.errors import ConfigurationError, PortalcheckError
from portalcheck.options import EDITIONS
from portalcheck.profile import load_profile

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")  # a folder name and a relative link
# A portal entry's key: (the `portalcheck run` flag, what its value must be). Kinds: str, int,
# number, bool, file (must exist), folder-or-file (must exist), profile (a bundled name or a
# .toml file), names (a string or a list of strings), workers (a count or "auto").
PORTAL_KEYS: dict[str, tuple[str, str]] = {
    "portal_url": ("--portal-url", "str"),
    "profile": ("--portal-profile", "profile"),
    "edition": ("--portal-edition", "str"),
    "variant": ("--portal-variant", "names"),
    "database": ("--portal-database", "str"),
    "seed": ("--portal-seed", "int"),
    "test_data": ("--test-data", "file"),
    "mailpit_url": ("--mailpit-url", "str"),
    "mailpit_smtp": ("--mailpit-smtp", "str"),
    "smtp_listen": ("--smtp-listen", "str"),
    "imap_url": ("--imap-url", "str"),
    "imap_address": ("--imap-address", "str"),
    "browser_path": ("--browser-path", "file"),
    "browser_ws": ("--browser-ws", "str"),
    "browser_cdp": ("--browser-cdp", "str"),
    "wait_seconds": ("--wait-seconds", "number"),
    "accessibility": ("--accessibility", "bool"),
    "evidence": ("--evidence", "bool"),
    "features": ("--features", "folder-or-file"),
    "workers": ("--workers", "workers"),
    "select": ("-k", "str"),
    "markers": ("-m", "str"),
}
BUNDLED_ONLY = ("edition", "variant", "database", "seed")  # the bundled portal's settings
TOP_KEYS = {"parallel": "int", "select": "str", "markers": "str", "timeout_minutes": "number", "portal": "list"}
KIND_WORDS = {"str": "a string", "int": "a whole number", "number": "a number", "bool": "true or false",
              "list": "an array of [[portal]] tables", "names": "a string or an array of strings",
              "workers": 'a whole number or "auto"', "file": "a file path", "folder-or-file": "a path",
              "profile": "a bundled profile name or a .toml file path"}


@dataclass(frozen=True)
class Portal:
    """One `[[portal]]` entry: its name and the `portalcheck run` arguments it stands for."""

    name: str
    settings: dict[str, Any]

    def run_arguments(self, report: Path) -> list[str]:
        args, pytest_args = ["run", "--report-dir", str(report)], []
        for key, value in self.settings.items():
            flag, kind = PORTAL_KEYS[key]
            if flag.startswith("--") and kind == "bool":
                args += ([flag] if value else []) if key == "evidence" else [f"{flag}={'on' if value else 'off'}"]
            elif flag.startswith("--"):
                args.append(f"{flag}={','.join(value) if isinstance(value, list) else value}")
            else:
                pytest_args += [flag, value]
        return args + (["--", *pytest_args] if pytest_args else [])

    @property
    def target(self) -> str:
        """The portal as a reader knows it: its URL, or the bundled portal and its settings."""
        if "portal_url" in self.settings:
            return self.settings["portal_url"]
        variant = self.settings.get("variant")
        variant = f", variant {','.join(variant) if isinstance(variant, list) else variant}" if variant else ""
        return f"bundled reference portal ({self.settings.get('edition', EDITIONS[0])}{variant})"


@dataclass(frozen=True)
class Fleet:
    """A fleet file, read and checked: its portals and how many run at once."""

    path: Path
    portals: tuple[Portal, ...]
    parallel: int = 1
    timeout_minutes: float | None = None


@dataclass
class Outcome:
    """How one portal's run ended: its exit code, and why it did not report when it did not."""

    portal: Portal
    exit_code: int | None
    folder: Path
    reason: str = ""  # set when the run did not produce a report it could stand behind
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.folder / "run.log"


def _fail(fleet: Path, where: str, message: str, key: str | None = None) -> ConfigurationError:
    return ConfigurationError(f"{fleet}: {where}{message}", profile_key=key, path=str(fleet))


def _check_kind(value: Any, kind: str) -> bool:
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "list":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    if kind == "names":
        return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    if kind == "workers":
        return (isinstance(value, int) and not isinstance(value, bool) and value >= 0) or value == "auto"
    return isinstance(value, str)


def _unknown(fleet: Path, where: str, key: str, known: list[str]) -> ConfigurationError:
    near = difflib.get_close_matches(key, known, n=1)
    hint = f"did you mean '{near[0]}'? " if near else ""
    return _fail(fleet, where, f"unknown key '{key}'; {hint}known keys here: {', '.join(sorted(known))}.", key)


def load_fleet(path: str | Path) -> Fleet:
    """Read and check a fleet file; every problem is one ConfigurationError naming key, entry and file."""
    path = Path(path).resolve()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigurationError(f"Fleet file {path} does not exist: give the path of a FLEET.toml.",
                                 path=str(path)) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigurationError(f"{path}: not valid TOML ({error}).", path=str(path)) from None
    for key, value in data.items():
        if key not in TOP_KEYS:
            raise _unknown(path, "", key, list(TOP_KEYS))
        if not _check_kind(value, TOP_KEYS[key]):
            raise _fail(path, "", f"'{key}' must be {KIND_WORDS[TOP_KEYS[key]]}, not {value!r}.", key)
    if not data.get("portal"):
        raise _fail(path, "", "lists no portal: add a [[portal]] table for each, with a name.", "portal")
    parallel = data.get("parallel", 1)
    if parallel < 1:
        raise _fail(path, "", f"'parallel' must be at least 1, not {parallel}.", "parallel")
    timeout = data.get("timeout_minutes")
    if timeout is not None and timeout <= 0:
        raise _fail(path, "", f"'timeout_minutes' must be more than 0, not {timeout}.", "timeout_minutes")
    defaults: dict[str, str] = {key: data[key] for key in ("select", "markers") if key in data}
    portals: list[Portal] = []
    for number, entry in enumerate(data["portal"], start=1):
        portal = _portal(path, number, entry, defaults)
        if any(p.name == portal.name for p in portals):
            raise _fail(path, f'[[portal]] {number} "{portal.name}": ',
                        "the name is used by an earlier portal; each needs its own (it names its report folder).",
                        "name")
        portals.append(portal)
    _check_shared_addresses(path, portals)
    return Fleet(path=path, portals=tuple(portals), parallel=parallel, timeout_minutes=timeout)


def _portal(fleet: Path, number: int, entry: dict[str, Any], defaults: dict[str, str]) -> Portal:
    name = entry.get("name")
    where = f'[[portal]] {number}{f" {name!r}" if isinstance(name, str) else ""}: '
    if not isinstance(name, str) or not NAME.match(name):
        problem = "has no 'name'" if name is None else f"'name' {name!r} is not letters, digits, '.', '_' or '-'"
        raise _fail(fleet, where, f"{problem}: give each portal a short name (it names its report folder).", "name")
    where = f'[[portal]] {number} "{name}": '
    settings: dict[str, Any] = dict(defaults)
    for key, value in entry.items():
        if key == "name":
            continue
        if key not in PORTAL_KEYS:
            raise _unknown(fleet, where, key, ["name", *PORTAL_KEYS])
        kind = PORTAL_KEYS[key][1]
        if not _check_kind(value, kind):
            raise _fail(fleet, where, f"'{key}' must be {KIND_WORDS[kind]}, not {value!r}.", key)
        settings[key] = _checked_value(fleet, where, key, kind, value)
    if "portal_url" in settings:
        bundled = [key for key in BUNDLED_ONLY if key in settings]
        if bundled:
            raise _fail(fleet, where, f"'{bundled[0]}' sets up the bundled portal, but 'portal_url' names another "
                        "one: drop one of the two.", bundled[0])
    if "variant" in settings and "profile" not in settings:
        raise _fail(fleet, where, "'variant' changes the bundled portal's flows: add the 'profile' that describes "
                    "them (e.g. reference-variant-a).", "variant")
    return Portal(name=name, settings=settings)


def _checked_value(fleet: Path, where: str, key: str, kind: str, value: Any) -> Any:
    """A value as the run will take it: paths from the fleet file's folder, and existing."""
    if key == "edition" and value not in EDITIONS:
        raise _fail(fleet, where, f"'edition' has {value!r}; known: {', '.join(EDITIONS)}.", key)
    if kind == "profile":
        if not value.endswith(".toml"):
            try:
                load_profile(value)
            except ConfigurationError as error:
                raise _fail(fleet, where, f"'profile': {error}", key) from None
            return value
        kind = "file"
    if kind in ("file", "folder-or-file"):
        resolved = (fleet.parent / value).resolve()
        if not resolved.exists() or (kind == "file" and not resolved.is_file()):
            raise _fail(fleet, where, f"'{key}' names {resolved}, which does not exist "
                        "(paths are taken from the fleet file's folder).", key)
        if key == "profile":
            try:
                load_profile(str(resolved))
            except ConfigurationError as error:
                raise _fail(fleet, where, f"'profile': {error}", key) from None
        return str(resolved)
    return value


def _check_shared_addresses(fleet: Path, portals: list[Portal]) -> None:
    """Two runs cannot both listen on one address: say so before either starts."""
    seen: dict[str, str] = {}
    for number, portal in enumerate(portals, start=1):
        address = portal.settings.get("smtp_listen")
        if address in seen:
            raise _fail(fleet, f'[[portal]] {number} "{portal.name}": ', f"'smtp_listen' {address} is also "
                        f"\"{seen[address]}\"'s: runs at once cannot share a listening address.", "smtp_listen")
        if address:
            seen[address] = portal.name


# How long a Ctrl-C can wait to stop the fleet: the main thread looks up from the runs this often.
SIGNAL_CHECK_SECONDS = 0.5

class Running:
    """The runs under way, so that Ctrl-C (or any stop) ends each with what it started: each run
    is in a process group of its own, which the terminal's signal does not reach."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._processes: set[subprocess.Popen[bytes]] = set()
        self.stopping = False

    def start(self, command: list[str], log: Any) -> subprocess.Popen[bytes] | None:
        with self._lock:
            if self.stopping:
                return None
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
            self._processes.add(process)
            return process

    def finished(self, process: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._processes.discard(process)

    def stop_all(self) -> None:
        with self._lock:
            self.stopping = True
            processes = list(self._processes)
        for process in processes:
            _stop_group(process)


def run_portal(portal: Portal, folder: Path, *, timeout_minutes: float | None = None,
               running: Running | None = None) -> Outcome:
    """`portalcheck run` for one portal in a process (and process group) of its own."""
    running = running or Running()
    if folder.exists():
        shutil.rmtree(folder)  # a report left from an earlier fleet run must not stand for this one
    folder.mkdir(parents=True)
    outcome = Outcome(portal=portal, exit_code=None, folder=folder)
    command = [sys.executable, "-m", "portalcheck", *portal.run_arguments(folder)]
    with outcome.log.open("w", encoding="utf-8") as log:
        log.write("$ " + " ".join(command) + "\n")
        log.flush()
        process = running.start(command, log)
        if process is None:
            outcome.reason = "not started: the fleet was stopped"
            return outcome
        try:
            outcome.exit_code = process.wait(timeout=timeout_minutes * 60 if timeout_minutes else None)
        except subprocess.TimeoutExpired:
            _stop_group(process)
            outcome.reason = f"stopped after {timeout_minutes:g} minutes (timeout_minutes)"
        finally:
            running.finished(process)
    if not outcome.reason and (outcome.exit_code not in (0, 1) or not (folder / "summary.json").is_file()):
        outcome.reason = _reason(outcome)
    return outcome


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """The run and what it started (the bundled portal, the browser): terminate, then kill."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=15)
            return
        except subprocess.TimeoutExpired:
            continue


def _reason(outcome: Outcome) -> str:
    """The run's own one-line error when it printed one, else its exit code."""
    lines = [line.strip() for line in outcome.log.read_text(encoding="utf-8", errors="replace").splitlines()]
    errors = [line.removeprefix("portalcheck: error: ") for line in lines if line.startswith("portalcheck: error: ")]
    if errors:
        return errors[-1]
    return f"the run ended with exit code {outcome.exit_code} without a report; see run.log"


def run_fleet(fleet: Fleet, report: Path) -> list[Outcome]:
    """Every portal's run, at most `parallel` at once, in the fleet file's order."""
    report.mkdir(parents=True, exist_ok=True)
    lock, running = threading.Lock(), Running()

    def one(portal: Portal) -> Outcome:
        with lock:
            print(f"portalcheck: fleet: {portal.name}: running against {portal.target}", flush=True)
        outcome = run_portal(portal, report / portal.name, timeout_minutes=fleet.timeout_minutes, running=running)
        with lock:
            said = outcome.reason or ("PASS" if outcome.exit_code == 0 else "FAIL")
            print(f"portalcheck: fleet: {portal.name}: {said} ({outcome.log})", flush=True)
        return outcome

    pool = ThreadPoolExecutor(max_workers=fleet.parallel)
    try:
        return wait_all([pool.submit(one, portal) for portal in fleet.portals])
    except BaseException:  # Ctrl-C: the runs under way are stopped, not left behind
        running.stop_all()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def wait_all(futures: list[Future[Outcome]]) -> list[Outcome]:
    """Their results, in order, once all are done; a Ctrl-C meanwhile raises KeyboardInterrupt here.

    Python runs signal handlers in the main thread only. When the kernel hands the terminal's
    SIGINT to a pool thread instead, a main thread blocked on a future would not see it until
    that run ended, so it looks up from waiting every SIGNAL_CHECK_SECONDS.
    """
    while wait(futures, timeout=SIGNAL_CHECK_SECONDS).not_done:
        pass
    return [future.result() for future in futures]


def fleet_command(path: Path, report: Path) -> int:
    """`portalcheck fleet`: exit 0 when every portal conforms, 1 when any does not or did not run."""
    from portalcheck.report import dashboard

    fleet = load_fleet(path)
    report = report.resolve()
    for portal in fleet.portals:  # each run replaces its folder: never one the fleet did not write
        folder = report / portal.name
        if folder.is_dir() and any(folder.iterdir()) and not (folder / "run.log").is_file():
            raise PortalcheckError(f"{folder} holds files no fleet run wrote: give another --report-dir "
                                   f"(portal \"{portal.name}\" of {fleet.path} would replace it).")
    outcomes = run_fleet(fleet, report)
    rows = dashboard.write_dashboard(outcomes, report, fleet=fleet.path)
    conforming = sum(row["conforms"] for row in rows)
    print(f"\nportalcheck: fleet: {'PASS' if conforming == len(rows) else 'FAIL'}: "
          f"{conforming} of {len(rows)} portals conform")
    print(f"portalcheck: dashboard: {report / 'index.html'}")
    return 0 if conforming == len(rows) else 1
