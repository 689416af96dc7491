@security @community-access @utility-billing @payments
Feature: Security: paying bills
  The portal never receives a card or bank account number: they are typed on the payment
  processor's own page, on the processor's origin, which keeps the portal eligible for PCI DSS
  SAQ A. An amount is checked against the balance, a payment submitted again is charged once,
  and a card shows only by its last four digits (PCI DSS v4.0.1, OWASP ASVS 5.0).

  Background:
    Given a resident who has not signed up yet
    And the resident is signed in
    And the resident has linked an account with a balance due

  @check-29 @pci-dss-saq-a
  Scenario: The card number goes to the payment processor, and no request to the portal carries it
    Given the resident has a test card the payment processor approves
    And the requests the browser sends are noted
    When the resident selects the account's open bill on "Manage Bills" and clicks "Add to Cart"
    And the resident pays the balance of each bill with the card
    Then the confirmation shows a payment reference
    And no request to the portal carried the card number, while one to the payment processor did
    And the Account Summary lists the payment under "About Your Payments", and "Amount Due Now" is lower by it

  @check-29 @pci-dss-saq-a
  Scenario: The bank account number of an e-check goes to the payment processor, and no request to the portal carries it
    Given the resident has a bank account to pay by e-check
    And the requests the browser sends are noted
    When the resident selects the account's open bill on "Manage Bills" and clicks "Add to Cart"
    And the resident pays the balance of each bill by e-check from the bank account
    Then the confirmation shows a payment reference
    And no request to the portal carried the bank account number, while one to the payment processor did
    And the Account Summary lists the payment under "About Your Payments", and "Amount Due Now" is lower by it

  @check-30 @pci-dss-saq-a
  Scenario: The page that asks for the card number is the payment processor's, on its own origin
    Given the resident has a test card the payment processor approves
    When the resident selects the account's open bill on "Manage Bills" and clicks "Add to Cart"
    And the resident pays the balance of each bill with the card
    Then the card number was typed on a page of the payment processor's origin, not the portal's
    And the Account Summary lists the payment under "About Your Payments", and "Amount Due Now" is lower by it

  @check-31 @asvs-v2.2.1
  Scenario: An amount above the bill's balance or below one cent is refused; the balance itself is taken
    When the resident selects the account's open bill on "Manage Bills" and clicks "Add to Cart"
    And the resident clicks "Checkout" in the cart
    And the resident enters one cent more than the bill's balance
    Then the amount is refused at "Step 1 of 4: Payment amount"
    When the resident enters $0.00
    Then the amount is refused at "Step 1 of 4: Payment amount"
    When the resident continues with the balance of each bill
    Then the page shows the step "Step 2 of 4: Payment details"

  @check-32 @asvs-v2.3.1
  Scenario: "Submit" again after the browser's back button charges nothing more
    Given the resident has a test card the payment processor approves
    When the resident selects the account's open bill on "Manage Bills" and clicks "Add to Cart"
    And the resident pays the balance of each bill with the card
    Then the confirmation shows a payment reference
    When the resident goes back with the browser's back button and clicks "Submit" again wherever it shows
    Then the Account Summary shows the payment once under "About Your Payments"

  @check-33 @pci-dss-3.4.1
  Scenario: The confirmation and the receipt show the card by its last four digits only
    Given the resident has a test card the payment processor approves
    When the resident selects the account's open bill on "Manage Bills" and clicks "Add to Cart"
    And the resident pays the balance of each bill with the card
    Then the confirmation shows a payment reference
    And the confirmation shows the card by its last four digits and never whole
    And the receipt shows the card by its last four digits and never whole
