"""What a user meets first: a bad --out, a bad option value, a scheduler that is not there,
and the help. Each is one line on stderr and exit 2, never a traceback."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import SEED, run_cli
from thaieval.api import run as api_run
from thaieval.pipeline.errors import OutputError
from thaieval.pipeline.run.cli_checks import check_out_dir, remove_created


def _usage_error(proc: object, message: str) -> None:
    stderr = proc.stderr  # type: ignore[attr-defined]
    assert proc.returncode == 2, stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    assert message in stderr, stderr


@pytest.fixture()
def seed_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    return folder


def test_out_naming_a_file(seed_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("a file\n")
    proc = run_cli("run", str(seed_dir), "--out", str(target))
    _usage_error(proc, f"thaieval: --out {target} is a file, not a folder")
    assert target.read_text() == "a file\n"


def test_out_below_a_file(seed_dir: Path, tmp_path: Path) -> None:
    parent = tmp_path / "taken"
    parent.write_text("a file\n")
    proc = run_cli("run", str(seed_dir), "--out", str(parent / "out"))
    _usage_error(
        proc, f"cannot create the output folder {parent / 'out'}: {parent} is not a folder"
    )


def test_missing_parents_are_created(seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "out"
    proc = run_cli("run", str(seed_dir), "--out", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    assert (out / "forms.csv").is_file()
    assert proc.stderr == ""  # --quiet: no summary when all went well


def _read_only_parent(tmp_path: Path) -> Path:
    """A folder in which nothing can be created (root ignores permissions: sysfs refuses)."""
    if os.geteuid() == 0:
        return Path("/sys")
    parent = tmp_path / "read_only"
    parent.mkdir()
    parent.chmod(0o555)
    return parent


def test_read_only_parent(seed_dir: Path, tmp_path: Path) -> None:
    out = _read_only_parent(tmp_path) / "thaieval-out"
    proc = run_cli("run", str(seed_dir), "--out", str(out))
    _usage_error(proc, f"thaieval: cannot create the output folder {out}: ")


def test_non_writable_out_folder(seed_dir: Path, tmp_path: Path) -> None:
    out = _read_only_parent(tmp_path)
    proc = run_cli("run", str(seed_dir), "--out", str(out))
    _usage_error(proc, f"thaieval: cannot write to the output folder {out}: Permission denied")


def test_dataset_that_is_not_a_database(seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "dataset.sqlite").write_text("my notes, not a database\n")
    message = f"thaieval: {out / 'dataset.sqlite'} is not an SQLite database"
    _usage_error(run_cli("run", str(seed_dir), "--out", str(out)), message)
    _usage_error(run_cli("report", str(out)), message)
    assert (out / "dataset.sqlite").read_text() == "my notes, not a database\n"
    assert not (out / "forms.csv").exists()


def test_scheduler_pointing_at_nothing(seed_dir: Path, tmp_path: Path) -> None:
    """Issue 16: a bad --scheduler is a usage error (one line, exit 2) that leaves behind no
    output folder it made, nor the parents it made for it."""
    started = time.monotonic()
    out = tmp_path / "runs" / "out"
    proc = run_cli("run", str(seed_dir), "--out", str(out), "--scheduler", "tcp://127.0.0.1:9")
    _usage_error(proc, "thaieval: cannot reach the Dask scheduler at tcp://127.0.0.1:9 within 10 s")
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert time.monotonic() - started < 25
    assert not out.exists() and not (tmp_path / "runs").exists()


def test_api_run_with_a_scheduler_pointing_at_nothing(seed_dir: Path, tmp_path: Path) -> None:
    """thaieval.run shares the command's start (``in_out_dir``): the same error, raised, and
    no folder left behind."""
    out = tmp_path / "runs" / "out"
    with pytest.raises(OutputError, match="cannot reach the Dask scheduler"):
        api_run([seed_dir], out, scheduler="tcp://127.0.0.1:9")
    assert not out.exists() and not (tmp_path / "runs").exists()


def test_usage_error_keeps_the_folders_it_did_not_make(tmp_path: Path) -> None:
    """Only folders the run made are taken back, and only while empty."""
    given = tmp_path / "given"
    given.mkdir()
    assert check_out_dir(given) == []
    made = check_out_dir(tmp_path / "new" / "out")
    (tmp_path / "new" / "note.txt").write_text("a user's file\n")
    remove_created(made)
    assert given.is_dir() and not (tmp_path / "new" / "out").exists()
    assert (tmp_path / "new" / "note.txt").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--workers", "-3"), "Invalid value for '--workers'"),
        (
            ("--timeout", "-5"),
            "Invalid value for '--timeout': must be more than 0 seconds (got -5)",
        ),
        (("--timeout", "0"), "Invalid value for '--timeout': must be more than 0 seconds (got 0)"),
        (("--dpi", "20"), "Invalid value for '--dpi'"),
    ],
)
def test_bad_option_values_are_usage_errors(
    seed_dir: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "out"
    _usage_error(run_cli("run", str(seed_dir), "--out", str(out), *args), message)
    assert not out.exists()


def test_eval_group_must_be_a_column(tmp_path: Path) -> None:
    proc = run_cli("eval", str(tmp_path), "--truth", str(tmp_path), "--group", "bogus")
    _usage_error(proc, "Invalid value for '--group': 'bogus' is not one of all, text, damaged")


def test_help_version_and_conventions() -> None:
    top = run_cli("-h")
    assert top.returncode == 0
    assert "Exit status: 0" in top.stdout and "130 interrupted" in top.stdout
    assert "thaieval run scans/ ocr-text/ --out dataset/" in top.stdout
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("thaieval 0.")
    help_run = run_cli("run", "--help")
    assert help_run.stdout.startswith("Usage: thaieval run [OPTIONS] INPUT...\n")
    for shown in ("--out DIR", "--workers N", "--timeout S", "--dpi N", "[default: 300;",
                  "-q, --quiet", "-v, --verbose", "Exit status:"):  # fmt: skip
        assert shown in help_run.stdout, shown
    for hidden in ("<list[str]>", "<int>", "<path>", "{inputs}", "[default: 0]", "no-force"):
        assert hidden not in help_run.stdout, hidden


def test_quiet_and_verbose(seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "empty.pdf").write_bytes(b"")
    quiet = run_cli("run", str(seed_dir), "--out", str(tmp_path / "q"), "--quiet")
    assert quiet.returncode == 1
    assert quiet.stderr == (  # only what went wrong
        f"thaieval: 1 input failed:\n  {seed_dir / 'empty.pdf'}: file is empty (0 bytes)\n"
    )
    verbose = run_cli("run", str(seed_dir), "--out", str(tmp_path / "v"), "-v")
    assert verbose.stderr.splitlines()[:2] == [
        f"thaieval: failed {seed_dir / 'empty.pdf'}: file is empty (0 bytes)",
        f"thaieval: ok {seed_dir / 'seed.txt'}: 7 forms",
    ]
    assert verbose.stderr.splitlines()[2].startswith("thaieval: 2 documents, 1 page, 7 forms,")
