"""`contracttools import FILE`: an agreement from Word, PDF, text or Markdown; with
`--amends`, the other side's proposal read from its changes."""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING

import click

from contracttools.commands.common import write_output
from contracttools.commands.reading import page_range as read_pages
from contracttools.commands.reading import read_document, report

if TYPE_CHECKING:
    from contracttools.readers.source import Source

READABLE = (".docx", ".pdf", ".txt", ".text", ".md", ".markdown")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", help="The agreement or proposal file to write (.yaml).")
@click.option(
    "--amends",
    type=click.Path(exists=True, dir_okay=False),
    help="Read the document's changes as a proposal amending this agreement file.",
)
@click.option("--party", help="With --amends: the party whose proposal this is.")
@click.option("--number", type=click.IntRange(min=0), help="With --amends: the proposal's number.")
@click.option(
    "--passed-at",
    help="With --amends: when it was passed, with its zone (2023-04-12T15:30:00-07:00).",
)
@click.option(
    "--marks",
    type=click.Choice(["tracked", "underline-strike"]),
    default="tracked",
    show_default=True,
    help="How the changes are shown: Word's tracked changes, or typed underline (inserted) "
    "and strikethrough (deleted), checked against the agreement's text.",
)
@click.option(
    "--like",
    type=click.Path(exists=True, dir_okay=False),
    help="An earlier version of the agreement: clauses keep the ids they had there.",
)
@click.option("--id", "agreement_id", help="The agreement's id (default: from the file name).")
@click.option(
    "--accept-changes",
    is_flag=True,
    help="Import an agreement from a Word file that still has tracked changes, every change "
    "accepted (without it such a file is refused: its changes may be the other side's).",
)
@click.option(
    "--pages",
    "page_range",
    metavar="FIRST-LAST",
    help="Import only these pages of a PDF (5-62, or 5 for one page).",
)
@click.option(
    "--ocr",
    is_flag=True,
    help="Read the pages of a PDF that have no text layer with Tesseract (tesseract-ocr).",
)
@click.option(
    "--all-notes",
    is_flag=True,
    help="List every point of the report (each word joined at a line-end hyphen too).",
)
def command(
    file: str,
    output: str | None,
    amends: str | None,
    party: str | None,
    number: int | None,
    passed_at: str | None,
    marks: str,
    like: str | None,
    agreement_id: str | None,
    accept_changes: bool,
    page_range: str | None,
    ocr: bool,
    all_notes: bool,
) -> None:
    """Import an agreement (or, with --amends, a proposal) from .docx, .pdf, .txt or .md."""
    from contracttools.errors import InputProblem
    from contracttools.importing import import_agreement, import_proposal
    from contracttools.loading import load_proposal
    from contracttools.model import Agreement, Proposal
    from contracttools.readers import load_agreement
    from contracttools.writers.yaml import write_agreement, write_proposal

    extension = os.path.splitext(file)[1].lower()
    if extension not in READABLE:
        raise click.UsageError(f"{file}: import reads .docx, .pdf, .txt and .md files")
    if output is not None and os.path.splitext(output)[1].lower() not in (".yaml", ".yml"):
        raise click.UsageError(f"-o {output}: import writes a YAML file (.yaml)")
    if not os.path.exists(file):
        raise InputProblem(file, "no such file")
    moment = _proposal_options(amends, party, number, passed_at, marks)
    if accept_changes and amends is not None:
        raise click.UsageError("--accept-changes is for an agreement; --amends reads the changes")
    if extension != ".docx" and marks != "tracked":
        raise click.UsageError("--marks underline-strike reads Word documents only")
    pages = read_pages(page_range)
    if (pages is not None or ocr) and extension != ".pdf":
        raise click.UsageError(
            f"{'--pages' if pages is not None else '--ocr'} reads PDF files only"
        )
    source = read_document(file, extension, marks, pages, ocr)
    if amends is not None:
        assert party is not None and number is not None and moment is not None
        base = load_agreement(amends)
        target = os.path.dirname(os.path.abspath(output)) if output else os.getcwd()
        relative = os.path.relpath(os.path.abspath(amends), target)
        imported = import_proposal(source, base, party, number, moment, relative, marks)
        assert isinstance(imported.document, Proposal)
        text = write_proposal(imported.document)
        check_path = output or os.path.join(target, "proposal.yaml")
        load_proposal(check_path, data=text.encode("utf-8"), added_before=imported.added_before)
    else:
        previous = load_agreement(like) if like else None
        name = agreement_id or os.path.splitext(os.path.basename(file))[0]
        source = _changes_accepted(source, accept_changes)
        imported = import_agreement(source, name, previous)
        assert isinstance(imported.document, Agreement)
        text = write_agreement(imported.document)
        load_agreement(output or "agreement.yaml", text.encode("utf-8"))
    report(file, imported.document, imported.notes, output, all_notes)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_output(output, text, tuple(p for p in (file, amends, like) if p))


def _changes_accepted(source: Source, accept: bool) -> Source:
    """Return the source of an agreement import, refusing tracked changes unless accepted."""
    from dataclasses import replace

    from contracttools.errors import InputProblem
    from contracttools.readers.source import Note

    if not source.changes:
        return source
    count = f"{source.changes} tracked change{'s' if source.changes != 1 else ''}"
    whose = f" by {', '.join(source.authors)}" if source.authors else ""
    if not accept:
        raise InputProblem(
            source.path,
            f"has {count}{whose}; import the agreement with --accept-changes (every change "
            "made), or read the changes as a proposal with --amends AGREEMENT",
        )
    note = Note("document", f"accepted {count}{whose} (--accept-changes)")
    return replace(source, notes=(note, *source.notes))


def _proposal_options(
    amends: str | None, party: str | None, number: int | None, passed_at: str | None, marks: str
) -> datetime | None:
    given = {"--party": party, "--number": number, "--passed-at": passed_at}
    if amends is None:
        named = [name for name, value in given.items() if value is not None]
        if named or marks != "tracked":
            raise click.UsageError(f"{', '.join(named) or '--marks'} goes with --amends")
        return None
    missing = [name for name, value in given.items() if value is None]
    if missing:
        raise click.UsageError(f"--amends needs {', '.join(missing)}")
    assert passed_at is not None
    try:
        moment = datetime.fromisoformat(passed_at.replace("Z", "+00:00"))
    except ValueError:
        raise click.UsageError(
            f"--passed-at {passed_at}: not a date and time such as 2023-04-12T15:30:00-07:00"
        ) from None
    if moment.tzinfo is None:
        raise click.UsageError(
            f"--passed-at {passed_at}: add the time zone, e.g. {passed_at}-07:00"
        )
    return moment
