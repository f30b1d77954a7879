"""`contracttools check FILE...`: validate files, every problem as path:line:column."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from contracttools.commands.common import warn_cautions
from contracttools.problems import ContractFileError

if TYPE_CHECKING:
    from contracttools.costing.model import Setup
    from contracttools.model import Negotiation


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 2) on a warning about structure or the salary schedule too.",
)
def command(files: tuple[str, ...], strict: bool) -> None:
    """Validate agreement, proposal, negotiation and costing files.

    A negotiation that names a costing file is checked with it (and its roster); a costing
    file given alone is checked with the negotiation.yaml beside it that names it.
    Where the costing file names a schedule, each amended salary table is compared with
    the increase stated beside it. Warnings about an agreement's structure (numbers twice
    or out of order, a title with dot leaders, an empty clause) or a schedule's figures
    stop nothing unless --strict.
    """
    from contracttools.costing.reading import load_costing
    from contracttools.loading import load
    from contracttools.model import Agreement, Negotiation, Proposal

    problems = []
    clauses = proposals = 0
    agreements = []
    schedules: list[str] = []
    for path in files:
        try:
            if _is_costing(path):
                schedules.extend(_check_costing(path))
                continue
            loaded = load(path)
            if isinstance(loaded, Negotiation) and loaded.costing is not None:
                setup = load_costing(loaded.costing, loaded.agreement)
                schedules.extend(_schedule_warnings(loaded, setup))
        except ContractFileError as err:
            problems.extend(err.problems)
            continue
        agreements.append(_agreement_of(loaded))
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
    schedules = list(dict.fromkeys(schedules))  # a negotiation and its costing file: once
    for line in schedules:
        click.echo(line, err=True)
    warned = _warn_of_structure(agreements)
    if (warned or schedules) and strict:
        said = []
        if warned:
            said.append(f"{_count(warned, 'warning')} about structure")
        if schedules:
            said.append(f"{_count(len(schedules), 'warning')} about the salary schedule")
        click.echo(f"{' and '.join(said)} (--strict)", err=True)
        raise click.exceptions.Exit(2)
    click.echo(
        f"{_count(len(files), 'file')} OK: {_count(clauses, 'clause')}, "
        f"{_count(proposals, 'proposal')} checked"
    )


def _schedule_warnings(negotiation: Negotiation, setup: Setup) -> list[str]:
    """Return a warning line for each figure of an amended salary schedule that does not
    follow from the current one and the increase stated beside it (docs/costing.md)."""
    from contracttools.costing.reading import schedule_clause
    from contracttools.costing.schedule_check import schedule_warnings
    from contracttools.inert import shown

    if negotiation.costing is None or setup.schedule is None:
        return []
    clause = schedule_clause(negotiation.costing, negotiation.agreement)
    if clause is None:
        return []
    return [
        shown(f"{w.at}: warning: {w.message}")
        for w in schedule_warnings(negotiation, setup, clause)
    ]


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


def _check_costing(path: str) -> list[str]:
    """Check a costing file with the negotiation beside it that names it; return the
    warnings of its schedule."""
    import os

    from contracttools.costing.reading import load_costing
    from contracttools.loading import load_negotiation
    from contracttools.problems import Location, Problem

    manifest = os.path.join(os.path.dirname(os.path.abspath(path)), "negotiation.yaml")
    if os.path.isfile(manifest):
        negotiation = load_negotiation(manifest)
        if negotiation.costing is not None and os.path.samefile(negotiation.costing, path):
            setup = load_costing(path, negotiation.agreement)
            return _schedule_warnings(negotiation, setup)
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


def _agreement_of(loaded: object) -> object:
    """Return the agreement a loaded file is or stands on (None for none)."""
    from contracttools.model import Agreement, Negotiation, Proposal

    if isinstance(loaded, Negotiation):
        return loaded.agreement
    if isinstance(loaded, Proposal):
        return loaded.base
    return loaded if isinstance(loaded, Agreement) else None


def _warn_of_structure(agreements: list[object]) -> int:
    """Warn of what looks wrong in each agreement's structure, once an agreement; return
    how many warnings."""
    from contracttools.inert import shown
    from contracttools.model import Agreement
    from contracttools.negotiation.structure import structure_warnings

    warned = 0
    done: set[str] = set()
    for agreement in agreements:
        if not isinstance(agreement, Agreement) or (agreement.path or agreement.id) in done:
            continue
        done.add(agreement.path or agreement.id)
        for warning in structure_warnings(agreement):
            click.echo(shown(str(warning)), err=True)
            warned += 1
    return warned


def _count(number: int, noun: str) -> str:
    """Return e.g. "1 clause", "2 clauses"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
