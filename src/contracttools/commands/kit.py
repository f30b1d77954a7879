"""`contracttools kit NEGOTIATION -o DIR`: the members' ratification kit, a folder."""

from __future__ import annotations

from datetime import UTC, datetime
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

if TYPE_CHECKING:
    from contracttools.model import Clause, Negotiation
    from contracttools.negotiation import Moment


@click.command()
@click.argument("negotiation", type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    required=True,
    help="The folder to write the kit into (new, empty, or an earlier kit, which is replaced).",
)
@as_of_option
@click.option(
    "--link-base",
    default="",
    help="Prefix the message's links with this (the address where the folder is posted, "
    "ending in /); by default they are relative to the folder.",
)
@click.option(
    "--schedule",
    "schedule",
    metavar="CLAUSE",
    help="The clause id of the salary schedule the pay page raises (by default the one "
    "the costing file names: 'schedule:'); without one, the kit has no pay page.",
)
@templates_option
@paper_option
def command(
    negotiation: str,
    output: str,
    as_of: str | None,
    link_base: str,
    schedule: str | None,
    templates: str | None,
    paper: str,
) -> None:
    """Write the members' ratification kit: the e-mail (HTML, plain text, and a draft
    .eml with the summary attached), the member summary, the new agreement and its
    blackline as PDFs, and the pay page.  Nothing internal goes in."""
    loaded, at = negotiation_as_of(negotiation, "kit", as_of)
    clause = schedule_clause(loaded, schedule)
    with template_errors():
        files = kit_files(loaded, at, templates_path(templates), paper, link_base, clause)
    inputs = [loaded.path, loaded.agreement.path, *(p.path for p in loaded.proposals)]
    if loaded.costing is not None:
        inputs.append(loaded.costing)
    write_folder(Path(output), files, [Path(i) for i in inputs if i])
    click.echo(f"wrote {output}/: {', '.join(sorted(files))}", err=True)


def schedule_clause(negotiation: Negotiation, given: str | None) -> Clause | None:
    """Return the salary-schedule clause: `--schedule`'s, else the one the costing file
    names (its `schedule:` key, the only thing read from that team-only file: never the
    roster); None, said on stderr, where neither names one."""
    from contracttools.costing.reading import schedule_clause as named
    from contracttools.errors import InputProblem

    if given is not None:
        found = negotiation.agreement.by_id.get(given)
        if found is None:
            raise InputProblem(
                negotiation.agreement.path or "agreement",
                f"--schedule names clause '{given}', which the agreement lacks",
            )
        return found
    if negotiation.costing is not None:
        found = named(negotiation.costing, negotiation.agreement)
        if found is not None:
            return found
    click.echo(
        "kit: no pay page: no salary schedule named (give --schedule CLAUSE, or "
        "'schedule: CLAUSE' in the costing file)",
        err=True,
    )
    return None


def kit_files(
    negotiation: Negotiation,
    at: Moment,
    templates: Path | None,
    paper: str,
    link_base: str,
    schedule: Clause | None = None,
) -> dict[str, str | bytes]:
    """Return every file of the kit, by its name in the folder."""
    from dataclasses import replace

    from contracttools.commands.progress import pages_progress
    from contracttools.commands.summary import with_published
    from contracttools.documents.conformed import conformed_agreement
    from contracttools.documents.kit import FILES, build_kit
    from contracttools.documents.pay import build_pay
    from contracttools.documents.printing import blackline, conformed_printing
    from contracttools.writers import kit as message
    from contracttools.writers.options import Options
    from contracttools.writers.table import write

    pay = None
    if schedule is not None:
        pay, said = build_pay(negotiation, at, schedule)
        for line in said:
            click.echo(f"kit: {'' if pay else 'no pay page: '}{line}", err=True)
    made = build_kit(negotiation, at, pay=pay is not None)
    made = replace(made, summary=with_published(negotiation, at, made.summary, "kit"))
    when = datetime(at.day.year, at.day.month, at.day.day, tzinfo=UTC)
    options = Options(paper=paper, templates=templates, author=made.union.name, when=when)
    agreement, done = conformed_agreement(negotiation, at)
    printed = conformed_printing(negotiation, agreement, done, at)
    marked = blackline(negotiation, agreement, done, at)
    files: dict[str, str | bytes] = {}
    with pages_progress():
        files[FILES["summary"]] = write("summary", "pdf", made.summary, options)
        shown = Options(paper=paper, templates=templates, author=printed.author, when=when)
        files[FILES["agreement"]] = write("agreement", "pdf", printed, shown)
        files[FILES["blackline"]] = write("blackline", "pdf", marked, shown)
    html = message.write_html(made, templates, pay, link_base=link_base)
    text = message.write_text(made, templates, pay, link_base=link_base)
    if pay is not None:
        files[FILES["pay"]] = message.write_pay(pay, templates)
    summary = files[FILES["summary"]]
    assert isinstance(summary, bytes)
    files["message.html"] = html
    files["message.txt"] = text
    files["message.eml"] = message.write_eml(
        message.subject(made, templates), text, html, [(FILES["summary"], summary)]
    )
    return files
