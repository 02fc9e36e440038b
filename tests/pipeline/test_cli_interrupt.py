"""Ctrl-C (SIGINT to the whole process group, as a terminal sends it) stops a run cleanly:
what is finished is saved and exported, one line says so, exit 130, no worker traceback."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.pipeline.test_runner import _committed, make_archive


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_saves_what_is_done_and_exits_130(tmp_path: Path, workers: str) -> None:
    archive = make_archive(tmp_path / "in", 4)
    out = tmp_path / "out"
    exe = Path(sys.executable).with_name("thaieval")
    proc = subprocess.Popen(
        [str(exe), "run", str(archive), "--out", str(out), "--workers", workers],
        cwd=ROOT,
        env={**os.environ, "THAIEVAL_FAULT": "hang:unit_003.txt"},  # never finishes alone
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell job has
    )
    deadline = time.monotonic() + 120
    while _committed(out / "dataset.sqlite") < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the hanging document is being read
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert stderr.strip().splitlines()[-1] == (
        f"thaieval: interrupted: 3 documents saved, 1 not finished; the CSV files in {out} "
        "hold what is saved (run the same command again to finish)"
    )
    with (out / "documents.csv").open(encoding="utf-8-sig", newline="") as fh:
        names = sorted(Path(r["source_path"]).name for r in csv.DictReader(fh))
    assert names == ["unit_000.txt", "unit_001.txt", "unit_002.txt"]
    with (out / "forms.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 21
    assert (out / "dataset.xlsx").is_file() and not list(out.glob(".*.tmp"))
    assert "WARNING interrupted: 1 document not finished" in (out / "run.log").read_text()
