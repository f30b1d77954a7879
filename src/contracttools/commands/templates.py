"""`contracttools templates export DIR`: copy the shipped templates to edit."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("templates")
def command() -> None:
    """Work with the templates outputs are made from."""


@command.command("export")
@click.argument("folder", type=click.Path(file_okay=False))
def export(folder: str) -> None:
    """Copy the shipped templates into FOLDER, to edit and pass back with --templates.

    FOLDER is made if missing; a file of the same name already in it stops the copy
    before anything is written."""
    from contracttools.commands.output import write_new_files
    from contracttools.resources import templates_dir

    target = Path(folder)
    files = {s.name: s.read_bytes() for s in sorted(templates_dir().iterdir()) if s.is_file()}
    write_new_files(target, files)
    click.echo(f"wrote {len(files)} templates to {target}: {', '.join(sorted(files))}")
