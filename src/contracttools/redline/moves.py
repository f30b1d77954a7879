"""Which paired clauses moved: under another parent, or out of the longest run of
siblings that kept their order (only the clauses that were moved, not those after them)."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence

from contracttools.redline.align import Entry


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
        keep = longest_increasing([pairs[j] for j in group])
        moved.update(j for n, j in enumerate(group) if n not in keep)
    return moved


def longest_increasing(values: list[int]) -> set[int]:
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
