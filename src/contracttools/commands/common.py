"""What every command shares: options, writing outputs, colour, reading --as-of."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from contracttools.errors import OutputProblem, TemplateProblem

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    from contracttools.model import Negotiation
    from contracttools.readers import Loaded
    from contracttools.writers.table import Options

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
as_of_option = click.option(
    "--as-of",
    help="As things stood then: a date (2023-04-12), a proposal file, or PARTY-N (producers-1).",
)


def format_option(
    kind: str, help: str = "Output format (default: from -o's extension)."
) -> Callable[[F], F]:
    """Return the --format option offering every format the writer table has for `kind`."""
    from contracttools.writers.table import formats

    option: Callable[[F], F] = click.option(
        "-f", "--format", "fmt", type=click.Choice(formats(kind)), help=help
    )
    return option


def output_format(kind: str, output: str | None, fmt: str | None, default: str) -> str:
    """Return the format to write `kind` in; a usage error when there is none such."""
    from contracttools.writers.table import BINARY, format_for

    try:
        chosen = format_for(kind, output, fmt, default)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    if chosen in BINARY and output is None:
        raise click.UsageError(f"{chosen.upper()} output needs -o FILE.{chosen}")
    return chosen


def write_document(
    kind: str,
    fmt: str,
    document: Any,
    options: Options,
    output: str | None,
    inputs: tuple[str, ...],
) -> None:
    """Write `document` to `output` (whole or not at all), or to stdout when there is none."""
    from contracttools.writers.table import write

    with template_errors(), writing_progress(fmt):
        content = write(kind, fmt, document, options)
    if output is not None:
        write_output(output, content, inputs)
    else:
        assert isinstance(content, str)
        click.echo(content, nl=False, color=options.color)


def writing_progress(fmt: str) -> AbstractContextManager[object]:
    """Return the progress to show while a document is written in `fmt`."""
    from contracttools.commands.progress import pages_progress, progress

    if fmt == "pdf":
        return pages_progress()
    return progress(f"Writing the {fmt.upper()}")


def write_output(target: str, content: str | bytes, inputs: tuple[str, ...]) -> None:
    """Write a whole output file or nothing: a temporary file renamed into place."""
    for source in inputs:
        if os.path.exists(target) and os.path.samefile(target, source):
            raise click.UsageError(f"-o {target} would overwrite an input file")
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        raise click.UsageError(f"-o {target}: folder {folder} does not exist")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".contracttools-", suffix=".tmp")
    except OSError as err:
        raise OutputProblem(target, f"cannot write here: {err.strerror}") from None
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


@contextmanager
def template_errors() -> Iterator[None]:
    """Turn a template's mistake into a TemplateProblem (`path:line: template error: ...`)."""
    from jinja2 import TemplateError, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    try:
        yield
    except TemplateSyntaxError as err:
        where = err.filename or err.name or "template"
        raise TemplateProblem(err.message or str(err), where, err.lineno) from None
    except (TemplateError, SecurityError) as err:
        raise TemplateProblem(str(err)) from None


def templates_path(templates: str | None) -> Path | None:
    """Return the --templates folder as a path."""
    return Path(templates) if templates else None


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


def aware(moment: datetime | None) -> datetime | None:
    """Return a moment with a time zone (UTC where it has none)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def as_of(negotiation: Negotiation, value: str | None) -> date | datetime | None:
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


def load_negotiation_arg(path: str, command: str) -> Negotiation:
    """Load the negotiation a command was given (a manifest or its folder)."""
    from contracttools.model import Negotiation
    from contracttools.readers import load

    loaded = load(path)
    if not isinstance(loaded, Negotiation):
        raise click.UsageError(f"{path}: {command} takes a negotiation manifest or its folder")
    return loaded
