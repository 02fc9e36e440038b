"""``thaieval``: the command line of the contract (run, eval, report).

Exit status: 0 when every input was processed, 1 when one failed (its error is in
documents.csv), 2 for a usage error (a bad option, an output folder or scheduler that cannot
be used), 130 when interrupted (Ctrl-C; what was finished is saved). Never a traceback.
"""

from __future__ import annotations

import os
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from typer.core import TyperCommand

from thaieval.pipeline.errors import ExitCode, OutputError
from thaieval.pipeline.evaluate.score import GROUP_ORDER
from thaieval.pipeline.ingest.files import discover
from thaieval.pipeline.report.budget import DETAIL_MB
from thaieval.pipeline.review.cli import register as register_review
from thaieval.pipeline.run.batch import RunSummary, plural, run_batch
from thaieval.pipeline.run.cli_checks import check_out_dir, choice, in_out_dir, positive_seconds
from thaieval.pipeline.run.process import Options
from thaieval.schemas.records import DocumentResult

EPILOG = """\b
Exit status: 0 every input processed (flags are data, not failures); 1 at least one
input failed (its error is in DIR/documents.csv); 2 usage error; 130 interrupted.
\b
Example:
  thaieval run scans/ ocr-text/ --out dataset/
  thaieval report dataset/
"""
SHOWN = 5  # failed or skipped files named on the terminal; the rest are counted


class _Command(TyperCommand):
    """Usage lines as users expect them (``run [OPTIONS] INPUT...``), without type tags."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.param_type_name == "argument":
                param.display_type_rich = lambda ctx: None  # type: ignore[attr-defined]

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar or "[OPTIONS]"]
        pieces += [p.metavar or "" for p in self.params if p.param_type_name == "argument"]
        return pieces


def _version(value: bool) -> None:
    if value:
        try:
            typer.echo(f"thaieval {version('thaieval')}")
        except PackageNotFoundError:
            typer.echo("thaieval (not installed)")
        raise typer.Exit()


app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help="Extract verified datasets from Thai government evaluation forms.",
    epilog=EPILOG,
)


@app.callback()
def _main(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Extract verified datasets from Thai government evaluation forms."""


def _progress(quiet: bool) -> Progress | None:
    """Progress bars (documents and pages, with ETA) on a terminal; nothing otherwise."""
    if quiet or not sys.stderr.isatty():
        return None
    return Progress(
        TextColumn("[bold]{task.description:>9}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def _say(text: str) -> None:
    typer.echo(text, err=True)


def _fail(message: str) -> typer.Exit:
    _say(f"thaieval: {message}")
    return typer.Exit(ExitCode.usage)


@app.command(cls=_Command, epilog=EPILOG)
def run(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT...",
            help="PDF, PNG, JPEG, TIFF, .txt or .md files, or folders (searched recursively).",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", metavar="DIR", help="Output folder (created if missing)."),
    ],
    workers: Annotated[
        int,
        typer.Option(
            metavar="N", min=0, help="Worker processes; 0 = one per core.", show_default=False
        ),
    ] = 0,
    scheduler: Annotated[
        str | None,
        typer.Option(metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786."),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(metavar="S", callback=positive_seconds, help="Seconds allowed per document."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Process documents again even when done.")
    ] = False,
    force_ocr: Annotated[
        bool, typer.Option("--force-ocr", help="OCR every page of a PDF, ignoring text layers.")
    ] = False,
    dpi: Annotated[
        int, typer.Option(metavar="N", min=50, max=1200, help="Rendering resolution for OCR.")
    ] = 300,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only errors: no progress, no summary.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="A line per document as it finishes.")
    ] = False,
) -> None:
    """Process INPUT files into the dataset in DIR.

    A second run into the same DIR skips the documents already done; a PDF done with another
    --dpi or --force-ocr is read again. Files of kinds thaieval does not read are listed in
    DIR/skipped.csv.
    """
    found = discover(inputs, exclude=out)
    for folder in found.empty_folders:
        _say(f"thaieval: {folder} is an empty folder: nothing to read there")
    inside = [p for p in found.problems if p.source_path not in inputs]  # broken links
    if not (found.files or found.skipped or inside):
        for problem in found.problems:
            _say(f"thaieval: {problem.source_path}: {problem.error}")
        raise _fail("no input files to read")
    n_workers = workers if workers > 0 else (os.cpu_count() or 1)
    progress = _progress(quiet)
    docs_task = pages_task = None

    def on_start(documents: int, pages: int) -> None:
        nonlocal docs_task, pages_task
        if progress is not None:
            progress.start()
            docs_task = progress.add_task("documents", total=documents)
            pages_task = progress.add_task("pages", total=pages)

    def on_result(result: DocumentResult) -> None:
        doc = result.document
        if verbose:
            what = doc.error if doc.status == "failed" else plural(len(result.forms), "form")
            line = f"thaieval: {doc.status} {doc.source_path}: {what}"
            if progress is not None:  # above the bars, not through them
                progress.console.print(line, markup=False, highlight=False)
            else:
                _say(line)
        if progress is not None and docs_task is not None:
            progress.update(docs_task, advance=1)

    def on_pages(count: int) -> None:
        if progress is not None and pages_task is not None:
            progress.update(pages_task, advance=count)

    try:
        summary = in_out_dir(
            out,
            lambda: run_batch(
                found,
                out,
                Options(dpi=dpi, force_ocr=force_ocr),
                workers=n_workers,
                scheduler=scheduler,
                timeout=timeout,
                force=force,
                on_result=on_result,
                on_start=on_start,
                on_pages=on_pages,
            ),
        )
    except OutputError as exc:  # a bad folder, no scheduler, the dataset is not a database …
        raise _fail(str(exc)) from None
    except OSError as exc:  # the disk filled up, the folder went away …
        raise _fail(f"cannot write the dataset in {out}: {exc.strerror or exc}") from None
    finally:
        if progress is not None:
            progress.stop()
    if summary.interrupted:
        _say(
            f"thaieval: interrupted: {plural(summary.documents, 'document')} saved, "
            f"{summary.not_finished} not finished; the CSV files in {out} hold what is saved "
            "(run the same command again to finish)"
        )
        raise typer.Exit(ExitCode.interrupted)
    _write_report(out)
    if not quiet:
        _tell(summary, out)
    _name_failures(summary, out)
    raise typer.Exit(ExitCode.input_failed if summary.failures else ExitCode.ok)


def _tell(summary: RunSummary, out: Path) -> None:
    _say(summary.line())
    if summary.redone:
        _say(
            f"thaieval: {plural(summary.redone, 'document')} read again: "
            "done before with another --dpi or --force-ocr"
        )


def _name_failures(summary: RunSummary, out: Path) -> None:
    """The failed files, the first few by name (all are in documents.csv and run.log)."""
    if not summary.failed:
        return
    _say(f"thaieval: {plural(len(summary.failed), 'input')} failed:")
    for source_path, error in summary.failed[:SHOWN]:
        _say(f"  {source_path}: {error}")
    if len(summary.failed) > SHOWN:
        _say(f"  … and {len(summary.failed) - SHOWN} more (see {out / 'documents.csv'})")


def _write_report(out: Path) -> None:
    """The review report of the run; a failure here never costs the dataset."""
    from thaieval.pipeline.report.build import build_report

    try:
        build_report(out)
    except Exception as exc:
        _say(f"thaieval: report.html not written ({type(exc).__name__}: {exc})")


@app.command("eval", cls=_Command)
def eval_(
    out_dir: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="A folder `thaieval run` wrote.", show_default=False),
    ],
    truth: Annotated[
        Path, typer.Option("--truth", metavar="TRUTH_DIR", help="Folder of *.truth.json files.")
    ],
    json_out: Annotated[
        Path | None,
        typer.Option(
            "--json", metavar="FILE", help="Where to write the JSON report [DIR/eval.json]."
        ),
    ] = None,
    min_form_recall: Annotated[float | None, typer.Option(metavar="PCT")] = None,
    min_numeric_exact: Annotated[float | None, typer.Option(metavar="PCT")] = None,
    max_text_cer: Annotated[float | None, typer.Option(metavar="PCT")] = None,
    min_flag_recall: Annotated[float | None, typer.Option(metavar="PCT")] = None,
    max_false_errors: Annotated[int | None, typer.Option(metavar="N", min=0)] = None,
    group: Annotated[
        str,
        typer.Option(
            metavar="GROUP",
            callback=choice(*GROUP_ORDER),
            help=f"The column the thresholds apply to: {', '.join(GROUP_ORDER)}.",
        ),
    ] = "all",
    diff: Annotated[
        bool, typer.Option("--diff", help="List every wrong value: where, truth ≠ found.")
    ] = False,
) -> None:
    """Score a dataset against ground truth; exit 1 below the thresholds given."""
    from thaieval.pipeline.evaluate.run import eval_command

    if not (out_dir / "forms.csv").is_file() or not truth.is_dir():
        raise _fail(f"{out_dir} holds no dataset or {truth} is not a folder")
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


@app.command(cls=_Command)
def report(
    out_dir: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="A folder `thaieval run` wrote.", show_default=False),
    ],
    max_mb: Annotated[
        float,
        typer.Option(
            "--max-mb",
            metavar="MB",
            min=0.0,
            help="Megabytes of per-form detail (tables, flags, crops) the report holds; "
            "forms past it are counted, not shown.",
        ),
    ] = DETAIL_MB,
) -> None:
    """Rebuild DIR/report.html from DIR/dataset.sqlite (no OCR is run)."""
    from thaieval.pipeline.report.build import build_report

    if not (out_dir / "dataset.sqlite").is_file():
        raise _fail(f"{out_dir} holds no dataset.sqlite")
    try:
        check_out_dir(out_dir, create=False)
        path = build_report(out_dir, max_mb)
    except OutputError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"cannot write {out_dir / 'report.html'}: {exc.strerror or exc}") from None
    _say(f"thaieval: wrote {path}")


register_review(app, _Command)  # thaieval review DIR, thaieval corrections export|import


def main() -> None:
    """Console entry point: Ctrl-C anywhere ends with exit 130 and one line, never a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        _say("thaieval: interrupted")
        sys.exit(ExitCode.interrupted)


if __name__ == "__main__":
    main()
