"""Residents' identities: sign-up, e-mail verification, sign-in and sign-out."""
