"""`contracttools git-diff`: git's external diff driver (see docs/git.md)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING

import click

from contracttools.commands.common import use_color
from contracttools.commands.diff import comparable
from contracttools.problems import ContractFileError

if TYPE_CHECKING:
    from contracttools.readers import Loaded


@click.command("git-diff", hidden=True)
@click.argument("args", nargs=-1)
def command(args: tuple[str, ...]) -> None:
    """Act as git's external diff driver (see docs/git.md)."""
    if len(args) not in (7, 9):
        raise click.UsageError("git-diff takes the 7 (or 9) arguments git gives an external diff")
    path, old_file, _, _, new_file = args[:5]
    new_path = args[7] if len(args) == 9 else path
    click.echo(f"diff --contracttools a/{path} b/{new_path}")
    click.echo(git_redline(path, old_file, new_path, new_file), nl=False)


def git_redline(old_path: str, old_file: str, new_path: str, new_file: str) -> str:
    """Return the redline of two versions git hands over, or a plain diff if they do not load."""
    from contracttools.comparison import redline_documents
    from contracttools.readers import load
    from contracttools.writers.table import Options, write

    old_data = Path(old_file).read_bytes()
    new_data = Path(new_file).read_bytes()
    try:
        new = load(new_path, new_data) if new_data else None
        old = load(old_path, old_data) if old_data else None
    except ContractFileError as err:
        lines = [f"contracttools: {p}" for p in err.problems]
        lines.append("contracttools: showing a plain diff instead")
        plain = difflib.unified_diff(
            old_data.decode("utf-8", "replace").splitlines(),
            new_data.decode("utf-8", "replace").splitlines(),
            f"a/{old_path}",
            f"b/{new_path}",
            lineterm="",
        )
        return "\n".join([*lines, *plain]) + "\n"
    old = old if old is not None else _empty_like(new)
    new = new if new is not None else _empty_like(old)
    if old is None or new is None:
        return ""
    comparable(old_path, old)
    comparable(new_path, new)
    redline = redline_documents(old, new)  # type: ignore[arg-type]
    text = write("redline", "text", redline, Options(color=use_color("auto", False)))
    assert isinstance(text, str)
    return text


def _empty_like(document: Loaded | None) -> Loaded | None:
    """Return an empty document of the same kind: what a file added or deleted is compared with."""
    from dataclasses import replace

    from contracttools.model import Agreement, Proposal

    if isinstance(document, Agreement):
        return replace(document, clauses=(), title="(no file)")
    if isinstance(document, Proposal):
        return replace(document, items=(), title="(no file)")
    return None
