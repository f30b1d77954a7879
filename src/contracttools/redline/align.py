"""Clause alignment: which old clause is which new clause.

1. The same id.
2. The same body text under another id (each text unique on both sides, or taken in order).
3. Nearly the same body text: at least NEAR_THRESHOLD of their words in common, candidates
   found through an index of rare words, so the work grows with the number of unmatched
   clauses and never as all clauses against all.

A number is never evidence: two clauses are not paired because they share one.
"""

from __future__ import annotations

import bisect
import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from contracttools.body import Block
from contracttools.model import Item
from contracttools.redline.blocks import similarity

NEAR_THRESHOLD = 0.6
"""Share of words two unmatched clauses must have in common to be taken as one clause."""
RARE_WORDS = 8
"""How many of a clause's rarest words are used to find its candidates."""


@dataclass
class Entry:
    """A clause in reading order, flattened, as the aligner sees it."""

    id: str
    number: str
    title: str
    text: str
    blocks: tuple[Block, ...]
    depth: int
    parent: str | None
    action: str | None = None
    item: Item | None = None
    carried: bool = False
    """The new side's position was carried forward from an earlier pass."""
    digest: str = field(init=False)

    def __post_init__(self) -> None:
        folded = " ".join(self.text.split())
        self.digest = hashlib.blake2b(folded.encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Match:
    """An old and a new index paired, or one of them alone."""

    old: int | None
    new: int | None
    moved: bool = False


def match_clauses(old: Sequence[Entry], new: Sequence[Entry]) -> dict[int, int]:
    """Return new index -> old index for every clause pair found."""
    old_by_id = {e.id: i for i, e in enumerate(old)}
    pairs: dict[int, int] = {}
    for j, entry in enumerate(new):
        i = old_by_id.get(entry.id)
        if i is not None:
            pairs[j] = i
    taken = set(pairs.values())
    free_old = [i for i in range(len(old)) if i not in taken and old[i].text.strip()]
    free_new = [j for j in range(len(new)) if j not in pairs and new[j].text.strip()]
    _match_same_text(old, new, free_old, free_new, pairs)
    taken = set(pairs.values())
    free_old = [i for i in free_old if i not in taken]
    free_new = [j for j in free_new if j not in pairs]
    _match_near_text(old, new, free_old, free_new, pairs)
    return pairs


def _match_same_text(
    old: Sequence[Entry],
    new: Sequence[Entry],
    free_old: list[int],
    free_new: list[int],
    pairs: dict[int, int],
) -> None:
    by_digest: dict[str, list[int]] = defaultdict(list)
    for i in free_old:
        by_digest[old[i].digest].append(i)
    for j in free_new:
        candidates = by_digest.get(new[j].digest)
        if candidates:
            pairs[j] = candidates.pop(0)


def _match_near_text(
    old: Sequence[Entry],
    new: Sequence[Entry],
    free_old: list[int],
    free_new: list[int],
    pairs: dict[int, int],
) -> None:
    if not free_old or not free_new:
        return
    words_of = {i: set(old[i].text.lower().split()) for i in free_old}
    frequency: dict[str, int] = defaultdict(int)
    index: dict[str, list[int]] = defaultdict(list)
    for i, words in words_of.items():
        for word in words:
            frequency[word] += 1
            index[word].append(i)
    scored: list[tuple[float, int, int]] = []
    for j in free_new:
        words = set(new[j].text.lower().split())
        rare = sorted((w for w in words if w in index), key=lambda w: (frequency[w], w))[
            :RARE_WORDS
        ]
        candidates = {i for w in rare for i in index[w]}
        for i in candidates:
            score = similarity(old[i].text, new[j].text)
            if score >= NEAR_THRESHOLD:
                scored.append((score, j, i))
    used_old: set[int] = set()
    for _score, j, i in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if j not in pairs and i not in used_old:
            pairs[j] = i
            used_old.add(i)


def moved_clauses(old: Sequence[Entry], new: Sequence[Entry], pairs: dict[int, int]) -> set[int]:
    """Return the new indexes of clauses that moved.

    A clause moved when its parent is another clause than before, or when, among the
    siblings that kept their parent, it is out of the longest run that kept its order:
    only the clauses that were moved are marked, not every clause after them.
    """
    new_index_of_old = {i: j for j, i in pairs.items()}
    old_ids = {e.id: i for i, e in enumerate(old)}
    moved: set[int] = set()
    siblings: dict[str | None, list[int]] = defaultdict(list)
    for j in sorted(pairs):
        i = pairs[j]
        old_parent = old[i].parent
        old_parent_now = None
        if old_parent is not None and old_parent in old_ids:
            k = new_index_of_old.get(old_ids[old_parent])
            old_parent_now = new[k].id if k is not None else "(gone)"
        new_parent = new[j].parent
        if old_parent_now != new_parent:
            moved.add(j)
        else:
            siblings[new_parent].append(j)
    for group in siblings.values():
        keep = _longest_increasing([pairs[j] for j in group])
        moved.update(j for n, j in enumerate(group) if n not in keep)
    return moved


def _longest_increasing(values: list[int]) -> set[int]:
    """Return the positions of one longest strictly increasing subsequence (n log n)."""
    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(values)
    for position, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[k] = value
            tail_at[k] = position
        previous[position] = tail_at[k - 1] if k else -1
    keep: set[int] = set()
    position = tail_at[-1] if tail_at else -1
    while position != -1:
        keep.add(position)
        position = previous[position]
    return keep
