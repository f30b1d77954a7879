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
    old_order: tuple[str, ...] = ()
    """Word: the old document's clause ids in reading order, where a full blackline shows a
    moved clause's deletion."""
    index: str = ""
    """HTML packet: the href of the page it belongs to (the bargaining book's chart), linked
    back to; empty for a page that stands alone."""


PLAIN = Options()
"""The defaults: letter paper, the shipped templates, only changed clauses."""
