"""Utility Billing: residents link utility accounts and see bills, payments, consumption and EFT (flows.md A5-A8)."""
