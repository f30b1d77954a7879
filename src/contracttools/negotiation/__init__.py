"""What proposals mean: positions, a proposal applied, the conformed agreement, and the
checks that span files.  Pure: the model in, the model out; no files, no clock.

The rules are stated once, in docs/negotiation.md; every output that speaks of a side's
latest word reads them from here.
"""

from contracttools.negotiation.apply import (
    applied,
    apply,
    apply_positions,
    draft,
    proposal_positions,
)
from contracttools.negotiation.conform import Agreed, Conformed, agreed_language, conform
from contracttools.negotiation.moments import Moment, moment
from contracttools.negotiation.positions import (
    STATUSES,
    Position,
    Standing,
    history,
    party_positions,
    positions,
    standings,
    status,
)
from contracttools.negotiation.validate import validate

__all__ = [
    "STATUSES",
    "Agreed",
    "Conformed",
    "Moment",
    "Position",
    "Standing",
    "agreed_language",
    "applied",
    "apply",
    "apply_positions",
    "conform",
    "draft",
    "history",
    "moment",
    "party_positions",
    "positions",
    "proposal_positions",
    "standings",
    "status",
    "validate",
]
