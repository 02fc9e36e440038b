"""Training and test glyphs for :mod:`thaieval.pipeline.ocr.digit_model`: lines of numbers and words drawn
in a font, degraded as scanners degrade them, cut into blobs by the pipeline's own
:func:`thaieval.pipeline.ocr.ink_blobs.components`, each blob labelled with the glyph it was drawn from.

A line holds a number or two in Thai or Arabic digits (scores, codes, dates, thousands) among
Thai and Latin words, brackets and slashes, sometimes a table rule, specks, or neighbours drawn
close enough to touch. A blob is labelled with a glyph's class when it holds most of that
glyph's ink and little of another's; any other blob (a letter, a mark, a fragment of a broken
stroke, two glyphs touching, a rule, a speck) is ``reject``.

>>> rng = np.random.default_rng(0)
>>> tokens = number_tokens(rng, "thai")
>>> all(t[1] in CLASSES for t in tokens)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from samples.digits.labels import LabelInk, blob_targets
from samples.fonts import NATIONAL, TLWG, NpmFont, _package_dir, cache_dir, font_path
from thaieval.parsers.digits import THAI_DIGITS
from thaieval.pipeline.ocr.digit_model import CLASSES, REJECT, features, line_context
from thaieval.pipeline.ocr.ink_blobs import components

__all__ = [
    "FAMILIES",
    "SCANNED",
    "Degrade",
    "faces",
    "glyph_set",
    "glyph_targets",
    "number_tokens",
    "render_line",
]

FAMILIES: tuple[str, ...] = (*TLWG, *NATIONAL)  # 23 families, 46 faces with their bolds
# Latin-only faces: more shapes of the Arabic digits, the point and the comma (the flat-topped
# 3 of geometric faces among them), drawn in lines without Thai. DejaVu comes with every Debian
# system; the others are fetched once from npm (@fontsource, pinned) like the national fonts.
LATIN_DIR = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU = tuple(
    f"DejaVu{style}{weight}.ttf"
    for style in ("Sans", "Serif", "SansCondensed", "SansMono")
    for weight in ("", "-Bold")
)
LATIN_NPM = (
    NpmFont("comfortaa", "5.3.0"),
    NpmFont("josefin-sans", "5.3.0"),
    NpmFont("jost", "5.3.0"),
    NpmFont("lexend", "5.3.0"),
    NpmFont("outfit", "5.3.0"),
    NpmFont("questrial", "5.3.0"),  # regular only
    NpmFont("space-grotesk", "5.3.0"),
    NpmFont("urbanist", "5.3.0"),
)

Token = tuple[str, str]  # text drawn, class of its blob(s)

_CONSONANTS = "กขคฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
_ABOVE = "่้๊๋ิีึืั็์ํ"
_BELOW = "ุู"
_LEAD = "เแโใไ"
_TRAIL = "ะาำๆฯ"
# Not o O l I S Z B (a digit's shape), nor : and ; (their lower half is a point or a comma:
# only the half above tells them apart, which the caller sees, not a single-blob classifier).
_LATIN = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY%-+=*#"


def _digits(rng: np.random.Generator, script: str, n: int) -> list[Token]:
    chars = THAI_DIGITS if script == "thai" else "0123456789"
    return [(c, c) for c in rng.choice(list(chars), n)]


def number_tokens(rng: np.random.Generator, script: str) -> list[Token]:
    """One number as forms print them: a score, a weight, a code, a date, thousands."""
    kind = rng.choice(
        ["int", "decimal", "thousands", "date", "code"], p=[0.3, 0.35, 0.1, 0.1, 0.15]
    )
    if kind == "int":
        return _digits(rng, script, int(rng.integers(1, 5)))
    if kind == "decimal":
        return [
            *_digits(rng, script, int(rng.integers(1, 4))),
            (".", "."),
            *_digits(rng, script, int(rng.integers(1, 5))),
        ]
    if kind == "thousands":
        out = [*_digits(rng, script, int(rng.integers(1, 4))), (",", ","), *_digits(rng, script, 3)]
        return out + ([(".", "."), *_digits(rng, script, 2)] if rng.random() < 0.5 else [])
    if kind == "date":
        return [
            *_digits(rng, script, int(rng.integers(1, 3))),
            ("/", REJECT),
            *_digits(rng, script, int(rng.integers(1, 3))),
            ("/", REJECT),
            *_digits(rng, script, 4),
        ]
    parts = int(rng.integers(2, 4))
    out = []
    for i in range(parts):
        out += _digits(rng, script, 1)
        if i < parts - 1:
            out.append((".", "."))
    return out


def _latin_word(rng: np.random.Generator) -> list[Token]:
    return [(c, REJECT) for c in rng.choice(list(_LATIN), int(rng.integers(1, 5)))]


def _word(rng: np.random.Generator) -> list[Token]:
    """A Thai word of a few clusters (a consonant, maybe a mark above or below, a vowel) or a
    Latin one: every part of it is ``reject``."""
    if rng.random() < 0.2:
        return _latin_word(rng)
    out = []
    for _ in range(int(rng.integers(1, 4))):
        text = str(rng.choice(list(_CONSONANTS)))
        if rng.random() < 0.2:
            text = str(rng.choice(list(_LEAD))) + text
        if rng.random() < 0.4:
            text += str(rng.choice(list(_ABOVE)))
        elif rng.random() < 0.15:
            text += str(rng.choice(list(_BELOW)))
        if rng.random() < 0.2:
            text += str(rng.choice(list(_TRAIL)))
        out.append((text, REJECT))
    return out


def line_tokens(rng: np.random.Generator, thai: bool = True) -> list[Token | None]:
    """Words and numbers of one line; ``None`` is a word space. A face without Thai
    (``thai`` false) draws Arabic digits among Latin words."""
    script = "thai" if thai and rng.random() < 0.6 else "arabic"
    out: list[Token | None] = []
    for _ in range(int(rng.integers(1, 4))):
        if rng.random() < 0.3:
            out += [*(_word(rng) if thai else _latin_word(rng)), None]
        number = number_tokens(rng, script)
        if rng.random() < 0.15:
            number = [("(", REJECT), *number, (")", REJECT)]
        out += [*number, None]
    return out[:-1]


@lru_cache(maxsize=128)
def has_thai(path: Path) -> bool:
    """Whether the face draws Thai digits (a Latin-only face draws boxes)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        return ord("๑") in font.getBestCmap()


@lru_cache(maxsize=512)
def _font(path: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, px)


def render_line(
    rng: np.random.Generator, path: Path, px: int, touch: float = 0.1
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """A line drawn in the font at ``px`` pixels per em: its ink (0–255, ink bright), a map of
    which token each pixel of ink belongs to (1-based; 0 none), and each token's class.
    ``touch`` is the chance that two neighbours are drawn close enough to touch."""
    font = _font(str(path), px)
    tokens = line_tokens(rng, has_thai(path))
    height, margin = int(3.2 * px), int(0.6 * px)
    width = margin * 2 + int(sum(px if t is None else font.getlength(t[0]) + 2 for t in tokens))
    ink = np.zeros((height, width + px), np.uint8)
    owner = np.zeros(ink.shape, np.int16)
    classes: list[str] = []
    x, top = float(margin), int(1.0 * px)
    for token in tokens:
        if token is None:
            x += px * rng.uniform(0.25, 0.5)
            continue
        text, cls = token
        box = [int(v) for v in font.getbbox(text)]
        w, h = box[2] - box[0], box[3] - box[1]
        if w > 0 and h > 0:
            img = Image.new("L", (w, h), 0)
            ImageDraw.Draw(img).text((-box[0], -box[1]), text, font=font, fill=255)
            glyph = np.asarray(img)
            x0, y0 = int(x) + box[0], top + box[1]
            # Script faces reach far above and below the em: what leaves the canvas is cut.
            glyph = glyph[max(0, -y0) : ink.shape[0] - y0, max(0, -x0) : ink.shape[1] - x0]
            x0, y0 = max(0, x0), max(0, y0)
            h, w = glyph.shape
            region = ink[y0 : y0 + h, x0 : x0 + w]
            classes.append(cls)
            mine = glyph > 127
            owner[y0 : y0 + h, x0 : x0 + w][mine] = len(classes)
            np.maximum(region, glyph, out=region)
        gap = px * (rng.uniform(-0.12, -0.03) if rng.random() < touch else rng.uniform(0, 0.06))
        x += font.getlength(text) + gap
    return ink, owner, classes


@dataclass(frozen=True)
class Degrade:
    """How hard a scan is: the upper ends of blur (pixels at 300 dpi), grain, rotation."""

    blur: float = 1.0
    grain: float = 30.0
    rotate: float = 1.5  # degrees
    broken: float = 0.3  # chance of white scratches breaking strokes
    extras: bool = True  # rules and specks in the crop


SCANNED = Degrade()  # our scanners and worse: what training and the evaluation draw


def _degrade(
    rng: np.random.Generator, ink: np.ndarray, owner: np.ndarray, dpi: int, how: Degrade
) -> tuple[np.ndarray, np.ndarray]:
    """A scan of the drawn line (dark ink on paper) and the ownership map moved with it."""
    h, w = ink.shape
    ink = ink.copy()
    if how.extras and rng.random() < 0.25:  # a table rule above or below, inside the crop
        y = int(rng.choice([rng.uniform(0.05, 0.2), rng.uniform(0.85, 0.95)]) * h)
        x0, x1 = sorted(rng.integers(2, w - 2, 2))
        ink[y : y + max(1, dpi // 150), x0:x1] = 255
    if how.extras and rng.random() < 0.3:  # specks, clear of the baseline's band
        for _ in range(int(rng.integers(1, 6))):
            r = max(1, int(rng.uniform(0.5, 2.0) * dpi / 200))
            cy = int(rng.uniform(0.05, 0.3) * h)
            cx = int(rng.integers(r + 1, w - r - 1))
            cv2.circle(ink, (cx, cy), r, 255, -1)
    if rng.random() < how.broken:  # white scratches break strokes
        for _ in range(int(rng.integers(1, 8))):
            p0 = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            p1 = (p0[0] + int(rng.integers(-w // 8, w // 8)), int(rng.integers(0, h)))
            cv2.line(ink, p0, p1, 0, 1)
    if how.rotate:
        angle = rng.uniform(-how.rotate, how.rotate)
        turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        ink = cv2.warpAffine(ink, turn, (w, h), flags=cv2.INTER_LINEAR)
        owner = cv2.warpAffine(owner.astype(np.float32), turn, (w, h), flags=cv2.INTER_NEAREST)
        owner = owner.astype(np.int16)
    stroke = rng.random()
    kernel = np.ones((2, 2), np.uint8)
    if stroke < 0.15:
        ink = cv2.dilate(ink, kernel)  # thickened strokes: toner spread, bold scans
    elif stroke < 0.3 and dpi >= 200:
        ink = cv2.erode(ink, kernel)  # thinned strokes: a light scan
    sigma = rng.uniform(0, how.blur) * dpi / 300
    if sigma > 0.2:
        ink = cv2.GaussianBlur(ink, (0, 0), sigma)
    paper, dark = rng.uniform(190, 255), rng.uniform(0, 90)
    page = paper - ink.astype(np.float32) / 255.0 * (paper - dark)
    page += rng.normal(0, rng.uniform(0, how.grain), page.shape)
    page8 = np.clip(page, 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        _, data = cv2.imencode(".jpg", page8, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(25, 95))])
        page8 = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
    if rng.random() < 0.35:  # a 1-bit scan: a fixed threshold breaks thin strokes or fills
        cut = rng.uniform(0.35, 0.65) * (paper + dark)
        page8 = np.where(page8 > cut, 255, 0).astype(np.uint8)
    return page8, owner


def faces(families: tuple[str, ...] | list[str], latin: bool = False) -> list[Path]:
    """Regular and bold files of each family (national ones fetched once by npm), and with
    ``latin`` the Latin-only faces (:data:`DEJAVU` where installed, :data:`LATIN_NPM`)."""
    out = [font_path(f, weight) for f in families for weight in (400, 700)]
    if latin:
        out += [LATIN_DIR / f for f in DEJAVU if (LATIN_DIR / f).is_file()]
        out += [p for font in LATIN_NPM for p in latin_faces(font)]
    return out


def latin_faces(font: NpmFont) -> list[Path]:
    """TrueType files of a Latin-only fontsource package's regular and bold (where it has
    one), converted once from its woff2 into the font cache."""
    from fontTools.ttLib import TTFont

    files = _package_dir(font) / "package" / "files"
    out = []
    for weight in (400, 700):
        woff = files / f"{font.slug}-latin-{weight}-normal.woff2"
        path = cache_dir() / f"{font.slug}-{font.version}-latin-{weight}.ttf"
        if woff.is_file() and not path.exists():
            face = TTFont(str(woff))
            face.flavor = None
            face.save(str(path.with_suffix(".part")))
            path.with_suffix(".part").replace(path)
        if path.exists():
            out.append(path)
    return out


def glyph_set(
    rng: np.random.Generator,
    paths: list[Path],
    dpis: tuple[int, ...],
    lines: int,
    how: Degrade = SCANNED,
    keep_reject: float = 1.0,
    label_ink: LabelInk = "clean",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shapes, places (:func:`thaieval.pipeline.ocr.digit_model.features`) and class indices of
    the blobs of ``lines`` degraded lines per face, each at a dpi drawn from ``dpis`` and a type
    size of 11–18 points; ``keep_reject`` of the reject blobs kept (most blobs of a line are
    letters: training needs fewer of them)."""
    return glyph_targets(rng, paths, dpis, lines, how, keep_reject, label_ink)[:3]


def glyph_targets(
    rng: np.random.Generator,
    paths: list[Path],
    dpis: tuple[int, ...],
    lines: int,
    how: Degrade = SCANNED,
    keep_reject: float = 1.0,
    label_ink: LabelInk = "clean",
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`glyph_set` and, for each blob, its main glyph's class and that class's share of
    the training target (:func:`blob_targets`); the same draws, so the same blobs."""
    shapes, places, ys, mains, shares = [], [], [], [], []
    for path in paths:
        # A Latin face draws Arabic digits only, more of them a line: half the lines will do.
        for _ in range(lines if has_thai(path) else lines // 2):
            dpi = int(rng.choice(dpis))
            px = max(8, round(rng.uniform(11, 18) * dpi / 72))
            ink, owner, classes = render_line(rng, path, px)
            page, owner = _degrade(rng, ink, owner, dpi, how)
            blobs = components(page)
            if not blobs:
                continue
            targets = blob_targets(blobs, owner, classes, label_ink)
            labels = np.asarray([t[0] for t in targets], np.int64)
            keep = (labels != CLASSES.index(REJECT)) | (rng.random(labels.size) < keep_reject)
            kept = [b for b, k in zip(blobs, keep, strict=True) if k]
            shape, place = features(kept, line_context(blobs), blobs)
            shapes.append(shape)
            places.append(place)
            ys.append(labels[keep])
            mains.append(np.asarray([t[1] for t in targets], np.int64)[keep])
            shares.append(np.asarray([t[2] for t in targets], np.float32)[keep])
    return (
        np.concatenate(shapes),
        np.concatenate(places),
        np.concatenate(ys),
        np.concatenate(mains),
        np.concatenate(shares),
    )
