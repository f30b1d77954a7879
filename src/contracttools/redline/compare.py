"""Compare two documents clause by clause: the engine's entry point.  Pure: no files."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Literal

from contracttools.body import parse_body
from contracttools.collector import cycle_collector_paused
from contracttools.model import Agreement, Clause, ClauseMark, Proposal
from contracttools.redline.align import Entry, match_clauses
from contracttools.redline.blocks import diff_blocks, unchanged
from contracttools.redline.documents import agreement_entries
from contracttools.redline.model import (
    ClauseChange,
    ClauseRef,
    ClauseStatus,
    Redline,
    Side,
    Span,
)
from contracttools.redline.moves import moved_clauses
from contracttools.redline.words import diff_words

Match = Literal["auto", "id"]
"""How clauses are paired: "auto" lets near-identical text win over an id pair that shares
little (see `align`); "id" keeps every id pair."""
Names = Mapping[str, tuple[str, str]]
"""Clause id -> (number, title) given elsewhere: what a clause only a proposal names is called."""


def side(document: Agreement | Proposal) -> Side:
    """Return how a document is named in a redline."""
    if isinstance(document, Agreement):
        return Side(document.path, "agreement", document.title)
    return Side(
        document.path,
        "proposal",
        document.title or f"Proposal No. {document.number}",
        party=document.party,
        number=document.number,
        passed_at=document.passed_at.isoformat(),
    )


# Comparing builds millions of short-lived spans and entries and no cycle that matters
# before it returns: the collector, left running, traversed them again and again
# (docs/performance.md, "Comparison at scale").
@cycle_collector_paused()
def compare(
    old: Agreement,
    new: Agreement,
    old_marks: Mapping[str, ClauseMark] | None = None,
    new_marks: Mapping[str, ClauseMark] | None = None,
    old_side: Side | None = None,
    new_side: Side | None = None,
    match: Match = "auto",
) -> Redline:
    """Return the redline that turns old into new (`match="id"` keeps every id pair).

    The marks say which action shaped each clause (from `contracttools.negotiation`),
    for the labels; a clause the new side deletes is labelled on the old side, where it
    still stands.
    """
    old_marks, new_marks = old_marks or {}, new_marks or {}
    struck = {k: m for k, m in new_marks.items() if m.action == "delete" and k not in new.by_id}
    old_entries = agreement_entries(old, {**old_marks, **struck})
    new_entries = agreement_entries(new, new_marks)
    # A reply to a clause neither text has (the other side's new clause, rejected) is
    # shown, labelled, on both sides, where that clause would stand.
    for clause, mark in {**old_marks, **new_marks}.items():
        if clause in old.by_id or clause in new.by_id or clause in struck:
            continue
        for entries, marks in ((old_entries, old_marks), (new_entries, new_marks)):
            own = marks.get(clause)
            at, depth, parent = _place_of(entries, mark)
            entries.insert(
                at,
                Entry(
                    clause,
                    mark.number,
                    mark.title,
                    "",
                    (),
                    depth,
                    parent,
                    own.action if own else None,
                    own.item if own else None,
                    own.carried if own else False,
                ),
            )
    replies = {e.id for e in new_entries if e.id not in new.by_id and e.id not in old.by_id}
    changes = compare_entries(old_entries, new_entries, by_id=match == "id")
    return Redline(
        old_side or side(old),
        new_side or side(new),
        tuple(replace(c, reply=True) if c.ref.id in replies else c for c in changes),
    )


def compare_entries(
    old: Sequence[Entry],
    new: Sequence[Entry],
    moves: bool = True,
    by_id: bool = False,
    names: Names | None = None,
) -> tuple[ClauseChange, ...]:
    """Return every clause's change, in new reading order, deleted ones where they stood.

    `moves` is off where order means nothing (the items of two proposals); `by_id` keeps
    every id pair (diff --match id).
    """
    pairs = match_clauses(old, new, by_id)
    moved = moved_clauses(old, new, pairs) if moves else set()
    new_of_old = {i: j for j, i in pairs.items()}
    old_refs = [
        _ref(e, new[new_of_old[i]] if i in new_of_old else None, names) for i, e in enumerate(old)
    ]
    new_refs = [_ref(e, old[pairs[j]] if j in pairs else None, names) for j, e in enumerate(new)]
    old_within, new_within = _within(old, old_refs), _within(new, new_refs)
    old_ids, new_ids = {e.id for e in old}, {e.id for e in new}
    against = {
        j
        for j, i in pairs.items()
        if old[i].id != new[j].id and (old[i].id in new_ids or new[j].id in old_ids)
    }
    matched_old = set(pairs.values())
    leading: list[int] = []
    after: dict[int, list[int]] = defaultdict(list)
    anchor: int | None = None
    for i in range(len(old)):
        if i in matched_old:
            anchor = new_of_old[i]
        elif anchor is None:
            leading.append(i)
        else:
            after[anchor].append(i)

    follows: dict[int, int] = {}
    last_of: dict[str | None, int] = {}
    for j, entry in enumerate(new):
        if entry.parent in last_of:
            follows[j] = last_of[entry.parent]
        last_of[entry.parent] = j

    def deleted(i: int) -> ClauseChange:
        return _deleted(old[i], old_refs[i], old_within[i])

    changes = [deleted(i) for i in leading]
    for j, entry in enumerate(new):
        match = pairs.get(j)
        if match is None:
            changes.append(_added(entry, new_refs[j], new_within[j]))
        else:
            sides = (old[match], entry, old_refs[match], new_refs[j])
            paths = (new_within[j], old_within[match])
            change = _matched(*sides, j in moved, j in against, *paths)
            if change.moved and j in follows:
                change = replace(change, follows=new_refs[follows[j]])
            changes.append(change)
        changes.extend(deleted(k) for k in after.get(j, ()))
    return tuple(changes)


def _ref(entry: Entry, other: Entry | None = None, names: Names | None = None) -> ClauseRef:
    """Name a clause: a side that gives neither number nor title borrows the other side's,
    then the `names` given; a proposal's clause that nothing names is called by its id made
    readable ("Development Rooms" for episodic.development-rooms), never by the id itself.

    A side that gives a number or a title gives its heading: a title it lacks where the
    other side has one is a title added or removed (retitled), never borrowed.
    """
    number, title = entry.number, entry.title
    if not number and not title and other is not None:
        number, title = other.number, other.title
    if names and entry.id in names and not number and not title:
        number, title = names[entry.id]
    if not number and not title and (entry.item is not None or (other and other.item)):
        title = readable(entry.id)
    return ClauseRef(entry.id, number, title)


def readable(clause_id: str) -> str:
    """Return "Development Rooms" for "episodic.development-rooms"."""
    last = clause_id.rsplit(".", 1)[-1].replace("-", " ").replace("_", " ")
    return " ".join(word[:1].upper() + word[1:] for word in last.split()) or clause_id


def _within(entries: Sequence[Entry], refs: list[ClauseRef]) -> list[tuple[ClauseRef, ...]]:
    """Return each entry's path: the refs of the clauses it sits in, outermost first."""
    index: dict[str, int] = {}
    out: list[tuple[ClauseRef, ...]] = []
    for k, entry in enumerate(entries):
        up = index.get(entry.parent) if entry.parent is not None else None
        out.append((*out[up], refs[up]) if up is not None else ())
        index[entry.id] = k
    return out


def _added(entry: Entry, ref: ClauseRef, within: tuple[ClauseRef, ...]) -> ClauseChange:
    blocks = diff_blocks((), entry.blocks)
    return ClauseChange(
        None,
        ref,
        "added",
        blocks,
        entry.depth,
        title_spans=(Span("insert", entry.title),) if entry.title else (),
        action=entry.action,
        item=entry.item,
        carried=entry.carried,
        within=within,
    )


def _deleted(entry: Entry, ref: ClauseRef, within: tuple[ClauseRef, ...]) -> ClauseChange:
    blocks = diff_blocks(entry.blocks, ())
    return ClauseChange(
        ref,
        None,
        "deleted",
        blocks,
        entry.depth,
        title_spans=(Span("delete", entry.title),) if entry.title else (),
        # A clause a proposal deletes: the delete is the new side's action.
        action="delete" if entry.action == "delete" else None,
        old_action=None if entry.action == "delete" else entry.action,
        item=entry.item,
        within=within,
    )


def _matched(
    old: Entry,
    new: Entry,
    before: ClauseRef,
    after: ClauseRef,
    moved: bool,
    against_id: bool,
    within: tuple[ClauseRef, ...],
    was_within: tuple[ClauseRef, ...] = (),
) -> ClauseChange:
    if old.digest == new.digest and old.blocks == new.blocks:
        blocks = tuple(unchanged(block) for block in new.blocks)
        body_changed = False
    else:
        blocks = diff_blocks(old.blocks, new.blocks)
        body_changed = any(b.status != "equal" for b in blocks)
    retitled = before.title != after.title
    status: ClauseStatus = "modified" if body_changed or retitled else "unchanged"
    return ClauseChange(
        before,
        after,
        status,
        blocks,
        new.depth,
        moved=moved,
        renumbered=before.number != after.number,
        retitled=retitled,
        title_spans=diff_words(before.title, after.title),
        action=new.action,
        old_action=old.action,
        item=new.item or old.item,
        carried=new.carried,
        against_id=against_id,
        within=within,
        was_within=was_within,
    )


def compare_language(
    current: Clause | None,
    clause: str,
    number: str,
    title: str,
    text: str,
    action: str | None = None,
) -> ClauseChange:
    """Return language redlined against a clause's current text (added, where it has none)."""
    new = Entry(clause, number, title, text, parse_body(text), 0, None, action)
    old = (
        [Entry(current.id, current.number, current.title, current.text, current.blocks, 0, None)]
        if current
        else []
    )
    return compare_entries(old, [new])[0]


def compare_clause(
    old: Clause | None,
    new: Clause | None,
    old_mark: ClauseMark | None = None,
    new_mark: ClauseMark | None = None,
) -> ClauseChange | None:
    """Return one clause compared with itself, paired by id alone (a packet item, say):
    added where it has no old side, deleted where it has no new one."""

    def entry(clause: Clause, mark: ClauseMark | None) -> Entry:
        return Entry(
            clause.id,
            clause.number,
            clause.title,
            clause.text,
            clause.blocks,
            0,
            None,
            mark.action if mark else None,
            mark.item if mark else None,
            mark.carried if mark else False,
        )

    olds = [entry(old, old_mark)] if old is not None else []
    news = [entry(new, new_mark)] if new is not None else []
    if old is not None and new is None and new_mark is not None and new_mark.action == "delete":
        olds = [entry(old, new_mark)]
    changes = compare_entries(olds, news, moves=False)
    return changes[0] if changes else None


def _place_of(entries: list[Entry], mark: ClauseMark) -> tuple[int, int, str | None]:
    """Return where a clause placed by `mark` goes among `entries` (index, depth, parent):
    after its `after` clause and that clause's own subclauses, or last in its `parent`;
    at the end where neither is there."""
    index = {entry.id: n for n, entry in enumerate(entries)}
    anchor = mark.after or mark.parent
    if anchor is None or anchor not in index:
        return len(entries), 0, None
    n = index[anchor]
    base = entries[n].depth
    end = n + 1
    while end < len(entries) and entries[end].depth > base:
        end += 1
    if mark.after is not None:
        return end, base, entries[n].parent
    return end, base + 1, anchor
