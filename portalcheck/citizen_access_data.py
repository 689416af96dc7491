"""What Citizen Access scenarios link, read from the test data (flows.md D): permit accounts set up
by city staff, and water accounts with the PIN printed on their bills."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from portalcheck.errors import ConfigurationError


@dataclass(frozen=True)
class PermitAccount:
    """A permit account as the city has it on file: residents link it by e-mail, PIN optional."""

    number: str
    holder_name: str
    email: str
    pin: str


def load_permit_accounts(path: str | Path) -> tuple[PermitAccount, ...]:
    """The "permit_accounts" list of a test-data file; ConfigurationError names what is wrong."""
    try:
        entries = json.loads(Path(path).read_text(encoding="utf-8")).get("permit_accounts", [])
        return tuple(PermitAccount(**{k: str(entry[k]) for k in ("number", "holder_name", "email", "pin")})
                     for entry in entries)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ConfigurationError(
            f"{path}: cannot read its permit accounts ({type(error).__name__}: {error}); each entry of "
            '"permit_accounts" needs "number", "holder_name", "email" and "pin".',
            path=str(path),
        ) from None


@dataclass(frozen=True)
class WaterAccount:
    """A utility account as Billings' Utility Pay links it: the account number and the bill's PIN."""

    account_number: str
    bill_pin: str


def load_water_accounts(path: str | Path) -> tuple[WaterAccount, ...]:
    """The "utility_accounts" of a test-data file that carry a "bill_pin"."""
    try:
        entries = json.loads(Path(path).read_text(encoding="utf-8")).get("utility_accounts", [])
        return tuple(WaterAccount(str(e["account_number"]), str(e["bill_pin"]))
                     for e in entries if e.get("bill_pin"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ConfigurationError(
            f"{path}: cannot read its utility accounts ({type(error).__name__}: {error}); each entry of "
            '"utility_accounts" needs "account_number" and, for Utility Pay, "bill_pin".',
            path=str(path),
        ) from None


class AccountPool:
    """Hands out each account at most once per process, so scenarios never share one."""

    def __init__(self, accounts: tuple, *, kind: str, source: str = "the test data"):
        self._unused: Iterator = iter(accounts)
        self.kind = kind
        self._lock = threading.Lock()
        self.source = source

    def take(self):
        with self._lock:
            account = next(self._unused, None)
        if account is None:
            raise ConfigurationError(
                f"No unused {self.kind} left in {self.source}: add more to it "
                "(each scenario that links one uses its own).",
                path=self.source,
            )
        return account
