@community-access @minot @utility-billing @account-linking
Feature: Minot: link a utility account and view it in Citizen Self Service
  The City of Minot's guide "Utility Billing Online Account: Citizen Self Service", step 4 and
  what follows it: click Utility Billing, then Accounts and "Link to Account", enter the account
  ID and the CID from the bill, then view the Account Summary, payments, services, consumption
  and bills. Account numbers come from the portal's test data, never from this text.

  Background:
    Given a resident who has not signed up yet

  @guide-step-3
  Scenario: The resident clicks Utility Billing and sees its menu
    Given the resident is signed in
    When the resident clicks "Utility Billing"
    Then the page shows the links "Accounts", "Manage Bills", "Account Summary", "Automatic EFT Payments" and "Contact Us"

  @guide-step-4
  Scenario: Before linking, no Utility Billing accounts are linked
    Given the resident is signed in
    When the resident clicks "Utility Billing"
    And the resident clicks "Accounts"
    Then the page shows the heading "Utility Billing Accounts"
    And the page shows the text "Select an account to work with."
    And the page shows the link "Link to Account"
    And the page shows the section "Unlinked accounts" saying "No Utility Billing accounts have been linked to this user."

  @guide-step-4
  Scenario: "Link to Account" opens the Account Link Setup
    Given the resident is signed in
    When the resident opens the Account Link Setup
    Then the page shows the heading "Account Link Setup"
    And the page shows the fields "What is the account ID? *" and "What is the CID? *"
    And the page shows the buttons "Submit" and "Cancel"
    And the page shows the text "* indicates required field"
    And the page shows the text "Note: Your account # and customer # can be found on your utility bill."

  @guide-step-4
  Scenario Outline: The resident links <kind> with the account ID and the CID from the bill
    Given the resident is signed in
    And the resident has a utility bill for <kind>
    When the resident links the account with its account ID and CID
    Then the account is listed under "Utility Billing Accounts"

    Examples:
      | kind                          |
      | an account with a balance due |
      | an account paid in full       |

  @guide-step-4
  Scenario: The resident repeats the linking for several accounts
    Given the resident is signed in
    And the resident has utility bills for 2 accounts
    When the resident links each account with its account ID and CID
    Then each account is listed under "Utility Billing Accounts"

  @guide-step-4
  Scenario: "Cancel" leaves the Account Link Setup without linking
    Given the resident is signed in
    And the resident has a utility bill for an account
    When the resident opens the Account Link Setup
    And the resident enters the account's account ID and CID
    And the resident clicks "Cancel"
    Then no account is linked to the resident

  @guide-step-4
  Scenario Outline: The Account Summary of <kind> shows every section of the guide
    Given the resident is signed in
    And the resident has linked <kind>
    When the resident opens the Account Summary
    Then the page shows the links "Link to Account", "Sign up for EFT Automatic Payments" and "Manage Bills"
    And the "Billing Account" section shows the account's service address, account number and the delivery preference "Mail"
    And "Your Current Balance" shows the account's amount due now and payment due date
    And "About Your Payments" lists each paid bill with its last posted date, sum of payments and "details"
    And "Customer Information" shows the customer's name, address and customer ID
    And "Services" lists each service with its code, start date, status and consumption history

    Examples:
      | kind                          |
      | an account with a balance due |
      | an account paid in full       |

  @guide-step-4
  Scenario: "details" of a payment shows the bill it paid
    Given the resident is signed in
    And the resident has linked an account
    And the resident is on the Account Summary
    When the resident clicks "details" of the latest paid bill
    Then the page shows the bill's number, account, customer, service location, due date and amount

  @guide-step-4
  Scenario: "View Consumption" shows the usage history as a table and a chart
    Given the resident is signed in
    And the resident has linked an account
    And the resident is on the Account Summary
    When the resident clicks "View Consumption" of a metered service
    Then the page shows the heading "Consumption History"
    And the page lists the service's usage for each month in a table
    And the page draws the usage as a chart named for the service

  @guide-step-4
  Scenario: "Manage Bills" lists the bills, and "Bill details" shows one
    Given the resident is signed in
    And the resident has linked an account with a balance due
    When the resident clicks "Manage Bills"
    Then the page shows the heading "Manage Bills"
    And the page lists every bill of the account with its due date and amount
    When the resident clicks "Bill details" of the latest bill
    Then the page shows the bill's number, account, customer, service location, due date and amount

  @guide-step-4 @delivery-preference
  Scenario: The resident changes the Bill Delivery Preference from Mail to Email
    Given the resident is signed in
    And the resident has linked an account
    And the resident is on the Account Summary
    When the resident changes the Bill Delivery Preference to "Email"
    Then the "Billing Account" section shows the account's service address, account number and the delivery preference "Email"

  @guide-step-4
  Scenario: "Contact Us" tells the resident how to reach Utility Billing
    Given the resident is signed in
    When the resident clicks "Utility Billing"
    And the resident clicks "Contact Us"
    Then the page shows the heading "Contact Us"

  @guide-step-4
  Scenario: Changing the account number in the address never shows another account
    Given the resident is signed in
    And the resident has linked an account
    And the resident is on the Account Summary
    When the resident changes the account number in the page's address to an account they have not linked
    Then the portal answers as for an account that does not exist, and shows nothing of that account
