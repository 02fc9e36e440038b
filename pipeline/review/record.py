"""The ``corrections`` table's row: one reviewer's decision on one value.

Kept apart from the functions that write it so that the store can list the table among its
own without importing them.

>>> CorrectionRecord.columns()[:4]
['decision_id', 'sha256', 'document_id', 'form_key']
"""

from __future__ import annotations

from typing import ClassVar, Literal

from thaieval.pipeline.review.keys import Target
from thaieval.schemas.records import Record

__all__ = ["DECISIONS", "CorrectionRecord"]

Decision = Literal["accepted", "corrected", "unreadable"]
DECISIONS: tuple[str, ...] = ("accepted", "corrected", "unreadable")


class CorrectionRecord(Record):
    """One decision of one reviewer on one value (keyed as :class:`Target`)."""

    table: ClassVar[str] = "corrections"
    decision_id: str
    sha256: str
    document_id: str = ""
    form_key: str
    indicator: str = ""
    field: str
    value_read: str = ""
    value_corrected: str = ""  # empty when unreadable
    decision: Decision
    who: str
    at: str  # UTC, ISO 8601 to the second
    note: str = ""
    supersedes: str = ""  # the decision_id this one replaces, empty for the first

    @property
    def target(self) -> Target:
        return Target(self.sha256, self.form_key, self.indicator, self.field)
