"""A number that breaks a rule is read again from the page; the page, not the total, decides."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.pipeline.scan_fixtures import damage, form_pdf, rasterise, save_image
from thaieval.pipeline.ocr import glyph_classes
from thaieval.pipeline.ocr.number_reading import page_as_read, wide_crop
from thaieval.pipeline.ocr.page import ocr_page
from thaieval.pipeline.ocr.reread import (
    apply_rereads,
    criteria_broken,
    read_again,
    structural_suspects,
    sure_glyph_reading,
    suspect_values,
)
from thaieval.pipeline.pages.images import PageImage, iter_page_images, render_page
from thaieval.pipeline.verify.document import Verification
from thaieval.schemas.forms import ParsedForm, ParsedIndicator, ParseNote
from thaieval.schemas.page import Box, Cell, Page
from thaieval.schemas.provenance import Prov


def _flag(check: str, prov: Prov, indicator_no: int | None = None) -> ParseNote:
    return ParseNote(
        severity="error", check=check, message="", prov=prov, indicator_no=indicator_no
    )


def _prov(page: int, x: float, text: str, confidence: float = 95.0) -> Prov:
    return Prov(
        page=page, box=Box(x0=x, top=10, x1=x + 20, bottom=20), text=text, confidence=confidence
    )


def test_suspects_the_named_value_first_then_its_row_then_doubtful_numbers() -> None:
    ind = ParsedIndicator(
        indicator_no=1,
        prov={"weight": _prov(1, 10, "10"), "weighted_score": _prov(1, 40, "8.71")},
    )
    other = ParsedIndicator(
        indicator_no=2,
        prov={"weight": _prov(1, 70, "10", 97), "weighted_score": _prov(1, 100, "9.5", 40)},
    )
    form = ParsedForm(
        form_type="component", indicators=[ind, other], prov={"total_score": _prov(2, 10, "18")}
    )
    checked = Verification(
        flags=[
            (0, _flag("form_total_mismatch", form.prov["total_score"])),
            (0, _flag("weighted_score_mismatch", ind.prov["weighted_score"], 1)),
            (0, _flag("signatory_missing", Prov(page=3, box=Box(x0=0, top=0, x1=1, bottom=1)))),
        ]
    )
    texts = [p.text for p in suspect_values([form], checked)]
    # named values, then row 1's weight, then of the form's numbers only the doubtful 9.5
    assert texts == ["18", "8.71", "10", "9.5"]


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Page]:
    folder = tmp_path_factory.mktemp("reread")
    path = save_image(damage(rasterise(form_pdf(folder / "form.pdf"))), folder / "scan.jpg")
    (image,) = iter_page_images(path)
    return path, ocr_page(image)


def _cell(page: Page, text: str) -> Cell:
    (cell,) = [c for r in page.rows for c in r.cells if c.text == text]
    return cell


def _form_flagging(cell: Cell, page: int) -> tuple[list[ParsedForm], Verification]:
    prov = Prov(page=page, box=cell.box, text=cell.text, confidence=cell.confidence)
    form = ParsedForm(form_type="component", prov={"total_score": prov})
    return [form], Verification(flags=[(0, _flag("form_total_mismatch", prov))])


def test_a_misread_number_is_read_again_from_the_page(scan: tuple[Path, Page]) -> None:
    path, page = scan
    page = page.model_copy(deep=True)
    cell = _cell(page, "9.514")
    cell.text = cell.words[0].text = "9.574"  # as if the page pass had misread it
    forms, checked = _form_flagging(cell, page.number)
    assert apply_rereads([page], read_again(path, [page], forms, checked)) == 1
    assert cell.text == "9.514"
    assert any(i.category == "reread_rule" for i in page.issues)


def test_a_number_the_page_prints_is_kept(scan: tuple[Path, Page]) -> None:
    path, page = scan
    page = page.model_copy(deep=True)
    cell = _cell(page, "30.284")  # printed as it is, even if a total disagrees
    forms, checked = _form_flagging(cell, page.number)
    assert apply_rereads([page], read_again(path, [page], forms, checked)) == 0
    assert cell.text == "30.284"


def test_a_failed_second_reading_keeps_the_first(scan: tuple[Path, Page], tmp_path: Path) -> None:
    _, page = scan
    page = page.model_copy(deep=True)
    cell = _cell(page, "9.514")
    forms, checked = _form_flagging(cell, page.number)
    gone = tmp_path / "moved.jpg"  # the file is no longer there when verify runs
    assert apply_rereads([page], read_again(gone, [page], forms, checked)) == 0
    assert cell.text == "9.514"
    assert [i.category for i in page.issues if i.stage == "verify"] == ["reread_failed"]


@pytest.mark.parametrize(
    ("criteria", "broken"),
    [
        ([60, 65, 70, 75, 80], False),
        ([10, 8, 6, 4, 2], False),  # lower is better
        ([3, 4, 5, 6, 7], False),
        ([60, 65, 70, 15, 80], True),  # 75 read as 15
        ([70, 5, 80, 85, 90], True),  # a digit lost
        ([92, 94, 30, 98, 100], True),
        ([80, 84, 90, 95, 100], True),  # monotonic, but the step is not constant
        ([80, 80, 90, 95, 100], True),
        ([], False),
    ],
)
def test_criteria_that_break_the_structure(criteria: list[float], broken: bool) -> None:
    assert criteria_broken(criteria) is broken


def test_structural_suspects_are_the_rows_of_broken_criteria() -> None:
    row = Prov(page=1, box=Box(x0=0, top=10, x1=500, bottom=30), text="10 60 65 70 15 80")
    good = Prov(page=1, box=Box(x0=0, top=40, x1=500, bottom=60), text="10 60 65 70 75 80")
    form = ParsedForm(
        form_type="overall_summary",
        indicators=[
            ParsedIndicator(indicator_no=1, criteria=[60, 65, 70, 15, 80], prov={"criteria": row}),
            ParsedIndicator(indicator_no=2, criteria=[60, 65, 70, 75, 80], prov={"criteria": good}),
        ],
    )
    assert structural_suspects([form]) == [row]


def test_a_misread_in_a_row_of_broken_criteria_is_read_again_with_no_flag(
    scan: tuple[Path, Page],
) -> None:
    # No error flag names the row: the criteria's broken step alone sends its numbers back
    # to the page, and only the misread one changes.
    path, page = scan
    page = page.model_copy(deep=True)
    cell = _cell(page, "9.514")
    cell.text = cell.words[0].text = "9.574"
    (row,) = [r for r in page.rows if any(c is cell for c in r.cells)]
    prov = Prov(page=page.number, box=row.box, text=row.text)
    ind = ParsedIndicator(indicator_no=1, criteria=[1, 2, 3, 9, 5], prov={"criteria": prov})
    forms = [ParsedForm(form_type="overall_summary", indicators=[ind])]
    assert apply_rereads([page], read_again(path, [page], forms, Verification())) == 1
    assert cell.text == "9.514"


def test_sure_glyphs_of_the_same_shape_are_a_reading_of_the_same_ink(
    scan: tuple[Path, Page], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, page = scan
    cell = _cell(page, "9.514")
    assert cell.box is not None
    image = page_as_read(render_page(path, page.number), page.ocr_correction)
    # Arabic digits the model does not accept are left to tesseract's vote.
    shipped = glyph_classes.load_model()
    found = glyph_classes.glyph_readings(*wide_crop(image.image, cell.box, image.dpi))
    assert found is not None and found.best.text == "9.514"
    unsure = sure_glyph_reading(image, cell.box, ("9.574", 90.0))
    assert (unsure is None) == (found.best.worst < shipped.accept)
    # A model that accepts them: the reading of the same ink, at its confidence.
    lenient = replace(shipped, accept=found.best.worst / 2)
    monkeypatch.setattr(glyph_classes, "load_model", lambda: lenient)
    reading = sure_glyph_reading(image, cell.box, ("9.574", 90.0))
    assert reading is not None and reading[0] == "9.514" and reading[1] >= 60.0
    # A first reading of another shape is not the same ink: the glyphs do not decide.
    assert sure_glyph_reading(image, cell.box, ("95.14", 90.0)) is None


def test_second_readings_are_records_applied_in_one_place(
    scan: tuple[Path, Page], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, page = scan
    page = page.model_copy(deep=True)
    cell = _cell(page, "9.514")
    cell.text = cell.words[0].text = "9.574"
    kept = _cell(page, "30.284")
    prov = Prov(page=page.number, box=cell.box, text=cell.text, confidence=cell.confidence)
    other = Prov(page=page.number, box=kept.box, text=kept.text, confidence=kept.confidence)
    form = ParsedForm(form_type="component", prov={"total_score": prov, "total_weight": other})
    checked = Verification(flags=[(0, _flag("form_total_mismatch", prov))])
    dpis: list[int] = []

    def render(path: Path, page_no: int, dpi: int = 300) -> PageImage:
        dpis.append(dpi)  # --dpi reaches the second reading's render
        return render_page(path, page_no, dpi)

    monkeypatch.setattr("thaieval.pipeline.ocr.reread.render_page", render)
    rereads = read_again(path, [page], [form], checked, dpi=200)
    assert dpis == [200]
    assert cell.text == "9.574"  # reading again changes nothing on the page
    first = rereads[0]
    assert (first.before, first.after, first.status) == ("9.574", "9.514", "changed")
    assert first.box == cell.box and first.reason.startswith("form_total_mismatch")
    assert first.method in ("glyph_run", "crop_vote") and (first.confidence or 0) > 50
    assert apply_rereads([page], rereads) == 1
    assert cell.text == "9.514"
    assert [i.category for i in page.issues if i.stage == "verify"] == ["reread_rule"]


def test_a_failed_second_reading_is_a_record_too(scan: tuple[Path, Page], tmp_path: Path) -> None:
    _, page = scan
    cell = _cell(page, "9.514")
    forms, checked = _form_flagging(cell, page.number)
    (reread,) = read_again(tmp_path / "moved.jpg", [page], forms, checked)
    assert reread.status == "failed" and reread.message and reread.box is None
