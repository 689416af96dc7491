@security
Feature: Security: what every response and every form of the portal must do
  Black-box checks with an HTTP client, each named after the requirement it verifies
  (OWASP ASVS 5.0). A portal that breaks one fails the check with the requirement's ID.

  @check-21 @asvs-v3.5.1
  Scenario: A form posted without its CSRF token is rejected
    When the sign-in form is posted without its CSRF token
    Then the portal refuses the request

  @check-22 @asvs-v3.4.3
  Scenario: Every response carries a Content-Security-Policy, nosniff and a Referrer-Policy
    When the sign-in page is fetched
    Then the Content-Security-Policy sets "object-src 'none'", "base-uri" and "frame-ancestors"
    And the response says "X-Content-Type-Options: nosniff"
    And the response has a Referrer-Policy
