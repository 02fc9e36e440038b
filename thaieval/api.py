"""The Python API: :func:`run` a batch as the command line does, :func:`load` its tables.

>>> from thaieval.api import TABLES
>>> TABLES[:3]
('documents', 'pages', 'forms')
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from thaieval.pipeline.errors import OutputError
from thaieval.pipeline.ingest.files import discover
from thaieval.pipeline.run.batch import RunSummary, run_batch
from thaieval.pipeline.run.cli_checks import in_out_dir
from thaieval.pipeline.run.process import Options

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TABLES", "RunSummary", "__version__", "load", "run"]

try:
    __version__ = version("thaieval")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

# The contract's tables first, then the ones the run adds (parquet/<name>.parquet each).
TABLES = (
    "documents",
    "pages",
    "forms",
    "indicators",
    "score_items",
    "findings",
    "flags",
    "checks",
    "skipped",
)


def run(
    paths: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    workers: int = 1,
    dpi: int = 300,
    force_ocr: bool = False,
    force: bool = False,
    scheduler: str | None = None,
    timeout: float | None = None,
    report: bool = True,
) -> RunSummary:
    """Process files and folders into the dataset in ``out``, as ``thaieval run`` does.

    A bad input file is a row of ``documents.csv`` with its error, not an exception; a bad
    ``out`` folder raises :class:`~thaieval.pipeline.errors.OutputError`. With ``report``,
    ``report.html`` is written too; a failure there is logged and never costs the dataset.
    """
    out_dir = Path(out)
    found = discover([os.fspath(p) for p in paths], exclude=out_dir)
    summary = in_out_dir(
        out_dir,
        lambda: run_batch(
            found,
            out_dir,
            Options(dpi=dpi, force_ocr=force_ocr),
            workers=max(1, workers),
            scheduler=scheduler,
            timeout=timeout,
            force=force,
        ),
    )
    if report and not summary.interrupted:
        from thaieval.pipeline.report.build import build_report

        try:
            build_report(out_dir)
        except Exception as exc:
            logging.getLogger("thaieval").warning("report.html not written: %s", exc)
    return summary


def load(out: str | os.PathLike[str]) -> dict[str, pd.DataFrame]:
    """Every table of a run's output folder as a DataFrame, typed as ``columns.csv`` says.

    Read from ``parquet/<table>.parquet``, which carries the types (text stays text, a count
    with unknowns is a nullable integer, dates are dates).
    """
    import pandas as pd

    folder = Path(out) / "parquet"
    if not folder.is_dir():
        raise OutputError(f"{out}: no parquet folder: not a thaieval output folder")
    return {
        name: pd.read_parquet(folder / f"{name}.parquet")
        for name in TABLES
        if (folder / f"{name}.parquet").exists()
    }
