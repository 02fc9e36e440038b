"""Seconds of the review queue on a run: one full build, then ``GET /api/items`` of the app as
a user starts it (``thaieval review COPY --port 0``): the first read, two reads with nothing
changed, and a read after one decision. The run is copied first; the decision goes to the copy.

    .venv/bin/python -m thaieval.pipeline.bench.review_queue /tmp/q/out

>>> bench_queue(Path("out"))["unchanged"]  # doctest: +SKIP
0.02
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from thaieval.pipeline.review.decide import connect
from thaieval.pipeline.review.queue import build_queue

__all__ = ["bench_queue"]


def _call(url: str, payload: dict[str, Any] | None = None) -> Any:
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(url, data=data, method="GET" if data is None else "POST")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=300) as response:
        return json.loads(response.read())


def _timed(url: str) -> tuple[float, list[dict[str, Any]]]:
    start = time.perf_counter()
    items = _call(url + "api/items")["items"]
    return time.perf_counter() - start, items


def bench_queue(run: Path) -> dict[str, Any]:
    """Seconds of each read (and counts) on a copy of ``run``."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        shutil.copytree(run, out)
        db = connect(out / "dataset.sqlite")
        try:
            start = time.perf_counter()
            built = build_queue(db)
            full = time.perf_counter() - start
            documents = db.execute('SELECT COUNT(*) FROM "documents"').fetchone()[0]
        finally:
            db.close()
        exe = Path(sys.executable).with_name("thaieval")
        process = subprocess.Popen(
            [str(exe), "review", str(out), "--port", "0"], stdout=subprocess.PIPE, text=True
        )
        try:
            assert process.stdout is not None
            found = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline())
            assert found, "the review app printed no address"
            url = found.group(0)
            for _ in range(300):  # uvicorn serves a moment after the line is printed
                try:
                    _call(url + "api/meta")
                    break
                except OSError:
                    time.sleep(0.1)
            first, items = _timed(url)
            unchanged = min(_timed(url)[0] for _ in range(2))
            wanted = next(i for i in items if i["correctable"] and i["state"] == "open")
            decision = {"decision": "accepted", "who": "bench", "base": ""}
            _call(url + f"api/items/{wanted['id']}/decision", decision)
            after, items = _timed(url)
            shown = next(i for i in items if i["id"] == wanted["id"])
            assert shown["state"] == "decided", "the decision is not in the next read"
        finally:
            process.terminate()
            process.wait(timeout=60)
    return {
        "documents": documents,
        "items": len(built),
        "build_queue": round(full, 3),
        "first": round(first, 3),
        "unchanged": round(unchanged, 3),
        "after_decision": round(after, 3),
    }


if __name__ == "__main__":
    print(json.dumps(bench_queue(Path(sys.argv[1]))))
