"""Evaluate: ``thaieval eval``, a dataset scored against ground truth."""
