"""Seconds per page of :func:`thaieval.pipeline.ocr.page.ocr_page` beside plain tesseract on the same pages.

Both run in the same process, page by page and interleaved, with ``OMP_THREAD_LIMIT=1``, so
a busy machine slows both alike; the ratio is the figure (aim: at most 1.3).

    .venv/bin/python -m thaieval.pipeline.bench.ocr samples/archive/*.pdf

>>> bench_ocr([Path("scan.pdf")])["ratio"]  # doctest: +SKIP
1.18
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import cv2

from thaieval.pipeline.errors import OcrFailure
from thaieval.pipeline.ocr.page import ocr_page
from thaieval.pipeline.pages.images import iter_page_images

__all__ = ["bench_ocr", "main"]


def _plain_tesseract(image_path: Path, lang: str, timeout: float) -> float:
    """Seconds for ``tesseract IMAGE - -l LANG``, its output thrown away."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrFailure("tesseract is not installed")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start = time.perf_counter()
    done = subprocess.run(
        [exe, str(image_path), "-", "-l", lang], capture_output=True, timeout=timeout, env=env
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise OcrFailure(f"plain tesseract failed on {image_path.name}")
    return seconds


def bench_ocr(images: list[Path], *, lang: str = "tha+eng", timeout: float = 300) -> dict[str, Any]:
    """Time both readers on every page of ``images`` (PDFs or image files).

    The plain run reads the page image written as PGM (no decoding cost to speak of); ours
    starts from the decoded page, so both times are OCR work only. Returns seconds per page
    for each, their ratio and the per-page figures.
    """
    per_page: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="thaieval-bench-") as tmp:
        for path in images:
            for page in iter_page_images(path):
                pgm = Path(tmp) / "page.pgm"
                cv2.imwrite(str(pgm), page.image)
                plain = _plain_tesseract(pgm, lang, timeout)
                start = time.perf_counter()
                result = ocr_page(page, lang=lang, timeout=timeout)
                ours = time.perf_counter() - start
                per_page.append(
                    {
                        "file": path.name,
                        "page": page.number,
                        "plain_s": round(plain, 3),
                        "ocr_page_s": round(ours, 3),
                        "rereads": sum(i.category == "reread" for i in result.issues),
                    }
                )
    if not per_page:
        return {"pages": 0}
    plain_mean = statistics.fmean(p["plain_s"] for p in per_page)
    ours_mean = statistics.fmean(p["ocr_page_s"] for p in per_page)
    return {
        "pages": len(per_page),
        "plain_s_per_page": round(plain_mean, 3),
        "ocr_page_s_per_page": round(ours_mean, 3),
        "ratio": round(ours_mean / plain_mean, 3),
        "per_page": per_page,
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m thaieval.pipeline.bench.ocr FILE...``: print the figures as JSON."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m thaieval.pipeline.bench.ocr FILE...", file=sys.stderr)
        return 2
    print(json.dumps(bench_ocr([Path(a) for a in args]), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
