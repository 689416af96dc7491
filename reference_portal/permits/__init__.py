"""Citizen Access permits: permit accounts set up by city staff, linked by residents (flows.md B8)."""
