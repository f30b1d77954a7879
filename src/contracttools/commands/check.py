"""`contracttools check FILE...`: validate files, every problem as path:line:column."""

from __future__ import annotations

import click

from contracttools.commands.common import warn_cautions
from contracttools.problems import ContractFileError


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
def command(files: tuple[str, ...]) -> None:
    """Validate agreement, proposal, negotiation and costing files.

    A negotiation that names a costing file is checked with it (and its roster); a costing
    file given alone is checked with the negotiation.yaml beside it that names it.
    """
    from contracttools.costing.reading import load_costing
    from contracttools.loading import load
    from contracttools.model import Agreement, Negotiation, Proposal

    problems = []
    clauses = proposals = 0
    for path in files:
        try:
            if _is_costing(path):
                _check_costing(path)
                continue
            loaded = load(path)
            if isinstance(loaded, Negotiation) and loaded.costing is not None:
                load_costing(loaded.costing, loaded.agreement)
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


def _is_costing(path: str) -> bool:
    """Return whether `path` is a file whose kind is costing."""
    import os

    from contracttools.readers.files import read_file
    from contracttools.readers.nodes import parse, read_text

    if os.path.isdir(path) or not os.path.isfile(path):
        return False
    root = parse(path, read_text(path, read_file(path)))
    kind = root.get("kind") if root.kind == "map" else None
    return kind is not None and kind.kind == "scalar" and kind.text == "costing"


def _check_costing(path: str) -> None:
    """Check a costing file with the negotiation beside it that names it."""
    import os

    from contracttools.costing.reading import load_costing
    from contracttools.loading import load_negotiation
    from contracttools.problems import Location, Problem

    manifest = os.path.join(os.path.dirname(os.path.abspath(path)), "negotiation.yaml")
    if os.path.isfile(manifest):
        negotiation = load_negotiation(manifest)
        if negotiation.costing is not None and os.path.samefile(negotiation.costing, path):
            load_costing(path, negotiation.agreement)
            return
    raise ContractFileError(
        [
            Problem(
                Location(path, 1, 1),
                "a costing file is checked with the negotiation that names it "
                "('costing: FILE' in a negotiation.yaml beside it); none here does",
            )
        ]
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
