"""Read a text or Markdown file another OCR engine produced into the page model.

Each line is a row; tabs separate its cells. A form feed starts a new page (tesseract's text
output marks pages so). Nothing is guessed here: repair is the normalise stage's job.

>>> rows_of_text("a\\tb\\n\\nc")[0][0].texts()
['a', 'b']
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import EmptyInput, UnsupportedInput
from schemas.page import Cell, Page, Row

__all__ = ["TEXT_SUFFIXES", "decode_text", "read_text_file", "rows_of_text"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16; refuse binary data."""
    if not data.strip():
        raise EmptyInput("file is empty: nothing to read")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise UnsupportedInput("not a text file: binary data (NUL bytes) in a .txt/.md input")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnsupportedInput(
            f"not UTF-8 text (undecodable byte at offset {exc.start}); save the OCR text as UTF-8"
        ) from exc
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 8:
        raise UnsupportedInput("not a text file: control characters in a .txt/.md input")
    return text


def rows_of_text(text: str) -> list[list[Row]]:
    """Rows of each page (pages split at form feeds); blank lines are dropped."""
    pages: list[list[Row]] = [[]]
    for number, line in enumerate(text.splitlines(), start=1):
        for k, chunk in enumerate(line.split("\f")):
            if k:
                pages.append([])
            cells = [Cell(text=c) for c in chunk.rstrip("\r").split("\t")]
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
