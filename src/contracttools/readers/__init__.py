"""Readers turn files into the model of `contracttools.model`; they only parse.

How the files fit together is checked by `contracttools.loading`, which every command
loads through.
"""

from contracttools.readers.agreements import load_agreement
from contracttools.readers.files import Loaded, find_negotiation, reading, sources
from contracttools.readers.negotiations import read_negotiation
from contracttools.readers.proposals import read_proposal

__all__ = [
    "Loaded",
    "find_negotiation",
    "load_agreement",
    "read_negotiation",
    "read_proposal",
    "reading",
    "sources",
]
