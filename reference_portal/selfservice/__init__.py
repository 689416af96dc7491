"""Citizen Self Service: the signed-in resident's home and the module placeholders."""
