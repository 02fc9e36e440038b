"""Issue 16: the fiscal-year window of ``date_outside_fiscal_window`` is one rule — the check,
flags.csv's ``expected``, the flag's message and checks.csv all state the same window."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT, SEED, run_cli
from thaieval.parsers.signing_window import signing_window


@given(
    st.integers(min_value=2540, max_value=2600),
    st.sampled_from(["end_of_year", "mid_year", ""]),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
)
def test_the_message_states_the_window_it_checks(year: int, period: str, signed: date) -> None:
    window = signing_window(year, period)
    assert window.contains(signed) == (window.first <= signed <= window.last)
    assert window.message(signed).endswith(f" is signed {window.text()}")
    assert window.text() == f"{window.first.isoformat()}..{window.last.isoformat()}"


def test_the_windows_of_each_period() -> None:
    # A Thai fiscal year: 1 October of the year before to 30 September (BE 2567 = CE 2024).
    assert signing_window(2567, "mid_year").text() == "2023-10-01..2024-09-30"
    assert signing_window(2567, "end_of_year").text() == "2024-09-30..2025-09-30"
    # A leap year in the window: still up to the next 30 September, not a day short.
    assert signing_window(2566, "end_of_year").text() == "2023-09-30..2024-09-30"
    window = signing_window(2567, "end_of_year")
    assert window.contains(date(2024, 9, 30)) and window.contains(date(2025, 9, 30))
    assert not window.contains(date(2024, 9, 29)) and not window.contains(date(2025, 10, 1))
    assert window.message(date(2025, 10, 1)).startswith(
        "signed 2025-10-01, more than a year after fiscal year 2567 ended"
    )
    assert signing_window(2567, "mid_year").message(date(2024, 11, 20)) == (
        "signed 2024-11-20, outside fiscal year 2567: a mid-year form is signed 2023-10-01..2024-09-30"
    )
    assert not signing_window(2567, "mid_year").contains(date(2023, 10, 1) - timedelta(days=1))


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.slow
def test_every_window_flag_and_check_states_one_window(tmp_path: Path) -> None:
    """An end-of-year text (the seed), a mid-year born-digital PDF and an end-of-year OCR
    Markdown of a leap year, each with a date outside its window."""
    archive = ROOT / "samples" / "archive"
    inputs = [SEED, archive / "text" / "health-2567-mid.pdf"]
    inputs.append(archive / "ocr-text" / "publicworks-2566.ocr.md")
    out = tmp_path / "out"
    proc = run_cli("run", *map(str, inputs), "--out", str(out), "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    forms = {f["form_id"]: f for f in _csv(out / "forms.csv")}
    flags = [f for f in _csv(out / "flags.csv") if f["check"] == "date_outside_fiscal_window"]
    found = {
        (forms[f["form_id"]]["period"], f["expected"], f["found"], f["message"]) for f in flags
    }
    assert found == {
        (
            "end_of_year",
            "2024-09-30..2025-09-30",
            "2024-05-05",
            "signed 2024-05-05, before fiscal year 2567 ended: "
            "an end-of-year form is signed 2024-09-30..2025-09-30",
        ),
        (
            "end_of_year",
            "2024-09-30..2025-09-30",
            "2024-07-03",
            "signed 2024-07-03, before fiscal year 2567 ended: "
            "an end-of-year form is signed 2024-09-30..2025-09-30",
        ),
        (
            "mid_year",
            "2023-10-01..2024-09-30",
            "2024-11-20",
            "signed 2024-11-20, outside fiscal year 2567: "
            "a mid-year form is signed 2023-10-01..2024-09-30",
        ),
        (
            "end_of_year",
            "2023-09-30..2024-09-30",
            "2023-08-14",
            "signed 2023-08-14, before fiscal year 2566 ended: "
            "an end-of-year form is signed 2023-09-30..2024-09-30",
        ),
    }
    # checks.csv: every signed-date check names the window it held the date to; a failed
    # one says why in the flag's words, and the two agree on every form.
    checks = [c for c in _csv(out / "checks.csv") if c["rule"] == "signed_date"]
    assert checks and all(" window=" in c["inputs"] for c in checks if c["status"] != "unchecked")
    by_form = {c["form_id"]: c for c in checks if c["status"] == "failed"}
    assert set(by_form) == {f["form_id"] for f in flags}
    for flag in flags:
        check = by_form[flag["form_id"]]
        assert check["inputs"].endswith(f" window={flag['expected']}")
        assert check["reason"] == flag["message"]
    for check in checks:
        if check["status"] == "passed":
            form = forms[check["form_id"]]
            window = signing_window(int(form["fiscal_year"]), form["period"])
            assert window.contains(date.fromisoformat(form["signed_date"]))
            assert check["inputs"].endswith(f" window={window.text()}")
