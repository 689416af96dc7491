"""The processor's test numbers, as real processors publish them: cards it approves or declines."""

from __future__ import annotations

# (number, outcome): the seed writes these to the test-data file; the processor declines the rest of
# what its issuer would, here exactly the numbers marked "declined".
TEST_CARDS = (
    ("4111111111111111", "approved"),
    ("5555555555554444", "approved"),
    ("4000000000000002", "declined"),
)
DECLINED = frozenset(number for number, outcome in TEST_CARDS if outcome == "declined")
EXPIRY = "12/34"
SECURITY_CODE = "123"


def luhn_ok(number: str) -> bool:
    if not number.isdigit() or not 12 <= len(number) <= 19:
        return False
    total = 0
    for position, digit in enumerate(reversed(number)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def aba_ok(routing: str) -> bool:
    weights = (3, 7, 1) * 3
    return len(routing) == 9 and routing.isdigit() and sum(int(d) * w for d, w in zip(routing, weights, strict=False)) % 10 == 0
