"""The cheap test before full OCR: is there any form on this scanned page?

A low-resolution strip from the top of the page (and, for a page scanned upside down, from the
bottom, turned) is OCR'd fast and searched for the forms' own labels. A budget book's page
costs a fraction of a second instead of seconds.

>>> SCREEN_DPI
150
"""

from __future__ import annotations

from typing import Any

import cv2

from thaieval.parsers.form_vocabulary import form_label_hits
from thaieval.pipeline.ocr.tesseract_run import run_tesseract
from thaieval.pipeline.pages.images import PageImage

__all__ = ["SCREEN_DPI", "screen_page_image"]

# Both set by hand in df6fb1f, no sweep recorded.
SCREEN_DPI = 150  # the page is screened at no more than this resolution
STRIP_SHARE = 0.4  # a form's title or its continuation's headings sit in the top part


def _strip_text(gray: object, dpi: float, lang: str, timeout: float) -> str:
    texts = run_tesseract(gray, lang=lang, psm=6, dpi=dpi, timeout=timeout, outputs=("txt",))  # type: ignore[arg-type]
    return texts["txt"]


def _downscaled(image: PageImage) -> tuple[Any, float]:
    """The page at no more than SCREEN_DPI, and its resolution."""
    scale = min(1.0, SCREEN_DPI / image.dpi)
    gray = image.image
    if scale < 1.0:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return gray, image.dpi * scale


def screen_page_image(image: PageImage, *, lang: str = "tha", timeout: float = 60.0) -> list[str]:
    """Form labels found on the page's top strip (or its turned bottom strip); [] when none."""
    gray, dpi = _downscaled(image)
    band = int(gray.shape[0] * STRIP_SHARE)
    hits = form_label_hits(_strip_text(gray[:band], dpi, lang, timeout))
    if hits:
        return hits
    turned = cv2.rotate(gray[-band:], cv2.ROTATE_180)
    return form_label_hits(_strip_text(turned, dpi, lang, timeout))


def screen_full_page(image: PageImage, *, lang: str = "tha", timeout: float = 60.0) -> list[str]:
    """Form labels anywhere on the page, read at low resolution: for a page that may continue
    a form begun on an earlier page."""
    gray, dpi = _downscaled(image)
    return form_label_hits(_strip_text(gray, dpi, lang, timeout))
