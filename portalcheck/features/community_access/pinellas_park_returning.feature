@community-access @pinellas-park @utility-billing
Feature: Pinellas Park: a returning resident finds their account listed again
  Steps 5 and 9 of the Pinellas Park guide: a resident who registered for Citizen Self Service
  before signs up with the same email address, verifies the registration and signs in; their
  utility billing account is listed on the welcome screen. The portal's test data lists the email
  addresses on file from the previous registration and the accounts each had linked.

  @guide-step-5 @guide-step-9
  Scenario: A returning resident signs up with the same email and sees their accounts listed again
    Given a resident who registered before, with utility accounts on file
    And the resident has signed up
    When the resident clicks "Verify registration" in the e-mail from "Community Access ID"
    And the resident signs in with their email and password
    Then the page shows the heading "Welcome to Citizen Self Service"
    And the welcome page lists the accounts from the previous registration under "Utility Billing Accounts"

  @guide-step-9
  Scenario: A resident who never registered before has no accounts listed
    Given a resident who has not signed up yet
    And the resident is signed in
    Then the welcome page has no "Utility Billing Accounts"
