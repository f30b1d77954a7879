"""Compare two documents clause by clause: the engine's entry point.  Pure: no files."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from contracttools.body import parse_body
from contracttools.model import Agreement, Clause, ClauseMark, Proposal
from contracttools.redline.align import Entry, match_clauses, moved_clauses
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
from contracttools.redline.words import diff_words


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


def compare(
    old: Agreement,
    new: Agreement,
    old_marks: Mapping[str, ClauseMark] | None = None,
    new_marks: Mapping[str, ClauseMark] | None = None,
    old_side: Side | None = None,
    new_side: Side | None = None,
) -> Redline:
    """Return the redline that turns old into new.

    The marks say which action shaped each clause (from `contracttools.negotiation`),
    for the labels; a clause the new side deletes is labelled on the old side, where it
    still stands.
    """
    old_marks, new_marks = old_marks or {}, new_marks or {}
    struck = {k: m for k, m in new_marks.items() if m.action == "delete" and k not in new.by_id}
    old_entries = agreement_entries(old, {**old_marks, **struck})
    new_entries = agreement_entries(new, new_marks)
    # A reply to a clause neither text has (the other side's new clause, rejected) is
    # shown at the end, labelled, on both sides.
    for clause, mark in {**old_marks, **new_marks}.items():
        if clause in old.by_id or clause in new.by_id or clause in struck:
            continue
        for entries, marks in ((old_entries, old_marks), (new_entries, new_marks)):
            own = marks.get(clause)
            entries.append(
                Entry(
                    clause,
                    mark.number,
                    mark.title,
                    "",
                    (),
                    0,
                    None,
                    own.action if own else None,
                    own.item if own else None,
                    own.carried if own else False,
                )
            )
    return Redline(
        old_side or side(old),
        new_side or side(new),
        compare_entries(old_entries, new_entries),
    )


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
        carried=entry.carried,
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
        carried=new.carried,
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
