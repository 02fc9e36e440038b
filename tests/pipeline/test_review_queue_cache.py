"""The queue kept between requests: the same items as a full build, rebuilt only for the
documents that changed — a decision by another connection, a forced re-run, a document gone —
and two reviewers of one value still told apart (409) when the list they saw was kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.pipeline.review_fixtures import pdf_sha, run_sample, serving
from thaieval.pipeline.review.decide import Problem, connect, decide
from thaieval.pipeline.review.keys import Target, item_id
from thaieval.pipeline.review.queue import build_queue
from thaieval.pipeline.review.queue_cache import QueueCache


def _summaries(db: sqlite3.Connection, cache: QueueCache | None = None) -> list[dict[str, Any]]:
    items = cache.items(db) if cache is not None else build_queue(db)
    return [i.summary() for i in items]


def _documents(db: sqlite3.Connection) -> int:
    return int(db.execute('SELECT COUNT(*) FROM "documents"').fetchone()[0])


def test_a_kept_queue_is_the_full_build_and_is_not_rebuilt_when_nothing_changed(
    run: Path,
) -> None:
    db = connect(run / "dataset.sqlite")
    try:
        cache = QueueCache()
        first = _summaries(db, cache)
        assert cache.rebuilt == _documents(db) >= 2
        assert first == _summaries(db)
        assert _summaries(db, cache) == first
        assert cache.rebuilt == 0
    finally:
        db.close()


def test_a_decision_after_the_queue_was_kept_shows_in_the_next_read(run: Path) -> None:
    sha = pdf_sha(run)
    wanted = item_id(Target(sha, "1.3", "", "total_score"))
    db, other = connect(run / "dataset.sqlite"), connect(run / "dataset.sqlite")
    try:
        cache = QueueCache()
        before = {i["id"]: i for i in _summaries(db, cache)}
        assert before[wanted]["state"] == "open"
        # another reviewer's connection (as another process would) writes the decision
        decide(other, wanted, None, {"decision": "corrected", "value": "16", "who": "malee"})
        after = _summaries(db, cache)
        assert cache.rebuilt == 1  # the decided document alone
        assert after == _summaries(db)
        now = {i["id"]: i for i in after}[wanted]
        assert (now["state"], now["value"], now["value_read"]) == ("decided", "16", "17.5")
        assert now["decision"]["who"] == "malee"
    finally:
        db.close()
        other.close()


def test_a_forced_re_run_and_a_document_gone_reach_the_kept_queue(run: Path) -> None:
    db = connect(run / "dataset.sqlite")
    cache = QueueCache()
    try:
        kept = _summaries(db, cache)
    finally:
        db.close()
    run_sample(run, "--force")
    db = connect(run / "dataset.sqlite")
    try:
        assert _summaries(db, cache) == _summaries(db)
        assert cache.rebuilt == _documents(db)  # every document was read again
        sha = pdf_sha(run)
        db.execute('DELETE FROM "documents" WHERE "sha256" = ?', (sha,))
        left = _summaries(db, cache)
        assert cache.rebuilt == 0
        assert left == _summaries(db)
        assert all(i["document_id"] != sha[:16] for i in left)
        assert len(left) < len(kept)
    finally:
        db.close()


def test_two_reviewers_of_a_kept_item_the_second_is_told(run: Path) -> None:
    sha = pdf_sha(run)
    wanted = item_id(Target(sha, "1.3", "", "total_score"))
    with serving(run) as app:
        assert app.call("GET", "/api/items")[0] == 200  # both saw the item open
        body = {"decision": "corrected", "value": "16", "base": ""}
        first = app.call("POST", f"/api/items/{wanted}/decision", {**body, "who": "somchai"})
        second = app.call("POST", f"/api/items/{wanted}/decision", {**body, "who": "malee"})
        status, listed = app.call("GET", "/api/items")
    assert first[0] == 200
    assert second[0] == 409 and second[1]["error"] == "already_decided"
    assert second[1]["current"]["who"] == "somchai"
    shown = {i["id"]: i for i in listed["items"]}[wanted]
    assert (status, shown["state"], shown["decision"]["who"]) == (200, "decided", "somchai")


def test_a_decision_on_an_unknown_item_changes_nothing_in_the_kept_queue(run: Path) -> None:
    db = connect(run / "dataset.sqlite")
    try:
        cache = QueueCache()
        kept = _summaries(db, cache)
        with pytest.raises(Problem) as problem:
            decide(db, "no-such-item", None, {"decision": "accepted", "who": "malee"})
        assert problem.value.status == 404
        assert _summaries(db, cache) == kept and cache.rebuilt == 0
    finally:
        db.close()
