"""The page model: what every reader (text file, PDF text layer, OCR) produces.

Coordinates are PDF points (1/72 inch) with the origin at the page's top-left corner and y
growing downward, the pdfplumber convention. OCR readers convert pixels with the image's
dpi, so a box means the same place whichever reader made it.

A page is a list of rows in reading order. A row is one line of free text (one cell) or one
row of a table (one cell per column); form parsers only ever see rows of cells, so they are
written once for every reader.

>>> Row(page=1, cells=[Cell(text="10"), Cell(text="ระดับ 5")]).texts()
['10', 'ระดับ 5']
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from thaieval.schemas.frame import PageFrame

# "mixed": a text layer whose lost marks were read from OCR of the same page.
PageMethod = Literal["text", "mixed", "ocr", "ocr-text", "none"]


class Box(BaseModel):
    """A rectangle in points, top-left origin: ``Box(x0=0, top=0, x1=72, bottom=12)``."""

    model_config = ConfigDict(frozen=True)

    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: Box | None) -> Box:
        """Smallest box holding both; ``b.union(None) == b``."""
        if other is None:
            return self
        return Box(
            x0=min(self.x0, other.x0),
            top=min(self.top, other.top),
            x1=max(self.x1, other.x1),
            bottom=max(self.bottom, other.bottom),
        )

    def as_text(self) -> str:
        """``"x0,top,x1,bottom"`` rounded to 0.1 pt, the form boxes take in CSV."""
        return ",".join(f"{v:.1f}" for v in (self.x0, self.top, self.x1, self.bottom))

    @classmethod
    def from_text(cls, text: str) -> Box | None:
        """Inverse of :meth:`as_text`; empty text gives None."""
        if not text:
            return None
        x0, top, x1, bottom = (float(v) for v in text.split(","))
        return cls(x0=x0, top=top, x1=x1, bottom=bottom)


def union_boxes(boxes: list[Box | None]) -> Box | None:
    """Union of the boxes that are known, None when none is."""
    out: Box | None = None
    for box in boxes:
        if box is not None:
            out = box.union(out)
    return out


class Word(BaseModel):
    """One word as a reader saw it; ``confidence`` is 0–100 for OCR, None for a text layer."""

    text: str
    box: Box | None = None
    confidence: float | None = None
    # Text layer only: skeleton indices (base letters, marks left out) of letters whose
    # mark glyph had no text and is not yet restored; OCR of the page can show it.
    lost_marks: list[int] = Field(default_factory=list)
    # … and, for such a word only, the x0, x1 of each skeleton letter (to crop near a loss).
    letters: list[tuple[float, float]] = Field(default_factory=list)
    # Text layer only: the word prints a person's or a unit's name, whose lost marks are
    # read from OCR of the page only, never chosen by the dictionary.
    is_name: bool = False


class Cell(BaseModel):
    """One cell of a row: its text, where it is, and how sure the reader was."""

    text: str
    box: Box | None = None
    confidence: float | None = None
    words: list[Word] = Field(default_factory=list)
    col: int | None = None  # column index in the table grid, None for free text


class Row(BaseModel):
    """A line of text or a table row; ``line`` is the 1-based source line for text input."""

    page: int
    cells: list[Cell]
    line: int | None = None
    table: int | None = None  # index of the table on its page, None for free text

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def filled(self) -> list[Cell]:
        """Cells holding text, in order."""
        return [c for c in self.cells if c.text.strip()]

    @property
    def text(self) -> str:
        return " ".join(c.text.strip() for c in self.cells if c.text.strip())

    @property
    def box(self) -> Box | None:
        return union_boxes([c.box for c in self.cells])


class PageIssue(BaseModel):
    """Something a stage noticed on a page (errors are data, not exceptions)."""

    stage: str
    category: str
    message: str


RereadStatus = Literal["changed", "confirmed", "kept", "failed"]


class Reread(BaseModel):
    """A number read a second time from its page after verify, and what became of it.

    ``status``: ``changed`` (the readings agree on another number, which replaces the
    first), ``confirmed`` (the same number), ``kept`` (another reading, not a well-formed
    number: the first stays), ``failed`` (the page could not be read again: ``message``).
    ``box`` is the word's, in the frame of the page's rows (upright, as OCR read it).

    >>> Reread(page=2, before="9.574", after="9.514", status="changed").after
    '9.514'
    """

    page: int
    box: Box | None = None
    before: str = ""  # the number as first read, without the brackets its word may have
    after: str = ""
    method: str = ""  # "glyph_run" (glyphs over the run of ink) or "crop_vote" (readings' vote)
    confidence: float | None = None
    reason: str = ""  # why it was read again: the flag's check and the number's part in it
    status: RereadStatus
    message: str = ""


class Page(BaseModel):
    """One source page: its size, the reader that produced it and its rows."""

    number: int
    width: float = 595.0
    height: float = 842.0
    method: PageMethod = "text"
    rows: list[Row] = Field(default_factory=list)
    ocr_confidences: list[float] = Field(default_factory=list)  # one per OCR'd word
    skipped: bool = False
    skip_reason: str = ""
    # OCR only: (turn, skew) the image was corrected by, degrees, so that a later crop of a
    # box of this page finds the same pixels.
    ocr_correction: tuple[int, float] | None = None
    # OCR only: the whole transform from the source image to the frame the rows' boxes are
    # in; exported boxes are mapped back through it (:func:`thaieval.schemas.frame.source_box`).
    frame: PageFrame | None = None
    issues: list[PageIssue] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.rows)
