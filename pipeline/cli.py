"""``thaieval``: the command line of the contract (run, eval, report, samples).

Exit status: 0 when every input was processed, 1 when one failed (its error is in
documents.csv), 2 for a usage error. Bad input never prints a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from pipeline.errors import ExitCode
from pipeline.ingest import discover
from pipeline.process import Options
from pipeline.runner import run_batch
from schemas.records import DocumentResult

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Extract verified datasets from Thai government evaluation forms.",
)


def _progress() -> Progress | None:
    """Progress bars (documents and pages, with ETA) on a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        return None
    return Progress(
        TextColumn("[bold]{task.description:>9}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (searched recursively).")],
    out: Annotated[Path, typer.Option("--out", help="Output folder (created if missing).")],
    workers: Annotated[
        int, typer.Option(help="Worker processes (default: the machine's cores).")
    ] = 0,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address, e.g. tcp://host:8786.")
    ] = None,
    timeout: Annotated[float | None, typer.Option(help="Seconds allowed per document.")] = None,
    force: Annotated[bool, typer.Option(help="Process documents again even when done.")] = False,
    force_ocr: Annotated[
        bool, typer.Option("--force-ocr", help="OCR every page, ignoring text layers.")
    ] = False,
    dpi: Annotated[int, typer.Option(help="Rendering resolution for OCR.")] = 300,
) -> None:
    """Process INPUT files into the dataset in OUT."""
    files, missing = discover(inputs)
    for name in missing:
        typer.echo(f"thaieval: no such file or folder: {name}", err=True)
    if missing:
        raise typer.Exit(ExitCode.usage)
    if dpi < 50 or dpi > 1200:
        typer.echo("thaieval: --dpi must be between 50 and 1200", err=True)
        raise typer.Exit(ExitCode.usage)
    n_workers = workers if workers > 0 else (os.cpu_count() or 1)
    options = Options(dpi=dpi, force_ocr=force_ocr)
    progress = _progress()
    docs_task = pages_task = None

    def on_start(documents: int, pages: int) -> None:
        nonlocal docs_task, pages_task
        if progress is not None:
            progress.start()
            docs_task = progress.add_task("documents", total=documents)
            pages_task = progress.add_task("pages", total=pages)

    def on_result(result: DocumentResult) -> None:
        if progress is not None and docs_task is not None:
            progress.update(docs_task, advance=1)

    def on_pages(count: int) -> None:
        if progress is not None and pages_task is not None:
            progress.update(pages_task, advance=count)

    try:
        summary = run_batch(
            files,
            out,
            options,
            workers=n_workers,
            scheduler=scheduler,
            timeout=timeout,
            force=force,
            on_result=on_result,
            on_start=on_start,
            on_pages=on_pages,
        )
    finally:
        if progress is not None:
            progress.stop()
    _write_report(out)
    typer.echo(summary.line(), err=True)
    raise typer.Exit(ExitCode.input_failed if summary.failures else ExitCode.ok)


def _write_report(out: Path) -> None:
    """The review report of the run; a failure here never costs the dataset."""
    from pipeline.report import build_report

    try:
        build_report(out)
    except Exception as exc:
        typer.echo(f"thaieval: report.html not written ({type(exc).__name__}: {exc})", err=True)


@app.command("eval")
def eval_(
    out_dir: Annotated[Path, typer.Argument(help="A folder `thaieval run` wrote.")],
    truth: Annotated[Path, typer.Option("--truth", help="Folder of *.truth.json files.")],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Where to write the JSON report.")
    ] = None,
    min_form_recall: Annotated[float | None, typer.Option()] = None,
    min_numeric_exact: Annotated[float | None, typer.Option()] = None,
    max_text_cer: Annotated[float | None, typer.Option()] = None,
    min_flag_recall: Annotated[float | None, typer.Option()] = None,
    max_false_errors: Annotated[int | None, typer.Option()] = None,
    group: Annotated[
        str, typer.Option(help="The column the thresholds apply to (text, damaged, scan300 …).")
    ] = "all",
    diff: Annotated[
        bool, typer.Option("--diff", help="List every wrong value: where, truth ≠ found.")
    ] = False,
) -> None:
    """Score a dataset against ground truth; non-zero below the thresholds given."""
    from pipeline.evaluate import eval_command

    if not (out_dir / "forms.csv").is_file() or not truth.is_dir():
        typer.echo(f"thaieval: {out_dir} holds no dataset or {truth} is not a folder", err=True)
        raise typer.Exit(ExitCode.usage)
    status = eval_command(
        out_dir,
        truth,
        json_out=json_out,
        min_form_recall=min_form_recall,
        min_numeric_exact=min_numeric_exact,
        max_text_cer=max_text_cer,
        min_flag_recall=min_flag_recall,
        max_false_errors=max_false_errors,
        group=group,
        diff=diff,
    )
    raise typer.Exit(status)


@app.command()
def report(out_dir: Annotated[Path, typer.Argument(help="A folder `thaieval run` wrote.")]) -> None:
    """Rebuild OUT_DIR/report.html from dataset.sqlite (no OCR is run)."""
    from pipeline.report import build_report

    if not (out_dir / "dataset.sqlite").is_file():
        typer.echo(f"thaieval: {out_dir} holds no dataset.sqlite", err=True)
        raise typer.Exit(ExitCode.usage)
    path = build_report(out_dir)
    typer.echo(f"thaieval: wrote {path}", err=True)


def main() -> None:
    """Console entry point."""
    app()


if __name__ == "__main__":
    main()
