"""Fill an indicator's printed values from the scoring rules, and a form's declared totals.

>>> ind = Indicator(code="3.2", name="x", weight=D("10"), kind="criteria",
...                 criteria=tuple(D(t) for t in (92, 94, 96, 98, 100)), result=D("98.77"))
>>> finish_indicator(ind, 2); (ind.result_text, ind.score_pct, ind.weighted)
('ระดับ 4 (98.77)', Decimal('87.70'), Decimal('8.77'))
"""

from __future__ import annotations

from decimal import Decimal

from samples.model import ComponentForm, Document, Indicator
from samples.scoring import criteria_points, innovation_weighted, level_weighted, points_weighted
from samples.thai_format import quantize

__all__ = ["D", "finish_document", "finish_indicator", "plain"]


def D(text: str | int | float) -> Decimal:
    return Decimal(str(text))


def plain(value: Decimal) -> str:
    """A result value as written, without trailing padding: 98.77, 7, 95.143."""
    text = format(value.normalize(), "f")
    return text


def criteria_text(ind: Indicator, value_first: bool) -> str:
    """A criteria result as a form states it: ``ระดับ 4 (98.77)`` or ``ร้อยละ 94.24 (ระดับ 4)``.

    >>> ind = Indicator(code="1.1.2", name="ร้อยละของ…", weight=D(10), kind="criteria",
    ...                 level=4, result=D("94.24"))
    >>> criteria_text(ind, False), criteria_text(ind, True)
    ('ระดับ 4 (94.24)', 'ร้อยละ 94.24 (ระดับ 4)')
    """
    assert ind.result is not None
    if not value_first:
        return f"ระดับ {ind.level} ({plain(ind.result)})"
    unit = "ร้อยละ " if ind.name.startswith("ร้อยละ") else ""
    return f"{unit}{plain(ind.result)} (ระดับ {ind.level})"


def finish_indicator(ind: Indicator, decimals: int, value_first: bool = False) -> None:
    """Compute the printed result, score percent and weighted score of ``ind``."""
    if ind.kind == "level":
        assert ind.level is not None
        ind.result_text = ind.result_text or f"ระดับ {ind.level}"
        ind.score_pct = quantize(Decimal(ind.level * 20), 2)
        ind.weighted = quantize(level_weighted(ind.weight, ind.level), decimals)
        overall_value = None
        overall_text = f"ระดับ {ind.level}"
    elif ind.kind == "criteria":
        assert ind.result is not None and len(ind.criteria) == 5
        points = criteria_points(ind.result, ind.criteria)
        ind.level = max(1, int(points))
        ind.result_text = ind.result_text or criteria_text(ind, value_first)
        ind.score_pct = quantize(points * 20, 2)
        ind.weighted = quantize(points_weighted(ind.weight, points), decimals)
        overall_value = ind.result
        overall_text = f"{quantize(ind.result, decimals):.{decimals}f}"
    else:
        assert ind.result is not None
        ind.result_text = ind.result_text or f"{quantize(ind.result, 3):.3f}"
        ind.score_pct = quantize(ind.result, 3)
        ind.weighted = quantize(innovation_weighted(ind.result, ind.weight), decimals)
        overall_value = ind.result
        overall_text = f"{quantize(ind.result, 3):.3f}"
    ind.overall_weight = ind.weight
    ind.overall_weighted = ind.weighted
    ind.overall_result_text = ind.overall_result_text or overall_text
    if ind.overall_result_value is None:
        ind.overall_result_value = overall_value
    if ind.overall_level is None:
        ind.overall_level = ind.level


def finish_form(form: ComponentForm, decimals: int, value_first: bool = False) -> None:
    for ind in form.indicators:
        finish_indicator(ind, decimals, value_first)
    form.declared_weight = sum((i.weight for i in form.indicators), Decimal(0))
    form.declared_total = sum((i.weighted for i in form.indicators), Decimal(0))


def finish_document(doc: Document) -> None:
    """Printed values of every form, then the overall table's totals."""
    for form in doc.forms:
        finish_form(form, doc.decimals, doc.value_first)
    inds = doc.indicators()
    doc.overall_weight_total = sum((i.overall_weight for i in inds), Decimal(0))
    doc.overall_total = sum((i.overall_weighted for i in inds), Decimal(0))
