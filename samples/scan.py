"""Scanned variants: rasterise a rendered PDF, degrade it like a scanner, pack the images.

>>> import random; img = degrade(Image.new("L", (50, 70), 255), random.Random(1), 200)
>>> img.mode, img.size
('L', (50, 70))
"""

from __future__ import annotations

import io
import random
import time
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

__all__ = ["ScanStyle", "degrade", "pack_pdf", "pack_tiff", "rasterise"]

FIXED_DATE = time.gmtime(1704067200)  # 2024-01-01, as Pillow wants it


@dataclass(frozen=True)
class ScanStyle:
    dpi: int
    noise: float  # standard deviation of the grain, grey levels
    blur: float  # Gaussian radius in pixels
    max_angle: float = 2.5
    quality: int = 55  # JPEG quality inside the PDF


def rasterise(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Each page as an 8-bit grey image at ``dpi``."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [
            doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            for i in range(len(doc))
        ]
    finally:
        doc.close()


def degrade(
    img: Image.Image, rng: random.Random, dpi: int, style: ScanStyle | None = None
) -> Image.Image:
    """Skew, paper tone, grain, specks and blur, all drawn from ``rng``."""
    style = style or ScanStyle(dpi, 6.0, 0.5)
    angle = rng.uniform(-style.max_angle, style.max_angle)
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    np_rng = np.random.default_rng(rng.randrange(2**32))
    arr = np.asarray(img, dtype=np.float32)
    arr = arr * rng.uniform(0.90, 0.97) + rng.uniform(0, 8)  # grey paper, lighter ink
    # Mottled paper (coarse noise, cheap to compress) plus a fine grain a third as strong.
    h, w = arr.shape
    coarse = np_rng.normal(0, style.noise, (h // 6 + 1, w // 6 + 1)).astype(np.float32)
    arr += np.asarray(Image.fromarray(coarse, "F").resize((w, h), Image.Resampling.BILINEAR))
    arr += np_rng.normal(0, style.noise / 3, arr.shape)
    specks = np_rng.random(arr.shape) < 0.0004 * (style.noise / 6)
    arr[specks] = np_rng.uniform(0, 120, int(specks.sum()))
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    return out.filter(ImageFilter.GaussianBlur(style.blur)) if style.blur else out


def pack_pdf(images: list[Image.Image], dpi: int, quality: int) -> bytes:
    """An image-only PDF, one JPEG per page; the page size is the image at ``dpi`` (A4)."""
    buf = io.BytesIO()
    images = [im.copy() for im in images]  # Pillow leaves encoder state on saved images
    images[0].save(
        buf,
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=dpi,
        quality=quality,
        creationDate=FIXED_DATE,  # Pillow stamps the current time otherwise
        modDate=FIXED_DATE,
    )
    return buf.getvalue()


def pack_tiff(images: list[Image.Image], dpi: int) -> bytes:
    """A multi-page TIFF (JPEG-compressed strips), resolution recorded."""
    buf = io.BytesIO()
    images = [im.copy() for im in images]
    images[0].save(buf, "TIFF", save_all=True, append_images=images[1:], dpi=(dpi, dpi),
                   compression="jpeg", quality=60)  # fmt: skip
    return buf.getvalue()
