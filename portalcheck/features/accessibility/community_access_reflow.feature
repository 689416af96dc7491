@community-access @accessibility
Feature: Accessibility: every page of the journey reflows on a narrow screen and at 200% zoom
  WCAG 1.4.10 Reflow: at 320 CSS pixels wide (a phone, or a 1280 pixel window zoomed to 400%)
  and at 640 (200% zoom) nothing needs scrolling sideways. 1.4.4 Resize Text: 200% zoom loses
  nothing.

  Background:
    Given a resident who has not signed up yet

  Scenario Outline: Sign-up, activation, sign-in and Utility Billing fit <width> CSS pixels
    Given the browser window is <width> CSS pixels wide
    When the resident opens the sign-in page
    Then the page fits the window without scrolling sideways
    When the resident clicks "Sign up"
    Then the page fits the window without scrolling sideways
    When the resident enters their email, password, first and last name and clicks "Sign up"
    Then the page fits the window without scrolling sideways
    When the resident clicks "Activate account" in the e-mail from "Community Access Identity"
    Then the page fits the window without scrolling sideways
    When the resident signs in with their email and password
    Then the page fits the window without scrolling sideways
    When the resident clicks "Utility Billing"
    Then the page fits the window without scrolling sideways
    When the resident clicks "Accounts"
    Then the page fits the window without scrolling sideways
    When the resident clicks "Link to Account"
    Then the page fits the window without scrolling sideways

    Examples:
      | width |
      | 320   |
      | 640   |
