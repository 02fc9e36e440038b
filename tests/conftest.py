"""Shared fixtures: where ../shared is, and a way to run the CLI as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("THAIEVAL_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "000_653e087d120b85ad.txt"
REAL_PDF = SHARED / "real" / "budget-2565-vol17.pdf"
# Set THAIEVAL_GEN_TEST_DATA=1 to rewrite the golden files; CI checks it is off.
GEN_TEST_DATA = os.environ.get("THAIEVAL_GEN_TEST_DATA") == "1"


def run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """``thaieval ARGS`` in a subprocess, as a user runs it."""
    exe = Path(sys.executable).with_name("thaieval")
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False
    )


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.fail(f"the seed document is missing: {SEED}")
    return SEED


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium (the Makefile installs it); a browser test skips without it."""
    from tests.pipeline.cdp_pipe import find_chromium

    path = find_chromium()
    if path is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path
