"""The review app over HTTP, started as a user starts it: two reviewers on one value, and bad
requests (a letter for a number, an unknown item, another host or origin) that get a clear
message and change nothing."""

from __future__ import annotations

import hashlib
import socket
import sqlite3
import threading
from pathlib import Path
from typing import Any

from tests.conftest import run_cli
from tests.pipeline.review_fixtures import Served, pdf_sha, read_csv, serving
from thaieval.pipeline.review.keys import Target, item_id


def _snapshot(out: Path) -> dict[str, Any]:
    """Every table of the dataset and every CSV file's bytes."""
    db = sqlite3.connect(out / "dataset.sqlite")
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = {t: sorted(db.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}
    finally:
        db.close()
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.glob("*.csv")}
    return {"rows": rows, "files": files}


def test_the_queue_lists_error_flags_and_values_from_another_form(run: Path) -> None:
    sha = pdf_sha(run)
    with serving(run) as app:
        status, body = app.call("GET", "/api/items")
    assert status == 200
    items = {i["id"]: i for i in body["items"]}
    total = items[item_id(Target(sha, "1.3", "", "total_score"))]
    assert (total["reasons"], total["value"], total["recomputed"], total["state"]) == (
        ["error"],
        "17.5",
        "16",
        "open",
    )
    weight = items[item_id(Target(sha, "1.3", "1.3.1", "weight"))]
    assert weight["reasons"] == ["filled"]  # from the overall table row 1.3.1
    assert body["counts"] == {"open": len(items)}


def test_two_reviewers_on_one_value_one_wins_the_other_is_told(run: Path) -> None:
    sha = pdf_sha(run)
    wanted = item_id(Target(sha, "1.3", "", "total_score"))
    answers: list[tuple[int, Any]] = []
    with serving(run) as app:
        start = threading.Barrier(2)

        def reviewer(name: str, value: str) -> None:
            start.wait()
            body = {"decision": "corrected", "value": value, "who": name, "base": ""}
            answers.append(app.call("POST", f"/api/items/{wanted}/decision", body))

        threads = [
            threading.Thread(target=reviewer, args=("somchai", "16")),
            threading.Thread(target=reviewer, args=("malee", "15")),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sorted(status for status, _ in answers) == [200, 409]
        (won,) = [body for status, body in answers if status == 200]
        (told,) = [body for status, body in answers if status == 409]
        assert told["error"] == "already_decided"
        assert f"already decided by {won['decision']['who']}" in told["message"]
        assert won["decision"]["who"] in told["message_th"]
        # the one told can replace the decision knowingly, naming the one it saw
        status, again = app.call(
            "POST",
            f"/api/items/{wanted}/decision",
            {
                "decision": "accepted",
                "who": told["current"]["who"] or "x",
                "base": told["current"]["decision_id"],
            },
        )
        assert status == 200 and again["decision"]["supersedes"] == told["current"]["decision_id"]
    rows = read_csv(run / "corrections.csv")  # exported when the app stopped
    assert [r["decision"] for r in rows] == ["corrected", "accepted"]


def test_bad_requests_get_a_clear_message_and_change_nothing(run: Path) -> None:
    sha = pdf_sha(run)
    wanted = item_id(Target(sha, "1.3", "", "total_score"))
    path = f"/api/items/{wanted}/decision"
    before = _snapshot(run)
    with serving(run) as app:
        status, body = app.call("POST", path, {"decision": "corrected", "value": "l6", "who": "ก"})
        assert (status, body["error"]) == (400, "bad_value")
        assert "'l6' is not a number" in body["message"] and "ไม่ใช่ค่าที่ใช้ได้" in body["message_th"]
        status, body = app.call(
            "POST", "/api/items/0123456789abcdef/decision", {"decision": "accepted", "who": "ก"}
        )
        assert (status, body["error"]) == (404, "unknown_item")
        assert "no item '0123456789abcdef'" in body["message"]
        status, body = app.call("GET", "/api/items/nonsense")
        assert status == 404
        status, body = app.call(
            "POST", path, {"decision": "accepted", "who": "ก"}, {"Host": "evil.example"}
        )
        assert (status, body["error"]) == (403, "foreign_host")
        assert "only requests addressed to localhost" in body["message"]
        status, body = app.call("GET", "/api/items", None, {"Host": "192.168.1.5:8765"})
        assert status == 403
        status, body = app.call(
            "POST", path, {"decision": "accepted", "who": "ก"}, {"Origin": "http://evil.example"}
        )
        assert (status, body["error"]) == (403, "foreign_origin")
        status, body = app.call("POST", path, {"decision": "approved", "who": "ก"})
        assert (status, body["error"]) == (400, "bad_decision")
        status, body = app.call("POST", path, {"decision": "accepted", "who": ""})
        assert (status, body["error"]) == (400, "no_reviewer")
        status, body = app.call(
            "POST", path, {"decision": "corrected", "value": "1.5", "who": "ก", "note": "x" * 5000}
        )
        assert (status, body["error"]) == (400, "note_too_long")
        status, body = _raw(app, path, b"{not json")
        assert (status, body["error"]) == (400, "bad_json")
        status, body = app.call(
            "POST", path, {"decision": "corrected", "value": ["16"], "who": "ก"}
        )
        assert status == 400
    assert _snapshot(run) == before


def _raw(app: Served, path: str, data: bytes) -> tuple[int, Any]:
    import json
    import urllib.error
    import urllib.request

    request = urllib.request.Request(app.url.rstrip("/") + path, data=data, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_review_says_what_is_wrong_with_its_arguments(run: Path, tmp_path: Path) -> None:
    done = run_cli("review", str(tmp_path / "nothing"))
    assert done.returncode == 2 and "holds no dataset.sqlite" in done.stderr
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    try:
        done = run_cli("review", str(run), "--port", str(busy.getsockname()[1]))
    finally:
        busy.close()
    assert done.returncode == 2 and "choose another --port" in done.stderr


def test_a_dataset_without_kept_readings_asks_for_a_forced_run(run: Path) -> None:
    db = sqlite3.connect(run / "dataset.sqlite")
    with db:
        db.execute("DELETE FROM readings")
    db.close()
    done = run_cli("review", str(run), "--port", "0")
    assert done.returncode == 2
    assert "before readings were kept" in done.stderr and "--force" in done.stderr
