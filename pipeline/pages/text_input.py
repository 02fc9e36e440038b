"""Read a text or Markdown file another OCR engine produced into the page model.

Each line is a row; tabs separate its cells, and so do the pipes of a Markdown table row
(``| a | b |``; its ``|---|`` separator row is dropped). A form feed starts a new page
(tesseract's text output marks pages so). Nothing is guessed here: repair is the normalise
stage's job.

>>> rows_of_text("a\\tb\\n\\nc")[0][0].texts()
['a', 'b']
>>> rows_of_text("| ตัวชี้วัด | คะแนนที่ได้ |\\n|---|---:|\\n| 1. ก | 10 |")[0][1].texts()
['1. ก', '10']
"""

from __future__ import annotations

import re
from pathlib import Path

from thaieval.pipeline.errors import EmptyInput, UnsupportedInput
from thaieval.schemas.page import Cell, Page, Row

__all__ = ["TEXT_SUFFIXES", "cells_of_line", "decode_text", "read_text_file", "rows_of_text"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


# Share of a TIS-620 reading's non-ASCII characters that must be Thai. Set by hand in df6fb1f,
# no sweep recorded.
LEGACY_THAI_SHARE = 0.9
# Bytes sniffed for NULs and control characters, and the control characters (not tab, newline,
# form feed) a text file may hold there. Set by hand in the skeleton (f62841c), no sweep recorded.
SNIFF_BYTES = 4096
MAX_CONTROLS = 8


def _thai_legacy(data: bytes) -> str | None:
    """The text of a TIS-620 / Windows-874 file (older Thai tools save so), or None.

    Accepted only when it decodes strictly and most of its non-ASCII characters are Thai, so
    that arbitrary binary data is not taken for Thai text.
    """
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        return None
    wide = [ch for ch in text if ord(ch) > 127]
    thai = sum(1 for ch in wide if "\u0e01" <= ch <= "\u0e5b")
    return text if wide and thai >= LEGACY_THAI_SHARE * len(wide) else None


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 or TIS-620 Thai; refuse binary data.

    >>> decode_text("ตัวชี้วัด".encode("cp874"))
    'ตัวชี้วัด'
    """
    if not data.strip():
        raise EmptyInput("file is empty: nothing to read")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise UnsupportedInput("not a text file: binary data (NUL bytes) in a .txt/.md input")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        legacy = _thai_legacy(data)
        if legacy is None:
            raise UnsupportedInput(
                f"not UTF-8 text (undecodable byte at offset {exc.start}); save the OCR text as UTF-8"
            ) from exc
        text = legacy
    controls = sum(1 for ch in text[:SNIFF_BYTES] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > MAX_CONTROLS:
        raise UnsupportedInput("not a text file: control characters in a .txt/.md input")
    return text


# A Markdown table row: starts and ends with a pipe, with at least one pipe between.
_PIPE_ROW = re.compile(r"^\s*\|(.*\|.*)\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def cells_of_line(line: str) -> list[str] | None:
    """The cells of one line; None for a Markdown table's ``|---|`` rule, which holds none.

    >>> cells_of_line("| 10 | ระดับ 5 |"), cells_of_line("a\\tb"), cells_of_line("|:--|--:|")
    (['10', 'ระดับ 5'], ['a', 'b'], None)
    """
    if _PIPE_RULE.match(line):
        return None
    pipe = _PIPE_ROW.match(line)
    if pipe and "\t" not in line:
        return [c.strip() for c in pipe.group(1).split("|")]
    return line.split("\t")


def rows_of_text(text: str) -> list[list[Row]]:
    """Rows of each page (pages split at form feeds); blank lines are dropped."""
    pages: list[list[Row]] = [[]]
    # Not str.splitlines(): it breaks at the form feed too, and the page would be lost.
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        for k, chunk in enumerate(line.split("\f")):
            if k:
                pages.append([])
            texts = cells_of_line(chunk.rstrip("\r"))
            if texts is None:
                continue
            cells = [Cell(text=c) for c in texts]
            while cells and not cells[-1].text.strip():
                cells.pop()
            if cells:
                pages[-1].append(Row(page=len(pages), cells=cells, line=number))
    return pages if any(pages) else [[]]


def read_text_file(path: Path) -> list[Page]:
    """The file's pages; ``method`` is ``ocr-text``."""
    text = decode_text(path.read_bytes())
    return [
        Page(number=i, method="ocr-text", rows=rows)
        for i, rows in enumerate(rows_of_text(text), start=1)
    ]
