@security
Feature: Security: what every response and every form of the portal must do
  Black-box checks with an HTTP client, each named after the requirement it verifies
  (OWASP ASVS 5.0). A portal that breaks one fails the check with the requirement's ID.

  @check-21 @asvs-v3.5.1
  Scenario: A form posted without its CSRF token is rejected
    When the sign-in form is posted without its CSRF token
    Then the portal refuses the request
    But the same form posted with its CSRF token is not refused that way

  @check-22 @asvs-v3.4.3
  Scenario: Every response carries a Content-Security-Policy, nosniff and a Referrer-Policy
    When the sign-in page is fetched
    Then the Content-Security-Policy sets "object-src 'none'", "base-uri" and "frame-ancestors"
    And the response says "X-Content-Type-Options: nosniff"
    And the response has a Referrer-Policy

  @check-21 @asvs-v3.5.1
  Scenario: A form posted from another site with its CSRF token is refused as well (defence in depth)
    When the sign-in form, with its CSRF token, is posted from another site
    Then the portal should refuse the request from the other site, else the report warns

  @check-21 @asvs-v3.5.3
  Scenario: A GET never changes state: the sign-out address opened with GET signs no one out
    Given a resident who has not signed up yet
    And the resident is signed in
    When the address the "Sign out" button posts to is opened with a GET
    Then the resident is still signed in

  @check-22 @asvs-v3.4.6
  Scenario: No other site may show the portal's pages in a frame
    When the sign-in page is fetched
    Then another site may not show the page in a frame

  @check-22 @asvs-v3.4.1
  Scenario: Over HTTPS every response asks browsers to use HTTPS only, for at least a year
    Given the portal is served over HTTPS
    When the sign-in page is fetched
    Then the response says Strict-Transport-Security for at least a year

  @check-23 @asvs-v14.3.2
  Scenario: Signed-in pages tell browsers and proxies not to store them
    Given a resident who has not signed up yet
    And the resident is signed in
    When the resident opens their home page, and the pages sent are noted
    Then every page was sent with "Cache-Control: no-store"

  @check-23 @asvs-v14.2.1 @e-mailed-link
  Scenario: After following the e-mailed link, the token is gone from the address
    Given a resident who has not signed up yet
    And the resident has signed up
    When the resident follows the link in the verification e-mail
    Then the address the resident lands on holds no part of the link's token
