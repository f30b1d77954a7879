"""What every command shares: options, writing outputs, colour, reading --as-of."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from contracttools.commands.output import file_mode
from contracttools.errors import OutputProblem, TemplateProblem

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    from contracttools.model import Negotiation
    from contracttools.negotiation import Moment
    from contracttools.readers import Loaded
    from contracttools.writers.options import Options
    from contracttools.writers.table import Kind

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
marks_option = click.option(
    "--marks",
    type=click.Choice(["plain", "brackets"]),
    default="plain",
    show_default=True,
    help="PDF, HTML, visual DOCX: also print [+ +] and [- -] around changes "
    "(a PDF's text layer always has them).",
)
color_option = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="On screen: always colour, never, or auto (a terminal without NO_COLOR set). "
    "Never into a file.",
)
paper_option = click.option(
    "--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True
)
as_of_option = click.option(
    "--as-of",
    help="As things stood then: a date (2023-04-12), a proposal file, or PARTY-N (producers-1).",
)


def format_option(
    kind: Kind, help: str = "Output format (default: from -o's extension)."
) -> Callable[[F], F]:
    """Return the --format option offering every format the writer table has for `kind`."""
    from contracttools.writers.table import formats

    option: Callable[[F], F] = click.option(
        "-f", "--format", "fmt", type=click.Choice(formats(kind)), help=help
    )
    return option


def output_format(kind: Kind, output: str | None, fmt: str | None, default: str) -> str:
    """Return the format to write `kind` in; a usage error when there is none such, or
    when --format and -o's extension disagree.  -o naming a folder is refused first."""
    from contracttools.writers import FORMATS
    from contracttools.writers.table import BINARY, format_for

    if output is not None and os.path.isdir(output):
        raise OutputProblem(output, "is a folder; give a file name")
    if output is not None and fmt is not None:
        implied = FORMATS.get(os.path.splitext(output)[1].lower())
        if implied is not None and implied != fmt:
            raise click.UsageError(
                f"--format {fmt} and -o {output} disagree (that name is for {implied}); "
                "make them agree"
            )
    try:
        chosen = format_for(kind, output, fmt, default)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    if chosen in BINARY and output is None:
        raise click.UsageError(f"{chosen.upper()} output needs -o FILE.{chosen}")
    return chosen


def write_document(
    kind: Kind,
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
        _refuse_templates(output, options.templates)
        private = bool(getattr(document, "confidential", False))  # a team copy
        write_output(output, content, inputs, private)
    else:
        assert isinstance(content, str)
        click.echo(content, nl=False, color=options.color)


def writing_progress(fmt: str) -> AbstractContextManager[object]:
    """Return the progress to show while a document is written in `fmt`."""
    from contracttools.commands.progress import pages_progress, progress

    if fmt == "pdf":
        return pages_progress()
    return progress(f"Writing the {fmt.upper()}")


def _refuse_templates(target: str, templates: Path | None) -> None:
    """Refuse to write over a template: the templates a run uses are among its inputs."""
    from contracttools.templating import template_folders

    if not os.path.isfile(target):
        return
    real = Path(target).resolve()
    for folder in template_folders(templates):
        if real.is_relative_to(folder):
            raise OutputProblem(target, f"would overwrite a template in {folder}; write elsewhere")


def write_output(
    target: str, content: str | bytes, inputs: tuple[str, ...] = (), private: bool = False
) -> None:
    """Write a whole output file or nothing: a temporary file renamed into place.

    Refuse a target that is one of the run's inputs (named in `inputs`, or read by the
    readers however it was reached).  A new file gets the mode the umask allows (only its
    owner's when `private`: a confidential team copy); a file replaced keeps its mode,
    unless `private`: a team copy is owner-only whatever the file it replaces was.
    A device or a pipe (`-o /dev/stdout`) is written straight into.
    """
    from contracttools.readers import sources

    data = content.encode("utf-8") if isinstance(content, str) else content
    for source in (*inputs, *sorted(sources())):
        if _same_file(target, source):
            raise OutputProblem(
                target, f"would overwrite an input file ({source}); write elsewhere"
            )
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise OutputProblem(target, f"cannot write here: {err.strerror}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputProblem(target, "is a folder; give a file name")
    if info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        _write_into(target, data)
        return
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputProblem(target, "is not a regular file")
    real = os.path.realpath(target)  # through a symbolic link: the file it names is replaced
    folder = os.path.dirname(real)
    if not os.path.isdir(folder):
        raise OutputProblem(
            target, f"folder {os.path.dirname(os.path.abspath(target))} does not exist"
        )
    new_mode = file_mode(private)  # the one writing rule (commands/output.py)
    mode = stat.S_IMODE(info.st_mode) if info is not None and not private else new_mode
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".contracttools-", suffix=".tmp")
    except OSError as err:
        raise OutputProblem(target, f"cannot write here: {err.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, real)
    except OSError as err:
        with suppress(FileNotFoundError):
            os.remove(temporary)
        raise OutputProblem(target, f"cannot write here: {err.strerror}") from None
    except BaseException:
        with suppress(FileNotFoundError):
            os.remove(temporary)
        raise


def _same_file(target: str, source: str) -> bool:
    try:
        return os.path.samefile(target, source)
    except OSError:
        return False


def _write_into(target: str, data: bytes) -> None:
    """Write into a device or a pipe (`-o /dev/stdout`): there is no file to replace."""
    try:
        with open(target, "wb") as stream:
            stream.write(data)
    except OSError as err:
        raise OutputProblem(target, f"cannot write here: {err.strerror}") from None


def use_color(choice: str, to_file: bool) -> bool:
    """Return whether to colour: never into a file, `always` wins, else a terminal without NO_COLOR."""
    if to_file or choice == "never":
        return False
    if choice == "always":
        return True
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@contextmanager
def template_errors() -> Iterator[None]:
    """Turn a template's mistake into a TemplateProblem (`path:line: template error: ...`):
    a syntax error, a missing name, or anything raised while running template code (a
    division by zero, a range too big for the sandbox, a missing macro)."""
    from jinja2 import TemplateError, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    from contracttools.templating import template_place

    try:
        yield
    except TemplateSyntaxError as err:
        where = err.filename or err.name or "template"
        raise TemplateProblem(err.message or str(err), where, err.lineno) from None
    except (TemplateError, SecurityError) as err:
        place = template_place(err)
        if place is None:
            raise TemplateProblem(str(err)) from None
        raise TemplateProblem(str(err), *place) from None
    except (
        ArithmeticError,
        ValueError,
        TypeError,
        LookupError,
        AttributeError,
        MemoryError,
        RecursionError,
    ) as err:
        place = template_place(err)
        if place is None:
            raise
        raise TemplateProblem(f"{type(err).__name__}: {err}", *place) from None


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
    day = effective or datetime.now(UTC).date()  # today in UTC: the same in any time zone
    return "contracttools", datetime(day.year, day.month, day.day, tzinfo=UTC)


def aware(moment: datetime | None) -> datetime | None:
    """Return a moment with a time zone (UTC where it has none), in the years files allow."""
    from contracttools.readers.fields import YEARS

    if moment is not None and not YEARS[0] <= moment.year <= YEARS[1]:
        raise click.UsageError(f"{moment:%Y-%m-%d}: the year must be {YEARS[0]} to {YEARS[1]}")
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
    from contracttools.loading import load
    from contracttools.model import Negotiation

    loaded = load(path)
    if not isinstance(loaded, Negotiation):
        raise click.UsageError(f"{path}: {command} takes a negotiation manifest or its folder")
    warn_cautions(loaded)
    return loaded


def warn_cautions(negotiation: Negotiation) -> None:
    """Print on standard error what deserves a second look in the passes (it stops nothing)."""
    from contracttools.negotiation.cautions import cautions

    for caution in cautions(negotiation):
        click.echo(f"{caution.at}: warning: {caution.message}", err=True)


def negotiation_as_of(path: str, command: str, value: str | None) -> tuple[Negotiation, Moment]:
    """Load the negotiation a command was given, and the moment its --as-of names."""
    from contracttools.negotiation import moment

    loaded = load_negotiation_arg(path, command)
    return loaded, moment(loaded, as_of(loaded, value))
