"""The trained digit classifier: its shipped weights load with no network, and it reads
single glyphs of fonts it was trained on and of fonts it never saw."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from samples.digits.render import FAMILIES, blob_labels, render_line
from samples.digits.train import choose_accept, fit
from thaieval.pipeline.ocr.digit_model import (
    CLASSES,
    REJECT,
    WEIGHTS,
    classify,
    features,
    load_model,
    read_model,
)
from thaieval.pipeline.ocr.ink_blobs import components

TLWG = Path("/usr/share/fonts/truetype/tlwg")


def _scan(font: str, text: str, px: int = 67) -> np.ndarray:
    """``text`` drawn in a TLWG face at ``px`` per em (16 pt at 300 dpi), dark on white."""
    face = ImageFont.truetype(str(TLWG / font), px)
    canvas = Image.new("L", (int(face.getlength(text)) + 2 * px, 3 * px), 255)
    ImageDraw.Draw(canvas).text((px, px), text, font=face, fill=0)
    return np.asarray(canvas)


def _read(font: str, text: str, px: int = 67) -> tuple[str, list[bool]]:
    guesses = classify(components(_scan(font, text, px)))
    return "".join(g.char or "?" for g in guesses), [g.accepted for g in guesses]


def test_weights_ship_in_the_package_and_are_small():
    assert WEIGHTS.is_file()
    assert WEIGHTS.stat().st_size < 2_000_000
    model = load_model()
    assert model.w1.shape[0] == features([]).shape[1]
    assert model.w2.shape[1] == len(CLASSES)
    assert 0.5 <= model.accept < 1.0


def test_weights_for_another_class_list_are_refused(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, classes=np.array(["0", "1"]), accept=np.float32(0.9))
    with pytest.raises(ValueError, match="other classes"):
        read_model(path)


def test_saved_weights_read_back_the_same(tmp_path):
    x = np.eye(3, dtype=np.float32).repeat(10, 0)
    model = fit(x, np.array([0, 10, 22]).repeat(10), seed=3, epochs=60, hidden=8, rate=0.05)
    model.save(tmp_path / "m.npz")
    again = read_model(tmp_path / "m.npz")
    assert np.allclose(again.probabilities(x), model.probabilities(x), atol=1e-2)
    assert again.probabilities(np.eye(3, dtype=np.float32)).argmax(1).tolist() == [0, 10, 22]


def test_threshold_is_where_wrong_readings_stop():
    model = fit(
        np.eye(2, dtype=np.float32).repeat(10, 0), np.array([0, 1]).repeat(10), 1, 60, 8, 0.05
    )
    x = np.eye(2, dtype=np.float32)
    probs = model.probabilities(x).max(1)
    # Both readings right: both are accepted.
    assert choose_accept(model, x, np.array([0, 1])) <= probs.min()
    # The surer reading is wrong: the threshold goes above it, nothing is accepted.
    truth = np.array([0, 1])
    truth[int(probs.argmax())] = 5
    assert choose_accept(model, x, truth) > probs.max()


@pytest.mark.parametrize(
    ("font", "text"),
    [
        ("Laksaman.ttf", "๒๕๖๗"),
        ("Laksaman-Bold.ttf", "๙๘.๗๗"),
        ("Loma.ttf", "๑๒,๓๔๐.๕๖"),
        ("Waree-Bold.ttf", "2567 98.77"),
        ("Norasi.ttf", "๔๕๖๗๘๙๐"),
    ],
)
def test_fonts_of_training_are_read_exactly(font, text):
    assert font.split("-")[0].split(".")[0] in FAMILIES
    read, accepted = _read(font, text)
    assert read == text.replace(" ", "")
    # Digits are taken; a point or comma may be left to its place on the line to tell.
    assert all(a for a, c in zip(accepted, read, strict=True) if c.isdigit())


@pytest.mark.parametrize(
    ("font", "text"),
    [
        ("TlwgTypo.ttf", "๒๕๖๗"),
        ("TlwgTypist-Bold.ttf", "๑๒.๓๔"),
        ("TlwgMono.ttf", "1,234.50"),
    ],
)
def test_fonts_never_trained_on_are_read_exactly(font, text):
    assert font.split("-")[0].split(".")[0] not in FAMILIES
    read, _ = _read(font, text)
    assert read == text


@pytest.mark.parametrize(
    ("font", "text"), [("Purisa.ttf", "๑๒๓๔๕๖๗๘๙๐"), ("Purisa-Bold.ttf", "1234567890")]
)
def test_a_handwriting_face_never_trained_on_is_flagged_where_misread(font, text):
    guesses = classify(components(_scan(font, text)))
    assert len(guesses) == len(text)
    wrong = [g for g, c in zip(guesses, text, strict=True) if g.char != c]
    assert wrong  # the face is far from every trained one: some glyphs are misread ...
    assert not any(g.accepted for g in wrong)  # ... and none of those is taken


def test_letters_and_marks_are_rejected():
    read, accepted = _read("Laksaman.ttf", "ร้อยละ")
    assert set(read) == {"?"}
    assert not any(accepted)


def test_rendered_blobs_are_labelled_by_the_glyph_whose_ink_they_hold():
    rng = np.random.default_rng(4)
    path = TLWG / "Loma.ttf"
    for _ in range(5):
        ink, owner, classes = render_line(rng, path, 60, touch=0.0)
        blobs = components(255 - ink)
        labels = [CLASSES[i] for i in blob_labels(blobs, owner, classes)]
        # Glyphs drawn apart: every digit, point and comma is a blob of its own class.
        assert sorted(c for c in labels if c != REJECT) == sorted(c for c in classes if c != REJECT)


def test_glyphs_that_touch_are_rejected():
    path = TLWG / "Loma.ttf"
    ink, owner, classes = render_line(np.random.default_rng(0), path, 60, touch=1.0)
    glyphs = [c for c in classes if c != REJECT]
    labels = [CLASSES[i] for i in blob_labels(components(255 - ink), owner, classes)]
    assert len([c for c in labels if c != REJECT]) < len(glyphs)
