"""Compare two documents clause by clause: the engine's entry point.  Pure: no files."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from contracttools.body import parse_body
from contracttools.model import Agreement, Clause, Proposal
from contracttools.redline.align import Entry, match_clauses, moved_clauses
from contracttools.redline.blocks import diff_blocks, unchanged
from contracttools.redline.documents import (
    accept_language,
    agreement_entries,
    applied_entries,
    item_entries,
)
from contracttools.redline.model import (
    ClauseChange,
    ClauseRef,
    ClauseStatus,
    Redline,
    Side,
    Span,
)
from contracttools.redline.words import diff_words

Document = Agreement | Proposal


def side(document: Document) -> Side:
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


def entries(old: Document, new: Document) -> tuple[list[Entry], list[Entry]]:
    """Return both documents' entries, each shaped as it is best compared with the other."""
    if isinstance(old, Agreement) and isinstance(new, Agreement):
        return agreement_entries(old), agreement_entries(new)
    if isinstance(old, Agreement) and isinstance(new, Proposal):
        return applied_entries(new, old)
    if isinstance(old, Proposal) and isinstance(new, Agreement):
        applied, base = applied_entries(old, new)
        return base, applied
    assert isinstance(old, Proposal) and isinstance(new, Proposal)
    old_items, new_items = item_entries(old, old.base), item_entries(new, new.base)
    return accept_language(old_items, new_items), accept_language(new_items, old_items)


def compare(old: Document, new: Document) -> Redline:
    """Return the redline that turns old into new."""
    old_entries, new_entries = entries(old, new)
    moves = not (isinstance(old, Proposal) and isinstance(new, Proposal))
    return Redline(side(old), side(new), compare_entries(old_entries, new_entries, moves))


def compare_entries(
    old: Sequence[Entry], new: Sequence[Entry], moves: bool = True
) -> tuple[ClauseChange, ...]:
    """Return every clause's change, in new reading order, deleted ones where they stood.

    `moves` is off where order means nothing (the items of two proposals).
    """
    pairs = match_clauses(old, new)
    moved = moved_clauses(old, new, pairs) if moves else set()
    matched_old = set(pairs.values())
    new_of_old = {i: j for j, i in pairs.items()}
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
    changes = [_deleted(old[i]) for i in leading]
    for j, entry in enumerate(new):
        match = pairs.get(j)
        changes.append(_added(entry) if match is None else _matched(old[match], entry, j in moved))
        changes.extend(_deleted(old[k]) for k in after.get(j, ()))
    return tuple(changes)


def _ref(entry: Entry, fallback: Entry | None = None) -> ClauseRef:
    """Name a clause; a side that gives no number or title borrows the other side's."""
    number = entry.number or (fallback.number if fallback else "")
    title = entry.title or (fallback.title if fallback else "")
    return ClauseRef(entry.id, number, title)


def _added(entry: Entry) -> ClauseChange:
    blocks = diff_blocks((), entry.blocks)
    return ClauseChange(
        None,
        _ref(entry),
        "added",
        blocks,
        entry.depth,
        title_spans=(Span("insert", entry.title),) if entry.title else (),
        action=entry.action,
        item=entry.item,
    )


def _deleted(entry: Entry) -> ClauseChange:
    blocks = diff_blocks(entry.blocks, ())
    return ClauseChange(
        _ref(entry),
        None,
        "deleted",
        blocks,
        entry.depth,
        title_spans=(Span("delete", entry.title),) if entry.title else (),
        # A clause a proposal deletes: the delete is the new side's action.
        action="delete" if entry.action == "delete" else None,
        old_action=None if entry.action == "delete" else entry.action,
        item=entry.item,
    )


def _matched(old: Entry, new: Entry, moved: bool) -> ClauseChange:
    if old.digest == new.digest and old.blocks == new.blocks:
        blocks = tuple(unchanged(block) for block in new.blocks)
        body_changed = False
    else:
        blocks = diff_blocks(old.blocks, new.blocks)
        body_changed = any(b.status != "equal" for b in blocks)
    before, after = _ref(old, new), _ref(new, old)
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
