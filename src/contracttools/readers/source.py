"""What a document reader hands on: paragraphs and tables in reading order, before clauses.

Word, PDF and plain-text readers all produce this one shape; `contracttools.importing`
finds the clauses in it.  A document with changes in it (tracked changes, or hand-typed
underline and strikethrough) is read twice: as it was (`original`) and as it is with every
change made (`changed`).  A piece keeps `source`, its place in the document, so that the
two readings can be laid side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from contracttools.readers.contents import Contents


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
    contents: Contents | None = None
    """The printed table of contents taken out of the text (PDF and plain text), if any."""
