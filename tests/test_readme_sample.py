"""Issue 16: the README's sample of the output is what the program writes. The seed is run as
the README says, and its summary line, its `flags.csv` table and the message it quotes are
compared with the run's; a failure prints the table to paste."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, run_cli

README = ROOT / "README.md"
HEADER = "| form | severity | check | expected | found | message |"


def _readme_sample() -> tuple[str, list[str], list[str]]:
    """The README's summary line, its flags table (rows as text) and its quoted messages."""
    text = README.read_text(encoding="utf-8")
    start = text.index("A sample of the output, from `thaieval run ../shared/seed/")
    sample = text[start : text.index("![review report", start)]
    summary = re.search(r"^thaieval: .*$", sample, re.M)
    assert summary is not None, "the README's sample has no summary line"
    lines = sample.splitlines()
    at = lines.index(HEADER)
    rows = []
    for line in lines[at + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    quoted = re.findall(r'message says where the missing points went: "([^"]+)"', sample)
    return summary.group(0), rows, [" ".join(q.split()) for q in quoted]  # wrapped in README


def _table_row(flag: dict[str, str], form: dict[str, str] | None) -> str:
    if form is None:
        where = "document"
    elif form["form_type"] == "overall_summary":
        where = "overall"
    else:
        where = form["component"]
    cells = [where, flag["severity"], flag["check"], flag["expected"], flag["found"]]
    return "| " + " | ".join([*cells, flag["message"].replace("|", "\\|")]) + " |"


def _cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.slow
def test_readme_sample_is_what_the_seed_run_writes(tmp_path: Path) -> None:
    out = tmp_path / "seed"
    proc = run_cli("run", str(SEED), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    summary, rows, quoted = _readme_sample()
    written = proc.stderr.strip().splitlines()[-1]
    # Everything but the seconds, which depend on the machine.
    assert re.sub(r", [\d.]+ s$", "", written) == re.sub(r", [\d.]+ s$", "", summary)

    forms = {f["form_id"]: f for f in _csv(out / "forms.csv")}
    flags = _csv(out / "flags.csv")
    table = [_table_row(f, forms.get(f["form_id"])) for f in flags]
    assert [_cells(r) for r in rows] == [_cells(r) for r in table], (
        "README's flags.csv sample should read:\n"
        + "\n".join([HEADER, "|---|---|---|---|---|---|", *table])
    )
    messages = {f["message"] for f in flags}
    assert quoted and all(q in messages for q in quoted), (quoted, messages)
