"""The one order of a full blackline, for every writer: diff, packet and conform --redline,
in PDF, HTML and Word.

The new document's order, every clause struck right where it stood in the old one, and a
clause out of the old order (moved, or carried along by a moved clause) split into its
deletion there and its insertion where it now stands.  Read without the insertions it is
the old document in order; without the deletions, the new one.  Pure: changes in,
changes out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Literal

from contracttools.redline.model import (
    BlockChange,
    CellChange,
    ClauseChange,
    RowChange,
    Span,
    TableChange,
)
from contracttools.redline.moves import longest_increasing


def whole(clause: ClauseChange, op: str) -> ClauseChange:
    """Return one side of a clause as wholly inserted ("insert") or deleted ("delete")."""
    inserted = op == "insert"
    ref = clause.new if inserted else clause.old
    assert ref is not None
    blocks = tuple(b for b in (_block(block, inserted) for block in clause.blocks) if b)
    return replace(
        clause,
        old=None if inserted else ref,
        new=ref if inserted else None,
        status="added" if inserted else "deleted",
        blocks=blocks,
        moved=False,
        renumbered=False,
        retitled=False,
        title_spans=(Span(op, ref.title),) if ref.title else (),  # type: ignore[arg-type]
    )


def _spans(spans: tuple[Span, ...], inserted: bool) -> tuple[Span, ...]:
    gone, op = ("delete", "insert") if inserted else ("insert", "delete")
    out: list[Span] = []
    for span in (_span(s, op, inserted) for s in spans if s.op != gone and s.text):
        previous = out[-1] if out else None
        if previous is not None and _emphasis(previous) == _emphasis(span):
            # One span, so that no piece of white space stands alone in a revision.
            out[-1] = replace(previous, text=previous.text + span.text)
        else:
            out.append(span)
    return tuple(out)


def _emphasis(span: Span) -> object:
    return getattr(span, "emphasis", None)


def _span(span: Span, op: str, inserted: bool) -> Span:
    """Return one side of a span, whole: its own text, and its own side's emphasis where
    the span records a change of emphasis alone."""
    changes: dict[str, Any] = {"op": op}
    old_emphasis = getattr(span, "old_emphasis", None)
    if old_emphasis is not None:
        changes["old_emphasis"] = None
        if not inserted:
            changes["emphasis"] = old_emphasis
    return replace(span, **changes)


def _block(block: BlockChange, inserted: bool) -> BlockChange | None:
    status: Literal["inserted", "deleted"] = "inserted" if inserted else "deleted"
    gone = "deleted" if inserted else "inserted"
    if isinstance(block, TableChange):
        if block.status == gone:
            return None
        rows = tuple(
            RowChange(
                status,
                tuple(
                    CellChange(status, _spans(c.spans, inserted))
                    for c in row.cells
                    if c.status != gone
                ),
            )
            for row in block.rows
            if row.status != gone
        )
        return replace(block, status=status, rows=rows) if rows else None
    if block.status == gone:
        return None
    return replace(block, status=status, spans=_spans(block.spans, inserted))


def blackline_order(
    clauses: tuple[ClauseChange, ...], old_order: Sequence[tuple[str, int]]
) -> tuple[ClauseChange, ...]:
    """Return the changes in blackline order; `old_order` is the old document's clause ids
    and depths in reading order.

    A clause is split where the engine marks it moved, and wherever keeping it in place
    would put the old document out of order (a section carried along by its moved article,
    or however the engine paired the clauses).  Without `old_order` (the old side is no
    whole document) the changes are left as they are.
    """
    if not old_order:
        return clauses
    where = {clause_id: n for n, (clause_id, _) in enumerate(old_order)}
    paired = [
        n
        for n, c in enumerate(clauses)
        if c.status != "deleted" and c.old is not None and c.new is not None and c.old.id in where
    ]
    positions = [where[_old_id(clauses[n])] for n in paired]
    steady = {paired[k] for k in longest_increasing(positions)}
    struck: dict[str, ClauseChange] = {}
    out: list[ClauseChange] = []
    for n, change in enumerate(clauses):
        if change.status == "deleted" and change.old is not None and change.old.id in where:
            struck[change.old.id] = change
        elif (
            change.old is not None
            and change.new is not None
            and change.old.id in where
            and (change.moved or n not in steady)
        ):
            struck[change.old.id] = whole(change, "delete")
            out.append(whole(change, "insert"))
        else:
            out.append(change)
    # Each struck clause goes right after the clause that preceded it in the old order.
    kept = {c.old.id: n for n, c in enumerate(out) if c.old is not None}
    after: dict[int, list[ClauseChange]] = defaultdict(list)
    anchor = -1
    for clause_id, depth in old_order:
        if clause_id in struck:
            after[anchor].append(replace(struck.pop(clause_id), depth=depth))
        elif clause_id in kept:
            anchor = kept[clause_id]
    ordered = after[-1]
    for n, change in enumerate(out):
        ordered += [change, *after.get(n, ())]
    return (*ordered, *struck.values())


def _old_id(change: ClauseChange) -> str:
    assert change.old is not None
    return change.old.id
