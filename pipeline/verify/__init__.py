"""Verify: every score re-derived from the rules and the forms checked against each other."""
