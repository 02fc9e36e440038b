"""The review app in headless Chromium, driven by the keyboard as a reviewer drives it: correct
one number, accept one flag, reload (both decisions kept), export (the CSV files carry them and
verify ran again), and a re-run with ``--force`` keeps them."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from tests.pipeline.review_fixtures import copy_run, read_csv, run_sample, serving
from thaieval.pipeline.review.keys import Target, item_id

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "tests" / "_output"

KEYS = {  # key → (code, Windows virtual key code, text)
    "a": ("KeyA", 65, "a"),
    "c": ("KeyC", 67, "c"),
    "e": ("KeyE", 69, "e"),
    "l": ("KeyL", 76, "l"),
    "Enter": ("Enter", 13, "\r"),
    "Escape": ("Escape", 27, ""),
}


def _press(browser: Any, page: str, key: str) -> None:
    code, vk, text = KEYS[key]
    down = {"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": vk}
    if text:
        down["text"] = text
    browser.send("Input.dispatchKeyEvent", down, session=page)
    up = {"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk}
    browser.send("Input.dispatchKeyEvent", up, session=page)


def _until(browser: Any, page: str, expression: str, timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = browser.evaluate(page, expression)
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.1)


def _show(browser: Any, page: str, wanted: str) -> None:
    """Open item ``wanted`` from the queue and wait for its crop."""
    browser.evaluate(page, f"document.querySelector('#items li[data-id=\"{wanted}\"]').click()")
    _until(browser, page, f"document.getElementById('item').dataset.id === {json.dumps(wanted)}")
    _until(
        browser,
        page,
        "(() => { const i = document.querySelector('#item figure.evidence img.crop');"
        " return i !== null && i.complete && i.naturalWidth > 0; })()",
    )


def _state(browser: Any, page: str, wanted: str) -> str:
    return str(
        browser.evaluate(
            page, f"document.querySelector('#items li[data-id=\"{wanted}\"]').dataset.state"
        )
    )


@pytest.mark.slow
def test_review_in_headless_chromium(chromium: str, tmp_path: Path) -> None:
    from tests.pipeline.cdp_pipe import Browser

    out = tmp_path / "out"
    run_sample(out)
    copy_run(out, tmp_path / "as_read")  # the run before any decision, to compare
    sha = next(d["sha256"] for d in read_csv(out / "documents.csv") if d["method"] == "text")
    total = item_id(Target(sha, "1.3", "", "total_score"))  # 17.5 printed, rows add up to 16
    flagged = item_id(Target(sha, "1.1", "1.1.1", "weighted_score"))  # 30 printed, rule gives 24

    with serving(out, "--who", "tester") as app, Browser.launch(chromium) as browser:
        page = browser.open(app.url, width=1280, height=1000)
        _until(browser, page, "window.reviewReady === true")
        assert browser.evaluate(page, "document.documentElement.lang") == "th"
        browser.evaluate(
            page, "(() => { const w = document.getElementById('who'); w.value = ''; w.focus(); })()"
        )
        browser.send("Input.insertText", {"text": "สมชาย"}, session=page)
        _press(browser, page, "Escape")

        # correct one number: c, type what the page shows, Enter
        _show(browser, page, total)
        assert (
            browser.evaluate(page, "document.querySelector('#item .value').textContent") == "17.5"
        )
        _press(browser, page, "c")
        assert browser.evaluate(page, "document.activeElement.className") == "correct"
        browser.send("Input.insertText", {"text": "16"}, session=page)
        _press(browser, page, "Enter")
        _until(
            browser,
            page,
            f"document.querySelector('#items li[data-id=\"{total}\"]').dataset.state === 'decided'",
        )
        # the next open item comes up by itself
        _until(browser, page, f"document.getElementById('item').dataset.id !== {json.dumps(total)}")

        # accept one flag as printed: a
        _show(browser, page, flagged)
        _press(browser, page, "a")
        _until(
            browser,
            page,
            f"document.querySelector('#items li[data-id=\"{flagged}\"]').dataset.state === 'decided'",
        )

        # reload: both decisions are kept
        browser.evaluate(page, "window.reviewReady = false")
        browser.send("Page.reload", {}, session=page)
        _until(browser, page, "window.reviewReady === true")
        assert (_state(browser, page, total), _state(browser, page, flagged)) == (
            "decided",
            "decided",
        )
        _show(browser, page, total)
        shown = browser.evaluate(
            page,
            "['.value', '.value-read'].map(s => document.querySelector('#item ' + s).textContent)",
        )
        assert shown == ["16", "17.5"]
        browser.screenshot(page, OUTPUT / "review.png")  # docs/review.png
        history = browser.evaluate(page, "document.querySelector('#item .history').textContent")
        assert "สมชาย" in history and "แก้ไข" in history
        flags_now = browser.evaluate(page, "document.querySelector('#item .flags').textContent")
        assert "form_total_mismatch" not in flags_now  # verify ran again: it adds up now

        # English on l, and the files exported on e
        _press(browser, page, "l")
        assert browser.evaluate(page, "document.documentElement.lang") == "en"
        assert (
            browser.evaluate(page, "document.querySelector('#item .accept').textContent")
            == "Accept as read (a)"
        )
        _press(browser, page, "e")
        _until(
            browser, page, "document.getElementById('status').textContent.startsWith('Exported')"
        )
        browser.screenshot(page, OUTPUT / "review-en.png")
        # the queue filtered to error flags shows those items alone
        browser.evaluate(
            page,
            "(() => { const s = document.getElementById('only'); s.value = 'error';"
            " s.dispatchEvent(new Event('change')); })()",
        )
        visible = browser.evaluate(
            page,
            "Array.from(document.querySelectorAll('#items li')).filter(l => !l.hidden).map(l => l.dataset.id)",
        )
        status, listed = app.call("GET", "/api/items")
        assert status == 200
        assert visible == [i["id"] for i in listed["items"] if "error" in i["reasons"]] != []
        assert browser.console_errors(page) == []
        origins = {
            u.split("/")[2] if "://" in u else u.split(":", 1)[0]
            for u in browser.requested_urls(page)
        }
        assert origins <= {app.url.split("/")[2], "data"}

    _check_exports(out, sha, as_read=tmp_path / "as_read")
    run_sample(out, "--force")  # read again from the source: the decisions attach again
    _check_exports(out, sha, as_read=tmp_path / "as_read")


def _check_exports(out: Path, sha: str, as_read: Path) -> None:
    forms = {f["component"]: f for f in read_csv(out / "forms.csv") if f["document_id"] == sha[:16]}
    assert (forms["1.3"]["total_score"], forms["1.3"]["total_score_read"]) == ("16", "17.5")
    assert forms["1.3"]["reviewed"].startswith("total_score: corrected by สมชาย")
    flags = [f for f in read_csv(out / "flags.csv") if f["document_id"] == sha[:16]]
    before = [f for f in read_csv(as_read / "flags.csv") if f["document_id"] == sha[:16]]
    assert any(f["check"] == "form_total_mismatch" for f in before)
    assert not any(f["check"] == "form_total_mismatch" for f in flags)
    accepted = [
        f
        for f in flags
        if f["form_id"] == forms["1.1"]["form_id"] and f["check"] == "weighted_score_mismatch"
    ]
    assert len(accepted) == 1 and accepted[0]["reviewed"].startswith("accepted by สมชาย")
    checks = [
        c
        for c in read_csv(out / "checks.csv")
        if c["form_id"] == forms["1.3"]["form_id"] and c["rule"] == "total_score"
    ]
    assert [c["status"] for c in checks] == ["passed"]
    decisions = read_csv(out / "corrections.csv")
    assert [
        (d["field"], d["decision"], d["value_read"], d["value_corrected"], d["who"])
        for d in decisions
    ] == [
        ("total_score", "corrected", "17.5", "16", "สมชาย"),
        ("weighted_score", "accepted", "30", "30", "สมชาย"),
    ]
