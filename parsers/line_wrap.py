"""Join free-text lines that a layout wrapped: a title or a finding printed over two lines.

A line continues the one above it when the one above runs to the text's right edge, the gap
between them is no more than a line's spacing, and the lower line starts no new item (a ■
heading, a dash, a number, a name in brackets, a label of the forms).

>>> from thaieval.schemas.page import Box, Cell, Row
>>> a = Row(page=1, cells=[Cell(text="ของหน่วยงาน ประจำปีงบประมาณ (ระยะสิ้น", box=Box(x0=50, top=100, x1=545, bottom=112))])
>>> b = Row(page=1, cells=[Cell(text="ปีงบประมาณ)", box=Box(x0=50, top=114, x1=120, bottom=126))])
>>> [r.text for r in merge_wrapped_rows([a, b])]
['ของหน่วยงาน ประจำปีงบประมาณ (ระยะสิ้นปีงบประมาณ)']
"""

from __future__ import annotations

import re

from thaieval.parsers.layout import median_band
from thaieval.parsers.vocabulary import BASE_TAGS, LABELS, best_label
from thaieval.parsers.wrap_fit import Boundary, boundary, join_wrapped
from thaieval.schemas.page import Cell, Row, Word

__all__ = ["ends_title", "merge_wrapped_rows", "text_right_edge", "wrap_kind"]

_ITEM_START = re.compile(r"^\s*(?:[■□▪●•◆*\-–]|\d{1,2}\s*[.)]\s|\d\.\d)")
# Lines of the signatory block stand alone: the office under ตำแหน่ง is not its wrap.
_BLOCK_KEYS = ("sign", "position", "date", "signatory_heading")
_TITLE_KEYS = ("title_component", "title_overall")
# A title ends with its base tag; OCR may garble the tag's first word (51ห์0เลก01 Base), so
# only its last word, "Base)" or "KPIs)", is looked for.
_TAG_ENDS = sorted({tag.split()[-1].rstrip(")") for tag in BASE_TAGS})  # Base, KPIs
_ENDS_TITLE = re.compile(rf"(?:{'|'.join(map(re.escape, _TAG_ENDS))})\s*\)\s*$")
_HEADS_LINE = ("component", "unit")  # labels no sentence wraps onto

# Label score for a line that starts a label (no wrap onto it), and for a signatory block's line.
# Set by hand in e732ef3 / 27d79a9, no sweep recorded.
_LABEL_LINE_SCORE = 88
# A label followed by this many characters at most (no colon) is a label line, not a sentence.
# Set by hand in 7361ff4, no sweep recorded.
_LABEL_REST_MAX = 25
# A line's band is its words' median when it has at least this many word boxes. Set by hand in
# 0446c66, no sweep recorded.
_MIN_BAND_BOXES = 3
# Vertical gap between two lines a wrap allows, in line heights (overlap up, space down), and
# how far (points) a continuation may start left of the line above. Set by hand in e732ef3, no
# sweep recorded.
_WRAP_MIN_GAP = -0.3
_WRAP_MAX_GAP = 0.9
_WRAP_LEFT_SLACK = 6
# Points past the mirrored left margin a line end may reach and still be the text's edge. Set
# by hand in 7361ff4, no sweep recorded.
_EDGE_SLACK = 3
# Label score that opens or closes a signatory block. Set by hand in f93fa52, no sweep recorded.
_BLOCK_LABEL_SCORE = 85
_LABEL_KEYS = tuple(k for k in LABELS if not k.startswith(("col_", "period_", "none", "total")))


def ends_title(text: str) -> bool:
    """Does ``text`` end with a title's base tag (``… (Innovation Base)``)? Nothing wraps on.

    >>> ends_title("นวัตกรรม (Innovation Base)"), ends_title("ความสำเร็จในการพัฒนา")
    (True, False)
    """
    return _ENDS_TITLE.search(text) is not None


def _starts_item(text: str) -> bool:
    """A marker, or a form label that heads a line of its own: alone, short, or followed by a
    colon, a bracket or a number (``ของหน่วยงานและหรือส่วนราชการ …`` in a sentence is not one)."""
    if _ITEM_START.match(text):
        return True
    found = best_label(text, _LABEL_KEYS, threshold=_LABEL_LINE_SCORE)
    if not found.matched:
        return False
    if found.key in _HEADS_LINE:
        return True  # องค์ประกอบที่ Ie …: its number garbled, still the component line
    rest = found.rest.lstrip()
    if rest[:1] == "(" and ends_title(rest):
        return False  # ``ของหน่วยงาน (Innovation Base)``: a title's last words, not a label
    label = text[: len(text) - len(found.rest)]  # the match may take the colon with it
    colon = any(c in label for c in ":：") or rest[:1] in ":："
    return colon or len(rest) <= _LABEL_REST_MAX or rest[:1] == "(" or rest[:1].isdigit()


def _band(row: Row) -> tuple[float, float]:
    """A line's top and bottom: the median of its words' (an OCR word box that reaches into
    the next line, a mark read as part of it, makes the row's own box two lines tall)."""
    boxes = [w.box for c in row.filled() for w in c.words if w.box is not None]
    if len(boxes) < _MIN_BAND_BOXES:
        assert row.box is not None
        return row.box.top, row.box.bottom
    return median_band(boxes)


def wrap_kind(above: Row, row: Row, right_edge: float) -> Boundary | None:
    """How ``row`` continues the line ``above`` it: "space" or "wrap" (see
    :func:`thaieval.parsers.wrap_fit.boundary`), None when it starts a line of its own."""
    a, b = above.box, row.box
    if a is None or b is None or above.table is not None or row.table is not None:
        return None
    if len(above.filled()) != 1 or len(row.filled()) != 1 or above.page != row.page:
        return None
    (a_top, a_bottom), (b_top, _) = _band(above), _band(row)
    height = max(a_bottom - a_top, 1.0)
    gap = b_top - a_bottom
    if gap < _WRAP_MIN_GAP * height or gap > _WRAP_MAX_GAP * height:
        return None
    if (
        b.x0 < a.x0 - _WRAP_LEFT_SLACK
        or best_label(above.text, _BLOCK_KEYS, threshold=_LABEL_LINE_SCORE).matched
    ):
        return None
    if above.text.lstrip().startswith("(") or _starts_item(row.text):
        return None
    if ends_title(above.text):
        return None  # a (… Base) tag closes its title: the next line is the next header
    cell = row.filled()[0]
    words = cell.words or [Word(text=cell.text, box=cell.box)]
    kind = boundary(a.x1, words, right_edge)
    return None if kind == "fits" else kind


def text_right_edge(rows: list[Row], page_width: float | None = None) -> float | None:
    """The right edge free text is filled to: the farthest line end, but not past the mirror of
    the left margin (a signatory line drawn past the margin does not move the edge).

    >>> from thaieval.schemas.page import Box, Cell, Row
    >>> rows = [Row(page=1, cells=[Cell(text="ก", box=Box(x0=50, top=0, x1=x1, bottom=9))]) for x1 in (540, 570)]
    >>> text_right_edge(rows, 595.0), text_right_edge(rows)
    (540.0, 570.0)
    """
    boxes = [r.box for r in rows if r.box is not None]
    if not boxes:
        return None
    edges = [b.x1 for b in boxes]
    if page_width is None:
        return max(edges)
    mirrored = page_width - min(b.x0 for b in boxes)
    inside = [x for x in edges if x <= mirrored + _EDGE_SLACK]
    return max(inside) if inside else max(edges)


def _outside_signatures(rows: list[Row]) -> list[Row]:
    """Rows outside the signatory blocks: their office line may run past the text's right
    margin (measured: 567 pt against 545), which would hide every wrap above it."""
    out: list[Row] = []
    inside = False
    for row in rows:
        if (
            row.table is None
            and best_label(row.text, ("signatory_heading",), _BLOCK_LABEL_SCORE).matched
        ):
            inside = True
        elif row.table is not None or best_label(row.text, _TITLE_KEYS, _BLOCK_LABEL_SCORE).matched:
            inside = False
        if not inside:
            out.append(row)
    return out


def merge_wrapped_rows(rows: list[Row], page_width: float | None = None) -> list[Row]:
    """Rows with wrapped free-text lines joined into one row each."""
    right_edge = text_right_edge(_outside_signatures(rows), page_width)
    if right_edge is None:
        return rows
    out: list[Row] = []
    for row in rows:
        above = out[-1] if out else None
        kind = wrap_kind(above, row, right_edge) if above is not None else None
        if above is not None and kind is not None:
            cell = above.filled()[0]
            merged = Cell(
                text=join_wrapped(cell.text, row.filled()[0].text, spaced=kind == "space"),
                box=cell.box.union(row.box) if cell.box else row.box,
                confidence=min(
                    (c for c in (cell.confidence, row.filled()[0].confidence) if c is not None),
                    default=None,
                ),
                words=cell.words + row.filled()[0].words,
            )
            out[-1] = above.model_copy(update={"cells": [merged]})
        else:
            out.append(row)
    return out
