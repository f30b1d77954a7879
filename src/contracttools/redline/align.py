"""Clause alignment: which old clause is which new clause.

1. The same id; then, among the clauses left, the same heading: an identical number and
   title (both given, each heading once on each side).  Not with `by_id`.
2. Where an id pair shares little text (under NEAR_THRESHOLD of its words) and a
   near-identical text (NEAR_IDENTICAL of its words) sits under another id, the text wins:
   a section inserted at the top of an article renumbers those after it, and ids made
   from numbers then name their neighbours. Not with `by_id` (diff --match id), and never
   for a clause a proposal item names: the item means that clause.
3. The same body text under another id (each text unique on both sides, or taken in order).
4. Nearly the same body text: at least NEAR_THRESHOLD of their words in common, candidates
   found through an index of rare words and word pairs (`shingles`), so the work grows with
   the number of clauses and never as all clauses against all.
5. Containers (clauses with clauses of their own), deepest first, by their children: two
   unpaired ones when at least CONTAINER_THRESHOLD of their children are paired with each
   other; an id pair of containers without text of their own whose children are under
   that share gives way to such a pair, as in 2 (an article inserted before others).

A pair with an identical number and title is never given way (in 2 or 5), and a
container whose heading the other side has identical is never paired by its children to
another one: the same heading is the same clause, whatever moved in or out of it.  A
number alone is never evidence: two clauses are not paired because they share one.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from contracttools.body import Block
from contracttools.model import Item
from contracttools.redline.shingles import Words, candidates, shared
from contracttools.redline.similar import similarity

NEAR_THRESHOLD = 0.6
"""Share of words two unmatched clauses must have in common to be taken as one clause."""
NEAR_IDENTICAL = 0.8
"""Share of words that takes a clause from an id pair sharing under NEAR_THRESHOLD."""
CONTAINER_THRESHOLD = 0.5
"""Share of children two unmatched containers must have in common to be taken as one."""


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


def match_clauses(
    old: Sequence[Entry], new: Sequence[Entry], by_id: bool = False
) -> dict[int, int]:
    """Return new index -> old index for every clause pair found.

    `by_id` keeps every id pair, however little text it shares (diff --match id).
    """
    old_by_id = {e.id: i for i, e in enumerate(old)}
    pairs: dict[int, int] = {}
    for j, entry in enumerate(new):
        i = old_by_id.get(entry.id)
        if i is not None:
            pairs[j] = i
    if not by_id:
        _match_headings(old, new, pairs)
    old_words, new_words = _Texts(old), _Texts(new)
    apart = {j for j in _apart(old, new, pairs) if not same_heading(old[pairs[j]], new[j])}
    if not by_id:
        _rematch_by_text(old, new, pairs, apart, old_words, new_words)
    taken = set(pairs.values())
    free_old = [i for i in range(len(old)) if i not in taken and old[i].text.strip()]
    free_new = [j for j in range(len(new)) if j not in pairs and new[j].text.strip()]
    _match_same_text(old, new, free_old, free_new, pairs)
    taken = set(pairs.values())
    free_old = [i for i in free_old if i not in taken]
    free_new = [j for j in free_new if j not in pairs]
    _match_near_text(free_old, free_new, pairs, old_words, new_words)
    _match_containers(old, new, pairs, by_id, apart)
    return pairs


def heading_key(entry: Entry) -> tuple[str, str] | None:
    """Return a clause's heading as compared (white space folded, case kept), or None where
    it lacks a number or a title: a number alone, or a title alone, says little."""
    number, title = " ".join(entry.number.split()), " ".join(entry.title.split())
    return (number, title) if number and title else None


def same_heading(a: Entry, b: Entry) -> bool:
    """Return whether two clauses have the same number and the same title, both given."""
    key = heading_key(a)
    return key is not None and key == heading_key(b)


def _match_headings(old: Sequence[Entry], new: Sequence[Entry], pairs: dict[int, int]) -> None:
    """Pair clauses left unpaired by id whose heading is found once on each side, identical."""
    taken = set(pairs.values())
    old_by: dict[tuple[str, str], list[int]] = defaultdict(list)
    new_by: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, entry in enumerate(old):
        key = heading_key(entry)
        if key is not None:
            old_by[key].append(i)
    for j, entry in enumerate(new):
        key = heading_key(entry)
        if key is not None:
            new_by[key].append(j)
    for key, found in new_by.items():
        olds = old_by.get(key, [])
        if len(found) == 1 and len(olds) == 1 and found[0] not in pairs and olds[0] not in taken:
            pairs[found[0]] = olds[0]


def _apart(old: Sequence[Entry], new: Sequence[Entry], pairs: dict[int, int]) -> set[int]:
    """Return the new indexes of id pairs whose texts share under NEAR_THRESHOLD of their words."""
    return {
        j
        for j, i in pairs.items()
        if old[i].digest != new[j].digest
        and old[i].text.strip()
        and new[j].text.strip()
        and similarity(old[i].text, new[j].text) < NEAR_THRESHOLD
    }


class _Texts:
    """Each entry's words, worked out once and only when asked for."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        self.known: dict[int, Words] = {}

    def __getitem__(self, index: int) -> Words:
        words = self.known.get(index)
        if words is None:
            words = self.known[index] = Words(self.entries[index].text)
        return words


Scored = list[tuple[float, int, int]]
"""(score, new index, old index) for each candidate pair."""


def _greedy(scored: Scored, nearest: bool = False) -> dict[int, int]:
    """Return new -> old pairs, best scores first, each index used once.

    `nearest` breaks ties between equal scores by the distance in reading order (the
    same text repeated in several places goes to the nearest one).
    """

    def order(s: tuple[float, int, int]) -> tuple[float, int, int, int]:
        return (-s[0], abs(s[1] - s[2]) if nearest else 0, s[1], s[2])

    chosen: dict[int, int] = {}
    used_old: set[int] = set()
    for _score, j, i in sorted(scored, key=order):
        if j not in chosen and i not in used_old:
            chosen[j] = i
            used_old.add(i)
    return chosen


def _give_way(pairs: dict[int, int], weak: dict[int, int], chosen: dict[int, int]) -> None:
    """Break the weak id pairs that lost a side to a chosen pair, then add the chosen."""
    chosen_old = set(chosen.values())
    for j, i in weak.items():
        if j in chosen or i in chosen_old:
            del pairs[j]
    pairs.update(chosen)


def _rematch_by_text(
    old: Sequence[Entry],
    new: Sequence[Entry],
    pairs: dict[int, int],
    apart: set[int],
    old_words: _Texts,
    new_words: _Texts,
) -> None:
    """Pair by text against the ids where an id pair shares little and another text is near."""
    weak = {j: pairs[j] for j in apart if not (old[pairs[j]].action or new[j].action)}
    if not weak:
        return
    weak_old = set(weak.values())
    taken = set(pairs.values())
    pool_old = {
        i: old_words[i]
        for i in range(len(old))
        if (i not in taken or i in weak_old) and old[i].text.strip()
    }
    pool_new = {
        j: new_words[j]
        for j in range(len(new))
        if (j not in pairs or j in weak) and new[j].text.strip()
    }
    scored: Scored = []
    for j, found in candidates(pool_old, pool_new).items():
        for i in found:
            if weak.get(j) == i or (j not in weak and i not in weak_old):
                continue  # the id pair itself, or two free clauses: the later passes' work
            score = shared(pool_old[i], pool_new[j], NEAR_IDENTICAL)
            if score >= NEAR_IDENTICAL:
                scored.append((score, j, i))
    _give_way(pairs, weak, _greedy(scored, nearest=True))


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
        found = by_digest.get(new[j].digest)
        if found:
            pairs[j] = found.pop(0)


def _match_near_text(
    free_old: list[int],
    free_new: list[int],
    pairs: dict[int, int],
    old_words: _Texts,
    new_words: _Texts,
) -> None:
    if not free_old or not free_new:
        return
    pool_old = {i: old_words[i] for i in free_old}
    pool_new = {j: new_words[j] for j in free_new}
    scored: Scored = []
    for j, found in candidates(pool_old, pool_new).items():
        for i in found:
            score = shared(pool_old[i], pool_new[j], NEAR_THRESHOLD)
            if score >= NEAR_THRESHOLD:
                scored.append((score, j, i))
    pairs.update(_greedy(scored))


def _children(entries: Sequence[Entry]) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Return index -> its children's indexes, and index -> its parent's index."""
    index = {e.id: k for k, e in enumerate(entries)}
    children: dict[int, list[int]] = defaultdict(list)
    parent: dict[int, int] = {}
    for k, entry in enumerate(entries):
        up = index.get(entry.parent) if entry.parent is not None else None
        if up is not None:
            children[up].append(k)
            parent[k] = up
    return children, parent


def _match_containers(
    old: Sequence[Entry], new: Sequence[Entry], pairs: dict[int, int], by_id: bool, apart: set[int]
) -> None:
    """Pair containers by their children, deepest first (a pair made counts for its parent).

    A child paired only by its id, with little text in common, is no evidence: with ids
    made from numbers it is a section dropped and another inserted in its place.
    """
    old_children, old_parent = _children(old)
    new_children, _ = _children(new)
    if not old_children or not new_children:
        return

    def evidence(j: int) -> bool:
        return j not in apart or old[pairs[j]].id != new[j].id

    levels: dict[int, list[int]] = defaultdict(list)
    for j in new_children:
        levels[new[j].depth].append(j)

    def votes(j: int) -> Counter[int]:
        """Return old container -> how many of j's children are paired with its children."""
        return Counter(
            old_parent[pairs[c]]
            for c in new_children[j]
            if c in pairs and pairs[c] in old_parent and evidence(c)
        )

    def score(i: int, j: int, common: int) -> float:
        return 2 * common / (len(old_children[i]) + len(new_children[j]))

    old_heads: dict[tuple[str, str], int] = {}
    for k in old_children:
        key = heading_key(old[k])
        if key is not None:
            old_heads[key] = -1 if key in old_heads else k
    new_heads = {heading_key(new[j]) for j in new_children} - {None}

    def held(i: int, j: int) -> bool:
        """Return whether i or j has its heading, identical, on the other side in another
        clause: they are that clause, not each other."""
        a, b = heading_key(old[i]), heading_key(new[j])
        return a != b and (
            (a is not None and a in new_heads) or old_heads.get(b or ("", "")) is not None
        )

    for depth in sorted(levels, reverse=True):
        weak: dict[int, int] = {}
        for j in levels[depth] if not by_id else ():
            i = pairs.get(j)
            if (
                i is not None
                and not same_heading(old[i], new[j])
                and i in old_children
                and not old[i].text.strip()
                and not new[j].text.strip()
                and old[i].action is None
                and new[j].action is None
                and score(i, j, votes(j)[i]) < CONTAINER_THRESHOLD
            ):
                weak[j] = i
        weak_old = set(weak.values())
        taken = set(pairs.values())
        scored: Scored = []
        for j in levels[depth]:
            if j in pairs and j not in weak:
                continue
            for i, common in votes(j).items():
                if weak.get(j) == i or (i in taken and i not in weak_old) or held(i, j):
                    continue
                value = score(i, j, common)
                if value >= CONTAINER_THRESHOLD:
                    scored.append((value, j, i))
        _give_way(pairs, weak, _greedy(scored, nearest=True))
