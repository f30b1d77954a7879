"""The other side's changes as proposal items: the original reading against the changed one.

The clauses of the original reading are paired with the agreement's (by number and
title, then by text, as the redline engine pairs clauses), and with those of the changed
reading by the paragraph their heading stands in.  A clause whose text or title changed
is amended; one only in the changed reading is added after the clause before it; one only
in the original reading is deleted.  Numbers are not compared: an inserted paragraph
renumbers everything after it without changing it.
"""

from __future__ import annotations

from dataclasses import dataclass

from contracttools.body import Table
from contracttools.importing.ids import IdMaker, key, pair, slug
from contracttools.importing.tree import Built
from contracttools.model import Agreement, Clause, Item
from contracttools.readers.source import Note


@dataclass
class Outcome:
    """The items found and how well the document's original text matched the agreement."""

    items: list[Item]
    matched: int
    """Clauses of the original reading found in the agreement."""
    differing: int
    """Of those, how many read differently from the agreement before any change."""


def _same(a: Clause, b: Clause) -> bool:
    return wording(a) == wording(b) and key("", a.title) == key("", b.title)


def wording(clause: Clause) -> tuple[object, ...]:
    """Return what a clause says, paragraph by paragraph and cell by cell, emphasis aside.

    A Word document and a YAML file can set the same words with different emphasis; only
    the words are compared.
    """
    return tuple(b.rows if isinstance(b, Table) else b.text for b in clause.blocks)


def compare_readings(
    original: Built, changed: Built, base: Agreement, notes: list[Note]
) -> Outcome:
    """Return the items that turn the original reading into the changed one, against `base`."""
    to_base = pair(original.agreement, base)
    by_source = {source: cid for cid, source in original.sources.items()}
    to_original: dict[str, str] = {}
    for cid, source in changed.sources.items():
        if source in by_source:
            to_original[cid] = by_source[source]
    found: list[Item] = []
    matched = differing = 0
    for cid, paired in to_base.items():
        matched += 1
        if wording(original.agreement.by_id[cid]) != wording(base.by_id[paired]):
            differing += 1
            notes.append(
                Note(
                    original.wheres.get(cid, "document"),
                    f"the text of {_label(base.by_id[paired])} before the changes differs from the agreement's",
                )
            )
    ids = IdMaker(set(base.by_id))
    placed: dict[str, str] = {}
    """Changed-reading id -> the id it has in the proposal."""
    previous: dict[str | None, str] = {}
    last: str | None = None
    parents: list[str] = []
    for clause, depth in changed.agreement.walk():
        del parents[depth:]
        parent: str | None = parents[-1] if parents else None
        parents.append(clause.id)
        old_id = to_original.get(clause.id)
        base_id = to_base.get(old_id) if old_id else None
        if base_id is not None:
            placed[clause.id] = base_id
            old = original.agreement.by_id[old_id] if old_id else None
            if old is not None and not _same(old, clause):
                retitled = key("", old.title) != key("", clause.title)
                if not clause.text and old.text:
                    notes.append(
                        Note(
                            changed.wheres[clause.id],
                            f"all the text of {_label(clause)} was deleted but not its heading: "
                            "amended to '(no text)'",
                        )
                    )
                found.append(
                    Item(
                        base_id,
                        "amend",
                        clause.text or "(no text)\n",
                        title=clause.title if retitled else None,
                    )
                )
        elif old_id is not None:
            old = original.agreement.by_id[old_id]
            if not _same(old, clause):
                notes.append(
                    Note(
                        changed.wheres[clause.id],
                        f"changes to {_label(clause)}, which is not a clause of the agreement, "
                        "were left out",
                    )
                )
        else:
            new_id = ids.claim(
                f"{placed[parent]}.{slug(clause.title) or slug(clause.number)}"
                if parent in placed
                else slug(clause.title) or slug(clause.number) or "clause"
            )
            placed[clause.id] = new_id
            follows = placed.get(previous.get(parent, ""))
            inside = placed.get(parent or "") if follows is None else None
            if follows is None and inside is None:
                follows = last or (base.clauses[0].id if base.clauses else None)
            found.append(
                Item(
                    new_id,
                    "add",
                    clause.text or "(no text)\n",
                    number=clause.number,
                    title=clause.title,
                    after=follows,
                    parent=inside,
                )
            )
        if clause.id in placed:
            previous[parent] = clause.id
            last = placed[clause.id]
    kept = set(to_original.values())
    gone: list[bool] = []
    for clause, depth in original.agreement.walk():
        del gone[depth:]
        gone_id = to_base.get(clause.id)
        deleted = clause.id not in kept and gone_id is not None
        if deleted and gone_id is not None and not any(gone):
            found.append(Item(gone_id, "delete"))
        gone.append(deleted)
    return Outcome(found, matched, differing)


def _label(clause: Clause) -> str:
    return " ".join(part for part in (clause.number, clause.title) if part) or clause.id


__all__ = ["Outcome", "compare_readings", "wording"]
