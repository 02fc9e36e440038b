"""Tesseract run on an image, and its output read into words with boxes in points.

One call is :func:`run_tesseract`: libtesseract in this process
(:mod:`thaieval.pipeline.ocr.tesseract_api`), else the ``tesseract`` program; a developer cache may keep its
outputs. :func:`parse_tsv` reads the TSV's symbols, :func:`merge_symbols` groups Thai
characters back into words by the plain text of the same pass, and :func:`read_words` does
all of it for a page.

>>> [w.text for w in read_words(gray, 300, lang="tha+eng", timeout=60)][:2]  # doctest: +SKIP
['แบบสรุปผลคะแนน', 'การตรวจ']
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from thaieval.parsers.layout import is_thai_char
from thaieval.pipeline.errors import OcrFailure
from thaieval.pipeline.ocr import tesseract_api
from thaieval.pipeline.pages.images import GrayImage
from thaieval.schemas.page import Box, Word

__all__ = [
    "Symbol",
    "merge_symbols",
    "parse_tsv",
    "px_box",
    "read_words",
    "run_tesseract",
    "without_mark_lines",
]

# A page is read once at no more than this resolution: measured in 7933cb0, text as good as at
# 300 dpi in half the time.
PAGE_PASS_DPI = 200.0
# Where tesseract gives no word breaks, a gap of this many line heights starts a word: Thai
# letters close up more than Latin ones (skeleton, f62841c; no measurement recorded).
THAI_WORD_GAP = 0.5
WORD_GAP = 0.15


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

    In this process through libtesseract (:mod:`thaieval.pipeline.ocr.tesseract_api`: one engine per
    language, kept for every call, the same outputs as the CLI); else the ``tesseract``
    program with the image as PGM on stdin. One thread (``OMP_THREAD_LIMIT=1``): pages are
    parallelised by the pipeline, and tesseract's own threads make a page slower on a busy
    machine. A failure or a timeout raises :class:`~thaieval.pipeline.errors.OcrFailure`, never an
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
        if gap > (THAI_WORD_GAP * height if thai else WORD_GAP * height):
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


# A line whose symbols are this much shorter than the page's holds marks (tone marks read as a
# line of their own); set by hand in 002a873, no sweep recorded.
MARK_LINE = 0.55


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


def px_box(box: Box, dpi: float) -> tuple[int, int, int, int]:
    """A box in points as pixel edges (left, top, right, bottom) of an image at ``dpi``.

    >>> px_box(Box(x0=36, top=72, x1=108, bottom=90), 200)
    (100, 200, 300, 250)
    """
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
