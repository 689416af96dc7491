@security
Feature: Security: passwords
  What the portal accepts as a password and how its password fields behave (OWASP ASVS 5.0 V6.2,
  NIST SP 800-63B-4 3.1.1.2). The minimum length is the one the portal's profile declares.

  @check-1 @asvs-v6.2.1 @nist-63b-3.1.1.2
  Scenario: Sign-up refuses a password shorter than the declared minimum, and says why
    Given a resident who has not signed up yet
    When the resident signs up with a password one character shorter than the declared minimum
    Then the portal refuses the password, saying it is shorter than the declared minimum

  @check-2 @asvs-v6.2.9 @asvs-v6.2.8
  Scenario: A 64-character passphrase with spaces and Unicode works exactly as typed
    Given a resident who has not signed up yet, with a 64-character passphrase of spaces and Unicode
    And the resident has activated their account
    Then signing in with the passphrase cut short by one character is refused
    And signing in with the passphrase in upper case is refused
    And signing in with the whole passphrase works

  @check-3 @asvs-v6.2.5
  Scenario: A long password of lower-case letters only is accepted: no composition rules
    Given a resident who has not signed up yet, with a long password of lower-case letters only
    When the resident signs up with their password
    Then the portal accepts the password

  @check-4 @asvs-v6.2.4 @asvs-v6.2.12
  Scenario: Sign-up refuses a common password and says why
    Given a resident who has not signed up yet
    When the resident signs up with a common password
    Then the portal refuses the password, saying it is too common

  @check-4 @asvs-v6.2.4 @asvs-v6.2.12 @password-change
  Scenario: Changing the password to a common one is refused, saying why
    Given a resident who has not signed up yet
    And the resident is signed in
    When the resident changes their password to a common one
    Then the portal refuses the password, saying it is too common

  @check-5 @asvs-v6.2.6 @asvs-v6.2.7 @asvs-v6.4.2
  Scenario: The sign-in and sign-up password fields mask, accept paste and ask no hints
    When the resident opens the sign-in page and goes on to its password field
    Then every password field masks what is typed and accepts paste
    And the page asks for no password hint or security question
    When the resident opens the sign-up page
    Then every password field masks what is typed and accepts paste
    And the page asks for no password hint or security question

  @check-5 @asvs-v6.2.6 @asvs-v6.2.7 @asvs-v6.4.2 @password-change
  Scenario: The password change fields mask, accept paste and ask no hints
    Given a resident who has not signed up yet
    And the resident is signed in
    When the resident opens the password change page
    Then every password field masks what is typed and accepts paste
    And the page asks for no password hint or security question
