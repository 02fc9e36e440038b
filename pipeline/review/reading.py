"""The reading a reviewer's decisions are applied to: each document's parsed forms, kept in
``dataset.sqlite`` beside the tables (table ``readings``, not exported).

The tables are what verify made of the parsed forms; the forms themselves hold what the
tables cannot (each value's printed text, box and confidence, the values filled from
another form), which verify needs to run again on a corrected value exactly as it ran on
the value read. :func:`keep_reading` is called by the store in the transaction that saves a
document, and attaches the document's decisions to the new reading at once.

>>> db = sqlite3.connect(":memory:")
>>> ensure_table(db); load_forms(db, "d") is None
True
"""

from __future__ import annotations

import json
import sqlite3
import zlib

from thaieval.schemas.forms import ParsedForm
from thaieval.schemas.records import DocumentResult

__all__ = ["ensure_table", "forms_json", "keep_reading", "load_forms"]


def ensure_table(db: sqlite3.Connection) -> None:
    db.execute(
        'CREATE TABLE IF NOT EXISTS "readings" ('
        '"document_id" TEXT PRIMARY KEY, "sha256" TEXT NOT NULL, "forms" BLOB NOT NULL)'
    )


def forms_json(forms: list[ParsedForm]) -> str:
    """The parsed forms as one JSON array (what ``DocumentResult.reading`` holds)."""
    return "[" + ",".join(f.model_dump_json() for f in forms) + "]"


def load_forms(db: sqlite3.Connection, document_id: str) -> list[ParsedForm] | None:
    """The document's parsed forms as the pipeline last read them; None when not kept (a
    failed document, or a dataset written before readings were kept)."""
    row = db.execute(
        'SELECT "forms" FROM "readings" WHERE "document_id" = ?', (document_id,)
    ).fetchone()
    if row is None:
        return None
    return [ParsedForm.model_validate(f) for f in json.loads(zlib.decompress(row[0]))]


def keep_reading(db: sqlite3.Connection, result: DocumentResult) -> None:
    """Keep ``result``'s reading and re-attach the document's decisions to it.

    Runs inside the store's transaction: the tables, the reading and the corrected values
    are committed together or not at all.
    """
    from thaieval.pipeline.review.apply import rewrite_document
    from thaieval.pipeline.review.corrections import ensure_table as ensure_corrections

    ensure_table(db)
    doc = result.document
    if not result.reading:
        db.execute('DELETE FROM "readings" WHERE "document_id" = ?', (doc.document_id,))
        return
    blob = zlib.compress(result.reading.encode("utf-8"), 6)
    db.execute(
        'INSERT OR REPLACE INTO "readings" ("document_id", "sha256", "forms") VALUES (?, ?, ?)',
        (doc.document_id, doc.sha256, blob),
    )
    ensure_corrections(db)
    has_decisions = db.execute(
        'SELECT 1 FROM "corrections" WHERE "sha256" = ? LIMIT 1', (doc.sha256,)
    ).fetchone()
    if has_decisions:
        rewrite_document(db, doc.document_id)
