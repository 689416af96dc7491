@community-access @minot @utility-billing @account-linking
Feature: Minot: the Account Link Setup refuses wrong numbers
  Step 4 of the Minot guide asks for the account ID and the CID printed on the bill. Numbers that
  do not belong together, letters and empty fields each get a clear message on the form, and
  nothing is linked. A wrong pair gets one message, so the form never tells which number exists.

  Background:
    Given a resident who has not signed up yet

  @guide-step-4
  Scenario: A wrong pair gets the same message whichever number is wrong, and nothing is linked
    Given the resident is signed in
    And the resident has a utility bill for an account
    When the resident opens the Account Link Setup
    And the resident submits the account ID with a CID that is not the account's
    And the resident submits an account ID that is not on the bill with the account's CID
    Then both are refused with the same message, which does not say which number was wrong
    And no account is linked to the resident

  @guide-step-4
  Scenario Outline: The Account Link Setup refuses <entry>
    Given the resident is signed in
    And the resident has a utility bill for an account
    When the resident opens the Account Link Setup
    And the resident submits the Account Link Setup with <entry>
    Then the field "<field>" is marked invalid with a message
    And no account is linked to the resident

    Examples:
      | entry                     | field                     |
      | letters in the account ID | What is the account ID? * |
      | letters in the CID        | What is the CID? *        |
      | no account ID             | What is the account ID? * |
      | no CID                    | What is the CID? *        |
