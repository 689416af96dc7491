"""Residents made up for one scenario each, with addresses no other scenario uses."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from faker import Faker

_faker = Faker("en_US")


@dataclass(frozen=True)
class Resident:
    """A resident as a sign-up form asks for them."""

    first_name: str
    last_name: str
    email: str
    password: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def make_resident(*, domain: str = "residents.example.test",
                  address: Callable[[str], str] | None = None) -> Resident:
    """A resident whose e-mail is unique across processes and runs.

    The random part keeps scenarios apart in a Mailpit shared by parallel workers and CI jobs.
    `address` makes the address from that unique local part where the mailbox decides it (a
    real test mailbox: its plus-address, see Inbox.address_for); else it is local@`domain`.
    """
    first, last = _faker.first_name(), _faker.last_name()
    tag = uuid.uuid4().hex[:12]
    local = f"{first}.{last}.{tag}".lower().replace("'", "")
    # A long passphrase: passes a 15-character minimum and common-password lists.
    password = " ".join(_faker.words(nb=4, unique=True)) + f" {tag[:4]}"
    email = address(local) if address is not None else f"{local}@{domain}"
    return Resident(first_name=first, last_name=last, email=email, password=password)
