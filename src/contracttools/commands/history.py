"""`contracttools history NEGOTIATION CLAUSE`: one clause's path through the passes."""

from __future__ import annotations

import click

from contracttools.commands.common import (
    as_of_option,
    color_option,
    format_option,
    negotiation_as_of,
    output_format,
    paper_option,
    templates_option,
    templates_path,
    use_color,
    write_document,
)
from contracttools.commands.track import team_copy_option


@click.command()
@click.argument("negotiation", type=click.Path(exists=True))
@click.argument("clause")
@click.option("-o", "--output", help="The history: .md, .html or .pdf (default: text on screen).")
@format_option("history")
@as_of_option
@team_copy_option
@color_option
@templates_option
@paper_option
def command(
    negotiation: str,
    clause: str,
    output: str | None,
    fmt: str | None,
    as_of: str | None,
    team_copy: bool,
    color: str,
    templates: str | None,
    paper: str,
) -> None:
    """Write a clause's history: the current language, every position in order, each in
    full and redlined against the one before, then the tentative agreement.

    CLAUSE is a clause's id (minimums.general-increase), its number (2.A), or a
    number a pass gave it.
    """
    from contracttools.documents.clause_history import build_history, find_clause
    from contracttools.writers.options import Options

    fmt = output_format("history", output, fmt, "text")
    loaded, at = negotiation_as_of(negotiation, "history", as_of)
    made = build_history(loaded, at, find_clause(loaded, at, clause), team_copy)
    options = Options(
        paper=paper,
        templates=templates_path(templates),
        color=use_color(color, output is not None),
    )
    write_document("history", fmt, made, options, output, (negotiation,))
    if output:
        click.echo(f"wrote {output}: {made.heading}, {len(made.steps)} positions", err=True)
