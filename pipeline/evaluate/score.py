"""The walk behind ``thaieval eval``: every truth document matched and tallied.

See :mod:`thaieval.pipeline.evaluate.run` for the matching rules; this module holds the field tables and
fills a :class:`Scores` (tallies per metric and variant group, plus the lists of misses).

>>> Scores().tallies
defaultdict(<class 'dict'>, {})
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import zip_longest
from pathlib import Path, PurePosixPath
from typing import get_args

from thaieval.pipeline.evaluate.compare import (
    TruthValue,
    ValueKind,
    char_errors,
    compare,
    parse_float,
)
from thaieval.pipeline.evaluate.dataset import Dataset, Row
from thaieval.pipeline.evaluate.results import ALL, Metric, MetricKind, Tally
from thaieval.schemas.records import Section
from thaieval.schemas.truth import TruthDocument, TruthFlag, TruthForm

VARIANT_GROUPS: dict[str, str] = {
    "text": "text",
    "text-damaged": "damaged",
    "ocr-text": "ocr-text",
    "scan300": "scan300",
    "scan200": "scan200",
    "image": "image",
    "stress": "stress",
}
GROUP_ORDER = (ALL, "text", "damaged", "ocr-text", "scan300", "scan200", "image", "stress")

FORM_FIELDS: tuple[tuple[str, ValueKind], ...] = (
    ("form_type", "text"),
    ("component", "text"),
    ("fiscal_year", "int"),
    ("period", "text"),
    ("unit_name", "text"),
    ("parent_unit", "text"),
    ("total_weight", "float"),
    ("total_score", "float"),
    ("evaluator_name", "text"),
    ("evaluator_position", "text"),
    ("signed_date", "text"),
    ("page_start", "int"),
    ("page_end", "int"),
)
INDICATOR_FIELDS: tuple[tuple[str, ValueKind], ...] = (
    ("indicator_code", "text"),
    ("weight", "float"),
    ("criteria", "text"),
    ("result_value", "float"),
    ("level", "int"),
    ("score_pct", "float"),
    ("weighted_score", "float"),
)
SCORE_ITEM_FIELDS: tuple[tuple[str, ValueKind], ...] = (("max_score", "float"), ("score", "float"))
# The printed numbers a form's rules check. The fiscal year is a header field, read once per
# form from a heading: pooled with the scores it would pad their rate (its own line reports it).
NUMERIC_FIELDS = (
    "forms.total_weight",
    "forms.total_score",
    *(f"indicators.{f}" for f, kind in INDICATOR_FIELDS if kind != "text"),
    *(f"score_items.{f}" for f, _ in SCORE_ITEM_FIELDS),
)
FORM_TEXT_FIELDS = (
    "unit_name",
    "parent_unit",
    "component_title",
    "evaluator_name",
    "evaluator_position",
)
TEXT_FIELDS = (*FORM_TEXT_FIELDS, "indicator_name", "findings_text")
SECTIONS: tuple[Section, ...] = get_args(Section)

METRICS: tuple[tuple[str, MetricKind], ...] = (
    ("documents.found", "recall"),
    ("forms.recall", "recall"),
    *((f"forms.{f}", "exact") for f, _ in FORM_FIELDS),
    *((f"indicators.{f}", "exact") for f, _ in INDICATOR_FIELDS),
    *((f"score_items.{f}", "exact") for f, _ in SCORE_ITEM_FIELDS),
    ("findings.count_per_section", "exact"),
    *((f"text.{f}", "cer") for f in TEXT_FIELDS),
    ("flags.recall", "recall"),
    ("flags.false_errors", "count"),
    ("flags.warnings_on_consistent", "count"),
)
# The fields a flag of each check is about, for an injected error that names no field: an
# error flag on an injected form is excused only when it is about the injected error.
CHECK_FIELDS: dict[str, tuple[str, ...]] = {
    "weighted_score_mismatch": ("weighted_score",),
    "level_mismatch": ("level",),
    "score_pct_mismatch": ("score_pct",),
    "form_total_mismatch": ("total_score",),
    "overall_total_mismatch": ("total_score",),
    "form_weight_mismatch": ("total_weight",),
    "overall_weight_sum": ("weight",),
    "overall_component_mismatch": ("weight", "weighted_score"),
    "innovation_steps_mismatch": ("score",),
}


class Scores:
    """Tallies per metric and group, filled while walking the truth."""

    def __init__(self) -> None:
        self.tallies: dict[str, dict[str, Tally]] = defaultdict(dict)
        self.extra: Counter[str] = Counter()
        self.missed_documents: list[str] = []
        self.missed_forms: list[str] = []
        self.missed_flags: list[str] = []
        self.false_errors: list[str] = []
        self.warnings_on_consistent: list[str] = []
        self.mismatches: list[str] = []  # "where: field: truth ≠ found", one per wrong value
        self.where = ""  # the form being scored, for :attr:`mismatches`

    def add(self, name: str, group: str, num: float, den: float) -> None:
        for g in (ALL, group):
            tally = self.tallies[name].setdefault(g, Tally())
            tally.num += num
            tally.den += den

    def value(self, name: str, group: str, kind: ValueKind, truth: TruthValue, cell: str) -> None:
        outcome = compare(kind, truth, cell)
        if outcome is not None:
            self.add(name, group, float(outcome), 1)
        if outcome is False:
            self.mismatches.append(f"{self.where}: {name}: {truth!r} ≠ {cell!r}")

    def text(self, name: str, group: str, truth: str, found: str) -> None:
        if truth.strip() or found.strip():
            errors, length = char_errors(truth, found)
            self.add(name, group, errors, length)
            if errors:
                self.mismatches.append(f"{self.where}: {name}: {truth!r} ≠ {found!r}")

    def metrics(self, groups: list[str]) -> list[Metric]:
        """:data:`METRICS`, recall per injected check, then the pooled summary lines."""

        def tallies(name: str) -> dict[str, Tally]:
            return {g: self.tallies[name].get(g, Tally()) for g in groups}

        def pooled(names: tuple[str, ...]) -> dict[str, Tally]:
            return {
                g: Tally(
                    num=sum(self.tallies[n].get(g, Tally()).num for n in names),
                    den=sum(self.tallies[n].get(g, Tally()).den for n in names),
                )
                for g in groups
            }

        text_fields = tuple(f"text.{f}" for f in TEXT_FIELDS)
        return [
            *(Metric(name=name, kind=kind, by_group=tallies(name)) for name, kind in METRICS),
            *(
                Metric(name=name, kind="recall", by_group=tallies(name))
                for name in sorted(self.tallies)
                if name.startswith("flag_checks.")
            ),
            Metric(name="summary.form_recall", kind="recall", by_group=tallies("forms.recall")),
            Metric(name="summary.numeric_exact", kind="exact", by_group=pooled(NUMERIC_FIELDS)),
            Metric(name="summary.text_cer", kind="cer", by_group=pooled(text_fields)),
            Metric(name="summary.flag_recall", kind="recall", by_group=tallies("flags.recall")),
            Metric(
                name="summary.false_errors", kind="count", by_group=tallies("flags.false_errors")
            ),
            Metric(
                name="summary.warnings_on_consistent",
                kind="count",
                by_group=tallies("flags.warnings_on_consistent"),
            ),
        ]


def _int(cell: str) -> int | None:
    value = parse_float(cell)
    return int(value) if value is not None and value.is_integer() else None


def _file_name(source_path: str) -> str:
    return PurePosixPath(source_path.replace("\\", "/")).name


def _tail_match(source_path: str, relative: Path) -> int:
    """How many trailing path parts ``source_path`` shares with ``relative``."""
    a = PurePosixPath(source_path.replace("\\", "/")).parts[::-1]
    b = relative.parts[::-1]
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def match_documents(dataset: Dataset, relatives: list[Path]) -> list[Row | None]:
    """The dataset document of each truth file, one-to-one, longest common path tail first.

    So ``scan300/a.pdf`` and ``text/a.pdf`` each find their own ``a.pdf``, and a truth
    whose file was not run does not borrow another variant's row.
    """
    by_name: dict[str, list[int]] = defaultdict(list)
    for r, row in enumerate(dataset.documents):
        by_name[_file_name(row.get("source_path", ""))].append(r)
    pairs = sorted(
        (-_tail_match(dataset.documents[r].get("source_path", ""), relative), t, r)
        for t, relative in enumerate(relatives)
        for r in by_name.get(relative.name, [])
    )
    matched: list[Row | None] = [None] * len(relatives)
    used_rows: set[int] = set()
    for negative_len, t, r in pairs:
        if negative_len < 0 and matched[t] is None and r not in used_rows:
            matched[t] = dataset.documents[r]
            used_rows.add(r)
    return matched


def _form_label(doc: TruthDocument, form_type: str, component: str) -> str:
    return f"{doc.file}: {form_type} {component}".rstrip()


def _score_form(scores: Scores, dataset: Dataset, group: str, tform: TruthForm, frow: Row) -> None:
    base = scores.where
    for name, kind in FORM_FIELDS:
        scores.value(f"forms.{name}", group, kind, getattr(tform, name), frow.get(name, ""))
    for name in FORM_TEXT_FIELDS:
        scores.text(f"text.{name}", group, getattr(tform, name), frow.get(name, ""))
    form_id = frow.get("form_id", "")

    by_no: dict[int, Row] = {}
    for row in dataset.rows_of("indicators", form_id) if form_id else []:
        no = _int(row.get("indicator_no", ""))
        if no is not None and no not in by_no:
            by_no[no] = row
        else:
            scores.extra["indicators"] += 1
    for tind in tform.indicators:
        irow = by_no.pop(tind.indicator_no, {})
        scores.where = f"{base} #{tind.indicator_no}"
        for name, kind in INDICATOR_FIELDS:
            truth = getattr(tind, name)
            scores.value(f"indicators.{name}", group, kind, truth, irow.get(name, ""))
        scores.text(
            "text.indicator_name", group, tind.indicator_name, irow.get("indicator_name", "")
        )
    scores.extra["indicators"] += len(by_no)

    item_rows = dataset.rows_of("score_items", form_id) if form_id else []
    for i, (titem, srow) in enumerate(zip_longest(tform.score_items, item_rows), start=1):
        scores.where = f"{base} item {i}"
        if titem is None:
            scores.extra["score_items"] += 1
            continue
        for name, kind in SCORE_ITEM_FIELDS:
            cell = srow.get(name, "") if srow else ""
            scores.value(f"score_items.{name}", group, kind, getattr(titem, name), cell)

    scores.where = base
    found_rows = dataset.rows_of("findings", form_id) if form_id else []
    for section in SECTIONS:
        truth_texts = [f.text for f in tform.findings if f.section == section]
        found_texts = [r.get("text", "") for r in found_rows if r.get("section") == section]
        if truth_texts or found_texts:
            same = len(truth_texts) == len(found_texts)
            scores.add("findings.count_per_section", group, float(same), 1)
            scores.text("text.findings_text", group, "\n".join(truth_texts), "\n".join(found_texts))


def _flag_target(
    flag: TruthFlag, truth_keys: set[tuple[str, str]], form_ids: dict[tuple[str, str], str]
) -> tuple[bool, str]:
    """(whether the flag names a truth form, the dataset form_id that form matched or "")."""
    key = (flag.form_type, flag.component)
    return key in truth_keys, form_ids.get(key, "")


def _about(flag: TruthFlag, row: Row) -> bool:
    """Whether the flags.csv ``row`` is about the injected ``flag``: its check, or the field
    (and indicator, where both name one) the injected error is in."""
    if row.get("check") == flag.check:
        return True
    fields = (flag.field,) if flag.field else CHECK_FIELDS.get(flag.check, ())
    if row.get("field", "") not in fields:
        return False
    no = _int(row.get("indicator_no", ""))
    return flag.indicator_no is None or no is None or no == flag.indicator_no


def _score_flags(
    scores: Scores,
    doc: TruthDocument,
    group: str,
    rows: list[Row],
    form_ids: dict[tuple[str, str], str],
) -> None:
    truth_keys: set[tuple[str, str]] = {(f.form_type, f.component) for f in doc.forms}
    used: set[int] = set()
    on_forms: dict[str, list[TruthFlag]] = defaultdict(list)  # dataset form → its injections
    explained_anywhere: set[str] = set()  # error checks whose flag names no truth form
    for flag in doc.injected:
        on_form, target = _flag_target(flag, truth_keys, form_ids)
        if target:
            on_forms[target].append(flag)
        elif flag.severity == "error" and not on_form:
            explained_anywhere.add(flag.check)
        candidates = [
            i
            for i, row in enumerate(rows)
            if i not in used
            and row.get("check") == flag.check
            and (not on_form or row.get("form_id", "") in ("", target))
        ]
        # prefer the row on the injected indicator when several carry the check
        candidates.sort(key=lambda i: _int(rows[i].get("indicator_no", "")) != flag.indicator_no)
        if candidates:
            used.add(candidates[0])
        else:
            where = _form_label(doc, flag.form_type, flag.component)
            scores.missed_flags.append(f"{where}: {flag.check}")
        scores.add("flags.recall", group, float(bool(candidates)), 1)
        scores.add(f"flag_checks.{flag.check}", group, float(bool(candidates)), 1)

    error_checks = {f.check for f in doc.injected if f.severity == "error"}
    labels = {form_id: key for key, form_id in form_ids.items()}
    for i, row in enumerate(rows):
        form_id, check = row.get("form_id", ""), row.get("check", "")
        where = (
            _form_label(doc, *labels[form_id])
            if form_id in labels
            else f"{doc.file}: {'form ' + form_id if form_id else 'document'}"
        )
        injected = on_forms.get(form_id, [])
        if row.get("severity") != "error":
            # a warning that finds no injected flag, on a form nothing was injected into
            consistent = i not in used and not injected and bool(form_id or not doc.injected)
            scores.add("flags.warnings_on_consistent", group, float(bool(consistent)), 1)
            if consistent:
                scores.warnings_on_consistent.append(f"{where}: {check}")
            continue
        if doc.consistent:
            false = True
        elif form_id:
            errors = [f for f in injected if f.severity == "error"]
            false = not any(_about(f, row) for f in errors) and check not in explained_anywhere
        else:
            false = check not in error_checks
        scores.add("flags.false_errors", group, float(false), 1)
        if false:
            scores.false_errors.append(f"{where}: {check}")


def score_document(
    scores: Scores, dataset: Dataset, doc: TruthDocument, relative: Path, drow: Row | None
) -> None:
    """Tally one truth document against its dataset row (None when the run lacks it)."""
    group = VARIANT_GROUPS.get(doc.variant, doc.variant)
    failed = drow is not None and drow.get("status") == "failed"
    scores.add("documents.found", group, float(drow is not None and not failed), 1)
    if drow is None:
        scores.missed_documents.append(str(relative))
    elif failed:
        scores.missed_documents.append(f"{relative}: failed: {drow.get('error', '')}")
    doc_id = drow.get("document_id", "") if drow else ""

    form_rows: dict[tuple[str, str], Row] = {}
    for row in dataset.forms_of(doc_id) if drow else []:
        key = (row.get("form_type", "").strip(), row.get("component", "").strip())
        form_rows.setdefault(key, row)
    matched: set[tuple[str, str]] = set()
    for tform in doc.forms:
        key = (tform.form_type, tform.component)
        frow = form_rows.get(key, {})
        matched.add(key)
        scores.add("forms.recall", group, float(bool(frow)), 1)
        if not frow:
            scores.missed_forms.append(_form_label(doc, *key))
        scores.where = _form_label(doc, *key)
        _score_form(scores, dataset, group, tform, frow)
    if drow:
        scores.extra["forms"] += len(dataset.forms_of(doc_id)) - len(matched & form_rows.keys())
    form_ids = {key: form_rows[key].get("form_id", "") for key in matched & form_rows.keys()}
    _score_flags(scores, doc, group, dataset.flags_of(doc_id) if drow else [], form_ids)
