"""`contracttools track NEGOTIATION`: the tracking chart."""

from __future__ import annotations

import click

from contracttools.commands.common import (
    as_of_option,
    format_option,
    negotiation_as_of,
    output_format,
    paper_option,
    templates_option,
    templates_path,
    write_document,
)

team_copy_option = click.option(
    "--team-copy",
    is_flag=True,
    help="Add the internal notes and stamp it CONFIDENTIAL. Never for the other side or members.",
)


@click.command()
@click.argument("negotiation", type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    help="The chart: .xlsx, .csv, .md, .html or .pdf (default: Markdown on screen).",
)
@format_option("chart")
@as_of_option
@team_copy_option
@templates_option
@paper_option
def command(
    negotiation: str,
    output: str | None,
    fmt: str | None,
    as_of: str | None,
    team_copy: bool,
    templates: str | None,
    paper: str,
) -> None:
    """Write the tracking chart: every clause on the table, pass by pass, and its status."""
    from contracttools.documents.tracking import build_chart
    from contracttools.writers.options import Options

    fmt = output_format("chart", output, fmt, "markdown")
    loaded, at = negotiation_as_of(negotiation, "track", as_of)
    chart = build_chart(loaded, at, team_copy)
    if loaded.costing is not None:  # the computed costs make it a team copy (CONFIDENTIAL, 0600)
        from contracttools.costing.reading import load_costing
        from contracttools.documents.cost_report import build_cost_report, term_figures
        from contracttools.documents.tracking import with_computed_costs

        setup = load_costing(loaded.costing, loaded.agreement)
        figures = term_figures(build_cost_report(loaded, at, setup))
        chart = with_computed_costs(chart, loaded, at, figures)
    options = Options(paper=paper, templates=templates_path(templates), author=chart.author)
    write_document("chart", fmt, chart, options, output, (negotiation,))
    if output:
        counts = ", ".join(f"{n} {s}" for s, n in chart.counts.items() if n)
        click.echo(
            f"wrote {output}: {len(chart.rows)} sections, {len(chart.passes)} passes, as of "
            f"{chart.as_of} ({counts or 'nothing on the table'})",
            err=True,
        )
