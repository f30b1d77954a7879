"""`contracttools diff OLD NEW`: the clause-level redline of two documents."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING

import click

from contracttools.commands.common import (
    aware,
    color_option,
    format_option,
    marks_option,
    output_format,
    paper_option,
    redline_option,
    revision_stamp,
    templates_option,
    templates_path,
    use_color,
    write_document,
)
from contracttools.commands.progress import progress

if TYPE_CHECKING:
    from contracttools.redline.model import Redline


def comparable(path: str, loaded: object) -> None:
    """Refuse what diff cannot compare."""
    from contracttools.model import Agreement, Proposal

    if not isinstance(loaded, Agreement | Proposal):
        raise click.UsageError(f"{path}: diff compares agreements and proposals, not a negotiation")


def old_order(old: object, redline: Redline) -> tuple[str, ...]:
    """Return the old document's clause ids in reading order, where a clause moved.

    A Word blackline shows a moved clause deleted where it was and inserted where it goes.
    A proposal reads in the order of the agreement it amends.
    """
    from contracttools.model import Agreement, Proposal

    if not any(c.moved for c in redline.clauses):
        return ()
    document = old.base if isinstance(old, Proposal) else old
    if not isinstance(document, Agreement):
        return ()
    return tuple(clause.id for clause, _ in document.walk())


@click.command()
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", help="Write to this file; its extension picks the format.")
@format_option("redline", "Output format (default: from -o's extension, else text).")
@color_option
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="Show unchanged clauses too (DOCX, PDF and HTML show them unless --changed-only).",
)
@click.option(
    "--changed-only",
    is_flag=True,
    help="DOCX, PDF, HTML: only the changed clauses, not the full blackline.",
)
@marks_option
@click.option(
    "--stat", is_flag=True, help="One line per changed clause with words inserted and deleted."
)
@click.option(
    "--match",
    type=click.Choice(["auto", "id"]),
    default="auto",
    show_default=True,
    help="Pair clauses by id, and by text where an id pair shares little and a near-identical "
    "text has another id (auto); or keep every id pair (id).",
)
@redline_option
@click.option(
    "--author", help="Word output: the author of the revisions (default: the proposing party)."
)
@click.option(
    "--revision-date",
    type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"]),
    metavar="DATE|DATETIME",
    help="Word output: the date of the revisions, 2023-04-12 or 2023-04-12T15:30:00-07:00 "
    "(default: when the proposal was passed, or the agreement took effect).",
)
@templates_option
@paper_option
def command(
    old: str,
    new: str,
    output: str | None,
    fmt: str | None,
    color: str,
    every: bool,
    changed_only: bool,
    marks: str,
    stat: bool,
    match: str,
    templates: str | None,
    paper: str,
    mode: str,
    author: str | None,
    revision_date: datetime | None,
) -> None:
    """Redline two agreements or proposals, clause by clause (exit 1 if they differ)."""
    from contracttools.documents.comparison import redline_documents
    from contracttools.model import Agreement, Proposal
    from contracttools.readers import load_in_context
    from contracttools.writers.options import Options

    fmt = output_format("redline", output, fmt, "text")
    with progress("Reading", 3) as shown:
        (first, first_context), (second, context) = load_in_context(old), load_in_context(new)
        comparable(old, first)
        comparable(new, second)
        assert isinstance(first, Agreement | Proposal) and isinstance(second, Agreement | Proposal)
        shown.advance(2, "Comparing")
        redline = redline_documents(
            first, second, first_context, context, "id" if match == "id" else "auto"
        )
        shown.advance()
    name, when = revision_stamp(second, context)
    blackline = fmt in ("docx", "pdf", "html") and not changed_only
    options = Options(
        paper=paper,
        templates=templates_path(templates),
        every=every or blackline,
        brackets=marks == "brackets",
        old_order=old_order(first, redline) if fmt == "docx" else (),
        tracked=mode == "tracked",
        color=use_color(color, output is not None),
        stat=stat,
        author=author or name,
        when=aware(revision_date) or when,
    )
    write_document("redline", fmt, redline, options, output, (old, new))
    sys.exit(1 if redline.changed else 0)
