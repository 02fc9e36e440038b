"""What the form parsers produce: forms with every value's provenance.

The pipeline gives them ids and flattens them into the contract's records; ``verify`` reads
them to recompute scores. ``prov`` maps a field name to where that value was read.

>>> ParsedIndicator(indicator_no=1, weight=10.0).weight
10.0
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from thaieval.schemas.page import Box
from thaieval.schemas.provenance import Prov
from thaieval.schemas.records import FormType, Period, Section, Severity

# Sources of a value one form takes from another of its own values (``filled``): a one-row
# table's total is its row's numbers; a one-indicator form's row weighs the form's total.
ROW_VALUE = "its one indicator row"
TOTAL_WEIGHT = "the form's total weight"


class ParsedIndicator(BaseModel):
    indicator_no: int
    indicator_code: str = ""  # the code it is known by (printed, or derived from its place)
    code_printed: bool = False  # True when the form itself prints ``indicator_code``
    indicator_name: str = ""
    weight: float | None = None
    criteria: list[float] = Field(default_factory=list)
    result_text: str = ""
    result_value: float | None = None
    level: int | None = None
    score_pct: float | None = None
    weighted_score: float | None = None
    group_score: float | None = None  # a merged score cell shared by a group of rows
    criteria_result: float | None = None  # the result the criteria were printed beside
    page: int | None = None
    box: Box | None = None
    line: int | None = None
    filled_from: str = ""  # set when the row was missing and copied from another form
    # A value this row does not print, taken from elsewhere: field → its source
    # ("weight" → "overall table row 1.1.2"); verify never lets it pass the check it feeds.
    filled: dict[str, str] = Field(default_factory=dict)
    note: str = ""  # the overall table's หมายเหตุ cell (an innovation's own name), as printed
    prov: dict[str, Prov] = Field(default_factory=dict)


class ParsedScoreItem(BaseModel):
    indicator_no: int = 1
    part: int | None = None
    item: str = ""
    max_score: float | None = None
    score: float | None = None
    note: str = ""
    prov: dict[str, Prov] = Field(default_factory=dict)


class ParsedFinding(BaseModel):
    section: Section
    item_no: int
    text: str
    marker: str = ""  # "number" when the item carried a printed number, else "dash", "paragraph" …
    prov: Prov = Field(default_factory=Prov)


class ParseNote(BaseModel):
    """A problem the parser saw itself (a missing field, a gap); verify turns it into a flag."""

    severity: Severity
    check: str
    field: str = ""
    expected: str = ""
    found: str = ""
    message: str
    prov: Prov = Field(default_factory=Prov)
    indicator_no: int | None = None


class ParsedForm(BaseModel):
    form_type: FormType
    component: str = ""
    component_title: str = ""
    indicator_title: str = ""
    fiscal_year: int | None = None
    period: Period = ""
    unit_name: str = ""
    parent_unit: str = ""
    total_weight: float | None = None
    total_score: float | None = None
    evaluator_name: str = ""
    evaluator_position: str = ""
    evaluator_office: str = ""
    signed_date: str = ""
    has_signatory: bool = False
    steps_declared_max: float | None = None
    steps_declared_score: float | None = None
    page_start: int | None = None
    page_end: int | None = None
    line_start: int | None = None
    line_end: int | None = None
    indicators: list[ParsedIndicator] = Field(default_factory=list)
    score_items: list[ParsedScoreItem] = Field(default_factory=list)
    findings: list[ParsedFinding] = Field(default_factory=list)
    notes: list[ParseNote] = Field(default_factory=list)
    prov: dict[str, Prov] = Field(default_factory=dict)
    # A header value this form does not print, taken from elsewhere: field → its source.
    filled: dict[str, str] = Field(default_factory=dict)
    # Overall summary only: each component's and sub-component's title as its table prints
    # it ("1.2" → "ประสิทธิภาพของ… (Joint KPIs)"), a second reading of the forms' titles.
    group_titles: dict[str, str] = Field(default_factory=dict)
