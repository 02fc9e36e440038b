"""The pages stage: any input file → its pages in the page model, by the reader that fits.

Text files are read as they are; PDFs page by page from the text layer where it is usable and
by OCR where it is not; images by OCR. ``input_kind`` and ``count_pages`` are cheap, so a
document can be planned (and split into page ranges) before any page is read.

>>> from pathlib import Path
>>> input_kind(Path("missing.xyz"))
Traceback (most recent call last):
...
thaieval.pipeline.errors.UnsupportedInput: cannot read missing.xyz: no such file
"""

from __future__ import annotations

from pathlib import Path

from thaieval.pipeline.errors import EmptyInput, TooLargeInput, UnsupportedInput
from thaieval.pipeline.ingest.files import READABLE, kind_of_file
from thaieval.pipeline.pages.text_input import read_text_file
from thaieval.schemas.page import Page

__all__ = ["count_pages", "input_kind", "read_pages"]


def input_kind(path: Path, max_bytes: int = 2 * 1024**3) -> str:
    """``text``, ``pdf`` or ``image``; raises an InputError for anything else."""
    if not path.is_file():
        raise UnsupportedInput(f"cannot read {path.name}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise EmptyInput("file is empty (0 bytes)")
    if size > max_bytes:
        raise TooLargeInput(
            f"file is {size / 1024**2:.0f} MiB, over the {max_bytes / 1024**2:.0f} MiB limit"
        )
    kind = kind_of_file(path)
    if kind == "unknown":
        raise UnsupportedInput(
            f"unsupported file type {path.suffix or '(no suffix)'}: expected {READABLE}"
        )
    return kind


def count_pages(path: Path, kind: str) -> int:
    """Pages in the file, without reading them."""
    if kind == "text":
        return len(read_text_file(path))
    if kind == "pdf":
        from thaieval.pipeline.ingest.pdf_open import check_pdf

        return check_pdf(path).page_count
    from thaieval.pipeline.pages.images import page_count

    return page_count(path)


def read_pages(
    path: Path,
    kind: str,
    page_numbers: list[int] | None = None,
    *,
    dpi: int = 300,
    force_ocr: bool = False,
    lang: str = "tha+eng",
) -> list[Page]:
    """Pages ``page_numbers`` (1-based; all when None) of ``path``."""
    if kind == "text":
        pages = read_text_file(path)
        return [p for p in pages if page_numbers is None or p.number in page_numbers]
    if kind == "pdf":
        from thaieval.pipeline.pages.pdf import read_pdf_pages

        return read_pdf_pages(path, page_numbers, dpi=dpi, force_ocr=force_ocr, lang=lang)
    from thaieval.pipeline.pages.image_files import read_image_pages

    return read_image_pages(path, page_numbers, lang=lang)
