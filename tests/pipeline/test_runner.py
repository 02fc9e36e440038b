"""Archive scale for real: incremental re-runs, a SIGKILL half-way, a process pool, a Dask cluster."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, run_cli
from tests.pipeline.test_bad_inputs import _pdf_with_text

TABLES = ("documents", "forms", "indicators", "score_items", "findings", "flags")


def make_archive(folder: Path, copies: int) -> Path:
    """``copies`` distinct text documents: the seed with a different trailing note each."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    for i in range(copies):
        (folder / f"unit_{i:03d}.txt").write_text(
            text + f"\nหมายเหตุ สำเนาที่ {i}\n", encoding="utf-8"
        )
    return folder


def dataset(out: Path) -> dict[str, list[tuple[str, ...]]]:
    """Every table's rows, sorted, without the timing column."""
    tables = {}
    for table in TABLES:
        with (out / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        for row in rows:
            row.pop("seconds", None)
        tables[table] = sorted(tuple(r.values()) for r in rows)
    return tables


def test_rerun_is_incremental_and_force_redoes(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "in", 3)
    out = tmp_path / "out"
    first = run_cli("run", str(archive), "--out", str(out), "--workers", "1")
    assert first.returncode == 0, first.stderr
    before = dataset(out)
    assert len(before["forms"]) == 21
    again = run_cli("run", str(archive), str(archive / "unit_000.txt"), "--out", str(out))
    assert again.returncode == 0
    assert "0 documents" in again.stderr and "3 skipped as done" in again.stderr
    assert dataset(out) == before
    forced = run_cli("run", str(archive), "--out", str(out), "--force", "--workers", "1")
    assert "3 documents" in forced.stderr
    assert dataset(out) == before


def test_pool_gives_the_serial_dataset(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "in", 4)
    serial = run_cli("run", str(archive), "--out", str(tmp_path / "serial"), "--workers", "1")
    pooled = run_cli("run", str(archive), "--out", str(tmp_path / "pool"), "--workers", "2")
    assert serial.returncode == pooled.returncode == 0, pooled.stderr
    assert dataset(tmp_path / "serial") == dataset(tmp_path / "pool")


def _committed(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as con:
            return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_sigkill_half_way_then_resume_equals_uninterrupted(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "in", 40)
    reference = run_cli("run", str(archive), "--out", str(tmp_path / "ref"), "--workers", "1")
    assert reference.returncode == 0
    out = tmp_path / "out"
    exe = Path(sys.executable).with_name("thaieval")
    proc = subprocess.Popen(
        [str(exe), "run", str(archive), "--out", str(out), "--workers", "1"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while _committed(out / "dataset.sqlite") < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = _committed(out / "dataset.sqlite")
    assert 5 <= done < 40, f"kill came too late to test anything ({done} documents done)"
    assert not list(out.glob("*.csv")), "no CSV is written before the run ends"
    resumed = run_cli("run", str(archive), "--out", str(out), "--workers", "1")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{done} skipped as done" in resumed.stderr
    assert dataset(out) == dataset(tmp_path / "ref")


@pytest.mark.slow
def test_dask_local_cluster_gives_the_pool_dataset(tmp_path: Path) -> None:
    from distributed import LocalCluster

    archive = make_archive(tmp_path / "in", 4)
    pooled = run_cli("run", str(archive), "--out", str(tmp_path / "pool"), "--workers", "2")
    assert pooled.returncode == 0
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        dask_run = run_cli(
            "run", str(archive), "--out", str(tmp_path / "dask"), "--scheduler", address
        )
    assert dask_run.returncode == 0, dask_run.stderr
    assert dataset(tmp_path / "dask") == dataset(tmp_path / "pool")


def _env_run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("thaieval")
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, **env},
        check=False,
    )


def _documents(out: Path) -> dict[str, dict[str, str]]:
    with (out / "documents.csv").open(encoding="utf-8-sig", newline="") as fh:
        return {Path(r["source_path"]).name: r for r in csv.DictReader(fh)}


def test_a_hanging_document_times_out_and_the_batch_goes_on(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "in", 3)
    out = tmp_path / "out"
    proc = _env_run(
        {"THAIEVAL_FAULT": "hang:unit_001.txt"},
        "run", str(archive), "--out", str(out), "--workers", "2", "--timeout", "5",
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    docs = _documents(out)
    assert docs["unit_001.txt"]["status"] == "failed"
    assert "timed out after 5 s" in docs["unit_001.txt"]["error"]
    assert docs["unit_000.txt"]["status"] == docs["unit_002.txt"]["status"] == "ok"


def test_a_worker_killed_mid_document_fails_only_that_document(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "in", 3)
    out = tmp_path / "out"
    proc = _env_run(
        {"THAIEVAL_FAULT": "crash:unit_002.txt"},
        "run", str(archive), "--out", str(out), "--workers", "2",
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    docs = _documents(out)
    assert docs["unit_002.txt"]["status"] == "failed"
    assert "worker process died" in docs["unit_002.txt"]["error"]
    assert docs["unit_000.txt"]["status"] == docs["unit_001.txt"]["status"] == "ok"


def test_result_changing_options_redo_documents_done_with_others(tmp_path: Path) -> None:
    text = make_archive(tmp_path / "in", 1) / "unit_000.txt"
    pdf = tmp_path / "in" / "memo.pdf"
    _pdf_with_text(pdf)
    out = tmp_path / "out"
    first = run_cli("run", str(pdf), str(text), "--out", str(out), "--workers", "1")
    assert first.returncode == 0, first.stderr
    options = {Path(n).name: o for n, o in _read_options(out).items()}
    assert options == {"memo.pdf": "dpi=300", "unit_000.txt": ""}
    # --dpi changes what a PDF yields (its OCR'd pages), not what a text file does
    again = run_cli("run", str(pdf), str(text), "--out", str(out), "--dpi", "200")
    assert again.returncode == 0, again.stderr
    assert "thaieval: 1 document, " in again.stderr and "1 skipped as done" in again.stderr
    assert "thaieval: 1 document read again: done before with another --dpi or --force-ocr" in (
        again.stderr
    )
    assert _read_options(out)[str(pdf)] == "dpi=200"
    same = run_cli("run", str(pdf), "--out", str(out), "--dpi", "200")
    assert "0 documents" in same.stderr and "1 skipped as done" in same.stderr
    assert "read again" not in same.stderr


def _read_options(out: Path) -> dict[str, str]:
    with (out / "documents.csv").open(encoding="utf-8-sig", newline="") as fh:
        return {r["source_path"]: r["read_options"] for r in csv.DictReader(fh)}
