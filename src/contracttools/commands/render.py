"""`contracttools render AGREEMENT`: a clean printing of any agreement."""

from __future__ import annotations

import click

from contracttools.commands.common import (
    format_option,
    output_format,
    paper_option,
    templates_option,
    templates_path,
    write_document,
)


@click.command()
@click.argument("agreement", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, help="The printing: .docx, .pdf or .html.")
@format_option("agreement")
@templates_option
@paper_option
def command(
    agreement: str, output: str, fmt: str | None, templates: str | None, paper: str
) -> None:
    """Print an agreement: title page, contents, every clause, headings by depth."""
    from contracttools.documents.printing import printing
    from contracttools.model import Agreement
    from contracttools.readers import load
    from contracttools.writers.options import Options

    fmt = output_format("agreement", output, fmt, "pdf")
    loaded = load(agreement)
    if not isinstance(loaded, Agreement):
        raise click.UsageError(f"{agreement}: render takes an agreement file")
    made = printing(loaded)
    write_document(
        "agreement",
        fmt,
        loaded if fmt == "yaml" else made,
        Options(paper=paper, templates=templates_path(templates)),
        output,
        (agreement,),
    )
    click.echo(f"wrote {output}: {loaded.title}, {len(loaded.by_id)} clauses", err=True)
