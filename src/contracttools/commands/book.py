"""`contracttools book NEGOTIATION -o DIR`: the bargaining book, a static site."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from contracttools.commands.common import (
    as_of_option,
    negotiation_as_of,
    paper_option,
    template_errors,
    templates_option,
    templates_path,
)
from contracttools.commands.output import write_folder
from contracttools.commands.track import team_copy_option

if TYPE_CHECKING:
    from contracttools.documents.book import Book


@click.command()
@click.argument("negotiation", type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    required=True,
    help="The folder to write the site into (new, empty, or an earlier book, which is replaced).",
)
@as_of_option
@team_copy_option
@templates_option
@paper_option
def command(
    negotiation: str,
    output: str,
    as_of: str | None,
    team_copy: bool,
    templates: str | None,
    paper: str,
) -> None:
    """Write the bargaining book: index.html is the tracking chart, each clause links to
    its history, each history to the packets of its passes.  Open index.html in a browser,
    zip the folder, or put it on an intranet: it asks for nothing outside itself."""
    from contracttools.documents.book import build_book

    loaded, at = negotiation_as_of(negotiation, "book", as_of)
    made = build_book(loaded, at, team_copy)
    if team_copy and loaded.costing is not None:  # the team's pages show each pass's cost
        from dataclasses import replace

        from contracttools.costing.reading import load_costing
        from contracttools.documents.cost_report import build_cost_report, term_figures
        from contracttools.documents.tracking import with_computed_costs

        report = build_cost_report(loaded, at, load_costing(loaded.costing, loaded.agreement))
        figures = term_figures(report)
        made = replace(made, chart=with_computed_costs(made.chart, loaded, at, figures))
    with template_errors():
        files = site(made, templates_path(templates), paper)
    inputs = [loaded.path, loaded.agreement.path, *(p.path for p in loaded.proposals)]
    write_folder(Path(output), files, [Path(i) for i in inputs if i], private=team_copy)
    click.echo(
        f"wrote {output}/: index.html and {len(made.histories)} clause histories, "
        f"{len(made.packets)} packets, as of {made.chart.as_of}",
        err=True,
    )


def site(book: Book, templates: Path | None, paper: str) -> dict[str, str]:
    """Return every file of the book, by its path in the folder."""
    from contracttools.documents.book import (
        INDEX,
        clause_page,
        history_packets,
        links,
        packet_links,
        packet_page,
    )
    from contracttools.documents.wording import pass_key
    from contracttools.writers import pages
    from contracttools.writers.options import Options
    from contracttools.writers.table import write

    options = Options(paper=paper, templates=templates)
    files = {INDEX: pages.chart_page(book.chart, options, links(book), packet_links(book))}
    for history in book.histories:
        page = pages.history_page(history, options, "../" + INDEX, history_packets(history, book))
        files[clause_page(history.clause)] = page
    for proposal, packet in book.packets:
        shown = Options(
            paper=paper, templates=templates, when=proposal.passed_at, index="../" + INDEX
        )
        content = write("packet", "html", packet, shown)
        assert isinstance(content, str)
        files[packet_page(pass_key(proposal))] = content
    return files
