"""Normalise: markup out, Thai digits made Arabic, Thai text repaired."""
