"""The package keeps numpy's BLAS to one thread unless the caller chose otherwise: its matrix
products are small, and a thread pool only burns another core (the scan bench's CPU ratio)."""

from __future__ import annotations

import os
import subprocess
import sys

CHECK = "import thaieval, os; print(os.environ.get('OPENBLAS_NUM_THREADS'))"


def _threads(env: dict[str, str]) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, check=True
    )
    return proc.stdout.strip()


def test_blas_is_one_thread_by_default() -> None:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert _threads(env) == "1"


def test_a_callers_choice_wins() -> None:
    assert _threads({**os.environ, "OPENBLAS_NUM_THREADS": "3"}) == "3"
