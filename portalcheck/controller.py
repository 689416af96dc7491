"""What a run sets up once, in its main process, for all its pytest-xdist workers.

- `--smtp-listen HOST:PORT`: one embedded SMTP inbox on that address for a portal given by URL.
  The main process (the xdist controller, or the only process) listens; workers read what
  arrives through its local HTTP/JSON API (portalcheck/mail/shared.py).
- `--imap-url`: a real test mailbox. Its login is checked once up front; each process then
  opens its own session, and residents get its plus-addresses.
- `--portal-seed`: the bundled portal's seed, new for each run (so CI jobs sharing one Mailpit
  never meet on a returning resident's address) and the same in every worker of the run.
"""

from __future__ import annotations

import argparse
import contextlib
import random
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from portalcheck.errors import ConfigurationError, PortalcheckError
from portalcheck.mail.embedded import EmbeddedInbox
from portalcheck.mail.imap import ImapInbox
from portalcheck.mail.inbox import Inbox
from portalcheck.mail.shared import InboxAPI, RemoteInbox, parse_listen, portal_hint

if TYPE_CHECKING:
    from xdist.workermanage import WorkerController

# Keys of the dict pytest-xdist hands each worker (config.workerinput).
WORKER_INBOX_API = "portalcheck_inbox_api"
WORKER_SEED = "portalcheck_portal_seed"
_SEED = pytest.StashKey[int]()
_LISTENING = pytest.StashKey[tuple[EmbeddedInbox, InboxAPI]]()
_IMAP = pytest.StashKey[ImapInbox]()


def _worker_input(config: pytest.Config) -> dict | None:
    return getattr(config, "workerinput", None)


def check_mailbox_options(options: argparse.Namespace) -> None:
    """One mailbox per run, and each where it can work; ConfigurationError otherwise."""
    chosen = [flag for flag, value in (("--mailpit-url", options.mailpit_url), ("--imap-url", options.imap_url),
                                       ("--smtp-listen", options.smtp_listen)) if value]
    if len(chosen) > 1:
        raise ConfigurationError(f"{' and '.join(chosen)} are two mailboxes: choose one (each also has a "
                                 "PORTALCHECK_ variable; unset the one you do not mean).")
    if options.imap_url and not options.portal_url:
        raise ConfigurationError(
            "--imap-url reads a real mailbox the portal under test sends to, so it needs --portal-url; the "
            "bundled portal sends to an SMTP inbox (leave out --imap-url, or use --smtp-listen or --mailpit-url).")
    if options.imap_address and not options.imap_url:
        raise ConfigurationError("--imap-address names the IMAP mailbox's address: give --imap-url too.")
    if options.smtp_listen:
        try:
            parse_listen(options.smtp_listen)
        except ValueError as error:
            raise ConfigurationError(str(error)) from None


def configure(config: pytest.Config) -> None:
    """At pytest_configure: in the main process, choose the seed and open the mailbox; in a
    worker, take the seed from it. Raises PortalcheckError with one line on a mistake."""
    options = config.option
    worker = _worker_input(config)
    if worker is not None:
        if worker.get(WORKER_SEED) is not None:
            config.stash[_SEED] = worker[WORKER_SEED]
        return
    config.stash[_SEED] = options.portal_seed if options.portal_seed is not None else random.randrange(1, 10**9)
    check_mailbox_options(options)
    if options.smtp_listen:
        host, port = parse_listen(options.smtp_listen)
        inbox = EmbeddedInbox(host, port, hint=portal_hint(host, port)).start()
        try:
            api = InboxAPI(inbox).start()
        except BaseException:
            inbox.stop()
            raise
        config.stash[_LISTENING] = (inbox, api)
        # Cleanups run last-in first-out: the API stops, then the inbox, waking any wait left.
        config.add_cleanup(inbox.stop)
        config.add_cleanup(api.stop)
    if options.imap_url:
        mailbox = ImapInbox(options.imap_url, address=options.imap_address)
        config.add_cleanup(mailbox.close)
        mailbox.check()
        config.stash[_IMAP] = mailbox


def configure_node(node: WorkerController) -> None:
    """At pytest-xdist's pytest_configure_node, in the controller: what each worker needs from it."""
    config: pytest.Config = node.config
    workerinput = node.workerinput
    workerinput[WORKER_SEED] = config.stash.get(_SEED, None)
    listening = config.stash.get(_LISTENING, None)
    if listening is not None:
        workerinput[WORKER_INBOX_API] = listening[1].url


def portal_seed(config: pytest.Config) -> int:
    """The bundled portal's seed for this run (the same in every worker)."""
    if _SEED not in config.stash:  # e.g. a worker of a controller without this plugin's hooks
        config.stash[_SEED] = random.randrange(1, 10**9)
    return config.stash[_SEED]


def smtp_listen(config: pytest.Config) -> tuple[str, int] | None:
    """--smtp-listen as (host, port), or None."""
    return parse_listen(config.option.smtp_listen) if config.option.smtp_listen else None


def smtp_target(listen: tuple[str, int]) -> tuple[str, int]:
    """Where a portal on this machine sends to reach the listening inbox (not a wildcard address)."""
    host, port = listen
    wildcard = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}  # noqa: S104 - mapping, not binding
    return wildcard.get(host, host), port


@contextlib.contextmanager
def _kept_open(inbox: Inbox) -> Iterator[Inbox]:
    yield inbox  # the main process closes it at the end of the run


def open_inbox(config: pytest.Config) -> contextlib.AbstractContextManager[Inbox] | None:
    """The run's IMAP mailbox or listening inbox for this process, or None (Mailpit, embedded)."""
    options = config.option
    worker = _worker_input(config)
    if options.imap_url:
        if _IMAP in config.stash:
            return _kept_open(config.stash[_IMAP])
        try:
            mailbox = ImapInbox(options.imap_url, address=options.imap_address)
        except PortalcheckError as error:
            raise pytest.UsageError(str(error)) from None
        return contextlib.closing(mailbox)
    if options.smtp_listen:
        if _LISTENING in config.stash:
            return _kept_open(config.stash[_LISTENING][0])
        if worker is None or not worker.get(WORKER_INBOX_API):
            raise ConfigurationError("--smtp-listen: this process has no listening inbox to read (its pytest "
                                     "main process did not start one).")
        return RemoteInbox(worker[WORKER_INBOX_API], listen=parse_listen(options.smtp_listen))
    return None


def describe_mail(config: pytest.Config) -> str:
    """The report header's words for the mailbox."""
    options = config.option
    if options.mailpit_url:
        return f"Mailpit at {options.mailpit_url}"
    if options.imap_url and _IMAP in config.stash:
        return config.stash[_IMAP].describe()
    if options.smtp_listen:
        return f"embedded SMTP inbox listening on {options.smtp_listen}"
    return "embedded SMTP inbox"
