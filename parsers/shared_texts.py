"""Texts one document prints more than once, read as one: unit, evaluator, titles, names.

The overall table and a component form both print an indicator's name and a component's
title; several forms print the unit and the evaluator. Read by OCR, each printing is an
independent reading of one string (:func:`thaieval.parsers.consensus.consensus`); from a text
layer, only the spaces are shared (:func:`union_of_spaces`).

>>> union_of_spaces("ที่ทันสมัยโปร่งใส คล่องตัว", "ที่ทันสมัย โปร่งใสคล่องตัว")
'ที่ทันสมัย โปร่งใส คล่องตัว'
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
from thaieval.schemas.forms import ParsedForm, ParsedIndicator

__all__ = [
    "GARBLED",
    "SAME_PERSON",
    "agree_evaluators",
    "agree_units",
    "clean_names",
    "share_name",
    "share_title",
    "union_of_spaces",
]

_BASE_TAG = re.compile(r"\([A-Za-z][A-Za-z ]*\)\s*$")
# A printing that reads this badly (:func:`thaieval.parsers.consensus.garbled`) is garbage, and one
# that reads this much worse than the printings that agree is outread by them. Set by hand in
# de78379 (GARBLED) and 0d71d75 (_WORSE), no sweep recorded.
GARBLED = 4.0
_WORSE = 1.0


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


def share_name(ind: ParsedIndicator, row: ParsedIndicator, form: ParsedForm) -> None:
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
        return not text or garbled(text) > min(GARBLED, garbled(merged) + _WORSE)

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


def clean_names(forms: list[ParsedForm]) -> None:
    """Titles and indicator names without the OCR leftovers around them."""
    for form in forms:
        form.component_title = clean_title(form.component_title)
        form.indicator_title = clean_name(form.indicator_title)
        for ind in form.indicators:
            ind.indicator_name = clean_name(ind.indicator_name)


def agree_units(forms: list[ParsedForm]) -> None:
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


def share_title(overall: ParsedForm, form: ParsedForm) -> None:
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
    if not title or is_parents or garbled(title) > GARBLED:
        form.component_title = consensus([printed])
    elif _close(title, printed) or _cut_short(title, printed):
        form.component_title = consensus([title, printed])


def _close(a: str, b: str) -> bool:
    return fuzz.ratio(_bare(a), _bare(b)) >= SAME_TEXT


def _cut_short(title: str, printed: str) -> bool:
    """Is ``title`` the start of ``printed`` (a wrapped title whose second line was lost)?"""
    bare, full = _bare(title), _bare(printed)
    return len(bare) >= len(full) / 3 and fuzz.ratio(bare, full[: len(bare)]) >= SAME_TEXT


# Two readings of a signatory's name this close (ratio, spaces ignored) are one person. Set by
# hand in 2de7c47, no sweep recorded.
SAME_PERSON = 70.0


def agree_evaluators(forms: list[ParsedForm]) -> None:
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
