"""Numbers read from whole documents in the fonts the digit recogniser was not trained on
(issue 15): units of our samples re-drawn in each held-out family (:data:`HELD_OUT`) once with
Thai and once with Arabic digits — the same content, the same scanner noise — scanned at 300 and
200 dpi, run through the pipeline and scored against their truth. One table line per family ×
dpi × digit script, then Thai against Arabic over all of them.

    python -m samples.digits.documents --out build/digit-docs     # make digit-docs

The pipeline reads with whatever this interpreter imports (``thaieval``) and its environment
(``THAIEVAL_DIGIT_WEIGHTS``, ``THAIEVAL_OCR_CACHE``); the table says which.

>>> a = CellScore("Sarabun", 300, "thai", numbers_right=9, numbers=10, false_errors=1)
>>> b = CellScore("Garuda", 200, "thai", numbers_right=1, numbers=10, low_confidence=2)
>>> t = total([a, b], "thai"); (t.numbers_right, t.numbers, f"{t.numbers_exact:.1f}")
(10, 20, '50.0')
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from samples.digits.evaluate import HELD_OUT
from samples.generate import SCAN_200, SCAN_300, build_documents, scan_pages, subset_truth
from samples.scan import ScanStyle, pack_pdf
from samples.synth import DigitScript
from samples.to_truth import to_truth
from thaieval.schemas.truth import Variant, dump_truth, truth_path

__all__ = [
    "DPIS",
    "SCRIPTS",
    "UNITS",
    "CellScore",
    "cell_folder",
    "draw_cell",
    "format_pairs",
    "format_table",
    "main",
    "paired_misses",
    "score_cell",
    "total",
    "wrong_numbers",
]

# Three layouts: A landscape (plain titles, 3 decimals), B landscape (codes, form weights,
# value first), A portrait mid-year (round-first titles); none has an injected error, so every
# error flag on them is false.
UNITS = ("bangrak-2567", "saimai-2568", "khlongtoei-2566-mid")
SCRIPTS: tuple[DigitScript, ...] = ("thai", "arabic")
STYLES: dict[int, ScanStyle] = {300: SCAN_300, 200: SCAN_200}
DPIS = tuple(STYLES)
# The overall table, 1.1 and 1.2: most printed numbers are there, and a first run took 10
# minutes on a loaded core (3.6 drawing, 6.5 OCR; with the OCR cache warm a rerun takes 1.5).
FORMS = 3
LOW_CONFIDENCE_CHECK = "low_ocr_confidence"  # a number read below the doubt threshold


@dataclass
class CellScore:
    """What the pipeline got right in one family × dpi × digit script (or a total of them)."""

    font: str
    dpi: int
    digits: str
    numbers_right: int = 0  # printed numbers read exactly (the eval's "numeric fields")
    numbers: int = 0
    forms_found: int = 0
    forms: int = 0
    false_errors: int = 0  # error flags on documents without an injected error
    low_confidence: int = 0  # numbers flagged low_ocr_confidence
    seconds: float = 0.0
    wrong: frozenset[str] = frozenset()  # the numbers read wrong (see wrong_numbers)

    @property
    def numbers_exact(self) -> float:
        return 100 * self.numbers_right / self.numbers if self.numbers else float("nan")


def cell_folder(font: str, digits: str, dpi: int) -> str:
    """A cell's folder (and file-name tag): ``cell_folder("Noto Serif Thai", "thai", 200)`` is
    ``'noto-serif-thai.thai.200'``."""
    return f"{re.sub(r'[^a-z0-9]+', '-', font.lower())}.{digits}.{dpi}"


def draw_cell(
    docs: Path,
    font: str,
    digits: DigitScript,
    units: Sequence[str],
    *,
    forms: int = FORMS,
    dpis: Sequence[int] = DPIS,
    seed: int = 2567,
) -> list[Path]:
    """Scan ``units`` drawn in ``font`` with ``digits`` at ``dpis`` (300 and/or 200), each cut
    to its first ``forms`` forms (0: all), with truth; returns the PDFs written."""
    written = []
    for built in build_documents(seed, tuple(units), font, digits):
        key = built.doc.source_id
        truth = to_truth(built.doc, built.rendered, f"{key}.pdf", "text")
        for dpi in dpis:
            style = STYLES[dpi]
            variant: Variant = "scan300" if dpi == 300 else "scan200"
            tag = cell_folder(font, digits, dpi)
            name = f"{key}.{tag}.pdf"
            # The noise is seeded by unit and variant only: Thai and Arabic share it.
            pages = scan_pages(built, seed, style, variant)
            cut = truth.model_copy(update={"file": name, "variant": variant})
            if forms:
                cut = subset_truth(truth, forms, name, variant)
                pages = pages[: cut.page_count]
            path = docs / tag / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pack_pdf(pages, style.dpi, style.quality))
            dump_truth(cut, truth_path(path))
            written.append(path)
    return written


def _low_confidence_flags(out: Path) -> int:
    with (out / "flags.csv").open(encoding="utf-8-sig", newline="") as f:
        return sum(row.get("check") == LOW_CONFIDENCE_CHECK for row in csv.DictReader(f))


def wrong_numbers(mismatches: Iterable[str], tag: str) -> frozenset[str]:
    """The numbers among an eval's wrong values (``thaieval eval --diff`` lines), named without
    the cell's ``tag``: the same number of the Thai and of the Arabic draw has one name.

    >>> sorted(wrong_numbers(["a.t.pdf: 1.1 #1: indicators.weight: 10.0 ≠ '1'",
    ...                       "a.t.pdf: 1.1 #1: text.indicator_name: 'ก' ≠ ''"], ".t"))
    ['a.pdf: 1.1 #1: indicators.weight: 10.0']
    """
    from thaieval.pipeline.evaluate.score import NUMERIC_FIELDS

    names = tuple(f": {name}: " for name in NUMERIC_FIELDS)
    return frozenset(
        line.split(" ≠ ")[0].replace(tag, "")
        for line in mismatches
        if any(name in line for name in names)
    )


def score_cell(out: Path, truth: Path, font: str, dpi: int, digits: str) -> CellScore:
    """Score the run in ``out`` against the truth files below ``truth`` (the report is kept as
    ``out/eval.json``)."""
    from thaieval.pipeline.evaluate.run import evaluate

    report = evaluate(out, truth)
    (out / "eval.json").write_text(report.model_dump_json(indent=1) + "\n", encoding="utf-8")
    numbers = report.metric("summary.numeric_exact").tally()
    forms = report.metric("summary.form_recall").tally()
    return CellScore(
        font,
        dpi,
        digits,
        numbers_right=int(numbers.num),
        numbers=int(numbers.den),
        forms_found=int(forms.num),
        forms=int(forms.den),
        false_errors=int(report.metric("summary.false_errors").tally().num),
        low_confidence=_low_confidence_flags(out),
        wrong=wrong_numbers(report.mismatches, "." + cell_folder(font, digits, dpi)),
    )


def total(cells: Iterable[CellScore], digits: str, dpi: int = 0) -> CellScore:
    """The cells of one digit script (and one dpi, unless 0) added up; the rate is pooled."""
    out = CellScore("all", dpi, digits)
    for cell in cells:
        if cell.digits == digits and dpi in (0, cell.dpi):
            for name in _COUNTS:
                setattr(out, name, getattr(out, name) + getattr(cell, name))
    return out


_COUNTS = tuple(f.name for f in fields(CellScore)[3:] if f.type in ("int", "float"))


def paired_misses(cells: Sequence[CellScore], font: str = "", dpi: int = 0) -> tuple[int, int, int]:
    """Numbers read wrong with Thai digits only, with Arabic digits only, and with both, over
    the cells of ``font`` and ``dpi`` (every one when empty or 0): the two draws print the same
    values under the same scanner noise, so a number wrong in one script only is the script's.

    >>> t = CellScore("F", 300, "thai", wrong=frozenset({"a", "b"}))
    >>> paired_misses([t, CellScore("F", 300, "arabic", wrong=frozenset({"b", "c", "d"}))])
    (1, 2, 1)
    """
    thai_only = arabic_only = both = 0
    for thai in cells:
        if thai.digits != "thai" or font not in ("", thai.font) or dpi not in (0, thai.dpi):
            continue
        for arabic in cells:
            if (arabic.digits, arabic.font, arabic.dpi) == ("arabic", thai.font, thai.dpi):
                thai_only += len(thai.wrong - arabic.wrong)
                arabic_only += len(arabic.wrong - thai.wrong)
                both += len(thai.wrong & arabic.wrong)
    return thai_only, arabic_only, both


def _row(cell: CellScore) -> str:
    dpi = str(cell.dpi) if cell.dpi else "both"
    return (
        f"| {cell.font} | {dpi} | {cell.digits} | {cell.numbers_exact:.2f}% of {cell.numbers} "
        f"| {cell.forms_found}/{cell.forms} | {cell.false_errors} | {cell.low_confidence} |"
    )


def format_table(cells: Sequence[CellScore]) -> str:
    """A Markdown table: every cell, then the totals per script at each dpi and over both.

    >>> print(format_table([CellScore("Garuda", 200, "thai", 3, 4, 2, 2)]).splitlines()[2])
    | Garuda | 200 | thai | 75.00% of 4 | 2/2 | 0 | 0 |
    """
    head = [
        "| family | dpi | digits | numbers exact | forms found | false errors | low-confidence flags |",
        "|---|---|---|---|---|---|---|",
    ]
    scripts = list(dict.fromkeys(c.digits for c in cells))
    dpis = sorted({c.dpi for c in cells}, reverse=True)
    totals = [total(cells, s, d) for d in [*dpis, 0] for s in scripts]
    for t in totals:
        t.font = "**total**"
    return "\n".join(head + [_row(c) for c in cells] + [_row(t) for t in totals])


def format_pairs(cells: Sequence[CellScore]) -> str:
    """A Markdown table of :func:`paired_misses` per family and dpi, then over all of them.

    >>> t = CellScore("F", 300, "thai", wrong=frozenset({"a", "b"}))
    >>> print(format_pairs([t, CellScore("F", 300, "arabic")]).splitlines()[-1])
    | **total** | both | 2 | 0 | 0 |
    """
    head = [
        "| family | dpi | numbers wrong with Thai digits only | with Arabic only | with both |",
        "|---|---|---|---|---|",
    ]
    keys = list(dict.fromkeys((c.font, c.dpi) for c in cells))
    rows = [(font, str(dpi), paired_misses(cells, font, dpi)) for font, dpi in keys]
    rows += [("**total**", "both", paired_misses(cells))]
    return "\n".join(head + [f"| {f} | {d} | {a} | {b} | {c} |" for f, d, (a, b, c) in rows])


def _describe_reader() -> str:
    """Which code and weights read the numbers: the commit of the imported package and the
    digit weights named in the environment."""
    import thaieval

    root = Path(thaieval.__file__).resolve().parent.parent
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = "?"
    weights = os.environ.get("THAIEVAL_DIGIT_WEIGHTS") or "(not set: the shipped default)"
    return f"pipeline {root} at {commit or '?'}; THAIEVAL_DIGIT_WEIGHTS={weights}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m samples.digits.documents", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--out", type=Path, required=True, help="folder for docs/ and runs/")
    parser.add_argument("--unit", action="append", help=f"unit keys (default {', '.join(UNITS)})")
    parser.add_argument("--font", action="append", help="families (default the held-out four)")
    parser.add_argument("--dpi", action="append", type=int, choices=DPIS, help="default both")
    parser.add_argument("--forms", type=int, default=FORMS, help="first N forms (0: all)")
    parser.add_argument("--seed", type=int, default=2567)
    parser.add_argument(
        "--reuse-docs", action="store_true", help="score the scans already in OUT/docs"
    )
    args = parser.parse_args(argv)
    units = tuple(args.unit or UNITS)
    fonts = tuple(args.font or HELD_OUT)
    dpis = tuple(args.dpi or DPIS)
    docs, runs = args.out / "docs", args.out / "runs"
    missing = [
        cell_folder(font, script, dpi)
        for font in fonts
        for script in SCRIPTS
        for dpi in dpis
        if not any((docs / cell_folder(font, script, dpi)).glob("*.truth.json"))
    ]
    if args.reuse_docs and missing:
        parser.error(f"--reuse-docs: no scans in {docs} for {', '.join(missing)}")
    start = time.monotonic()
    if not args.reuse_docs:
        shutil.rmtree(docs, ignore_errors=True)  # no scan of an older draw is left to score
        for font in fonts:
            for digits in SCRIPTS:
                draw_cell(docs, font, digits, units, forms=args.forms, dpis=dpis, seed=args.seed)
                print(f"drawn: {font}, {digits} digits", file=sys.stderr)
    drawn = time.monotonic() - start

    from thaieval.api import run

    cells = []
    for font in fonts:
        for dpi in dpis:
            for digits in SCRIPTS:
                folder = cell_folder(font, digits, dpi)
                out = runs / folder
                shutil.rmtree(out, ignore_errors=True)
                began = time.monotonic()
                run([docs / folder], out, workers=1, report=False)
                cell = score_cell(out, docs / folder, font, dpi, digits)
                cell.seconds = time.monotonic() - began
                cells.append(cell)
                print(_row(cell), f"{cell.seconds:.0f} s", file=sys.stderr)
    print(f"{len(units)} units ({', '.join(units)}), first {args.forms or 'all'} forms each; "
          f"drawn in {drawn:.0f} s, run and scored in {time.monotonic() - start - drawn:.0f} s")  # fmt: skip
    print(_describe_reader())
    print()
    print(format_table(cells))
    print()
    print(format_pairs(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
