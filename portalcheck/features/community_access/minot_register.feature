@community-access @minot
Feature: Minot: register for a Citizen Self Service account
  The City of Minot's guide "Utility Billing Online Account: Citizen Self Service",
  steps 1 to 3: sign up at the login screen, activate the account from the e-mail sent by
  Community Access Identity, then sign in to the Citizen Self Service welcome screen.

  Background:
    Given a resident who has not signed up yet

  @guide-step-1 @city-website
  Scenario: From the city's MyBill page, "View Your Bill" opens the login screen
    Given the resident opens the city's website
    When the resident clicks "View Your Bill"
    Then the portal's sign-in page opens

  @guide-step-1 @one-page-sign-in
  Scenario: At the login screen the resident finds "Sign up"
    When the resident opens the sign-in page
    Then the page shows the heading "Sign in to community access services."
    And the page shows these buttons:
      | Sign in with Google    |
      | Sign in with Apple     |
      | Sign in with Microsoft |
      | Sign in with Facebook  |
      | Sign in                |
    And the page shows the text "OR"
    And the page shows the fields "Email address" and "Password"
    And the page shows the checkbox "Remember me"
    And the page shows these links:
      | Forgot password? |
      | Unlock account?  |
      | Help             |
      | Sign up          |
    And the page shows the text "Don't have an account?"

  @guide-step-2
  Scenario: The resident enters their information and is told to check their e-mail
    Given the resident is on the sign-in page
    When the resident clicks "Sign up"
    Then the page shows the heading "Create an account"
    And the page shows the fields "Email *", "Password *", "First name *" and "Last name *"
    And the page shows the text "* indicates required field"
    And the page shows the link "Back to sign in"
    When the resident enters their email, password, first and last name and clicks "Sign up"
    Then the page shows the heading "Verification email sent"
    And the page shows the text "To finish signing in, check your email."

  @guide-step-2 @e-mailed-link
  Scenario: The e-mail from Community Access Identity has an "Activate account" link
    Given the resident has signed up
    Then an e-mail from "Community Access Identity" arrives for the resident
    And the e-mail says "Welcome to your Community Access account!"
    And the e-mail has the link "Activate account" to the portal

  @guide-step-2
  Scenario: "Back to sign in" returns to the login screen
    Given the resident has signed up
    When the resident clicks "Back to sign in"
    Then the page shows the heading "Sign in to community access services."

  @guide-step-3
  Scenario: After activating the account the resident signs in to the welcome screen
    Given the resident has signed up
    When the resident clicks "Activate account" in the e-mail from "Community Access Identity"
    And the resident signs in with their email and password
    Then the page shows the heading "Welcome to Citizen Self Service"
    And the page shows the section "Announcements" saying "There are currently no announcements."
    And the page shows the section "Profile Information" saying "Profile information not found."
    And the page shows the links "Home", "Citizen Self Service" and "Utility Billing"

  @guide-step-3
  Scenario: Signing in before activating the account is refused
    Given the resident has signed up
    When the resident signs in with their email and password
    Then sign-in is refused

  @guide-step-3
  Scenario: The resident signs out
    Given the resident is signed in
    When the resident signs out
    Then the page shows the heading "Sign in to community access services."
