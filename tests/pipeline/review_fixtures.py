"""A small real run to review (the seed text and one born-digital sample PDF), and the review
app served from it as a user starts it (``thaieval review DIR --port 0``)."""

from __future__ import annotations

import contextlib
import csv
import json
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, SEED, run_cli

PDF = ROOT / "samples" / "archive" / "text" / "nongchok-2567.pdf"
INPUTS = (str(SEED), str(PDF.relative_to(ROOT)))


def run_sample(out: Path, *extra: str) -> None:
    """``thaieval run`` on the two inputs into ``out``; fails the test when it fails."""
    done = run_cli("run", *INPUTS, "--out", str(out), "--workers", "1", *extra)
    assert done.returncode == 0, done.stderr


def copy_run(source: Path, dest: Path) -> Path:
    """A private copy of a finished run (the database and its files)."""
    shutil.copytree(source, dest)
    return dest


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


class Served:
    """The review app of one run, in its own process."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process, self.url = process, url

    def call(
        self,
        method: str,
        path: str,
        payload: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        """Status and JSON body of one request."""
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(self.url.rstrip("/") + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())


@contextlib.contextmanager
def serving(out: Path, *extra: str) -> Iterator[Served]:
    """``thaieval review OUT --port 0`` until the block ends (stopped as Ctrl-C would)."""
    exe = Path(sys.executable).with_name("thaieval")
    process = subprocess.Popen(
        [str(exe), "review", str(out), "--port", "0", *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert match, f"no address in {line!r}: {process.stderr.read() if process.stderr else ''}"
        served = Served(process, match.group(0))
        deadline = time.monotonic() + 30
        while True:  # uvicorn starts serving a moment after the line is printed
            try:
                if served.call("GET", "/api/meta")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            assert time.monotonic() < deadline, "the review app did not answer"
            time.sleep(0.1)
        yield served
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def pdf_sha(out: Path) -> str:
    """The sha256 of the run's born-digital document."""
    return next(d["sha256"] for d in read_csv(out / "documents.csv") if d["method"] == "text")
