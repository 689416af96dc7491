@community-access @utility-billing @payments
Feature: Manage Bills: paying bills through the city's payment processor
  The Minot guide lists "Manage Bills" among what residents do next; other cities document it in
  detail: select bills, "Add to Cart", the cart, "Checkout", "Step 1 of 4: Payment
  amount", the payment details, the billing address, a review with "Change", "Submit", and a
  confirmation. The card or bank account details are typed on the payment processor's own page,
  never on the portal's. Afterwards "About Your Payments" on the Account Summary shows the payment
  and "Amount Due Now" the new balance.

  Background:
    Given a resident who has not signed up yet
    And the resident is signed in

  Scenario: The resident pays a bill in full by card
    Given the resident has linked an account with a balance due
    And the resident has a test card the payment processor approves
    When the resident selects the account's open bill on "Manage Bills" and clicks "Add to Cart"
    And the resident clicks "Checkout" in the cart
    Then the page shows the step "Step 1 of 4: Payment amount"
    When the resident continues with the balance of each bill
    Then the page shows the step "Step 2 of 4: Payment details"
    When the resident chooses "Credit or debit card" and enters the card on the payment processor's page
    Then the page shows the step "Step 3 of 4: Billing address"
    When the resident enters the billing address
    Then the page shows the review with the amount and the card by its last four digits
    When the resident clicks "Submit" on the review
    Then the confirmation shows a payment reference
    And the Account Summary lists the payment under "About Your Payments", and "Amount Due Now" is lower by it
    And a receipt e-mail arrives with the payment reference and the card by its last four digits only

  Scenario: The resident pays the bills of two accounts in one payment
    Given the resident has linked 2 accounts with a balance due
    And the resident has a test card the payment processor approves
    When the resident selects each account's open bill on "Manage Bills" and clicks "Add to Cart"
    Then the cart lists the bill
    When the resident pays the balance of each bill with the card
    Then the confirmation shows a payment reference
    And the Account Summary lists the payment under "About Your Payments", and "Amount Due Now" is lower by it

  @partial-payments
  Scenario: The resident pays part of a bill
    Given the resident has linked an account with a balance due
    And the resident has a test card the payment processor approves
    When the resident selects the account's open bill on "Manage Bills" and clicks "Add to Cart"
    And the resident pays $5.00 of the balance of each bill with the card
    Then the confirmation shows a payment reference
    And the Account Summary lists the payment under "About Your Payments", and "Amount Due Now" is lower by it

  Scenario: A declined card charges nothing; another card then pays
    Given the resident has linked an account with a balance due
    And the resident has a test card the payment processor declines
    When the resident selects the account's open bill on "Manage Bills" and clicks "Add to Cart"
    And the resident pays the balance of each bill with the declined card
    Then the payment is refused as declined, and nothing is charged
    When the resident clicks "Checkout" in the cart
    And the resident continues with the balance of each bill
    And the resident enters the approved card on the payment processor's page
    And the resident clicks "Submit" on the review
    Then the confirmation shows a payment reference
    And the Account Summary lists the payment under "About Your Payments", and "Amount Due Now" is lower by it

  @partial-payments
  Scenario: The resident changes the payment amount from the review
    Given the resident has linked an account with a balance due
    And the resident has a test card the payment processor approves
    When the resident selects the account's open bill on "Manage Bills" and clicks "Add to Cart"
    And the resident clicks "Checkout" in the cart
    And the resident continues with the balance of each bill
    And the resident chooses "Credit or debit card" and enters the card on the payment processor's page
    And the resident enters the billing address
    And the resident clicks "Change" beside "Payment amount" on the review
    Then the page shows the step "Step 1 of 4: Payment amount"
    When the resident changes the amount to $5.00 of the balance of each bill
    Then the page shows the review with the amount and the card by its last four digits
    When the resident clicks "Submit" on the review
    Then the confirmation shows a payment reference
    And the Account Summary lists the payment under "About Your Payments", and "Amount Due Now" is lower by it

  @cart-emptied-on-sign-out
  Scenario: Signing out empties the cart
    Given the resident has linked an account with a balance due
    When the resident selects the account's open bill on "Manage Bills" and clicks "Add to Cart"
    Then the cart lists the bill
    When the resident signs out
    And the resident signs in with their email and password
    Then the cart is empty
