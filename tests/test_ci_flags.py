"""CI must never regenerate golden data."""

from __future__ import annotations

import os


def test_golden_regeneration_is_off_in_ci() -> None:
    if os.environ.get("CI"):
        assert os.environ.get("THAIEVAL_GEN_TEST_DATA") != "1"
