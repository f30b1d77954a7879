"""`contracttools diff OLD NEW`: the clause-level redline of two documents."""

from __future__ import annotations

import sys
from datetime import datetime

import click

from contracttools.commands.common import (
    aware,
    format_option,
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


def comparable(path: str, loaded: object) -> None:
    """Refuse what diff cannot compare."""
    from contracttools.model import Agreement, Proposal

    if not isinstance(loaded, Agreement | Proposal):
        raise click.UsageError(f"{path}: diff compares agreements and proposals, not a negotiation")


@click.command()
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", help="Write to this file; its extension picks the format.")
@format_option("redline", "Output format (default: from -o's extension, else text).")
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True
)
@click.option("--all", "every", is_flag=True, help="Show unchanged clauses too.")
@click.option(
    "--stat", is_flag=True, help="One line per changed clause with words inserted and deleted."
)
@redline_option
@click.option(
    "--author", help="Word output: the author of the revisions (default: the proposing party)."
)
@click.option(
    "--revision-date",
    type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"]),
    help="Word output: the date of the revisions (default: when the proposal was passed, or the agreement took effect).",
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
    stat: bool,
    templates: str | None,
    paper: str,
    mode: str,
    author: str | None,
    revision_date: datetime | None,
) -> None:
    """Redline two agreements or proposals, clause by clause (exit 1 if they differ)."""
    from contracttools.readers import load_in_context
    from contracttools.redline import compare
    from contracttools.writers.table import Options

    fmt = output_format("redline", output, fmt, "text")
    with progress("Reading", 3) as shown:
        (first, _), (second, context) = load_in_context(old), load_in_context(new)
        comparable(old, first)
        comparable(new, second)
        shown.advance(2, "Comparing")
        redline = compare(first, second)  # type: ignore[arg-type]
        shown.advance()
    name, when = revision_stamp(second, context)
    options = Options(
        paper=paper,
        templates=templates_path(templates),
        every=every,
        tracked=mode == "tracked",
        color=use_color(color, output is not None),
        stat=stat,
        author=author or name,
        when=aware(revision_date) or when,
    )
    write_document("redline", fmt, redline, options, output, (old, new))
    sys.exit(1 if redline.changed else 0)
