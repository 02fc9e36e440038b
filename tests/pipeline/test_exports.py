"""The dataset as analysts open it: typed SQLite, Parquet read back by pandas with the
published dtypes, and dataset.xlsx as Excel shows it (opened with openpyxl)."""

from __future__ import annotations

import csv
import datetime as dt
import re
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.conftest import SEED, run_cli
from thaieval.pipeline.export.columns import columns_of
from thaieval.pipeline.export.store import STORE_RECORDS


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exports") / "out"
    proc = run_cli("run", str(SEED), "--out", str(folder))
    assert proc.returncode == 0, proc.stderr
    (folder.parent / "stderr.txt").write_text(proc.stderr, encoding="utf-8")
    return folder


def _columns(out: Path) -> list[dict[str, str]]:
    with (out / "columns.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_columns_csv_publishes_every_column_type(out: Path) -> None:
    rows = _columns(out)
    assert len(rows) == sum(len(columns_of(r)) for r in STORE_RECORDS)
    by_name = {(r["table"], r["column"]): r for r in rows}
    assert by_name["forms", "component"] == {
        "table": "forms", "column": "component", "thai": "องค์ประกอบ", "type": "text",
        "sqlite": "TEXT", "parquet": "string", "pandas": "string", "excel": "text",
    }  # fmt: skip
    assert by_name["forms", "fiscal_year"]["pandas"] == "Int64"
    assert by_name["indicators", "weight"]["type"] == "decimal"
    assert by_name["forms", "signed_date"]["parquet"] == "date32"


def test_sqlite_has_declared_types_keys_and_nulls(out: Path) -> None:
    db = sqlite3.connect(out / "dataset.sqlite")
    info = {r[1]: (r[2], r[5]) for r in db.execute("PRAGMA table_info(forms)")}
    assert info["form_id"] == ("TEXT", 1) and info["component"] == ("TEXT", 0)
    assert info["fiscal_year"] == ("INTEGER", 0) and info["total_score"] == ("REAL", 0)
    pages_key = [r[1] for r in db.execute("PRAGMA table_info(pages)") if r[5]]
    assert pages_key == ["document_id", "page"]
    indexes = {r[1] for r in db.execute("PRAGMA index_list(indicators)")}
    assert "ix_indicators_form_id" in indexes
    for record in STORE_RECORDS:  # an unknown is NULL whatever the column's type
        for column in columns_of(record):
            empty = db.execute(
                f'SELECT count(*) FROM "{record.table}" WHERE "{column.name}" = \'\''
            ).fetchone()[0]
            assert empty == 0, (record.table, column.name)
    assert db.execute(
        "SELECT count(*) FROM forms WHERE form_type = 'overall_summary' AND component IS NULL"
    ).fetchone() == (1,)
    assert db.execute("SELECT typeof(component) FROM forms WHERE component = '2'").fetchone() == (
        "text",
    )


def test_parquet_reads_back_with_the_documented_dtypes(out: Path) -> None:
    documented = _columns(out)
    for record in STORE_RECORDS:
        frame = pd.read_parquet(out / "parquet" / f"{record.table}.parquet")
        expected = {r["column"]: r["pandas"] for r in documented if r["table"] == record.table}
        assert {c: str(t) for c, t in frame.dtypes.items()} == expected, record.table
    forms = pd.read_parquet(out / "parquet" / "forms.parquet")
    assert sorted(forms["component"].dropna()) == ["1.1", "1.2", "1.3", "2", "3.1", "3.2"]
    assert set(forms["fiscal_year"]) == {2567}
    dates = [d for d in forms["signed_date"] if d is not None]
    assert dates and all(isinstance(d, dt.date) for d in dates)
    assert dt.date(2024, 5, 5) in dates


def test_xlsx_sheets_headers_and_cell_types(out: Path) -> None:
    book = load_workbook(out / "dataset.xlsx")
    assert book.sheetnames == [r.table for r in STORE_RECORDS]
    sheet = book["forms"]
    header = [c.value for c in sheet[2]]
    assert header == [c.name for c in columns_of(type_of("forms"))]
    thai = dict(zip(header, [c.value for c in sheet[1]], strict=True))
    assert thai["unit_name"] == "หน่วยงาน" and thai["fiscal_year"] == "ปีงบประมาณ (พ.ศ.)"
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == f"A2:{sheet.cell(2, len(header)).column_letter}{sheet.max_row}"
    rows = [dict(zip(header, [c for c in r], strict=True)) for r in sheet.iter_rows(min_row=3)]
    component_2 = next(r for r in rows if r["component"].value == "2")
    assert component_2["component"].number_format == "@"  # text, not the number 2
    assert isinstance(component_2["fiscal_year"].value, int)
    assert isinstance(component_2["total_score"].value, float)
    signed = [r["signed_date"] for r in rows if r["signed_date"].value is not None]
    assert signed and all(isinstance(c.value, dt.datetime) for c in signed)
    assert {c.number_format for c in signed} == {"yyyy-mm-dd"}
    overall = next(r for r in rows if r["form_type"].value == "overall_summary")
    assert overall["component"].value is None  # unknown stays empty, as in the CSV


def type_of(table: str) -> type:
    return next(r for r in STORE_RECORDS if r.table == table)


def test_readme_sample_is_what_the_program_writes(out: Path) -> None:
    """Issue 16: README's sample flags.csv is the seed run's, row by row and cell by cell
    (the message too), and so is the message it quotes."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    sample = readme[readme.index("`flags.csv` (its columns") :].split("\n\n")[1]
    shown = [
        [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        for line in sample.splitlines()[2:]
    ]
    with (out / "forms.csv").open(encoding="utf-8-sig", newline="") as fh:
        component = {r["form_id"]: r["component"] or "overall" for r in csv.DictReader(fh)}
    with (out / "flags.csv").open(encoding="utf-8-sig", newline="") as fh:
        flags = list(csv.DictReader(fh))
    written = [
        [
            component[f["form_id"]],
            f["severity"],
            f["check"],
            f["expected"],
            f["found"],
            f["message"].replace("|", "\\|"),
        ]
        for f in flags
    ]
    assert shown == written, "\n".join("| " + " | ".join(row) + " |" for row in written)
    quoted = re.search(r'message says where the missing points went: "([^"]+)"', readme)
    assert quoted is not None
    assert " ".join(quoted.group(1).split()) in {f["message"] for f in flags}
    summary = readme[readme.index("thaieval: 1 document,") :].split("\n")[0]
    printed = (out.parent / "stderr.txt").read_text(encoding="utf-8").splitlines()[-1]
    assert summary.rsplit(", ", 1)[0] == printed.rsplit(", ", 1)[0]  # all but the seconds
