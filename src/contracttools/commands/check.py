"""`contracttools check FILE...`: validate files, every problem as path:line:column."""

from __future__ import annotations

import click

from contracttools.commands.common import warn_cautions
from contracttools.problems import ContractFileError


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
def command(files: tuple[str, ...]) -> None:
    """Validate agreement, proposal and negotiation files."""
    from contracttools.loading import load
    from contracttools.model import Agreement, Negotiation, Proposal

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
    _warn_of_invisible_characters()
    click.echo(
        f"{_count(len(files), 'file')} OK: {_count(clauses, 'clause')}, "
        f"{_count(proposals, 'proposal')} checked"
    )


def _warn_of_invisible_characters() -> None:
    """Warn, at line and column, of each invisible character and each word mixing scripts
    in the files read (they pass: a warning, not a problem)."""
    import os

    from contracttools.characters import warnings
    from contracttools.inert import shown
    from contracttools.readers.files import read_file, sources

    for path in sorted(sources()):
        relative = os.path.relpath(path)
        shown_path = path if relative.startswith("..") else relative
        text = read_file(path).decode("utf-8", "replace")
        for line, column, message in warnings(text):
            click.echo(shown(f"{shown_path}:{line}:{column}: warning: {message}"), err=True)


def _count(number: int, noun: str) -> str:
    """Return e.g. "1 clause", "2 clauses"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
