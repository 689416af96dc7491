@community-access @pinellas-park @utility-billing @utility-billing-search
Feature: Pinellas Park: find your account with the Utility Billing search
  Step 10 of the Pinellas Park guide: a resident whose account was not listed adds it by clicking
  the "Utility Billing" tab and searching with the customer ID and account number, checking
  "Remember these values" so that they are saved on the profile for next time.

  Background:
    Given a resident who has not signed up yet

  @guide-step-10
  Scenario: The Utility Billing tab offers the search
    Given the resident is signed in
    When the resident opens the Utility Billing search from the "Utility Billing" tab
    Then the page shows the fields "Account Number" and "Customer ID"
    And the page shows the checkbox "Remember these values"
    And the page shows the buttons "Search" and "Reset"

  @guide-step-10
  Scenario: Searching with the numbers from the bill adds the account to the profile
    Given the resident is signed in
    And the resident has a utility bill for an account
    When the resident clicks "Utility Billing"
    And the resident searches Utility Billing for the account
    Then the search results list the account with its service address
    When the resident clicks "Home"
    Then the welcome page lists the account under "Utility Billing Accounts"

  @guide-step-10
  Scenario: "Remember these values" fills the search in on the next visit
    Given the resident is signed in
    And the resident has a utility bill for an account
    When the resident clicks "Utility Billing"
    And the resident searches Utility Billing for the account and checks "Remember these values"
    And the resident signs out
    And the resident signs in with their email and password
    And the resident clicks "Utility Billing"
    Then the search form is filled in with the account's numbers

  @guide-step-10
  Scenario: Without "Remember these values" the search is empty on the next visit
    Given the resident is signed in
    And the resident has a utility bill for an account
    When the resident clicks "Utility Billing"
    And the resident searches Utility Billing for the account
    And the resident clicks "Home"
    And the resident clicks "Utility Billing"
    Then the search form is empty

  @guide-step-10
  Scenario: "Reset" empties the search form
    Given the resident is signed in
    And the resident has a utility bill for an account
    When the resident clicks "Utility Billing"
    And the resident enters the account's numbers in the search
    And the resident clicks "Reset"
    Then the search form is empty

  @guide-step-10
  Scenario: A customer ID that does not belong to the account is refused and links nothing
    Given the resident is signed in
    And the resident has a utility bill for an account
    When the resident clicks "Utility Billing"
    And the resident searches Utility Billing with a CID that is not the account's
    Then the search form says the numbers do not match an account
    And no account is linked to the resident
