"""Fixtures of the review app's tests: one small run, copied for each test that changes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pipeline.review_fixtures import copy_run, run_sample


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review_run") / "out"
    run_sample(out)
    return out


@pytest.fixture
def run(sample_run: Path, tmp_path: Path) -> Path:
    return copy_run(sample_run, tmp_path / "out")
