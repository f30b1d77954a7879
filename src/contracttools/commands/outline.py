"""`contracttools outline FILE`: the skeleton of an agreement (numbers, titles, depth,
counts), from a contract file or from a document imported in memory."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from contracttools.model import Agreement
    from contracttools.readers.source import Source

YAML = (".yaml", ".yml")


@click.command()
@click.argument("file", type=click.Path())
@click.option(
    "--depth",
    type=click.IntRange(min=1),
    help="Show only this many levels (1: the articles); the counts stay whole.",
)
@click.option(
    "--pages",
    "page_range",
    metavar="FIRST-LAST",
    help="A PDF: outline only these pages (5-62, or 5 for one page).",
)
def command(file: str, depth: int | None, page_range: str | None) -> None:
    """Show the tree of clause numbers and titles of an agreement, with each clause's depth
    and how many clauses it holds, then the totals.

    FILE is an agreement, a proposal (the agreement as it would make it) or a negotiation
    (its agreement with every TA applied), or a .docx, .pdf, .txt or .md document, imported
    in memory as `import` would (its report on stderr; nothing is written).
    """
    from contracttools.commands.import_ import READABLE
    from contracttools.commands.reading import page_range as read_pages
    from contracttools.documents.outline import lines, outline
    from contracttools.errors import InputProblem

    extension = os.path.splitext(file)[1].lower()
    pages = read_pages(page_range)
    if pages is not None and extension != ".pdf":
        raise click.UsageError("--pages reads PDF files only")
    if extension in READABLE:
        if not os.path.exists(file):
            raise InputProblem(file, "no such file")
        heading, agreement = _imported(file, extension, pages)
    elif extension in YAML or os.path.isdir(file):
        heading, agreement = _loaded(file)
    else:
        raise click.UsageError(
            f"{file}: outline reads agreement, proposal and negotiation files (.yaml) and "
            ".docx, .pdf, .txt and .md documents"
        )
    click.echo(heading)
    for line in lines(outline(agreement), depth):
        click.echo(line)


def _loaded(file: str) -> tuple[str, Agreement]:
    """Return what a contract file outlines, and a line saying what it is."""
    from contracttools.loading import load_in_context
    from contracttools.model import Agreement, Negotiation
    from contracttools.negotiation import apply, conform

    loaded, negotiation = load_in_context(file)
    if isinstance(loaded, Agreement):
        return f"{file}: {loaded.title}", loaded
    if isinstance(loaded, Negotiation):
        agreement = conform(loaded).agreement
        return f"{file}: {agreement.title}, every tentative agreement applied", agreement
    agreement = apply(loaded, negotiation)[0]
    return f"{file}: {agreement.title}, as {loaded.label} would make it", agreement


def _imported(file: str, extension: str, pages: tuple[int, int] | None) -> tuple[str, Agreement]:
    """Return the agreement a document imports as, its import report on stderr."""
    from contracttools.commands.reading import read_document, report
    from contracttools.importing import import_agreement
    from contracttools.model import Agreement

    source = _with_changes(read_document(file, extension, "tracked", pages, False))
    imported = import_agreement(source, os.path.splitext(os.path.basename(file))[0])
    assert isinstance(imported.document, Agreement)
    report(file, imported.document, imported.notes, None)
    return f"{file}: {imported.document.title}", imported.document


def _with_changes(source: Source) -> Source:
    """Return a source whose tracked changes are outlined made, saying so in its report."""
    from dataclasses import replace

    from contracttools.readers.source import Note

    if not source.changes:
        return source
    count = f"{source.changes} tracked change{'s' if source.changes != 1 else ''}"
    note = Note("document", f"has {count}: outlined with every change made")
    return replace(source, notes=(note, *source.notes))
