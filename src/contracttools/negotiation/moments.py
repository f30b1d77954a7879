"""A point in the negotiation: what had been passed and agreed by then."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from contracttools.model import Negotiation, Proposal, TentativeAgreement


@dataclass(frozen=True)
class Moment:
    """The passes and TAs that count at a point in time, and that day."""

    proposals: tuple[Proposal, ...]
    tentative_agreements: tuple[TentativeAgreement, ...]
    day: date


def moment(negotiation: Negotiation, until: datetime | date | None = None) -> Moment:
    """Return the negotiation as it stood at `until` (a date includes that whole day).

    With no `until`, everything counts and the day is that of the latest pass or TA.
    """
    if until is None:
        proposals = negotiation.proposals
        days = [p.passed_at.date() for p in proposals]
        days += [t.date for t in negotiation.tentative_agreements]
        day = max(days, default=negotiation.agreement.effective or date(1970, 1, 1))
        return Moment(proposals, negotiation.tentative_agreements, day)
    if isinstance(until, datetime):
        proposals = tuple(p for p in negotiation.proposals if p.passed_at <= until)
        day = until.date()
    else:
        proposals = tuple(p for p in negotiation.proposals if p.passed_at.date() <= until)
        day = until
    tas = tuple(t for t in negotiation.tentative_agreements if t.date <= day)
    return Moment(proposals, tas, day)


def before(negotiation: Negotiation, proposal: Proposal) -> Moment:
    """Return the moment just before `proposal` was passed: the passes listed before it."""
    listed = negotiation.proposals
    index = next((n for n, p in enumerate(listed) if p is proposal or p == proposal), len(listed))
    earlier = listed[:index]
    tas = tuple(t for t in negotiation.tentative_agreements if t.date < proposal.passed_at.date())
    return Moment(earlier, tas, proposal.passed_at.date())


def through(negotiation: Negotiation, proposal: Proposal) -> Moment:
    """Return the moment just after `proposal` was passed: it and the passes before it."""
    listed = negotiation.proposals
    index = next((n for n, p in enumerate(listed) if p is proposal or p == proposal), None)
    upto = listed[: index + 1] if index is not None else (*listed, proposal)
    tas = tuple(t for t in negotiation.tentative_agreements if t.date <= proposal.passed_at.date())
    return Moment(upto, tas, proposal.passed_at.date())
