"""The ingest stage: find the input files, hash them, and tell what kind each one is.

The kind comes from the file's first bytes (PDF, PNG, JPEG, TIFF) wherever it is asked for
(:func:`kind_of_file` is the pipeline's one detector); only plain text is known by its
suffix, since text has no signature. A folder is searched recursively: a file of a kind we do
not read is listed as skipped with the reason, a dangling or looping symbolic link becomes a
failed row, and nothing inside the output folder is ever an input.

>>> kind_of_bytes(b"%PDF-1.7\\n", ".pdf"), kind_of_bytes(b"\\x89PNG\\r\\n\\x1a\\n", ".pdf")
('pdf', 'image')
>>> describe(b"PK\\x03\\x04", ".docx")
'a Word document (.docx)'
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from thaieval.pipeline.pages.text_input import TEXT_SUFFIXES
from thaieval.schemas.records import Record

__all__ = [
    "READABLE",
    "InputFile",
    "Inputs",
    "Problem",
    "SkippedRecord",
    "describe",
    "discover",
    "document_id_of",
    "kind_of_bytes",
    "kind_of_file",
    "path_document_id",
    "sha256_of",
]

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
READABLE = "PDF, PNG, JPEG, TIFF, .txt or .md"
_SILENT_NAMES = (".truth.json",)  # a sample's ground truth, beside its document
_HEAD = 2048

_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"RIFF", "a RIFF file (WebP, WAV, AVI)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_SUFFIXES = {
    ".docx": "a Word document",
    ".doc": "a Word document",
    ".xlsx": "an Excel workbook",
    ".xls": "an Excel workbook",
    ".pptx": "a PowerPoint file",
    ".odt": "an OpenDocument text",
    ".csv": "a CSV table",
    ".tsv": "a TSV table",
    ".json": "a JSON file",
    ".html": "an HTML page",
    ".htm": "an HTML page",
    ".xml": "an XML file",
    ".zip": "a ZIP archive",
    ".gif": "a GIF image",
    ".bmp": "a BMP image",
    ".webp": "a WebP image",
}


class SkippedRecord(Record):
    """A file found in a folder and passed over: not a kind thaieval reads (``skipped.csv``)."""

    table = "skipped"
    source_path: str
    reason: str
    file_size: int | None = None


@dataclass(frozen=True)
class InputFile:
    path: Path
    source_path: str  # as given on the command line (or below a folder given there)


@dataclass(frozen=True)
class Problem:
    """An input that leads to no file (missing, a dangling or looping link): a failed row."""

    source_path: str
    error: str


@dataclass
class Inputs:
    files: list[InputFile] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    empty_folders: list[str] = field(default_factory=list)


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
        return "image"  # a damaged image: the reader says what is wrong with it
    return "unknown"


def kind_of_file(path: Path) -> str:
    """:func:`kind_of_bytes` of the file at ``path`` (``OSError`` when it cannot be read)."""
    with path.open("rb") as fh:
        return kind_of_bytes(fh.read(_HEAD), path.suffix)


def describe(head: bytes, suffix: str) -> str:
    """What a file we do not read seems to be, for the reason a user reads."""
    named = _SUFFIXES.get(suffix.lower())
    if named:
        return f"{named} ({suffix})"
    if not head:
        return "an empty file"
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    return f"a {suffix} file" if suffix else "a file without a suffix"


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def document_id_of(sha256: str) -> str:
    """Stable id: the first 16 hex digits of the file's sha256."""
    return sha256[:16]


def path_document_id(source_path: str) -> str:
    """Id of a row for an input with no bytes to hash (missing, a dangling link): from its
    path, so a re-run replaces the row."""
    return document_id_of(hashlib.sha256(f"path:{source_path}".encode()).hexdigest())


def _inside(path: Path, folder: Path | None) -> bool:
    return folder is not None and (path == folder or folder in path.parents)


def _broken_link(path: Path, exc: OSError) -> str:
    target = os.readlink(path) if path.is_symlink() else ""
    if exc.errno == errno.ELOOP:
        return f"symbolic link loop: {path.name} → {target} leads back to itself"
    if exc.errno == errno.ENOENT and target:
        return f"dangling symbolic link: its target {target} does not exist"
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    return f"cannot read it: {exc.strerror or exc}"


class _Walk:
    def __init__(self, exclude: Path | None) -> None:
        self.exclude = exclude.resolve() if exclude is not None else None
        self.found = Inputs()
        self.seen: set[tuple[int, int]] = set()

    def add_file(self, path: Path, source_path: str, info: os.stat_result, named: bool) -> None:
        if (info.st_dev, info.st_ino) in self.seen:
            return
        self.seen.add((info.st_dev, info.st_ino))
        if named:  # a file the user names is a document they expect: a reader says what is wrong
            self.found.files.append(InputFile(path, source_path))
            return
        try:
            with path.open("rb") as fh:
                head = fh.read(_HEAD)
        except OSError as exc:
            self.found.problems.append(Problem(source_path, f"cannot read it: {exc.strerror}"))
            return
        if kind_of_bytes(head, path.suffix) == "unknown":
            reason = f"{describe(head, path.suffix)}: not a kind thaieval reads ({READABLE})"
            self.found.skipped.append(
                SkippedRecord(source_path=source_path, reason=reason, file_size=info.st_size)
            )
        else:
            self.found.files.append(InputFile(path, source_path))

    def folder(self, folder: Path, ancestors: tuple[tuple[int, int], ...]) -> int:
        """Entries met below ``folder`` (files, skipped or broken); 0 for an empty folder."""
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            self.found.problems.append(
                Problem(str(folder), f"cannot list the folder: {exc.strerror}")
            )
            return 1
        met = 0
        for entry in entries:
            if entry.name.startswith(".") or entry.name.endswith(_SILENT_NAMES):
                continue
            path = Path(entry.path)
            try:
                info = path.stat()
            except OSError as exc:
                met += 1
                self.found.problems.append(Problem(str(path), _broken_link(path, exc)))
                continue
            if _inside(path.resolve(), self.exclude):
                continue  # the output folder is never an input
            met += 1
            key = (info.st_dev, info.st_ino)
            if stat.S_ISDIR(info.st_mode):
                if key in ancestors:
                    reason = (
                        f"symbolic link loop: leads back to {os.readlink(path)}, read once already"
                    )
                    self.found.skipped.append(SkippedRecord(source_path=str(path), reason=reason))
                else:
                    self.folder(path, (*ancestors, key))
            elif stat.S_ISREG(info.st_mode):
                self.add_file(path, str(path), info, named=False)
            else:
                reason = "not a regular file (a device, socket or pipe)"
                self.found.skipped.append(SkippedRecord(source_path=str(path), reason=reason))
        return met


def discover(inputs: list[str], exclude: Path | None = None) -> Inputs:
    """Files named or found below folders (recursively, sorted), what was skipped and why,
    and inputs that lead to no file. Nothing inside ``exclude`` (the output folder) is read."""
    walk = _Walk(exclude)
    for given in inputs:
        path = Path(given)
        try:
            info = path.stat()
        except OSError as exc:
            walk.found.problems.append(Problem(given, _broken_link(path, exc)))
            continue
        if _inside(path.resolve(), walk.exclude):
            reason = "inside the output folder: thaieval never reads its own outputs"
            walk.found.skipped.append(SkippedRecord(source_path=given, reason=reason))
        elif stat.S_ISDIR(info.st_mode):
            if walk.folder(path, ((info.st_dev, info.st_ino),)) == 0:
                walk.found.empty_folders.append(given)
        else:
            walk.add_file(path, given, info, named=True)
    return walk.found
