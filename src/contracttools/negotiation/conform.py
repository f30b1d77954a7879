"""The conformed agreement: the base with every tentative agreement applied.

The agreed language of a TA is, in this order: the TA's own `text` (a compromise of its
own); the item of the proposal it names (`party` and `proposal`), resolved as that pass
resolved it (an accept is the language accepted); `party`'s position on the day of the
TA.  A TA that names none of these agrees nothing and is reported by `validate`.
"""

from __future__ import annotations

from dataclasses import dataclass

from contracttools.model import (
    Agreement,
    ClauseMark,
    Item,
    Negotiation,
    Proposal,
    TentativeAgreement,
)
from contracttools.negotiation.apply import applied
from contracttools.negotiation.moments import Moment, moment
from contracttools.negotiation.positions import Position, Standing, history, standings


@dataclass(frozen=True)
class Agreed:
    """A TA and the language it agreed."""

    ta: TentativeAgreement
    language: str | None
    """The clause's agreed text; None: the clause is struck (or not added)."""
    number: str | None
    title: str | None
    after: str | None
    parent: str | None
    source: Proposal | None
    """The pass whose language was agreed; None where the TA has language of its own."""
    action: str
    """What the agreed language does: amend, add, delete or status-quo."""

    @property
    def clause(self) -> str:
        return self.ta.clause

    @property
    def item(self) -> Item | None:
        return None

    @property
    def whose(self) -> str | None:
        """Return the key of the party whose language was agreed, or None for the TA's own."""
        return self.source.party if self.source is not None else None


@dataclass(frozen=True)
class Conformed:
    """The conformed agreement, what each TA agreed, and what is still open."""

    agreement: Agreement
    marks: dict[str, ClauseMark]
    agreed: tuple[Agreed, ...]
    open: tuple[Standing, ...]
    """Clauses still on the table (open or rejected, with no TA): not applied."""


def agreed_language(
    negotiation: Negotiation, ta: TentativeAgreement, taken: list[Position] | None = None
) -> Agreed | None:
    """Return the language a TA agreed, or None where it names none."""
    agreement = negotiation.agreement
    current = agreement.by_id.get(ta.clause)
    taken = taken if taken is not None else list(history(negotiation))
    on_clause = [p for p in taken if p.clause == ta.clause]
    named: Position | None = None
    if ta.party is not None and ta.proposal is not None:
        named = next(
            (
                p
                for p in on_clause
                if p.party == ta.party and p.proposal.number == ta.proposal and p.item is not None
            ),
            None,
        )
    elif ta.party is not None:
        for p in on_clause:
            if p.party == ta.party and p.proposal.passed_at.date() <= ta.date:
                named = p
    if ta.text is not None:
        shaped = named or next((p for p in reversed(on_clause) if p.number or p.after), None)
        return Agreed(
            ta,
            ta.text,
            ta.number or (shaped.number if shaped else None),
            ta.title or (shaped.title if shaped else None),
            ta.after or (shaped.after if shaped else None),
            ta.parent or (shaped.parent if shaped else None),
            None,
            "amend" if current is not None else "add",
        )
    if named is None:
        return None
    if named.language is None:
        action = "delete"
    elif current is not None and named.language == current.text and not named.number:
        action = "status-quo"
    else:
        action = "amend" if current is not None else "add"
    return Agreed(
        ta,
        named.language,
        ta.number or named.number,
        ta.title or named.title,
        ta.after or named.after,
        ta.parent or named.parent,
        named.source or named.proposal,
        action,
    )


def conform(negotiation: Negotiation, at: Moment | None = None) -> Conformed:
    """Return the base agreement with every TA signed by `at` applied, in the order signed."""
    at = at or moment(negotiation)
    taken = list(history(negotiation, at))
    agreed = [
        found
        for ta in sorted(at.tentative_agreements, key=lambda t: t.date)
        if (found := agreed_language(negotiation, ta, taken)) is not None
    ]
    conformed = applied(negotiation.agreement, agreed)
    marks = {a.clause: ClauseMark(a.action) for a in agreed}
    still_open = tuple(s for s in standings(negotiation, at) if s.status in ("open", "rejected"))
    return Conformed(conformed, marks, tuple(agreed), still_open)
