"""Ingest: input files found, hashed, typed by their bytes, and PDFs opened safely."""
