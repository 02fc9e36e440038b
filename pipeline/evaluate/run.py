"""``thaieval eval``: score the dataset of an output folder against ground truth.

Nothing is run: the contract CSVs of OUT_DIR are read (:mod:`thaieval.pipeline.evaluate.dataset`) and
compared with every ``*.truth.json`` below TRUTH_DIR. Matching:

- a truth document ↔ the dataset document whose ``source_path`` ends in the truth's file
  name (the longest common path tail wins when names repeat across variant folders);
- a truth form ↔ the first dataset form of that document with its (form_type, component);
- indicators by ``indicator_no``; score items by order within the form; findings per
  section (their count, and the CER of the section's texts joined in order);
- a truth flag ↔ an unused flags.csv row of the document with its ``check``, on the matched
  form or on the document (form_id empty); a flag naming a form the truth does not have
  (``component_form_missing``, ``header_mismatch``) may sit on any form of the document.

Values are compared by :func:`thaieval.pipeline.evaluate.compare.compare`: a missing document or form
is a row of empty cells, so its values are misses. "Numeric fields" pools the printed
numbers (``NUMERIC_FIELDS`` in :mod:`thaieval.pipeline.evaluate.score`; pages are located, not read,
and keep their own lines); "Thai text" pools the edit distances of ``TEXT_FIELDS`` over
their truth characters; the fiscal year is a header field and keeps its own line. An error
flag is *false* on a consistent document, on a form whose injected errors it is not about
(neither their check nor the field they are in), or (form_id empty) with a check no injected
error has. Warnings on forms nothing was injected into are counted and listed, not gated.

>>> sorted(set(VARIANT_GROUPS.values()))
['damaged', 'image', 'ocr-text', 'scan200', 'scan300', 'stress', 'text']
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from thaieval.pipeline.evaluate.dataset import DatasetError, dataset_from_truth, read_dataset
from thaieval.pipeline.evaluate.results import (
    ALL,
    EvalReport,
    Thresholds,
    check_thresholds,
    format_report,
)
from thaieval.pipeline.evaluate.score import (
    GROUP_ORDER,
    VARIANT_GROUPS,
    Scores,
    match_documents,
    score_document,
)
from thaieval.schemas.truth import TruthDocument, load_truth

__all__ = [
    "EvalReport",
    "Thresholds",
    "check_thresholds",
    "dataset_from_truth",
    "eval_command",
    "evaluate",
    "format_report",
]


def _truth_files(truth_dir: Path) -> list[tuple[Path, TruthDocument]]:
    """Each truth document with its file's path relative to ``truth_dir``."""
    found = []
    for path in sorted(truth_dir.rglob("*.truth.json")):
        doc = load_truth(path)
        found.append((path.parent.relative_to(truth_dir) / doc.file, doc))
    return found


def evaluate(out_dir: Path, truth_dir: Path) -> EvalReport:
    """Score the dataset in ``out_dir`` against the truth files below ``truth_dir``.

    Raises :class:`DatasetError` when ``out_dir`` holds no dataset or ``truth_dir`` no truth.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     evaluate(Path(tmp), Path(tmp))
    Traceback (most recent call last):
    thaieval.pipeline.evaluate.dataset.DatasetError: no dataset at ...: documents.csv is missing
    """
    dataset = read_dataset(out_dir)
    try:
        truth = _truth_files(truth_dir)
    except (OSError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
        raise DatasetError(f"cannot read truth below {truth_dir}: {exc}") from exc
    if not truth:
        raise DatasetError(f"no *.truth.json files below {truth_dir}")
    scores = Scores()
    matched = match_documents(dataset, [relative for relative, _ in truth])
    for (relative, doc), drow in zip(truth, matched, strict=True):
        score_document(scores, dataset, doc, relative, drow)
    scores.extra["documents"] = len(dataset.documents) - sum(d is not None for d in matched)

    present = {VARIANT_GROUPS.get(doc.variant, doc.variant) for _, doc in truth}
    groups = [g for g in GROUP_ORDER if g == ALL or g in present]
    groups += sorted(present - set(GROUP_ORDER))
    return EvalReport(
        out_dir=str(out_dir),
        truth_dir=str(truth_dir),
        groups=groups,
        metrics=scores.metrics(groups),
        extra_rows={k: v for k, v in scores.extra.items() if v},
        missed_documents=scores.missed_documents,
        missed_forms=scores.missed_forms,
        missed_flags=scores.missed_flags,
        false_errors=scores.false_errors,
        warnings_on_consistent=scores.warnings_on_consistent,
        mismatches=scores.mismatches,
    )


def eval_command(
    out_dir: Path,
    truth_dir: Path,
    *,
    json_out: Path | None,
    min_form_recall: float | None,
    min_numeric_exact: float | None,
    max_text_cer: float | None,
    min_flag_recall: float | None,
    max_false_errors: int | None,
    group: str = ALL,
    diff: bool = False,
) -> int:
    """Print the table, write it as JSON (default ``OUT_DIR/eval.json``), return the exit status.

    Thresholds are percent (``min_numeric_exact=99.5``) and apply to ``group`` (a column of
    the table). 0 when all pass, 1 when one fails (the failures printed), 2 when there is
    nothing to score or the JSON cannot be written (message on stderr).

    >>> eval_command(Path("/nonexistent"), Path("/nonexistent"), json_out=None,
    ...     min_form_recall=None, min_numeric_exact=None, max_text_cer=None,
    ...     min_flag_recall=None, max_false_errors=None)
    2
    """
    try:
        report = evaluate(out_dir, truth_dir)
    except DatasetError as exc:
        print(f"thaieval eval: {exc}", file=sys.stderr)
        return 2
    print(format_report(report))
    if diff:
        print(f"\nwrong values ({len(report.mismatches)}):")
        print("\n".join(f"  {line}" for line in report.mismatches))
    target = json_out or out_dir / "eval.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(report.model_dump_json(indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, target)  # a reader never sees half a report
    except OSError as exc:
        print(f"thaieval eval: cannot write {target}: {exc}", file=sys.stderr)
        return 2
    thresholds = Thresholds(
        min_form_recall=min_form_recall,
        min_numeric_exact=min_numeric_exact,
        max_text_cer=max_text_cer,
        min_flag_recall=min_flag_recall,
        max_false_errors=max_false_errors,
        group=group,
    )
    failures = check_thresholds(report, thresholds)
    if failures:
        print("\nFAILED:")
        print("\n".join(f"  {line}" for line in failures))
        return 1
    return 0
