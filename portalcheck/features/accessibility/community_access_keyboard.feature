@community-access @accessibility
Feature: Accessibility: sign up, activate and sign in with the keyboard alone
  WCAG 2.1 AA, as the ADA Title II rule (2024) requires of a city's web content. Every page
  of the journey is also checked with the automated WCAG 2.1 A and AA rules. Here the resident
  never clicks: Tab moves between controls, typing fills fields, Enter and Space press them
  (WCAG 2.1.1 Keyboard, 2.1.2 No Keyboard Trap, 2.4.7 Focus Visible).

  Background:
    Given a resident who has not signed up yet

  Scenario: The resident signs up, activates the account and signs in using only the keyboard
    Given the resident is on the sign-in page
    Then every control on the page can be reached with the Tab key
    And every control on the page shows where the keyboard focus is
    When the resident presses Tab until "Sign up" has the focus and presses Enter
    Then the page shows the heading "Create an account"
    And every control on the page shows where the keyboard focus is
    When the resident signs up with the keyboard alone
    Then the page shows the heading "Verification email sent"
    And every control on the page shows where the keyboard focus is
    When the resident clicks "Activate account" in the e-mail from "Community Access Identity"
    Then the page shows the heading "Account activated"
    And every control on the page shows where the keyboard focus is
    When the resident presses Tab until "Sign in" has the focus and presses Enter
    And the resident signs in with the keyboard alone
    Then the page shows the heading "Welcome to Citizen Self Service"
    And every control on the page shows where the keyboard focus is
    When the resident presses Tab until "Utility Billing" has the focus and presses Enter
    Then the page shows the link "Accounts"
    And every control on the page shows where the keyboard focus is
    When the resident presses Tab until "Accounts" has the focus and presses Enter
    Then the page shows the heading "Utility Billing Accounts"
    And every control on the page shows where the keyboard focus is
    When the resident presses Tab until "Link to Account" has the focus and presses Enter
    Then the page shows the heading "Account Link Setup"
    And every control on the page shows where the keyboard focus is

  Scenario: Sign-up errors are announced and tied to their fields
    Given the resident is on the sign-in page
    When the resident presses Tab until "Sign up" has the focus and presses Enter
    And the resident submits the sign-up form with an e-mail address without a domain and a short password
    Then the errors are announced and tied to the fields "Email *" and "Password *"
    And every control on the page shows where the keyboard focus is
