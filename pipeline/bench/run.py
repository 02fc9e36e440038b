"""``make bench``: speed measured side by side in one run, since the machines are shared and noisy.

1. Born-digital samples, clean layers and damaged ones apart (a damaged page's lost marks
   are read by OCR): the whole pipeline (pages/s) and the text-layer reader beside
   pdfplumber's own ``extract_words`` on the same pages.
2. Scanned samples: the pipeline's seconds per page beside a plain ``tesseract IMAGE - -l
   tha+eng`` on the same page images, wall clock and CPU (the two alternate document by
   document).
3. Workers: pages/s with 1 and with 2 worker processes on the scanned samples.
4. Memory: peak resident memory of the run's processes on a 100-page scanned document.

``python -m thaieval.pipeline.bench.run [--samples DIR] [--quick] [--parts born,scanned]`` prints a table
and writes
``bench/_output/bench.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import cv2

from thaieval.pipeline.ingest.files import InputFile
from thaieval.pipeline.pages.images import iter_page_images
from thaieval.pipeline.run.batch import run_batch
from thaieval.pipeline.run.process import Options

__all__ = ["main"]

SCAN_VARIANTS = {"scan300", "scan200"}
PARTS = ("born", "scanned", "workers", "memory")

# Runs argv[1:] and prints the peak RSS (KiB) of its process tree, with its stderr passed on.
_PEAK_OF_CHILD = (
    "import resource, subprocess, sys; "
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)"
)


def _files(samples: Path, variants: set[str]) -> list[Path]:
    out = []
    for truth in sorted(samples.rglob("*.truth.json")):
        doc = json.loads(truth.read_text(encoding="utf-8"))
        path = truth.parent / doc["file"]
        if doc["variant"] in variants and path.suffix.lower() == ".pdf" and path.is_file():
            out.append(path)
    return out


def _run(files: list[Path], workers: int, force_pool: bool = False) -> tuple[float, int]:
    """Seconds and pages for a fresh ``run_batch`` over ``files``."""
    with tempfile.TemporaryDirectory(prefix="thaieval-bench-") as tmp:
        start = time.perf_counter()
        summary = run_batch(
            [InputFile(p, str(p)) for p in files],
            Path(tmp),
            Options(),
            workers=workers,
            timeout=3600 if force_pool else None,
        )
        return time.perf_counter() - start, summary.pages


def bench_born_digital(files: list[Path]) -> dict[str, Any]:
    from thaieval.pipeline.bench.text_layer import bench_text_layer

    layer = bench_text_layer(files)
    seconds, pages = _run(files, workers=1)
    return {
        "files": len(files),
        "pages": pages,
        "pipeline_pages_per_s": round(pages / seconds, 2),
        "text_layer_s": round(float(layer["text_layer_s"]), 2),
        "pdfplumber_extract_words_s": round(float(layer["extract_words_s"]), 2),
        "ratio_text_layer_vs_extract_words": round(float(layer["ratio"]), 2),
        "ratio_pipeline_vs_extract_words": round(seconds / float(layer["extract_words_s"]), 2),
    }


def _cpu_seconds() -> float:
    """CPU seconds used so far by this process and the children it waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _tesseract_seconds(images: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds of ``tesseract IMAGE - -l tha+eng``, one run per page image."""
    exe = shutil.which("tesseract") or "tesseract"
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start, cpu = time.perf_counter(), _cpu_seconds()
    for image in images:
        subprocess.run(
            [exe, str(image), "-", "-l", "tha+eng"],
            capture_output=True,
            check=True,
            env=env,
            timeout=600,
        )
    return time.perf_counter() - start, _cpu_seconds() - cpu


def bench_scanned(files: list[Path]) -> dict[str, Any]:
    """Seconds per page, wall clock and CPU, of plain tesseract and of the whole pipeline
    (one worker, in this process) on the same page images.

    The two alternate document by document (plain first for one, the pipeline first for the
    next), so a change of load on a shared machine falls on both sides alike; CPU seconds
    (this process and its children) are the steadier figure when the machine is busy.
    """
    plain = [0.0, 0.0]  # wall, CPU
    ours = [0.0, 0.0]
    images_read = pages_read = 0
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with tempfile.TemporaryDirectory(prefix="thaieval-bench-img-") as tmp:
        for index, path in enumerate(files):
            images = []
            for page in iter_page_images(path):
                target = Path(tmp) / f"{path.stem}-{page.number}.png"
                cv2.imwrite(str(target), page.image)
                images.append(target)
            images_read += len(images)

            def run_plain(images: list[Path] = images) -> None:
                wall, cpu = _tesseract_seconds(images)
                plain[0] += wall
                plain[1] += cpu

            def run_ours(path: Path = path) -> None:
                nonlocal pages_read
                cpu = _cpu_seconds()
                wall, pages = _run([path], workers=1)
                ours[0] += wall
                ours[1] += _cpu_seconds() - cpu
                pages_read += pages

            for step in (run_plain, run_ours) if index % 2 == 0 else (run_ours, run_plain):
                step()
    n, done = max(images_read, 1), max(pages_read, 1)
    return {
        "files": len(files),
        "pages": images_read,
        "tesseract_s_per_page": round(plain[0] / n, 3),
        "pipeline_s_per_page": round(ours[0] / done, 3),
        "ratio_pipeline_vs_tesseract": round((ours[0] / done) / (plain[0] / n), 2),
        "tesseract_cpu_s_per_page": round(plain[1] / n, 3),
        "pipeline_cpu_s_per_page": round(ours[1] / done, 3),
        "ratio_cpu": round((ours[1] / done) / (plain[1] / n), 2),
    }


def bench_workers(files: list[Path]) -> dict[str, Any]:
    one, pages = _run(files, workers=1, force_pool=True)
    two, _ = _run(files, workers=2, force_pool=True)
    return {
        "pages": pages,
        "pages_per_s_1_worker": round(pages / one, 3),
        "pages_per_s_2_workers": round(pages / two, 3),
        "speedup": round(one / two, 2),
    }


def bench_memory(scan: Path, pages: int = 100) -> dict[str, Any]:
    """Peak RSS over the run's processes for a ``pages``-page scanned PDF (``scan`` repeated)."""
    import pikepdf

    with tempfile.TemporaryDirectory(prefix="thaieval-bench-mem-") as tmp:
        big = Path(tmp) / "hundred_pages.pdf"
        with pikepdf.open(scan) as src, pikepdf.new() as dst:
            while len(dst.pages) < pages:
                for page in src.pages:
                    if len(dst.pages) < pages:
                        dst.pages.append(page)
            dst.save(big)
        exe = Path(sys.executable).with_name("thaieval")
        start = time.perf_counter()
        # The run goes through a wrapper process that reports its own children's peak: this
        # process's RUSAGE_CHILDREN also holds every earlier part's children (the born-digital
        # and worker runs), whose peak it would report instead.
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                _PEAK_OF_CHILD,
                str(exe),
                "run",
                str(big),
                "--out",
                str(Path(tmp) / "out"),
                "--workers",
                "2",
                "--force",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
    peak_kib = int(proc.stdout.strip().splitlines()[-1]) if proc.stdout.strip() else 0
    return {
        "pages": pages,
        "seconds": round(seconds, 1),
        "exit_status": proc.returncode,
        "peak_rss_mib": round(peak_kib / 1024, 1),
        "summary": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m thaieval.pipeline.bench.run")
    parser.add_argument("--samples", type=Path, default=Path("samples/archive"))
    parser.add_argument("--quick", action="store_true", help="skip the 100-page memory run")
    parser.add_argument(
        "--parts", default=",".join(PARTS), help=f"which measurements, of {','.join(PARTS)}"
    )
    parser.add_argument("--out", type=Path, default=Path("bench/_output/bench.json"))
    args = parser.parse_args(argv)
    if not list(args.samples.rglob("*.truth.json")):
        print(f"no samples with truth under {args.samples}", file=sys.stderr)
        return 2
    parts = set(args.parts.split(",")) - ({"memory"} if args.quick else set())
    results: dict[str, Any] = {}
    scans = _files(args.samples, SCAN_VARIANTS)
    if "born" in parts:
        for name, variant in (("born_digital", "text"), ("born_digital_damaged", "text-damaged")):
            files = _files(args.samples, {variant})
            if files:
                results[name] = bench_born_digital(files)
                print(f"{name}:", json.dumps(results[name], ensure_ascii=False), flush=True)
    if "scanned" in parts and scans:
        results["scanned"] = bench_scanned(scans)
        print("scanned:", json.dumps(results["scanned"]), flush=True)
    if "workers" in parts and scans:
        results["workers"] = bench_workers(scans)
        print("workers:", json.dumps(results["workers"]), flush=True)
    if "memory" in parts and scans:
        results["memory"] = bench_memory(scans[0])
        print("memory:", json.dumps(results["memory"], ensure_ascii=False), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
