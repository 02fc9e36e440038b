"""The review queue kept between requests, rebuilt only for the documents that changed.

Building the queue parses every document's reading and reads its rows (about 30 ms a
document), so the app keeps each document's items and, on every read, asks the store for
one small *stamp* per document: its ``documents`` row (with its rowid), its reading's rowid
and size, and the count and last rowid of its flags and of its decisions. A document whose
stamp changed — a decision (here or by another reviewer's process), an import of
corrections, a re-run of the batch, ``--force`` — is rebuilt; a document that is gone is
dropped; the rest is served as kept. The stamp reads only indexed columns, so an unchanged
archive of thousands of documents costs a few small queries per read.

>>> cache = QueueCache()
>>> items = cache.items(sqlite3.connect(":memory:"))  # doctest: +SKIP
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

from thaieval.pipeline.review.corrections import ensure_table, in_force
from thaieval.pipeline.review.queue import Item, build_document, document_rows
from thaieval.pipeline.review.reading import ensure_table as ensure_readings

__all__ = ["QueueCache", "stamps"]

Stamp = tuple[Any, ...]


def _grouped(db: sqlite3.Connection, sql: str) -> dict[Any, tuple[Any, ...]]:
    return {r[0]: tuple(r[1:]) for r in db.execute(sql)}


def stamps(db: sqlite3.Connection) -> dict[str, Stamp]:
    """Per document: its source path (the queue's order), then values that change whenever
    anything its queue items show changes.

    A re-run replaces the document's rows (new rowids, new ``seconds``) and its reading; a
    decision or an import adds a ``corrections`` row and rewrites the document's flags.
    """
    docs = db.execute('SELECT rowid, * FROM "documents"').fetchall()
    readings = _grouped(db, 'SELECT "document_id", rowid, length("forms") FROM "readings"')
    flags = _grouped(
        db, 'SELECT "document_id", COUNT(*), MAX(rowid) FROM "flags" GROUP BY "document_id"'
    )
    decisions = _grouped(
        db, 'SELECT "sha256", COUNT(*), MAX(rowid) FROM "corrections" GROUP BY "sha256"'
    )
    names = [c[0] for c in db.execute('SELECT rowid, * FROM "documents" LIMIT 0').description]
    at_id, at_sha = names.index("document_id"), names.index("sha256")
    return {
        row[at_id]: (
            row[names.index("source_path")],
            row,
            readings.get(row[at_id]),
            flags.get(row[at_id]),
            decisions.get(row[at_sha]),
        )
        for row in docs
    }


class QueueCache:
    """Each document's queue items, kept while the document's stamp is unchanged."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: dict[str, tuple[Stamp, list[Item]]] = {}
        self.rebuilt = 0  # documents built on the last read (for tests and timing)

    def items(self, db: sqlite3.Connection) -> list[Item]:
        """The whole queue, as :func:`~thaieval.pipeline.review.queue.build_queue` gives it."""
        ensure_table(db)
        ensure_readings(db)
        with self._lock:
            now = stamps(db)
            stale = [d for d, s in now.items() if d not in self._kept or self._kept[d][0] != s]
            for gone in set(self._kept) - set(now):
                del self._kept[gone]
            if stale:
                rows = {r["document_id"]: r for r in document_rows(db, stale)}
                decided = {}
                for sha in {r["sha256"] for r in rows.values()}:
                    decided.update(in_force(db, sha))
                for doc_id in stale:
                    doc = rows.get(doc_id)
                    built = build_document(db, doc, decided) if doc else []
                    self._kept[doc_id] = (now[doc_id], built)
            self.rebuilt = len(stale)
            order = sorted(self._kept, key=lambda d: (now[d][0], d))
            return [item for d in order for item in self._kept[d][1]]
