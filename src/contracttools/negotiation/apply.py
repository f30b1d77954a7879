"""Positions applied to an agreement: a proposal's text, a party's draft, a baseline.

Every action is resolved to language first (see `positions`); applying is then the same
for all of them: a clause with language takes it (and any number, title and place the
position gives), a clause with none is struck, a new clause goes where it is placed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from contracttools.model import Agreement, Clause, ClauseMark, Item, Negotiation, Proposal
from contracttools.negotiation.moments import before, through
from contracttools.negotiation.positions import (
    Position,
    _other,
    party_positions,
    positions,
    resolve,
)

Marked = tuple[Agreement, dict[str, ClauseMark]]
"""An agreement and, by clause id, what the passes applied did to each clause."""


class Change(Protocol):
    """What can be applied to a clause: a position, or a TA's agreed language."""

    @property
    def clause(self) -> str: ...
    @property
    def language(self) -> str | None: ...
    @property
    def number(self) -> str | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def after(self) -> str | None: ...
    @property
    def parent(self) -> str | None: ...
    @property
    def item(self) -> Item | None: ...


@dataclass
class _Node:
    clause: Clause
    children: list[_Node] = field(default_factory=list)

    @classmethod
    def of(cls, clause: Clause) -> _Node:
        return cls(clause, [cls.of(c) for c in clause.clauses])

    def build(self) -> Clause:
        return replace(self.clause, clauses=tuple(c.build() for c in self.children))


class _Tree:
    """An agreement's clauses, editable in place."""

    def __init__(self, agreement: Agreement) -> None:
        self.roots = [_Node.of(c) for c in agreement.clauses]
        self.index: dict[str, tuple[_Node, list[_Node]]] = {}
        self._register(self.roots)

    def _register(self, siblings: list[_Node]) -> None:
        for node in siblings:
            self.index[node.clause.id] = (node, siblings)
            self._register(node.children)

    def _forget(self, node: _Node) -> None:
        self.index.pop(node.clause.id, None)
        for child in node.children:
            self._forget(child)

    def remove(self, clause: str) -> _Node | None:
        found = self.index.get(clause)
        if found is None:
            return None
        node, siblings = found
        siblings.remove(node)
        self._forget(node)
        return node

    def place(self, node: _Node, after: str | None, parent: str | None) -> None:
        if after and after in self.index:
            anchor, siblings = self.index[after]
            siblings.insert(siblings.index(anchor) + 1, node)
        elif parent and parent in self.index:
            siblings = self.index[parent][0].children
            siblings.append(node)
        else:
            siblings = self.roots
            siblings.append(node)
        self.index[node.clause.id] = (node, siblings)
        self._register(node.children)

    def apply(self, position: Change) -> None:
        found = self.index.get(position.clause)
        if position.language is None:
            self.remove(position.clause)
            return
        if found is None:
            clause = Clause(
                position.clause,
                position.number or "",
                position.title or "",
                position.language,
                at=position.item.at if position.item else None,
            )
            self.place(_Node(clause), position.after, position.parent)
            return
        node, _ = found
        node.clause = replace(
            node.clause,
            text=position.language,
            number=position.number or node.clause.number,
            title=position.title or node.clause.title,
        )
        anchor = position.after or position.parent
        if anchor and anchor in self.index and anchor != position.clause:
            # Moved where the position places it; where its anchor is gone (struck by a
            # later change), the clause stays where it stands.
            moved = self.remove(position.clause)
            assert moved is not None
            self.place(moved, position.after, position.parent)

    def agreement(self, like: Agreement) -> Agreement:
        return replace(like, clauses=tuple(n.build() for n in self.roots))


def applied(base: Agreement, changes: Iterable[Change]) -> Agreement:
    """Return `base` with each change applied in turn."""
    tree = _Tree(base)
    for change in changes:
        tree.apply(change)
    return tree.agreement(base)


def apply_positions(
    base: Agreement, stands: Iterable[Position], carried_from: Proposal | None = None
) -> Marked:
    """Return `base` with each position applied in turn, and each clause's mark.

    A position taken in a pass other than `carried_from` is marked as carried forward.
    """
    stands = list(stands)
    marks = {
        p.clause: ClauseMark(
            p.action,
            p.item,
            carried_from is not None and p.proposal is not carried_from,
            p.number or "",
            p.title or "",
            p.after,
            p.parent,
        )
        for p in stands
    }
    return applied(base, stands), marks


def proposal_positions(
    proposal: Proposal, negotiation: Negotiation | None = None
) -> list[Position]:
    """Return the positions a proposal's items take, accepts resolved against the other
    party's positions just before it was passed."""
    agreement = negotiation.agreement if negotiation is not None else proposal.base
    assert agreement is not None, "a loaded proposal carries its agreement"
    theirs: dict[str, Position] = {}
    other = _other(negotiation, proposal.party)
    if negotiation is not None and other is not None:
        theirs = party_positions(negotiation, other, before(negotiation, proposal))
    return [resolve(item, proposal, agreement, theirs.get(item.clause)) for item in proposal.items]


def apply(
    proposal: Proposal, negotiation: Negotiation | None = None, base: Agreement | None = None
) -> Marked:
    """Return `base` (by default the agreement the proposal amends) with the proposal's
    items applied, every action resolved to language, and each item's mark."""
    agreement = base or (negotiation.agreement if negotiation is not None else proposal.base)
    assert agreement is not None, "a loaded proposal carries its agreement"
    return apply_positions(agreement, proposal_positions(proposal, negotiation))


def draft(proposal: Proposal, negotiation: Negotiation | None = None) -> Marked:
    """Return the whole agreement as the proposing party would have it once `proposal`
    was passed: every position it holds then, the ones from earlier passes marked as
    carried forward."""
    listed = (
        next((p for p in negotiation.proposals if p == proposal), None) if negotiation else None
    )
    if negotiation is None or listed is None:
        return apply(proposal, negotiation)
    stands = positions(negotiation, through(negotiation, listed))
    mine = [s[listed.party] for s in stands.values() if listed.party in s]
    mine.sort(key=lambda p: p.proposal.passed_at)
    return apply_positions(negotiation.agreement, mine, carried_from=listed)
