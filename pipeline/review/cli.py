"""``thaieval review DIR`` and ``thaieval corrections export|import``, added to the main
command line by :func:`register`.

Exit status as everywhere: 0 done, 2 a usage error (no dataset, a port in use, a file that
cannot be imported: one line, nothing changed).
"""

from __future__ import annotations

import getpass
import socket
import sys
from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperCommand

from thaieval.pipeline.errors import ExitCode

__all__ = ["corrections_app", "register", "review"]

corrections_app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Export or import a dataset's review decisions as CSV.",
)

DirArg = Annotated[
    Path,
    typer.Argument(metavar="DIR", help="A folder `thaieval run` wrote.", show_default=False),
]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"thaieval: {message}", err=True)
    return typer.Exit(ExitCode.usage)


def _dataset(out_dir: Path) -> Path:
    from thaieval.pipeline.errors import OutputError
    from thaieval.pipeline.export.store import check_database

    path = out_dir / "dataset.sqlite"
    if not path.is_file():
        raise _fail(
            f"{out_dir} holds no dataset.sqlite: run `thaieval run INPUT --out {out_dir}` first"
        )
    try:
        check_database(path)
    except OutputError as exc:
        raise _fail(str(exc)) from None
    return path


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise _fail(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}): choose another --port"
        ) from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def review(
    out_dir: DirArg,
    port: Annotated[
        int, typer.Option(metavar="N", min=0, max=65535, help="Port to serve on (0: any free one).")
    ] = 8765,
    host: Annotated[
        str,
        typer.Option(
            metavar="ADDRESS",
            help="Address to bind. Another than 127.0.0.1/localhost lets other machines in.",
        ),
    ] = "127.0.0.1",
    who: Annotated[
        str, typer.Option(metavar="NAME", help="Reviewer's name shown first [your login].")
    ] = "",
) -> None:
    """Review the values the pipeline doubts, in a local web app (Thai first, English too)."""
    import sqlite3

    import uvicorn

    from thaieval.pipeline.review.decide import connect
    from thaieval.pipeline.review.reading import ensure_table
    from thaieval.pipeline.review.server import LOOPBACK, create_app

    database = _dataset(out_dir)
    try:
        db = connect(database)
        ensure_table(db)
        kept = db.execute('SELECT count(*) FROM "readings"').fetchone()[0]
        documents = db.execute('SELECT count(*) FROM "documents" WHERE status = "ok"').fetchone()[0]
        db.close()
    except sqlite3.Error as exc:
        raise _fail(f"cannot use {database}: {exc}") from None
    if documents and not kept:
        raise _fail(
            f"{out_dir} was written before readings were kept for review: run "
            f"`thaieval run INPUT --out {out_dir} --force` once, then review"
        )
    if kept < documents:
        typer.echo(
            f"thaieval review: {documents - kept} of {documents} documents were read before "
            f"readings were kept and are not in the queue: run `thaieval run INPUT --out {out_dir} "
            "--force` to review them",
            err=True,
        )
    local = host in LOOPBACK
    sock = _listen(host, port)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    typer.echo(
        f"thaieval review: http://{shown}:{bound}/ — {out_dir} "
        "(Ctrl-C to stop; each decision is saved at once)",
    )
    if not local:
        typer.echo(
            f"thaieval review: bound to {host}: anyone who can reach this machine can decide values",
            err=True,
        )
    sys.stdout.flush()
    app = create_app(out_dir, who=who or getpass.getuser(), local_only=local)
    config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


@corrections_app.command("export")
def export_command(
    out_dir: DirArg,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The CSV file to write.")],
) -> None:
    """Write every decision of DIR to FILE (CSV, the corrections table's columns)."""
    from thaieval.pipeline.review.decide import connect
    from thaieval.pipeline.review.transfer import export_corrections

    with closing(connect(_dataset(out_dir))) as db:
        try:
            count = export_corrections(db, file)
        except OSError as exc:
            raise _fail(f"cannot write {file}: {exc.strerror or exc}") from None
    typer.echo(f"thaieval: {count} decision{'s' if count != 1 else ''} written to {file}")


@corrections_app.command("import")
def import_command(
    out_dir: DirArg,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A CSV written by export.")],
) -> None:
    """Add FILE's decisions to DIR, verify the documents they change again, and re-export."""
    from thaieval.pipeline.export.store import Store
    from thaieval.pipeline.export.tables import export_all
    from thaieval.pipeline.review.decide import connect
    from thaieval.pipeline.review.transfer import ImportProblem, import_corrections

    database = _dataset(out_dir)
    with closing(connect(database)) as db:
        try:
            done = import_corrections(db, file)
        except ImportProblem as exc:
            raise _fail(str(exc)) from None
    with closing(Store(database)) as store:
        export_all(store, out_dir)
    typer.echo(
        f"thaieval: {done.added} decision(s) imported, {done.known} already there; "
        f"{done.documents} document(s) verified again"
        + (f"; {done.waiting} wait for documents not in this dataset" if done.waiting else "")
    )


def register(app: typer.Typer, command_class: type[TyperCommand] | None = None) -> None:
    """Add ``review`` and ``corrections`` to the main command line."""
    app.command("review", cls=command_class)(review)
    app.add_typer(corrections_app, name="corrections")
