"""Inputs as users' folders hold them: files named for another kind, files we do not read,
broken links, empty folders, a missing input, and the output folder inside the input."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import SEED, run_cli
from thaieval.pipeline.ingest.files import discover, kind_of_file


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _by_name(path: Path) -> dict[str, dict[str, str]]:
    return {Path(r["source_path"]).name: r for r in _rows(path)}


def _blank_page(path: Path, fmt: str) -> None:
    Image.new("L", (400, 560), 255).save(path, format=fmt)


def test_kind_is_decided_by_the_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _blank_page(folder / "scan.pdf", "PNG")  # a PNG named .pdf
    _blank_page(folder / "scan.bak", "JPEG")  # a JPEG named .bak
    assert kind_of_file(folder / "scan.pdf") == kind_of_file(folder / "scan.bak") == "image"
    out = tmp_path / "out"
    proc = run_cli("run", str(folder), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    docs = _by_name(out / "documents.csv")
    for name in ("scan.pdf", "scan.bak"):  # read as the page images they are: a blank page
        assert (docs[name]["status"], docs[name]["page_count"], docs[name]["error"]) == (
            "no_form", "1", ""
        ), docs[name]  # fmt: skip
    assert _rows(out / "skipped.csv") == []


def test_other_files_in_a_folder_are_skipped_with_the_reason(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    (folder / "scores.csv").write_text("unit,score\nบางรัก,92.7\n", encoding="utf-8")
    (folder / "README").write_text("scans of 2567\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("run", str(folder), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "1 document, 1 page, 7 forms," in proc.stderr
    assert "0 failed, 0 skipped as done, 3 not read (see skipped.csv)" in proc.stderr
    skipped = {Path(r["source_path"]).name: r["reason"] for r in _rows(out / "skipped.csv")}
    tail = ": not a kind thaieval reads (PDF, PNG, JPEG, TIFF, .txt or .md)"
    assert skipped == {
        "notes.docx": "a Word document (.docx)" + tail,
        "scores.csv": "a CSV table (.csv)" + tail,
        "README": "a file without a suffix" + tail,
    }
    assert list(_by_name(out / "documents.csv")) == ["seed.txt"]
    log = (out / "run.log").read_text(encoding="utf-8")
    assert f"WARNING not read {folder / 'README'}: a file without a suffix" in log


def test_the_output_folder_is_never_an_input(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    out = folder / "out"
    first = run_cli("run", str(folder), "--out", str(out))
    assert first.returncode == 0, first.stderr
    again = run_cli("run", str(folder), "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert "thaieval: 0 documents," in again.stderr
    assert "1 skipped as done," in again.stderr and "not read" not in again.stderr
    assert list(_by_name(out / "documents.csv")) == ["seed.txt"]
    assert _rows(out / "skipped.csv") == []


def test_broken_links_get_a_row(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEED, folder / "sub" / "seed.txt")
    os.symlink(tmp_path / "gone.pdf", folder / "dangling.pdf")
    os.symlink(folder / "loop_b.pdf", folder / "loop_a.pdf")
    os.symlink(folder / "loop_a.pdf", folder / "loop_b.pdf")
    os.symlink(folder, folder / "sub" / "back_up")  # a folder link to an ancestor
    out = tmp_path / "out"
    proc = run_cli("run", str(folder), "--out", str(out))
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    docs = _by_name(out / "documents.csv")
    assert docs["seed.txt"]["status"] == "ok"
    assert (docs["dangling.pdf"]["status"], docs["dangling.pdf"]["error"]) == (
        "failed", f"dangling symbolic link: its target {tmp_path / 'gone.pdf'} does not exist"
    )  # fmt: skip
    assert docs["loop_a.pdf"]["error"] == (
        f"symbolic link loop: loop_a.pdf → {folder / 'loop_b.pdf'} leads back to itself"
    )
    assert docs["loop_a.pdf"]["sha256"] == "" and len(docs["loop_a.pdf"]["document_id"]) == 16
    (skipped,) = _rows(out / "skipped.csv")
    assert skipped["source_path"] == str(folder / "sub" / "back_up")
    assert skipped["reason"] == f"symbolic link loop: leads back to {folder}, read once already"
    assert "thaieval: 3 inputs failed:\n" in proc.stderr


def test_empty_folder_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".hidden").write_text("x")
    alone = run_cli("run", str(empty), "--out", str(tmp_path / "out1"))
    assert alone.returncode == 2, alone.stderr
    assert alone.stderr == (
        f"thaieval: {empty} is an empty folder: nothing to read there\n"
        "thaieval: no input files to read\n"
    )
    assert not (tmp_path / "out1").exists()
    shutil.copy(SEED, tmp_path / "seed.txt")
    beside = run_cli("run", str(empty), str(tmp_path / "seed.txt"), "--out", str(tmp_path / "o2"))
    assert beside.returncode == 0, beside.stderr
    assert f"thaieval: {empty} is an empty folder: nothing to read there\n" in beside.stderr


def test_one_missing_input_among_several(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "seed.txt")
    out = tmp_path / "out"
    missing = str(tmp_path / "typo.pdf")
    proc = run_cli("run", missing, str(tmp_path / "seed.txt"), "--out", str(out))
    assert proc.returncode == 1, proc.stderr
    assert f"thaieval: 1 input failed:\n  {missing}: no such file or folder\n" in proc.stderr
    docs = _by_name(out / "documents.csv")
    assert docs["seed.txt"]["status"] == "ok" and docs["seed.txt"]["form_count"] == "7"
    assert (docs["typo.pdf"]["status"], docs["typo.pdf"]["error"]) == (
        "failed", "no such file or folder"
    )  # fmt: skip
    only = run_cli("run", missing, "--out", str(tmp_path / "o2"))
    assert only.returncode == 2
    assert only.stderr.endswith("thaieval: no input files to read\n")


def test_failures_are_named_and_logged_as_errors(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a_seed.txt")
    for i in range(7):
        (folder / f"bad_{i}.pdf").write_bytes(b"")
    out = tmp_path / "out"
    proc = run_cli("run", str(folder), "--out", str(out))
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    start = lines.index("thaieval: 7 inputs failed:")
    assert lines[start + 1 : start + 7] == [
        *(f"  {folder / f'bad_{i}.pdf'}: file is empty (0 bytes)" for i in range(5)),
        f"  … and 2 more (see {out / 'documents.csv'})",
    ]
    log = (out / "run.log").read_text(encoding="utf-8")
    assert "None" not in log
    errors = [line for line in log.splitlines() if " ERROR " in line]
    assert len(errors) == 7 and all("file is empty (0 bytes)" in e for e in errors)
    assert f"INFO ok {folder / 'a_seed.txt'}: ocr-text, 1 page, 7 forms, 6 flags," in log


@pytest.mark.parametrize("name", ["a.docx", "README"])
def test_discover_lists_what_it_passes_over(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"PK\x03\x04rest")
    found = discover([str(tmp_path)])
    assert found.files == [] and [s.source_path for s in found.skipped] == [str(tmp_path / name)]
    named = discover([str(tmp_path / name)])  # a file named on the command line is a document
    assert [f.source_path for f in named.files] == [str(tmp_path / name)] and not named.skipped
