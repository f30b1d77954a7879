"""Passes that are allowed but worth a second look: they are reported, they stop nothing.

- an item on a clause already tentatively agreed, in a pass after the TA: it re-opens a
  closed clause (the TA still stands in every output until both sides replace it);
- a counter (amend, accept, reject) to a clause whose other side's latest word is a
  withdrawal: there is nothing left on the table to answer.

Each is a `Problem` (path:line:column where the item is) of the item's proposal file.
Pure: the negotiation in, the cautions out.
"""

from __future__ import annotations

from contracttools.model import Negotiation
from contracttools.negotiation.positions import Position, history
from contracttools.problems import Location, Problem

COUNTERS = ("amend", "accept", "reject")
"""Actions that answer the other side's language."""


def cautions(negotiation: Negotiation) -> list[Problem]:
    """Return what deserves a second look in how the passes follow each other."""
    found: list[Problem] = []
    agreed = {ta.clause: ta for ta in negotiation.tentative_agreements}
    latest: dict[tuple[str, str], Position] = {}
    for position in history(negotiation):
        item, proposal = position.item, position.proposal
        if item is not None:
            where = item.spots.get("clause") or item.at or Location(proposal.path)
            name = _name(negotiation, position)
            ta = agreed.get(position.clause)
            if ta is not None and proposal.passed_at.date() > ta.date:
                found.append(
                    Problem(
                        where,
                        f"item '{item.clause}': {proposal.label} re-proposes {name}, "
                        f"tentatively agreed on {ta.date.isoformat()} (the TA still stands)",
                    )
                )
            other = next((k for k in negotiation.parties if k != position.party), None)
            theirs = latest.get((other or "", position.clause))
            if theirs is not None and theirs.action == "withdraw" and item.action in COUNTERS:
                found.append(
                    Problem(
                        where,
                        f"item '{item.clause}': {proposal.label} answers ({item.action}) "
                        f"{name}, which {theirs.label} withdrew",
                    )
                )
        latest[(position.party, position.clause)] = position
    return found


def _name(negotiation: Negotiation, position: Position) -> str:
    clause = negotiation.agreement.by_id.get(position.clause)
    if clause is not None:
        return " ".join(p for p in (clause.number, clause.title) if p) or clause.id
    return " ".join(p for p in (position.number or "", position.title or "") if p) or (
        position.clause
    )


__all__ = ["cautions"]
