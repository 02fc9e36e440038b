"""Time the text-layer reader against pdfplumber's own ``extract_words`` on the same pages.

``python -m thaieval.pipeline.bench.text_layer FILE.pdf ...`` prints the numbers as JSON.

>>> sorted(bench_text_layer([]))
['extract_words_s', 'files', 'pages', 'ratio', 'text_layer_s']
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pdfplumber

from thaieval.pipeline.pages.text_layer.read import read_text_layer

__all__ = ["bench_text_layer"]


def _extract_words_seconds(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.flush_cache()
        count = len(pdf.pages)
    return time.perf_counter() - start, count


def bench_text_layer(paths: list[Path]) -> dict[str, float | int]:
    """Seconds for :func:`read_text_layer` and for plain ``extract_words`` over ``paths``,
    run one after the other in this process, and their ratio (aim: under 2).

    The baseline runs first, so the dictionary loading of the reader is counted against it.
    """
    baseline = reader = 0.0
    pages = 0
    for path in paths:
        seconds, count = _extract_words_seconds(path)
        baseline += seconds
        pages += count
        start = time.perf_counter()
        read_text_layer(path)
        reader += time.perf_counter() - start
    return {
        "files": len(paths),
        "pages": pages,
        "text_layer_s": reader,
        "extract_words_s": baseline,
        "ratio": reader / baseline if baseline else 0.0,
    }


if __name__ == "__main__":
    result = bench_text_layer([Path(p) for p in sys.argv[1:]])
    print(json.dumps({k: round(v, 3) for k, v in result.items()}, indent=2))
