"""Made-up permit accounts, as city staff would have set them up before residents register."""

from __future__ import annotations

from faker import Faker

from reference_portal.permits.models import PermitAccount

PERMIT_DOMAIN = "permits.example.test"


def seed_permits(faker: Faker, count: int = 100) -> list[dict[str, str]]:
    """Create `count` permit accounts, each with its own e-mail on file; return them for the test data.

    Each address is unique, so a scenario that links one never sees another scenario's links.
    Saving by number makes seeding an existing database again harmless.
    """
    made = []
    for index in range(count):
        first, last = faker.first_name(), faker.last_name()
        values = {
            "holder_name": f"{first} {last}",
            "email": f"{first}.{last}.{index:03d}@{PERMIT_DOMAIN}".lower().replace("'", ""),
            "pin": faker.numerify("####"),
        }
        number = f"PA-{index + 1:06d}"
        PermitAccount.objects.update_or_create(number=number, defaults=values)
        made.append({"number": number, **values})
    return made
