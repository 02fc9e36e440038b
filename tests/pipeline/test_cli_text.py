"""``thaieval run`` on text input, as a user runs it: bad files fail with one readable line."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from tests.conftest import run_cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "text"


def _documents(out: Path) -> list[dict[str, str]]:
    with (out / "documents.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _run_one(tmp_path: Path, name: str, data: bytes) -> tuple[int, str, dict[str, str]]:
    source = tmp_path / name
    source.write_bytes(data)
    proc = run_cli("run", str(source), "--out", str(tmp_path / "out"), timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    (row,) = _documents(tmp_path / "out")
    return proc.returncode, proc.stderr, row


def _assert_failed(row: dict[str, str], words: str) -> None:
    assert row["status"] == "failed"
    assert words in row["error"]
    assert "\n" not in row["error"] and len(row["error"]) < 200


def test_empty_text_file_fails(tmp_path: Path) -> None:
    code, stderr, row = _run_one(tmp_path, "empty.txt", b"")
    assert code == 1
    _assert_failed(row, "empty")
    assert "1 failed" in stderr


def test_blank_text_file_fails(tmp_path: Path) -> None:
    code, _, row = _run_one(tmp_path, "blank.md", b"\n \t\n\r\n")
    assert code == 1
    _assert_failed(row, "empty")


def test_binary_file_named_txt_fails(tmp_path: Path) -> None:
    data = bytes(range(256)) * 8  # NUL bytes and every other byte value
    code, _, row = _run_one(tmp_path, "scan.txt", data)
    assert code == 1
    _assert_failed(row, "not a text file")


def test_undecodable_bytes_named_txt_fail(tmp_path: Path) -> None:
    data = b"\xff\xfd\xfc\x81\x82 garbage " * 50  # neither UTF-8 nor Thai TIS-620
    code, _, row = _run_one(tmp_path, "garbage.txt", data)
    assert code == 1
    _assert_failed(row, "not UTF-8 text")


def test_text_without_a_form_fails(tmp_path: Path) -> None:
    text = "บันทึกข้อความ\nเรื่อง ขออนุมัติเดินทางไปราชการ\nเรียน ผู้อำนวยการเขต\n"
    code, _, row = _run_one(tmp_path, "memo.txt", text.encode())
    assert code == 1
    _assert_failed(row, "no evaluation form found")
    assert row["method"] == "ocr-text"


def test_thai_legacy_encoding_is_read(tmp_path: Path) -> None:
    text = (FIXTURES / "district_chatuchak_injected_html.txt").read_text(encoding="utf-8")
    # TIS-620 has no ■: older tools print the section bullets as plain text or drop them.
    data = text.replace("■ ", "").encode("cp874")
    code, stderr, row = _run_one(tmp_path, "tis620.txt", data)
    assert code == 0, stderr
    assert (row["status"], row["form_count"]) == ("ok", "7")


def test_a_bad_file_does_not_stop_the_good_ones(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    good = FIXTURES / "district_bangrak_midyear_thai_digits.txt"
    proc = run_cli("run", str(bad), str(good), "--out", str(tmp_path / "out"), timeout=120)
    assert proc.returncode == 1
    rows = {Path(r["source_path"]).name: r for r in _documents(tmp_path / "out")}
    assert rows["empty.txt"]["status"] == "failed"
    assert (rows[good.name]["status"], rows[good.name]["form_count"]) == ("ok", "8")


def test_all_fixtures_run_clean_from_the_cli(tmp_path: Path) -> None:
    proc = run_cli("run", str(FIXTURES), "--out", str(tmp_path / "out"), timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = _documents(tmp_path / "out")
    assert sorted((Path(r["source_path"]).name, r["status"], r["form_count"]) for r in rows) == [
        ("department_drainage_criteria_markdown.md", "ok", "7"),
        ("district_bangrak_midyear_thai_digits.txt", "ok", "8"),
        ("district_chatuchak_injected_html.txt", "ok", "7"),
        ("office_prd_halfyear_scattered.txt", "ok", "6"),
    ]
    assert os.path.getsize(tmp_path / "out" / "flags.csv") > 0
