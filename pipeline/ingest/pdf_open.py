"""Open a PDF safely: bad files become one-line :mod:`thaieval.pipeline.errors` exceptions.

The checks run cheapest first: size, the ``%PDF-`` header, the ``%%EOF`` marker of a
complete file, then qpdf (through pikepdf) for the structure, the password and the page
count. A PDF encrypted with an empty user password (permissions only) opens normally:
every engine reads its text, so refusing it would lose data for nothing.

>>> check_pdf(Path("/nonexistent.pdf"))
Traceback (most recent call last):
...
thaieval.pipeline.errors.EmptyInput: file not found: /nonexistent.pdf
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf

from thaieval.pipeline.errors import (
    CorruptInput,
    EmptyInput,
    EncryptedInput,
    InputError,
    UnsupportedInput,
)

__all__ = ["PdfInfo", "check_pdf", "open_pdf"]

HEADER_WINDOW = 1024  # the spec allows junk before %PDF- within the first 1024 bytes
TAIL_WINDOW = 4096  # writers may put a little junk after the last %%EOF


@dataclass(frozen=True)
class PdfInfo:
    """What the checks learned: page count and whether a (permissions-only) password is set."""

    path: Path
    page_count: int
    encrypted: bool


def _read_ends(path: Path) -> tuple[int, bytes, bytes]:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(HEADER_WINDOW)
            fh.seek(max(0, size - TAIL_WINDOW))
            tail = fh.read()
    except FileNotFoundError:
        raise EmptyInput(f"file not found: {path}") from None
    except OSError as exc:
        raise UnsupportedInput(f"cannot read file: {exc.strerror or exc}") from None
    return size, head, tail


def check_pdf(path: Path) -> PdfInfo:
    """Validate ``path`` as a readable PDF and count its pages, or raise an InputError.

    >>> check_pdf(Path("/work/shared/real/budget-2565-vol17.pdf")).page_count
    84
    """
    size, head, tail = _read_ends(path)
    if size == 0:
        raise EmptyInput("file is empty (0 bytes)")
    if b"%PDF-" not in head:
        raise UnsupportedInput("not a PDF: the file has no %PDF- header (wrong extension?)")
    if b"%%EOF" not in tail:
        raise CorruptInput(
            f"PDF is truncated: no %%EOF end marker ({size} bytes); the download or copy is incomplete"
        )
    try:
        with pikepdf.open(path) as pdf:
            page_count = len(pdf.pages)
            encrypted = bool(pdf.is_encrypted)
    except pikepdf.PasswordError:
        raise EncryptedInput(
            "PDF is password-protected; decrypt it first (qpdf --password=… --decrypt in.pdf out.pdf)"
        ) from None
    except pikepdf.PdfError as exc:
        reason = " ".join(str(exc).replace(str(path), "").strip(": ").split())
        raise CorruptInput(f"PDF is damaged and cannot be read: {reason}") from None
    if page_count == 0:
        raise EmptyInput("PDF has no pages")
    return PdfInfo(path=path, page_count=page_count, encrypted=encrypted)


@contextmanager
def open_pdf(path: Path) -> Iterator[pdfplumber.PDF]:
    """``with open_pdf(path) as pdf:`` — a checked pdfplumber document, closed on exit.

    >>> with open_pdf(Path("/work/shared/real/budget-2565-vol17.pdf")) as pdf:
    ...     len(pdf.pages)
    84
    """
    check_pdf(path)
    try:
        pdf = pdfplumber.open(path)
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for one broken file
        raise CorruptInput(
            f"PDF cannot be parsed: {' '.join(str(exc).split()) or type(exc).__name__}"
        ) from None
    try:
        yield pdf
    finally:
        pdf.close()
