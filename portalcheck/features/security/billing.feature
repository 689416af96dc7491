@security @community-access @utility-billing @account-linking
Feature: Security: utility accounts and automatic payments
  A resident's utility accounts and bank details are theirs alone: the bank account changes only
  with the current password, shows only by its last four digits, no other resident reaches it by
  changing an address, the numbers on a bill cannot be guessed, and automatic payments start only
  with the resident's explicit agreement to terms they can keep (OWASP ASVS 5.0, Nacha, Reg E).

  Background:
    Given a resident who has not signed up yet
    And the resident is signed in

  @check-24 @asvs-v6.2.3 @asvs-v7.5.1 @eft
  Scenario: Changing the bank account for automatic payments asks for the current password
    Given the resident has linked an account
    And the resident has a bank account for automatic payments
    And the resident has signed up for automatic payments
    And the resident has a second bank account
    When the resident changes the bank account for automatic payments without their current password
    Then payments still come from the first bank account
    When the resident changes the bank account for automatic payments with their current password
    Then payments come from the second bank account

  @check-25 @asvs-v14.2.6 @asvs-v14.2.1 @eft
  Scenario: After EFT sign-up the bank account number shows only by its last four digits
    Given the resident has linked an account
    And the resident has a bank account for automatic payments
    When the resident signs up for automatic payments, and the addresses the browser asks for are noted
    Then the page shows the bank account by its last four digits and never whole
    And the confirmation e-mail shows the bank account by its last four digits and never whole
    And no address the browser asked for holds the bank account number

  @check-26 @asvs-v8.2.2 @eft
  Scenario: Another resident cannot open the account's summary, bills or automatic payments by address
    Given the resident has linked an account
    And the addresses of the account's summary, bills and automatic payments pages are noted
    When another resident signs in on the same computer
    Then each noted address answers as for an account that does not exist, showing nothing of the account

  @check-27 @asvs-v6.3.8 @asvs-v2.4.1
  Scenario: Wrong account/customer pairs get one message, and linking pauses after the declared number
    Given the resident has linked another account before
    And the resident has a utility bill for an account
    When the resident opens the Account Link Setup
    And the resident submits as many wrong pairs as the portal allows
    Then every wrong pair got the same message
    When the resident submits the account's right pair
    Then the portal refuses it too, as linking has paused, while the account linked before is listed

  @check-28 @nacha-2.3 @rege-1005.10b @eft
  Scenario: EFT sign-up states the authorisation terms, needs the box ticked, and e-mails a copy
    Given the resident has linked an account
    And the resident has a bank account for automatic payments
    When the resident opens "Automatic EFT Payments"
    Then the page states the recurring-debit terms: the amount, the draft date and how to cancel
    And the agreement box is not ticked to begin with
    When the resident submits the bank account without ticking the agreement box
    Then automatic payments are not set up without the resident's agreement
    When the resident signs up for automatic payments from the bank account and agrees to the terms
    Then a copy of the terms arrives by e-mail
