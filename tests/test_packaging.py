"""The installed package: one importable name, ``thaieval``, with its API and its command.

A wheel is built from this tree and installed, without the repository on the path, into a
fresh virtual environment whose third-party packages come from the project's (so the test
needs no network); nothing of the source tree is visible there.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXT = ROOT / "tests" / "fixtures" / "text" / "district_bangrak_midyear_thai_digits.txt"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    build = tmp_path_factory.mktemp("build")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        cwd=build,
        env={**os.environ, "PIP_NO_INPUT": "1"},
    )
    (found,) = dist.glob("thaieval-*.whl")
    return found


@pytest.fixture(scope="module")
def fresh(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
    )
    # Third-party packages from the project's environment, added as a plain path: its .pth
    # files (the editable install of this tree among them) are not run.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = next(p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir())
    Path(purelib, "project_deps.pth").write_text(deps + "\n", encoding="utf-8")
    return env_dir


def test_the_wheel_holds_one_top_level_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/", 1)[0] for n in names if not n.split("/", 1)[0].endswith(".dist-info")}
    assert top == {"thaieval"}
    assert "thaieval/pipeline/ocr/data/digit_cnn.npz" in names
    assert not any(n.startswith("thaieval/samples") for n in names)


def _python(env_dir: Path, code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(env_dir / "bin" / "python"), "-c", code],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": os.environ["PATH"]},
    )


def test_only_thaieval_is_importable(fresh: Path, tmp_path: Path) -> None:
    code = (
        "import importlib.util, thaieval\n"
        "print(thaieval.__file__)\n"
        "for name in ('pipeline', 'parsers', 'schemas', 'samples'):\n"
        "    print(name, importlib.util.find_spec(name) is not None)\n"
    )
    done = _python(fresh, code, tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(str(fresh)), "thaieval imported from outside the fresh venv"
    assert lines[1:] == [f"{n} False" for n in ("pipeline", "parsers", "schemas", "samples")]


def test_run_and_load_from_the_installed_package(fresh: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = (
        "import thaieval\n"
        f"summary = thaieval.run([{str(TEXT)!r}], out={str(out)!r})\n"
        "print(summary.documents, summary.failures)\n"
        f"tables = thaieval.load({str(out)!r})\n"
        "forms = tables['forms']\n"
        "print(len(forms), forms['component'].dtype, forms['fiscal_year'].dtype)\n"
    )
    done = _python(fresh, code, tmp_path)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()[-2:]
    assert first == "1 0"
    count, component, year = second.split()
    assert int(count) > 0
    assert (component, year) == ("string", "Int64")
    assert (out / "forms.csv").exists() and (out / "report.html").exists()


def test_the_command_is_installed(fresh: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(fresh / "bin" / "thaieval"), "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"]},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("thaieval 0.")
