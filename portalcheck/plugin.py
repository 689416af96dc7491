"""The pytest plugin: portalcheck's options, its start-up checks and its fixtures.

It builds on pytest-playwright: the portal URL becomes the browser context's `base_url`, and
the Chromium it finds is passed through `browser_type_launch_args`.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytest_bdd.exceptions import StepDefinitionNotFoundError
from pytest_bdd.scenario import scenario_wrapper_template_registry

from portalcheck import (
    browser,
    catalogue,
    controller,
    options,
    playwright_fixtures,
    portal_log,
    reference,
    remote_browser,
)
from portalcheck.clock import PortalClock
from portalcheck.errors import ConfigurationError, PortalcheckError, PortalUnreachable
from portalcheck.mail import EmbeddedInbox, Inbox, MailpitInbox
from portalcheck.markers import MARKERS
from portalcheck.profile import FEATURES as PROFILE_FEATURES
from portalcheck.profile import Profile, load_profile
from portalcheck.reference import ReferencePortal
from portalcheck.residents import Resident, make_resident
from portalcheck.steps import VOCABULARY
from portalcheck.test_data import EXAMPLE, TestData, load_test_data

# The report is gathered on the workers and written by the controller.
pytest_plugins = ["portalcheck.report.collect", "portalcheck.report.plugin", "portalcheck.evidence",
                  "portalcheck.accessibility.plugin", "portalcheck.retry", "portalcheck.schedule",
                  "portalcheck.shard",
                  "portalcheck.feature_files", *VOCABULARY]

FAMILIES = EDITIONS = options.EDITIONS
# Scenario tags naming a documented feature; a profile that does not claim one gets "not applicable".
FEATURES = tuple(PROFILE_FEATURES)
# Scenario tags about a flow or a way of paying where cities differ: a scenario so tagged is "not
# applicable" unless the profile key (table.key) holds one of the values.
PROFILE_TAGS: dict[str, tuple[str, tuple[object, ...]]] = {
    "one-page-sign-in": ("flows.sign_in", ("one-page",)),
    "e-mailed-link": ("flows.verification", ("link", "confirm-button", "password")),
    "partial-payments": ("payments.partial_payments", (True,)),
    "cart-emptied-on-sign-out": ("payments.cart_emptied_on_sign_out", (True,)),
}
REFERENCE_PROFILES = {"community-access": "reference", "citizen-access": "reference-citizen-access"}
_PROFILE = pytest.StashKey[Profile]()
_BUNDLED_TEST_DATA = pytest.StashKey[Path]()
_BUNDLED_CLOCK = pytest.StashKey[Path]()
_BROWSER = playwright_fixtures.BROWSER


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("portalcheck", "portalcheck: the portal under test")
    options.add_to_pytest(group)  # one table for pytest, the CLI and the environment
    group.addoption("--feature-file", default=None, metavar="FILE",
                    help="Run only the scenarios of this .feature file.")




def pytest_configure(config: pytest.Config) -> None:
    """Check what a run needs once, up front, so a mistake is one line and not N errors."""
    from portalcheck import shard  # a pytest plugin of its own: imported here, after pytest registered it

    for name, text in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {text}")
    if config.option.help or config.option.version or config.option.collectonly:
        return
    try:
        if config.option.portal_variant and not config.option.portal_profile:
            raise ConfigurationError(
                f"--portal-variant {config.option.portal_variant} changes the bundled portal's flows: "
                "pass the profile that describes them with --portal-profile (e.g. reference-variant-a).")
        _honour_base_url(config)
        controller.check_mailbox_options(config.option)  # before contacting any of them
        shard.check_options(config.option)  # imported by pytest as a plugin (pytest_plugins)
        config.stash[_PROFILE] = load_profile(profile_name(config.option))
        if config.option.portal_url:
            check_portal(config.option.portal_url, timeout=min(10.0, config.option.wait_seconds))
        else:
            reference.check_installed()
        if config.option.mailpit_url:
            with MailpitInbox(config.option.mailpit_url) as mailpit:
                mailpit.check()
        _choose_browser(config)
        controller.configure(config)  # the run's seed and mailbox, shared with its workers
    except PortalcheckError as error:
        raise pytest.UsageError(str(error)) from None
    # pytest lets the plugin registered last win when two define a fixture of the same name;
    # registering the overrides now puts them after every entry-point plugin.
    config.pluginmanager.register(playwright_fixtures, "portalcheck-playwright")


def _honour_base_url(config: pytest.Config) -> None:
    """pytest-playwright's --base-url (or its ini value) names the portal as --portal-url does."""
    try:
        base = config.getoption("base_url", None) or config.getini("base_url")
    except ValueError:  # no pytest-base-url option in this run
        return
    base, given = (base or "").rstrip("/"), (config.option.portal_url or "").rstrip("/")
    if base and given and base != given:
        raise ConfigurationError(f"--base-url {base} and --portal-url {given} name two portals: give one.")
    if base:
        config.option.portal_url = base


def _choose_browser(config: pytest.Config) -> None:
    """A remote browser when one is named (checked once, in the main process), else a local Chromium."""
    remote = remote_browser.chosen(config.option)
    config.stash[playwright_fixtures.REMOTE] = remote
    if remote is None:
        # A local browser is looked for when a test first needs one (playwright_fixtures), so a
        # run of unit tests needs none; `portalcheck run` looks before it starts pytest.
        return
    # The path names the server's Chromium: it is not looked for here.
    config.stash[_BROWSER] = Path(config.option.browser_path) if config.option.browser_path else None
    if not hasattr(config, "workerinput"):
        remote_browser.check(remote, browser.launch_args(config.stash[_BROWSER]))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist, in the controller: hand each worker the run's seed and listening inbox."""
    controller.configure_node(node)


def profile_name(options: argparse.Namespace) -> str:
    """The profile asked for, else the bundled reference portal's for the chosen edition."""
    if options.portal_profile:
        return options.portal_profile
    return REFERENCE_PROFILES[options.portal_edition]


def pytest_report_header(config: pytest.Config) -> list[str]:
    if _PROFILE not in config.stash:
        return []
    options = config.option
    remote = config.stash.get(playwright_fixtures.REMOTE, None)
    local = config.option.browser_path or "Playwright's Chromium, else the system's (looked for when first needed)"
    bundled = f"bundled reference ({options.portal_edition}, seed {controller.portal_seed(config)})"
    return [
        f"portalcheck: portal {options.portal_url or bundled}, profile {config.stash[_PROFILE].path}",
        f"portalcheck: mail {controller.describe_mail(config)}, "
        f"browser {remote.describe() if remote else local}",
    ]


def check_portal(url: str, *, timeout: float = 10.0) -> None:
    """Raise PortalUnreachable unless something accepts connections at `url`.

    Nothing listening (or no such host) is a wrong URL: the run stops in one line. A portal that
    is there but fails (answers 500, never answers, closes the connection) is what the run is
    for: each scenario it affects fails naming that (portalcheck/portal_faults.py).
    """
    try:
        try:
            httpx.get(url, timeout=timeout, follow_redirects=True)
        except (httpx.ReadTimeout, httpx.RemoteProtocolError, httpx.ReadError):
            return  # connected, then no proper answer: the scenarios will say so
    except httpx.HTTPError as error:
        raise PortalUnreachable(
            f"The portal at {url} is not answering ({type(error).__name__}: {error or 'no reply'}); "
            "start it, or fix --portal-url / PORTALCHECK_PORTAL_URL.",
            url=url,
        ) from None


@pytest.fixture(scope="session")
def portal_profile(pytestconfig: pytest.Config) -> Profile:
    """The profile of the portal under test."""
    return pytestconfig.stash[_PROFILE]


@pytest.fixture(scope="session")
def inbox(pytestconfig: pytest.Config) -> Iterator[Inbox]:
    """Where the portal's e-mail is read: Mailpit, an IMAP mailbox or the run's --smtp-listen inbox
    when given, else an embedded SMTP inbox of this process."""
    shared = controller.open_inbox(pytestconfig)
    if shared is not None:
        with shared as opened:
            yield opened
    elif pytestconfig.option.mailpit_url:
        with MailpitInbox(pytestconfig.option.mailpit_url) as mailpit:
            yield mailpit
    else:
        with EmbeddedInbox() as embedded:
            yield embedded


@pytest.fixture(scope="session")
def portal_url(pytestconfig: pytest.Config, inbox: Inbox) -> Iterator[str]:
    """The portal under test; the bundled reference portal is started when none is given."""
    options = pytestconfig.option
    if options.portal_url:
        yield options.portal_url.rstrip("/")
        return
    smtp = _smtp_address(options, inbox)
    variants = tuple(v.strip() for v in (options.portal_variant or "").split(",") if v.strip())
    # Beside the run's artifacts, one per worker (each worker has its own portal).
    keep_log = Path(pytestconfig.getoption("--output")) / f"reference-portal-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.log"
    with ReferencePortal(smtp=smtp, edition=options.portal_edition, variants=variants, keep_log=keep_log,
                         database_url=options.portal_database, seed=controller.portal_seed(pytestconfig)) as portal:
        pytestconfig.stash[_BUNDLED_TEST_DATA] = portal.test_data_path
        pytestconfig.stash[_BUNDLED_CLOCK] = portal.clock_path
        pytestconfig.stash[portal_log.BUNDLED_LOG] = (portal.log_path, keep_log)
        yield portal.url.rstrip("/")


@pytest.fixture(scope="session")
def test_data(pytestconfig: pytest.Config, portal_url: str) -> TestData:
    """The accounts and other data the portal under test holds for the scenarios to use."""
    path = pytestconfig.option.test_data or pytestconfig.stash.get(_BUNDLED_TEST_DATA, None)
    if path is None:
        raise ConfigurationError(
            f"No test data for the portal at {portal_url}: write a test-data file for it "
            f"(see {EXAMPLE}) and pass --test-data FILE / PORTALCHECK_TEST_DATA."
        )
    # Bundled portals are one per worker; a portal given by URL is shared, so workers split its data.
    return load_test_data(path, workers_share_portal=bool(pytestconfig.option.portal_url))


@pytest.fixture(scope="session")
def portal_clock(pytestconfig: pytest.Config, portal_url: str) -> PortalClock | None:
    """The bundled portal's movable clock; None for a portal given by URL (its clock is its own)."""
    path = pytestconfig.stash.get(_BUNDLED_CLOCK, None)
    return PortalClock(path) if path is not None else None


def _smtp_address(options: argparse.Namespace, inbox: Inbox) -> tuple[str, int]:
    if options.smtp_listen:  # the run's one listening inbox, in the main process
        return controller.smtp_target(controller.parse_listen(options.smtp_listen))
    if isinstance(inbox, EmbeddedInbox):
        return inbox.host, inbox.port
    if options.mailpit_smtp:
        host, _, port = options.mailpit_smtp.rpartition(":")
        return host, int(port)
    return httpx.URL(options.mailpit_url).host, 1025


@pytest.fixture
def new_resident(inbox: Inbox) -> Callable[[], Resident]:
    """Make a resident with a unique e-mail address (a plus-address where the mailbox is a real one)."""
    address_for = getattr(inbox, "address_for", None)  # Inbox.address_for: only real mailboxes have it
    return functools.partial(make_resident, address=address_for) if address_for else make_resident


def pytest_bdd_step_func_lookup_error(step: Any, exception: Exception) -> None:
    """Say which known step a mistyped one most likely meant."""
    near = catalogue.nearest(step.name, catalogue.build(catalogue.feature_step_lines()))
    hint = f" The nearest known step is: {near.keyword} {near.phrase}." if near else ""
    raise StepDefinitionNotFoundError(f"{exception}.{hint} `portalcheck steps` lists them all.")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A feature of another portal family is not applicable to this portal, never failed."""
    only_feature(config, items)
    if _PROFILE not in config.stash:
        return
    family = config.stash[_PROFILE].family
    for item in items:
        families = {m.name for m in item.iter_markers() if m.name in FAMILIES}
        if families and family not in families:
            item.add_marker(pytest.mark.skip(
                reason=f"not applicable: the portal profile's family is {family}"))
            continue
        unclaimed = sorted({m.name for m in item.iter_markers() if m.name in FEATURES}
                           - set(config.stash[_PROFILE].features))
        if unclaimed:
            item.add_marker(pytest.mark.skip(
                reason=f"not applicable: the portal profile does not claim {', '.join(unclaimed)}"))
            continue
        if item.get_closest_marker("city-website") and not config.stash[_PROFILE].urls.city_website:
            item.add_marker(pytest.mark.skip(
                reason="not applicable: the portal profile names no city website (urls.city_website)"))
            continue
        for tag in sorted({m.name for m in item.iter_markers() if m.name in PROFILE_TAGS}):
            key, values = PROFILE_TAGS[tag]
            table, name = key.split(".")
            declared = getattr(getattr(config.stash[_PROFILE], table), name)
            if declared not in values:
                item.add_marker(pytest.mark.skip(
                    reason=f"not applicable: the portal profile declares {key} = {json.dumps(declared)}"))
                break


def only_feature(config: pytest.Config, items: list[pytest.Item]) -> None:
    """--feature-file: deselect every scenario from another feature file."""
    wanted = config.option.feature_file
    if not wanted:
        return
    wanted = Path(wanted).resolve()
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        obj = getattr(item, "obj", None)
        template = scenario_wrapper_template_registry.get(obj) if obj is not None else None
        same = template is not None and Path(template.feature.filename).resolve() == wanted
        (keep if same else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
