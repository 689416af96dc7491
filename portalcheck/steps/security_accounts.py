"""Steps of the account security checks (6-16): verification links, no account enumeration,
lockout with "Unlock account?", and the "Forgot password?" reset flow with its notification.

Every verdict is read from state (does a sign-in get a session, does a password work) through
the family's journey, and every "refused" has a positive control in the same scenario.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime

from pytest_bdd import given, then, when

from portalcheck.errors import MailTimeout
from portalcheck.journeys import Journey, Mailbox
from portalcheck.pages.portal import Portal
from portalcheck.pages.recovery import Answer
from portalcheck.profile import Profile
from portalcheck.requirements import fail, require
from portalcheck.residents import Resident

# Fixed ceilings of security-checks.md: the profile's declared values must stay within them.
LOCKOUT_CEILING = 100  # NIST SP 800-63B 3.2.2
RECOVERY_TOKEN_CEILING = 24 * 60 * 60  # NIST SP 800-63B 4.2.1.2
WRONG_PASSWORD = "not the password anybody chose"
PAST = 60  # seconds beyond a declared lifetime: the clock moves clearly past it


def now() -> datetime:
    return datetime.now(UTC)


# --- Verification (checks 6-8) -------------------------------------------------------------

@then("the unverified resident is not signed in")
def unverified_not_signed_in(journey: Journey, resident: Resident) -> None:
    got_in, _ = journey.attempt_sign_in(resident.email, resident.password)
    require(not got_in, "ASVS V6.4.1", "a resident who has not verified their e-mail address signed in")


@then("the home page does not open for the unverified resident")
def unverified_no_home(journey: Journey) -> None:
    require(not journey.signed_in(), "ASVS V6.4.1", "the home page opened for an unverified resident")


@when("the resident opens the verification link again", target_fixture="verification_answer")
@when("the resident opens the verification link", target_fixture="verification_answer")
def verification_again(journey: Journey, resident: Resident) -> Answer:
    """Do again what the e-mail asks (its link, or its code), taking the portal's answer."""
    return journey.verify_address(resident, insist=False)


@then("the portal does not accept the used verification link")
def used_link_refused(journey: Journey, verification_answer: Answer) -> None:
    accepted = journey.accepted_verification
    # The positive control: this scenario saw what the portal says when it accepts a link.
    assert accepted is not None and accepted.heading, "the first verification showed no answer to compare with"
    require(verification_answer.heading != accepted.heading, "ASVS V6.4.1",
            f'the used verification link was accepted again: the portal answered "{verification_answer.heading}" '
            "as it did the first time")


@when("the portal's clock moves past the declared lifetime of the verification link")
def past_activation_lifetime(time_passes: Callable[[float], None], portal_profile: Profile) -> None:
    time_passes(portal_profile.security.activation_token_seconds + PAST)


@then("the expired verification link does not activate the account")
def expired_verification(journey: Journey, portal_profile: Profile, resident: Resident) -> None:
    got_in, _ = journey.attempt_sign_in(resident.email, resident.password)
    require(not got_in, "ASVS V6.4.1",
            f"the verification link still worked after its declared lifetime "
            f"({portal_profile.security.activation_token_seconds} s)")


# --- No account enumeration (checks 9-10) --------------------------------------------------

@when("the resident signs in with a wrong password", target_fixture="registered_answer")
def wrong_password(journey: Journey, resident: Resident) -> tuple[str, Answer]:
    return resident.email, journey.attempt_sign_in(resident.email, WRONG_PASSWORD)[1]


@when("someone signs in with an address no account uses", target_fixture="unregistered_answer")
def unknown_sign_in(journey: Journey, new_resident: Callable[[], Resident]) -> tuple[str, Answer]:
    email = new_resident().email
    return email, journey.attempt_sign_in(email, WRONG_PASSWORD)[1]


@when('the resident asks for a password reset for their address', target_fixture="registered_answer")
def forgot_registered(journey: Journey, resident: Resident) -> tuple[str, Answer]:
    return resident.email, journey.request_reset(resident.email)


@when("someone asks for a password reset for an address no account uses", target_fixture="unregistered_answer")
def forgot_unknown(journey: Journey, new_resident: Callable[[], Resident]) -> tuple[str, Answer]:
    email = new_resident().email
    return email, journey.request_reset(email)


@then("both get the same answer, in the same words and with the same status")
def same_answer(registered_answer: tuple[str, Answer], unregistered_answer: tuple[str, Answer]) -> None:
    (known, a), (unknown, b) = registered_answer, unregistered_answer
    require(a.status == b.status, "ASVS V6.3.8",
            f"a registered address got status {a.status}, an unregistered one {b.status}")
    require(a.without(known) == b.without(unknown), "ASVS V6.3.8",
            f'a registered address got "{a.without(known)[:300]}", an unregistered one "{b.without(unknown)[:300]}"')


@when("the resident signs up again with their address", target_fixture="registered_answer")
def sign_up_registered(journey: Journey, resident: Resident) -> tuple[str, Answer]:
    return resident.email, journey.submit_sign_up(resident)


@when("someone signs up with an address no account uses", target_fixture="unregistered_answer")
def sign_up_unknown(journey: Journey, new_resident: Callable[[], Resident]) -> tuple[str, Answer]:
    someone = new_resident()
    return someone.email, journey.submit_sign_up(someone)


# --- Lockout and "Unlock account?" (checks 11-12) ------------------------------------------

@given("the portal declares a lockout threshold of at most 100 consecutive failures")
def lockout_declared(portal_profile: Profile) -> None:
    threshold = portal_profile.security.lockout_threshold
    require(0 < threshold <= LOCKOUT_CEILING, "NIST 63B 3.2.2",
            f"the profile declares a lockout threshold of {threshold}; at most {LOCKOUT_CEILING} is allowed")


def fail_sign_ins(journey: Journey, resident: Resident, times: int) -> None:
    """Failed sign-ins are not the subject, the lockout is: they go over HTTP in the browser context."""
    assert not journey.http_sign_ins(resident.email, WRONG_PASSWORD, times), "a wrong password signed in"


@when("the resident fails to sign in one time fewer than the lockout threshold")
def fail_almost(journey: Journey, portal_profile: Profile, resident: Resident) -> None:
    fail_sign_ins(journey, resident, portal_profile.security.lockout_threshold - 1)


@given("the resident has failed to sign in as many times as the lockout threshold")
@when("the resident fails to sign in as many times as the lockout threshold")
def fail_threshold(journey: Journey, portal_profile: Profile, resident: Resident) -> None:
    fail_sign_ins(journey, resident, portal_profile.security.lockout_threshold)


@then("the resident gets in, as that sign-in started the count again")
def count_reset(journey: Journey, resident: Resident) -> None:
    got_in, _ = journey.attempt_sign_in(resident.email, resident.password)
    require(got_in, "NIST 63B 3.2.2",
            "the account locked although a successful sign-in came between the failures "
            "(only consecutive failures may count)")
    journey.sign_out()


@then("the resident gets in with the correct password")
def gets_in(journey: Journey, resident: Resident) -> None:
    got_in, answer = journey.attempt_sign_in(resident.email, resident.password)
    require(got_in, "ASVS V6.3.1", f"the correct password did not sign in (status {answer.status})")
    journey.sign_out()


@then("the locked account refuses the correct password")
def locked_refuses(journey: Journey, portal_profile: Profile, resident: Resident) -> None:
    got_in, _ = journey.attempt_sign_in(resident.email, resident.password)
    require(not got_in, "ASVS V6.3.1",
            f"the correct password still signed in after {portal_profile.security.lockout_threshold} "
            "consecutive failures (the declared lockout threshold)")


@when('the resident asks to unlock the account from "Unlock account?"', target_fixture="unlock_link")
def ask_unlock(portal: Portal, mailbox: Mailbox, resident: Resident) -> str:
    since = now()
    portal.unlock.open().request(resident.email)
    return mailbox.link_after(resident, since, "Unlock account")


@when("the resident opens the unlock link from the e-mail")
@when("the resident opens the same unlock link again")
def open_unlock(portal: Portal, unlock_link: str) -> None:
    portal.unlock.follow(unlock_link)


@then("the used unlock link did not unlock the account again")
def unlock_once(journey: Journey, resident: Resident) -> None:
    got_in, _ = journey.attempt_sign_in(resident.email, resident.password)
    require(not got_in, "ASVS V6.3.1", "an unlock link unlocked the account a second time")


# --- "Forgot password?" (checks 13-16) -----------------------------------------------------

@given("the portal declares a reset link lifetime of at most 24 hours")
def reset_lifetime_declared(portal_profile: Profile) -> None:
    seconds = portal_profile.security.reset_token_seconds
    require(0 < seconds <= RECOVERY_TOKEN_CEILING, "NIST 63B 4.2.1.2",
            f"the profile declares reset links living {seconds} s; at most {RECOVERY_TOKEN_CEILING} s is allowed")


@when('the resident asks for a password reset from "Forgot password?"', target_fixture="reset_link")
@when("the resident asks for a password reset again", target_fixture="newer_reset_link")
def ask_reset(journey: Journey, mailbox: Mailbox, resident: Resident) -> str:
    since = now()
    journey.request_reset(resident.email)
    return mailbox.link_after(resident, since, "Reset password")


@when("the portal's clock moves past the declared lifetime of the reset link")
def past_reset_lifetime(time_passes: Callable[[float], None], portal_profile: Profile) -> None:
    time_passes(portal_profile.security.reset_token_seconds + PAST)


@when("the resident follows the reset link and sets a new password", target_fixture="new_password")
@when("the resident follows the first reset link and sets a new password", target_fixture="new_password")
def follow_reset(journey: Journey, reset_link: str) -> str:
    password = f"fresh passphrase {secrets.token_hex(8)}"
    journey.set_new_password(reset_link, password)
    journey.last_new_password = password
    return password


@when("someone follows the same reset link again and sets another password", target_fixture="another_password")
def follow_reset_again(journey: Journey, reset_link: str) -> str:
    return follow_reset(journey, reset_link)


@then("the resident gets in with the new password")
def new_password_works(journey: Journey, resident: Resident, new_password: str) -> None:
    got_in, answer = journey.attempt_sign_in(resident.email, new_password)
    require(got_in, "ASVS V6.4.3", f"the password set through the reset link does not sign in (status {answer.status})")
    journey.sign_out()


def new_password_refused(journey: Journey, resident: Resident, password: str, requirement: str,
                         finding: str, *, still_works: str | None = None) -> None:
    """`password` does not sign in; the positive control: `still_works`, the password the
    account should still have, does, so the refusal is not a sign-in that fails for everyone."""
    got_in, _ = journey.attempt_sign_in(resident.email, password)
    require(not got_in, requirement, finding)
    if still_works is not None:
        got_in, answer = journey.attempt_sign_in(resident.email, still_works)
        assert got_in, (f"the password the account should still have does not sign in either (status "
                        f"{answer.status}), so the refusal above proves nothing")
        journey.sign_out()


@then("the used reset link did not change the password again")
def reset_once(journey: Journey, resident: Resident, new_password: str, another_password: str) -> None:
    new_password_refused(journey, resident, another_password, "ASVS V6.4.3",
                         "a reset link set the password a second time", still_works=new_password)


@then("the expired reset link did not change the password")
def reset_expired(journey: Journey, portal_profile: Profile, resident: Resident, new_password: str) -> None:
    new_password_refused(journey, resident, new_password, "NIST 63B 4.2.1.2",
                         f"a reset link still worked after its declared lifetime "
                         f"({portal_profile.security.reset_token_seconds} s)", still_works=resident.password)


@then("the older reset link did not change the password")
def older_reset_void(journey: Journey, resident: Resident, new_password: str) -> None:
    new_password_refused(journey, resident, new_password, "NIST 63B 4.2.1.2",
                         "a reset link still worked after a newer reset was requested",
                         still_works=resident.password)


@then("the old password no longer signs in")
def old_password_fails(journey: Journey, resident: Resident, mail_since: datetime) -> None:
    new_password_refused(journey, resident, resident.password, "ASVS V6.4.3",
                         "the old password still signs in after a password reset",
                         still_works=journey.last_new_password)


@when("the resident follows the reset link and sets a new password, noting the time",
      target_fixture="mail_since")
def follow_reset_noting(journey: Journey, reset_link: str) -> datetime:
    since = now()
    follow_reset(journey, reset_link)
    return since


@then("an e-mail tells the resident their password was changed")
def change_notified(mailbox: Mailbox, resident: Resident, mail_since: datetime) -> None:
    try:
        mailbox.after(resident, mail_since)
    except MailTimeout:
        fail("ASVS V6.3.7", f"no e-mail told {resident.email} that their password was reset "
                            f"(waited {mailbox.profile.email.timeout_seconds:.0f} s)")
