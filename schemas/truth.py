"""Ground truth of a sample document, stored as JSON beside the file it describes.

``X.pdf`` has ``X.truth.json``. Field names are the contract's column names; criteria are
``"92|94|96|98|100"`` strings and dates ISO strings, exactly as the dataset prints them.

>>> TruthDocument(file="a.pdf", variant="text", source_id="a").forms
[]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

Variant = Literal[
    "text", "text-damaged", "scan300", "scan200", "stress", "image", "ocr-text", "chromium"
]


class TruthIndicator(BaseModel):
    indicator_no: int
    indicator_code: str = ""
    indicator_name: str = ""
    weight: float | None = None
    criteria: str = ""
    result_text: str = ""
    result_value: float | None = None
    level: int | None = None
    score_pct: float | None = None
    weighted_score: float | None = None


class TruthScoreItem(BaseModel):
    indicator_no: int = 1
    part: int | None = None
    item: str = ""
    max_score: float | None = None
    score: float | None = None


class TruthFinding(BaseModel):
    section: Literal["reason", "weakness", "strength", "recommendation", "evidence"]
    item_no: int
    text: str


class TruthForm(BaseModel):
    form_type: Literal["overall_summary", "component"]
    component: str = ""
    component_title: str = ""
    fiscal_year: int | None = None
    period: Literal["end_of_year", "mid_year", ""] = ""
    unit_name: str = ""
    parent_unit: str = ""
    total_weight: float | None = None
    total_score: float | None = None
    evaluator_name: str = ""
    evaluator_position: str = ""
    signed_date: str = ""
    page_start: int | None = None
    page_end: int | None = None
    indicators: list[TruthIndicator] = Field(default_factory=list)
    score_items: list[TruthScoreItem] = Field(default_factory=list)
    findings: list[TruthFinding] = Field(default_factory=list)


class TruthFlag(BaseModel):
    """An inconsistency the document carries; ``component`` is "" for the overall summary."""

    check: str
    severity: Literal["error", "warning"]
    component: str = ""
    form_type: Literal["overall_summary", "component"] = "component"
    field: str = ""
    indicator_no: int | None = None
    note: str = ""


class TruthDocument(BaseModel):
    file: str  # file name, relative to the truth file's folder
    variant: Variant
    source_id: str  # the logical document; its variants share it
    unit_name: str = ""
    fiscal_year: int | None = None
    period: Literal["end_of_year", "mid_year", ""] = ""
    page_count: int | None = None
    consistent: bool = True  # False when ``injected`` holds an error-severity inconsistency
    forms: list[TruthForm] = Field(default_factory=list)
    injected: list[TruthFlag] = Field(default_factory=list)


def truth_path(document: Path) -> Path:
    """``samples/archive/a.pdf`` → ``samples/archive/a.truth.json``."""
    return document.with_name(document.stem + ".truth.json")


def load_truth(path: Path) -> TruthDocument:
    return TruthDocument.model_validate(json.loads(path.read_text(encoding="utf-8")))


def iter_truth(folder: Path) -> list[TruthDocument]:
    """Every truth file below ``folder``, sorted by file name."""
    return [load_truth(p) for p in sorted(folder.rglob("*.truth.json"))]


def dump_truth(doc: TruthDocument, path: Path) -> None:
    text = json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
