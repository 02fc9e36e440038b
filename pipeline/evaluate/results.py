"""The result of ``thaieval eval``: the report model, its table, and the threshold gate.

Every metric is a :class:`Tally` per variant group: ``num`` over ``den``. For an exact-match
rate that is values right over values scored; for a recall, items found over truth items;
for a character error rate, edit distance over truth characters; for a count (false
errors), ``num`` is the count.

>>> Tally(num=3, den=4).value
0.75
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, computed_field

__all__ = [
    "ALL",
    "EvalReport",
    "Metric",
    "MetricKind",
    "Tally",
    "Thresholds",
    "check_thresholds",
    "format_report",
]

ALL = "all"
MetricKind = Literal["exact", "recall", "cer", "count"]


class Tally(BaseModel):
    num: float = 0
    den: float = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        return self.num / self.den if self.den else None


class Metric(BaseModel):
    """One line of the table: ``forms.total_score`` scored in every variant group."""

    name: str
    kind: MetricKind
    by_group: dict[str, Tally] = Field(default_factory=dict)

    def tally(self, group: str = ALL) -> Tally:
        return self.by_group.get(group, Tally())


class EvalReport(BaseModel):
    out_dir: str
    truth_dir: str
    groups: list[str]  # "all" first, then the variant groups that have truth documents
    metrics: list[Metric]
    extra_rows: dict[str, int] = Field(default_factory=dict)  # dataset rows with no truth
    missed_documents: list[str] = Field(default_factory=list)
    missed_forms: list[str] = Field(default_factory=list)
    missed_flags: list[str] = Field(default_factory=list)
    false_errors: list[str] = Field(default_factory=list)
    warnings_on_consistent: list[str] = Field(default_factory=list)
    mismatches: list[str] = Field(default_factory=list)  # every wrong value, for `--diff`

    def metric(self, name: str) -> Metric:
        """The metric called ``name``; an empty one when nothing was scored under it."""
        for metric in self.metrics:
            if metric.name == name:
                return metric
        return Metric(name=name, kind="exact")


class Thresholds(BaseModel):
    """The gate, in percent as the table prints it (``min_numeric_exact=99.5``), on one group."""

    min_form_recall: float | None = None
    min_numeric_exact: float | None = None
    max_text_cer: float | None = None
    min_flag_recall: float | None = None
    max_false_errors: int | None = None
    group: str = ALL


LABEL_WIDTH = 30
CELL_WIDTH = 15


def _cell(metric: Metric, group: str) -> str:
    tally = metric.tally(group)
    if metric.kind == "count":
        return f"{int(tally.num)}"
    if tally.value is None:
        return "-"
    return f"{tally.value * 100:6.2f}% {int(tally.den):>5}"


def format_report(report: EvalReport) -> str:
    """The report as a fixed-width table, one metric a line, one column per variant group.

    Cells read ``99.50% 400``: the rate and how many values (characters, for CER) it
    was taken over; ``-`` when nothing was scored.

    >>> m = Metric(name="forms.recall", kind="recall", by_group={"all": Tally(num=1, den=2)})
    >>> r = EvalReport(out_dir="o", truth_dir="t", groups=["all"], metrics=[m])
    >>> [line.split() for line in format_report(r).splitlines() if "recall" in line]
    [['recall', '50.00%', '2']]
    """
    lines = [f"thaieval eval {report.out_dir} against {report.truth_dir}", ""]
    header = "metric".ljust(LABEL_WIDTH) + "".join(g.rjust(CELL_WIDTH) for g in report.groups)
    lines += [header, "-" * len(header)]
    section = ""
    for metric in report.metrics:
        head, _, field = metric.name.partition(".")
        if head != section:
            section = head
            lines.append(section)
        label = "  " + field + (" (cer)" if metric.kind == "cer" else "")
        cells = "".join(_cell(metric, g).rjust(CELL_WIDTH) for g in report.groups)
        lines.append(label.ljust(LABEL_WIDTH) + cells)
    lines += [
        "",
        "cells: the rate and how many values it was taken over (truth characters for cer);",
        "false_errors: error flags that no injected inconsistency explains;",
        "warnings_on_consistent: warning flags on forms nothing was injected into.",
    ]
    if report.extra_rows:
        extras = ", ".join(f"{n} {table}" for table, n in sorted(report.extra_rows.items()))
        lines += ["", f"dataset rows with no truth: {extras}"]
    for title, items in (
        ("missed documents", report.missed_documents),
        ("missed forms", report.missed_forms),
        ("missed flags", report.missed_flags),
        ("error flags on consistent forms", report.false_errors),
        ("warnings on consistent forms", report.warnings_on_consistent),
    ):
        if items:
            lines += ["", f"{title} ({len(items)}):"]
            lines += [f"  {item}" for item in items[:20]]
            if len(items) > 20:
                lines.append(f"  … {len(items) - 20} more in the JSON report")
    return "\n".join(lines)


def _rate_failure(
    report: EvalReport, name: str, label: str, limit: float | None, *, at_most: bool, group: str
) -> str | None:
    if limit is None:
        return None
    value = report.metric(name).tally(group).value
    if value is None:
        return f"{label}: nothing scored in group {group!r} (limit {limit:g}%)"
    percent = value * 100
    failed = percent > limit if at_most else percent < limit
    if not failed:
        return None
    relation = ">" if at_most else "<"
    return f"{label} {percent:.2f}% {relation} {limit:g}% ({group})"


def check_thresholds(report: EvalReport, thresholds: Thresholds) -> list[str]:
    """The thresholds ``report`` fails, one line each; empty when it passes.

    >>> m = Metric(name="summary.form_recall", kind="recall", by_group={"all": Tally(num=9, den=10)})
    >>> r = EvalReport(out_dir="o", truth_dir="t", groups=["all"], metrics=[m])
    >>> check_thresholds(r, Thresholds(min_form_recall=95))
    ['form recall 90.00% < 95% (all)']
    """
    group = thresholds.group
    failures = [
        _rate_failure(report, name, label, limit, at_most=at_most, group=group)
        for name, label, limit, at_most in (
            ("summary.form_recall", "form recall", thresholds.min_form_recall, False),
            ("summary.numeric_exact", "numeric fields exact", thresholds.min_numeric_exact, False),
            ("summary.text_cer", "Thai text CER", thresholds.max_text_cer, True),
            ("summary.flag_recall", "flag recall", thresholds.min_flag_recall, False),
        )
    ]
    if thresholds.max_false_errors is not None:
        count = int(report.metric("summary.false_errors").tally(group).num)
        if count > thresholds.max_false_errors:
            failures.append(f"false error flags {count} > {thresholds.max_false_errors} ({group})")
    return [f for f in failures if f]
