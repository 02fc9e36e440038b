"""OCR of one page image into the page model: tesseract once per page, then cell rereads.

Steps: deskew and binarise (:mod:`pipeline.preprocess`) → one tesseract pass giving word
boxes and confidences → Thai symbols merged back into words → rules found in the image
(:mod:`pipeline.rule_detect`) → :func:`parsers.layout.find_tables` and
:func:`parsers.layout.page_rows`, the same table model the text-layer reader builds → a
second, focused reading of numeric table cells that read badly.

Boxes are in points, top-left origin, in the frame of the page once deskewed (and turned
over when it was upside down); the correction is kept on the :class:`PageImage` so that
:func:`reread_cell` crops the same place.

>>> page = ocr_page(next(iter_page_images(Path("scan.pdf"))))  # doctest: +SKIP
>>> page.method, page.rows[0].text  # doctest: +SKIP
('ocr', 'แบบสรุปผลคะแนนการตรวจติดตามประเมินผลการปฏิบัติราชการ')
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from parsers.digits import THAI_DIGITS, thai_to_arabic
from parsers.layout import (
    TableGrid,
    find_tables,
    is_thai_char,
    join_lines,
    lines_from_words,
    page_rows,
)
from pipeline import tesseract_api
from pipeline.date_rows import reread_date_rows
from pipeline.decimal_point import with_found_point
from pipeline.empty_cells import ink_extent, read_empty_cells
from pipeline.errors import OcrFailure
from pipeline.glyphs import glyph_readings, read_digit_glyphs, thai_digit_reading
from pipeline.list_markers import restore_list_markers
from pipeline.page_images import GrayImage, PageImage
from pipeline.preprocess import (
    Prepared,
    choose_orientation,
    histogram,
    median_level,
    prepare,
    rotate,
)
from pipeline.rule_detect import RuleMasks, detect_rules, rule_masks, table_rule_mask
from pipeline.split_numbers import join_split_numbers
from schemas.page import Box, Cell, Page, PageIssue, Row, Word

__all__ = [
    "Reading",
    "choose_reading",
    "ocr_page",
    "read_digit_glyphs",
    "reread_cell",
    "reread_number",
    "run_tesseract",
    "without_mark_lines",
]

Reading = tuple[str, float]  # text and confidence 0–100

STAGE = "ocr"
PAGE_PASS_DPI = 200.0  # a page is read once at no more than this resolution
REREAD_TIMEOUT = 20.0  # seconds for one small crop
REREAD_BELOW = 85.0  # a numeric cell read with less confidence is read again
GLYPH_TRUST = 75.0  # a glyph-matched Thai number at least this sure replaces tesseract's
GLYPH_SAME_SHAPE = 55.0  # ... or this sure when it has tesseract's shape (digits, point)
MIN_VOTE = 20.0  # a reading tesseract gives less confidence does not overrule another
POOR_PAGE = 70.0  # mean word confidence under which the page may be upside down (read
# upside down, Thai still scores 50–55)
LOW_PAGE = 60.0  # mean word confidence reported as a page issue

_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
_NUMERIC_CHARS = set("0123456789" + THAI_DIGITS + ".,-")
_DIGIT_WHITELIST = "0123456789" + THAI_DIGITS + ".,-"


# --- tesseract ----------------------------------------------------------------------------


def run_tesseract(
    image: GrayImage,
    *,
    lang: str,
    psm: int,
    dpi: float,
    timeout: float,
    outputs: Sequence[str] = ("tsv",),
    variables: dict[str, str] | None = None,
) -> dict[str, str]:
    """Run tesseract on an image and return each output's text, as the CLI writes it.

    In this process through libtesseract (:mod:`pipeline.tesseract_api`: one engine per
    language, kept for every call, the same outputs as the CLI); else the ``tesseract``
    program with the image as PGM on stdin. One thread (``OMP_THREAD_LIMIT=1``): pages are
    parallelised by the pipeline, and tesseract's own threads make a page slower on a busy
    machine. A failure or a timeout raises :class:`~pipeline.errors.OcrFailure`, never an
    empty result.

    >>> run_tesseract(gray, lang="tha+eng", psm=3, dpi=300, timeout=60)["tsv"][:5]  # doctest: +SKIP
    'level'
    """
    cache = _cache_path(image, lang, psm, dpi, outputs, variables)
    if cache is not None and cache.is_file():
        cached: dict[str, str] = json.loads(cache.read_text(encoding="utf-8"))
        return cached
    texts = tesseract_api.recognize(
        image,
        lang=lang,
        psm=psm,
        dpi=dpi,
        timeout=timeout,
        outputs=outputs,
        variables=variables,
    )
    if texts is None:
        texts = _run_cli(image, lang, psm, dpi, timeout, outputs, variables)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        partial.replace(cache)
    return texts


def _cache_path(
    image: GrayImage,
    lang: str,
    psm: int,
    dpi: float,
    outputs: Sequence[str],
    variables: dict[str, str] | None,
) -> Path | None:
    """Where a developer cache (``THAIEVAL_OCR_CACHE=DIR``) keeps this exact call's outputs.

    For iterating on parsers over a whole sample set without paying tesseract again; the key
    is the image bytes and every argument, so any change to preprocessing misses the cache.
    Never set in production runs.
    """
    root = os.environ.get("THAIEVAL_OCR_CACHE")
    if not root:
        return None
    key = hashlib.sha256(np.ascontiguousarray(image).tobytes())
    key.update(repr(image.shape).encode())
    key.update(json.dumps([lang, psm, round(dpi), list(outputs), variables or {}]).encode())
    digest = key.hexdigest()
    return Path(root) / digest[:2] / f"{digest}.json"


def _run_cli(
    image: GrayImage,
    lang: str,
    psm: int,
    dpi: float,
    timeout: float,
    outputs: Sequence[str],
    variables: dict[str, str] | None,
) -> dict[str, str]:
    """The fallback: one ``tesseract`` process for this call, killed past ``timeout``."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrFailure("tesseract is not installed (apt install tesseract-ocr tesseract-ocr-tha)")
    ok, encoded = cv2.imencode(".pgm", image)
    if not ok:
        raise OcrFailure("page image could not be encoded for tesseract")
    with tempfile.TemporaryDirectory(prefix="thaieval-ocr-") as tmp:
        base = Path(tmp) / "out"
        args = [exe, "stdin", str(base), "-l", lang, "--psm", str(psm), "--dpi", str(round(dpi))]
        for name, value in (variables or {}).items():
            args += ["-c", f"{name}={value}"]
        args += list(outputs)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            done = subprocess.run(
                args, input=encoded.tobytes(), capture_output=True, timeout=timeout, env=env
            )
        except subprocess.TimeoutExpired as exc:
            raise OcrFailure(f"tesseract timed out after {timeout:g} s") from exc
        except OSError as exc:
            raise OcrFailure(f"tesseract could not be started ({exc})") from exc
        if done.returncode != 0:
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = lines[-1] if lines else "no message"
            raise OcrFailure(f"tesseract failed (exit {done.returncode}): {reason}")
        texts: dict[str, str] = {}
        for name in outputs:
            produced = base.with_suffix(f".{name}")
            if not produced.is_file():
                raise OcrFailure(f"tesseract wrote no {name} output")
            texts[name] = produced.read_text(encoding="utf-8", errors="replace")
        return texts


@dataclass
class Symbol:
    """One TSV "word" of tesseract: for Thai often a single character (tesseract #2702)."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float
    line: tuple[int, int, int]  # block, paragraph, line


def parse_tsv(tsv: str) -> list[Symbol]:
    """Word-level rows of tesseract's TSV that hold text, in tesseract's reading order."""
    symbols: list[Symbol] = []
    for raw in tsv.splitlines()[1:]:
        parts = raw.split("\t", 11)
        if len(parts) != 12 or parts[0] != "5" or not parts[11].strip(" |"):
            continue  # "|" alone is a rule tesseract took for a letter
        left, top, width, height = (int(v) for v in parts[6:10])
        symbols.append(
            Symbol(
                text=parts[11].strip(" |"),
                left=left,
                top=top,
                right=left + width,
                bottom=top + height,
                confidence=max(0.0, float(parts[10])),
                line=(int(parts[2]), int(parts[3]), int(parts[4])),
            )
        )
    return symbols


def _breaks_from_text(symbols: list[Symbol], line: str) -> set[int] | None:
    """Symbol indexes that start a new word, read from the plain-text line of the same pass
    (where tesseract itself puts the spaces); None when the line does not match."""
    if line.replace(" ", "") != "".join(s.text for s in symbols):
        return None
    spaces: set[int] = set()
    offset = 0
    for ch in line:
        if ch == " ":
            spaces.add(offset)
        else:
            offset += 1
    breaks: set[int] = set()
    offset = 0
    for i, symbol in enumerate(symbols):
        if i and offset in spaces:
            breaks.add(i)
        offset += len(symbol.text)
    return breaks


def _breaks_from_gaps(symbols: list[Symbol]) -> set[int]:
    """Word starts guessed from gaps: Thai symbols closer than half a line height are one
    word; anything else is split at any visible gap."""
    height = statistics.median(s.bottom - s.top for s in symbols)
    breaks: set[int] = set()
    for i in range(1, len(symbols)):
        before, after = symbols[i - 1], symbols[i]
        gap = after.left - before.right
        thai = is_thai_char(before.text[-1]) and is_thai_char(after.text[0])
        if gap > (0.5 * height if thai else 0.15 * height):
            breaks.add(i)
    return breaks


def merge_symbols(symbols: list[Symbol], text: str) -> list[list[Symbol]]:
    """Tesseract's symbols grouped into words, line by line.

    The TSV splits Thai into characters and puts spaces inside words; the plain text of the
    same pass does not, so its spaces decide where words break. Where a line cannot be
    matched to the text, gaps decide.
    """
    lines_of_text = (" ".join(line.replace("|", " ").split()) for line in text.splitlines())
    text_lines = [line for line in lines_of_text if line]
    lines: list[list[Symbol]] = []
    for symbol in symbols:
        if lines and lines[-1][0].line == symbol.line:
            lines[-1].append(symbol)
        else:
            lines.append([symbol])
    words: list[list[Symbol]] = []
    cursor = 0
    for line in lines:
        breaks = None
        for k in range(cursor, min(cursor + 3, len(text_lines))):
            breaks = _breaks_from_text(line, text_lines[k])
            if breaks is not None:
                cursor = k + 1
                break
        if breaks is None:
            breaks = _breaks_from_gaps(line)
        for i, symbol in enumerate(line):
            if i == 0 or i in breaks:
                words.append([symbol])
            else:
                words[-1].append(symbol)
    return words


MARK_LINE = 0.55  # a line whose symbols are this much shorter than the page's holds marks


def without_mark_lines(symbols: list[Symbol]) -> list[Symbol]:
    """The symbols without lines made only of vowel and tone marks.

    Over a level line of bold Thai, tesseract sometimes reads the marks above the letters as a
    line of their own (``re  a  a  a  oo``) whose symbols are a third as tall as letters.

    >>> s = [Symbol(t, 10 * i, 10, 10 * i + 9, 28, 90, (1, 1, 1)) for i, t in enumerate("กขค")]
    >>> s.append(Symbol("a", 0, 0, 9, 7, 80, (1, 1, 2)))
    >>> [x.text for x in without_mark_lines(s)]
    ['ก', 'ข', 'ค']
    """
    if not symbols:
        return symbols
    page_height = statistics.median(s.bottom - s.top for s in symbols)
    by_line: dict[tuple[int, int, int], list[Symbol]] = {}
    for symbol in symbols:
        by_line.setdefault(symbol.line, []).append(symbol)
    marks = {
        line
        for line, members in by_line.items()
        if statistics.median(s.bottom - s.top for s in members) < MARK_LINE * page_height
    }
    return [s for s in symbols if s.line not in marks]


def _px_box(box: Box, dpi: float) -> tuple[int, int, int, int]:
    k = dpi / 72.0
    return (round(box.x0 * k), round(box.top * k), round(box.x1 * k), round(box.bottom * k))


def _pt_box(left: float, top: float, right: float, bottom: float, dpi: float) -> Box:
    k = 72.0 / dpi
    return Box(x0=left * k, top=top * k, x1=right * k, bottom=bottom * k)


def _word(symbols: list[Symbol], dpi: float) -> Word:
    return Word(
        text="".join(s.text for s in symbols),
        box=_pt_box(
            min(s.left for s in symbols),
            min(s.top for s in symbols),
            max(s.right for s in symbols),
            max(s.bottom for s in symbols),
            dpi,
        ),
        confidence=round(min(s.confidence for s in symbols), 2),
    )


def read_words(gray: GrayImage, dpi: float, *, lang: str, timeout: float) -> list[Word]:
    """Every word tesseract finds on a page image, boxes in points.

    >>> [w.text for w in read_words(gray, 300, lang="tha+eng", timeout=60)][:2]  # doctest: +SKIP
    ['แบบสรุปผลคะแนน', 'การตรวจ']
    """
    if dpi > PAGE_PASS_DPI:
        # Measured on the samples: text read at 300 dpi is no better than at 200 (CER 5.0%
        # against 3.7%), and costs twice the time; crops for re-reads keep full resolution.
        scale = PAGE_PASS_DPI / dpi
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        dpi = PAGE_PASS_DPI
    out = run_tesseract(gray, lang=lang, psm=3, dpi=dpi, timeout=timeout, outputs=("txt", "tsv"))
    symbols = without_mark_lines(parse_tsv(out["tsv"]))
    return [_word(group, dpi) for group in merge_symbols(symbols, out["txt"])]


def _mean_confidence(words: list[Word]) -> float:
    values = [w.confidence for w in words if w.confidence is not None]
    return statistics.fmean(values) if values else 0.0


# --- numbers read again -------------------------------------------------------------------


def _digits_only(text: str) -> str:
    return thai_to_arabic(text.replace(" ", ""))


def well_formed(text: str) -> bool:
    """A plain number in Arabic or Thai digits, with a point or a comma as decimal mark.

    >>> well_formed("๙๘.๗๗"), well_formed("98,770"), well_formed("9.8.7"), well_formed("8O")
    (True, True, False, False)
    """
    return bool(_NUMBER.fullmatch(_digits_only(text)))


def numeric_like(text: str) -> bool:
    """Text that is mostly digits with points or commas: a number, maybe misread (tesseract
    turns Thai digits into letters such as ญ or ฒ, and Arabic ones into O or l).

    >>> numeric_like("87.7O"), numeric_like("๕ฒ.ฒ๐"), numeric_like("ระดับ ๔"), numeric_like("รวม")
    (True, True, False, False)
    """
    compact = text.replace(" ", "")
    if not compact or len(compact) > 16:
        return False
    digits = sum(ch.isdigit() for ch in compact)
    others = sum(ch not in _NUMERIC_CHARS for ch in compact)
    return digits > 0 and digits >= others


_HALF_NUMBER = re.compile(r"[0-9]{2,3}[.,]\S{1,3}|\S{1,3}[.,][0-9]{2,3}")


def number_shaped(text: str) -> bool:
    """:func:`numeric_like`, or two digits then a decimal mark and up to three marks that
    tesseract made letters of (its Thai model reads ๙๘.๗๗ as ``๕๕.ฆญ่``).

    >>> number_shaped("๕๕.ฆญ่"), number_shaped("1.มี"), number_shaped("ระดับ 4")
    (True, False, False)
    """
    compact = text.replace(" ", "")
    return numeric_like(compact) or bool(_HALF_NUMBER.fullmatch(_digits_only(compact)))


def _has_thai_digit(text: str) -> bool:
    return any(ch in THAI_DIGITS for ch in text)


def _value(text: str) -> str:
    """Comparison key of a reading: Arabic digits, a point for the decimal mark."""
    return _digits_only(text).replace(",", ".")


def _shape(text: str) -> str:
    """``๕๕.๓๓`` → ``dd.dd``: where the digits and marks are."""
    return "".join("d" if ch.isdigit() else ch for ch in text.replace(" ", ""))


def _glyphs_trusted(glyphs: Reading, original: Reading) -> bool:
    """A glyph match of Thai digits sure enough to replace tesseract's reading."""
    if not well_formed(glyphs[0]):
        return False
    if not (_has_thai_digit(original[0]) or _has_thai_digit(glyphs[0])):
        return False
    if glyphs[1] >= GLYPH_TRUST:
        return True
    return glyphs[1] >= GLYPH_SAME_SHAPE and _shape(glyphs[0]) == _shape(original[0])


def choose_reading(original: Reading, others: list[Reading], glyphs: Reading | None) -> Reading:
    """The reading of a number to keep, never chosen by what makes a total agree.

    Thai digits: the glyph match wins when it is sure, or fairly sure with the same shape
    of digits and point as the original (tesseract's Thai model confuses
    ๔–๙; measured ``๙๘.๗๗`` → ``๕๕.๓๓`` at every scale and psm). Otherwise the value most
    well-formed readings agree on, the original's text when it is among them; a lone
    reading never overrules a well-formed original.

    >>> choose_reading(("8.7", 60.0), [("8.77", 90.0), ("8.77", 88.0)], None)
    ('8.77', 90.0)
    >>> choose_reading(("87.93", 80.0), [("5", 0.0), ("5", 0.0)], None)
    ('87.93', 80.0)
    """
    if glyphs is not None and _glyphs_trusted(glyphs, original):
        return glyphs
    pool = [r for r in [original, *others, glyphs] if r is not None and well_formed(r[0])]
    groups: dict[str, list[Reading]] = {}
    for reading in pool:
        groups.setdefault(_value(reading[0]), []).append(reading)
    if not groups:
        return original
    best = max(groups.values(), key=lambda g: (len(g), max(r[1] for r in g)))
    if well_formed(original[0]) and (len(best) < 2 or max(r[1] for r in best) < MIN_VOTE):
        return original  # one reading, or only readings tesseract itself does not believe
    if original in best:
        return original
    return max(best, key=lambda r: r[1])


@dataclass(frozen=True)
class _Variant:
    scale: float
    threshold: str  # "otsu", "adaptive" or "grey"
    psm: int


# Ways to read a crop again, best first: each differs from the page pass in scale,
# binarisation and segmentation, so their errors are not the page pass's errors.
# Upscaling hurts: at 300 dpi a digit is already taller than the LSTM's training lines.
VARIANTS = (
    _Variant(1.0, "otsu", 7),
    _Variant(1.0, "otsu", 8),
    _Variant(0.75, "adaptive", 7),
)


def _prepare_crop(crop: GrayImage, variant: _Variant) -> GrayImage:
    out = crop
    if variant.scale != 1.0:
        out = cv2.resize(
            crop, None, fx=variant.scale, fy=variant.scale, interpolation=cv2.INTER_AREA
        )
    if variant.threshold == "otsu":
        _, out = cv2.threshold(out, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    elif variant.threshold == "adaptive":
        block = max(3, (out.shape[0] // 2) | 1)
        out = cv2.adaptiveThreshold(
            out, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, 15
        )
    pad = 10  # tesseract needs a white margin to find the line; a wide one breaks psm 8
    return cv2.copyMakeBorder(out, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)


def _tesseract_number(crop: GrayImage, variant: _Variant, dpi: float) -> Reading:
    image = _prepare_crop(crop, variant)
    out = run_tesseract(
        image,
        lang="tha",  # reads Arabic digits as well as eng does, and loads in a third of the time
        psm=variant.psm,
        dpi=dpi * variant.scale,
        timeout=REREAD_TIMEOUT,
        variables={"tessedit_char_whitelist": _DIGIT_WHITELIST},
    )
    symbols = parse_tsv(out["tsv"])
    if not symbols:
        return ("", 0.0)
    # A speck beside the number read as a point (".92.739") is not part of it.
    text = "".join(s.text for s in symbols).strip(".,")
    return (text, min(s.confidence for s in symbols))


# --- cells --------------------------------------------------------------------------------


def _crop(gray: GrayImage, box: Box, dpi: float, limit: Box | None = None) -> GrayImage:
    """The page area of ``box`` grown by a third of its height, kept inside ``limit``."""
    pad = (box.bottom - box.top) / 3
    area = Box(x0=box.x0 - pad, top=box.top - pad, x1=box.x1 + pad, bottom=box.bottom + pad)
    if limit is not None:
        area = Box(
            x0=max(area.x0, limit.x0),
            top=max(area.top, limit.top),
            x1=min(area.x1, limit.x1),
            bottom=min(area.bottom, limit.bottom),
        )
    x0, y0, x1, y1 = _px_box(area, dpi)
    h, w = gray.shape
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return np.full((4, 4), 255, np.uint8)
    return gray[y0:y1, x0:x1]


def _readings(crop: GrayImage, dpi: float, variants: int) -> list[Reading]:
    return [_tesseract_number(crop, v, dpi) for v in VARIANTS[: max(0, variants)]]


def _readings_until_agreed(crop: GrayImage, dpi: float) -> list[Reading]:
    """The variants in turn, stopping once two of them agree on a well-formed value: the
    third call (a third of the cost of a re-read) only settles a disagreement."""
    out: list[Reading] = []
    for variant in VARIANTS:
        out.append(_tesseract_number(crop, variant, dpi))
        values = [_value(r[0]) for r in out if well_formed(r[0])]
        if len(values) != len(set(values)):
            break
    return out


def _corrected(image: PageImage) -> GrayImage:
    """The page as :func:`ocr_page` read it: deskewed and, if it was, turned over."""
    turn, angle = image.correction if image.correction is not None else (0, None)
    gray = image.image
    if turn:
        gray = rotate(gray, float(turn))
    if angle is None:
        return prepare(gray).gray
    return rotate(gray, -angle) if angle else gray


def reread_cell(image: PageImage, box: Box, *, variants: int = 3) -> list[Reading]:
    """Readings of one cell's number from a crop of the page under other binarisations,
    scales and page segmentation modes, then by glyph matching; the caller decides.

    ``box`` is in points in the frame of the page :func:`ocr_page` returned.

    >>> reread_cell(page_image, Box(x0=224, top=222, x1=331, bottom=248))  # doctest: +SKIP
    [('๕๕.๓๓', 91.0), ('๕6.๕6', 88.2), ('๕6.6๓', 70.1), ('๙๘.๗๗', 86.0)]
    """
    crop = _crop(_corrected(image), box, image.dpi)
    readings = _readings(crop, image.dpi, variants=variants)
    glyphs = read_digit_glyphs(crop)
    return readings + ([glyphs] if glyphs is not None else [])


def reread_number(image: PageImage, box: Box, original: Reading) -> Reading:
    """The reading to keep of the number in ``box`` once read again under every variant and
    by glyph matching (a voter for Arabic digits, the judge for Thai ones), chosen by
    :func:`choose_reading` from the readings alone.

    >>> reread_number(page_image, Box(x0=224, top=222, x1=331, bottom=248), ("6.480", 70.0))  # doctest: +SKIP
    ('6.580', 88.0)
    """
    crop = _crop(_corrected(image), box, image.dpi)
    glyphs = read_digit_glyphs(crop)
    if glyphs is not None:
        glyphs = (glyphs[0].strip("()"), glyphs[1])  # the word's brackets, in the crop too
    if glyphs is not None and _glyphs_trusted(glyphs, original):
        return glyphs  # tesseract's variants misread Thai digits: the glyphs settle them
    chosen = choose_reading(original, _readings(crop, image.dpi, len(VARIANTS)), glyphs)
    pointed = with_found_point(crop, chosen[0])
    return (pointed, chosen[1]) if pointed is not None else chosen


def _fill_confidence(rows: list[Row]) -> None:
    for row in rows:
        for cell in row.cells:
            values = [w.confidence for w in cell.words if w.confidence is not None]
            cell.confidence = min(values) if values else None


def _grid_box(grid: TableGrid, cell: Cell) -> Box | None:
    """The ruled box (inset past its rules) of the grid cell that holds ``cell``."""
    if cell.box is None:
        return None
    x, y = (cell.box.x0 + cell.box.x1) / 2, (cell.box.top + cell.box.bottom) / 2
    for gc in grid.cells:
        b = gc.box
        if b.x0 <= x <= b.x1 and b.top <= y <= b.bottom:
            return Box(x0=b.x0 + 2, top=b.top + 2, x1=b.x1 - 2, bottom=b.bottom - 2)
    return None


def _replace(cell: Cell, reading: Reading) -> None:
    cell.text = reading[0]
    cell.confidence = reading[1]
    cell.words = [Word(text=reading[0], box=cell.box, confidence=reading[1])]


def _numeric_columns(rows: list[Row]) -> set[tuple[int, int | None]]:
    """(table, column) pairs where most filled cells, and at least two, are numbers.

    >>> _numeric_columns([Row(page=1, table=0, cells=[Cell(text="8.77", col=0)])] * 2)
    {(0, 0)}
    """
    counts: dict[tuple[int, int | None], list[int]] = {}
    for row in rows:
        if row.table is None:
            continue
        for cell in row.cells:
            if cell.text.strip():
                seen = counts.setdefault((row.table, cell.col), [0, 0])
                seen[0] += numeric_like(cell.text)
                seen[1] += 1
    return {key for key, (n, filled) in counts.items() if n >= 2 and 2 * n >= filled}


def _several_numbers(cell: Cell) -> bool:
    """Two or more numbers a word space apart; ``5 388`` with a narrow gap is one number
    whose point was not read."""
    numbers = [w for w in cell.words if number_shaped(w.text) and w.box is not None]
    if len(numbers) < 2:
        return False
    for a, b in itertools.pairwise(numbers):
        assert a.box is not None and b.box is not None
        if b.box.x0 - a.box.x1 > 0.5 * (a.box.bottom - a.box.top):
            return True
    return False


def _unread_ink(box: Box, grid_box: Box | None, ink: GrayImage, dpi: float) -> Box | None:
    """The ink of the cell when it reaches well past what was read (``8`` read of ``8.77``:
    tesseract dropped the rest), else None."""
    if grid_box is None:
        return None
    extent = ink_extent(ink, grid_box, dpi)
    if extent is None:
        return None
    slack = 0.6 * (box.bottom - box.top)
    if extent.x0 < box.x0 - slack or extent.x1 > box.x1 + slack:
        return extent.union(box)
    return None


def _reread_numbers(
    rows: list[Row],
    tables: list[TableGrid],
    gray: GrayImage,
    ink: GrayImage,
    dpi: float,
    settled: set[int] | None = None,
) -> list[PageIssue]:
    """Table cells holding one number that read badly (or in Thai digits) read again; also an
    unsure short cell of a column of numbers (``8.77`` read as ``Off``) or an unsure lone
    letter (``3`` read as ``ว``), which become numbers only if the readings agree."""
    issues: list[PageIssue] = []
    number_columns = _numeric_columns(rows)
    for row in rows:
        for cell in row.cells:
            if row.table is None or cell.box is None:
                continue
            unsure = (cell.confidence or 0.0) < REREAD_BELOW
            in_numbers = (row.table, cell.col) in number_columns and len(cell.text) <= 8
            lone = len(cell.words) == 1 and len(cell.text.strip()) <= 2  # "ว" for a lone 3
            if not number_shaped(cell.text) and not (unsure and (in_numbers or lone)):
                continue
            if len(lines_from_words(cell.words)) != 1:
                continue
            if _several_numbers(cell):
                continue  # several numbers in one cell (criteria in a merged cell) stay apart
            thai = _has_thai_digit(cell.text)
            confidence = cell.confidence if cell.confidence is not None else 0.0
            grid_box = _grid_box(tables[row.table], cell)
            area = _unread_ink(cell.box, grid_box, ink, dpi)
            if area is None and settled and id(cell) in settled:
                continue
            split = " " in cell.text.strip()  # "5 388": a point not read
            if (
                area is None
                and not (thai or split)
                and confidence >= REREAD_BELOW
                and well_formed(cell.text)
            ):
                continue
            crop = _crop(gray, area or cell.box, dpi, grid_box)
            # Glyphs for Thai digits, and as one more voter where the page pass saw letters.
            glyphs = read_digit_glyphs(crop) if thai or not number_shaped(cell.text) else None
            sure_glyphs = glyphs is not None and _glyphs_trusted(glyphs, (cell.text, confidence))
            # Tesseract again only where the glyphs did not settle it: each call costs ~0.1 s.
            others = [] if sure_glyphs else _readings_until_agreed(crop, dpi)
            chosen = choose_reading((cell.text, confidence), others, glyphs)
            agreeing = [
                r for r in [*others, glyphs] if r is not None and _value(r[0]) == _value(chosen[0])
            ]
            believed = len(agreeing) >= 2 and max(r[1] for r in agreeing) >= MIN_VOTE
            if not number_shaped(cell.text) and not (believed or sure_glyphs):
                # A word in a number column becomes a number only if readings agree (and
                # tesseract believes one of them), or its glyphs are surely Thai digits.
                continue
            if chosen[0] == cell.text:
                # Confirmed by another reading: as sure as the surest reading of that value.
                sure = max([confidence, *(r[1] for r in agreeing)])
                if sure > confidence:
                    _replace(cell, (cell.text, sure))
                continue
            if chosen != (cell.text, confidence):
                issues.append(
                    PageIssue(
                        stage=STAGE,
                        category="reread",
                        message=f"cell read again: {cell.text!r} ({confidence:.0f}) → "
                        f"{chosen[0]!r} ({chosen[1]:.0f})",
                    )
                )
                if area is not None:
                    cell.box = area  # the number's whole ink, not the part first read
                _replace(cell, chosen)
    return issues


_BRACKETED = re.compile(r"\([^()\s]{1,6}\)")
_LETTER_POINT = re.compile(r"[\u0e01-\u0e2e]\.")
_LATIN_SCRAP = re.compile(r"[A-Za-z@]{1,3}")  # ๙๐ read as "wo", ๒๐ as "ao"


def _digit_candidate(text: str) -> bool:
    compact = text.replace(" ", "")
    if not compact or len(compact) > 12:
        return False
    if _BRACKETED.fullmatch(compact):
        return True  # a result in brackets: (๗) read as (ฒ)
    return any(ch.isdigit() for ch in compact) or bool(_LATIN_SCRAP.fullmatch(compact))


_LEVEL_WORD = re.compile(r"ระดับ\s*[๐-๙]")  # one word of tesseract's: ๔ and ๕ confused


def _level_digit(gray: GrayImage, box: Box, dpi: float) -> Reading | None:
    """The Thai digit that ends a word ``ระดับ ๕``, read by glyph matching from the word's
    last digit-wide stretch; None unless it is clearly one Thai digit of a level (1–5)."""
    height = box.bottom - box.top
    tail = Box(x0=max(box.x0, box.x1 - 0.8 * height), top=box.top, x1=box.x1, bottom=box.bottom)
    crop, core = _wide_crop(gray, tail, dpi)
    reading = thai_digit_reading(crop, core)
    if reading is None or reading[0] not in "๑๒๓๔๕" or reading[1] < GLYPH_SAME_SHAPE:
        return None
    return reading


ARABIC_SURE = 80.0  # worst digit match of an Arabic number read between two numbers


def _arabic_between(crop: GrayImage, core: tuple[int, int, int, int]) -> Reading | None:
    """A word between two numbers (``70 7S 80``) read by the Arabic digit templates, when
    every digit matches surely and the Arabic templates fit better than the Thai ones."""
    readings = glyph_readings(crop, core)
    if not readings:
        return None
    arabic, thai = readings["arabic"], readings["thai"]
    if arabic.worst < ARABIC_SURE or arabic.mean <= thai.mean or not well_formed(arabic.text):
        return None
    return (arabic.text, arabic.worst)


def _flanked(words: list[Word], i: int) -> bool:
    """A short word between two numbers (``๗๐ ๗๕ ๘๐ สซี ๙๐``: criteria in one merged cell,
    ๘๕ read as letters) may be a number too.

    >>> _flanked([Word(text="๘๐"), Word(text="สซี"), Word(text="๙๐")], 1)
    True
    >>> _flanked([Word(text="3.2"), Word(text=":"), Word(text="3")], 1)
    False
    """
    if not 0 < i < len(words) - 1 or len(words[i].text) > 4:
        return False
    if not any(ch.isalnum() for ch in words[i].text):
        return False  # "3.2 : 3": punctuation between numbers stays punctuation
    return number_shaped(words[i - 1].text) and number_shaped(words[i + 1].text)


def _cell_text(cell: Cell) -> str:
    return join_lines([" ".join(w.text for w in line) for line in lines_from_words(cell.words)])


def _wide_crop(
    gray: GrayImage, box: Box, dpi: float
) -> tuple[GrayImage, tuple[int, int, int, int]]:
    """The word's area widened by two line heights each side (a digit tesseract left out
    of the word), and the word's own box in the crop's pixels (x0, x1, top, bottom)."""
    height = box.bottom - box.top
    wide = Box(x0=box.x0 - 2 * height, top=box.top, x1=box.x1 + 2 * height, bottom=box.bottom)
    crop = _crop(gray, wide, dpi)
    pad = round(height / 3 * dpi / 72)
    x0 = max(0, _px_box(wide, dpi)[0] - pad)
    y0 = max(0, _px_box(wide, dpi)[1] - pad)
    left, top, right, bottom = _px_box(box, dpi)
    return crop, (left - x0, right - x0, top - y0, bottom - y0)


def _drop_repeated(cell: Cell) -> bool:
    """Neighbour words of which one reads as part of the other (``๙๒.`` beside ``๙๒.๓๗๑``:
    a fragment tesseract made a word of, read whole by glyphs twice) kept once."""
    words = cell.words
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if (
            a.box is None
            or b.box is None
            or not (_has_thai_digit(a.text) and _has_thai_digit(b.text))
        ):
            continue
        if b.box.x0 - a.box.x1 > a.box.bottom - a.box.top:
            continue
        short, long_ = sorted((a, b), key=lambda w: len(w.text))
        if short.text in long_.text:
            merged = Word(text=long_.text, box=a.box.union(b.box), confidence=long_.confidence)
            cell.words[i : i + 2] = [merged]
            return True
    return False


def _read_thai_digit_words(rows: list[Row], gray: GrayImage, dpi: float) -> set[int]:
    """Words that are numbers printed in Thai digits read by glyph matching, in tables and
    in free text: tesseract's Thai model reads ๑๐ as ``90``, ๘ as ``๕``, ``wo`` for ๙๐.
    Returns the ids of the cells whose every word was settled so (not to be matched again
    on another crop, which can turn a right ๕ into ๔)."""
    settled: set[int] = set()
    for row in rows:
        for cell in row.cells:
            changed = False
            read = 0
            # A lone letter or two in a table cell may be a Thai digit read as a letter (๖ → อ).
            lone = row.table is not None and len(cell.words) == 1 and len(cell.text) <= 2
            for i, word in enumerate(cell.words):
                if word.box is not None and _LEVEL_WORD.fullmatch(word.text):
                    level = _level_digit(gray, word.box, dpi)
                    if level is not None and not word.text.endswith(level[0]):
                        text = word.text[:-1] + level[0]
                        cell.words[i] = Word(text=text, box=word.box, confidence=level[1])
                        changed = True
                    continue
                # A list number read as a letter: "ต." for "๒." starting a line.
                listed = (
                    i == 0 and cell is row.cells[0] and bool(_LETTER_POINT.fullmatch(word.text))
                )
                if word.box is None or not (
                    lone or listed or _digit_candidate(word.text) or _flanked(cell.words, i)
                ):
                    continue
                crop, core = _wide_crop(gray, word.box, dpi)
                reading = thai_digit_reading(crop, core)
                if reading is None and _flanked(cell.words, i):
                    reading = _arabic_between(crop, core)
                if reading is not None and _LATIN_SCRAP.fullmatch(word.text):
                    # Latin letters with no digit are as often a Thai mark (ั read as "ow")
                    # as Thai digits: only a sure match makes them digits.
                    reading = reading if reading[1] >= GLYPH_SAME_SHAPE else None
                read += reading is not None
                if reading is not None and reading[0] != word.text:
                    cell.words[i] = Word(text=reading[0], box=word.box, confidence=reading[1])
                    changed = True
            if read and read == len(cell.words):
                settled.add(id(cell))
            changed = _drop_repeated(cell) or changed
            if changed:
                cell.text = _cell_text(cell)
                values = [w.confidence for w in cell.words if w.confidence is not None]
                cell.confidence = min(values) if values else None
    return settled


# --- the page -----------------------------------------------------------------------------


def _tables(prepared: Prepared, dpi: float) -> tuple[list[TableGrid], RuleMasks]:
    """The page's tables, and the rule masks they were found from (to wipe the rules)."""
    masks = rule_masks(prepared.ink, dpi)
    return find_tables(*detect_rules(prepared.ink, dpi, masks)), masks


def _without_rules(
    prepared: Prepared, tables: list[TableGrid], dpi: float, masks: RuleMasks | None = None
) -> GrayImage:
    """The grey page with its tables' rules painted white: tesseract reads cell text better
    without a rule touching it, and does not take rules for ``|`` or ``l``."""
    clean = prepared.gray.copy()
    mask = table_rule_mask(prepared.ink, dpi, tables, masks) > 0
    # Paper colour, not white: a white bar on grey paper is an edge tesseract reads as ink.
    if mask.any():
        # int(np.median(gray[ink == 0])), from a histogram: 5x faster on a page
        clean[mask] = median_level(histogram(prepared.gray, cv2.bitwise_not(prepared.ink)))
    return clean


def _flipped(prepared: Prepared) -> Prepared:
    return Prepared(
        gray=rotate(prepared.gray, 180.0),
        ink=rotate(prepared.ink, 180.0),
        angle=prepared.angle,
        blank=False,
    )


def _strip_confidence(strip: GrayImage, dpi: float, lang: str, timeout: float) -> float:
    out = run_tesseract(strip, lang=lang, psm=6, dpi=dpi, timeout=timeout)
    symbols = parse_tsv(out["tsv"])
    return statistics.fmean(s.confidence for s in symbols) if symbols else 0.0


def ocr_page(image: PageImage, *, lang: str = "tha+eng", timeout: float = 120) -> Page:
    """One page image read into the page model (``method="ocr"``).

    Blank pages come back skipped; an upside-down page is turned over and read; both are
    reported in ``page.issues``. A failed or timed-out tesseract raises
    :class:`~pipeline.errors.OcrFailure`.

    >>> page = ocr_page(render_page(Path("scan.pdf"), 1))  # doctest: +SKIP
    >>> [c.text for c in page.rows[3].cells]  # doctest: +SKIP
    ['10', 'ระดับ 4 (98.77)', '87.70', '8.77']
    """
    page = Page(number=image.number, width=image.width, height=image.height, method="ocr")
    prepared = prepare(image.image)
    if prepared.blank:
        page.skipped, page.skip_reason = True, "blank page"
        page.issues.append(PageIssue(stage=STAGE, category="blank_page", message="page is blank"))
        image.correction = (0, 0.0)
        return page
    tables, masks = _tables(prepared, image.dpi)
    words = read_words(
        _without_rules(prepared, tables, image.dpi, masks), image.dpi, lang=lang, timeout=timeout
    )
    turn = 0
    if _mean_confidence(words) < POOR_PAGE:
        turn = choose_orientation(
            prepared.gray,
            prepared.ink,
            lambda strip: _strip_confidence(strip, image.dpi, lang, timeout),
        )
        if turn == 180:
            prepared = _flipped(prepared)
            tables, masks = _tables(prepared, image.dpi)
            words = read_words(
                _without_rules(prepared, tables, image.dpi, masks),
                image.dpi,
                lang=lang,
                timeout=timeout,
            )
            page.issues.append(
                PageIssue(
                    stage=STAGE, category="upside_down", message="page was upside down; turned"
                )
            )
    image.correction = (turn, prepared.angle)
    page.ocr_correction = image.correction
    if abs(prepared.angle) >= 0.1:
        page.issues.append(
            PageIssue(
                stage=STAGE, category="deskewed", message=f"deskewed by {prepared.angle:.2f}°"
            )
        )
    words += read_empty_cells(words, tables, prepared, image.dpi, lang)
    rows = page_rows(image.number, join_split_numbers(words), tables)
    _fill_confidence(rows)
    settled = _read_thai_digit_words(rows, prepared.gray, image.dpi)
    page.issues += _reread_numbers(rows, tables, prepared.gray, prepared.ink, image.dpi, settled)
    page.issues += reread_date_rows(rows, prepared.gray, image.dpi)
    page.issues += restore_list_markers(rows, prepared.gray, image.dpi)
    page.rows = rows
    page.ocr_confidences = [
        w.confidence
        for row in rows
        for cell in row.cells
        for w in cell.words
        if w.confidence is not None
    ]
    if not words:
        page.issues.append(
            PageIssue(stage=STAGE, category="no_text", message="no text found on the page")
        )
    elif _mean_confidence(words) < LOW_PAGE:
        page.issues.append(
            PageIssue(
                stage=STAGE,
                category="low_confidence",
                message=f"mean OCR confidence {_mean_confidence(words):.0f}",
            )
        )
    return page
