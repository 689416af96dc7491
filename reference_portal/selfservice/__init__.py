"""Citizen Self Service: the signed-in resident's home and the base of every signed-in page."""
