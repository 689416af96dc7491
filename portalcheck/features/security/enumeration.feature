@security
Feature: Security: no account enumeration
  Nothing the portal answers tells whether an e-mail address has an account: not the sign-in
  error, not "Forgot password?", not sign-up (OWASP ASVS 5.0 V6.3.8).

  @check-9 @asvs-v6.3.8
  Scenario: The sign-in error is the same for a registered and an unregistered address
    Given a resident who has not signed up yet
    And the resident has activated their account
    When the resident signs in with a wrong password
    And someone signs in with an address no account uses
    Then both get the same answer, in the same words and with the same status

  @check-10 @asvs-v6.3.8 @password-reset
  Scenario: "Forgot password?" answers the same for a registered and an unregistered address
    Given a resident who has not signed up yet
    And the resident has activated their account
    When the resident asks for a password reset for their address
    And someone asks for a password reset for an address no account uses
    Then both get the same answer, in the same words and with the same status

  @check-10 @asvs-v6.3.8
  Scenario: Sign-up answers the same for a registered and an unregistered address
    Given a resident who has not signed up yet
    And the resident has activated their account
    When the resident signs up again with their address
    And someone signs up with an address no account uses
    Then both get the same answer, in the same words and with the same status
