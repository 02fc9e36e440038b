"""The ingest stage: find the input files, hash them, and tell what kind each one is.

The kind comes from the file's first bytes (PDF, PNG, JPEG, TIFF); only plain text is known
by its suffix, since text has no signature.

>>> kind_of_bytes(b"%PDF-1.7\\n", ".pdf")
'pdf'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.text_input import TEXT_SUFFIXES

__all__ = ["InputFile", "discover", "document_id_of", "kind_of_bytes", "sha256_of"]

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
_SKIP_NAMES = (".truth.json",)


@dataclass(frozen=True)
class InputFile:
    path: Path
    source_path: str  # as given on the command line (or below a folder given there)


def kind_of_bytes(head: bytes, suffix: str) -> str:
    """``pdf``, ``image``, ``text`` or ``unknown`` from the first bytes and the suffix."""
    if head.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    if suffix.lower() in TEXT_SUFFIXES:
        return "text"
    if suffix.lower() == ".pdf":
        return "pdf"  # a damaged PDF: the reader says what is wrong with it
    if suffix.lower() in IMAGE_SUFFIXES:
        return "image"
    return "unknown"


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def document_id_of(sha256: str) -> str:
    """Stable id: the first 16 hex digits of the file's sha256."""
    return sha256[:16]


def discover(inputs: list[str]) -> tuple[list[InputFile], list[str]]:
    """Files named or found below folders (recursively, sorted), and inputs that do not exist."""
    files: list[InputFile] = []
    missing: list[str] = []
    seen: set[Path] = set()
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for p in found:
                if p.name.endswith(_SKIP_NAMES) or p.resolve() in seen:
                    continue
                seen.add(p.resolve())
                files.append(InputFile(p, str(p)))
        elif path.is_file():
            if path.resolve() not in seen:
                seen.add(path.resolve())
                files.append(InputFile(path, given))
        else:
            missing.append(given)
    return files, missing
