"""Which sub-component (1.1, 1.2) a form belongs to, by the names of the indicators it lists.

A form of component 1 prints its sub-component on a line of its own (``1.1 ประสิทธิภาพ…``);
when OCR loses that code (``11 …``, ``AV. …``) the form says only ``1``. The overall table
lists every indicator under its full code (1.1.1, 1.1.2, 1.2.1), so the rows the form's own
indicators name tell its sub-component.

>>> from thaieval.schemas.forms import ParsedForm, ParsedIndicator
>>> row = lambda c, n: ParsedIndicator(indicator_no=1, indicator_code=c, indicator_name=n)
>>> overall = ParsedForm(form_type="overall_summary", indicators=[
...     row("1.1.1", "ร้อยละของถนนที่ได้รับการซ่อมแซม"), row("1.2.1", "จำนวนผู้เข้าร่วมอบรม")])
>>> form = ParsedForm(form_type="component", component="1",
...     indicators=[row("", "ร้อยละของถนนที่ได้รับการซ่อมแซม")])
>>> sub_component_by_names(overall, form, taken=set())
'1.1'
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz import fuzz

from thaieval.schemas.forms import ParsedForm

__all__ = ["code_by_title", "sub_component_by_names"]

# Names printed twice by one office differ only by OCR noise; 80 keeps two sibling
# indicators (which share long openings like ร้อยละความสำเร็จ) apart. Set by hand in 4d68b26,
# no sweep recorded.
_NAME_SCORE = 80.0


def _group_of(code: str) -> str:
    return ".".join(code.split(".")[:2])


def sub_component_by_names(overall: ParsedForm, form: ParsedForm, taken: set[str]) -> str:
    """The sub-component code most of ``form``'s named indicators fall under, or ``""``.

    Only where the overall table has three-level codes under the form's component (a
    component printed whole, like 2 with its one row 2.1, has no sub-component to find), and
    only a sub-component no other form already holds.
    """
    comp = form.component
    if not comp or "." in comp:
        return ""
    rows = [
        r
        for r in overall.indicators
        if r.indicator_code.startswith(comp + ".") and r.indicator_code.count(".") >= 2
    ]
    if not rows:
        return ""
    votes: Counter[str] = Counter()
    named = 0
    for ind in form.indicators:
        if not ind.indicator_name:
            continue
        named += 1
        row = max(rows, key=lambda r: fuzz.ratio(ind.indicator_name, r.indicator_name))
        if fuzz.ratio(ind.indicator_name, row.indicator_name) >= _NAME_SCORE:
            votes[_group_of(row.indicator_code)] += 1
    if not votes:
        return ""
    (group, count), *rest = votes.most_common()
    # A clear majority of the named indicators, and no tie: else the form is left as read.
    if count * 2 <= named or (rest and rest[0][1] == count) or group in taken:
        return ""
    return group


# With no component read at all, only a close name decides: stricter than the 70 a form
# already known to be of component 3 needs to pick among 3.1–3.3. Set by hand in 255b17c, no
# sweep recorded.
_TITLE_SCORE = 85.0


def code_by_title(overall: ParsedForm, title: str, taken: set[str]) -> str:
    """The two-level code (3.1) of the one overall row ``title`` names, for a form whose
    component and code lines OCR both lost; ``""`` when none is close or it is taken.

    Only codes of components split into several (3.1, 3.2): a component printed whole (2,
    with its one row 2.1) has its form under its own number.

    >>> from thaieval.schemas.forms import ParsedIndicator
    >>> row = lambda c, n: ParsedIndicator(indicator_no=1, indicator_code=c, indicator_name=n)
    >>> overall = ParsedForm(form_type="overall_summary", indicators=[
    ...     row("3.1", "ร้อยละความสำเร็จในการยกระดับ"), row("3.2", "จำนวนวันเฉลี่ยในการตอบสนอง")])
    >>> code_by_title(overall, "Si Sion จำนวนวันเฉลี่ยในการตอบสนอง", set())
    '3.2'
    """
    if not title:
        return ""
    rows = []
    for r in overall.indicators:
        code = r.indicator_code
        if code.count(".") != 1 or code in taken or not r.indicator_name:
            continue
        siblings = [o for o in overall.indicators if o.indicator_code.startswith(code[0] + ".")]
        if len(siblings) >= 2:
            rows.append(r)
    if not rows:
        return ""
    row = max(rows, key=lambda r: fuzz.partial_ratio(r.indicator_name, title))
    return (
        row.indicator_code if fuzz.partial_ratio(row.indicator_name, title) >= _TITLE_SCORE else ""
    )
