"""`contracttools packet PROPOSAL`: the redlined proposal packet passed across the table."""

from __future__ import annotations

import click

from contracttools.commands.common import (
    format_option,
    marks_option,
    output_format,
    paper_option,
    redline_option,
    templates_option,
    templates_path,
    write_document,
)
from contracttools.inert import shown


@click.command()
@click.argument("proposal", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, help="The packet file: .pdf, .html or .docx.")
@format_option("packet")
@click.option(
    "--against",
    type=click.Path(exists=True, dir_okay=False),
    help="Redline against the other party's proposal, not the agreement.",
)
@click.option(
    "--signoff",
    is_flag=True,
    help="A tentative-agreement block (initials, date) after each item with language to initial.",
)
@click.option(
    "--include-notes", is_flag=True, help="A team copy with internal notes, stamped CONFIDENTIAL."
)
@templates_option
@paper_option
@redline_option
@marks_option
def command(
    proposal: str,
    output: str,
    fmt: str | None,
    against: str | None,
    signoff: bool,
    include_notes: bool,
    templates: str | None,
    paper: str,
    mode: str,
    marks: str,
) -> None:
    """Write the redlined proposal packet: cover, index of items, redlined items."""
    from contracttools.documents.packet import build_packet
    from contracttools.model import Proposal
    from contracttools.readers import load_in_context
    from contracttools.writers.options import Options

    fmt = output_format("packet", output, fmt, "pdf")
    document, negotiation = load_in_context(proposal)
    other = load_in_context(against)[0] if against else None
    if not isinstance(document, Proposal):
        raise click.UsageError(f"{proposal}: packet takes a proposal file")
    if other is not None and not isinstance(other, Proposal):
        raise click.UsageError(f"{against}: --against takes a proposal file")
    assembled = build_packet(document, negotiation, other, signoff, include_notes)
    options = Options(
        paper=paper,
        templates=templates_path(templates),
        tracked=mode == "tracked",
        when=document.passed_at,
        brackets=marks == "brackets",
    )
    inputs = (proposal,) + ((against,) if against else ())
    write_document("packet", fmt, assembled, options, output, inputs)
    click.echo(shown(f"wrote {output}: {assembled.title}, {len(assembled.items)} items"), err=True)
