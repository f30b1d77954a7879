"""How a document is written: one set of options for every writer.

Each writer reads the fields that concern it and ignores the others; a command fills in
what its flags say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Options:
    """How a document is written; each writer reads the fields that concern it."""

    paper: str = "letter"
    """PDF, HTML, XLSX print setup: "letter" or "a4"."""
    templates: Path | None = None
    """A folder of templates that override the shipped ones."""
    every: bool = False
    """Every clause, not only the changed ones."""
    tracked: bool = True
    """Word: real tracked changes, not marks as formatting."""
    color: bool = False
    """Terminal: colour the marks."""
    stat: bool = False
    """Terminal: a line per clause with words inserted and deleted, not the redline."""
    author: str = ""
    """Who made the changes (Word revisions, document properties)."""
    when: datetime | None = None
    """When the changes were made (Word revisions, document properties)."""
    brackets: bool = False
    """PDF, HTML, visual Word: print the [+ +] and [- -] cues, not only underline and
    strikethrough."""
    old_order: tuple[tuple[str, int], ...] = ()
    """PDF, HTML, Word: the old document's clause ids and depths in reading order, for a
    full blackline's order (redline/blackline.py); none, the redline's own order."""
    paged: bool = False
    """HTML: laid out on paper (the PDF writers' page): each wide table is fitted to the
    page (writers/fit.py); on a screen a table prints as it is."""
    index: str = ""
    """HTML packet: the href of the page it belongs to (the bargaining book's chart), linked
    back to; empty for a page that stands alone."""


PLAIN = Options()
"""The defaults: letter paper, the shipped templates, only changed clauses."""
