@community-access @pinellas-park
Feature: Pinellas Park: register or re-register your Citizen Self-Service account
  The City of Pinellas Park's guide "How to Register or Re-Register Your Citizen Self-Service
  Account". Steps 1 to 3 start on the city's own website (the profile's urls.city_website).

  Background:
    Given a resident who has not signed up yet

  @guide-step-1 @guide-step-2 @guide-step-3 @city-website
  Scenario: From the city's website, "Pay Utility Bill" and then "Citizen Self Service" lead to the sign-in
    Given the resident opens the city's website
    When the resident clicks "Pay Utility Bill"
    Then the portal opens
    When the resident clicks "Citizen Self Service"
    Then the portal's sign-in page opens

  @guide-step-4
  Scenario: The sign-in screen offers "Sign up" and the community access services
    When the resident opens the sign-in page
    Then the page shows these buttons:
      | Sign in with Google    |
      | Sign in with Apple     |
      | Sign in with Microsoft |
      | Sign in with Facebook  |
    And the page shows the text "Don't have an account?"
    And the page shows the link "Sign up"

  @guide-step-5 @guide-step-6
  Scenario: The resident enters an email address, a password and their name
    Given the resident is on the sign-in page
    When the resident clicks "Sign up"
    And the resident enters their email, password, first and last name and clicks "Sign up"
    Then the page shows the heading "Verification email sent"

  @guide-step-7 @e-mailed-link
  Scenario: The e-mail from "Community Access ID" has a "Verify registration" link
    Given the resident has signed up
    Then an e-mail from "Community Access ID" arrives for the resident
    And the e-mail has the link "Verify registration" to the portal

  @guide-step-7 @guide-step-8
  Scenario: The resident verifies the registration and signs in with the new credentials
    Given the resident has signed up
    When the resident clicks "Verify registration" in the e-mail from "Community Access ID"
    And the resident signs in with their email and password
    Then the resident is signed in

  @guide-step-5
  Scenario: A resident who registered before uses the same email address again
    Given the resident has signed up
    When the resident signs up again with the same email address
    And the resident clicks "Verify registration" in the e-mail from "Community Access ID"
    And the resident signs in with their email and password
    Then the resident is signed in
