"""Readers turn files into the model of `contracttools.model`."""

from contracttools.readers.files import (
    Loaded,
    find_negotiation,
    load,
    load_agreement,
    load_in_context,
    load_negotiation,
    load_proposal,
    reading,
    sources,
)

__all__ = [
    "Loaded",
    "find_negotiation",
    "load",
    "load_agreement",
    "load_in_context",
    "load_negotiation",
    "load_proposal",
    "reading",
    "sources",
]
