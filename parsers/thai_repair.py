"""Repair of damaged Thai text layers: Unicode rules first, then dictionary-checked restoration.

``repair_thai_text`` applies rules that are certain from the Unicode structure alone (it never
changes correct Thai). ``restore_lost_marks`` puts back marks that a PDF font or OCR lost, only
where the dictionary leaves a single clear reading. ``thai_word_ratio`` measures damage.

>>> repair_thai_text("ประจ\ufffdาปี สารบััญ")
'ประจำปี สารบัญ'
>>> restore_lost_marks("การดําเนินภารกิจพืนฐาน")
'การดำเนินภารกิจพื้นฐาน'
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

__all__ = [
    "log_probability",
    "lost_mark_readings",
    "repair_thai_text",
    "restore_lost_marks",
    "segment",
    "thai_word_ratio",
]

_CONSONANTS = "\u0e01-\u0e2e"
_LEADING_VOWELS = "\u0e40-\u0e44"  # เ แ โ ใ ไ: written before the consonant they follow
_VOWEL_MARKS = "\u0e31\u0e34-\u0e3a"  # ั ิ ี ึ ื ุ ู ฺ
_TONES = "\u0e48-\u0e4b"  # ่ ้ ๊ ๋
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # every Thai combining mark
_THAI_LETTERS = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"  # no digits, ฯ, ๆ
_MARK_SET = frozenset(chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)))
# Marks a damaged text layer loses: the tone marks, the upper vowels, and the nikhahit of
# sara am (ำ is read as nikhahit on sara aa, so a lost nikhahit is ำ printed as า).
_LOSABLE = frozenset("\u0e48\u0e49\u0e4a\u0e4b\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e4c\u0e4d")
_SARA_AA, _SARA_AM, _NIKHAHIT = "\u0e32", "\u0e33", "\u0e4d"

# Order of marks on one consonant: vowel, then maitaikhu, then tone, then the silent marks.
_MARK_RANK = {
    **{chr(c): 0 for c in (0x0E31, *range(0x0E34, 0x0E3B))},
    "\u0e47": 1,
    **{chr(c): 2 for c in range(0x0E48, 0x0E4C)},
    **{chr(c): 3 for c in range(0x0E4C, 0x0E4F)},
}
# Lao marks are drawn exactly like their Thai counterparts: map them one to one.
_LOOKALIKE_MARKS = str.maketrans(
    {
        "\u0eb1": "\u0e31",
        "\u0eb4": "\u0e34",
        "\u0eb5": "\u0e35",
        "\u0eb6": "\u0e36",
        "\u0eb7": "\u0e37",
        "\u0eb8": "\u0e38",
        "\u0eb9": "\u0e39",
        "\u0ec8": "\u0e48",
        "\u0ec9": "\u0e49",
        "\u0eca": "\u0e4a",
        "\u0ecb": "\u0e4b",
        "\u0ecc": "\u0e4c",
        "\u0ecd": "\u0e4d",
    }
)
# What a foreign mark in a Thai word may have been: nothing, ่, ้ or ํ (ระบบลំม for ล่ม).
_FOREIGN_MARK_CHOICES = ("", "\u0e48", "\u0e49", "\u0e4d")

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_REPLACEMENT_AS_AM = re.compile("\ufffd+" + _SARA_AA)
# A font that doubles every mark writes U+FFFD after the second copy of ่ and ์ (ว่่�า for
# ว่า): there the U+FFFD is that font's noise, not a lost nikhahit, so it goes first.
_REPLACEMENT_AFTER_DOUBLED = re.compile(f"([{_MARKS}])\\1\ufffd+")
_REPLACEMENT_AFTER_MARK = re.compile(f"([{_MARKS}{_SARA_AM}])\ufffd+")
_DOUBLED_SARA_AM = re.compile(f"{_SARA_AM}+")
# Sara a closes a syllable: two in a row (ร้อยละะ) are one read twice.
_DOUBLED_SARA_A = re.compile("\u0e30{2,}")
# A space before a combining mark or before ะ า ำ ๅ: none of them can start a syllable.
# A mark written after a full stop belongs to no letter: OCR debris (พ.ุย. for พ.ย.).
_MARK_AFTER_STOP = re.compile(f"(?<=\\.)[{_MARKS}]+")
_SPACE_BEFORE_DEPENDENT = re.compile(
    f"(?<=[{_THAI_LETTERS}]) +(?=[{_MARKS}\u0e30\u0e32\u0e33\u0e45])"
)
_DECOMPOSED_AM = re.compile(f"{_NIKHAHIT}([{_TONES}]?){_SARA_AA}")
_MARK_RUN = re.compile(f"[{_MARKS}]{{2,}}")
# A tone after sara aa/am belongs before it; the space a broken font puts after the
# misplaced tone (ดา้ น for ด้าน) goes with it.
_TONE_AFTER_VOWEL = re.compile(f"([{_SARA_AA}{_SARA_AM}])([{_TONES}])(?: (?=[{_CONSONANTS}]))?")
# Syllables that cannot end a word, so a space after them is damage: mai han-akat always
# needs a final consonant (จั ด), and so does เ/แ with maitaikhu (เป็ น); a consonant bearing
# only a tone mark needs a vowel or final unless a leading vowel precedes it (ป้ อง, not ไม่).
_SPACE_AFTER_OPEN_SYLLABLE = re.compile(
    f"(?:(?<=\u0e31)|(?<=\u0e31[{_TONES}])|(?<=[\u0e40\u0e41][{_CONSONANTS}]\u0e47)"
    f"|(?<=[\u0e40\u0e41][{_CONSONANTS}]{{2}}\u0e47)"
    f"|(?<![{_LEADING_VOWELS}][{_CONSONANTS}][{_TONES}])"
    f"(?<![{_LEADING_VOWELS}][{_CONSONANTS}]{{2}}[{_TONES}])(?<=[{_CONSONANTS}][{_TONES}]))"
    f" (?=[{_CONSONANTS}])"
)
_THAI_RUN = re.compile(f"[{_THAI_LETTERS}]+")
# For restoration a space inside a word is allowed where a broken font inserts one: after a
# combining mark (ยทุ ธศาสตร์ for ยุทธศาสตร์).
_THAI_RUN_WITH_GAPS = re.compile(f"[{_THAI_LETTERS}]+(?:(?<=[{_MARKS}]) [{_THAI_LETTERS}]+)*")

_MAX_WORD_CHARS = 30  # longer dictionary entries are compounds of shorter ones


def repair_thai_text(text: str) -> str:
    """Fix Unicode damage that has exactly one correct reading; correct Thai is unchanged.

    >>> repair_thai_text("สิ่่\ufffdงแวดล้้อม เป็ นธรรม ลดความเหลือมลํา")
    'สิ่งแวดล้อม เป็นธรรม ลดความเหลือมลำ'
    """
    for _ in range(4):  # the rules feed each other (a swap can expose a space): run to a fixpoint
        repaired = _repair_once(text)
        if repaired == text:
            break
        text = repaired
    return text


def _repair_once(text: str) -> str:
    text = _INVISIBLE.sub("", text).translate(_LOOKALIKE_MARKS)
    text = _REPLACEMENT_AFTER_DOUBLED.sub(r"\1\1", text)
    text = _REPLACEMENT_AS_AM.sub(_SARA_AM, text)
    text = _REPLACEMENT_AFTER_MARK.sub(r"\1", text)
    text = _SPACE_BEFORE_DEPENDENT.sub("", text)
    text = _MARK_AFTER_STOP.sub("", text)
    text = _DECOMPOSED_AM.sub(lambda m: m.group(1) + _SARA_AM, text)
    text = _DOUBLED_SARA_AM.sub(_SARA_AM, text)
    text = _DOUBLED_SARA_A.sub("\u0e30", text)
    text = _MARK_RUN.sub(lambda m: _canonical_marks(m.group()), text)
    text = _TONE_AFTER_VOWEL.sub(r"\2\1", text)
    text = _SPACE_AFTER_OPEN_SYLLABLE.sub("", text)
    return _replace_foreign_marks(text)


def _canonical_marks(marks: str) -> str:
    """One copy of each mark, in typing order (สารบััญ → สารบัญ; tone typed before vowel)."""
    unique = dict.fromkeys(marks)
    return "".join(sorted(unique, key=_MARK_RANK.__getitem__))


def _is_foreign_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Mc") and not "\u0e00" <= char <= "\u0e7f"


def _replace_foreign_marks(text: str) -> str:
    """A non-Thai combining mark after a Thai letter becomes the one mark that makes a word."""
    if not any(_is_foreign_mark(c) for c in text):
        return text
    chars = list(text)
    for index, char in enumerate(text):
        if not _is_foreign_mark(char) or index == 0 or not _is_thai_letter(text[index - 1]):
            continue
        chars[index] = _choose_mark(text, index)
    return "".join(chars)


def _is_thai_letter(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e4e"


def _choose_mark(text: str, index: int) -> str:
    """The choice that makes the Thai run around ``index`` dictionary words, if only one does."""
    start, end = index, index + 1
    while start > 0 and _is_thai_letter(text[start - 1]):
        start -= 1
    while end < len(text) and _is_thai_letter(text[end]):
        end += 1
    unknown_by_choice: dict[str, int] = {}
    for choice in _FOREIGN_MARK_CHOICES:
        run = text[start:index] + choice + text[index + 1 : end]
        if _word_at(run, index - start - 1):
            unknown_by_choice[choice] = sum(len(t) for t, known in _segment(run) if not known)
    fewest = min(unknown_by_choice.values(), default=0)
    fitting = [choice for choice, unknown in unknown_by_choice.items() if unknown == fewest]
    return fitting[0] if len(fitting) == 1 else ""


def _word_at(run: str, position: int) -> bool:
    """Whether the token covering ``position`` in the best segmentation of ``run`` is a word."""
    offset = 0
    for token, known in _segment(run):
        if offset <= position < offset + len(token):
            return known
        offset += len(token)
    return False


# --- dictionary ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(w for w in thai_words() if len(w) <= _MAX_WORD_CHARS)


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    return frozenset(word[:k] for word in _words() for k in range(1, len(word) + 1))


@lru_cache(maxsize=1)
def _by_skeleton() -> dict[str, tuple[str, ...]]:
    """Dictionary words grouped by their letters without marks (ำ counts as า)."""
    groups: dict[str, list[str]] = {}
    for word in _words():
        groups.setdefault(_skeleton(word), []).append(word)
    return {key: tuple(sorted(group)) for key, group in groups.items()}


@lru_cache(maxsize=1)
def _log_probabilities() -> dict[str, float]:
    """Unigram log-probability of each dictionary word (Thai National Corpus counts, +1)."""
    counts = _counts()
    total = sum(counts.values()) + len(_words())
    return {word: math.log((counts.get(word, 0) + 1) / total) for word in _words()}


@lru_cache(maxsize=1)
def _counts() -> dict[str, int]:
    """Word counts of the Thai National Corpus (bundled with pythainlp)."""
    from pythainlp.corpus.tnc import word_freqs

    return dict(word_freqs())


def _skeleton(text: str) -> str:
    return "".join(_SARA_AA if c == _SARA_AM else c for c in text if c not in _MARK_SET)


# --- segmentation -------------------------------------------------------------------------


def _can_end_word(run: str, end: int) -> bool:
    """A word cannot end before a mark or ะ า ำ ๅ, nor right after a leading vowel."""
    if end < len(run) and (run[end] in _MARK_SET or run[end] in "\u0e30\u0e32\u0e33\u0e45"):
        return False
    return not "\u0e40" <= run[end - 1] <= "\u0e44"


@lru_cache(maxsize=4096)
def _segment(run: str) -> tuple[tuple[str, bool], ...]:
    """Maximal matching: tokens with the fewest unknown characters, then the fewest tokens.

    Consecutive unknown characters form one token; each token says whether it is a word.
    """
    words, prefixes = _words(), _prefixes()
    size = len(run)
    best: list[tuple[int, int] | None] = [None] * (size + 1)
    back: list[tuple[int, bool]] = [(0, False)] * (size + 1)
    best[0] = (0, 0)
    for i in range(size):
        reached = best[i]
        if reached is None:
            continue
        unknown, tokens = reached
        steps: list[tuple[int, bool]] = [(i + 1, False)]
        if run[i] not in _MARK_SET:
            j = i + 1
            while j <= size and run[i:j] in prefixes:
                if run[i:j] in words and _can_end_word(run, j):
                    steps.append((j, True))
                j += 1
        for j, known in steps:
            cost = (unknown + (0 if known else j - i), tokens + 1)
            current = best[j]
            if current is None or cost < current:
                best[j], back[j] = cost, (i, known)
    pieces: list[tuple[str, bool]] = []
    end = size
    while end > 0:
        start, known = back[end]
        if not known and pieces and not pieces[-1][1]:
            pieces[-1] = (run[start:end] + pieces[-1][0], False)
        else:
            pieces.append((run[start:end], known))
        end = start
    return tuple(reversed(pieces))


def segment(run: str) -> tuple[tuple[str, bool], ...]:
    """A Thai run as dictionary tokens (maximal matching), each with whether it is a word.

    >>> segment("วงศ์ใหญ่x")
    (('วงศ์', True), ('ใหญ่', True), ('x', False))
    """
    return _segment(run)


def log_probability(run: str) -> float:
    """Unigram log-probability of a Thai run read as dictionary words (Thai National Corpus
    counts); an unknown character costs more than any word.

    >>> log_probability("ตัวชี้วัด") > log_probability("ตัวชี่วัด")
    True
    """
    log_p = _log_probabilities()
    return sum(
        log_p[token] if known else -_UNKNOWN_CHAR_COST * len(token) - 20.0
        for token, known in _segment(run)
    )


def thai_word_ratio(text: str) -> float:
    """Share of Thai tokens of two or more characters that are dictionary words (1.0 if none).

    A text layer that lost its tone marks scores far lower than a clean one.

    >>> round(thai_word_ratio("ความเชือมโยงยุทธศาสตร์ชาติ"), 2)  # เชื is not a word
    0.83
    """
    known = total = 0
    for match in _THAI_RUN.finditer(text):
        for token, is_word in _segment(match.group()):
            if len(token) >= 2:
                total += 1
                known += is_word
    return known / total if total else 1.0


# --- restoration --------------------------------------------------------------------------
#
# A noisy-channel choice per suspicious token: each reading of a small window (the token and
# one word on each side) scores the unigram log-probability of its words, minus a cost per
# word (longer dictionary words are preferred, as in maximal matching), minus a cost per
# restored mark. A restoration is kept only when it beats both the text as printed and every
# other restoration by _MIN_MARGIN.

_WORD_COST = 3.0
_UNKNOWN_CHAR_COST = 8.0  # log-probability of a character that belongs to no dictionary word
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
    return _THAI_RUN.sub(lambda m: _restore_compounds(m.group()), text) if compounds else text


def _restore_run(run: str, compounds: bool = False) -> str:
    tokens: list[tuple[str, bool]] = []
    for number, part in enumerate(run.split(" ")):
        if number:
            tokens.append((" ", True))
        tokens.extend(_segment(part))
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
    counts = _counts()
    threshold = _MORE_LIKELY * (counts.get(token, 0) + 1)
    return any(
        counts.get(word, 0) >= threshold and _mark_edit_cost(token, word) is not None
        for word in _by_skeleton().get(_skeleton(token), ())
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
        if _MIN_COMPOUND <= len(w) <= _MAX_COMPOUND and _THAI_RUN.fullmatch(w)
    )


@lru_cache(maxsize=1)
def _compounds_by_skeleton() -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for word in _compounds():
        groups.setdefault(_skeleton(word), []).append(word)
    return {key: tuple(group) for key, group in groups.items()}


def _restore_compounds(run: str) -> str:
    """A span of dictionary words that is one listed compound with one mark lost (จุดเสียง
    for จุดเสี่ยง): the compound, when it is the only one the span can be. Spans start and
    end where the run's words do, and a span that is itself a listed word is left.

    >>> _restore_compounds("ในซอยและจุดเสียง"), _restore_compounds("และพื้นทีสีเขียวในเขต")
    ('ในซอยและจุดเสี่ยง', 'และพื้นที่สีเขียวในเขต')
    """
    bounds, offset = {0}, 0
    for token, _ in _segment(run):
        offset += len(token)
        bounds.add(offset)
    by_skeleton, listed = _compounds_by_skeleton(), _compounds()
    out, i = [], 0
    while i < len(run):
        found = None
        if i in bounds:
            for j in range(min(len(run), i + _MAX_COMPOUND), i + _MIN_COMPOUND - 1, -1):
                span = run[i:j]
                if j not in bounds or span in listed or span in _words():
                    continue
                fits = [
                    w
                    for w in by_skeleton.get(_skeleton(span), ())
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
    by_skeleton = _by_skeleton()
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
                    for word in by_skeleton.get(_skeleton(span), ())
                ):
                    hinted.update(
                        k
                        for k in range(len(tokens))
                        if starts[k] < end and starts[k] + len(tokens[k][0]) > start
                    )
    return hinted


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
    log_p = _log_probabilities()
    by_skeleton = _by_skeleton()
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
        unknown_gain = -_UNKNOWN_CHAR_COST - _WORD_COST
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
    if window[start] in _MARK_SET:
        return
    for end in range(start + 1, min(len(window), start + _MAX_WORD_CHARS) + 1):
        if end < len(window) and (window[end] in _MARK_SET or window[end - 1] == " "):
            continue
        span = window[start:end]
        gaps = span.count(" ")
        joined = span.replace(" ", "")
        for word in by_skeleton.get(_skeleton(joined), ()):
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
        if c != text and _skeleton(c) == _skeleton(text) and _mark_edit_cost(text, c) is not None
    ]


def _clusters(text: str) -> list[tuple[str, frozenset[str]]]:
    """Each letter with the marks written on it; ำ is sara aa carrying a nikhahit."""
    clusters: list[tuple[str, set[str]]] = []
    for char in text:
        if char in _MARK_SET and clusters:
            clusters[-1][1].add(char)
        elif char == _SARA_AM:
            clusters.append((_SARA_AA, {_NIKHAHIT}))
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
            if mark == _NIKHAHIT:
                cost += _LOST_NIKHAHIT_COST
            elif mark in _TONE_SET and (want & _UPPER_VOWELS or _NIKHAHIT in following):
                cost += _STACKED_TONE_COST
            else:
                cost += _OTHER_MARK_COST
    if not carried <= _LOSABLE:
        return None
    return edits, cost
