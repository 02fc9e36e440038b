"""Generate the sample archive: every unit's document, its variants and their truth.

    python -m samples.generate --out samples/archive                # the committed set
    python -m samples.generate --out build/samples --set full       # every variant of every unit
    python -m samples.generate --out DIR --set full --variant text --variant chromium  # some
    python -m samples.generate --out DIR --set full --unit bangrak-2567 --variant scan200 \
        --font Sarabun --digits thai    # a unit re-drawn in another face and digit script

The same ``--seed`` gives byte-identical files. Layout: see samples/README.md.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from PIL import Image

from samples.chromium import render_chromium
from samples.fonts import font_path
from samples.inject import INJECTIONS
from samples.model import Document
from samples.ocr_text import ocr_markdown
from samples.render import Rendered, render_document
from samples.scan import ScanStyle, degrade, pack_pdf, pack_tiff, rasterise
from samples.seed_doc import seed_document
from samples.synth import PLANS, DigitScript, redrawn, synthetic_document
from samples.textlayer import Damage, rewrite_text_layer
from samples.to_truth import to_truth
from thaieval.schemas.truth import TruthDocument, Variant, dump_truth, truth_path

__all__ = [
    "INJECTED_UNITS",
    "SCAN_200",
    "SCAN_300",
    "build_documents",
    "form_truth",
    "main",
    "scan_pages",
    "subset_truth",
    "write_set",
]

INJECTED_UNITS: dict[str, tuple[str, ...]] = {
    "nongchok-2567": ("weighted_score_mismatch", "form_total_mismatch", "numbered_list_gap"),
    "publicworks-2566": ("overall_weight_sum", "date_outside_fiscal_window", "signatory_missing"),
    "bangkhunthian-2568": ("overall_component_mismatch", "innovation_steps_mismatch", "score_pct_mismatch"),
    "health-2567-mid": ("level_mismatch", "overall_total_mismatch", "date_outside_fiscal_window", "header_mismatch"),
    "dusit-2567": ("form_weight_mismatch", "overall_row_missing", "component_form_missing", "required_field_missing"),
    "medical-2565": ("form_total_mismatch", "overall_total_mismatch"),
    "drainage-2568": ("score_pct_mismatch", "header_mismatch"),
    "laksi-2568-mid": ("innovation_steps_mismatch", "level_mismatch"),
}  # fmt: skip
SEED_KEY = "seed-2567-foreign-affairs"
SCAN_300 = ScanStyle(300, 4.0, 0.6, quality=40)
SCAN_200 = ScanStyle(200, 4.0, 0.45, quality=45)
STRESS = ScanStyle(150, 16.0, 0.9, max_angle=2.5, quality=40)
PNG_STYLE = ScanStyle(200, 2.0, 0.5)
# The committed set keeps a few scans small enough for the repository.
COMMITTED_SCANS = {
    "scan300": ("bangrak-2567",),
    "scan200": ("bangrak-2567", "health-2567-mid", "medical-2565"),
}
# Scans committed with their first two forms only (the overall table and form 1.1).
COMMITTED_CUT = {("scan300", "bangrak-2567"), ("scan200", "medical-2565")}
# Units drawn like other hands' documents (national fonts, layout B, portrait overall tables,
# Chromium): the full set has every variant; the committed set one file of each class.
NEW_CLASS_UNITS = (
    "medical-2565", "khlongtoei-2566-mid", "drainage-2568", "pathumwan-2565-mid", "culture-2567",
    "laksi-2568-mid", "cityplanning-2566", "saimai-2568", "bangkhen-2567-mid",
)  # fmt: skip
COMMITTED_TEXT_NEW = ("medical-2565", "khlongtoei-2566-mid")
COMMITTED_CHROMIUM = ("culture-2567",)
ALL = frozenset(get_args(Variant))  # every variant folder
COMMITTED_PNG = ("latkrabang-2567", "3.1")
COMMITTED_TIFF = ("nongchok-2567", "1.1")
COMMITTED_OCR = ("publicworks-2566",)


@dataclass
class Built:
    doc: Document
    rendered: Rendered


def build_documents(
    seed: int,
    keys: tuple[str, ...] | None = None,
    font: str = "",
    digits: DigitScript | None = None,
) -> Iterator[Built]:
    """The seed's document and every planned unit (injections applied), rendered; a planned
    unit in ``font`` and ``digits`` when given (:func:`samples.synth.redrawn`)."""
    if keys is None or SEED_KEY in keys:
        doc = seed_document()
        doc.damage = "lost"
        yield Built(doc, render_document(doc, seed))
    for plan in PLANS:
        if keys is not None and plan.key not in keys:
            continue
        doc = synthetic_document(redrawn(plan, font, digits), seed)
        for name in INJECTED_UNITS.get(plan.key, ()):
            INJECTIONS[name](doc)
        yield Built(doc, render_document(doc, seed))


def form_truth(truth: TruthDocument, component: str, file: str, variant: Variant) -> TruthDocument:
    """Truth of one component form cut out of a document (its pages renumbered from 1)."""
    form = next(f for f in truth.forms if f.component == component)
    assert form.page_start is not None and form.page_end is not None
    shift = form.page_start - 1
    # Only the overall table prints criteria, and a multi-indicator form's weights: the cut-out
    # form does not hold them, so its truth leaves them unknown.
    several = len(form.indicators) > 1
    printed = [
        i.model_copy(update={"criteria": "", "weight": None if several else i.weight})
        for i in form.indicators
    ]
    moved = form.model_copy(
        update={"page_start": 1, "page_end": form.page_end - shift, "indicators": printed}
    )
    # A declared total weight that its indicators' weights do not add up to cannot be seen
    # when those weights are not printed.
    unseen = {"form_weight_mismatch"} if several else set()
    flags = [
        f
        for f in truth.injected
        if f.component == component and f.form_type == "component" and f.check not in unseen
    ]
    return truth.model_copy(
        update={
            "file": file,
            "variant": variant,
            "page_count": form.page_end - shift,
            "forms": [moved],
            "injected": flags,
            "consistent": not any(f.severity == "error" for f in flags),
        }
    )


def _one_page_form(truth: TruthDocument, wanted: str) -> str:
    """``wanted`` when its form fits on one page, else the first component form that does: a
    page image holds one page, and a form's truth is all of its pages."""
    single = [
        f.component
        for f in truth.forms
        if f.form_type == "component" and f.page_start is not None and f.page_start == f.page_end
    ]
    return wanted if wanted in single else (single[0] if single else "")


def subset_truth(truth: TruthDocument, forms: int, file: str, variant: Variant) -> TruthDocument:
    """Truth of a document's first ``forms`` forms (the overall table counts as one)."""
    kept = truth.forms[:forms]
    last = kept[-1].page_end
    assert last is not None
    keys = {(f.form_type, f.component) for f in kept}
    flags = [f for f in truth.injected if (f.form_type, f.component) in keys]
    return truth.model_copy(
        update={
            "file": file,
            "variant": variant,
            "page_count": last,
            "forms": kept,
            "injected": flags,
            "consistent": not any(f.severity == "error" for f in flags),
        }
    )


def _write(path: Path, data: bytes | str, truth: TruthDocument) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    dump_truth(truth, truth_path(path))


def scan_pages(b: Built, seed: int, style: ScanStyle, tag: str) -> list[Image.Image]:
    """Every page of ``b`` printed and scanned in ``style`` (the noise seeded by ``tag``)."""
    rng = random.Random(f"{seed}:{b.doc.source_id}:{tag}")
    return [degrade(img, rng, style.dpi, style) for img in rasterise(b.rendered.pdf, style.dpi)]


def _write_unit(b: Built, out: Path, seed: int, full: bool, only: frozenset[str] = ALL) -> None:
    key, doc = b.doc.source_id, b.doc
    new = key in NEW_CLASS_UNITS
    clean = rewrite_text_layer(b.rendered.pdf, "none")
    truth = to_truth(doc, b.rendered, f"{key}.pdf", "text")
    if (full or not new or key in COMMITTED_TEXT_NEW) and "text" in only:
        _write(out / "text" / f"{key}.pdf", clean, truth)
    if doc.chromium and (full or key in COMMITTED_CHROMIUM) and "chromium" in only:
        printed = render_chromium(doc, seed)
        name = f"{key}.chromium.pdf"
        _write(out / "chromium" / name, printed.pdf, to_truth(doc, printed, name, "chromium"))
    if ((doc.damage and not new) or full) and "text-damaged" in only:
        kind: Damage = doc.damage or "lost"
        damaged = rewrite_text_layer(b.rendered.pdf, kind)
        name = f"{key}.damaged.pdf"
        _write(
            out / "text-damaged" / name,
            damaged,
            truth.model_copy(update={"file": name, "variant": "text-damaged"}),
        )
    scans: tuple[tuple[Variant, ScanStyle], ...] = (
        ("scan300", SCAN_300),
        ("scan200", SCAN_200),
        ("stress", STRESS),
    )
    for variant, style in scans:
        if (full or key in COMMITTED_SCANS.get(variant, ())) and variant in only:
            pages = scan_pages(b, seed, style, variant)
            name = f"{key}.{variant}.pdf"
            vtruth = truth.model_copy(update={"file": name, "variant": variant})
            if not full and (variant, key) in COMMITTED_CUT:
                # Scanned pages cost 200-400 kB each: commit the overall table and form 1.1 only.
                vtruth = subset_truth(truth, 2, name, variant)
                pages = pages[: vtruth.page_count]
            _write(out / variant / name, pack_pdf(pages, style.dpi, style.quality), vtruth)
    png_component = COMMITTED_PNG[1] if key == COMMITTED_PNG[0] else ("3.1" if full else "")
    if png_component and full and key != COMMITTED_PNG[0]:
        png_component = _one_page_form(truth, png_component)
    if png_component and "image" in only:
        form = next(f for f in truth.forms if f.component == png_component)
        assert form.page_start is not None
        page = scan_pages(b, seed, PNG_STYLE, "png")[form.page_start - 1]
        page = page.point(lambda v: v // 32 * 32)  # a scanner's 8-level grey keeps the PNG small
        name = f"{key}.p{form.page_start}.png"
        path = out / "image" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        page.save(path, "PNG", dpi=(200, 200), optimize=True)
        dump_truth(form_truth(truth, png_component, name, "image"), truth_path(path))
    tiff_component = COMMITTED_TIFF[1] if key == COMMITTED_TIFF[0] else ("1.1" if full else "")
    if tiff_component and "image" in only:
        form = next(f for f in truth.forms if f.component == tiff_component)
        assert form.page_start is not None and form.page_end is not None
        pages = scan_pages(b, seed, SCAN_200, "tiff")[form.page_start - 1 : form.page_end]
        name = f"{key}.form{tiff_component}.tif"
        _write(
            out / "image" / name,
            pack_tiff(pages, 200),
            form_truth(truth, tiff_component, name, "image"),
        )
    if (full or key in COMMITTED_OCR) and "ocr-text" in only:
        rng = random.Random(f"{seed}:{key}:ocr")
        name = f"{key}.ocr.md"
        _write(out / "ocr-text" / name, ocr_markdown(b.rendered.pages, rng),
               truth.model_copy(update={"file": name, "variant": "ocr-text"}))  # fmt: skip


def write_set(
    out: Path,
    seed: int,
    full: bool,
    keys: tuple[str, ...] | None = None,
    only: frozenset[str] = ALL,
    font: str = "",
    digits: DigitScript | None = None,
) -> int:
    """Write the committed (or full) set under ``out``, the variants in ``only``, planned units
    in ``font`` and ``digits`` when given; returns the number of documents."""
    count = 0
    for built in build_documents(seed, keys, font, digits):
        _write_unit(built, out, seed, full, only)
        count += 1
        print(f"{built.doc.source_id}: {len(built.rendered.pages)} pages", file=sys.stderr)
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m samples.generate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write (created)")
    parser.add_argument("--seed", type=int, default=2567, help="random seed (default 2567)")
    parser.add_argument("--set", choices=("committed", "full"), default="committed", dest="which")
    parser.add_argument("--unit", action="append", help="only these unit keys (repeatable)")
    parser.add_argument("--variant", action="append", choices=sorted(ALL),
                        help="only these variant folders (repeatable; scans cost the most)")  # fmt: skip
    parser.add_argument("--font", default="", help="draw the planned units in this family "
                        "(a TLWG or samples.fonts.NATIONAL name) instead of the plan's")  # fmt: skip
    parser.add_argument("--digits", choices=("thai", "arabic"),
                        help="every number of the planned units in this script")  # fmt: skip
    args = parser.parse_args(argv)
    if args.font:
        try:
            font_path(args.font)
        except KeyError as exc:
            parser.error(str(exc))
    keys = tuple(args.unit) if args.unit else None
    only = frozenset(args.variant) if args.variant else ALL
    n = write_set(args.out, args.seed, args.which == "full", keys, only, args.font, args.digits)
    print(f"{n} documents written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
