"""Readers turn files into the model of `contracttools.model`; they only parse.

How the files fit together is checked by `contracttools.loading`, which every command
loads through.
"""

from contracttools.readers.files import (
    Loaded,
    find_negotiation,
    load_agreement,
    read_negotiation,
    read_proposal,
    reading,
    sources,
)

__all__ = [
    "Loaded",
    "find_negotiation",
    "load_agreement",
    "read_negotiation",
    "read_proposal",
    "reading",
    "sources",
]
