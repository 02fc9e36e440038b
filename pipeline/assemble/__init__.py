"""Assemble: parsed forms and verification into the contract's records."""
