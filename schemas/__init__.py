"""Typed models: the contract's tables, the page model and the parsed forms."""

from schemas.forms import ParsedFinding, ParsedForm, ParsedIndicator, ParsedScoreItem, ParseNote
from schemas.page import Box, Cell, Page, PageIssue, Row, Word, union_boxes
from schemas.provenance import Prov
from schemas.records import (
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
