"""Evidence for the review report: a crop of the source page around a value's box, with
the box drawn, or the source lines around a value of a text input.

PDF pages are rendered with pypdfium2 at :data:`DPI` (a box in points × DPI/72 is its place
in pixels); image files are read as the file holds them, before any turn or deskew, and
scaled to the same DPI. Exported boxes are in that raw page's frame whatever OCR turned
(:mod:`thaieval.schemas.frame`), so a crop here is the raw render at the box as exported.
Renders are cached per page, so twenty flags on one page render it once.

>>> lookup = SourceLookup(Path("out/demo"))  # doctest: +SKIP
>>> lookup.evidence(document, page=2, box="72.0,300.5,140.0,312.0", line=None).kind  # doctest: +SKIP
'image'
"""

from __future__ import annotations

import base64
import io
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from thaieval.pipeline.errors import InputError
from thaieval.pipeline.ingest.files import kind_of_file
from thaieval.pipeline.pages.images import iter_page_images
from thaieval.pipeline.pages.text_input import decode_text
from thaieval.pipeline.report.labels import Label, label
from thaieval.schemas.page import Box

__all__ = [
    "DPI",
    "LINE_CHARS",
    "Evidence",
    "SourceLookup",
    "crop_around",
    "excerpt",
    "resolve_source",
]

DPI = 100  # enough to read a printed digit, small enough to embed dozens of crops
MARGIN_Y = 40.0  # points above and below a box: the table row and its neighbours
THUMB_SCALE = 0.5  # a page with no box is shown whole at DPI × this
CONTEXT_LINES = 3  # source lines shown either side of a text input's line
LINE_CHARS = 400  # a source line shown is cut here: a text input may hold megabytes on one line
CACHE_PAGES = 8  # rendered pages kept; flags come sorted by document, so hits are local
BOX_COLOUR = (220, 20, 60)


@dataclass(frozen=True)
class Evidence:
    """What the report shows beside a value: an image, source lines, or why neither."""

    kind: Literal["image", "lines", "none"]
    note: Label  # where it comes from ("page 2", "line 61") or why there is nothing
    data_uri: str = ""
    lines: list[tuple[int, str]] = field(default_factory=list)
    highlight: int | None = None


def excerpt(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, saying how many were left out.

    >>> excerpt("abcdef", 3), excerpt("abc", 3)
    ('abc … (+3)', 'abc')
    """
    return text if len(text) <= limit else f"{text[:limit]} … (+{len(text) - limit:,})"


def resolve_source(source_path: str, out_dir: Path, cwd: Path | None = None) -> Path | None:
    """The source file as the run saw it: relative to the working directory, else to the
    output folder's parent; None when it is gone.

    >>> resolve_source("/nonexistent/x.pdf", Path("out")) is None
    True
    """
    if not source_path:
        return None
    given = Path(source_path)
    bases = [cwd or Path.cwd(), out_dir.resolve().parent]
    candidates = [given] if given.is_absolute() else [base / given for base in bases]
    return next((c for c in candidates if c.is_file()), None)


def crop_around(page: Image.Image, box: Box, scale: float) -> Image.Image:
    """The full-width band of ``page`` around ``box`` (points; ``scale`` px per point),
    with the box drawn on it.

    >>> band = crop_around(Image.new("RGB", (827, 1169), "white"), Box(x0=72, top=100, x1=144, bottom=112), 100 / 72)
    >>> band.size
    (827, 129)
    """
    top = max(0, int((box.top - MARGIN_Y) * scale))
    bottom = min(page.height, int((box.bottom + MARGIN_Y) * scale) + 1)
    band = page.crop((0, top, page.width, max(bottom, top + 1))).convert("RGB")
    draw = ImageDraw.Draw(band)
    draw.rectangle(
        (
            box.x0 * scale - 3,
            box.top * scale - top - 3,
            box.x1 * scale + 3,
            box.bottom * scale - top + 3,
        ),
        outline=BOX_COLOUR,
        width=2,
    )
    return band


def _jpeg_uri(image: Image.Image) -> str:
    buffer = io.BytesIO()
    # JPEG keeps a scanned band around 15-30 kB where PNG would take several times that.
    image.convert("RGB").save(buffer, format="JPEG", quality=80, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _thumbnail_uri(image: Image.Image) -> str:
    """A whole page only locates the problem: 16 greys in a PNG take about half a JPEG's bytes."""
    small = image.resize(
        (round(image.width * THUMB_SCALE), round(image.height * THUMB_SCALE)),
        Image.Resampling.LANCZOS,
    )
    buffer = io.BytesIO()
    small.convert("L").quantize(16).save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _render_pdf_page(path: Path, number: int) -> Image.Image:
    pdf = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= number <= len(pdf):
            raise InputError(f"{path.name} has no page {number}")
        page = pdf[number - 1]
        image: Image.Image = page.render(scale=DPI / 72.0).to_pil()
        page.close()
        return image
    finally:
        pdf.close()


def _render_image_page(path: Path, number: int) -> Image.Image:
    for frame in iter_page_images(path):
        if frame.number == number:
            image = Image.fromarray(frame.image)
            size = (round(frame.width * DPI / 72.0), round(frame.height * DPI / 72.0))
            return image.resize(size, Image.Resampling.LANCZOS)
    raise InputError(f"{path.name} has no page {number}")


class SourceLookup:
    """Finds the sources of one output folder and turns provenance into :class:`Evidence`."""

    def __init__(self, out_dir: Path, cwd: Path | None = None) -> None:
        self.out_dir = out_dir
        self.cwd = cwd
        self._paths: dict[str, Path | None] = {}
        self._pages: OrderedDict[tuple[Path, int], Image.Image] = OrderedDict()
        self._lines: dict[Path, list[str]] = {}
        # A flag and a low-confidence number often share a box: encode each crop once.
        self._evidence: dict[tuple[Path, int | None, str], Evidence] = {}

    def source(self, source_path: str) -> Path | None:
        if source_path not in self._paths:
            self._paths[source_path] = resolve_source(source_path, self.out_dir, self.cwd)
        return self._paths[source_path]

    def page_image(self, path: Path, number: int) -> Image.Image:
        """Page ``number`` of ``path`` at :data:`DPI`, from the cache when it is there."""
        key = (path, number)
        if key in self._pages:
            self._pages.move_to_end(key)
            return self._pages[key]
        if kind_of_file(path) == "pdf":  # by the bytes, as the run read it
            image = _render_pdf_page(path, number)
        else:
            image = _render_image_page(path, number)
        self._pages[key] = image
        if len(self._pages) > CACHE_PAGES:
            self._pages.popitem(last=False)
        return image

    def source_lines(self, path: Path) -> list[str]:
        if path not in self._lines:
            self._lines[path] = decode_text(path.read_bytes()).splitlines()
        return self._lines[path]

    def evidence(
        self, document: Mapping[str, object], page: int | None, box: str, line: int | None
    ) -> Evidence:
        """The crop (or source lines) for one value of ``document`` (a documents row)."""
        source_path = str(document.get("source_path") or "")
        path = self.source(source_path)
        if path is None:
            return Evidence("none", label("source_missing", path=source_path))
        try:
            if document.get("method") == "ocr-text":
                return self._lines_evidence(path, line)
            return self._image_evidence(path, page, box)
        except (
            InputError,
            OSError,
            ValueError,
            pdfium.PdfiumError,
            Image.DecompressionBombError,
        ) as exc:
            return Evidence("none", label("cannot_render", name=path.name, error=exc))

    def _lines_evidence(self, path: Path, line: int | None) -> Evidence:
        lines = self.source_lines(path)
        if line is None or not 1 <= line <= len(lines):
            return Evidence("none", label("no_line"))
        first, last = max(1, line - CONTEXT_LINES), min(len(lines), line + CONTEXT_LINES)
        shown = [(n, excerpt(lines[n - 1], LINE_CHARS)) for n in range(first, last + 1)]
        note = label("source_line", name=path.name, line=line)
        return Evidence("lines", note, lines=shown, highlight=line)

    def _image_evidence(self, path: Path, page: int | None, box_text: str) -> Evidence:
        if page is None:
            return Evidence("none", label("no_page"))
        key = (path, page, box_text)
        if key not in self._evidence:
            self._evidence[key] = self._crop(path, page, box_text)
        return self._evidence[key]

    def _crop(self, path: Path, page: int, box_text: str) -> Evidence:
        image = self.page_image(path, page)
        box = Box.from_text(box_text)
        if box is None:
            note = label("whole_page", name=path.name, page=page)
            return Evidence("image", note, _thumbnail_uri(image))
        band = crop_around(image, box, DPI / 72.0)
        note = label("crop", name=path.name, page=page, box=box_text)
        return Evidence("image", note, _jpeg_uri(band))
