"""A reviewer's decision, checked and written in one transaction with the rows it changes.

Everything a request can get wrong is a :class:`Problem` with an HTTP status and a message in
Thai and English, raised before anything is written: a value that is not a number, an item
that does not exist, a decision another reviewer already made.

>>> Problem(404, "unknown_item", "no item x", "ไม่พบรายการ x").payload()["error"]
'unknown_item'
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from thaieval.pipeline.review.apply import rewrite_document
from thaieval.pipeline.review.corrections import AlreadyDecided, ensure_table, insert, record_for
from thaieval.pipeline.review.keys import BadValue, correctable, parse_typed
from thaieval.pipeline.review.queue import Item, find_item
from thaieval.pipeline.review.reading import ensure_table as ensure_readings
from thaieval.pipeline.review.record import DECISIONS

__all__ = ["MAX_NOTE", "Problem", "connect", "decide"]

MAX_NOTE = 2000  # characters of a note; a longer one is refused, not cut
MAX_NAME = 120


class Problem(Exception):
    """A request that cannot be done, and why, for a person."""

    def __init__(self, status: int, code: str, message: str, message_th: str, **extra: Any):
        super().__init__(message)
        self.status, self.code, self.message, self.message_th = status, code, message, message_th
        self.extra = extra

    def payload(self) -> dict[str, Any]:
        return {
            "error": self.code,
            "message": self.message,
            "message_th": self.message_th,
            **self.extra,
        }


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode: each write is one explicit transaction."""
    db = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA busy_timeout=30000")
    return db


def unknown_item(wanted: str) -> Problem:
    return Problem(
        404,
        "unknown_item",
        f"no item {wanted!r} in this dataset (a re-run may have changed the queue): reload the list",
        f"ไม่พบรายการ {wanted!r} ในชุดข้อมูลนี้ (อาจมีการประมวลผลใหม่) โปรดโหลดรายการใหม่",
    )


def _text(body: dict[str, Any], name: str) -> str:
    value = body.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise Problem(400, "bad_request", f"{name} must be text", f"ค่า {name} ต้องเป็นข้อความ")
    return str(value).strip()


def _checked(body: dict[str, Any], item: Item) -> tuple[str, str, str, str, str]:
    """decision, value corrected, who, note and base of a request body, or a Problem."""
    decision = _text(body, "decision")
    if decision not in DECISIONS:
        raise Problem(
            400,
            "bad_decision",
            f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}",
            "การตัดสินต้องเป็น accepted (ยืนยันค่าที่อ่านได้) corrected (แก้ไข) หรือ unreadable (อ่านไม่ได้)",
        )
    who = _text(body, "who")
    if not who or len(who) > MAX_NAME:
        raise Problem(
            400,
            "no_reviewer",
            f"say who decides: a reviewer's name of 1 to {MAX_NAME} characters",
            f"โปรดระบุชื่อผู้ตรวจทาน (1 ถึง {MAX_NAME} ตัวอักษร)",
        )
    note = _text(body, "note")
    if len(note) > MAX_NOTE:
        raise Problem(
            400,
            "note_too_long",
            f"the note has {len(note)} characters; at most {MAX_NOTE} are kept",
            f"หมายเหตุยาว {len(note)} ตัวอักษร เก็บได้ไม่เกิน {MAX_NOTE}",
        )
    field = item.target.field
    if decision != "accepted" and not correctable(item.target):
        raise Problem(
            400,
            "not_correctable",
            f"{field} cannot be typed or emptied here: accept it as read, and say why in a note",
            f"แก้ไขค่า {field} ที่นี่ไม่ได้ ยืนยันค่าที่อ่านได้ แล้วเขียนเหตุผลในหมายเหตุ",
        )
    corrected = item.value_read
    if decision == "unreadable":
        corrected = ""
    elif decision == "corrected":
        typed = _text(body, "value")
        try:
            corrected = parse_typed(typed, field)[1]
        except BadValue as exc:
            raise Problem(
                400,
                "bad_value",
                str(exc),
                f"{typed!r} ไม่ใช่ค่าที่ใช้ได้สำหรับ {field}: พิมพ์ตัวเลขตามที่เห็นบนหน้า "
                "(ตัวเลข 0-9 หรือ ๐-๙ ใช้จุด . คั่นทศนิยม"
                + (" ระดับเป็นจำนวนเต็ม 1 ถึง 5" if field == "level" else "")
                + ")",
            ) from None
    return decision, corrected, who, note, _text(body, "base")


def decide(
    db: sqlite3.Connection, wanted: str, document_id: str | None, body: dict[str, Any]
) -> Item:
    """Write one decision on item ``wanted`` and the document's rows it changes; returns the
    item as it now is. ``document_id`` narrows the search (None searches the dataset)."""
    ensure_table(db)
    ensure_readings(db)
    db.execute("BEGIN IMMEDIATE")  # the check and the write see no other writer in between
    try:
        item = find_item(db, wanted, document_id)
        if item is None:
            raise unknown_item(wanted)
        decision, corrected, who, note, base = _checked(body, item)
        record = record_for(
            item.target,
            decision,
            item.value_read,
            corrected,
            who,
            note,
            document_id=item.document["document_id"],
        )
        try:
            insert(db, record, base)
        except AlreadyDecided as exc:
            current = exc.current
            raise Problem(
                409,
                "already_decided",
                str(exc),
                (
                    f"รายการนี้ถูกตัดสินแล้วโดย {current.who} เมื่อ {current.at} "
                    f"({current.decision} {current.value_corrected}) "
                    "โปรดโหลดรายการใหม่เพื่อดู แล้วตัดสินอีกครั้งหากต้องการแทนที่"
                    if current
                    else "การตัดสินที่ต้องการแทนที่ถูกถอนแล้ว โปรดโหลดรายการใหม่"
                ),
                current=current.model_dump() if current else None,
            ) from None
        rewrite_document(db, item.document["document_id"])
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    done = find_item(db, wanted, item.document["document_id"])
    if done is None:  # its decision keeps it in the queue, unless the document was replaced
        raise unknown_item(wanted)
    return done
