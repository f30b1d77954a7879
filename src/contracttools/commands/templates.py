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
    """Copy the shipped templates into FOLDER, to edit and pass back with --templates."""
    import shutil

    from contracttools.resources import templates_dir

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(templates_dir().iterdir()):
        if source.is_file():
            if (target / source.name).exists():
                raise click.UsageError(
                    f"{target / source.name} exists; export into an empty folder"
                )
            shutil.copyfile(source, target / source.name)
            written.append(source.name)
    click.echo(f"wrote {len(written)} templates to {target}: {', '.join(written)}")
