"""Restoration of Thai marks a PDF font or OCR lost, where the dictionary leaves one clear reading.

``restore_lost_marks`` runs :func:`thaieval.parsers.thai_repair.repair_thai_text` first, then
reads each suspicious word in a window of its neighbours; ``lost_mark_readings`` says which
listed spellings a text may be with marks lost.

>>> restore_lost_marks("การดําเนินภารกิจพืนฐาน")
'การดำเนินภารกิจพื้นฐาน'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from thaieval.parsers.thai_repair import repair_thai_text
from thaieval.parsers.thai_script import (
    MARK_SET,
    MARKS,
    NIKHAHIT,
    SARA_AA,
    SARA_AM,
    THAI_LETTERS,
    THAI_RUN,
)
from thaieval.parsers.thai_words import (
    MAX_WORD_CHARS,
    UNKNOWN_CHAR_COST,
    dictionary_words,
    mark_skeleton,
    segment,
    word_counts,
    word_log_probabilities,
    words_by_skeleton,
)

__all__ = ["lost_mark_readings", "restore_lost_marks"]

# Marks a damaged text layer loses: the tone marks, the upper vowels, and the nikhahit of
# sara am (ำ is read as nikhahit on sara aa, so a lost nikhahit is ำ printed as า).
_LOSABLE = frozenset("\u0e48\u0e49\u0e4a\u0e4b\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e4c\u0e4d")
# For restoration a space inside a word is allowed where a broken font inserts one: after a
# combining mark (ยทุ ธศาสตร์ for ยุทธศาสตร์).
_THAI_RUN_WITH_GAPS = re.compile(f"[{THAI_LETTERS}]+(?:(?<=[{MARKS}]) [{THAI_LETTERS}]+)*")

# A noisy-channel choice per suspicious token: each reading of a small window (the token and
# one word on each side) scores the unigram log-probability of its words, minus a cost per
# word (longer dictionary words are preferred, as in maximal matching), minus a cost per
# restored mark. A restoration is kept only when it beats both the text as printed and every
# other restoration by _MIN_MARGIN.
# All set by hand, no sweep recorded: in the skeleton (f62841c) but for _OTHER_MARK_COST and
# _WINDOW_WORDS (df6fb1f) and _BEAM (90644e1).

_WORD_COST = 3.0
# A broken font loses a tone mark stacked over an upper vowel or over sara am, and the
# nikhahit of sara am, far more often than anything else: those restorations are cheap.
_STACKED_TONE_COST = 1.0
_LOST_NIKHAHIT_COST = 1.0
_MOVED_MARK_COST = 1.0
_REMOVED_SPACE_COST = 1.0
_OTHER_MARK_COST = 3.0
_MAX_EDITS_PER_WORD = 2
_MAX_EDITS_PER_WINDOW = 3
_MIN_MARGIN = 3.0
_WINDOW_WORDS = 3  # words of context on each side of a suspicious token
_MORE_LIKELY = 20.0  # a word is checked when a variant with more marks is this much more common
_BEAM = 6  # readings kept per position and edit count
_UPPER_VOWELS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37")
_TONE_SET = frozenset("\u0e48\u0e49\u0e4a\u0e4b")


def restore_lost_marks(text: str, *, compounds: bool = False) -> str:
    """Put back lost tone marks, upper vowels and sara am where the dictionary is unambiguous.

    Runs ``repair_thai_text`` first. A word is changed only where it is unknown or unlikely,
    at most two marks are restored (or moved back over one letter) per word, and the reading
    must be clearly the most likely one.

    >>> restore_lost_marks("ทังสิน ความเชือมโยง สม่าเสมอ ลดความเหลือมลํา")
    'ทั้งสิ้น ความเชื่อมโยง สม่ำเสมอ ลดความเหลื่อมล้ำ'
    """
    text = repair_thai_text(text)
    text = _THAI_RUN_WITH_GAPS.sub(lambda m: _restore_run(m.group(), compounds), text)
    return THAI_RUN.sub(lambda m: _restore_compounds(m.group()), text) if compounds else text


def _restore_run(run: str, compounds: bool = False) -> str:
    tokens: list[tuple[str, bool]] = []
    for number, part in enumerate(run.split(" ")):
        if number:
            tokens.append((" ", True))
        tokens.extend(segment(part))
    hinted = _compound_tokens(tokens) if compounds else set()
    output: list[str] = []
    kept = 0  # how many of the last outputs are tokens kept as they were
    index = 0
    while index < len(tokens):
        if index not in hinted and not _suspicious(*tokens[index]):
            output.append(tokens[index][0])
            kept += 1
            index += 1
            continue
        # The window adds words on each side: damage leaves pieces of a word that read as
        # words (ทังสิน is ทัง + สิน), and the next word decides between readings. A word
        # kept as it was may be taken back into a window; a restored one may not. Pieces
        # that are no word (ยุตธิ รรม) do not count as context.
        first, words = index, 0
        while first > 0 and kept > 0 and words < _WINDOW_WORDS:
            output.pop()
            kept -= 1
            first -= 1
            words += tokens[first][1] and tokens[first][0] != " "
        last, words = index + 1, 0
        while last < len(tokens) and words < _WINDOW_WORDS:
            words += tokens[last][1] and tokens[last][0] != " "
            last += 1
        window = "".join(token for token, _ in tokens[first:last])
        output.append(_restore_window(window))
        kept = 0
        index = last
    return "".join(output)


@lru_cache(maxsize=16384)
def _suspicious(token: str, known: bool) -> bool:
    """An unknown token, or a word whose variant with more marks is far more common (ทัง)."""
    if token == " ":
        return False
    if not known:
        return True
    counts = word_counts()
    threshold = _MORE_LIKELY * (counts.get(token, 0) + 1)
    return any(
        counts.get(word, 0) >= threshold and _mark_edit_cost(token, word) is not None
        for word in words_by_skeleton().get(mark_skeleton(token), ())
    )


_COMPOUND_REACH = 8  # letters on each side of a word break a compound may take
_MIN_COMPOUND = 6  # letters of a listed compound worth a lost mark
_MAX_COMPOUND = 20


@lru_cache(maxsize=1)
def _compounds() -> frozenset[str]:
    """Compounds of the Volubilis word list (จุดเสี่ยง, พื้นที่สีเขียว) the main list lacks."""
    from pythainlp.corpus import thai_volubilis_words

    return frozenset(
        w
        for w in thai_volubilis_words()
        if _MIN_COMPOUND <= len(w) <= _MAX_COMPOUND and THAI_RUN.fullmatch(w)
    )


@lru_cache(maxsize=1)
def _compounds_by_skeleton() -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for word in _compounds():
        groups.setdefault(mark_skeleton(word), []).append(word)
    return {key: tuple(group) for key, group in groups.items()}


def _restore_compounds(run: str) -> str:
    """A span of dictionary words that is one listed compound with one mark lost (จุดเสียง
    for จุดเสี่ยง): the compound, when it is the only one the span can be. Spans start and
    end where the run's words do, and a span that is itself a listed word is left.

    >>> _restore_compounds("ในซอยและจุดเสียง"), _restore_compounds("และพื้นทีสีเขียวในเขต")
    ('ในซอยและจุดเสี่ยง', 'และพื้นที่สีเขียวในเขต')
    """
    bounds, offset = {0}, 0
    for token, _ in segment(run):
        offset += len(token)
        bounds.add(offset)
    by_skeleton, listed = _compounds_by_skeleton(), _compounds()
    out, i = [], 0
    while i < len(run):
        found = None
        if i in bounds:
            for j in range(min(len(run), i + _MAX_COMPOUND), i + _MIN_COMPOUND - 1, -1):
                span = run[i:j]
                if j not in bounds or span in listed or span in dictionary_words():
                    continue
                fits = [
                    w
                    for w in by_skeleton.get(mark_skeleton(span), ())
                    if (_mark_edit_cost(span, w) or (0, 0.0))[0] == 1
                ]
                if len(fits) == 1:
                    found = (j, fits[0])
                    break
        if found:
            out.append(found[1])
            i = found[0]
        else:
            out.append(run[i])
            i += 1
    return "".join(out)


def _compound_tokens(tokens: list[tuple[str, bool]]) -> set[int]:
    """Indexes of tokens that, read across a break between two of them, make one dictionary
    word once lost marks are put back (การนำ|ท่วม holds น้ำท่วม, ระบาย|นำ is ระบายน้ำ).

    Each token is a word, so none looks damaged alone; the pair is worth a window.
    """
    text = "".join(token for token, _ in tokens)
    starts, offset = [], 0
    for token, _ in tokens:
        starts.append(offset)
        offset += len(token)
    by_skeleton = words_by_skeleton()
    hinted: set[int] = set()
    for i in range(1, len(tokens)):
        if tokens[i][0] == " " or tokens[i - 1][0] == " ":
            continue
        cut = starts[i]
        for start in range(max(0, cut - _COMPOUND_REACH), cut):
            for end in range(cut + 1, min(len(text), cut + _COMPOUND_REACH) + 1):
                if (start and start not in starts) and (end < len(text) and end not in starts):
                    continue  # a compound starts or ends where a token does
                span = text[start:end]
                if " " in span:
                    break
                if any(
                    word != span and _mark_edit_cost(span, word) is not None
                    for word in by_skeleton.get(mark_skeleton(span), ())
                ):
                    hinted.update(
                        k
                        for k in range(len(tokens))
                        if starts[k] < end and starts[k] + len(tokens[k][0]) > start
                    )
    return hinted


# Forms repeat their wordings page after page and document after document: a window is
# restored once per process.
@lru_cache(maxsize=8192)
def _restore_window(window: str) -> str:
    """The clearly best reading of ``window`` with marks restored, or ``window`` itself."""
    printed, restored = _readings(window)
    if not restored:
        return window
    ranked = sorted(restored.items(), key=lambda item: (-item[1], item[0]))
    best, score = ranked[0]
    runner_up = max([printed, *(s for _, s in ranked[1:2])])
    return best if score - runner_up >= _MIN_MARGIN else window


def _readings(window: str) -> tuple[float, dict[str, float]]:
    """Score of ``window`` as printed, and of each all-dictionary reading with restored marks.

    Lanes 0.._MAX_EDITS_PER_WINDOW hold dictionary readings by number of edits; the last lane
    holds the printed text read with unknown characters allowed.
    """
    log_p = word_log_probabilities()
    by_skeleton = words_by_skeleton()
    size = len(window)
    printed_lane = _MAX_EDITS_PER_WINDOW + 1
    # states[i][lane] maps the text read up to window[i] to its best score.
    states: list[list[dict[str, float]]] = [
        [{} for _ in range(printed_lane + 1)] for _ in range(size + 1)
    ]
    states[0][0][""] = 0.0

    def advance(i: int, lane: int, end: int, word: str, to_lane: int, gain: float) -> None:
        target = states[end][to_lane]
        for read, score in states[i][lane].items():
            if target.get(read + word, -math.inf) < score + gain:
                target[read + word] = score + gain

    for i in range(size):
        for lane, reads in enumerate(states[i]):
            if len(reads) > _BEAM:
                states[i][lane] = dict(sorted(reads.items(), key=lambda r: -r[1])[:_BEAM])
        if window[i] == " ":
            for lane in range(printed_lane + 1):
                advance(i, lane, i + 1, " ", lane, 0.0)
            continue
        unknown_gain = -UNKNOWN_CHAR_COST - _WORD_COST
        for lane in (0, printed_lane):
            advance(i, lane, i + 1, window[i], printed_lane, unknown_gain)
        for end, word, edits, cost in _word_spans(window, i, by_skeleton):
            gain = log_p[word] - _WORD_COST - cost
            if edits == 0:
                advance(i, printed_lane, end, word, printed_lane, gain)
            for lane in range(_MAX_EDITS_PER_WINDOW + 1 - edits):
                advance(i, lane, end, word, lane + edits, gain)
    printed = max(
        [*states[size][printed_lane].values(), *states[size][0].values()], default=-math.inf
    )
    restored: dict[str, float] = {}
    for lane in range(1, _MAX_EDITS_PER_WINDOW + 1):
        for read, score in states[size][lane].items():
            if read != window:
                restored[read] = max(restored.get(read, -math.inf), score)
    return printed, restored


def _word_spans(
    window: str, start: int, by_skeleton: dict[str, tuple[str, ...]]
) -> Iterator[tuple[int, str, int, float]]:
    """(end, word, edits, cost) for words that ``window[start:end]`` may be a damaged copy of."""
    if window[start] in MARK_SET:
        return
    for end in range(start + 1, min(len(window), start + MAX_WORD_CHARS) + 1):
        if end < len(window) and (window[end] in MARK_SET or window[end - 1] == " "):
            continue
        span = window[start:end]
        gaps = span.count(" ")
        joined = span.replace(" ", "")
        for word in by_skeleton.get(mark_skeleton(joined), ()):
            found = _mark_edit_cost(joined, word)
            if found is None:
                continue
            edits, cost = found
            if edits + gaps <= _MAX_EDITS_PER_WORD:
                yield end, word, edits + gaps, cost + gaps * _REMOVED_SPACE_COST


def lost_mark_readings(text: str, candidates: Iterable[str]) -> list[str]:
    """The ``candidates`` that ``text`` is a copy of with marks lost (or moved one letter
    on): the same letters, no mark ``text`` has that the candidate lacks.

    >>> lost_mark_readings("สมศักดิ", ["สมศักดิ์", "สมศักด", "สมสักดิ์"])
    ['สมศักดิ์']
    """
    return [
        c
        for c in candidates
        if c != text
        and mark_skeleton(c) == mark_skeleton(text)
        and _mark_edit_cost(text, c) is not None
    ]


def _clusters(text: str) -> list[tuple[str, frozenset[str]]]:
    """Each letter with the marks written on it; ำ is sara aa carrying a nikhahit."""
    clusters: list[tuple[str, set[str]]] = []
    for char in text:
        if char in MARK_SET and clusters:
            clusters[-1][1].add(char)
        elif char == SARA_AM:
            clusters.append((SARA_AA, {NIKHAHIT}))
        else:
            clusters.append((char, set()))
    return [(base, frozenset(marks)) for base, marks in clusters]


def _mark_edit_cost(damaged: str, word: str) -> tuple[int, float] | None:
    """Marks of ``word`` lost or moved one letter on in ``damaged``: (count, cost), or None.

    ``damaged`` and ``word`` have the same skeleton. A mark found one letter after its place
    is one edit (ยทุธ for ยุทธ); a mark ``word`` lacks means other damage, so None.
    """
    have_clusters, want_clusters = _clusters(damaged), _clusters(word)
    if len(have_clusters) != len(want_clusters):
        return None
    edits, cost = 0, 0.0
    carried: set[str] = set()
    for position, ((_, have), (_, want)) in enumerate(
        zip(have_clusters, want_clusters, strict=True)
    ):
        for mark in have - want:
            if mark not in carried:
                return None
            carried.discard(mark)
            cost += _MOVED_MARK_COST - _OTHER_MARK_COST  # counted as lost one letter back
        if not carried <= _LOSABLE:
            return None
        carried = set(want - have)
        edits += len(carried)
        following = want_clusters[position + 1][1] if position + 1 < len(want_clusters) else ()
        for mark in carried:
            if mark == NIKHAHIT:
                cost += _LOST_NIKHAHIT_COST
            elif mark in _TONE_SET and (want & _UPPER_VOWELS or NIKHAHIT in following):
                cost += _STACKED_TONE_COST
            else:
                cost += _OTHER_MARK_COST
    if not carried <= _LOSABLE:
        return None
    return edits, cost
