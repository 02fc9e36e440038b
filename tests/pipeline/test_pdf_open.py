"""Bad PDFs raise one-line InputErrors; good ones open with their page count."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from tests.pipeline.pdf_fixtures import score_table_pdf
from thaieval.pipeline.errors import (
    CorruptInput,
    EmptyInput,
    EncryptedInput,
    InputError,
    UnsupportedInput,
)
from thaieval.pipeline.ingest.pdf_open import check_pdf, open_pdf
from thaieval.pipeline.pages.text_layer.read import read_text_layer


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return score_table_pdf(tmp_path_factory.mktemp("open") / "good.pdf")


def encrypt(src: Path, dst: Path, user: str) -> Path:
    with pikepdf.open(src) as pdf:
        pdf.save(dst, encryption=pikepdf.Encryption(user=user, owner="owner-secret"))
    return dst


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda g, d: encrypt(g, d, "user-secret"), EncryptedInput, "PDF is password-protected"),
        (
            lambda g, d: d.write_bytes(g.read_bytes()[: len(g.read_bytes()) // 2]) and d,
            CorruptInput,
            "PDF is truncated",
        ),
        (lambda g, d: d.write_bytes(b"") is not None and d, EmptyInput, "file is empty (0 bytes)"),
        (
            lambda g, d: d.write_bytes(b"PK\x03\x04zip, renamed") and d,
            UnsupportedInput,
            "not a PDF",
        ),
        (lambda g, d: pikepdf.new().save(d) or d, EmptyInput, "PDF has no pages"),
    ],
    ids=["encrypted", "truncated", "zero-byte", "not-a-pdf", "zero-pages"],
)
def test_bad_pdf_raises_one_line_input_error(good, tmp_path, make, error, message) -> None:  # type: ignore[no-untyped-def]
    path = make(good, tmp_path / "bad.pdf")
    with pytest.raises(error) as info:
        read_text_layer(path)
    text = str(info.value)
    assert text.startswith(message) and "\n" not in text
    assert isinstance(info.value, InputError)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(EmptyInput, match="file not found"):
        check_pdf(tmp_path / "absent.pdf")


def test_owner_password_only_pdf_is_read(good: Path, tmp_path: Path) -> None:
    path = encrypt(good, tmp_path / "owner.pdf", "")
    info = check_pdf(path)
    assert (info.page_count, info.encrypted) == (1, True)
    with open_pdf(path) as pdf:
        assert len(pdf.pages) == 1
    assert "สำนักงานการต่างประเทศ" in read_text_layer(path)[0].text
