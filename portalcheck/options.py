"""One table of options: the pytest options, the `portalcheck` flags and the environment variables.

Each option has one name everywhere: `--portal-url` for pytest and for `portalcheck run`, and
`PORTALCHECK_PORTAL_URL` in the environment (the flag's name in capitals, `-` as `_`). The
README's option table is printed from this one (`python -m portalcheck.options`), so the three
cannot drift apart.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from typing import Any

EDITIONS = ("community-access", "citizen-access")
ON_OFF = {"on": "on", "off": "off", "true": "on", "false": "off", "1": "on", "0": "off", "yes": "on", "no": "off"}


def on_off(value: str) -> str:
    """An on/off switch as people write it: on/off, true/false, yes/no, 1/0."""
    if value.lower() not in ON_OFF:
        raise argparse.ArgumentTypeError(f"'{value}' is not on or off")
    return ON_OFF[value.lower()]


@dataclass(frozen=True)
class Option:
    flag: str
    help: str
    metavar: str | None = None
    type: Any = str
    default: Any = None
    choices: tuple[str, ...] | None = None
    flag_only: bool = False  # a switch (store_true): its variable says on or off (1/0, yes/no, true/false)
    # Names this option's variable had before the one naming rule; still read, never documented.
    old_env: tuple[str, ...] = ()

    @property
    def env(self) -> str:
        return "PORTALCHECK_" + self.flag.removeprefix("--").upper().replace("-", "_")

    @property
    def dest(self) -> str:
        return self.flag.removeprefix("--").replace("-", "_")

    def from_environment(self) -> Any:
        for name in (self.env, *self.old_env):
            if os.environ.get(name):
                value = os.environ[name]
                return on_off(value) == "on" if self.flag_only else self.type(value)
        return False if self.flag_only else self.default


OPTIONS = [
    Option("--portal-url", "The portal to test; without it the bundled reference portal is started.", "URL"),
    Option("--portal-profile", "The portal's profile: a bundled name or a .toml file "
           "(default: the bundled portal's, for its edition).", "NAME|FILE", old_env=("PORTALCHECK_PROFILE",)),
    Option("--portal-edition", "The portal family the bundled reference portal renders.", choices=EDITIONS,
           default=EDITIONS[0], old_env=("PORTALCHECK_EDITION",)),
    Option("--portal-variant", "Start the bundled reference portal with these documented variations "
           "(see README); needs --portal-profile.", "NAME[,NAME]"),
    Option("--portal-database", "A database URL for the bundled portal (default: a fresh SQLite file).", "URL"),
    Option("--portal-seed", "The bundled portal's seed for its made-up data (default: a new one each run, "
           "shown in the report header; give it to reproduce a run).", "N", type=int),
    Option("--test-data", "The portal's test data: accounts to link, returning residents, bank test numbers "
           "(the bundled portal writes its own).", "FILE"),
    Option("--mailpit-url", "Read e-mail from Mailpit's API here instead of the embedded inbox.", "URL"),
    Option("--mailpit-smtp", "Mailpit's SMTP address for the bundled portal (default: its host, port 1025).",
           "HOST:PORT"),
    Option("--smtp-listen", "Receive the portal's e-mail with an embedded SMTP inbox on this address, for a "
           "portal given by URL (set its SMTP server to it); works with workers.", "HOST:PORT"),
    Option("--imap-url", "Read e-mail from a real test mailbox over IMAP (imaps://user@host/INBOX); residents "
           "get its plus-addresses; the password comes from PORTALCHECK_IMAP_PASSWORD.", "URL"),
    Option("--imap-address", "The IMAP mailbox's e-mail address, when its user name is not one "
           "(plus-addresses are made from it).", "ADDRESS"),
    Option("--browser-path", "The Chromium to drive (default: Playwright's, else the system's); with "
           "--browser-ws, the server's own Chromium.", "PATH"),
    Option("--browser-ws", "Connect to a Playwright browser server (playwright run-server, same major.minor "
           "version) at this WebSocket URL instead of launching a browser here.", "URL"),
    Option("--browser-cdp", "Attach to a running Chromium over the Chrome DevTools Protocol at this URL "
           "(e.g. http://127.0.0.1:9222) instead of launching one.", "URL"),
    Option("--wait-seconds", "How long a step waits for the portal to show what it expects.", "S",
           type=float, default=15.0),
    Option("--shard", "Run only shard K of N (e.g. 2/3): N jobs with the same options cover the suite once; "
           "portalcheck merge joins their reports.", "K/N"),
    Option("--shard-durations", "A report's scenarios.json to balance shards by recorded times (the same "
           "file in every shard's job; default: by number of steps).", "FILE"),
    Option("--report-dir", "Where the report goes: HTML, summary and Cucumber JSON, scenarios.", "DIR"),
    Option("--accessibility", "WCAG 2.1 AA rules on every page, and the @accessibility scenarios.", "on|off",
           type=on_off, default="on"),
    Option("--evidence", "Screenshot every step with the element it acted on outlined.", flag_only=True),
]
BY_FLAG = {option.flag: option for option in OPTIONS}


def add_to_pytest(group: Any) -> None:
    """The pytest options, each defaulting to its environment variable."""
    for option in OPTIONS:
        help_text = f"{option.help} [env {option.env}]"
        if option.flag_only:
            group.addoption(option.flag, action="store_true", default=option.from_environment(), help=help_text)
            continue
        group.addoption(option.flag, default=option.from_environment(), type=option.type, metavar=option.metavar,
                        choices=option.choices, help=help_text)


def add_to_cli(parser: argparse.ArgumentParser, *, aliases: dict[str, str] | None = None) -> None:
    """The same options as `portalcheck` flags; unset ones are left to pytest (and the environment)."""
    aliases = aliases or {}
    for option in OPTIONS:
        names = [option.flag, *([aliases[option.flag]] if option.flag in aliases else [])]
        if option.flag_only:
            parser.add_argument(*names, dest=option.dest, action="store_true", default=False,
                                help=f"{option.help} [env {option.env}=1]")
        else:
            parser.add_argument(*names, dest=option.dest, default=None, type=option.type, metavar=option.metavar,
                                choices=option.choices, help=f"{option.help} [env {option.env}]")


def as_pytest_arguments(namespace: argparse.Namespace) -> list[str]:
    """The options given on the command line, passed on to pytest under the same names."""
    args: list[str] = []
    for option in OPTIONS:
        value = getattr(namespace, option.dest, None)
        if option.flag_only:
            args += [option.flag] if value else []
        elif value is not None:
            args.append(f"{option.flag}={value}")
    return args


def markdown_table() -> str:
    rows = ["| option | environment variable | what it does |", "|---|---|---|"]
    for option in OPTIONS:
        env = f"`{option.env}=1`" if option.flag_only else f"`{option.env}`"
        value = option.metavar or ("|".join(option.choices) if option.choices else "")
        flag = f"{option.flag} {value}".strip().replace("|", "\\|")
        rows.append(f"| `{flag}` | {env} | {option.help} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(markdown_table())
