"""Bench: speed measured side by side (``make bench``)."""
