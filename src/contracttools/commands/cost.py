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
@click.option(
    "--schedules",
    is_flag=True,
    help="The salary schedule each pass and the TAs make, after each increase (.md, .csv, .json).",
)
@as_of_option
def command(negotiation: str, output: str | None, schedules: bool, as_of: str | None) -> None:
    """Cost every pass and the tentative agreements, from the roster. CONFIDENTIAL."""
    from contracttools.costing.reading import load_costing
    from contracttools.documents.cost_report import as_csv, as_json, build_cost_report, markdown

    fmt = "markdown"
    if output is not None:
        found = FORMATS.get(os.path.splitext(output)[1].lower())
        if found is None or (schedules and found == "xlsx"):
            allowed = ".md, .csv or .json" if schedules else ".xlsx, .md, .csv or .json"
            raise click.UsageError(f"{output}: give a {allowed} file")
        fmt = found
    loaded, at = negotiation_as_of(negotiation, "cost", as_of)
    if loaded.costing is None:
        raise InputProblem(loaded.path, "names no costing file; add 'costing: costing.yaml'")
    setup = load_costing(loaded.costing, loaded.agreement)
    report = build_cost_report(loaded, at, setup)
    content: str | bytes
    if schedules:
        from contracttools.documents import cost_schedules as made

        tables = made.build_schedules(report)
        if tables is None:
            raise InputProblem(loaded.costing, "names no 'schedule': there is no table to raise")
        writers = {
            "markdown": made.schedules_markdown,
            "csv": made.schedules_csv,
            "json": made.schedules_json,
        }
        content = writers[fmt](tables)
    elif fmt == "xlsx":
        from contracttools.writers.options import PLAIN
        from contracttools.writers.table import writer

        content = writer("cost", "xlsx")(report, PLAIN)
    else:
        content = {"markdown": markdown, "csv": as_csv, "json": as_json}[fmt](report)
    if output is None:
        assert isinstance(content, str)
        click.echo(content, nl=False)
        return
    write_output(output, content, (negotiation,), private=True)
    click.echo(f"wrote {output} (CONFIDENTIAL, owner-only): as of {report.day}", err=True)
