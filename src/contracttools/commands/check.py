"""`contracttools check FILE...`: validate files, every problem as path:line:column."""

from __future__ import annotations

import click

from contracttools.commands.common import warn_cautions
from contracttools.problems import ContractFileError


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
def command(files: tuple[str, ...]) -> None:
    """Validate agreement, proposal and negotiation files."""
    from contracttools.model import Agreement, Negotiation, Proposal
    from contracttools.readers import load

    problems = []
    clauses = proposals = 0
    for path in files:
        try:
            loaded = load(path)
        except ContractFileError as err:
            problems.extend(err.problems)
            continue
        if isinstance(loaded, Agreement):
            clauses += len(loaded.by_id)
        elif isinstance(loaded, Proposal):
            proposals += 1
        elif isinstance(loaded, Negotiation):
            warn_cautions(loaded)
            clauses += len(loaded.agreement.by_id)
            proposals += len(loaded.proposals)
    if problems:
        raise ContractFileError(problems)
    click.echo(
        f"{_count(len(files), 'file')} OK: {_count(clauses, 'clause')}, "
        f"{_count(proposals, 'proposal')} checked"
    )


def _count(number: int, noun: str) -> str:
    """Return e.g. "1 clause", "2 clauses"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
