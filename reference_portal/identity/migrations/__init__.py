"""Migrations for the identity app."""
