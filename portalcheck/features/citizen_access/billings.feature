@citizen-access @billings
Feature: Billings: activate a Citizen Access account and link permits and water service
  The City of Billings' guide to the Citizen Access website: register as a "new user", confirm
  the email address from the Registration E-mail, log in a first time to activate the account
  and a second time to use it, then link permit accounts under "Permits" and the water service
  under "Utility Pay".

  Background:
    Given a resident who has not signed up yet

  @guide-step-1 @one-page-sign-in
  Scenario: The Citizen Access website has a "new user" button to begin
    When the resident opens the sign-in page
    Then the page shows the button "new user"
    And the page shows the fields "Email address" and "Password"

  @guide-step-2
  Scenario: The resident fills out the New User Registration information and clicks "submit"
    Given the resident is on the sign-in page
    When the resident clicks "new user"
    Then the page shows the heading "New User Registration"
    And the page asks for their email, password, first and last name
    When the resident enters their email, password, first and last name and clicks "submit"
    Then a confirmation that a "Registration E-mail" was sent is shown with an "ok" button

  @guide-step-3
  Scenario: After "ok" the resident is told to check their email
    Given the resident has registered as a new user
    When the resident clicks "ok"
    Then the page shows the text "check your email"

  @guide-step-4 @e-mailed-link
  Scenario: The Registration E-mail has a link to confirm the registration
    Given the resident has registered as a new user
    Then a Registration E-mail arrives for the resident
    And the e-mail has a link to confirm the registration on the portal

  @guide-step-5
  Scenario: The link confirms the email address; the account is enabled after a valid log in
    Given the resident has registered as a new user
    When the resident clicks the link in the Registration E-mail
    Then the page says the email address is confirmed and the account will be enabled after a login
    And the page shows the fields "Email address" and "Password"

  @guide-step-6
  Scenario: The first login activates the account and links back to the login page
    Given the resident has confirmed their email address
    When the resident signs in with their email and password
    Then the page shows the text "your account was activated"
    When the resident clicks "Return to the login page"
    Then the resident is on the login page

  @guide-step-7
  Scenario: The second login opens the screen with "Utility Pay" and "Permits"
    Given the resident has logged in for the first time
    When the resident signs in with their email and password
    Then the resident is signed in
    And the page shows the buttons "Utility Pay" and "Permits"

  @guide-step-8
  Scenario: "Permits", "Link Account..." and "add accounts" open the dialog
    Given the resident has logged in a second time
    When the resident opens "add accounts" under "Permits"
    Then the page shows the fields "Provided PIN" and "Email address"

  @guide-step-8
  Scenario: The resident ignores "Provided PIN" and links by the email attached to the account
    Given the resident has logged in a second time
    And a permit account the city has set up
    When the resident links the permit account by its email address, leaving the PIN empty
    Then a confirmation box says the account is now linked
    And the "Permits" page lists the permit account

  @guide-step-8
  Scenario: The resident links a permit account with its Provided PIN
    Given the resident has logged in a second time
    And a permit account the city has set up
    When the resident links the permit account by its email address and its PIN
    Then a confirmation box says the account is now linked
    And the "Permits" page lists the permit account

  @guide-step-9
  Scenario: Under "Utility Pay" the same procedure links the water service by account number
    Given the resident has logged in a second time
    And a water account with the PIN printed on its bill
    When the resident opens "add accounts" under "Utility Pay"
    Then the page shows the fields "Account Number" and "PIN"
    When the resident links the water service by its account number and the PIN on the bill
    Then a confirmation box says the account is now linked
    And the "Utility Pay" page lists the water account
