"""Tie the forms of one document together: the overall table and the component forms.

The component forms of shape A print no weights and no criteria; the overall table does.
An overall row the OCR lost is filled from its component form, and said so.

>>> component_of_code("1.2.1"), component_of_code("3.2"), component_of_code("2")
('1.2', '3.2', '2')
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

from thaieval.parsers.consensus import (
    SAME_TEXT,
    clean_name,
    clean_title,
    cluster,
    consensus,
    garbled,
)
from thaieval.parsers.person_names import listed_parts, mend_name
from thaieval.parsers.sub_component import code_by_title, sub_component_by_names
from thaieval.schemas.forms import TOTAL_WEIGHT, ParsedForm, ParsedIndicator, ParseNote
from thaieval.schemas.provenance import Prov

__all__ = ["component_of_code", "link_forms", "on_scale", "overall_row_for", "union_of_spaces"]


def component_of_code(code: str) -> str:
    """The component a code belongs to: ``1.1.3`` → ``1.1``; ``3.2`` and ``2`` are their own."""
    parts = code.split(".")
    return ".".join(parts[:2]) if len(parts) >= 3 else code


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
        scored = [(score, r) for score, r in scored if score >= 85]
        if scored:
            return max(scored, key=lambda sr: sr[0])[1]
        # A row whose code OCR lost (its place may have lent it a guess) is the form's when
        # it alone, of the rows without a printed code, bears the indicator's name.
        uncoded = [
            r
            for r in overall.indicators
            if not r.code_printed
            and not r.filled_from
            and fuzz.ratio(ind.indicator_name, r.indicator_name) >= 90
        ]
        if len(uncoded) == 1:
            return uncoded[0]
    return None


# Two names of one indicator this far apart (partial ratio: one may add to the other, as the
# overall table's innovation row adds its criteria and the innovation's name) name two.
_OTHER_NAME = 60.0


def _named_otherwise(ind: ParsedIndicator, row: ParsedIndicator) -> bool:
    """Does the one overall row under a form's component name another indicator than the
    form's one? Then OCR lost the form's row from the table and put another in its place
    (1.1.2's row, its code read ``ke``, taken for 1.2 when the 1.2.1 row was lost): pairing
    them by place would compare two indicators. Names too garbled to judge refute nothing.
    """
    names = (ind.indicator_name, row.indicator_name)
    if not all(names) or any(garbled(n) > _GARBLED for n in names):
        return False
    return fuzz.partial_ratio(*names) < _OTHER_NAME


def on_scale(value: float | None, criteria: list[float]) -> bool:
    """Whether ``value`` can be a result measured against ``criteria``: within their span
    on either side (7 of 3|4|5|6|7 is; a percentage 100 is not).

    >>> on_scale(5, [3, 4, 5, 6, 7]), on_scale(100, [3, 4, 5, 6, 7]), on_scale(None, [1, 2])
    (True, False, False)
    """
    if value is None or not criteria:
        return False
    lo, hi = min(criteria), max(criteria)
    span = hi - lo
    return lo - span <= value <= hi + span


def union_of_spaces(a: str, b: str) -> str | None:
    """Two printings of one text that differ only in spaces, with every space either has.

    A wrapped line loses the space at its break where the layout cannot tell whether one was
    there (:mod:`thaieval.parsers.wrap_fit`), and no reader invents one between two Thai letters; so a
    space one copy prints mid-line is the truth the other lost at its break. None when the
    texts differ otherwise.

    >>> union_of_spaces("ที่ทันสมัยโปร่งใส คล่องตัว", "ที่ทันสมัย โปร่งใสคล่องตัว")
    'ที่ทันสมัย โปร่งใส คล่องตัว'
    """
    if a == b:
        return a
    if a.replace(" ", "") != b.replace(" ", ""):
        return None
    out: list[str] = []
    i = j = 0
    while i < len(a) or j < len(b):
        space = (i < len(a) and a[i] == " ") or (j < len(b) and b[j] == " ")
        if space:
            out.append(" ")
            i += i < len(a) and a[i] == " "
            j += j < len(b) and b[j] == " "
            continue
        out.append(a[i])
        i, j = i + 1, j + 1
    return "".join(out)


def _bare(text: str) -> str:
    return text.replace(" ", "")


def _share_spacing(ind: ParsedIndicator, row: ParsedIndicator, form: ParsedForm) -> None:
    """The indicator's name as printed on the form and in the overall table, spaces reconciled."""
    texts = [ind.indicator_name, row.indicator_name]
    if form.indicator_title and len(form.indicators) == 1:
        texts.append(form.indicator_title)
    merged: str | None = texts[0]
    for text in texts[1:]:
        merged = union_of_spaces(merged, text) if merged is not None and text else merged
    if merged is None:
        return
    ind.indicator_name = merged
    row.indicator_name = merged
    if form.component_title and union_of_spaces(form.component_title, merged) is not None:
        form.component_title = merged
    if form.indicator_title and union_of_spaces(form.indicator_title, merged) is not None:
        form.indicator_title = merged


def _read_by_ocr(ind: ParsedIndicator) -> bool:
    return any(p.confidence is not None for p in ind.prov.values())


def _share_name(ind: ParsedIndicator, row: ParsedIndicator, form: ParsedForm) -> None:
    """The indicator's name as printed on the form and in the overall table (and in the
    form's title line when it has one indicator), read as one text.

    Read by OCR, each printing is an independent reading of one string, reconciled by
    :func:`thaieval.parsers.consensus.consensus`. Text layers and other engines' text are taken as
    printed (a document may word one indicator differently in two places), spaces shared.
    """
    if not (_read_by_ocr(ind) or _read_by_ocr(row)):
        _share_spacing(ind, row, form)
        return
    texts = [ind.indicator_name, row.indicator_name]
    titles = []
    if len(form.indicators) == 1:
        titles = [t for t in (form.indicator_title, form.component_title) if t]
    texts += titles
    groups = cluster(texts)
    if not groups:
        return
    # The printings that agree, counted by the pages that print them (the form's name, its
    # title line and its table row are one printing's readings, the overall table's
    # another); between one and one, the less garbled.
    source = ["overall" if i == 1 else "form" for i in range(len(texts))]
    group = max(groups, key=lambda g: (len({source[i] for i in g}), -garbled(texts[g[0]])))
    # Distinct texts: a form's name copied from its title line is not a second reading.
    merged = consensus(list(dict.fromkeys(texts[i] for i in group)))

    def outread(text: str) -> bool:
        """A printing the agreeing ones read far better than (or none at all)."""
        return not text or garbled(text) > min(_GARBLED, garbled(merged) + _WORSE)

    if 0 in group or outread(ind.indicator_name):
        ind.indicator_name = merged
    if 1 in group or outread(row.indicator_name):
        row.indicator_name = merged
    for attr in ("component_title", "indicator_title"):
        title = getattr(form, attr)
        if not title:
            continue
        # A garbled title line is this indicator's only on a form of one coded indicator
        # (3.1); a component's own form (2) is titled by the component.
        names_it = len(form.indicators) == 1 and (
            attr == "indicator_title" or ("." in form.component and not _BASE_TAG.search(title))
        )
        if fuzz.ratio(_bare(title), _bare(merged)) >= SAME_TEXT or (names_it and outread(title)):
            setattr(form, attr, merged)


_BASE_TAG = re.compile(r"\([A-Za-z][A-Za-z ]*\)\s*$")
# A printing that reads this badly (:func:`thaieval.parsers.consensus.garbled`) is garbage, and one
# that reads this much worse than the printings that agree is outread by them.
_GARBLED = 4.0
_WORSE = 1.0


def _fill_missing_row(overall: ParsedForm, form: ParsedForm, ind: ParsedIndicator) -> None:
    copy = ind.model_copy(deep=True)
    copy.filled_from = f"component {form.component}"
    copy.filled = {}
    copy.score_pct = None
    overall.indicators.append(copy)
    overall.notes.append(
        ParseNote(
            severity="warning",
            check="overall_row_missing",
            field="indicators",
            expected=ind.indicator_code,
            found="",
            message=(
                f"indicator {ind.indicator_code or form.component} is missing from the overall "
                f"table; filled from the component {form.component} form "
                f"(weight {ind.weight}, weighted score {ind.weighted_score})"
            ),
            prov=Prov(page=overall.page_start, line=overall.line_start),
            indicator_no=None,
        )
    )


def _weigh_only_row(form: ParsedForm) -> None:
    """A form of one indicator whose row prints no weight: the row weighs the form's total,
    taken with its provenance and said so (verify will not count it as agreeing with it)."""
    if len(form.indicators) != 1 or form.total_weight is None:
        return
    ind = form.indicators[0]
    if ind.weight is None:
        ind.weight = form.total_weight
        ind.prov["weight"] = form.prov.get("total_weight", Prov())
        ind.filled["weight"] = TOTAL_WEIGHT


def link_forms(forms: list[ParsedForm]) -> list[ParsedForm]:
    """Share what one form prints and another needs; returns the same forms, updated."""
    _clean_names(forms)
    _agree_units(forms)
    _agree_evaluators(forms)
    overall = next((f for f in forms if f.form_type == "overall_summary"), None)
    components = [f for f in forms if f.form_type == "component"]
    if overall is None:
        for form in components:  # a file holding only the form: its one row weighs its total
            _weigh_only_row(form)
        return forms
    _resolve_bare_components(overall, components)
    for form in components:
        _share_title(overall, form)
    for form in components:
        for ind in form.indicators:
            row = overall_row_for(overall, form, ind)
            if row is None:
                _weigh_only_row(form)
                if ind.weight is not None and ind.weighted_score is not None:
                    _fill_missing_row(overall, form, ind)
                continue
            source = f"overall table row {row.indicator_code or row.indicator_no}"
            if ind.weight is None and row.weight is not None:
                ind.weight = row.weight
                ind.prov["weight"] = row.prov.get("weight", Prov())
                ind.filled["weight"] = source
            if not ind.criteria and row.criteria:
                ind.criteria = list(row.criteria)
                ind.prov["criteria"] = row.prov.get("criteria", Prov())
                ind.filled["criteria"] = source
                # The form may print the result on another scale (ร้อยละ 100 against 7 systems);
                # a result on the criteria's own scale is the form's to be judged by.
                if not on_scale(ind.result_value, ind.criteria):
                    ind.criteria_result = row.result_value
            if not row.indicator_name and ind.indicator_name:
                row.indicator_name = ind.indicator_name
            _share_name(ind, row, form)
            if row.indicator_code and not ind.code_printed:
                ind.indicator_code = row.indicator_code
    # Rows filled from the forms come after the printed ones, which keep their positions.
    for position, ind in enumerate(overall.indicators, start=1):
        ind.indicator_no = position
    periods = {f.period for f in components if f.period}
    if not overall.period and len(periods) == 1:
        overall.period = periods.pop()
        overall.filled["period"] = "the component forms"
    if overall.fiscal_year is None:
        years = {f.fiscal_year for f in components if f.fiscal_year}
        overall.fiscal_year = years.pop() if len(years) == 1 else None
        if overall.fiscal_year is not None:
            overall.filled["fiscal_year"] = "the component forms"
    # parent_unit is left as printed: the contract keeps it empty where a form prints none.
    return forms


def _clean_names(forms: list[ParsedForm]) -> None:
    """Titles and indicator names without the OCR leftovers around them."""
    for form in forms:
        form.component_title = clean_title(form.component_title)
        form.indicator_title = clean_name(form.indicator_title)
        for ind in form.indicators:
            ind.indicator_name = clean_name(ind.indicator_name)


def _agree_units(forms: list[ParsedForm]) -> None:
    """Every form of a document is of one unit: a reading most forms agree on replaces the
    few that differ from it by a misread letter (ดูสิต for ดุสิต), and fills a form whose
    header line was lost."""
    counts = Counter(f.unit_name for f in forms if f.unit_name)
    if not counts:
        return
    (unit, n), *rest = counts.most_common()
    if n < 2 or (rest and rest[0][1] == n):
        return
    source = next(f for f in forms if f.unit_name == unit)
    for form in forms:
        if form.unit_name == unit:
            continue
        if not form.unit_name or fuzz.ratio(form.unit_name, unit) >= SAME_TEXT:
            if not form.unit_name:  # a reading mended is the form's; one lost is filled
                form.filled["unit_name"] = "the other forms of the document"
            form.unit_name = unit
            if "unit_name" in source.prov:
                form.prov.setdefault("unit_name", source.prov["unit_name"])


def _share_title(overall: ParsedForm, form: ParsedForm) -> None:
    """A form's title read with the overall table's printing of it (first column for a
    component, the group heading for a sub-component): consensus when they agree; the
    table's when the form's is garbled or is its component's where a sub-component's is
    due (the 1.1 line lost, the องค์ประกอบที่ 1 line read in its place). OCR'd forms only:
    a text layer prints each title as the document words it."""
    if not any(_read_by_ocr(i) for i in (*form.indicators, *overall.indicators)):
        return
    printed = clean_title(overall.group_titles.get(form.component, ""))
    if not printed:
        return
    title = form.component_title
    parent = clean_title(overall.group_titles.get(form.component.split(".")[0], ""))
    is_parents = "." in form.component and parent and title and _close(title, parent)
    if not title or is_parents or garbled(title) > _GARBLED:
        form.component_title = consensus([printed])
    elif _close(title, printed) or _cut_short(title, printed):
        form.component_title = consensus([title, printed])


def _close(a: str, b: str) -> bool:
    return fuzz.ratio(_bare(a), _bare(b)) >= SAME_TEXT


def _cut_short(title: str, printed: str) -> bool:
    """Is ``title`` the start of ``printed`` (a wrapped title whose second line was lost)?"""
    bare, full = _bare(title), _bare(printed)
    return len(bare) >= len(full) / 3 and fuzz.ratio(bare, full[: len(bare)]) >= SAME_TEXT


# Two readings of a signatory's name this close (ratio, spaces ignored) are one person.
SAME_PERSON = 70.0


def _agree_evaluators(forms: list[ParsedForm]) -> None:
    """One evaluator often signs several forms of a document: the printings of a name are
    read as one (:func:`thaieval.parsers.consensus.consensus`), each with its space put back."""
    names = [mend_name(f.evaluator_name) for f in forms]
    for group in cluster(names, SAME_PERSON):
        merged = consensus([names[i] for i in group])
        # Of the printings, one whose first and family names are both listed is surer
        # than a reading the dictionary of words cannot judge.
        listed = max((names[i] for i in group), key=listed_parts)
        if listed_parts(listed) > listed_parts(merged):
            merged = listed
        for i in group:
            forms[i].evaluator_name = merged


def _resolve_bare_components(overall: ParsedForm, components: list[ParsedForm]) -> None:
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
        if fuzz.partial_ratio(row.indicator_name, name) < 70:
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
