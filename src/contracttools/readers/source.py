"""What a document reader hands on: paragraphs and tables in reading order, before clauses.

Word, PDF and plain-text readers all produce this one shape; `contracttools.importing`
finds the clauses in it.  A document with changes in it (tracked changes, or hand-typed
underline and strikethrough) is read twice: as it was (`original`) and as it is with every
change made (`changed`).  A piece keeps `source`, its place in the document, so that the
two readings can be laid side by side.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field

from contracttools.errors import InputProblem
from contracttools.readers.contents import Contents

MAX_INPUT = 64 * 1024 * 1024
"""The largest document read by import (a 2,000-page agreement is about 10 MB as .docx)."""


def special(mode: int) -> str | None:
    """Return what a path that is not a regular file is ("a folder", "a FIFO (named pipe)"),
    or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_input(path: str, limit: int = MAX_INPUT) -> None:
    """Refuse a document that is not a regular file of at most `limit` bytes, saying what
    it is instead (a FIFO would block the read, a device would never end)."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputProblem(path, "no such file") from None
    except OSError as err:
        raise InputProblem(path, f"cannot read: {err.strerror}") from None
    try:
        info = os.fstat(handle)
    finally:
        os.close(handle)
    what = special(info.st_mode)
    if what is not None:
        raise InputProblem(path, f"is {what}, not a file; give a document file")
    if info.st_size > limit:
        raise InputProblem(
            path, f"is larger than {limit // 2**20} MB; this is not a contract document"
        )


@dataclass(frozen=True)
class Piece:
    """A paragraph or a table as read, before clauses are found."""

    where: str
    """Where it is in the source, for a person: "paragraph 12", "page 3"."""
    source: int
    """Its place in the source document; the same paragraph has the same one in both readings."""
    text: str = ""
    """The paragraph's text, without the number the word processor shows."""
    label: str = ""
    """The number the word processor shows ("1.2(a)"), computed as it does; "" if none."""
    level: int | None = None
    """Outline level (0 for the top) from a heading style or an outline level."""
    list_level: int | None = None
    """The numbering level, for a paragraph the word processor numbers."""
    lead: str = ""
    """Leading bold text (a run-in heading), or the whole text when it is all bold."""
    emphasis: str = ""
    """How the whole paragraph is set apart: "bold", "underlined", or "" (plain or mixed)."""
    rows: tuple[tuple[str, ...], ...] | None = None
    """A table: its rows of cell texts, the header first."""
    header: int = 1
    """How many of the table's first rows were marked as its header (merged into one)."""

    @property
    def is_table(self) -> bool:
        return self.rows is not None


@dataclass(frozen=True)
class Note:
    """Something a reader was unsure of, with where it is."""

    where: str
    message: str


@dataclass(frozen=True)
class Source:
    """A document as read: both readings, what was uncertain, and who changed it."""

    path: str
    original: tuple[Piece, ...]
    changed: tuple[Piece, ...]
    notes: tuple[Note, ...] = ()
    title: str = ""
    """The document's title where it says one (Title style, document properties)."""
    changes: int = 0
    """How many changes (tracked or marked) were read."""
    authors: tuple[str, ...] = field(default=())
    """Who made the tracked changes."""
    properties: tuple[tuple[str, str], ...] = ()
    """Named texts the document carries (Word's custom document properties)."""
    contents: Contents | None = None
    """The printed table of contents taken out of the text (PDF and plain text), if any."""
