"""`contracttools conform NEGOTIATION`: the conformed agreement, or its ratification blackline."""

from __future__ import annotations

from datetime import date
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
from contracttools.errors import ContractToolsError

if TYPE_CHECKING:
    from contracttools.model import Agreement, Negotiation
    from contracttools.negotiation import Moment
    from contracttools.writers.table import Kind


class OpenItems(ContractToolsError):
    """--strict and clauses still on the table: no conformed text is written."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        super().__init__("\n".join(lines))

    def lines(self) -> list[str]:
        return self._lines


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.UsageError(f"{option} {value}: not a date (YYYY-MM-DD)") from None


def _with_schedules(negotiation: Negotiation, at: Moment, agreement: Agreement) -> Agreement:
    """Return the conformed agreement with the agreed schedules after the schedule clause's
    text; exit 2 where no costing file names a schedule, or the TAs' terms cannot be read."""
    from contracttools.costing.reading import load_costing, schedule_clause
    from contracttools.costing.tables import NotASchedule, first_table, read_table
    from contracttools.documents.conformed import agreed_schedules, with_schedules
    from contracttools.documents.wording import long_date
    from contracttools.errors import InputProblem

    if negotiation.costing is None:
        raise InputProblem(
            negotiation.path, "--schedules: names no costing file, so no salary schedule"
        )
    clause = schedule_clause(negotiation.costing, negotiation.agreement)
    if clause is None:
        raise InputProblem(
            negotiation.costing, "--schedules: names no 'schedule': there is no table to raise"
        )
    setup = load_costing(negotiation.costing, negotiation.agreement)
    dated, problems = agreed_schedules(setup, at)
    if problems:
        raise InputProblem(negotiation.path, "--schedules: the TAs' terms: " + "; ".join(problems))
    name = f"{clause.number} {clause.title}".strip()
    if not dated:
        click.echo(
            f"conform: --schedules: no tentative agreement gives a general_increase: {name} "
            "is written as it is",
            err=True,
        )
        return agreement
    if clause.id not in agreement.by_id:
        click.echo(
            f"conform: --schedules: {name} is not in the conformed agreement (a TA struck "
            "it): no tables written",
            err=True,
        )
        return agreement
    if any(ta.clause == clause.id for ta in at.tentative_agreements):
        click.echo(
            f"conform: --schedules: {name} has a tentative agreement of its own: the computed "
            "tables follow its agreed text (check the two agree: contracttools check)",
            err=True,
        )
    table = first_table(clause.text)
    try:
        heading = read_table(table).heading if table is not None else ""
    except NotASchedule:
        heading = ""
    days = ", ".join(long_date(d.effective) for d in dated)
    click.echo(f"conform: --schedules: {name}: the schedule effective {days} written", err=True)
    return with_schedules(agreement, clause.id, heading, dated)


@click.command()
@click.argument("negotiation", type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    help="The agreement: .yaml (the next round's base), .docx, .pdf or .html "
    "(default: YAML on screen).",
)
@format_option("agreement")
@as_of_option
@click.option(
    "--redline",
    is_flag=True,
    help="The ratification blackline: every clause, each TA's changes marked against the base.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 2) while any clause is still open.")
@click.option(
    "--schedules",
    is_flag=True,
    help="Write after the salary schedule clause (the costing file's 'schedule:') the "
    "schedule the agreed increases make from each effective date.",
)
@click.option(
    "--id", "agreement_id", help="The new agreement's id (default: the base's, new year)."
)
@click.option("--title", help="Its title (default: the base's, with the new year).")
@click.option("--effective", help="Effective date (default: the day after the base expires).")
@click.option("--expires", help="Expiry date (default: as long a term as the base's).")
@templates_option
@paper_option
def command(
    negotiation: str,
    output: str | None,
    fmt: str | None,
    as_of: str | None,
    redline: bool,
    strict: bool,
    schedules: bool,
    agreement_id: str | None,
    title: str | None,
    effective: str | None,
    expires: str | None,
    templates: str | None,
    paper: str,
) -> None:
    """Write the conformed agreement: the base with every signed TA applied."""
    from contracttools.documents.conformed import conformed_agreement
    from contracttools.documents.printing import blackline, conformed_printing
    from contracttools.writers.options import Options

    kind: Kind = "blackline" if redline else "agreement"
    fmt = output_format(kind, output, fmt, "html" if redline else "yaml")
    loaded, at = negotiation_as_of(negotiation, "conform", as_of)
    agreement, done = conformed_agreement(
        loaded,
        at,
        agreement_id,
        title,
        _day(effective, "--effective"),
        _day(expires, "--expires"),
    )
    if schedules:
        agreement = _with_schedules(loaded, at, agreement)
    start, end = agreement.effective, agreement.expires
    if start is not None and end is not None and end <= start:
        raise click.UsageError(
            f"--expires {agreement.expires}: not after the effective date {agreement.effective}"
        )
    made = (
        blackline(loaded, agreement, done, at)
        if redline
        else conformed_printing(loaded, agreement, done, at)
    )
    lines = [
        f"open: {o.number} {o.title} ({o.status}): "
        + "; ".join(f"{who}: {words}" for who, words in o.positions)
        for o in made.outstanding
    ]
    if strict and lines:
        count = len(lines)
        raise OpenItems(
            [
                *lines,
                f"--strict: {count} clause{'s' if count != 1 else ''} still open; nothing written",
            ]
        )
    for line in lines:
        click.echo(line, err=True)
    options = Options(
        paper=paper, templates=templates_path(templates), author=made.author, when=made.when
    )
    document = agreement if fmt == "yaml" else made
    write_document(kind, fmt, document, options, output, (negotiation,))
    if output:
        what = "ratification blackline" if redline else "conformed agreement"
        click.echo(
            f"wrote {output}: {what} {agreement.id}, {len(done.agreed)} TAs applied, "
            f"{len(lines)} open items not applied",
            err=True,
        )
