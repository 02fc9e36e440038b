"""In-process tesseract (libtesseract via ctypes) against the ``tesseract`` program, on a real
rendered form: the same outputs byte for byte, no settings leaking between calls, threads,
timeouts and the fallback to the CLI."""

from __future__ import annotations

import ctypes
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.pipeline.scan_fixtures import damage, form_pdf, rasterise
from thaieval.pipeline.errors import OcrFailure
from thaieval.pipeline.ocr import tesseract_api, tesseract_run

WHITELIST = {"tessedit_char_whitelist": "0123456789.,-๐๑๒๓๔๕๖๗๘๙"}


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        gray = damage(rasterise(form_pdf(Path(tmp) / "form.pdf")))
    return cv2.resize(gray, None, fx=2 / 3, fy=2 / 3, interpolation=cv2.INTER_AREA)  # 200 dpi


@pytest.fixture(scope="module")
def crops(page: np.ndarray) -> list[np.ndarray]:
    """Strips of the table: numbers, Thai text, rules."""
    h, w = page.shape
    return [page[y : y + 60, w // 3 : w // 3 + 400].copy() for y in range(h // 4, h // 2, 90)]


def _cli(image: np.ndarray, lang: str, psm: int, dpi: float, outputs: tuple[str, ...], **kw: str):
    return tesseract_run._run_cli(image, lang, psm, dpi, 60, outputs, kw)


def _api(image: np.ndarray, lang: str, psm: int, dpi: float, outputs: tuple[str, ...], **kw: str):
    return tesseract_api.recognize(
        image, lang=lang, psm=psm, dpi=dpi, timeout=60, outputs=outputs, variables=kw
    )


def test_library_loads_with_one_openmp_thread() -> None:
    assert tesseract_api.available(), tesseract_api.why_unavailable()
    assert tesseract_api.library_version() == str(__import__("pytesseract").get_tesseract_version())
    assert ctypes.CDLL("libgomp.so.1").omp_get_thread_limit() == 1


def test_page_pass_is_the_clis_byte_for_byte(page: np.ndarray) -> None:
    api = _api(page, "tha+eng", 3, 200, ("txt", "tsv"))
    assert api is not None
    assert api == _cli(page, "tha+eng", 3, 200, ("txt", "tsv"))
    assert api["tsv"].startswith("level\tpage_num\t") and "แบบ" in api["txt"]


def test_crop_rereads_are_the_clis_and_settings_do_not_leak(crops: list[np.ndarray]) -> None:
    # Interleaved as the pipeline calls them: a whitelist call, then calls without it.
    for crop in crops:
        assert _api(crop, "tha", 7, 300, ("tsv",), **WHITELIST) == _cli(
            crop, "tha", 7, 300, ("tsv",), **WHITELIST
        )
        assert _api(crop, "tha", 8, 225, ("txt", "tsv")) == _cli(
            crop, "tha", 8, 225, ("txt", "tsv")
        )
        assert _api(crop, "tha+eng", 6, 300, ("txt",)) == _cli(crop, "tha+eng", 6, 300, ("txt",))


def test_threads_each_get_their_own_engine(crops: list[np.ndarray]) -> None:
    expected = [_api(c, "tha", 7, 300, ("tsv",), **WHITELIST) for c in crops]
    expected += [_api(c, "tha", 6, 300, ("txt",)) for c in crops]

    def read(i: int) -> dict[str, str] | None:
        crop = crops[i % len(crops)]
        if i // len(crops) % 2 == 0:
            return _api(crop, "tha", 7, 300, ("tsv",), **WHITELIST)
        return _api(crop, "tha", 6, 300, ("txt",))

    jobs = list(range(2 * len(crops))) * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(read, jobs))
    assert results == [expected[i] for i in jobs]
    assert 1 <= tesseract_api.engines("tha") <= 4


def test_timeout_raises_and_the_next_call_reads(page: np.ndarray, crops: list[np.ndarray]) -> None:
    with pytest.raises(OcrFailure, match=r"timed out after 0\.001 s"):
        tesseract_api.recognize(
            page, lang="tha+eng", psm=3, dpi=200, timeout=0.001, outputs=("tsv",)
        )
    assert _api(crops[0], "tha+eng", 6, 300, ("txt",)) == _cli(
        crops[0], "tha+eng", 6, 300, ("txt",)
    )


def test_unknown_language_fails_like_the_cli(crops: list[np.ndarray]) -> None:
    with pytest.raises(OcrFailure, match="tesseract failed"):
        _api(crops[0], "nosuchlang", 6, 300, ("txt",))


def test_other_outputs_and_init_only_settings_go_to_the_cli(crops: list[np.ndarray]) -> None:
    assert _api(crops[0], "tha", 6, 300, ("hocr",)) is None
    assert _api(crops[0], "tha", 6, 300, ("txt",), load_system_dawg="0") is None


def test_fallback_runs_the_cli_when_the_library_is_off(
    crops: list[np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("THAIEVAL_OCR_CACHE", raising=False)  # a cached answer calls nothing
    calls: list[str] = []
    real = tesseract_run._run_cli

    def counted(*args: object) -> dict[str, str]:
        calls.append("cli")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(tesseract_run, "_run_cli", counted)
    inproc = tesseract_run.run_tesseract(
        crops[1], lang="tha", psm=6, dpi=300, timeout=60, outputs=("txt",)
    )
    assert calls == []
    monkeypatch.setenv("THAIEVAL_TESSERACT_API", "0")
    assert _api(crops[1], "tha", 6, 300, ("txt",)) is None
    via_cli = tesseract_run.run_tesseract(
        crops[1], lang="tha", psm=6, dpi=300, timeout=60, outputs=("txt",)
    )
    assert calls == ["cli"] and via_cli == inproc


def test_a_missing_library_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tesseract_api, "LIBRARY", "libtesseract-not-here.so.9")
    monkeypatch.setattr(tesseract_api, "_loaded", False)
    monkeypatch.setattr(tesseract_api, "_lib", None)
    monkeypatch.setattr(tesseract_api, "_unavailable", None)
    assert not tesseract_api.available()
    assert "could not be loaded" in (tesseract_api.why_unavailable() or "")
    image = np.full((40, 40), 255, np.uint8)
    assert (
        tesseract_api.recognize(image, lang="tha", psm=6, dpi=300, timeout=9, outputs=("txt",))
        is None
    )
