"""The review app's web server (Starlette, served by uvicorn): the page and a small JSON API.

Routes: ``GET /`` the page; ``GET /api/items`` the queue (kept between requests, rebuilt for
the documents that changed: :mod:`~thaieval.pipeline.review.queue_cache`);
``GET /api/items/{id}`` one item;
``GET /api/items/{id}/evidence`` its crop (or source lines); ``POST /api/items/{id}/decision``
a decision (``{"decision", "value", "who", "note", "base"}``: 200, or 400 / 404 / 409 with a
message in Thai and English); ``POST /api/export`` the dataset's files written now.

Bound to a loopback address, it answers only requests addressed to this machine by name
(``Host: localhost`` or ``127.0.0.1``): a page elsewhere that makes a browser send a request
here by another name (DNS rebinding) or from another origin gets 403 and changes nothing.
Exports are written a moment after the last decision (and when the server stops), so a burst
of decisions writes the CSV, Parquet and xlsx files once; ``report.html`` is rebuilt when the
server stops after a session with decisions.

>>> allowed_host("127.0.0.1:8765"), allowed_host("localhost"), allowed_host("evil.example:8765")
(True, True, False)
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from thaieval.pipeline.report.source import SourceLookup
from thaieval.pipeline.review.corrections import history
from thaieval.pipeline.review.decide import Problem, connect, decide, unknown_item
from thaieval.pipeline.review.queue import find_item
from thaieval.pipeline.review.queue_cache import QueueCache

__all__ = ["LOOPBACK", "Exporter", "HostGuard", "allowed_host", "create_app"]

STATIC = Path(__file__).with_name("static")
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_BODY = 64 * 1024


def allowed_host(value: str) -> bool:
    """Whether a ``Host`` header (or an origin's host) names this machine."""
    host = value.strip().lower()
    if host.startswith("["):
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host in LOOPBACK


class HostGuard:
    """ASGI middleware: 403 for a request not addressed to localhost, or sent from a page of
    another origin."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        origin = headers.get("origin", "")
        problem = None
        if not allowed_host(host):
            problem = Problem(
                403,
                "foreign_host",
                f"this review app answers only requests addressed to localhost or 127.0.0.1, "
                f"not {host or 'no host'!r}: open it at http://127.0.0.1:<port>/ on this machine",
                f"แอปตรวจทานนี้ตอบเฉพาะคำขอที่ส่งถึง localhost หรือ 127.0.0.1 "
                f"ไม่ใช่ {host or 'ไม่ระบุโฮสต์'!r} โปรดเปิดที่ http://127.0.0.1:<พอร์ต>/ บนเครื่องนี้",
            )
        elif origin and origin != "null" and not allowed_host(urlsplit(origin).netloc):
            problem = Problem(
                403,
                "foreign_origin",
                f"a page of {origin} may not send decisions to this review app",
                f"หน้าเว็บจาก {origin} ส่งการตัดสินมายังแอปตรวจทานนี้ไม่ได้",
            )
        if problem is not None:
            await _json(problem.payload(), problem.status)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _json(payload: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(payload, status_code=status, headers={"Cache-Control": "no-store"})


class Exporter:
    """Writes the dataset's files (CSV, Parquet, xlsx) after a quiet moment, or at once."""

    def __init__(self, out_dir: Path, delay: float) -> None:
        self.out_dir, self.delay = out_dir, delay
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self.dirty = False

    def soon(self) -> None:
        with self._lock:
            self.dirty = True
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self.now)
            self._timer.daemon = True
            self._timer.start()

    def now(self) -> list[Path]:
        from thaieval.pipeline.export.store import Store
        from thaieval.pipeline.export.tables import export_all

        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            store = Store(self.out_dir / "dataset.sqlite")
            try:
                written = export_all(store, self.out_dir)
            finally:
                store.close()
            self.dirty = False
            return written


class _State:
    def __init__(self, out_dir: Path, who: str, export_delay: float) -> None:
        self.out_dir = out_dir
        self.database = out_dir / "dataset.sqlite"
        self.who = who
        self.exporter = Exporter(out_dir, export_delay)
        self.lookup = SourceLookup(out_dir)
        self.lookup_lock = threading.Lock()  # its page cache is not thread-safe
        self.document_of: dict[str, str] = {}  # item id → document id, from the last list
        self.queue = QueueCache()  # rebuilt per document when the store says it changed
        self.decided = False  # a decision was written: report.html is rebuilt at the end


def create_app(
    out_dir: Path, *, who: str = "", export_delay: float = 2.0, local_only: bool = True
) -> ASGIApp:
    """The review app over ``out_dir/dataset.sqlite`` (guarded to localhost when
    ``local_only``: the server is bound to a loopback address)."""
    state = _State(out_dir, who, export_delay)

    def items(request: Request) -> Response:
        db = connect(state.database)
        try:
            queue = state.queue.items(db)
        finally:
            db.close()
        state.document_of = {i.id: i.document["document_id"] for i in queue}
        counts: dict[str, int] = {}
        for item in queue:
            counts[item.state] = counts.get(item.state, 0) + 1
        return _json({"items": [i.summary() for i in queue], "counts": counts})

    def _item(wanted: str) -> Any:
        db = connect(state.database)
        try:
            item = find_item(db, wanted, state.document_of.get(wanted))
            if item is None and wanted in state.document_of:  # moved: look everywhere
                item = find_item(db, wanted)
            if item is None:
                raise unknown_item(wanted)
            return item, [h.model_dump() for h in history(db, item.target)]
        finally:
            db.close()

    def item(request: Request) -> Response:
        try:
            found, past = _item(request.path_params["item_id"])
        except Problem as problem:
            return _json(problem.payload(), problem.status)
        return _json({**found.detail(), "history": past})

    def evidence(request: Request) -> Response:
        try:
            found, _ = _item(request.path_params["item_id"])
        except Problem as problem:
            return _json(problem.payload(), problem.status)
        with state.lookup_lock:
            shown = state.lookup.evidence(
                found.document,
                found.prov.page,
                found.prov.box.as_text() if found.prov.box else "",
                found.prov.line,
            )
        return _json(
            {
                "kind": shown.kind,
                "note": shown.note.th,  # the report's labels are bilingual
                "note_en": shown.note.en,
                "data_uri": shown.data_uri,
                "lines": shown.lines,
                "highlight": shown.highlight,
            }
        )

    async def decision(request: Request) -> Response:
        wanted = request.path_params["item_id"]
        try:
            body = await _body(request)
            done = await run_in_threadpool(_decide, wanted, body)
        except Problem as problem:
            return _json(problem.payload(), problem.status)
        state.decided = True
        state.exporter.soon()
        return _json(done)

    def _decide(wanted: str, body: dict[str, Any]) -> dict[str, Any]:
        db = connect(state.database)
        try:
            done = decide(db, wanted, state.document_of.get(wanted), body)
            return {**done.detail(), "history": [h.model_dump() for h in history(db, done.target)]}
        finally:
            db.close()

    async def export(request: Request) -> Response:
        written = await run_in_threadpool(state.exporter.now)
        return _json({"written": [str(p.relative_to(state.out_dir)) for p in written]})

    def meta(request: Request) -> Response:
        return _json({"dataset": str(state.out_dir.resolve()), "who": state.who})

    def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if state.exporter.dirty:  # the last decisions reach the files before the server stops
            await run_in_threadpool(state.exporter.now)
        if state.decided:
            await run_in_threadpool(_report, out_dir)

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/api/meta", meta),
            Route("/api/items", items),
            Route("/api/items/{item_id}", item),
            Route("/api/items/{item_id}/evidence", evidence),
            Route("/api/items/{item_id}/decision", decision, methods=["POST"]),
            Route("/api/export", export, methods=["POST"]),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        lifespan=lifespan,
    )
    return HostGuard(app) if local_only else app


def _report(out_dir: Path) -> None:
    """report.html with the decisions; a failure here never costs the dataset."""
    from thaieval.pipeline.report.build import build_report

    try:
        build_report(out_dir)
    except Exception as exc:
        print(
            f"thaieval review: report.html not rebuilt ({type(exc).__name__}: {exc})",
            file=sys.stderr,
        )


async def _body(request: Request) -> dict[str, Any]:
    """The request's JSON object, or a Problem saying what is wrong with it."""
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise Problem(413, "too_large", "the request is too large", "คำขอมีขนาดใหญ่เกินไป")
    try:
        body = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise Problem(400, "bad_json", "the request is not JSON", "คำขอไม่ใช่ JSON") from None
    if not isinstance(body, dict):
        raise Problem(
            400, "bad_json", "the request must be a JSON object", "คำขอต้องเป็นออบเจกต์ JSON"
        )
    return body
