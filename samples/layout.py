"""A small page writer over fpdf2: wrapped Thai paragraphs and ruled tables with merged cells.

Thai has no spaces between words, so lines break at word boundaries found by PyThaiNLP.
Every line and table row written is also kept as page text (``Writer.pages``), which the
OCR-text variant is made from.

>>> w = Writer("Laksaman"); w.new_page(); w.para("ทดสอบ"); w.pages
[['ทดสอบ']]
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from pythainlp.tokenize import word_tokenize

from samples.fonts import TLWG_DIR, font_path, is_tlwg

__all__ = ["FONT_SIZES", "Cell", "Writer"]

SYMBOL_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# Body sizes that give each TLWG face about the height of TH Sarabun 16 in Word.
FONT_SIZES = {"Laksaman": 13.5, "Garuda": 10.5, "Loma": 11.5, "Norasi": 12.5, "Sawasdee": 12.0,
              "Kinnari": 13.0, "Chakra Petch": 10.5, "Bai Jamjuree": 10.5, "K2D": 10.5,
              "Fahkwang": 10.5, "Charm": 12.0, "Charmonman": 12.5}  # fmt: skip
NATIONAL_SIZE = 11.0  # the national fonts are drawn larger than TH Sarabun: 11 pt looks like 16
_ITALIC = {"Laksaman": "Italic", "Norasi": "Italic", "Kinnari": "Italic"}  # others: Oblique
MARGIN = 50.0
PAD = 3.0


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))


def _clusters(word: str) -> list[str]:
    """Base characters with their combining marks (never split a tone mark off its base)."""
    out: list[str] = []
    for ch in word:
        if out and (
            ord(ch) == 0x0E31 or 0x0E34 <= ord(ch) <= 0x0E3A or 0x0E47 <= ord(ch) <= 0x0E4E
        ):
            out[-1] += ch
        else:
            out.append(ch)
    return out


@dataclass
class Cell:
    """A table cell taking ``span`` columns; ``cont`` continues the cell above (merged rows)."""

    text: str = ""
    span: int = 1
    align: str = "L"
    bold: bool = False
    cont: bool = False


class Writer:
    def __init__(self, font: str, size: float | None = None, seed: int = 0) -> None:
        self.font = font
        self.base_size = size or FONT_SIZES.get(font, NATIONAL_SIZE)
        self.set_scale(1.0)
        self.rng = random.Random(seed)
        pdf = FPDF(unit="pt", format="A4")
        pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))
        pdf.set_producer("Microsoft® Word for Microsoft 365")
        pdf.set_auto_page_break(False)
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.add_font(font, "", str(font_path(font, 400)))
        pdf.add_font(font, "B", str(font_path(font, 700)))
        # A signature read as text is set in the face's italic; a national font has none here.
        italic = TLWG_DIR / f"{font}-{_ITALIC.get(font, 'Oblique')}.ttf"
        pdf.add_font(font, "I", str(italic if is_tlwg(font) else font_path(font, 400)))
        pdf.add_font("DejaVu", "", str(SYMBOL_FONT))
        pdf.set_text_shaping(True)
        self.pdf = pdf
        self.pages: list[list[str]] = []
        self.orientation = "P"
        self.y = MARGIN

    def set_scale(self, scale: float) -> None:
        """Scale the body size (the overall table is set smaller than the forms)."""
        self.size = self.base_size * scale
        self.line_h = self.size * 1.32

    # -- pages -------------------------------------------------------------------------
    @property
    def page_no(self) -> int:
        return len(self.pages)

    @property
    def width(self) -> float:
        return float(self.pdf.w) - 2 * MARGIN

    @property
    def bottom(self) -> float:
        return float(self.pdf.h) - MARGIN

    def new_page(self, orientation: str = "P") -> None:
        self.orientation = orientation
        self.pdf.add_page(orientation=orientation)
        self.pages.append([])
        self.y = MARGIN - 10 if orientation == "L" else MARGIN

    def ensure(self, height: float) -> bool:
        """Start a new page when ``height`` does not fit; True when it did."""
        if self.y + height > self.bottom:
            self.new_page(self.orientation)
            return True
        return False

    # -- text --------------------------------------------------------------------------
    def _set(self, bold: bool = False, italic: bool = False, size: float | None = None) -> None:
        style = "B" if bold else "I" if italic else ""
        self.pdf.set_font(self.font, style, size or self.size)

    def wrap(self, text: str, width: float, bold: bool = False) -> list[str]:
        """Greedy line filling at word boundaries; a word wider than a line is split."""
        self._set(bold)
        lines: list[str] = []
        line = ""
        for tok in self._fit_tokens(text, width):
            trial = line + tok
            if self.pdf.get_string_width(trial) <= width or not line.strip():
                line = trial
                continue
            lines.append(line.rstrip())
            line = tok.lstrip()
        if line.strip():
            lines.append(line.rstrip())
        return lines or [""]

    def _fit_tokens(self, text: str, width: float) -> list[str]:
        """Words, a word wider than ``width`` cut between character clusters."""
        out: list[str] = []
        for tok in _tokens(text):
            if self.pdf.get_string_width(tok) <= width:
                out.append(tok)
                continue
            piece = ""
            for cluster in _clusters(tok):
                if piece and self.pdf.get_string_width(piece + cluster) > width:
                    out.append(piece)
                    piece = ""
                piece += cluster
            out.append(piece)
        return out

    def para(
        self,
        text: str,
        indent: float = 0.0,
        bold: bool = False,
        align: str = "L",
        hanging: str = "",
        size: float | None = None,
        keep: int = 1,
    ) -> None:
        """A wrapped paragraph; ``hanging`` (a marker like "1.") sits left of the first line."""
        mark_w = 0.0
        if hanging:
            self._set(bold)
            mark_w = self.pdf.get_string_width(hanging + " ") + 2
        lines = self.wrap(text, self.width - indent - mark_w, bold)
        self.ensure(self.line_h * min(len(lines), keep))
        for n, line in enumerate(lines):
            self.ensure(self.line_h)
            self._set(bold, size=size)
            if hanging and n == 0:
                self.pdf.set_xy(MARGIN + indent, self.y)
                self.pdf.cell(mark_w, self.line_h, hanging)
            self.pdf.set_xy(MARGIN + indent + mark_w, self.y)
            self.pdf.cell(self.width - indent - mark_w, self.line_h, line, align=align)
            self.pages[-1].append((hanging + " " if hanging and n == 0 else "") + line)
            self.y += self.line_h

    def bullet_heading(self, text: str) -> None:
        """``■ เหตุผลของคะแนน`` — the square from a symbol font, the words bold."""
        self.ensure(self.line_h * 2)
        self.pdf.set_font("DejaVu", "", self.size * 0.7)
        self.pdf.set_xy(MARGIN, self.y)
        self.pdf.cell(14, self.line_h, "■")
        self._set(bold=True)
        self.pdf.set_xy(MARGIN + 16, self.y)
        self.pdf.cell(self.width - 16, self.line_h, text)
        self.pages[-1].append("■ " + text)
        self.y += self.line_h

    def gap(self, points: float) -> None:
        self.y += points

    def scrawl(self, x: float, y: float, width: float) -> None:
        """A signature: a few random strokes, drawn as paths (no text)."""
        pdf = self.pdf
        pdf.set_line_width(0.9)
        pts = [(x + width * i / 12, y + self.rng.uniform(-7, 7)) for i in range(13)]
        pdf.polyline(pts)
        pdf.set_line_width(0.5)

    def text_at(self, x: float, text: str, italic: bool = False, bold: bool = False) -> None:
        """One line at ``x`` on the current line, no wrapping."""
        self._set(bold=bold, italic=italic)
        self.pdf.set_xy(x, self.y)
        self.pdf.cell(float(self.pdf.w) - MARGIN - x, self.line_h, text)
        self.pages[-1].append(text)

    # -- tables ------------------------------------------------------------------------
    def _row_layout(self, widths: list[float], row: list[Cell]) -> list[tuple[float, float, Cell]]:
        out, col, x = [], 0, MARGIN
        for cell in row:
            w = sum(widths[col : col + cell.span])
            out.append((x, w, cell))
            x += w
            col += cell.span
        return out

    def _row_height(self, widths: list[float], row: list[Cell]) -> float:
        lines = 1
        for _, w, cell in self._row_layout(widths, row):
            if not cell.cont:
                lines = max(lines, len(self.wrap(cell.text, w - 2 * PAD, cell.bold)))
        return lines * self.line_h + 2 * PAD

    def _draw_row(
        self, widths: list[float], row: list[Cell], height: float, nxt: list[Cell] | None
    ) -> None:
        pdf = self.pdf
        pdf.set_line_width(0.5)
        below = self._row_layout(widths, nxt) if nxt else []
        for x, w, cell in self._row_layout(widths, row):
            y0, y1 = self.y, self.y + height
            pdf.line(x, y0, x, y1)
            pdf.line(x + w, y0, x + w, y1)
            if not cell.cont:
                pdf.line(x, y0, x + w, y0)
            continued = any(bx == x and bc.cont for bx, _, bc in below)
            if not continued:
                pdf.line(x, y1, x + w, y1)
            if cell.cont or not cell.text:
                continue
            for n, line in enumerate(self.wrap(cell.text, w - 2 * PAD, cell.bold)):
                self._set(cell.bold)
                pdf.set_xy(x + PAD, y0 + PAD + n * self.line_h)
                pdf.cell(w - 2 * PAD, self.line_h, line, align=cell.align)

    def table(
        self, widths: list[float], rows: list[list[Cell]], header: list[list[Cell]] | None = None
    ) -> None:
        """Rows in order, breaking pages between rows and repeating ``header`` on each page.

        A spanned cell broken by a page repeats its text on the new page.
        """
        header = header or []
        heights = [self._row_height(widths, r) for r in rows]
        self._stretch_spans(widths, rows, heights)
        head_h = [self._row_height(widths, r) for r in header]

        def draw_header() -> None:
            for k, r in enumerate(header):
                self._draw_row(widths, r, head_h[k], header[k + 1] if k + 1 < len(header) else None)
                self.y += head_h[k]
                self.pages[-1].append("\t".join(c.text for c in r if c.text))

        self.ensure(sum(head_h) + (heights[0] if heights else 0))
        draw_header()
        spans: dict[float, str] = {}
        for i, row in enumerate(rows):
            if self.y + heights[i] > self.bottom:
                self.new_page(self.orientation)
                draw_header()
                row = [Cell(spans.get(x, ""), c.span, c.align, c.bold) if c.cont else c
                       for x, _, c in self._row_layout(widths, row)]  # fmt: skip
            for x, _, c in self._row_layout(widths, row):
                if not c.cont:
                    spans[x] = c.text
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            if nxt is not None and self.y + heights[i] + heights[i + 1] > self.bottom:
                nxt = None  # the next row starts a page: close the merged cells here
            self._draw_row(widths, row, heights[i], nxt)
            self.pages[-1].append("\t".join(c.text for c in row if c.text and not c.cont))
            self.y += heights[i]

    def _stretch_spans(
        self, widths: list[float], rows: list[list[Cell]], heights: list[float]
    ) -> None:
        """Make a merged cell's rows tall enough for its text."""
        for i, row in enumerate(rows):
            for x, w, cell in self._row_layout(widths, row):
                if cell.cont or not cell.text:
                    continue
                end = i
                while end + 1 < len(rows) and any(
                    bx == x and bc.cont for bx, _, bc in self._row_layout(widths, rows[end + 1])
                ):
                    end += 1
                if end == i:
                    continue
                need = len(self.wrap(cell.text, w - 2 * PAD, cell.bold)) * self.line_h + 2 * PAD
                have = sum(heights[i : end + 1])
                if need > have:
                    heights[end] += need - have
