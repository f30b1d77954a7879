"""Clause ids: made from numbers and titles, unique, and the same for the same document.

With an earlier version of the agreement (`--like`), clauses take the ids they had there:
paired by number and title first, then by their text (the redline engine's matcher), so
that a renumbered clause keeps its identity.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from contracttools.body import fold
from contracttools.model import Agreement, Clause
from contracttools.redline.align import Entry, match_clauses

WORDS = 4
"""How many words of a title an id keeps."""


def slug(text: str, words: int = WORDS) -> str:
    """Return text as an id word: ASCII letters and digits joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(parts[:words])


class IdMaker:
    """Makes ids unique within one agreement."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken: set[str] = set(taken or ())

    def make(self, parent: str, title: str, number: str) -> str:
        word = slug(title) or slug(number, 6) or "clause"
        base = f"{parent}.{word}" if parent else word
        return self.claim(base)

    def claim(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate


def key(number: str, title: str) -> tuple[str, str]:
    """Return a number and title as compared across documents (case, spaces, stops)."""
    return (
        re.sub(r"[\s.]+", "", number).lower().removeprefix("article").removeprefix("section"),
        fold(title).lower().rstrip("."),
    )


def entries(agreement: Agreement, prefix: str = "") -> list[Entry]:
    """Return an agreement's clauses flattened as the redline matcher reads them."""
    out: list[Entry] = []
    parents: list[str] = []
    for clause, depth in agreement.walk():
        del parents[depth:]
        out.append(
            Entry(
                prefix + clause.id,
                clause.number,
                clause.title,
                clause.text,
                clause.blocks,
                depth,
                prefix + parents[-1] if parents else None,
            )
        )
        parents.append(clause.id)
    return out


def pair(new: Agreement, old: Agreement) -> dict[str, str]:
    """Return new clause id -> old clause id: same number and title, then the same text."""
    old_entries = entries(old)
    by_key: dict[tuple[str, str], list[str]] = {}
    for entry in old_entries:
        by_key.setdefault(key(entry.number, entry.title), []).append(entry.id)
    new_entries = entries(new, "\0")
    pairs: dict[str, str] = {}
    used: set[str] = set()
    for entry in new_entries:
        found = [i for i in by_key.get(key(entry.number, entry.title), []) if i not in used]
        if found and (entry.number or entry.title):
            pairs[entry.id[1:]] = found[0]
            used.add(found[0])
            entry.id = found[0]
    for j, i in match_clauses(old_entries, new_entries).items():
        new_id = new_entries[j].id
        if new_id.startswith("\0") and old_entries[i].id not in used:
            pairs[new_id[1:]] = old_entries[i].id
            used.add(old_entries[i].id)
    return pairs


def keep_ids(new: Agreement, old: Agreement) -> tuple[Agreement, int]:
    """Return `new` with the ids its clauses had in `old`, and how many kept one."""
    pairs = pair(new, old)
    taken = set(pairs.values())
    maker = IdMaker(taken)
    renamed = {
        clause.id: pairs.get(clause.id) or maker.claim(clause.id) for clause, _ in new.walk()
    }

    def rename(clause: Clause) -> Clause:
        return replace(
            clause, id=renamed[clause.id], clauses=tuple(rename(c) for c in clause.clauses)
        )

    return replace(new, clauses=tuple(rename(c) for c in new.clauses)), len(pairs)
