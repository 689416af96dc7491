@citizen-access @accessibility
Feature: Accessibility: register, confirm and log in to Citizen Access with the keyboard alone
  WCAG 2.1 AA, as the ADA Title II rule (2024) requires of a city's web content, on the Billings
  guide's way in: "new user", the Registration E-mail, a first login that enables the account
  and a second that signs in. The resident never clicks: Tab moves between controls, typing fills
  fields, Enter and Space press them (WCAG 2.1.1 Keyboard, 2.1.2 No Keyboard Trap, 2.4.7 Focus
  Visible).

  Background:
    Given a resident who has not signed up yet

  Scenario: The resident registers, confirms the address and logs in twice using only the keyboard
    Given the resident is on the sign-in page
    Then every control on the page can be reached with the Tab key
    And every control on the page shows where the keyboard focus is
    When the resident presses Tab until "new user" has the focus and presses Enter
    Then the page shows the heading "New User Registration"
    And every control on the page shows where the keyboard focus is
    When the resident signs up with the keyboard alone
    Then a confirmation that a "Registration E-mail" was sent is shown with an "ok" button
    And every control on the page shows where the keyboard focus is
    When the resident verifies their address with the keyboard alone
    Then the page says the email address is confirmed and the account will be enabled after a login
    And every control on the page shows where the keyboard focus is
    When the resident signs in with the keyboard alone
    Then the page shows the text "your account was activated"
    And every control on the page shows where the keyboard focus is
    When the resident presses Tab until "Return to the login page" has the focus and presses Enter
    And the resident signs in with the keyboard alone
    Then the resident is signed in
    And every control on the page can be reached with the Tab key
    And every control on the page shows where the keyboard focus is
    When the resident presses Tab until "Utility Pay" has the focus and presses Enter
    Then the page shows the heading "Utility Pay"
    And every control on the page shows where the keyboard focus is

  Scenario: Registration errors are announced and tied to their fields
    Given the resident is on the sign-in page
    When the resident presses Tab until "new user" has the focus and presses Enter
    And the resident submits the sign-up form with an e-mail address without a domain and a short password
    Then the errors are announced and tied to the fields "Email *" and "Password *"
    And every control on the page shows where the keyboard focus is
