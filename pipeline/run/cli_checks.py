"""What ``thaieval`` checks before it starts: option values and the output folder.

A problem here is a usage error (exit 2) told in one line, before any input is read.

>>> positive_seconds(None), positive_seconds(2.5)
(None, 2.5)
>>> try:
...     positive_seconds(-5)
... except typer.BadParameter as exc:
...     print(exc)
must be more than 0 seconds (got -5)
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer

from thaieval.pipeline.errors import OutputError
from thaieval.pipeline.export.store import check_database

__all__ = ["check_out_dir", "choice", "in_out_dir", "positive_seconds", "remove_created"]


def positive_seconds(value: float | None) -> float | None:
    if value is not None and not value > 0:
        raise typer.BadParameter(f"must be more than 0 seconds (got {value:g})")
    return value


def choice(*allowed: str) -> Callable[[str], str]:
    """A callback that accepts only ``allowed`` values."""

    def check(value: str) -> str:
        if value not in allowed:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(allowed)}")
        return value

    return check


def _first_existing(path: Path) -> Path:
    for parent in (path, *path.parents):
        if parent.exists() or parent.is_symlink():
            return parent
    return Path("/")


def check_out_dir(out: Path, create: bool = True) -> list[Path]:
    """Raise :class:`OutputError` unless ``out`` is (or can be made) a writable folder whose
    ``dataset.sqlite``, if any, is an SQLite database. Returns the folders it created,
    innermost first, so that a usage error found later can take them back
    (:func:`remove_created`)."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out} is a file, not a folder")
    existing = _first_existing(out)
    if existing != out and not existing.is_dir():
        raise OutputError(f"cannot create the output folder {out}: {existing} is not a folder")
    created = [p for p in (out, *out.parents) if not (p.exists() or p.is_symlink())]
    if create:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            remove_created(created)  # a parent made before the failing level
            raise OutputError(
                f"cannot create the output folder {out}: {exc.strerror or exc}"
            ) from None
    elif not out.is_dir():
        raise OutputError(f"{out} is not a folder")
    else:
        created = []
    try:
        try:
            tempfile.TemporaryFile(dir=out).close()
        except OSError as exc:
            raise OutputError(
                f"cannot write to the output folder {out}: {exc.strerror or exc}"
            ) from None
        check_database(out / "dataset.sqlite")
    except OutputError:
        remove_created(created)
        raise
    return created


def remove_created(folders: list[Path]) -> None:
    """Remove ``folders`` (innermost first) while they are empty: a run stopped by a usage
    error leaves no empty output folder behind, and never removes one that holds a file.

    >>> import tempfile
    >>> base = Path(tempfile.mkdtemp())
    >>> made = check_out_dir(base / "a" / "b")
    >>> [p.relative_to(base).as_posix() for p in made]
    ['a/b', 'a']
    >>> remove_created(made); sorted(base.iterdir())
    []
    >>> base.rmdir()
    """
    for folder in folders:
        try:
            folder.rmdir()
        except FileNotFoundError:
            continue
        except OSError:  # not empty: something was written there
            return


T = TypeVar("T")


def in_out_dir(out: Path, start: Callable[[], T]) -> T:
    """Check ``out`` (creating it), then ``start`` the run: what ``thaieval run`` and
    :func:`thaieval.run` both do. A folder made for a run that never started (the scheduler
    did not answer, Ctrl-C while connecting) goes again; one that holds a file stays.

    >>> import tempfile
    >>> base = Path(tempfile.mkdtemp())
    >>> def refused() -> None:
    ...     raise OutputError("no scheduler at tcp://nowhere:1")
    >>> try:
    ...     in_out_dir(base / "out", refused)
    ... except OutputError as exc:
    ...     print(exc, sorted(base.iterdir()))
    no scheduler at tcp://nowhere:1 []
    >>> base.rmdir()
    """
    created = check_out_dir(out)
    try:
        return start()
    except (OutputError, KeyboardInterrupt):
        remove_created(created)
        raise
