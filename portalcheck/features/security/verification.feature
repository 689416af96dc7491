@security
Feature: Security: verifying the e-mail address
  A new account is of no use until its owner follows the e-mailed link; the link works once and
  expires after the lifetime the portal's profile declares (OWASP ASVS 5.0 V6.4.1).

  @check-6 @asvs-v6.4.1
  Scenario: An account whose address is not verified cannot sign in or reach the home page
    Given a resident who has not signed up yet
    And the resident has signed up
    Then the unverified resident is not signed in
    And the home page does not open for the unverified resident

  @check-7 @asvs-v6.4.1
  Scenario: The verification link cannot be used twice
    Given a resident who has not signed up yet
    And the resident has activated their account
    When the resident opens the verification link again
    Then the portal does not accept the used verification link

  @check-8 @asvs-v6.4.1
  Scenario: The verification link expires after its declared lifetime
    Given a resident who has not signed up yet
    And the resident has signed up
    When the portal's clock moves past the declared lifetime of the verification link
    And the resident opens the verification link
    Then the expired verification link does not activate the account
