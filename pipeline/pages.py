"""The pages stage: any input file → its pages in the page model, by the reader that fits.

Text files are read as they are; PDFs page by page from the text layer where it is usable and
by OCR where it is not; images by OCR.

>>> from pathlib import Path
>>> read_pages(Path("missing.xyz"))
Traceback (most recent call last):
...
pipeline.errors.UnsupportedInput: cannot read missing.xyz: no such file
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import EmptyInput, TooLargeInput, UnsupportedInput
from pipeline.ingest import kind_of_bytes
from pipeline.text_input import read_text_file
from schemas.page import Page

__all__ = ["read_pages"]


def read_pages(
    path: Path,
    dpi: int = 300,
    force_ocr: bool = False,
    lang: str = "tha+eng",
    max_bytes: int = 2 * 1024**3,
) -> list[Page]:
    """The pages of ``path``; bad input raises an :class:`~pipeline.errors.InputError`."""
    if not path.is_file():
        raise UnsupportedInput(f"cannot read {path.name}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise EmptyInput("file is empty (0 bytes)")
    if size > max_bytes:
        raise TooLargeInput(
            f"file is {size / 1024**2:.0f} MiB, over the {max_bytes / 1024**2:.0f} MiB limit"
        )
    with path.open("rb") as fh:
        head = fh.read(2048)
    kind = kind_of_bytes(head, path.suffix)
    if kind == "text":
        return read_text_file(path)
    if kind == "pdf":
        from pipeline.pdf_pages import read_pdf_pages

        return read_pdf_pages(path, dpi=dpi, force_ocr=force_ocr, lang=lang)
    if kind == "image":
        from pipeline.image_pages import read_image_pages

        return read_image_pages(path, lang=lang)
    raise UnsupportedInput(
        f"unsupported file type {path.suffix or '(no suffix)'}: expected PDF, PNG, JPEG, TIFF, .txt or .md"
    )
