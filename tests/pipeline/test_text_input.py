"""Text input: cells from tabs and Markdown pipes, encodings, and refusals with one line."""

from __future__ import annotations

import pytest

from thaieval.pipeline.errors import EmptyInput, UnsupportedInput
from thaieval.pipeline.pages.text_input import cells_of_line, decode_text, rows_of_text


def test_tabs_pipes_and_rules() -> None:
    assert cells_of_line("10\tระดับ 5\t10") == ["10", "ระดับ 5", "10"]
    assert cells_of_line("| 1. ก | 8 | | 5.600 |") == ["1. ก", "8", "", "5.600"]
    assert cells_of_line("|---|:---:|--:|") is None
    assert cells_of_line("- รายการ | ไม่ใช่ตาราง") == ["- รายการ | ไม่ใช่ตาราง"]


def test_rows_and_pages() -> None:
    pages = rows_of_text("| ก | ข |\n|---|---|\n| 1 | 2 |\n\n\fหน้า 2\t\t\n")
    assert [[r.texts() for r in page] for page in pages] == [
        [["ก", "ข"], ["1", "2"]],
        [["หน้า 2"]],
    ]
    assert [r.line for r in pages[0]] == [1, 3]


def test_encodings() -> None:
    assert decode_text("\ufeffตัวชี้วัด".encode()) == "ตัวชี้วัด"
    assert decode_text("ตัวชี้วัด".encode("utf-16")) == "ตัวชี้วัด"
    assert decode_text("ผลคะแนน 10".encode("cp874")) == "ผลคะแนน 10"


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", EmptyInput, "empty"),
        (b" \n\t\r\n", EmptyInput, "empty"),
        (b"%\x00\x01\x02binary", UnsupportedInput, "binary data"),
        (b"\xff\xfd\xfc\x81\x82 not text", UnsupportedInput, "not UTF-8"),
        (b"abc\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e", UnsupportedInput, "control characters"),
    ],
)
def test_refusals(data: bytes, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words) as info:
        decode_text(data)
    assert "\n" not in str(info.value)
