@security
Feature: Security: locking an account after failed sign-ins, and "Unlock account?"
  After as many consecutive failed sign-ins as the profile declares (at most 100), the account
  locks; a successful sign-in starts the count again. The e-mailed unlock link restores access,
  once (OWASP ASVS 5.0 V6.3.1, NIST SP 800-63B-4 3.2.2).

  @check-11 @asvs-v6.3.1 @nist-63b-3.2.2
  Scenario: Consecutive failures lock the account; a successful sign-in resets the count
    Given the portal declares a lockout threshold of at most 100 consecutive failures
    And a resident who has not signed up yet
    And the resident has activated their account
    When the resident fails to sign in one time fewer than the lockout threshold
    Then the resident gets in with the correct password
    When the resident fails to sign in one time fewer than the lockout threshold
    Then the resident gets in, as that sign-in started the count again
    When the resident fails to sign in as many times as the lockout threshold
    Then the locked account refuses the correct password

  @check-12 @asvs-v6.3.1 @unlock
  Scenario: The unlock e-mail restores access to a locked account, once
    Given a resident who has not signed up yet
    And the resident has activated their account
    And the resident has failed to sign in as many times as the lockout threshold
    Then the locked account refuses the correct password
    When the resident asks to unlock the account from "Unlock account?"
    And the resident opens the unlock link from the e-mail
    Then the resident gets in with the correct password
    When the resident fails to sign in as many times as the lockout threshold
    And the resident opens the same unlock link again
    Then the used unlock link did not unlock the account again
