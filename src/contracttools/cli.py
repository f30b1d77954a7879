"""The command line: the only place that touches files and the terminal.

Heavy writers (WeasyPrint, python-docx) are imported only by the commands that need
them, so that `--help` and `check` start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from contracttools import __version__
from contracttools.problems import ContractFileError

TROUBLE = 2


class ProblemsReported(click.exceptions.Exit):
    """Problems have been printed; leave with status 2."""

    def __init__(self) -> None:
        super().__init__(TROUBLE)


@contextmanager
def reporting() -> Iterator[None]:
    """Print file problems as `path:line:column: message` and exit 2, no traceback."""
    try:
        yield
    except ContractFileError as err:
        for problem in err.problems:
            click.echo(str(problem), err=True)
        count = len(err.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found", err=True)
        raise ProblemsReported() from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="contracttools")
def main() -> None:
    """Redlines, proposal packets and member summaries for collective bargaining."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
def check(files: tuple[str, ...]) -> None:
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
            clauses += len(loaded.agreement.by_id)
            proposals += len(loaded.proposals)
    with reporting():
        if problems:
            raise ContractFileError(problems)
    noun = "file" if len(files) == 1 else "files"
    click.echo(f"{len(files)} {noun} OK: {clauses} clauses, {proposals} proposals checked")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
