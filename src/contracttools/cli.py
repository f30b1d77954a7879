"""The command line: the only place that touches files and the terminal.

Heavy writers (WeasyPrint, python-docx) are imported only by the commands that need
them, so that `--help` and `check` start fast.
"""

from __future__ import annotations

import difflib
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from contracttools import __version__
from contracttools.problems import ContractFileError

if TYPE_CHECKING:
    from contracttools.model import Negotiation
    from contracttools.readers import Loaded
    from contracttools.redline import Redline

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


def write_output(target: str, content: str | bytes, inputs: tuple[str, ...]) -> None:
    """Write a whole output file or nothing: a temporary file renamed into place."""
    for source in inputs:
        if os.path.exists(target) and os.path.samefile(target, source):
            raise click.UsageError(f"-o {target} would overwrite an input file")
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        raise click.UsageError(f"-o {target}: folder {folder} does not exist")
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".contracttools-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.remove(temporary)
        raise


def use_color(choice: str, to_file: bool) -> bool:
    """Return whether to colour: never into a file, `always` wins, else a terminal without NO_COLOR."""
    if to_file or choice == "never":
        return False
    if choice == "always":
        return True
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _comparable(path: str, loaded: object) -> None:
    from contracttools.model import Agreement, Proposal

    if not isinstance(loaded, Agreement | Proposal):
        raise click.UsageError(f"{path}: diff compares agreements and proposals, not a negotiation")


TEXT_FORMATS = ("text", "json", "markdown")
PAGE_FORMATS = ("html", "pdf", "docx")
LATER_FORMATS: tuple[str, ...] = ()
templates_option = click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False),
    help="A folder of templates that override the shipped ones.",
)
redline_option = click.option(
    "--redline",
    "mode",
    type=click.Choice(["tracked", "visual"]),
    default="tracked",
    show_default=True,
    help="Word output: real tracked changes, or a frozen copy with the marks as formatting.",
)
paper_option = click.option(
    "--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True
)


@main.command()
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", help="Write to this file; its extension picks the format.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(TEXT_FORMATS + PAGE_FORMATS + LATER_FORMATS),
    help="Output format (default: from -o's extension, else text).",
)
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True
)
@click.option("--all", "every", is_flag=True, help="Show unchanged clauses too.")
@click.option(
    "--stat", is_flag=True, help="One line per changed clause with words inserted and deleted."
)
@redline_option
@click.option(
    "--author", help="Word output: the author of the revisions (default: the proposing party)."
)
@click.option(
    "--revision-date",
    type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"]),
    help="Word output: the date of the revisions (default: when the proposal was passed, or the agreement took effect).",
)
@templates_option
@paper_option
def diff(
    old: str,
    new: str,
    output: str | None,
    fmt: str | None,
    color: str,
    every: bool,
    stat: bool,
    templates: str | None,
    paper: str,
    mode: str,
    author: str | None,
    revision_date: datetime | None,
) -> None:
    """Redline two agreements or proposals, clause by clause (exit 1 if they differ)."""
    from contracttools.readers import load_in_context
    from contracttools.redline import compare

    fmt = fmt or _format_of(output)
    if fmt in LATER_FORMATS:
        raise click.UsageError(
            f"the {fmt} format is not available yet; use text, json, markdown, html or pdf"
        )
    if fmt in ("pdf", "docx") and output is None:
        raise click.UsageError(f"{fmt.upper()} output needs -o FILE.{fmt}")
    with reporting():
        (first, _), (second, context) = load_in_context(old), load_in_context(new)
    _comparable(old, first)
    _comparable(new, second)
    redline = compare(first, second)  # type: ignore[arg-type]
    colored = use_color(color, output is not None)
    if fmt == "docx":
        from contracttools.writers import docx

        name, when = revision_stamp(second, context)
        with template_errors():
            document = docx.write_redline(
                redline,
                docx.WordOptions(mode == "tracked", Path(templates) if templates else None, every),
                author or name,
                _aware(revision_date) or when,
            )
        assert output is not None
        write_output(output, document, (old, new))
        sys.exit(1 if redline.changed else 0)
    if fmt in PAGE_FORMATS:
        from contracttools.writers.html import PageOptions, write_redline

        options = PageOptions(paper, Path(templates) if templates else None, every)
        with template_errors():
            page = write_redline(redline, options)
        content = pdf_bytes(page, templates) if fmt == "pdf" else page
        if output:
            write_output(output, content, (old, new))
        else:
            click.echo(page, nl=False)
        sys.exit(1 if redline.changed else 0)
    text = render(redline, fmt, colored, every, stat)
    if output:
        write_output(output, text, (old, new))
    else:
        click.echo(text, nl=False, color=colored)
    sys.exit(1 if redline.changed else 0)


@contextmanager
def template_errors() -> Iterator[None]:
    """Report a template's mistake as `path:line:column: message`, exit 2."""
    from jinja2 import TemplateError, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    try:
        yield
    except TemplateSyntaxError as err:
        where = err.filename or err.name or "template"
        click.echo(f"{where}:{err.lineno}:1: template error: {err.message}", err=True)
        raise ProblemsReported() from None
    except (TemplateError, SecurityError) as err:
        click.echo(f"template error: {err}", err=True)
        raise ProblemsReported() from None


def pdf_bytes(page: str, templates: str | None) -> bytes:
    """Return the PDF of an HTML page, reading only from the template folders."""
    import logging

    from contracttools.templating import template_folders
    from contracttools.writers import pdf

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    folders = template_folders(templates)
    base = next((f for f in folders if (f / "contracttools.css").is_file()), folders[-1])
    return pdf.write(page, folders, base)


def revision_stamp(document: Loaded, negotiation: Negotiation | None) -> tuple[str, datetime]:
    """Return who made a document's changes and when: the party and when it passed,
    or, for an agreement, "contracttools" and the day it took effect."""
    from contracttools.model import Proposal

    if isinstance(document, Proposal):
        party = negotiation.parties.get(document.party) if negotiation else None
        return (party.name if party else document.party), document.passed_at
    effective = getattr(document, "effective", None)
    day = effective or date.today()
    return "contracttools", datetime(day.year, day.month, day.day, tzinfo=UTC)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _format_of(output: str | None) -> str:
    from contracttools.writers import FORMATS

    if output is None:
        return "text"
    extension = os.path.splitext(output)[1].lower()
    if extension not in FORMATS:
        raise click.UsageError(f"-o {output}: unknown extension '{extension}'; use --format")
    return FORMATS[extension]


def render(redline: Redline, fmt: str, color: bool, every: bool, stat: bool) -> str:
    """Return the redline in one of the text formats."""
    if fmt == "json":
        from contracttools.writers import json

        return json.write(redline)
    if fmt == "markdown":
        from contracttools.writers import markdown

        return markdown.write(redline, every)
    from contracttools.writers import terminal

    options = terminal.TerminalOptions(color=color, all=every)
    return terminal.write_stat(redline, options) if stat else terminal.write(redline, options)


@main.command()
@click.argument("proposal", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, help="The packet file: .pdf, .html or .docx.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(PAGE_FORMATS + LATER_FORMATS),
    help="Output format (default: from -o's extension).",
)
@click.option(
    "--against",
    type=click.Path(exists=True, dir_okay=False),
    help="Redline against the other party's proposal, not the agreement.",
)
@click.option(
    "--signoff", is_flag=True, help="A tentative-agreement block (initials, date) after each item."
)
@click.option(
    "--include-notes", is_flag=True, help="A team copy with internal notes, stamped CONFIDENTIAL."
)
@templates_option
@paper_option
@redline_option
def packet(
    proposal: str,
    output: str,
    fmt: str | None,
    against: str | None,
    signoff: bool,
    include_notes: bool,
    templates: str | None,
    paper: str,
    mode: str,
) -> None:
    """Write the redlined proposal packet: cover, index of items, redlined items."""
    from contracttools.model import Proposal
    from contracttools.packet import build_packet
    from contracttools.readers import load_in_context

    fmt = fmt or _format_of(output)
    if fmt not in PAGE_FORMATS:
        raise click.UsageError(f"a packet is written as PDF, HTML or DOCX, not {fmt}")
    with reporting():
        document, negotiation = load_in_context(proposal)
        other = load_in_context(against)[0] if against else None
    if not isinstance(document, Proposal):
        raise click.UsageError(f"{proposal}: packet takes a proposal file")
    if other is not None and not isinstance(other, Proposal):
        raise click.UsageError(f"{against}: --against takes a proposal file")
    assembled = build_packet(document, negotiation, other, signoff, include_notes)
    folder = Path(templates) if templates else None
    content: str | bytes
    if fmt == "docx":
        from contracttools.writers import docx

        with template_errors():
            content = docx.write_packet(
                assembled, docx.WordOptions(mode == "tracked", folder), document.passed_at
            )
    else:
        from contracttools.writers.html import PageOptions, write_packet

        with template_errors():
            page = write_packet(
                assembled, PageOptions(paper, folder), document.passed_at.isoformat()
            )
        content = pdf_bytes(page, templates) if fmt == "pdf" else page
    inputs = (proposal,) + ((against,) if against else ())
    write_output(output, content, inputs)
    click.echo(f"wrote {output}: {assembled.title}, {len(assembled.items)} items", err=True)


@main.command()
@click.argument("negotiation", type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    help="The summary file: .pdf, .html, .docx or .md (default: Markdown on screen).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["markdown", "html", "pdf", "docx"]),
    help="Output format (default: from -o's extension).",
)
@click.option(
    "--as-of",
    help="Summarize the talks as they stood then: a date (2023-04-12), a proposal file, or PARTY-N (producers-1).",
)
@click.option(
    "--with-language",
    is_flag=True,
    help="Add the tentatively agreed language, redlined against the current contract.",
)
@click.option(
    "--team-copy",
    is_flag=True,
    help="Add the internal notes and stamp every page CONFIDENTIAL. Never for members.",
)
@templates_option
@paper_option
def summary(
    negotiation: str,
    output: str | None,
    fmt: str | None,
    as_of: str | None,
    with_language: bool,
    team_copy: bool,
    templates: str | None,
    paper: str,
) -> None:
    """Write the member-facing summary: where each side stands, in plain language."""
    from contracttools.model import Negotiation as NegotiationModel
    from contracttools.readers import load
    from contracttools.standing import moment
    from contracttools.summary import build_summary

    fmt = fmt or (_format_of(output) if output else "markdown")
    if fmt not in ("markdown", "html", "pdf", "docx"):
        raise click.UsageError(f"a summary is written as Markdown, HTML, PDF or DOCX, not {fmt}")
    if fmt in ("pdf", "docx") and output is None:
        raise click.UsageError(f"{fmt.upper()} output needs -o FILE.{fmt}")
    with reporting():
        loaded = load(negotiation)
    if not isinstance(loaded, NegotiationModel):
        raise click.UsageError(f"{negotiation}: summary takes a negotiation manifest or its folder")
    until = _as_of(loaded, as_of)
    at = moment(loaded, until)
    made = build_summary(loaded, at, with_language, team_copy)
    union = next((p for p in loaded.parties.values() if p.role == "union"), None)
    author = union.name if union else ""
    when = datetime(at.day.year, at.day.month, at.day.day, tzinfo=UTC)
    folder = Path(templates) if templates else None
    content: str | bytes
    if fmt == "markdown":
        from contracttools.writers import markdown

        content = markdown.write_summary(made)
    elif fmt == "docx":
        from contracttools.writers import docx

        with template_errors():
            content = docx.write_summary(made, docx.WordOptions(True, folder), author, when)
    else:
        from contracttools.writers.html import PageOptions, write_summary

        with template_errors():
            page = write_summary(made, PageOptions(paper, folder), author)
        content = pdf_bytes(page, templates) if fmt == "pdf" else page
    if output:
        write_output(output, content, (negotiation,))
        click.echo(f"wrote {output}: as of {made.day}, reading level grade {made.grade}", err=True)
    else:
        assert isinstance(content, str)
        click.echo(content, nl=False)


def _as_of(negotiation: Negotiation, value: str | None) -> date | datetime | None:
    """Return the moment --as-of names: a date, a listed proposal's file, or PARTY-N."""
    import re

    if value is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise click.UsageError(f"--as-of {value}: not a date") from None
    for proposal in negotiation.proposals:
        label = f"{proposal.party}-{proposal.number}"
        if value == label or (os.path.exists(value) and os.path.samefile(value, proposal.path)):
            return proposal.passed_at
    labels = ", ".join(f"{p.party}-{p.number}" for p in negotiation.proposals)
    raise click.UsageError(
        f"--as-of {value}: not a date (YYYY-MM-DD), nor a listed proposal ({labels})"
    )


@main.group()
def templates() -> None:
    """Work with the templates outputs are made from."""


@templates.command("export")
@click.argument("folder", type=click.Path(file_okay=False))
def export_templates(folder: str) -> None:
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


@main.command("git-diff", hidden=True)
@click.argument("args", nargs=-1)
def git_diff(args: tuple[str, ...]) -> None:
    """Act as git's external diff driver (see docs/git.md)."""
    if len(args) not in (7, 9):
        raise click.UsageError("git-diff takes the 7 (or 9) arguments git gives an external diff")
    path, old_file, _, _, new_file = args[:5]
    new_path = args[7] if len(args) == 9 else path
    click.echo(f"diff --contracttools a/{path} b/{new_path}")
    click.echo(git_redline(path, old_file, new_path, new_file), nl=False)


def git_redline(old_path: str, old_file: str, new_path: str, new_file: str) -> str:
    """Return the redline of two versions git hands over, or a plain diff if they do not load."""
    from contracttools.readers import load
    from contracttools.redline import compare

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
    _comparable(old_path, old)
    _comparable(new_path, new)
    redline = compare(old, new)  # type: ignore[arg-type]
    return render(redline, "text", use_color("auto", False), False, False)


def _empty_like(document: Loaded | None) -> Loaded | None:
    """Return an empty document of the same kind: what a file added or deleted is compared with."""
    from dataclasses import replace

    from contracttools.model import Agreement, Proposal

    if isinstance(document, Agreement):
        return replace(document, clauses=(), title="(no file)")
    if isinstance(document, Proposal):
        return replace(document, items=(), title="(no file)")
    return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
