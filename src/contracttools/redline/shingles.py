"""Near-text candidates: which old clauses a new clause may be a near copy of.

A clause's words (lower-cased, as `similarity` counts them) give its features: each word
and each pair of adjacent words. A new clause looks up its RARE_FEATURES rarest features
in an index of the old clauses, reads at most POSTING_LIMIT clauses from each, and keeps
the CANDIDATES old clauses that share most of them. Word pairs stay rare when the words
do not (a contract's vocabulary is small; the order of its words is not), and the bounds
hold whatever the input: the work grows with the number of clauses, never as all pairs.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from functools import cached_property
from itertools import pairwise

RARE_FEATURES = 16
"""How many of a clause's rarest features are looked up."""
POSTING_LIMIT = 64
"""How many old clauses are read from the index for one feature."""
CANDIDATES = 12
"""How many old clauses are scored against one new clause."""

_WORDS = re.compile(r"\w+")


class Words:
    """A clause's words as similarity sees them, and its features for the index."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: list[str] = _WORDS.findall(text.lower())
        self.total = len(self.words)
        counts = Counter(self.words)
        occurrences = set(counts)
        occurrences.update(f"{w}#{k}" for w, n in counts.items() if n > 1 for k in range(1, n))
        self.occurrences = frozenset(occurrences)
        """Each word, and each repeat of it ("shall", "shall#1"): a multiset as a set (the C
        set intersection counts the words two texts share)."""

    @cached_property
    def features(self) -> frozenset[str]:
        """Return its words and its pairs of adjacent words (worked out when first asked)."""
        features = set(self.words)
        features.update(map(" ".join, pairwise(self.words)))
        return frozenset(features)


def shared(a: Words, b: Words, floor: float = 0.0) -> float:
    """Return the share of words two texts have in common, as `blocks.similarity` does.

    A pair that cannot reach `floor` may be given 0 without counting.
    """
    total = a.total + b.total
    if not total:
        return 1.0 if a.text.strip() == b.text.strip() else 0.0
    if floor and 2 * min(a.total, b.total) < floor * total:
        return 0.0  # too different in length to reach the floor
    return 2 * len(a.occurrences & b.occurrences) / total


def candidates(old: Mapping[int, Words], new: Mapping[int, Words]) -> dict[int, list[int]]:
    """Return, for each new index, the old indexes worth scoring against it (at most CANDIDATES).

    With no more than CANDIDATES old clauses, every one is a candidate: small inputs are
    compared exhaustively.
    """
    if len(old) <= CANDIDATES:
        everything = sorted(old)
        return {j: everything for j in new}
    frequency: Counter[str] = Counter()
    for words in old.values():
        frequency.update(words.features)
    wanted: dict[int, list[str]] = {}
    for j, words in new.items():
        known = sorted(words.features & frequency.keys())
        wanted[j] = sorted(known, key=frequency.__getitem__)[:RARE_FEATURES]
    needed = {feature for features in wanted.values() for feature in features}
    postings: dict[str, list[int]] = defaultdict(list)
    for i in sorted(old):
        for feature in old[i].features & needed:
            posting = postings[feature]
            if len(posting) < POSTING_LIMIT:
                posting.append(i)
    found: dict[int, list[int]] = {}
    for j, features in wanted.items():
        hits: Counter[int] = Counter()
        for feature in features:
            hits.update(postings[feature])
        best = heapq.nsmallest(CANDIDATES, hits.items(), key=lambda hit: (-hit[1], hit[0]))
        found[j] = [i for i, _ in best]
    return found
