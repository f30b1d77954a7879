"""`contracttools book NEGOTIATION -o DIR`: the bargaining book, a static site."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

import click

from contracttools.commands.common import (
    as_of_option,
    negotiation_as_of,
    paper_option,
    template_errors,
    templates_option,
    templates_path,
)
from contracttools.commands.track import team_copy_option
from contracttools.errors import OutputProblem

if TYPE_CHECKING:
    from contracttools.documents.book import Book


@click.command()
@click.argument("negotiation", type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    required=True,
    help="The folder to write the site into (new, empty, or an earlier book, which is replaced).",
)
@as_of_option
@team_copy_option
@templates_option
@paper_option
def command(
    negotiation: str,
    output: str,
    as_of: str | None,
    team_copy: bool,
    templates: str | None,
    paper: str,
) -> None:
    """Write the bargaining book: index.html is the tracking chart, each clause links to
    its history, each history to the packets of its passes.  Open index.html in a browser,
    zip the folder, or put it on an intranet: it asks for nothing outside itself."""
    from contracttools.documents.book import build_book

    loaded, at = negotiation_as_of(negotiation, "book", as_of)
    made = build_book(loaded, at, team_copy)
    with template_errors():
        files = site(made, templates_path(templates), paper)
    inputs = [loaded.path, loaded.agreement.path, *(p.path for p in loaded.proposals)]
    write_folder(Path(output), files, [Path(i) for i in inputs if i])
    click.echo(
        f"wrote {output}/: index.html and {len(made.histories)} clause histories, "
        f"{len(made.packets)} packets, as of {made.chart.as_of}",
        err=True,
    )


def site(book: Book, templates: Path | None, paper: str) -> dict[str, str]:
    """Return every file of the book, by its path in the folder."""
    from contracttools.documents.book import (
        INDEX,
        clause_page,
        history_packets,
        links,
        packet_links,
        packet_page,
    )
    from contracttools.documents.wording import pass_key
    from contracttools.writers import pages
    from contracttools.writers.options import Options
    from contracttools.writers.table import write

    options = Options(paper=paper, templates=templates)
    files = {INDEX: pages.chart_page(book.chart, options, links(book), packet_links(book))}
    for history in book.histories:
        page = pages.history_page(history, options, "../" + INDEX, history_packets(history, book))
        files[clause_page(history.clause)] = page
    for proposal, packet in book.packets:
        shown = Options(
            paper=paper, templates=templates, when=proposal.passed_at, index="../" + INDEX
        )
        content = write("packet", "html", packet, shown)
        assert isinstance(content, str)
        files[packet_page(pass_key(proposal))] = content
    return files


def _earlier_book(folder: Path) -> bool:
    """Return whether a folder may be replaced: it is empty, or holds an earlier book."""
    names = {p.name for p in folder.iterdir()}
    return not names or ("index.html" in names and names <= {"index.html", "clauses", "packets"})


def write_folder(target: Path, files: dict[str, str], inputs: list[Path]) -> None:
    """Write a whole folder or nothing: built in a temporary sibling, then renamed into place
    (an earlier book there is replaced only once the new one is complete)."""
    target = target.absolute()
    parent = target.parent
    if not parent.is_dir():
        raise click.UsageError(f"-o {target}: folder {parent} does not exist")
    if target.exists():
        if not target.is_dir():
            raise click.UsageError(f"-o {target}: not a folder")
        if any(i.resolve().is_relative_to(target.resolve()) for i in inputs):
            raise click.UsageError(f"-o {target} holds input files; choose another folder")
        if not _earlier_book(target):
            raise click.UsageError(
                f"-o {target}: the folder holds other files; give a new or empty folder, or an earlier book"
            )
    try:
        building = Path(tempfile.mkdtemp(dir=parent, prefix=".contracttools-book-"))
    except OSError as err:
        raise OutputProblem(str(target), f"cannot write here: {err.strerror}") from None
    old: Path | None = None
    try:
        for name, content in sorted(files.items()):
            path = building / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            path.chmod(0o644)
        for folder in [building, *(p for p in building.rglob("*") if p.is_dir())]:
            folder.chmod(0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=parent, prefix=".contracttools-old-"))
            os.replace(target, old / "book")
        try:
            os.replace(building, target)
        except BaseException:
            if old is not None:
                os.replace(old / "book", target)
            raise
    except OSError as err:
        raise OutputProblem(str(target), f"cannot write the book: {err.strerror}") from None
    finally:
        with suppress(FileNotFoundError):
            shutil.rmtree(building)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
