@security
Feature: Security: the resident's session
  The cookie that carries a signed-in session must stay out of scripts' and other sites' reach,
  change at sign-in, stop working at sign-out, and end after the idle time and the remember-me
  lifetime the portal declares in its profile (OWASP ASVS 5.0, NIST SP 800-63B-4). Time passes
  on the bundled portal's movable clock, never by waiting. The residents sign up and activate as
  the Community Access guides show, so other families are not applicable.

  Background:
    Given a resident who has not signed up yet

  @check-17 @asvs-v3.3.2 @asvs-v3.3.4
  Scenario: The session cookie is HttpOnly and SameSite=Lax or Strict
    Given the resident has activated their account
    When the resident signs in, and the cookies the portal sets are noted
    Then the session cookie is marked HttpOnly
    And the session cookie is marked SameSite=Lax or SameSite=Strict

  @check-17 @asvs-v3.3.1
  Scenario: Over HTTPS the session cookie is marked Secure
    Given the portal is served over HTTPS
    And the resident has activated their account
    When the resident signs in, and the cookies the portal sets are noted
    Then the session cookie is marked Secure

  @check-18 @asvs-v7.2.4
  Scenario: Signing in starts a new session, whatever identifier the browser brought along
    Given the resident is signed in
    And the resident's session cookie is known
    And the resident has signed out
    When an attacker plants a session identifier of their choosing in the resident's browser
    And the resident then opens the sign-in page and signs in
    Then the resident is signed in
    And the session identifier is a new one, not the planted one

  @check-19 @asvs-v7.4.1
  Scenario: After signing out, the old session cookie opens nothing
    Given the resident is signed in
    When the resident's session cookies are noted
    And the resident signs out
    Then the noted session cookies no longer open the resident's pages

  @check-20 @asvs-v7.3.1
  Scenario: A session without "Remember me" ends after the declared idle time
    Given the resident is signed in
    When the resident stays idle for a minute less than the declared idle timeout
    Then the resident's home page still opens
    When the resident stays idle for a minute more than the declared idle timeout
    Then the resident's home page asks them to sign in again

  @check-20 @asvs-v7.3.2 @nist-63b-2.1.3 @remember-me
  Scenario: "Remember me" lasts no longer than the portal declares, and never over 30 days
    Given the resident has activated their account
    When the resident signs in with "Remember me" ticked
    Then the portal declares a remember-me lifetime of at most 30 days
    And the session cookie expires no later than the declared remember-me lifetime
    When the declared remember-me lifetime has passed
    Then the resident's home page asks them to sign in again, as the remembered session has ended
