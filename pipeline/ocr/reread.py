"""A number that breaks a scoring rule is read again from the page before it is accepted.

After verify, every OCR'd number that takes part in an error flag (a weighted score that
does not follow from its level, a total that is not the sum of its rows …) is read again
from a crop of its page under other binarisations, scales and page segmentation modes, and
by the glyph classifier (:func:`thaieval.pipeline.ocr.number_reading.reread_cell`). The new reading replaces the
old only when the readings themselves agree on it
(:func:`thaieval.pipeline.ocr.number_reading.choose_reading`); which value would make the total agree plays
no part. If the page still says the inconsistent value, it is kept and flagged.

Each second reading is data (:class:`~thaieval.schemas.page.Reread`: page, box, before,
after, method, confidence, why): :func:`read_again` makes them, :func:`apply_rereads` alone
changes the pages, and the run exports them as ``rereads.csv``.

>>> rereads = read_again(Path("scan.pdf"), pages, forms, verify_forms(forms), dpi=300)  # doctest: +SKIP
>>> [(r.before, r.after, r.status) for r in rereads], apply_rereads(pages, rereads)  # doctest: +SKIP
([('9.574', '9.514', 'changed')], 1)
"""

from __future__ import annotations

import itertools
from pathlib import Path

from thaieval.pipeline.errors import InputError, one_line
from thaieval.pipeline.ocr.corrections import apply_rereads
from thaieval.pipeline.ocr.glyph_classes import floor_confidence, glyph_readings
from thaieval.pipeline.ocr.number_reading import (
    Reading,
    digit_shape,
    has_thai_digit,
    number_shaped,
    page_as_read,
    reread_number,
    value_key,
    well_formed,
    wide_crop,
)
from thaieval.pipeline.pages.images import DEFAULT_DPI, PageImage, render_page
from thaieval.pipeline.verify.document import LOW_CONFIDENCE, Verification
from thaieval.schemas.forms import ParsedForm
from thaieval.schemas.page import Box, Cell, Page, Reread, RereadStatus, Word
from thaieval.schemas.provenance import Prov

__all__ = [
    "MAX_CELLS",
    "apply_rereads",
    "criteria_broken",
    "read_again",
    "structural_suspects",
    "sure_glyph_reading",
    "suspect_values",
]

MAX_CELLS = 40  # cells read again per document at most (~0.3 s each)
# Of a form's numbers, those read with less confidence are suspects too: the one scale's
# low-confidence bar, which a classifier reading not accepted by the model is under.
DOUBTFUL = LOW_CONFIDENCE
# Flags about the page's structure, not about a number that could have been misread.
_NOT_ARITHMETIC = {
    "required_field_missing",
    "signatory_missing",
    "component_form_missing",
    "overall_row_missing",
    "numbered_list_gap",
}
_NUMERIC_FIELDS = (
    "weight",
    "result_value",
    "score_pct",
    "weighted_score",
    "total_score",
    "total_weight",
    "score",
    "max_score",
)


def suspect_values(forms: list[ParsedForm], verification: Verification) -> list[Prov]:
    """Provenance of the numbers the error flags of ``verification`` involve, surest suspects
    first: the value each flag names; then the numbers of a flagged indicator row; then, for
    a flag on a whole form (a total), its numbers that were read with less confidence."""
    return [prov for prov, _ in _suspects(forms, verification)]


def _suspects(forms: list[ParsedForm], verification: Verification) -> list[tuple[Prov, str]]:
    """:func:`suspect_values`, each with why it is a suspect (the flag's check, and how the
    number takes part in it)."""
    named: list[tuple[Prov, str]] = []
    rows: list[tuple[Prov, str]] = []
    doubtful: list[tuple[Prov, str]] = []
    for fi, note in verification.flags:
        if note.severity != "error" or note.check in _NOT_ARITHMETIC:
            continue
        named.append((note.prov, f"{note.check}: the flagged value"))
        if fi is None:
            continue
        form = forms[fi]
        values = [form.prov[k] for k in ("total_score", "total_weight") if k in form.prov]
        for ind in form.indicators:
            if note.indicator_no in (None, ind.indicator_no):
                values += [ind.prov[k] for k in _NUMERIC_FIELDS if k in ind.prov]
        if note.check.startswith("innovation"):
            values += [i.prov[k] for i in form.score_items for k in _NUMERIC_FIELDS if k in i.prov]
        if note.indicator_no is not None:
            rows += [(v, f"{note.check}: a number of the flagged row") for v in values]
        else:
            doubtful += [
                (v, f"{note.check}: a doubtful number of the flagged form")
                for v in values
                if (v.confidence or 0.0) < DOUBTFUL
            ]
    seen: set[tuple[int | None, Box | None]] = set()
    unique = []
    for prov, reason in named + rows + doubtful:
        key = (prov.page, prov.box)
        if prov.page is not None and prov.box is not None and key not in seen:
            seen.add(key)
            unique.append((prov, reason))
    return unique


def criteria_broken(criteria: list[float]) -> bool:
    """Five thresholds that are not strictly monotonic with one constant step: a criterion
    misread (``60|65|70|15|80``) or, rarely, printed so; either way worth reading again.

    >>> criteria_broken([60, 65, 70, 15, 80]), criteria_broken([10, 8, 6, 4, 2])
    (True, False)
    """
    if len(criteria) != 5:
        return False
    steps = [b - a for a, b in itertools.pairwise(criteria)]
    if any(abs(s) < 1e-9 for s in steps) or len({s > 0 for s in steps}) > 1:
        return True
    return max(abs(s) for s in steps) - min(abs(s) for s in steps) > 1e-6


def structural_suspects(forms: list[ParsedForm]) -> list[Prov]:
    """Provenance of numbers that break a rule of the form's structure, flagged or not: the
    row of criteria that are not strictly monotonic with a constant step."""
    out: list[Prov] = []
    for form in forms:
        for ind in form.indicators:
            prov = ind.prov.get("criteria")
            if prov is not None and criteria_broken(ind.criteria):
                out.append(prov)
    return out


def _row_cells(page: Page, box: Box) -> list[Cell]:
    """The cells of the page row whose box is ``box`` (a value read from a whole row)."""
    for row in page.rows:
        if row.box == box:
            return [c for c in row.cells if c.box is not None]
    return []


def sure_glyph_reading(image: PageImage, box: Box, original: Reading) -> Reading | None:
    """The number at ``box`` read by the glyph classifier over the whole run of ink it belongs
    to, when the reading is of the same ink as ``original`` and the model accepts every glyph:
    its shape (digits and point), or its digits with more at an end that tesseract left out
    (``5`` of ``75``). Thai digits of the same shape are taken less sure too, above the floor
    of a Thai number (:func:`~thaieval.pipeline.ocr.glyph_classes.floor_confidence`), with their
    low confidence (tesseract cannot read ๔–๙: its vote is no better). Else None: the caller
    goes on to the readings' vote."""
    crop, core = wide_crop(image.image, box, image.dpi)
    readings = glyph_readings(crop, core)
    if readings is None:
        return None
    best = readings.best
    text = best.text.strip("()")
    if not well_formed(text) or not well_formed(original[0]):
        return None
    first, found = value_key(original[0]), value_key(text)
    same_shape = digit_shape(text) == digit_shape(original[0])
    extended = len(found) > len(first) and (found.endswith(first) or found.startswith(first))
    thai = has_thai_digit(text) and best.confidence >= floor_confidence()
    if not ((best.sure and (same_shape or extended)) or (thai and same_shape)):
        return None
    return (text, best.confidence)


def _cell_at(page: Page, box: Box) -> Cell | None:
    for row in page.rows:
        for cell in row.cells:
            if cell.box == box:
                return cell
    return None


def _number_words(cell: Cell) -> list[int]:
    """Indexes of the words of ``cell`` that are one number (``98.77``, ``(98.77)``), not a
    code (``1.3.2``: an indicator's number in a row read again).

    >>> _number_words(Cell(text="", words=[Word(text="๑.๓.๒", box=Box(x0=0, top=0, x1=9,
    ...     bottom=9)), Word(text="(98.77)", box=Box(x0=20, top=0, x1=29, bottom=9))]))
    [1]
    """
    return [
        i
        for i, w in enumerate(cell.words)
        if w.box is not None
        and number_shaped(w.text.strip("()"))
        and sum(w.text.count(mark) for mark in ".,") < 2
    ]


def read_again(
    path: Path,
    pages: list[Page],
    forms: list[ParsedForm],
    verification: Verification,
    *,
    dpi: int = DEFAULT_DPI,
) -> list[Reread]:
    """The OCR'd numbers behind the error flags (and rows of broken criteria) read again from
    the page rendered at ``dpi``, one :class:`Reread` each, in reading order; nothing on the
    pages changes (:func:`apply_rereads` does that)."""
    by_page = {p.number: p for p in pages if p.method == "ocr" and p.ocr_correction}
    found = _suspects(forms, verification) + [
        (prov, "criteria: not monotonic with one step") for prov in structural_suspects(forms)
    ]
    cells: list[tuple[int, Cell, str]] = []
    for prov, reason in found:
        if prov.page not in by_page or prov.box is None:
            continue
        page = by_page[prov.page]
        cell = _cell_at(page, prov.box)
        for one in [cell] if cell is not None else _row_cells(page, prov.box):
            if all(one is not c for _, c, _ in cells):
                cells.append((prov.page, one, reason))
    out: list[Reread] = []
    images: dict[int, PageImage] = {}
    for page_no, cell, reason in cells[:MAX_CELLS]:
        page = by_page[page_no]
        try:
            if page_no not in images:
                images[page_no] = page_as_read(render_page(path, page_no, dpi), page.ocr_correction)
            for i in _number_words(cell):
                out.append(_read_word(images[page_no], page_no, cell.words[i], reason))
        except InputError as exc:
            # A second reading is a check, not the reading: its failure leaves the first
            # reading (and its flag) in place, and is said on the page.
            out.append(Reread(page=page_no, status="failed", reason=reason, message=one_line(exc)))
    return out


def _read_word(image: PageImage, page_no: int, word: Word, reason: str) -> Reread:
    assert word.box is not None
    bare = word.text.strip("()")
    original = (bare, word.confidence if word.confidence is not None else 0.0)
    method = "glyph_run"
    chosen = sure_glyph_reading(image, word.box, original)
    if chosen is None:
        method, chosen = "crop_vote", reread_number(image, word.box, original)
    status: RereadStatus = "confirmed"
    if chosen[0] != bare:
        status = "changed" if well_formed(chosen[0]) else "kept"
    return Reread(
        page=page_no,
        box=word.box,
        before=bare,
        after=chosen[0],
        method=method,
        confidence=chosen[1],
        reason=reason,
        status=status,
    )
