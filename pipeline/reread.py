"""A number that breaks a scoring rule is read again from the page before it is accepted.

After verify, every OCR'd number that takes part in an error flag (a weighted score that
does not follow from its level, a total that is not the sum of its rows …) is read again
from a crop of its page under other binarisations, scales and page segmentation modes, and
by glyph matching (:func:`pipeline.ocr.reread_cell`). The new reading replaces the old only
when the readings themselves agree on it (:func:`pipeline.ocr.choose_reading`); which value
would make the total agree plays no part. If the page still says the inconsistent value, it
is kept and flagged.

>>> changed = reread_suspects(Path("scan.pdf"), pages, forms, verify_forms(forms))  # doctest: +SKIP
>>> changed  # doctest: +SKIP
1
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import InputError, one_line
from pipeline.ocr import number_shaped, reread_number, well_formed
from pipeline.page_images import PageImage, render_page
from pipeline.verify import LOW_CONFIDENCE, Verification
from schemas.forms import ParsedForm
from schemas.page import Box, Cell, Page, PageIssue, Word
from schemas.provenance import Prov

__all__ = ["MAX_CELLS", "reread_suspects", "suspect_values"]

MAX_CELLS = 24  # cells read again per document at most (~0.3 s each)
# Of a form's numbers, those read with less confidence are suspects too (glyph-matched Thai
# digits score 55–80 when right, so the bar is the low-confidence warning's).
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
    named: list[Prov] = []
    rows: list[Prov] = []
    doubtful: list[Prov] = []
    for fi, note in verification.flags:
        if note.severity != "error" or note.check in _NOT_ARITHMETIC:
            continue
        named.append(note.prov)
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
            rows += values
        else:
            doubtful += [v for v in values if (v.confidence or 0.0) < DOUBTFUL]
    seen: set[tuple[int | None, Box | None]] = set()
    unique = []
    for prov in named + rows + doubtful:
        key = (prov.page, prov.box)
        if prov.page is not None and prov.box is not None and key not in seen:
            seen.add(key)
            unique.append(prov)
    return unique


def _cell_at(page: Page, box: Box) -> Cell | None:
    for row in page.rows:
        for cell in row.cells:
            if cell.box == box:
                return cell
    return None


def _number_words(cell: Cell) -> list[int]:
    """Indexes of the words of ``cell`` that are one number (``98.77``, ``(98.77)``)."""
    return [
        i
        for i, w in enumerate(cell.words)
        if w.box is not None and number_shaped(w.text.strip("()"))
    ]


def reread_suspects(
    path: Path, pages: list[Page], forms: list[ParsedForm], verification: Verification
) -> int:
    """Read again the OCR'd numbers behind the error flags; replace those the readings agree
    differ from the first reading (reported in the page's issues). Returns how many changed.
    """
    by_page = {p.number: p for p in pages if p.method == "ocr" and p.ocr_correction}
    suspects = [v for v in suspect_values(forms, verification) if v.page in by_page]
    changed = 0
    images: dict[int, PageImage] = {}
    for prov in suspects[:MAX_CELLS]:
        assert prov.page is not None and prov.box is not None
        page = by_page[prov.page]
        cell = _cell_at(page, prov.box)
        if cell is None:
            continue
        try:
            if prov.page not in images:
                image = render_page(path, prov.page)
                image.correction = page.ocr_correction
                images[prov.page] = image
            for i in _number_words(cell):
                changed += _reread_word(images[prov.page], page, cell, i)
        except InputError as exc:
            # A second reading is a check, not the reading: its failure leaves the first
            # reading (and its flag) in place, and is said on the page.
            page.issues.append(
                PageIssue(stage="verify", category="reread_failed", message=one_line(exc))
            )
    return changed


def _reread_word(image: PageImage, page: Page, cell: Cell, index: int) -> int:
    word = cell.words[index]
    assert word.box is not None
    bare = word.text.strip("()")
    original = (bare, word.confidence if word.confidence is not None else 0.0)
    chosen = reread_number(image, word.box, original)
    if chosen[0] == bare or not well_formed(chosen[0]):
        return 0
    text = word.text.replace(bare, chosen[0])
    cell.words[index] = Word(text=text, box=word.box, confidence=chosen[1])
    cell.text = cell.text.replace(word.text, text, 1)
    values = [w.confidence for w in cell.words if w.confidence is not None]
    cell.confidence = min(values) if values else None
    page.issues.append(
        PageIssue(
            stage="verify",
            category="reread_rule",
            message=f"a number breaking a scoring rule read again: {bare!r} → {chosen[0]!r}",
        )
    )
    return 1
