"""The ``corrections`` table: every decision a reviewer made, as data, never an overwrite.

A decision is a row (who, when, the value read, the value the page shows, a note); a later
decision on the same value is a new row that names the one it replaces (``supersedes``), and
the last one is in force. Rows are written one decision per transaction with an optimistic
check: a reviewer decides against the decision they saw (``base``, empty for none), and a
second reviewer of an already decided value is told who decided it, nothing written.

>>> db = sqlite3.connect(":memory:"); ensure_table(db)
>>> t = Target("ab" * 32, "1.3", "", "total_score")
>>> first = record_for(t, "corrected", "17.5", "16", "somchai")
>>> insert(db, first, base="") == first
True
>>> insert(db, record_for(t, "accepted", "17.5", "17.5", "malee"), base="")  # doctest: +ELLIPSIS
Traceback (most recent call last):
thaieval.pipeline.review.corrections.AlreadyDecided: already decided by somchai ...
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid

from thaieval.pipeline.export.store import create_sql
from thaieval.pipeline.review.keys import Target
from thaieval.pipeline.review.record import DECISIONS, CorrectionRecord

__all__ = [
    "DECISIONS",
    "AlreadyDecided",
    "CorrectionRecord",
    "all_decisions",
    "ensure_table",
    "history",
    "in_force",
    "insert",
    "record_for",
]


class AlreadyDecided(Exception):
    """Another decision was written since the one the reviewer saw."""

    def __init__(self, current: CorrectionRecord | None) -> None:
        self.current = current
        if current is None:
            text = "the decision this one replaces was withdrawn; reload the item"
        else:
            value = f" {current.value_corrected}" if current.decision == "corrected" else ""
            text = (
                f"already decided by {current.who} at {current.at}: {current.decision}{value}; "
                "reload the item to see it, then decide again to replace it"
            )
        super().__init__(text)


def ensure_table(db: sqlite3.Connection) -> None:
    db.execute(create_sql(CorrectionRecord))
    db.execute(
        'CREATE INDEX IF NOT EXISTS "ix_corrections_key" ON "corrections" '
        '("sha256", "form_key", "indicator", "field")'
    )


def record_for(
    target: Target,
    decision: str,
    value_read: str,
    value_corrected: str,
    who: str,
    note: str = "",
    document_id: str = "",
) -> CorrectionRecord:
    """A new decision, stamped now, with a fresh id."""
    return CorrectionRecord(
        decision_id=uuid.uuid4().hex,
        sha256=target.sha256,
        document_id=document_id or target.sha256[:16],
        form_key=target.form_key,
        indicator=target.indicator,
        field=target.field,
        value_read=value_read,
        value_corrected=value_corrected,
        decision=decision,  # checked against DECISIONS by callers
        who=who,
        at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        note=note,
    )


_COLUMNS = CorrectionRecord.columns()
_SELECT = "SELECT " + ", ".join(f'"{c}"' for c in _COLUMNS) + ' FROM "corrections"'


def _record(row: tuple[object, ...]) -> CorrectionRecord:
    values = {k: v for k, v in zip(_COLUMNS, row, strict=True) if v is not None}
    return CorrectionRecord(**values)


def all_decisions(db: sqlite3.Connection, sha256: str | None = None) -> list[CorrectionRecord]:
    """Every decision (of one document when ``sha256`` is given), in the order written."""
    if sha256 is None:
        rows = db.execute(f"{_SELECT} ORDER BY rowid")
    else:
        rows = db.execute(f"{_SELECT} WHERE sha256 = ? ORDER BY rowid", (sha256,))
    return [_record(r) for r in rows]


def in_force(db: sqlite3.Connection, sha256: str | None = None) -> dict[Target, CorrectionRecord]:
    """The decision in force for each value: the last one written."""
    return {r.target: r for r in all_decisions(db, sha256)}


def history(db: sqlite3.Connection, target: Target) -> list[CorrectionRecord]:
    """Every decision on ``target``, oldest first."""
    rows = db.execute(
        f"{_SELECT} WHERE sha256 = ? AND form_key = ? AND IFNULL(indicator, '') = ? "
        "AND field = ? ORDER BY rowid",
        (target.sha256, target.form_key, target.indicator, target.field),
    )
    return [_record(r) for r in rows]


def insert(db: sqlite3.Connection, record: CorrectionRecord, base: str) -> CorrectionRecord:
    """Write ``record`` if the decision in force is still ``base`` ("" for none).

    Call it inside a write transaction (``BEGIN IMMEDIATE``) so that no other writer can
    slip in between the check and the insert; raises :class:`AlreadyDecided` otherwise.
    """
    past = history(db, record.target)
    current = past[-1] if past else None
    if (current.decision_id if current else "") != (base or ""):
        raise AlreadyDecided(current)
    record = record.model_copy(update={"supersedes": current.decision_id if current else ""})
    write(db, [record])
    return record


def write(db: sqlite3.Connection, records: list[CorrectionRecord]) -> None:
    """Append ``records`` as they are (an import keeps their ids, times and authors)."""
    names = ", ".join(f'"{c}"' for c in _COLUMNS)
    sql = f'INSERT INTO "corrections" ({names}) VALUES ({", ".join("?" * len(_COLUMNS))})'
    db.executemany(
        sql, [tuple(None if v == "" else v for v in r.model_dump().values()) for r in records]
    )
