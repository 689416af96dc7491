"""Steps of the payment security checks (29-33)."""
