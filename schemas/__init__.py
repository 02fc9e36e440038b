"""Typed models: the contract's tables, the page model and the parsed forms."""

from thaieval.schemas.forms import (
    ParsedFinding,
    ParsedForm,
    ParsedIndicator,
    ParsedScoreItem,
    ParseNote,
)
from thaieval.schemas.page import Box, Cell, Page, PageIssue, Row, Word, union_boxes
from thaieval.schemas.provenance import Prov
from thaieval.schemas.records import (
    ALL_RECORDS,
    DocumentRecord,
    DocumentResult,
    FindingRecord,
    FlagRecord,
    FormRecord,
    IndicatorRecord,
    Record,
    ScoreItemRecord,
)

__all__ = [
    "ALL_RECORDS",
    "Box",
    "Cell",
    "DocumentRecord",
    "DocumentResult",
    "FindingRecord",
    "FlagRecord",
    "FormRecord",
    "IndicatorRecord",
    "Page",
    "PageIssue",
    "ParseNote",
    "ParsedFinding",
    "ParsedForm",
    "ParsedIndicator",
    "ParsedScoreItem",
    "Prov",
    "Record",
    "Row",
    "ScoreItemRecord",
    "Word",
    "union_boxes",
]
