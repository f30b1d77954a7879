"""Word (.docx) documents read as paragraphs and tables, both as they were and as changed.

python-docx's own object model stops short of what an import needs (the numbers Word
shows, tracked changes, field results), so the parts are read with lxml directly.
"""

from __future__ import annotations

from collections.abc import Callable

from contracttools.errors import InputProblem
from contracttools.readers.source import Note, Source
from contracttools.readers.word.document import read_body
from contracttools.readers.word.numbering import Numbering
from contracttools.readers.word.package import W, open_package
from contracttools.readers.word.runs import TooDeep
from contracttools.readers.word.styles import Styles

MARKS = ("tracked", "underline-strike")


def read_word(
    path: str,
    marks: str = "tracked",
    progress: Callable[[int], Callable[[int], object]] | None = None,
) -> Source:
    """Read a .docx: its paragraphs and tables in both readings, and what was uncertain.

    `progress`, when given, is called once with how many blocks the body has; the
    function it returns is called with 1 for each block read.
    """
    package = open_package(path)
    styles = Styles(package.styles)
    numbering = Numbering(package.numbering, styles)
    notes: list[Note] = []
    body = package.document.find(f"{W}body")
    page = package.document.find(f"{W}background")
    colour = (page.get(f"{W}color") or "auto").upper() if page is not None else "AUTO"
    background = "FFFFFF" if colour == "AUTO" else colour
    try:
        original, changed, changes, title = read_body(
            body, styles, numbering, marks, notes, progress, background, package.footnotes,
            package.endnotes,
        )  # fmt: skip
    except TooDeep as err:
        raise InputProblem(path, str(err)) from None
    if not original and not changed:
        raise InputProblem(path, "the document has no text")
    if changes.skipped:
        notes.append(
            Note("document", "left out the table of contents and page numbers (field results)")
        )
    return Source(
        path,
        tuple(original),
        tuple(changed),
        tuple(notes),
        title or package.title,
        changes.count,
        tuple(changes.authors),
        package.properties,
    )


__all__ = ["MARKS", "read_word"]
