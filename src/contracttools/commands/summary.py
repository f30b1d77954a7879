"""`contracttools summary NEGOTIATION`: the member-facing summary."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from contracttools.documents.summary import Summary
    from contracttools.model import Negotiation
    from contracttools.negotiation import Moment


@click.command()
@click.argument("negotiation", type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    help="The summary file: .pdf, .html, .docx or .md (default: Markdown on screen).",
)
@format_option("summary")
@as_of_option
@click.option(
    "--with-language",
    is_flag=True,
    help="Add the tentatively agreed language, redlined against the current contract.",
)
@click.option(
    "--team-copy",
    is_flag=True,
    help="Add the internal notes and, with a costing file, each side's computed cost beside "
    "the stated ones; stamp every page CONFIDENTIAL. Never for members.",
)
@templates_option
@paper_option
def command(
    negotiation: str,
    output: str | None,
    fmt: str | None,
    as_of: str | None,
    with_language: bool,
    team_copy: bool,
    templates: str | None,
    paper: str,
) -> None:
    """Write the member-facing summary: where each side stands, in plain language."""
    from contracttools.documents.summary import build_summary
    from contracttools.writers.options import Options

    fmt = output_format("summary", output, fmt, "markdown")
    loaded, at = negotiation_as_of(negotiation, "summary", as_of)
    made = build_summary(loaded, at, with_language, team_copy)
    if team_copy and loaded.costing is not None:  # computed beside stated (CONFIDENTIAL, 0600)
        from contracttools.costing.reading import load_costing
        from contracttools.documents.cost_report import build_cost_report
        from contracttools.documents.summary import with_computed_costs

        report = build_cost_report(loaded, at, load_costing(loaded.costing, loaded.agreement))
        made = with_computed_costs(made, loaded, at, [c.costing for c in report.columns])
    made = with_published(loaded, at, made, "summary")
    union = next((p for p in loaded.parties.values() if p.role == "union"), None)
    options = Options(
        paper=paper,
        templates=templates_path(templates),
        author=union.name if union else "",
        when=datetime(at.day.year, at.day.month, at.day.day, tzinfo=UTC),
    )
    write_document("summary", fmt, made, options, output, (negotiation,))
    if output:
        click.echo(f"wrote {output}: as of {made.day}, reading level grade {made.grade}", err=True)


def with_published(negotiation: Negotiation, at: Moment, made: Summary, command: str) -> Summary:
    """Return the summary with what the costing file's `publish:` lets members see
    (nothing without a costing file or a `publish:`); each item with nothing to show is
    said on stderr."""
    if negotiation.costing is None:
        return made
    from contracttools.costing.reading import published, schedule_clause
    from contracttools.documents import summary, summary_costs

    publish = published(negotiation.costing)
    if not publish:
        return made
    agreed = schedules = None
    if "total_value" in publish or "schedule" in publish:
        # the roster is read; only the TAs' total and the agreement's schedule raised leave it
        from contracttools.costing.reading import load_costing
        from contracttools.costing.tables import first_table, read_table
        from contracttools.documents.cost_report import build_cost_report
        from contracttools.documents.cost_schedules import build_schedules

        setup = load_costing(negotiation.costing, negotiation.agreement)
        report = build_cost_report(negotiation, at, setup)
        agreed = report.columns[-1].costing
        built = build_schedules(report)
        clause = schedule_clause(negotiation.costing, negotiation.agreement)
        table = first_table(clause.text) if clause is not None else None
        if built is not None and clause is not None and table is not None:
            heading = read_table(table).heading or "Range"
            title = f"{clause.number} {clause.title}".strip()
            projected = built.columns[-1].schedules
            schedules = summary_costs.NewSchedules(title, heading, built.current, projected)
    made, missing = summary.with_published(made, negotiation, at, publish, agreed, schedules)
    for line in missing:
        click.echo(f"{command}: publish: {line}", err=True)
    return made
