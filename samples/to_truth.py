"""Turn a rendered ``Document`` into its ground truth (``schemas/truth.py`` models).

>>> from samples.seed_doc import seed_document
>>> from samples.render import render_document
>>> doc = seed_document(); t = to_truth(doc, render_document(doc), "a.pdf", "text")
>>> (t.forms[0].total_score, t.consistent)
(98.284, False)
"""

from __future__ import annotations

import re
from decimal import Decimal

from samples.model import ComponentForm, Document, Indicator
from samples.render import Rendered
from thaieval.schemas.truth import (
    TruthDocument,
    TruthFinding,
    TruthFlag,
    TruthForm,
    TruthIndicator,
    TruthScoreItem,
    Variant,
)

__all__ = ["printed_result_value", "to_truth"]

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def printed_result_value(text: str) -> float | None:
    """The number a result cell states besides its level.

    >>> printed_result_value("ระดับ 4 (98.77)"), printed_result_value("ระดับ 5")
    (98.77, None)
    """
    rest = re.sub(r"ระดับ\s*\d", "", text)
    found = _NUMBER.findall(rest)
    return float(found[0]) if found else None


def _overall(doc: Document, pages: tuple[int, int]) -> TruthForm:
    inds = [i for i in doc.indicators() if i.in_overall]
    rows = [
        TruthIndicator(
            indicator_no=k,
            indicator_code=i.code,
            indicator_name=i.name,
            weight=_f(i.overall_weight),
            criteria="|".join(format(c.normalize(), "f") for c in i.criteria),
            result_text=i.overall_result_text,
            result_value=_f(i.overall_result_value),
            # stated (ระดับ 4), or derivable: from the criteria, or a level-based row's own
            # weight and score (10.000 of weight 10 is level 5), as the contract's level is
            level=i.overall_level,
            weighted_score=_f(i.overall_weighted),
        )
        for k, i in enumerate(inds, 1)
    ]
    return TruthForm(
        form_type="overall_summary",
        fiscal_year=doc.fiscal_year,
        period=doc.period,
        unit_name=doc.unit_name,
        total_weight=_f(doc.overall_weight_total),
        total_score=_f(doc.overall_total),
        page_start=pages[0],
        page_end=pages[1],
        indicators=rows,
    )


def _component_indicator(form: ComponentForm, k: int, i: Indicator) -> TruthIndicator:
    """A component form's row as the dataset gives it: a list-shaped form prints no weights
    and no criteria, so they come from the indicator's row in the overall table."""
    listed = form.shape == "list"
    from_overall = i.in_overall and bool(i.criteria)
    return TruthIndicator(
        indicator_no=k,
        indicator_code="" if listed or form.component == "2" else form.component,
        indicator_name=i.name if listed else form.sub_title,
        weight=(_f(i.overall_weight) if i.in_overall else None) if listed else _f(i.weight),
        criteria="|".join(format(c.normalize(), "f") for c in i.criteria) if from_overall else "",
        result_text=i.result_text,
        result_value=printed_result_value(i.result_text),
        level=i.level if ("ระดับ" in i.result_text or from_overall) else None,
        score_pct=_f(i.score_pct) if form.shape in ("weighted", "innovation") else None,
        weighted_score=_f(i.weighted),
    )


def _component(doc: Document, form: ComponentForm, pages: tuple[int, int]) -> TruthForm:
    sig = form.signatory
    single = form.indicators[0] if form.shape != "list" else None
    return TruthForm(
        form_type="component",
        component=form.component,
        component_title=form.component_title,
        fiscal_year=form.year_override or doc.fiscal_year,
        period=doc.period,
        unit_name=form.unit_override or doc.unit_name,
        parent_unit=doc.parent_unit if form.show_parent else "",
        total_weight=_f(form.declared_weight if single is None else single.weight),
        total_score=_f(form.declared_total if single is None else single.weighted),
        evaluator_name=sig.name if sig else "",
        evaluator_position=sig.position if sig else "",
        signed_date=sig.signed_date if sig else "",
        page_start=pages[0],
        page_end=pages[1],
        indicators=[_component_indicator(form, k, i) for k, i in enumerate(form.indicators, 1)],
        score_items=[
            TruthScoreItem(
                indicator_no=1,
                part=p.no,
                item=f"{s.item} {s.glued}".strip(),
                max_score=_f(s.max_score),
                score=_f(s.score),
            )
            for p in form.parts
            for s in p.steps
        ],
        findings=[
            TruthFinding(section=f.section, item_no=f.item_no, text=f.text) for f in form.findings
        ],
    )


def to_truth(doc: Document, rendered: Rendered, file: str, variant: Variant) -> TruthDocument:
    """The truth of one file; every variant of a document shares all but ``file``/``variant``."""
    printed = [f for f in doc.forms if f.printed]
    forms = [_overall(doc, rendered.form_pages[0])]
    forms += [_component(doc, f, p) for f, p in zip(printed, rendered.form_pages[1:], strict=True)]
    flags = [
        TruthFlag(
            check=check,
            severity="error" if severity == "error" else "warning",
            component=component,
            form_type="overall_summary" if form_type == "overall_summary" else "component",
            indicator_no=indicator_no,
            note=note,
        )
        for check, severity, component, form_type, indicator_no, note in doc.injected
    ]
    return TruthDocument(
        file=file,
        variant=variant,
        source_id=doc.source_id,
        unit_name=doc.unit_name,
        fiscal_year=doc.fiscal_year,
        period=doc.period,
        page_count=len(rendered.pages),
        consistent=not any(f.severity == "error" for f in flags),
        forms=forms,
        injected=flags,
    )
