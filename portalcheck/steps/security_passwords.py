"""Steps of the password-policy checks (security checks 1-5): length, passphrases, no composition
rules, common passwords, and password fields that mask, accept paste and ask no hints.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Callable

from pytest_bdd import given, then, when

from portalcheck.journeys import Journey
from portalcheck.pages.portal import Portal
from portalcheck.profile import Profile
from portalcheck.requirements import require
from portalcheck.residents import Resident

# Long passwords from breach lists (all in the common-password lists portals use); a check
# picks the first that meets the portal's declared minimum length.
COMMON_LONG_PASSWORDS = ("manchesterunited", "1q2w3e4r5t6y7u8i9o0p", "12345678901234567890")
# 64 characters once padded: spaces, accents and CJK script (ASVS V6.2.9 asks for 64 at least).
PASSPHRASE_START = "Grüße aus Zürich: café, naïve façade & 東京の雨 — ñandú "


def common_password(profile: Profile) -> str:
    return next(p for p in COMMON_LONG_PASSWORDS if len(p) >= profile.security.password_min_length)


@given("a resident who has not signed up yet, with a 64-character passphrase of spaces and Unicode",
       target_fixture="resident")
def passphrase_resident(new_resident: Callable[[], Resident]) -> Resident:
    resident = new_resident()
    passphrase = (PASSPHRASE_START + secrets.token_hex(32))[:64]
    return dataclasses.replace(resident, password=passphrase)


@given("a resident who has not signed up yet, with a long password of lower-case letters only",
       target_fixture="resident")
def lower_case_resident(new_resident: Callable[[], Resident]) -> Resident:
    letters = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(24))
    return dataclasses.replace(new_resident(), password=letters)


def signs_up_with(journey: Journey, resident: Resident, password: str) -> tuple[bool, str, str]:
    """(accepted, what a refusal said, the password tried)."""
    accepted, said = journey.sign_up_explained(dataclasses.replace(resident, password=password))
    return accepted, said, password


@when("the resident signs up with a password one character shorter than the declared minimum",
      target_fixture="sign_up_result")
def sign_up_too_short(journey: Journey, portal_profile: Profile, resident: Resident) -> tuple[bool, str, str]:
    return signs_up_with(journey, resident, secrets.token_hex(32)[: portal_profile.security.password_min_length - 1])


@when("the resident signs up with a common password", target_fixture="sign_up_result")
def sign_up_common(journey: Journey, portal_profile: Profile, resident: Resident) -> tuple[bool, str, str]:
    return signs_up_with(journey, resident, common_password(portal_profile))


@when("the resident signs up with their password", target_fixture="sign_up_result")
def sign_up_own(journey: Journey, resident: Resident) -> tuple[bool, str, str]:
    return signs_up_with(journey, resident, resident.password)


@when("the resident changes their password to a common one", target_fixture="sign_up_result")
def change_to_common(portal: Portal, resident: Resident) -> tuple[bool, str, str]:
    common = common_password(portal.profile)
    accepted, said = portal.change_password.open().change(resident.password, common)
    return accepted, said, common


@then("the portal refuses the password, saying it is shorter than the declared minimum")
def refused_short(sign_up_result: tuple[bool, str, str], portal_profile: Profile) -> None:
    accepted, said, password = sign_up_result
    minimum = portal_profile.security.password_min_length
    require(not accepted, "ASVS V6.2.1",
            f"sign-up accepted a {len(password)}-character password; the profile declares a minimum of {minimum}")
    require(str(minimum) in said, "ASVS V6.2.1",
            f"sign-up refused a {len(password)}-character password without saying it needs {minimum} "
            f"characters (it said: {said or 'nothing by the field'})")


@then("the portal refuses the password, saying it is too common")
def refused_common(sign_up_result: tuple[bool, str, str]) -> None:
    accepted, said, password = sign_up_result
    require(not accepted, "ASVS V6.2.4", f'the common password "{password}" was accepted')
    require("common" in said.lower(), "ASVS V6.2.12",
            f'the common password "{password}" was refused without saying it is common '
            f"(it said: {said or 'nothing by the field'})")


@then("the portal accepts the password")
def accepted_password(sign_up_result: tuple[bool, str, str]) -> None:
    accepted, said, password = sign_up_result
    require(accepted, "ASVS V6.2.5",
            f'sign-up refused the long all-lower-case password "{password}": {said or "no reason given"}')


@then("signing in with the passphrase cut short by one character is refused")
def truncated_refused(journey: Journey, resident: Resident) -> None:
    got_in, _ = journey.attempt_sign_in(resident.email, resident.password[:-1])
    require(not got_in, "ASVS V6.2.8",
            "signing in with the passphrase less its last character got in: the portal truncates passwords")


@then("signing in with the passphrase in upper case is refused")
def upper_case_refused(journey: Journey, resident: Resident) -> None:
    got_in, _ = journey.attempt_sign_in(resident.email, resident.password.upper())
    require(not got_in, "ASVS V6.2.8",
            "signing in with the passphrase in upper case got in: the portal ignores the case of passwords")


@then("signing in with the whole passphrase works")
def passphrase_works(journey: Journey, resident: Resident) -> None:
    got_in, answer = journey.attempt_sign_in(resident.email, resident.password)
    require(got_in, "ASVS V6.2.9",
            f"the 64-character passphrase did not sign in (the portal answered {answer.status})")


@when("the resident opens the sign-in page and goes on to its password field")
def open_sign_in_password(portal: Portal, new_resident: Callable[[], Resident]) -> None:
    """On one page the password is there at once; in two steps (flows.sign_in), after "Next"."""
    portal.sign_in.open().to_password(new_resident().email)


@when("the resident opens the sign-up page")
def open_sign_up(journey: Journey) -> None:
    journey.open_sign_up()


@when('the resident opens "Forgot password?"')
def open_forgot(portal: Portal) -> None:
    portal.forgot_password.open()


@when("the resident opens the password change page")
def open_change(portal: Portal) -> None:
    portal.change_password.open()


@then("every password field masks what is typed and accepts paste")
def fields_mask_and_paste(portal: Portal) -> None:
    address = portal.screen.address
    fields = portal.password_fields.listed()
    require(fields, "ASVS V6.2.6", f"{address} has no field labelled as a password")
    for field in fields:
        name = f'"{field.label}" on {address}'
        require(field.type == "password", "ASVS V6.2.6", f"the password field {name} is not type=password")
        require(field.accepts_paste, "ASVS V6.2.7", f"the password field {name} blocks paste")
        require(field.autocomplete.lower() != "off", "ASVS V6.2.7",
                f"the password field {name} turns password managers away (autocomplete=off)")


@then("the page asks for no password hint or security question")
def no_hints(portal: Portal) -> None:
    found = portal.password_fields.hint_wording()
    require(found is None, "ASVS V6.4.2", f'{portal.screen.address} asks for a "{found}"')
