"""Text lines and table rows rebuilt from boxed words and the page's ruled tables.

Pure functions over boxes in PDF points (top-left origin), shared by the text-layer reader
and the OCR reader. Words are grouped into lines (:func:`lines_from_words`), a line into cells
at its wide gaps (:func:`line_cells`), and :func:`page_rows` puts words into the cells of the
grids :func:`thaieval.parsers.table_grid.find_tables` found, giving the rows of
:mod:`thaieval.schemas.page`.

>>> words_text([Word(text="๘๐", box=Box(x0=40, top=0, x1=52, bottom=10)),
...             Word(text="๗๕", box=Box(x0=0, top=0, x1=12, bottom=10))])
'๗๕ ๘๐'
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence

from thaieval.parsers.table_grid import GridCell, Point, TableGrid
from thaieval.parsers.wrap_fit import boundary, join_wrapped
from thaieval.schemas.page import Box, Cell, Row, Word, union_boxes

__all__ = [
    "is_thai_char",
    "join_cell_lines",
    "join_lines",
    "line_cells",
    "lines_from_words",
    "median_band",
    "page_rows",
    "words_text",
]


def is_thai_char(ch: str) -> bool:
    """True for a character of the Thai block: ``is_thai_char("ก") is True``."""
    return "\u0e00" <= ch <= "\u0e7f"


def join_lines(lines: list[str]) -> str:
    """Lines of one cell as one text: joined by a space, but not between two Thai letters.

    Thai writes no space between words, so a wrapped Thai line continues the phrase whether
    the break fell inside a word or between two (measured on fpdf2 tables: ค่าคะแนน|ถ่วงน้ำหนัก
    and ประชา|สัมพันธ์ both had no space in the source).

    >>> join_lines(["ระดับความสำเร็จในการประชา", "สัมพันธ์", "(98.77)"])
    'ระดับความสำเร็จในการประชาสัมพันธ์ (98.77)'
    """
    out = ""
    for line in lines:
        out = join_wrapped(out, line)
    return out


def join_cell_lines(lines: list[list[Word]], cell: Box) -> str:
    """The lines of one table cell as one text, a space put back where the break swallowed one.

    The breaker filled the cell to its right edge less the padding, taken to be the same on
    both sides as on the left (:func:`thaieval.parsers.wrap_fit.boundary`).
    """
    texts = [" ".join(w.text for w in line) for line in lines]
    boxes = [union_boxes([w.box for w in line]) for line in lines]
    starts = [b.x0 for b in boxes if b is not None]
    limit = cell.x1 - max(0.0, min(starts) - cell.x0) if starts else cell.x1
    out = texts[0] if texts else ""
    for above, line, text in zip(boxes, lines[1:], texts[1:], strict=False):
        spaced = above is not None and boundary(above.x1, line, limit) == "space"
        out = join_wrapped(out, text, spaced=spaced)
    return out


def words_text(words: list[Word]) -> str:
    """The text of boxed ``words``, line by line (:func:`lines_from_words`), the lines
    joined by :func:`join_lines`.

    >>> words_text([Word(text="๘๐", box=Box(x0=40, top=0, x1=52, bottom=10)),
    ...             Word(text="๗๕", box=Box(x0=0, top=0, x1=12, bottom=10))])
    '๗๕ ๘๐'
    """
    return join_lines([" ".join(w.text for w in line) for line in lines_from_words(words)])


def median_band(boxes: Sequence[Box]) -> tuple[float, float]:
    """A line's top and bottom from its words' boxes: their medians, which one box reaching
    into the next line (a mark or a misread word taken into it) does not move.

    >>> median_band([Box(x0=0, top=0, x1=9, bottom=10), Box(x0=10, top=1, x1=19, bottom=11),
    ...              Box(x0=20, top=0, x1=29, bottom=30)])
    (0.0, 11.0)
    """
    return statistics.median(b.top for b in boxes), statistics.median(b.bottom for b in boxes)


def _box(word: Word) -> Box:
    if word.box is None:
        raise ValueError(f"word {word.text!r} has no box")
    return word.box


# A word joins one of the last _LINES_SEARCHED lines when it overlaps it vertically by
# _LINE_OVERLAP of the lower of the two heights; heights are floored at _MIN_WORD_HEIGHT points
# (a zero-height box). Set by hand in the skeleton (f62841c), no sweep recorded.
_LINES_SEARCHED = 3
_LINE_OVERLAP = 0.5
_MIN_WORD_HEIGHT = 0.1


def lines_from_words(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines (vertical overlap of at least half the smaller height), each
    sorted left to right; lines top to bottom.

    >>> w = [Word(text="b", box=Box(x0=20, top=0, x1=30, bottom=10)), Word(text="a", box=Box(x0=0, top=1, x1=10, bottom=11))]
    >>> [[x.text for x in line] for line in lines_from_words(w)]
    [['a', 'b']]
    """
    lines: list[tuple[float, float, list[Word]]] = []  # top, bottom, words
    for word in sorted(words, key=lambda w: (_box(w).top, _box(w).x0)):
        box = _box(word)
        height = max(box.bottom - box.top, _MIN_WORD_HEIGHT)
        for i in range(len(lines) - 1, max(-1, len(lines) - 1 - _LINES_SEARCHED), -1):
            top, bottom, members = lines[i]
            overlap = min(bottom, box.bottom) - max(top, box.top)
            if overlap >= _LINE_OVERLAP * min(height, bottom - top):
                lines[i] = (min(top, box.top), max(bottom, box.bottom), [*members, word])
                break
        else:
            lines.append((box.top, box.bottom, [word]))
    ordered = [m for _, _, m in sorted(lines, key=lambda t: t[0])]
    return [sorted(part, key=lambda w: _box(w).x0) for m in ordered for part in _unstacked(m)]


# _STACKED_OVERLAP, _LINE_GAP and _LONG_WORD: set by hand in 79fa171, _WORD_LETTERS in d5d7f62;
# no sweep recorded.
# Words of one line never overlap horizontally by more than this share of the narrower one.
_STACKED_OVERLAP = 0.3
# Two lines are told apart when the gap between their words' centres is this share of a word.
_LINE_GAP = 0.4
_LONG_WORD = 2.0
_WORD_LETTERS = 3


_THAI_LETTER = frozenset(chr(c) for c in range(0x0E01, 0x0E2F))


def _long(word: Word, height: float) -> bool:
    """A word of text, not a speck, a bullet or a list number: at least two heights wide,
    or three Thai letters (a short word of a wrapped line, ทันสมัย)."""
    box = _box(word)
    letters = sum(ch in _THAI_LETTER for ch in word.text)
    return box.x1 - box.x0 >= _LONG_WORD * height or letters >= _WORD_LETTERS


def _stacked(words: list[Word], height: float) -> bool:
    """Do two long words of ``words`` stand one above the other (overlap horizontally)?"""
    boxes = sorted((_box(w) for w in words if _long(w, height)), key=lambda b: b.x0)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if b.x0 >= a.x1:
                break
            narrower = min(a.x1 - a.x0, b.x1 - b.x0)
            if narrower > 0 and min(a.x1, b.x1) - b.x0 > _STACKED_OVERLAP * narrower:
                return True
    return False


def _unstacked(words: list[Word]) -> list[list[Word]]:
    """A line that holds two stacked lines, split between them, top first.

    One tall word (a box stretched by a mark of the line below) can chain two tight lines
    into one; its words then overlap horizontally, which words of one line never do. The
    split falls at the widest gap between the words' vertical centres, when it is wide.

    >>> def w(t, x0, x1, top): return Word(text=t, box=Box(x0=x0, top=top, x1=x1, bottom=top + 16))
    >>> line = [w("ชื่อ", 50, 180, 84), w("องค์", 52, 118, 97), w("สำนัก", 200, 300, 85)]
    >>> [[x.text for x in part] for part in _unstacked(line)]
    [['ชื่อ', 'สำนัก'], ['องค์']]
    >>> line = [w("ว", 50, 60, 90), w("ควรสรุปบทเรียน", 55, 180, 84)]  # a bullet is no line
    >>> [[x.text for x in part] for part in _unstacked(line)]
    [['ว', 'ควรสรุปบทเรียน']]
    """
    if len(words) < 2:
        return [words]
    height = statistics.median(_box(w).bottom - _box(w).top for w in words)
    if not _stacked(words, height):
        return [words]
    centres = sorted(words, key=lambda w: (_box(w).top + _box(w).bottom) / 2)
    mids = [(_box(w).top + _box(w).bottom) / 2 for w in centres]
    gap, at = max((b - a, i + 1) for i, (a, b) in enumerate(itertools.pairwise(mids)))
    upper, lower = centres[:at], centres[at:]
    if gap < _LINE_GAP * height or not all(
        any(_long(w, height) for w in part) for part in (upper, lower)
    ):
        return [words]
    return [*_unstacked(upper), *_unstacked(lower)]


def line_cells(line: list[Word], gap: float) -> list[Cell]:
    """One line of free text as cells, split where words are more than ``gap`` points apart."""
    groups: list[list[Word]] = []
    for word in line:
        if groups and _box(word).x0 - _box(groups[-1][-1]).x1 <= gap:
            groups[-1].append(word)
        else:
            groups.append([word])
    return [
        Cell(text=" ".join(w.text for w in g), box=union_boxes([w.box for w in g]), words=list(g))
        for g in groups
    ]


def _center(box: Box) -> Point:
    return ((box.x0 + box.x1) / 2, (box.top + box.bottom) / 2)


def _cell_of(grid: TableGrid, point: Point) -> GridCell | None:
    x, y = point
    for cell in grid.cells:
        if cell.box.x0 <= x <= cell.box.x1 and cell.box.top <= y <= cell.box.bottom:
            return cell
    return None


def _table_rows(
    page_no: int, index: int, grid: TableGrid, words: list[Word]
) -> list[tuple[float, Row]]:
    """One row per grid row holding text: a cell per column, a merged cell's text on its first
    row and column, empty cells where it spans."""
    by_cell: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        found = _cell_of(grid, _center(_box(word)))
        if found is not None:
            by_cell.setdefault((found.row, found.col), []).append(word)
    rows: list[tuple[float, Row]] = []
    for r in range(grid.n_rows):
        cells = [Cell(text="", col=c) for c in range(grid.n_cols)]
        for gc in grid.cells:
            if gc.row != r:
                continue
            members = by_cell.get((gc.row, gc.col), [])
            lines = lines_from_words(members)
            text = join_cell_lines(lines, gc.box)
            ordered = [w for line in lines for w in line]
            cells[gc.col] = Cell(
                text=text, box=union_boxes([w.box for w in ordered]), words=ordered, col=gc.col
            )
        if any(c.text for c in cells):
            rows.append((grid.ys[r], Row(page=page_no, cells=cells, table=index)))
    return rows


# A free-text line splits into cells at a gap of this many median word heights, or of
# _DEFAULT_CELL_GAP points when there are no words. Set by hand in f62841c, no sweep recorded.
_CELL_GAP_HEIGHTS = 1.5
_DEFAULT_CELL_GAP = 15.0


def page_rows(
    page_no: int, words: list[Word], tables: list[TableGrid], *, gap: float | None = None
) -> list[Row]:
    """Rows of a page in reading order: table rows from the words inside each grid, free-text
    lines from the rest, merged by their top.

    ``gap`` is the horizontal distance in points that splits a free-text line into cells
    (tab stops, columns); by default 1.5 times the median word height.

    >>> w = [Word(text="หัวเรื่อง", box=Box(x0=0, top=0, x1=40, bottom=10))]
    >>> [r.text for r in page_rows(1, w, [])]
    ['หัวเรื่อง']
    """
    if gap is None:
        heights = [_box(w).bottom - _box(w).top for w in words]
        gap = _CELL_GAP_HEIGHTS * statistics.median(heights) if heights else _DEFAULT_CELL_GAP
    placed: list[tuple[float, int, Row]] = []
    free: list[Word] = []
    in_table: list[list[Word]] = [[] for _ in tables]
    for word in words:
        point = _center(_box(word))
        for i, grid in enumerate(tables):
            if _cell_of(grid, point) is not None:
                in_table[i].append(word)
                break
        else:
            free.append(word)
    for i, grid in enumerate(tables):
        placed += [(top, 1, row) for top, row in _table_rows(page_no, i, grid, in_table[i])]
    for line in lines_from_words(free):
        top = min(_box(w).top for w in line)
        placed.append((top, 0, Row(page=page_no, cells=line_cells(line, gap))))
    placed.sort(key=lambda t: (t[0], t[1]))
    return [row for _, _, row in placed]
