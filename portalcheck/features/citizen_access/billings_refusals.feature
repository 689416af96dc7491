@citizen-access @billings
Feature: Billings: what Citizen Access refuses
  The cases the City of Billings' guide implies but does not picture: every step of the
  activation counts, a confirmation link works once, and a permit account is linked only by
  the email the city has on file and, when given, its PIN.

  Background:
    Given a resident who has not signed up yet

  @guide-step-5
  Scenario: Logging in before confirming the email address is refused
    Given the resident has registered as a new user
    When the resident signs in with their email and password
    Then sign-in is refused

  @guide-step-5
  Scenario: The confirmation link cannot be used a second time
    Given the resident has confirmed their email address
    When the resident clicks the link in the Registration E-mail again
    Then the email address is not confirmed again

  @guide-step-6 @guide-step-7
  Scenario: Skipping the second login leaves the resident logged out
    Given the resident has logged in for the first time
    When the resident opens the home page
    Then the resident is on the login page

  @guide-step-8
  Scenario: An email address the city does not have links nothing
    Given the resident has logged in a second time
    And a permit account the city has set up
    When the resident links a permit account by an email address the city does not have
    Then linking is refused
    And the "Permits" page does not list the permit account

  @guide-step-8
  Scenario: A wrong Provided PIN links nothing
    Given the resident has logged in a second time
    And a permit account the city has set up
    When the resident links the permit account by its email address and a wrong PIN
    Then linking is refused
    And the "Permits" page does not list the permit account

  @guide-step-9
  Scenario: A wrong PIN links no water service
    Given the resident has logged in a second time
    And a water account with the PIN printed on its bill
    When the resident links the water service by its account number and a wrong PIN
    Then linking is refused
    And the "Utility Pay" page does not list the water account
