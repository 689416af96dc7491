@community-access @minot @utility-billing @eft
Feature: Minot: Automatic EFT Payments
  The Minot guide lists "Automatic EFT Payments" in the Utility Billing menu and "Sign up for EFT
  Automatic Payments" on the Account Summary. The screen asks for the bank name, routing number,
  checking or savings and account number, states the recurring authorisation (the amount is each
  bill's balance, the draft date, how to cancel) and afterwards shows only the last four digits.

  Background:
    Given a resident who has not signed up yet

  @guide-step-4
  Scenario: The Automatic EFT Payments screen states the terms before asking for the bank account
    Given the resident is signed in
    And the resident has linked an account
    When the resident opens "Automatic EFT Payments"
    Then the page states the terms: each bill's balance is drafted on its due date, and how to cancel
    And the page asks for the bank name, routing number, checking or savings and the account number
    And the page shows the checkbox "I agree to the automatic payment terms"

  @guide-step-4
  Scenario: The resident signs up; afterwards only the last four digits of the bank account show
    Given the resident is signed in
    And the resident has linked an account
    And the resident has a bank account for automatic payments
    When the resident opens "Automatic EFT Payments"
    And the resident signs up for automatic payments from the bank account and agrees to the terms
    Then the page shows automatic payments from the bank account, by its last four digits only
    And a confirmation e-mail arrives showing the bank account by its last four digits only
    And the e-mail says "the balance of each bill"

  @guide-step-4
  Scenario: The resident cancels automatic payments
    Given the resident is signed in
    And the resident has linked an account
    And the resident has a bank account for automatic payments
    And the resident has signed up for automatic payments
    When the resident cancels automatic payments
    Then automatic payments are not set up

  @guide-step-4
  Scenario: A routing number that fails the check digit is refused and nothing is saved
    Given the resident is signed in
    And the resident has linked an account
    And the resident has a bank account for automatic payments
    When the resident opens "Automatic EFT Payments"
    And the resident signs up for automatic payments with a routing number that fails the check digit
    Then the field "Routing number" is marked invalid with a message
    And automatic payments are not set up

  @guide-step-4
  Scenario: Without agreeing to the terms nothing is saved
    Given the resident is signed in
    And the resident has linked an account
    And the resident has a bank account for automatic payments
    When the resident opens "Automatic EFT Payments"
    And the resident signs up for automatic payments without agreeing to the terms
    Then the field "I agree to the automatic payment terms" is marked invalid with a message
    And automatic payments are not set up
