"""`contracttools git-diff`: git's external diff driver (see docs/git.md)."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

import click

from contracttools.commands.common import use_color
from contracttools.commands.diff import comparable
from contracttools.errors import ContractToolsError
from contracttools.inert import shown
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
    """Return the redline of two versions git hands over, or, when they cannot be
    redlined (a file that does not load, a negotiation, something unreadable), a plain
    diff after a note saying why: a driver must never stop `git diff`."""
    notes: list[str] = []
    old_data = _version(old_file, notes)
    new_data = _version(new_file, notes)
    if not notes:
        try:
            return _redline(old_path, old_data, new_path, new_data)
        except ContractFileError as err:
            notes = [str(problem) for problem in err.problems]
        except ContractToolsError as err:
            notes = err.lines()
        except click.ClickException as err:
            notes = [err.format_message()]
        except Exception as err:  # whatever goes wrong, git diff goes on
            notes = [f"{new_path}: cannot redline ({type(err).__name__}: {err})"]
    lines = [f"contracttools: {shown(note)}" for note in notes]
    lines.append("contracttools: showing a plain diff instead")
    plain = difflib.unified_diff(
        old_data.decode("utf-8", "replace").splitlines(),
        new_data.decode("utf-8", "replace").splitlines(),
        f"a/{old_path}",
        f"b/{new_path}",
        lineterm="",
    )
    return "\n".join([*lines, *(shown(line) for line in plain)]) + "\n"


def _version(file: str, notes: list[str]) -> bytes:
    """Return the bytes of one version (nothing for git's /dev/null), noting what fails."""
    if file == "/dev/null":
        return b""
    try:
        with open(file, "rb") as stream:
            return stream.read()
    except OSError as err:
        notes.append(f"{file}: cannot read: {err.strerror}")
        return b""


def _redline(old_path: str, old_data: bytes, new_path: str, new_data: bytes) -> str:
    from contracttools.documents.comparison import redline_documents
    from contracttools.readers import load
    from contracttools.writers.options import Options
    from contracttools.writers.table import write

    new = load(new_path, new_data) if new_data else None
    old = load(old_path, old_data) if old_data else None
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
