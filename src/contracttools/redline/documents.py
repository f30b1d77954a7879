"""Turn an agreement into the clause entries the aligner compares.

What a proposal means (its items applied, accepts resolved, positions carried forward)
is worked out by `contracttools.negotiation`; the engine compares the agreements that
come out of it, with each clause's mark (the action that shaped it) for the labels.
"""

from __future__ import annotations

from collections.abc import Mapping

from contracttools.model import Agreement, Clause, ClauseMark
from contracttools.redline.align import Entry


def agreement_entries(
    agreement: Agreement, marks: Mapping[str, ClauseMark] | None = None
) -> list[Entry]:
    """Return an agreement's clauses in reading order, each with its mark."""
    return _flatten(agreement.clauses, marks or {})


def _flatten(
    clauses: tuple[Clause, ...],
    marks: Mapping[str, ClauseMark],
    depth: int = 0,
    parent: str | None = None,
) -> list[Entry]:
    out: list[Entry] = []
    for clause in clauses:
        mark = marks.get(clause.id)
        out.append(
            Entry(
                id=clause.id,
                number=clause.number,
                title=clause.title,
                text=clause.text,
                blocks=clause.blocks,
                depth=depth,
                parent=parent,
                action=mark.action if mark else None,
                item=mark.item if mark else None,
                carried=mark.carried if mark else False,
            )
        )
        out.extend(_flatten(clause.clauses, marks, depth + 1, clause.id))
    return out
