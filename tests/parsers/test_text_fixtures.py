"""Documents of the family, not the seed: hand-written OCR texts of other units, run end to end.

Each fixture under tests/fixtures/text differs in structure (see its EXPECTED entry); every
number below was worked out by hand from the rules of FORMS.md, not read from the output:

- level rule: w × L / 5;
- criteria rule: p = k + (v − t_k)/(t_{k+1} − t_k), falling criteria on the negated scale;
  score % = p × 20, weighted = w × p / 5;
- innovation: weighted = score × w / 100.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from thaieval.parsers.scoring import criteria_points, level_from_points
from thaieval.pipeline.run.process import Options, process_document
from thaieval.schemas.records import DocumentResult

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "text"

# (code, weight, level, result_value, score_pct, weighted_score, criteria)
Ind = tuple[str, float, int | None, float | None, float | None, float, str]


@dataclass
class Form:
    component: str  # "" for the overall summary
    total_weight: float | None
    total_score: float
    indicators: list[Ind]
    findings: dict[str, int] = field(default_factory=dict)
    signatory: tuple[str, str, str] = ("", "", "")  # name, position, ISO date


@dataclass
class Doc:
    unit: str
    parent: str
    fiscal_year: int
    period: str
    forms: list[Form]
    steps: list[tuple[int, float, float]]  # the innovation form's (part, max, score)
    flags: list[tuple[str, str]]  # (check, component or "overall"), sorted
    no_parent_printed: tuple[str, ...] = ()  # components whose header names the unit alone


POLICY = "นักวิเคราะห์นโยบายและแผนชำนาญการ"

# สำนักงานเขตบางรัก, mid-year 2568, Thai digits everywhere, clean one-line overall rows, four
# indicators in 1.1, a component 3.3, three criteria indicators; consistent: no flag at all.
BANGRAK = Doc(
    unit="สำนักงานเขตบางรัก",
    parent="",
    fiscal_year=2568,
    period="mid_year",
    forms=[
        Form(
            "",
            None,
            84.06,
            [
                ("1.1.1", 10, 5, None, None, 10, ""),
                ("1.1.2", 5, 4, None, None, 4, ""),
                ("1.1.3", 5, 5, None, None, 5, ""),
                ("1.1.4", 10, 3, None, None, 6, ""),
                ("1.2.1", 20, 4, None, None, 16, ""),
                ("1.3.1", 10, 5, None, None, 10, ""),
                ("1.3.2", 10, 4, None, None, 8, ""),
                ("2", 10, None, 88.5, None, 8.85, ""),
                ("3.1", 5, None, 7, None, 5, "3|4|5|6|7"),
                ("3.2", 10, None, 52.4, None, 6.96, "40|45|50|55|60"),
                ("3.3", 5, None, 96.25, None, 4.25, "80|85|90|95|100"),
            ],
        ),
        Form(
            "1.1",
            30,
            25,
            [
                ("1.1.1", 10, 5, None, None, 10, ""),
                ("1.1.2", 5, 4, None, None, 4, ""),
                ("1.1.3", 5, 5, None, None, 5, ""),
                ("1.1.4", 10, 3, None, None, 6, ""),
            ],
            {"reason": 4, "weakness": 2, "strength": 1},
            ("นายสมชาย ใจดี", POLICY + "พิเศษ", "2025-03-20"),
        ),
        Form(
            "1.2",
            20,
            16,
            [("1.2.1", 20, 4, None, None, 16, "")],
            {"reason": 1, "recommendation": 1},
            ("นางสาวกมลวรรณ ศรีสุข", POLICY, "2025-03-25"),
        ),
        Form(
            "1.3",
            20,
            18,
            [("1.3.1", 10, 5, None, None, 10, ""), ("1.3.2", 10, 4, None, None, 8, "")],
            {"reason": 2, "strength": 3},
            ("นายสมชาย ใจดี", POLICY + "พิเศษ", "2025-03-20"),
        ),
        Form(
            "2",
            10,
            8.85,
            [("2", 10, None, 88.5, 88.5, 8.85, "")],
            {"weakness": 1, "strength": 1, "recommendation": 1},
            ("นางปราณี วงศ์ทอง", "นักทรัพยากรบุคคลชำนาญการ", "2025-04-01"),
        ),
        Form(
            "3.1",
            5,
            5,
            [("3.1", 5, 5, 7, None, 5, "3|4|5|6|7")],
            {"reason": 1},
            ("นางสาวกมลวรรณ ศรีสุข", POLICY, "2025-04-02"),
        ),
        Form(
            "3.2",
            10,
            6.96,
            [("3.2", 10, 3, 52.4, 69.6, 6.96, "40|45|50|55|60")],
            {"reason": 1, "weakness": 2, "recommendation": 2},
            ("นางสาวกมลวรรณ ศรีสุข", POLICY, "2025-04-02"),
        ),
        Form(
            "3.3",
            5,
            4.25,
            [("3.3", 5, None, 96.25, 85.0, 4.25, "80|85|90|95|100")],
            {"reason": 1, "strength": 1},
            ("นายธนพล รัตนวงศ์", "นักจัดการงานทั่วไปชำนาญการ", "2025-04-03"),
        ),
    ],
    steps=[(1, 20, 20), (2, 20, 16.5), (3, 20, 18), (3, 10, 9), (3, 15, 15), (3, 15, 10)],
    flags=[],
)

# สำนักการระบายน้ำ, end of year 2566, Markdown (headings, bold, dashes, pipe tables), overall
# rows padded with empty tabs; 1.1 has five indicators with weights in its own table, rising
# and falling criteria (30|25|20|15|10 days, 5|4|3|2|1 breakdowns), one below t1 (0 points).
DRAINAGE_SIGNER = ("ว่าที่ร้อยตรีสมศักดิ์ แสงทอง", POLICY + "พิเศษ", "2023-10-12")
DRAINAGE_11: list[Ind] = [
    ("1.1.1", 8, None, 92.5, 70.0, 5.6, "80|85|90|95|100"),
    ("1.1.2", 6, None, 17, 72.0, 4.32, "30|25|20|15|10"),
    ("1.1.3", 6, 5, None, 100.0, 6, ""),
    ("1.1.4", 5, None, 1, 100.0, 5, "5|4|3|2|1"),
    ("1.1.5", 5, None, 55, 0.0, 0, "60|70|80|90|100"),
]
DRAINAGE = Doc(
    unit="สำนักการระบายน้ำ",
    parent="",
    fiscal_year=2566,
    period="end_of_year",
    forms=[
        Form(
            "",
            None,
            77.555,
            [
                *[(c, w, lv, rv, None, ws, cr) for c, w, lv, rv, _, ws, cr in DRAINAGE_11],
                ("1.2.1", 20, 4, None, None, 16, ""),
                ("1.3.1", 10, 5, None, None, 10, ""),
                ("1.3.2", 10, None, 75, None, 7, "50|60|70|80|90"),
                ("2", 10, None, 92.25, None, 9.225, ""),
                ("3.1", 10, None, 6, None, 8, "3|4|5|6|7"),
                ("3.2", 10, None, 96.41, None, 6.41, "92|94|96|98|100"),
            ],
        ),
        Form(
            "1.1",
            30,
            20.92,
            DRAINAGE_11,
            {"reason": 3, "weakness": 2, "recommendation": 3},
            DRAINAGE_SIGNER,
        ),
        Form("1.2", 20, 16, [("1.2.1", 20, 4, None, None, 16, "")], {"reason": 1}, DRAINAGE_SIGNER),
        Form(
            "1.3",
            20,
            17,
            [
                ("1.3.1", 10, 5, None, None, 10, ""),
                ("1.3.2", 10, None, 75, None, 7, "50|60|70|80|90"),
            ],
            {"reason": 2, "strength": 1},
            ("นางสาวพิมพ์ชนก อินทรสุวรรณ", POLICY, "2023-10-13"),
        ),
        Form(
            "2",
            10,
            9.225,
            [("2", 10, None, 92.25, 92.25, 9.225, "")],
            {"evidence": 3},
            ("นายชานนท์ บุญมา", "นักทรัพยากรบุคคลปฏิบัติการ", "2023-11-06"),
        ),
        Form(
            "3.1",
            10,
            8,
            [("3.1", 10, 4, 6, None, 8, "3|4|5|6|7")],
            {"reason": 1},
            ("นางสาวพิมพ์ชนก อินทรสุวรรณ", POLICY, "2023-10-02"),
        ),
        Form(
            "3.2",
            10,
            6.41,
            [("3.2", 10, 3, 96.41, 64.1, 6.41, "92|94|96|98|100")],
            {"reason": 1, "recommendation": 2},
            ("นางสาวพิมพ์ชนก อินทรสุวรรณ", POLICY, "2023-10-17"),
        ),
    ],
    steps=[(1, 20, 20), (2, 20, 17.25), (3, 20, 20), (3, 10, 10), (3, 15, 15), (3, 15, 10)],
    flags=[],
)

# สำนักงานเขตจตุจักร, end of year 2567, HTML (<p>, <br>, <ol><li>, a <table>), damaged labels
# (ปฎิบัติ, ประเมีน, ผถ, ขอม, แข่ง, พัฒนว, ลงซื่อ, ตำแหนง, เดีอน), overall rows stripped of empty
# cells, and injected inconsistencies: 1.1.2 level 4 scored 9 (rule 8, overall says 8); 1.3
# total 19 for 10 + 8; weights 95; 3.1 signed in August; 3.2 says level 4 where 97 in
# 92|94|96|98|100 reaches 3.5 points (level 3); the 3.2 recommendations read 1, 2, 4.
CHATUCHAK = Doc(
    unit="สำนักงานเขตจตุจักร",
    parent="",
    fiscal_year=2567,
    period="end_of_year",
    forms=[
        Form(
            "",
            None,
            83,
            [
                ("1.1.1", 10, 5, None, None, 10, ""),
                ("1.1.2", 10, 4, None, None, 8, ""),
                ("1.1.3", 10, 5, None, None, 10, ""),
                ("1.2.1", 15, 5, None, None, 15, ""),
                ("1.3.1", 10, 5, None, None, 10, ""),
                ("1.3.2", 10, 4, None, None, 8, ""),
                ("2", 10, None, 90, None, 9, ""),
                ("3.1", 10, None, 5, None, 6, "3|4|5|6|7"),
                ("3.2", 10, None, 97, None, 7, "92|94|96|98|100"),
            ],
        ),
        Form(
            "1.1",
            30,
            29,
            [
                ("1.1.1", 10, 5, None, None, 10, ""),
                ("1.1.2", 10, 4, None, None, 9, ""),
                ("1.1.3", 10, 5, None, None, 10, ""),
            ],
            {"reason": 3, "strength": 2},
            ("นางสุดารัตน์ มีสุข", POLICY, "2024-10-08"),
        ),
        Form(
            "1.2",
            15,
            15,
            [("1.2.1", 15, 5, None, None, 15, "")],
            {"reason": 1},
            ("นางสุดารัตน์ มีสุข", POLICY, "2024-10-08"),
        ),
        Form(
            "1.3",
            20,
            19,
            [("1.3.1", 10, 5, None, None, 10, ""), ("1.3.2", 10, 4, None, None, 8, "")],
            {"reason": 2},
            ("นายวีระพงษ์ ทองดี", "นักวิเคราะห์นโยบายและแผนปฏิบัติการ", "2024-10-09"),
        ),
        Form(
            "2",
            10,
            9,
            [("2", 10, None, 90, 90, 9, "")],
            {},
            ("นายกิตติศักดิ์ พรหมมา", "นักทรัพยากรบุคคลชำนาญการ", "2024-10-21"),
        ),
        Form(
            "3.1",
            10,
            6,
            [("3.1", 10, 3, 71.43, None, 6, "3|4|5|6|7")],
            {"reason": 1},
            ("นายวีระพงษ์ ทองดี", "นักวิเคราะห์นโยบายและแผนปฏิบัติการ", "2024-08-15"),
        ),
        Form(
            "3.2",
            10,
            7,
            [("3.2", 10, 4, 97, 70.0, 7, "92|94|96|98|100")],
            {"reason": 1, "recommendation": 3},
            ("นางสาวจิราพร แก้วมณี", "หัวหน้ากลุ่มติดตามและประเมินผล 2", "2024-10-18"),
        ),
    ],
    steps=[(1, 20, 20), (2, 20, 18), (3, 20, 20), (3, 10, 10), (3, 15, 12), (3, 15, 10)],
    flags=[
        ("date_outside_fiscal_window", "3.1"),
        ("form_total_mismatch", "1.3"),
        ("level_mismatch", "3.2"),
        ("numbered_list_gap", "3.2"),
        ("overall_component_mismatch", "1.1"),
        ("overall_weight_sum", "overall"),
        ("weighted_score_mismatch", "1.1"),
    ],
)

# สำนักงานประชาสัมพันธ์ under สำนักปลัดกรุงเทพมหานคร, ระยะครึ่งปี 2566; the overall table scattered
# as in the seed (names split around their codes, numbers on a group heading, OCR commas in
# Thai digits); no innovation row in it, no 1.3 form, no signatory on 1.2.
PRD_POLICY = ("นางรัชนี พูลสวัสดิ์", POLICY)
PRD = Doc(
    unit="สำนักงานประชาสัมพันธ์",
    parent="สำนักปลัดกรุงเทพมหานคร",
    no_parent_printed=("2",),
    fiscal_year=2566,
    period="mid_year",
    forms=[
        Form(
            "",
            None,
            82,
            [
                ("1.1.1", 15, None, None, None, 15, ""),
                ("1.1.2", 15, None, None, None, 12, ""),
                ("1.2.1", 20, None, None, None, 12, ""),
                ("1.3.1", 20, None, None, None, 20, ""),
                ("2", 10, None, 80, None, 8, ""),
                ("3.1", 10, None, 7, None, 10, "3|4|5|6|7"),
                ("3.2", 10, None, 47.5, None, 5, "40|45|50|55|60"),
            ],
        ),
        Form(
            "1.1",
            30,
            27,
            [("1.1.1", 15, 5, None, None, 15, ""), ("1.1.2", 15, 4, None, None, 12, "")],
            {"reason": 2, "strength": 2, "recommendation": 1},
            (*PRD_POLICY, "2023-04-10"),
        ),
        Form("1.2", 20, 12, [("1.2.1", 20, 3, None, None, 12, "")], {"reason": 1, "weakness": 2}),
        Form(
            "2",
            10,
            8,
            [("2", 10, None, 80, 80, 8, "")],
            {"weakness": 1},
            ("นายอนุชา ศรีวงศ์", "นักทรัพยากรบุคคลชำนาญการ", "2023-05-02"),
        ),
        Form(
            "3.1",
            10,
            10,
            [("3.1", 10, 5, 100, None, 10, "3|4|5|6|7")],
            {"reason": 8},
            (*PRD_POLICY, "2023-04-03"),
        ),
        Form(
            "3.2",
            10,
            5,
            [("3.2", 10, 2, 47.5, 50.0, 5, "40|45|50|55|60")],
            {"reason": 1, "recommendation": 1},
            ("นางสาวอรอุมา จันทร์เพ็ญ", "หัวหน้ากลุ่มติดตามและประเมินผล 3", "2023-04-12"),
        ),
    ],
    steps=[(1, 20, 20), (2, 20, 15), (3, 20, 20), (3, 10, 5), (3, 15, 10), (3, 15, 10)],
    flags=[
        ("component_form_missing", "overall"),
        ("overall_row_missing", "overall"),
        ("signatory_missing", "1.2"),
    ],
)

EXPECTED = {
    "district_bangrak_midyear_thai_digits.txt": BANGRAK,
    "department_drainage_criteria_markdown.md": DRAINAGE,
    "district_chatuchak_injected_html.txt": CHATUCHAK,
    "office_prd_halfyear_scattered.txt": PRD,
}

_CACHE: dict[str, DocumentResult] = {}


def _run(name: str) -> DocumentResult:
    if name not in _CACHE:
        path = FIXTURES / name
        _CACHE[name] = process_document(path, str(path), Options())
    return _CACHE[name]


def _component(result: DocumentResult, form_id: str) -> str:
    form = next(f for f in result.forms if f.form_id == form_id)
    return form.component or "overall"


NAMES = sorted(EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_forms_found_with_their_header(name: str) -> None:
    result, doc = _run(name), EXPECTED[name]
    assert result.document.status == "ok" and result.document.method == "ocr-text"
    assert [f.component for f in result.forms] == [f.component for f in doc.forms]
    assert result.forms[0].form_type == "overall_summary"
    for form in result.forms:
        parent = "" if form.component in doc.no_parent_printed else doc.parent
        assert (form.unit_name, form.parent_unit) == (doc.unit, parent), form.component
        assert (form.fiscal_year, form.period) == (doc.fiscal_year, doc.period), form.component


@pytest.mark.parametrize("name", NAMES)
def test_totals(name: str) -> None:
    result, doc = _run(name), EXPECTED[name]
    got = [(f.component, f.total_weight, f.total_score) for f in result.forms]
    assert got == [(f.component, f.total_weight, f.total_score) for f in doc.forms]


def _with_derived_level(row: tuple, overall: bool) -> tuple:  # type: ignore[type-arg]
    """A criteria row's level is derivable: the whole points its result reaches; so is an
    overall row's of a level-based indicator, from its weight and weighted score."""
    code, weight, level, result, pct, weighted, criteria = row
    if level is None and criteria and result is not None:
        points = criteria_points(result, [float(t) for t in criteria.split("|")])
        level = level_from_points(points)
    elif level is None and overall and not str(code).startswith("2") and weight and weighted:
        points = weighted * 5 / weight
        level = round(points) if abs(points - round(points)) < 1e-6 else None
    return (code, weight, level, result, pct, weighted, criteria)


def _code_key(row: tuple) -> tuple[int, ...]:  # type: ignore[type-arg]
    return tuple(int(p) for p in str(row[0]).split(".") if p.isdigit())


@pytest.mark.parametrize("name", NAMES)
def test_every_indicator(name: str) -> None:
    result, doc = _run(name), EXPECTED[name]
    for form, expected in zip(result.forms, doc.forms, strict=True):
        got = [
            (
                i.indicator_ref,
                i.weight,
                i.level,
                i.result_value,
                i.score_pct,
                i.weighted_score,
                i.criteria,
            )
            for i in result.indicators
            if i.form_id == form.form_id
        ]
        overall = form.form_type == "overall_summary"
        want = [_with_derived_level(row, overall) for row in expected.indicators]
        # Rows filled from the component forms come after the printed rows.
        assert sorted(got, key=_code_key) == sorted(want, key=_code_key), (
            form.component or "overall"
        )


@pytest.mark.parametrize("name", NAMES)
def test_recomputed_scores_follow_the_rules(name: str) -> None:
    """Where a document is consistent, every recomputed score equals the printed one."""
    result, doc = _run(name), EXPECTED[name]
    broken = {c for check, c in doc.flags if check in ("weighted_score_mismatch",)}
    for ind in result.indicators:
        component = _component(result, ind.form_id)
        if component in broken or ind.weighted_score_recomputed is None:
            continue
        assert ind.weighted_score_recomputed == pytest.approx(ind.weighted_score, abs=0.005), (
            component,
            ind.indicator_code,
        )


@pytest.mark.parametrize("name", NAMES)
def test_innovation_steps(name: str) -> None:
    result, doc = _run(name), EXPECTED[name]
    assert [(s.part, s.max_score, s.score) for s in result.score_items] == doc.steps


@pytest.mark.parametrize("name", NAMES)
def test_findings_counts(name: str) -> None:
    result, doc = _run(name), EXPECTED[name]
    for form, expected in zip(result.forms, doc.forms, strict=True):
        counts: dict[str, int] = {}
        for finding in result.findings:
            if finding.form_id == form.form_id:
                counts[finding.section] = counts.get(finding.section, 0) + 1
        assert counts == expected.findings, form.component or "overall"


@pytest.mark.parametrize("name", NAMES)
def test_signatories(name: str) -> None:
    result, doc = _run(name), EXPECTED[name]
    for form, expected in zip(result.forms, doc.forms, strict=True):
        got = (form.evaluator_name, form.evaluator_position, form.signed_date)
        assert got == expected.signatory, form.component or "overall"


@pytest.mark.parametrize("name", NAMES)
def test_exactly_the_expected_flags(name: str) -> None:
    result, doc = _run(name), EXPECTED[name]
    got = sorted(
        (f.check, _component(result, f.form_id) if f.form_id else "") for f in result.flags
    )
    assert got == doc.flags


def test_injected_flags_say_what_and_where() -> None:
    result = _run("district_chatuchak_injected_html.txt")
    by_check = {f.check: f for f in result.flags}
    assert (
        by_check["weighted_score_mismatch"].expected,
        by_check["weighted_score_mismatch"].found,
    ) == ("8", "9")
    assert (by_check["form_total_mismatch"].expected, by_check["form_total_mismatch"].found) == (
        "18",
        "19",
    )
    assert (by_check["overall_weight_sum"].expected, by_check["overall_weight_sum"].found) == (
        "100",
        "95",
    )
    assert (by_check["level_mismatch"].expected, by_check["level_mismatch"].found) == ("3", "4")
    assert by_check["numbered_list_gap"].found == "1,2,4"
    assert by_check["date_outside_fiscal_window"].found == "2024-08-15"
    mismatch = by_check["overall_component_mismatch"]
    assert (mismatch.field, mismatch.expected, mismatch.found) == ("weighted_score", "8", "9")


def test_names_are_joined_across_scattered_cells() -> None:
    result = _run("office_prd_halfyear_scattered.txt")
    overall = result.forms[0].form_id
    names = {i.indicator_ref: i.indicator_name for i in result.indicators if i.form_id == overall}
    assert names["1.1.1"] == "ระดับความสำเร็จในการประชาสัมพันธ์ข่าวสารของกรุงเทพมหานครผ่านสื่อออนไลน์"
    assert names["1.2.1"] == "ระดับความสำเร็จในการสื่อสารภาวะวิกฤตร่วมกับสำนักงานเขต"
    filled = [i.indicator_ref for i in result.indicators if i.form_id == overall and i.filled_from]
    assert filled == ["2"]


def test_markdown_table_rows_and_emphasis_are_gone() -> None:
    result = _run("department_drainage_criteria_markdown.md")
    form_11 = result.forms[1].form_id
    names = [i.indicator_name for i in result.indicators if i.form_id == form_11]
    assert names[1] == "จำนวนวันเฉลี่ยในการระบายน้ำท่วมขังให้แห้ง"
    texts = [f.text for f in result.findings]
    assert "งบประมาณซ่อมบำรุงได้รับจัดสรรไม่เพียงพอ" in texts
    assert not any("**" in t or "|" in t or t.startswith("#") for t in texts)
