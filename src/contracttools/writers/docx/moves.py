"""A full blackline's order: a moved clause deleted where it was and inserted where it goes.

Accepting every revision then gives the new document in its order, rejecting every
revision the old document in its order.  Clauses deleted outright go back where they
stood in the old document, after the clause that preceded them there.
"""

from __future__ import annotations

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


def blackline(clauses: tuple[ClauseChange, ...], old_order: tuple[str, ...]) -> list[ClauseChange]:
    """Return every clause in blackline order, a moved one as a deletion and an insertion."""
    if not old_order or not any(c.moved for c in clauses):
        return list(clauses)
    moving = _moving(clauses)
    placed = [
        whole(c, "insert") if id(c) in moving else c for c in clauses if c.status != "deleted"
    ]
    old_slot: dict[str, ClauseChange] = {
        c.old.id: c for c in placed if c.old is not None and c.status != "added"
    }
    waiting = {c.old.id: c for c in clauses if c.old is not None and c.status == "deleted"}
    waiting |= {
        c.old.id: whole(c, "delete") for c in clauses if id(c) in moving and c.old is not None
    }
    previous: ClauseChange | None = None
    for clause_id in old_order:
        if clause_id in waiting:
            slot = waiting.pop(clause_id)
            index = 0 if previous is None else _index(placed, previous) + 1
            placed.insert(index, slot)
            previous = slot
        elif clause_id in old_slot:
            previous = old_slot[clause_id]
    return placed + list(waiting.values())


def _moving(clauses: tuple[ClauseChange, ...]) -> set[int]:
    """Return (by object id) the clauses written twice: each moved clause and every clause
    under it in the new document, which moves with it (its subclauses are not marked moved,
    their parent being the same, yet they leave the old place too)."""
    moving: set[int] = set()
    under: int | None = None  # the depth of the moved clause being walked, if any
    for clause in clauses:
        if clause.status == "deleted":
            continue  # written where it stood in the old document anyway
        if under is not None and clause.depth <= under:
            under = None
        if clause.old is None:
            continue  # added: written once, where it goes
        if clause.moved and under is None:
            under = clause.depth
        if under is not None:
            moving.add(id(clause))
    return moving


def _index(clauses: list[ClauseChange], clause: ClauseChange) -> int:
    return next(n for n, c in enumerate(clauses) if c is clause)
