"""A batch of bad files: every good file is processed, every bad one is one readable failed row."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import REAL_PDF, SEED, run_cli


def _pdf_with_text(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="no form here, only a memo")
    pdf.output(str(path))


@pytest.fixture()
def bad_batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(SEED, folder / "good_seed.txt")
    memo = folder / "memo.pdf"
    _pdf_with_text(memo)
    (folder / "zero.pdf").write_bytes(b"")
    (folder / "not_a_pdf.pdf").write_bytes(b"PK\x03\x04" + b"zip archive, not a PDF" * 20)
    data = memo.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    (folder / "corrupt.pdf").write_bytes(data[:20] + b"\x00garbage\xff" * 200 + data[-30:])
    with pikepdf.open(memo) as pdf:
        pdf.save(
            folder / "password.pdf", encryption=pikepdf.Encryption(user="secret", owner="owner")
        )
        pdf.save(folder / "owner_only.pdf", encryption=pikepdf.Encryption(user="", owner="owner"))
    (folder / "photo.gif").write_bytes(b"GIF89a" + b"\x00" * 50)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "no_form.txt").write_text("บันทึกข้อความ เรื่อง ขออนุมัติเดินทางไปราชการ\n", encoding="utf-8")
    return folder


def test_bad_files_fail_alone(bad_batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run_cli("run", str(bad_batch), "--out", str(out), "--workers", "2")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    with (out / "documents.csv").open(encoding="utf-8-sig", newline="") as fh:
        docs = {Path(r["source_path"]).name: r for r in csv.DictReader(fh)}
    assert docs["good_seed.txt"]["status"] == "ok" and docs["good_seed.txt"]["form_count"] == "7"
    assert docs["memo.pdf"]["status"] == "no_form"
    assert docs["owner_only.pdf"]["status"] == "no_form"  # readable without a password
    expected = {
        "zero.pdf": "empty",
        "not_a_pdf.pdf": "pdf",
        "truncated.pdf": "truncated",
        "corrupt.pdf": "",
        "password.pdf": "password",
        "binary.txt": "not a text file",
        "no_form.txt": "no evaluation form",
    }
    for name, words in expected.items():
        row = docs[name]
        assert row["status"] == "failed", name
        assert row["error"] and "\n" not in row["error"], name
        assert words in row["error"].lower(), (name, row["error"])
    with (out / "forms.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 7
    # a kind we do not read, found in a folder, is passed over with its reason, not failed
    assert "photo.gif" not in docs
    with (out / "skipped.csv").open(encoding="utf-8-sig", newline="") as fh:
        (skipped,) = list(csv.DictReader(fh))
    assert Path(skipped["source_path"]).name == "photo.gif"
    assert skipped["reason"].startswith("a GIF image (.gif): not a kind thaieval reads")


@pytest.mark.slow
def test_budget_book_is_read_cheaply_as_no_form(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run_cli("run", str(REAL_PDF), "--out", str(out), "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    with (out / "documents.csv").open(encoding="utf-8-sig", newline="") as fh:
        (doc,) = list(csv.DictReader(fh))
    assert doc["status"] == "no_form" and doc["page_count"] == "84"
    # 6 blank pages, and the 5 pages whose layer is unusable screened out without full OCR
    assert doc["pages_skipped"] == "11"
    assert "low-resolution OCR screen" in doc["skip_reasons"]
    assert doc["mean_ocr_confidence"] == ""
    with (out / "pages.csv").open(encoding="utf-8-sig", newline="") as fh:
        pages = list(csv.DictReader(fh))
    assert [int(p["page"]) for p in pages] == list(range(1, 85))
    skipped = [p for p in pages if p["status"] == "skipped"]
    assert len(skipped) == 11 and all(p["skip_reason"] for p in skipped)
