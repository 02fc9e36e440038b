"""Ruled tables from drawn lines: rules snapped and joined, their crossings, cells, grids.

Pure functions over boxes in PDF points (top-left origin), shared by the text-layer reader
and the OCR reader: neither pdfplumber nor images are known here. Table finding is a chain
of small steps, as in pdfplumber's ``table.py``::

    rules_from_boxes → snap_rules → merge_rules → close_open_ends → intersections
    → cells_from_intersections → group_cells → TableGrid

>>> grids = find_tables([(0, 0, 100, 0), (0, 20, 100, 20)], [(0, 0, 0, 20), (50, 0, 50, 20), (100, 0, 100, 20)])
>>> [(c.row, c.col) for c in grids[0].cells]
[(0, 0), (0, 1)]
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from thaieval.schemas.page import Box

__all__ = [
    "GridCell",
    "Point",
    "Segment",
    "TableGrid",
    "cells_from_intersections",
    "close_open_ends",
    "find_tables",
    "group_cells",
    "intersections",
    "merge_rules",
    "rules_from_boxes",
    "snap_rules",
]

Segment = tuple[float, float, float, float]  # x0, top, x1, bottom in points
Point = tuple[float, float]

MIN_TABLE_CELLS = 2  # a lone framed box (a page border, a boxed title) is not a table


@dataclass(frozen=True)
class GridCell:
    """One cell of a ruled table; a merged cell has ``rowspan``/``colspan`` above 1."""

    row: int
    col: int
    rowspan: int
    colspan: int
    box: Box


@dataclass
class TableGrid:
    """A ruled table: its column and row boundaries and the cells between them."""

    xs: list[float]  # column boundaries, left to right (n_cols + 1 values)
    ys: list[float]  # row boundaries, top to bottom (n_rows + 1 values)
    cells: list[GridCell] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @property
    def box(self) -> Box:
        return Box(x0=self.xs[0], top=self.ys[0], x1=self.xs[-1], bottom=self.ys[-1])


# Points: a drawn box thinner than this is a rule; rules and crossings this close are one.
# Both set by hand in the skeleton (f62841c), no sweep recorded.
MAX_RULE_THICKNESS = 3.0
SNAP = 3.0


def rules_from_boxes(
    boxes: Iterable[Segment], *, max_thickness: float = MAX_RULE_THICKNESS
) -> tuple[list[Segment], list[Segment]]:
    """Split drawn lines and rectangles into horizontal and vertical rules.

    A thin box is one rule along its middle; a larger rectangle gives its four edges.

    >>> rules_from_boxes([(10, 5, 90, 5.5), (10, 5, 10.6, 40)])
    ([(10, 5.25, 90, 5.25)], [(10.3, 5, 10.3, 40)])
    """
    h_rules: list[Segment] = []
    v_rules: list[Segment] = []
    for x0, top, x1, bottom in boxes:
        width, height = x1 - x0, bottom - top
        if height <= max_thickness and width > max_thickness:
            y = (top + bottom) / 2
            h_rules.append((x0, y, x1, y))
        elif width <= max_thickness and height > max_thickness:
            x = (x0 + x1) / 2
            v_rules.append((x, top, x, bottom))
        elif width > max_thickness and height > max_thickness:
            h_rules += [(x0, top, x1, top), (x0, bottom, x1, bottom)]
            v_rules += [(x0, top, x0, bottom), (x1, top, x1, bottom)]
    return h_rules, v_rules


def _clusters(values: Sequence[float], tolerance: float) -> list[list[int]]:
    """Indexes of ``values`` grouped where sorted neighbours are within ``tolerance``."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    groups: list[list[int]] = []
    for i in order:
        if groups and values[i] - values[groups[-1][-1]] <= tolerance:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def snap_rules(
    h_rules: list[Segment], v_rules: list[Segment], snap: float
) -> tuple[list[Segment], list[Segment]]:
    """Move rules that are within ``snap`` points of each other onto their mean position.

    >>> snap_rules([(0, 10, 5, 10), (6, 11, 9, 11)], [], 3.0)[0]
    [(0, 10.5, 5, 10.5), (6, 10.5, 9, 10.5)]
    """
    h_out = list(h_rules)
    for group in _clusters([r[1] for r in h_rules], snap):
        y = statistics.fmean(h_rules[i][1] for i in group)
        for i in group:
            h_out[i] = (h_rules[i][0], y, h_rules[i][2], y)
    v_out = list(v_rules)
    for group in _clusters([r[0] for r in v_rules], snap):
        x = statistics.fmean(v_rules[i][0] for i in group)
        for i in group:
            v_out[i] = (x, v_rules[i][1], x, v_rules[i][3])
    return h_out, v_out


def _merge_collinear(
    spans: list[tuple[float, float, float]], join: float
) -> list[tuple[float, float, float]]:
    """(position, start, end) spans on one axis, overlapping or near ones joined."""
    merged: list[tuple[float, float, float]] = []
    for pos, start, end in sorted(spans):
        if merged and merged[-1][0] == pos and start <= merged[-1][2] + join:
            last = merged[-1]
            merged[-1] = (pos, last[1], max(last[2], end))
        else:
            merged.append((pos, start, end))
    return merged


def merge_rules(
    h_rules: list[Segment], v_rules: list[Segment], join: float
) -> tuple[list[Segment], list[Segment]]:
    """Join snapped collinear rules that overlap or leave a gap of at most ``join`` points.

    >>> merge_rules([(0, 5, 10, 5), (11, 5, 20, 5)], [], 3.0)[0]
    [(0, 5, 20, 5)]
    """
    h = _merge_collinear([(r[1], r[0], r[2]) for r in h_rules], join)
    v = _merge_collinear([(r[0], r[1], r[3]) for r in v_rules], join)
    return [(x0, y, x1, y) for y, x0, x1 in h], [(x, top, x, bottom) for x, top, bottom in v]


def close_open_ends(h_rules: list[Segment], v_rules: list[Segment], snap: float) -> list[Segment]:
    """Horizontal rules added where several vertical rules end together with no rule there.

    A table cut by a page break often has no bottom rule on the first page and no top rule
    on the next; its columns still end on one line, which closes the last row.

    >>> close_open_ends([(0, 0, 100, 0)], [(0, 0, 0, 30), (100, 0, 100, 30)], 3.0)
    [(0, 0, 100, 0), (0, 30.0, 100, 30.0)]
    """
    added: list[Segment] = []
    for index in (1, 3):  # tops, then bottoms
        ends = [r[index] for r in v_rules]
        for group in _clusters(ends, snap):
            if len(group) < 2:
                continue
            y = statistics.fmean(ends[i] for i in group)
            x0 = min(v_rules[i][0] for i in group)
            x1 = max(v_rules[i][0] for i in group)
            covered = any(
                abs(h[1] - y) <= snap and h[0] <= x0 + snap and h[2] >= x1 - snap
                for h in h_rules + added
            )
            if not covered:
                added.append((x0, y, x1, y))
    return h_rules + added


def intersections(h_rules: list[Segment], v_rules: list[Segment], tolerance: float) -> list[Point]:
    """Points where a horizontal and a vertical rule cross or touch.

    >>> intersections([(0, 5, 10, 5)], [(10, 0, 10, 9)], 1.0)
    [(10, 5)]
    """
    points: set[Point] = set()
    for v in v_rules:
        for h in h_rules:
            if (
                h[0] - tolerance <= v[0] <= h[2] + tolerance
                and v[1] - tolerance <= h[1] <= v[3] + tolerance
            ):
                points.add((v[0], h[1]))
    return sorted(points)


def _covered(spans: list[tuple[float, float]], start: float, end: float, tolerance: float) -> bool:
    return any(s - tolerance <= start and end <= e + tolerance for s, e in spans)


def cells_from_intersections(
    points: list[Point], h_rules: list[Segment], v_rules: list[Segment], tolerance: float
) -> list[Box]:
    """Smallest rectangles whose four corners are crossings joined by rules on all sides.

    A merged cell has no crossing inside it, so it comes out as one larger rectangle.
    """
    h_by_y: dict[float, list[tuple[float, float]]] = {}
    for x0, y, x1, _ in h_rules:
        h_by_y.setdefault(y, []).append((x0, x1))
    v_by_x: dict[float, list[tuple[float, float]]] = {}
    for x, top, _, bottom in v_rules:
        v_by_x.setdefault(x, []).append((top, bottom))
    point_set = set(points)

    def h_joined(y: float, xa: float, xb: float) -> bool:
        return _covered(h_by_y.get(y, []), xa, xb, tolerance)

    def v_joined(x: float, ya: float, yb: float) -> bool:
        return _covered(v_by_x.get(x, []), ya, yb, tolerance)

    cells: list[Box] = []
    for x, y in points:
        below = sorted(p[1] for p in points if p[0] == x and p[1] > y)
        right = sorted(p[0] for p in points if p[1] == y and p[0] > x)
        found = False
        for yb in below:
            if not v_joined(x, y, yb):
                break
            for xr in right:
                if not h_joined(y, x, xr):
                    break
                if (xr, yb) in point_set and v_joined(xr, y, yb) and h_joined(yb, x, xr):
                    cells.append(Box(x0=x, top=y, x1=xr, bottom=yb))
                    found = True
                    break
            if found:
                break
    return cells


def group_cells(cells: list[Box], tolerance: float) -> list[list[Box]]:
    """Cells grouped into tables: cells that share a corner belong to the same table."""
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Point, int] = {}
    for i, c in enumerate(cells):
        for corner in ((c.x0, c.top), (c.x1, c.top), (c.x0, c.bottom), (c.x1, c.bottom)):
            key = (round(corner[0] / tolerance), round(corner[1] / tolerance))
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    groups: dict[int, list[Box]] = {}
    for i, c in enumerate(cells):
        groups.setdefault(find(i), []).append(c)
    return sorted(groups.values(), key=lambda g: (min(c.top for c in g), min(c.x0 for c in g)))


def _grid(cells: list[Box], tolerance: float) -> TableGrid:
    """Row/column boundaries of a group of cells and each cell's place and span."""

    def bounds(values: Iterable[float]) -> list[float]:
        out: list[float] = []
        for v in sorted(values):
            if not out or v - out[-1] > tolerance:
                out.append(v)
        return out

    xs = bounds([c.x0 for c in cells] + [c.x1 for c in cells])
    ys = bounds([c.top for c in cells] + [c.bottom for c in cells])

    def index(edges: list[float], v: float) -> int:
        i = bisect.bisect_left(edges, v - tolerance)
        return min(i, len(edges) - 1)

    grid_cells = []
    for c in cells:
        col, col_end = index(xs, c.x0), index(xs, c.x1)
        row, row_end = index(ys, c.top), index(ys, c.bottom)
        grid_cells.append(
            GridCell(
                row=row,
                col=col,
                rowspan=max(1, row_end - row),
                colspan=max(1, col_end - col),
                box=c,
            )
        )
    grid_cells.sort(key=lambda g: (g.row, g.col))
    return TableGrid(xs=xs, ys=ys, cells=grid_cells)


def find_tables(
    h_rules: list[Segment], v_rules: list[Segment], *, snap: float = SNAP
) -> list[TableGrid]:
    """Ruled tables from horizontal and vertical rules, top to bottom.

    Rules are ``(x0, top, x1, bottom)``; a horizontal rule has ``top == bottom`` (use
    :func:`rules_from_boxes` for drawn rectangles). Merged cells come out with a span.

    >>> h = [(0, 0, 90, 0), (0, 10, 90, 10), (0, 20, 90, 20)]
    >>> v = [(0, 0, 0, 20), (30, 10, 30, 20), (90, 0, 90, 20)]
    >>> [(c.row, c.col, c.rowspan, c.colspan) for c in find_tables(h, v)[0].cells]
    [(0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1)]
    """
    h_snapped, v_snapped = snap_rules(h_rules, v_rules, snap)
    h_merged, v_merged = merge_rules(h_snapped, v_snapped, snap)
    h_closed = close_open_ends(h_merged, v_merged, snap)
    h_final, v_final = merge_rules(*snap_rules(h_closed, v_merged, snap), snap)
    points = intersections(h_final, v_final, snap)
    cells = cells_from_intersections(points, h_final, v_final, snap)
    groups = [g for g in group_cells(cells, snap) if len(g) >= MIN_TABLE_CELLS]
    return [_grid(g, snap) for g in groups]
