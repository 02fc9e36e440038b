"""Which row of the overall table a component form's indicator is, and codes a form lost.

By code first, then by place and name (:func:`overall_row_for`); a form that says only its
component when the table lists several indicators of it takes its code from the row its names
match (:func:`resolve_bare_components`).

>>> component_of_code("1.2.1"), component_of_code("3.2"), component_of_code("2")
('1.2', '3.2', '2')
"""

from __future__ import annotations

from rapidfuzz import fuzz

from thaieval.parsers.consensus import garbled
from thaieval.parsers.shared_texts import GARBLED
from thaieval.parsers.sub_component import code_by_title, sub_component_by_names
from thaieval.schemas.forms import ParsedForm, ParsedIndicator

__all__ = ["component_of_code", "overall_row_for", "resolve_bare_components"]


def component_of_code(code: str) -> str:
    """The component a code belongs to: ``1.1.3`` → ``1.1``; ``3.2`` and ``2`` are their own."""
    parts = code.split(".")
    return ".".join(parts[:2]) if len(parts) >= 3 else code


# Ratio a form's indicator name needs against an overall row's to be that row (e732ef3), and
# against a row without a printed code, which has no code to confirm it (558fdb4). Set by hand,
# no sweep recorded.
_SAME_NAME = 85
_SAME_NAME_UNCODED = 90
# partial_ratio a form's title needs against the overall row it is taken to be. Set by hand in
# a3c0f45 (with the mark-less label match: scan200 form recall 85.7% -> 100%), not swept.
_TITLE_NAMES_ROW = 70


def overall_row_for(
    overall: ParsedForm, form: ParsedForm, ind: ParsedIndicator
) -> ParsedIndicator | None:
    """The overall table's row describing indicator ``ind`` of component form ``form``.

    By code first; else, among the rows of the form's component, the only one (a form of one
    indicator printed as 2.1 in the table) or the one whose name is close enough; else the
    one row without a printed code that bears its name.
    """
    if ind.indicator_code:
        for row in overall.indicators:
            if row.indicator_code == ind.indicator_code and not row.filled_from:
                return row
    comp = form.component
    candidates = [
        row
        for row in overall.indicators
        if not row.filled_from
        and (row.indicator_code == comp or row.indicator_code.startswith(comp + "."))
    ]
    if (
        len(form.indicators) == 1
        and len(candidates) == 1
        and not _named_otherwise(ind, candidates[0])
    ):
        return candidates[0]
    if ind.indicator_name:
        scored = [(fuzz.ratio(ind.indicator_name, r.indicator_name), r) for r in candidates]
        scored = [(score, r) for score, r in scored if score >= _SAME_NAME]
        if scored:
            return max(scored, key=lambda sr: sr[0])[1]
        # A row whose code OCR lost (its place may have lent it a guess) is the form's when
        # it alone, of the rows without a printed code, bears the indicator's name.
        uncoded = [
            r
            for r in overall.indicators
            if not r.code_printed
            and not r.filled_from
            and fuzz.ratio(ind.indicator_name, r.indicator_name) >= _SAME_NAME_UNCODED
        ]
        if len(uncoded) == 1:
            return uncoded[0]
    return None


# Two names of one indicator this far apart (partial ratio: one may add to the other, as the
# overall table's innovation row adds its criteria and the innovation's name) name two.
# Set by hand in aea5181, no sweep recorded.
_OTHER_NAME = 60.0


def _named_otherwise(ind: ParsedIndicator, row: ParsedIndicator) -> bool:
    """Does the one overall row under a form's component name another indicator than the
    form's one? Then OCR lost the form's row from the table and put another in its place
    (1.1.2's row, its code read ``ke``, taken for 1.2 when the 1.2.1 row was lost): pairing
    them by place would compare two indicators. Names too garbled to judge refute nothing.
    """
    names = (ind.indicator_name, row.indicator_name)
    if not all(names) or any(garbled(n) > GARBLED for n in names):
        return False
    return fuzz.partial_ratio(*names) < _OTHER_NAME


def resolve_bare_components(overall: ParsedForm, components: list[ParsedForm]) -> None:
    """A one-indicator form that says only its component (``3``) when the overall table
    lists several indicators of it (3.1, 3.2): its sub-component line was lost to OCR
    (``ตัวชี้วัด out, ร้อยละ…``). The indicator it names, by the closest overall row name,
    not already another form's, gives its code.
    """
    taken = {f.component for f in components}
    for form in components:
        comp = form.component
        if not comp and len(form.indicators) <= 1:
            # Component and code lines both lost: the indicator the title names, if close.
            code = code_by_title(overall, form.indicator_title, taken)
            if code:
                form.component = code
                form.component_title = _after_debris(form.indicator_title)
                for ind in form.indicators:
                    ind.indicator_code = code
                taken.add(code)
            continue
        if not comp or "." in comp:
            continue
        # A form of component 1 whose 1.1 line was lost: its indicators' names tell.
        group = sub_component_by_names(overall, form, taken)
        if group:
            form.component = group
            taken.add(group)
            continue
        if len(form.indicators) != 1:
            continue
        rows = [
            r
            for r in overall.indicators
            if r.indicator_code.startswith(comp + ".")
            and r.indicator_code.count(".") == 1
            and r.indicator_code not in taken
        ]
        name = form.indicator_title or form.indicators[0].indicator_name
        if not rows or not name:
            continue
        siblings = [r for r in overall.indicators if r.indicator_code.startswith(comp + ".")]
        if len(siblings) < 2:
            continue  # component 2: one row 2.1, and its form is the component's own
        row = max(rows, key=lambda r: fuzz.partial_ratio(r.indicator_name, name))
        if fuzz.partial_ratio(row.indicator_name, name) < _TITLE_NAMES_ROW:
            continue
        form.component = row.indicator_code
        form.component_title = _after_debris(name)
        form.indicators[0].indicator_code = row.indicator_code
        taken.add(row.indicator_code)


def _after_debris(text: str) -> str:
    """``out, ร้อยละความสำเร็จ…`` → ``ร้อยละความสำเร็จ…``: a first word with no Thai letter
    before Thai text is what was left of the code."""
    first, _, rest = text.partition(" ")
    if rest and not any("\u0e01" <= ch <= "\u0e2e" for ch in first):
        return rest.strip()
    return text
