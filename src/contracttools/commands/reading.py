"""Reading a document for `import` and `outline`: the pages asked for, the document read,
and the import's report on stderr."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from contextlib import ExitStack
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from contracttools.model import Agreement, Proposal
    from contracttools.readers.source import Note, Source

PROGRESS_FROM = 2000
"""Paragraphs and tables from which reading a Word file shows a progress bar (on a terminal)."""
SHOWN_NOTES = 25
"""How many uncertain points the report lists before it counts the rest."""


def page_range(given: str | None) -> tuple[int, int] | None:
    """Return the pages --pages names (first, last), or None when not given."""
    if given is None:
        return None
    found = re.fullmatch(r"\s*(\d+)\s*(?:[-\u2013]\s*(\d+)\s*)?", given)
    if found is None or int(found.group(1)) < 1:
        raise click.UsageError(f"--pages {given}: give pages as FIRST-LAST, e.g. 5-62")
    first, last = int(found.group(1)), int(found.group(2) or found.group(1))
    if last < first:
        raise click.UsageError(f"--pages {given}: the last page comes before the first")
    return first, last


def read_document(
    file: str, extension: str, marks: str, pages: tuple[int, int] | None, ocr: bool
) -> Source:
    """Return a document read as `import` reads it (a bar on a terminal for a long Word file)."""
    from contracttools.readers.source import check_input

    check_input(file)
    if extension == ".pdf":
        from contracttools.readers.pdf import read_pdf

        return read_pdf(file, pages, ocr)
    if extension != ".docx":
        from contracttools.readers.plain import read_text_file

        return read_text_file(file)
    from contracttools.readers.word import read_word

    if not sys.stderr.isatty():
        return read_word(file, marks)
    with ExitStack() as stack:

        def bar(total: int) -> Callable[[int], object]:
            if total < PROGRESS_FROM:
                return lambda _: None
            shown = click.progressbar(
                length=total, label=f"Reading {os.path.basename(file)}", file=sys.stderr
            )
            return stack.enter_context(shown).update

        return read_word(file, marks, bar)


def report(
    file: str,
    document: Agreement | Proposal,
    notes: tuple[Note, ...],
    output: str | None,
    all_notes: bool = False,
) -> None:
    """Write on stderr what an import made and what it was unsure of."""
    from contracttools.importing.summary import summary_line
    from contracttools.model import Agreement
    from contracttools.readers.hyphens import JOINED

    if isinstance(document, Agreement):
        what = f"{len(document.by_id)} clauses ({len(document.clauses)} at the top level)"
    else:
        counts: dict[str, int] = {}
        for item in document.items:
            counts[item.action] = counts.get(item.action, 0) + 1
        what = (
            f"{len(document.items)} items ("
            + ", ".join(f"{n} {a}" for a, n in counts.items())
            + ")"
        )
    click.echo(f"imported {file}: {what}" + (f" -> {output}" if output else ""), err=True)
    joins = [n for n in notes if n.message.startswith(JOINED)]
    shown = list(notes) if all_notes else [n for n in notes if not n.message.startswith(JOINED)]
    limit = len(shown) if all_notes else SHOWN_NOTES
    for note in shown[:limit]:
        click.echo(f"{file}: {note.where}: {note.message}", err=True)
    if len(shown) > limit:
        click.echo(f"{file}: ... and {len(shown) - limit} more uncertain points", err=True)
    if joins and not all_notes:
        first = joins[0]
        click.echo(
            f"{file}: {len(joins)} words joined at a line-end hyphen (first: {first.where}: "
            f"{first.message}); --all-notes lists each",
            err=True,
        )
    if isinstance(document, Agreement):
        click.echo(f"{file}: {summary_line(document, notes)}", err=True)
