"""Checks across the forms of one document: each component form's indicators against their
rows of the overall table, the components the table lists, the header every form repeats.

A value one of the two forms took from the other agrees by construction, and a pairing the
names contradict is not established: both are reported unchecked, never as agreement.

>>> from thaieval.schemas.forms import ParsedForm, ParsedIndicator
>>> row = ParsedIndicator(indicator_no=1, indicator_code="3.2", weight=10, weighted_score=8.77)
>>> overall = ParsedForm(form_type="overall_summary", indicators=[row])
>>> form = ParsedForm(form_type="component", component="3.2", indicators=[
...     ParsedIndicator(indicator_no=1, indicator_code="3.2", weight=10, weighted_score=8.8)])
>>> log: CheckLog = []
>>> [(fi, n.check, n.field) for fi, n in cross_check([overall, form], log)]
[(1, 'overall_component_mismatch', 'weighted_score')]
>>> [(c.rule, c.status) for _, c in log]
[('overall_weight', 'passed'), ('overall_weighted_score', 'failed')]
"""

from __future__ import annotations

from rapidfuzz import fuzz

from thaieval.parsers.numerals import close
from thaieval.parsers.overall_rows import component_of_code
from thaieval.pipeline.verify.checks import Check, CheckLog, fmt, inputs_text
from thaieval.pipeline.verify.indicator import decimals, note
from thaieval.schemas.forms import ParsedForm, ParsedIndicator, ParseNote
from thaieval.schemas.provenance import Prov

__all__ = ["SAME_INDICATOR", "cross_check"]

_decimals = decimals
_fmt = fmt
_note = note


# Names of one indicator read twice agree at least this much (ratio, spaces ignored), OCR
# slips and all; two indicators that share only an opening phrase (ระดับความสำเร็จในการ…) do not.
# Set by hand in bdeacad (with the pairing check), no sweep recorded.
SAME_INDICATOR = 60.0
# Decimals two values read on two tables are compared to when neither prints more (an integer
# weight against 10.00 is held to 2). Set by hand in bdeacad, no sweep recorded.
COMPARE_DECIMALS = 2


def _unpaired(ind: ParsedIndicator, row: ParsedIndicator) -> bool:
    """A form row that prints no code is paired with the overall row of the code its place
    gives; when the two print names of different indicators, the pairing is not established
    (a row of the overall table lost or merged), and their numbers cannot be compared."""
    if ind.code_printed or not ind.indicator_name or not row.indicator_name:
        return False
    if ind.indicator_code.split(".")[0] == "2":
        return False  # the innovation form's row is titled by its component, not its indicator
    a, b = (t.replace(" ", "") for t in (ind.indicator_name, row.indicator_name))
    # partial: a name a wrapped cell cut short is still the start or end of the other
    return max(fuzz.ratio(a, b), fuzz.partial_ratio(a, b)) < SAME_INDICATOR


def _agreement(
    fi: int, form: ParsedForm, ind: ParsedIndicator, row: ParsedIndicator, log: CheckLog
) -> list[tuple[int | None, ParseNote]]:
    """The form's weight and weighted score against its overall row's. A value one of the
    two took from the other agrees by construction: unchecked."""
    out: list[tuple[int | None, ParseNote]] = []
    for name in ("weight", "weighted_score"):
        a, b = getattr(row, name), getattr(ind, name)
        inputs = inputs_text(overall=a, form=b)
        if _unpaired(ind, row):
            reason = "paired by a code the form does not print, and the two name other indicators"
        elif row.filled_from:
            reason = f"the overall row is filled from {row.filled_from}"
        elif name in ind.filled:
            reason = f"the form's {name} is taken from {ind.filled[name]}"
        elif name in row.filled:
            reason = f"the overall row's {name} is taken from {row.filled[name]}"
        elif a is None or b is None:
            reason = f"{name} not read {'in the overall table' if a is None else 'on the form'}"
        else:
            reason = ""
        if reason:
            log.append(
                (fi, Check(f"overall_{name}", "unchecked", inputs, reason, ind.indicator_no))
            )
            continue
        assert a is not None and b is not None
        places = min(_decimals(row.prov.get(name), a), _decimals(ind.prov.get(name), b))
        ok = close(a, b, max(places, COMPARE_DECIMALS) if places else COMPARE_DECIMALS)
        log.append(
            (
                fi,
                Check(
                    f"overall_{name}", "passed" if ok else "failed", inputs, "", ind.indicator_no
                ),
            )
        )
        if ok:
            continue
        out.append(
            (
                fi,
                _note(
                    "overall_component_mismatch",
                    "error",
                    f"indicator {ind.indicator_code}: {name} {_fmt(b)} on form {form.component} "
                    f"but {_fmt(a)} in the overall table",
                    ind.prov.get(name),
                    field=name,
                    expected=_fmt(a),
                    found=_fmt(b),
                    indicator_no=ind.indicator_no,
                ),
            )
        )
    return out


def cross_check(forms: list[ParsedForm], log: CheckLog) -> list[tuple[int | None, ParseNote]]:
    out: list[tuple[int | None, ParseNote]] = []
    overall_i = next((i for i, f in enumerate(forms) if f.form_type == "overall_summary"), None)
    comps = [(i, f) for i, f in enumerate(forms) if f.form_type == "component"]
    if overall_i is not None:
        overall = forms[overall_i]
        by_code = {i.indicator_code: i for i in overall.indicators if i.indicator_code}
        for fi, form in comps:
            for ind in form.indicators:
                row = by_code.get(ind.indicator_code)
                if row is not None:
                    out += _agreement(fi, form, ind, row, log)
        have = {f.component for _, f in comps}
        wanted = {
            component_of_code(i.indicator_code) for i in overall.indicators if i.indicator_code
        }
        # a code 2.1 with a form "2": component 2 has one indicator and no sub-components
        missing = {c for c in wanted - have if c.split(".")[0] not in have}
        for comp in sorted(missing):
            out.append(
                (
                    overall_i,
                    _note(
                        "component_form_missing",
                        "warning",
                        f"the overall table lists component {comp} but the document has no form for it",
                        Prov(page=overall.page_start, line=overall.line_start),
                        field="component",
                        expected=comp,
                    ),
                )
            )
    for name in ("unit_name", "fiscal_year", "period"):
        values = {getattr(f, name) for f in forms if getattr(f, name)}
        if len(values) > 1:
            out.append(
                (
                    None,
                    _note(
                        "header_mismatch",
                        "warning",
                        f"the forms disagree on {name}: {', '.join(sorted(map(str, values)))}",
                        field=name,
                        found="|".join(sorted(map(str, values))),
                    ),
                )
            )
    return out
