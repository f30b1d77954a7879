"""contracttools: redlines, proposal packets, member summaries and clause-level diffs
for collective bargaining."""

from contracttools.model import (
    ACTIONS,
    Agreement,
    Clause,
    Item,
    Negotiation,
    Party,
    Proposal,
    TentativeAgreement,
    Valuation,
)
from contracttools.problems import ContractFileError, Location, Problem

__version__ = "0.1.0"

__all__ = [
    "ACTIONS",
    "Agreement",
    "Clause",
    "ContractFileError",
    "Item",
    "Location",
    "Negotiation",
    "Party",
    "Problem",
    "Proposal",
    "TentativeAgreement",
    "Valuation",
    "__version__",
]
