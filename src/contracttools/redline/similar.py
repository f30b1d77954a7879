"""How alike two texts are, and sequences aligned by it: what blocks and table rows pair
by."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher
from typing import Any, TypeVar

from contracttools.redline.model import (
    count_words,
)
from contracttools.redline.tokens import count_words as words_in
from contracttools.redline.words import diff_words

PAIR_THRESHOLD = 0.5
"""Two changed blocks (or rows) are redlined against each other when at least this
share of their words is common; otherwise one is shown deleted and the other inserted."""
IN_PLACE_THRESHOLD = 0.25
"""Changed blocks that stand in the same place (as many changed blocks on each side between
the same unchanged neighbours, paired in order) are redlined against each other when the
word diff keeps at least this share of the longer one's words: "twenty-four (24) hours"
to "forty-eight (48) hours" is marked word by word, two unrelated paragraphs are not."""

_WORDS = re.compile(r"\w+")
T = TypeVar("T")


def similarity(a: str, b: str) -> float:
    """Return the share of words two texts have in common (0 to 1)."""
    wa, wb = Counter(_WORDS.findall(a.lower())), Counter(_WORDS.findall(b.lower()))
    total = sum(wa.values()) + sum(wb.values())
    if not total:
        return 1.0 if a.strip() == b.strip() else 0.0
    return 2 * sum((wa & wb).values()) / total


def align(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable], text: Callable[[T], str]
) -> list[tuple[T | None, T | None]]:
    """Pair equal items in order, then changed items that are similar enough.

    Changed items left unpaired that stand in the same place are then paired in order
    when enough of their words survive (`IN_PLACE_THRESHOLD`).
    Returns (old, new) pairs in reading order; None marks an inserted or deleted item.
    """
    matcher = SequenceMatcher(None, [key(x) for x in old], [key(x) for x in new], autojunk=False)
    pairs: list[tuple[T | None, T | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(old[i1:i2], new[j1:j2], strict=True))
        else:
            similar: list[tuple[T | None, T | None]] = _pair_similar(old[i1:i2], new[j1:j2], text)
            pairs.extend(_pair_in_place(similar, text))
    return pairs


def kept_share(a: str, b: str) -> float:
    """Return the share of the longer text's words that the word diff keeps unchanged."""
    longest = max(words_in(a), words_in(b))
    if not longest:
        return 0.0
    return count_words(diff_words(a, b), "equal") / longest


def _pair_in_place(
    pairs: list[tuple[T | None, T | None]], text: Callable[[Any], str]
) -> list[tuple[T | None, T | None]]:
    """Pair unpaired items in order where as many were deleted as inserted in one place."""
    out: list[tuple[T | None, T | None]] = []
    olds: list[T] = []
    news: list[T] = []

    def flush() -> None:
        if len(olds) == len(news):
            for a, b in zip(olds, news, strict=True):
                if kept_share(text(a), text(b)) >= IN_PLACE_THRESHOLD:
                    out.append((a, b))
                else:
                    out.extend([(a, None), (None, b)])
        else:
            out.extend((a, None) for a in olds)
            out.extend((None, b) for b in news)
        olds.clear()
        news.clear()

    for a, b in pairs:
        if a is not None and b is None:
            olds.append(a)
        elif a is None and b is not None:
            news.append(b)
        else:
            flush()
            out.append((a, b))
    flush()
    return out


def _pair_similar(
    old: Sequence[T], new: Sequence[T], text: Callable[[T], str]
) -> list[tuple[T | None, T | None]]:
    """Pair changed items greedily in order, keeping both sequences' order."""
    pairs: list[tuple[T | None, T | None]] = []
    j = 0
    for item in old:
        best, best_score = None, PAIR_THRESHOLD
        for k in range(j, len(new)):
            score = similarity(text(item), text(new[k]))
            if score >= best_score and (best is None or score > best_score):
                best, best_score = k, score
        if best is None:
            pairs.append((item, None))
            continue
        pairs.extend((None, n) for n in new[j:best])
        pairs.append((item, new[best]))
        j = best + 1
    pairs.extend((None, n) for n in new[j:])
    return pairs
