"""`contracttools cost NEGOTIATION`: what every pass and the TAs so far cost (team-only)."""

from __future__ import annotations

import os

import click

from contracttools.commands.common import as_of_option, negotiation_as_of, write_output
from contracttools.errors import InputProblem

FORMATS = {".md": "markdown", ".csv": "csv", ".json": "json", ".xlsx": "xlsx"}


@click.command()
@click.argument("negotiation", type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    help="The report: .xlsx (live formulas), .md, .csv or .json (default: Markdown on screen).",
)
@as_of_option
def command(negotiation: str, output: str | None, as_of: str | None) -> None:
    """Cost every pass and the tentative agreements, from the roster. CONFIDENTIAL."""
    from contracttools.costing.reading import load_costing
    from contracttools.documents.cost_report import as_csv, as_json, build_cost_report, markdown

    loaded, at = negotiation_as_of(negotiation, "cost", as_of)
    if loaded.costing is None:
        raise InputProblem(loaded.path, "names no costing file; add 'costing: costing.yaml'")
    setup = load_costing(loaded.costing, loaded.agreement)
    report = build_cost_report(loaded, at, setup)
    if output is None:
        click.echo(markdown(report), nl=False)
        return
    fmt = FORMATS.get(os.path.splitext(output)[1].lower())
    if fmt is None:
        raise click.UsageError(f"{output}: give a .xlsx, .md, .csv or .json file")
    if fmt == "xlsx":
        from contracttools.writers.options import PLAIN
        from contracttools.writers.table import writer

        content: str | bytes = writer("cost", "xlsx")(report, PLAIN)
    else:
        content = {"markdown": markdown, "csv": as_csv, "json": as_json}[fmt](report)
    write_output(output, content, (negotiation,), private=True)
    click.echo(f"wrote {output} (CONFIDENTIAL, owner-only): as of {report.day}", err=True)
