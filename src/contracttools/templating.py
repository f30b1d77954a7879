"""The Jinja environment every writer renders through.

Shipped templates come from the package; a user's folder (`--templates DIR`) overrides
them one file at a time and then everything runs in Jinja's sandbox.  Every template is
autoescaped, the shared text macros too (a macro from an unescaped template would come
back as safe markup and slip past escaping), so clause text is always data; writers
that need plain text (Word) unescape what they get.  A missing variable is an error,
never silent empty text.

Templates are read only from inside their folders (a link out of `--templates` is not
followed, as WeasyPrint's fetcher loads nothing outside them), in UTF-8.  No template
sees an internal note of the files: the model's `note` fields read as undefined (an
assembled team copy carries its notes in fields of its own).
"""

from __future__ import annotations

import functools
import os
import re
import signal
import string
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined, Template, TemplateNotFound
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from contracttools.errors import TemplateProblem
from contracttools.resources import templates_dir

MAX_SIZE = 100_000
"""The longest string or list a user template may build with `*`, the widest padding a
format (`%`, `format`, `center`, `indent`) may ask for, the largest `**` result."""
MAX_OUTPUT = 50 * 2**20
"""The most characters a user template may write (a 2,000-page book is about 20 MB)."""
MAX_SECONDS = 10
"""The longest a user template may run, in seconds."""
MAX_MEMORY = 2**30
"""The most memory a user template may take beyond what the run holds already, in bytes."""
_WIDTH = re.compile(r"\d+")


class FolderLoader(BaseLoader):
    """Load templates from folders, first match wins, never from outside a folder."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = [folder.resolve() for folder in folders]

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses '..'
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if not path.is_file():
                continue
            if not path.resolve().is_relative_to(folder):
                raise TemplateProblem(f"{template} leads outside the template folder", str(path))
            data = path.read_bytes()
            try:
                source = data.decode("utf-8")
            except UnicodeDecodeError as err:
                line = data[: err.start].count(b"\n") + 1
                raise TemplateProblem(
                    f"invalid UTF-8 (byte 0x{data[err.start]:02x}); save the template as UTF-8",
                    str(path),
                    line,
                ) from None
            return source, str(path), _unchanged(path)
        raise TemplateNotFound(template)


def _unchanged(path: Path) -> Callable[[], bool]:
    """Return a check that a loaded template's file is still as it was."""
    mtime = path.stat().st_mtime
    return lambda: path.is_file() and path.stat().st_mtime == mtime


def _hides_notes(obj: Any, attribute: Any) -> bool:
    """Return whether an attribute is an internal note of the files (model objects only)."""
    if attribute != "note":
        return False
    from contracttools import model

    return isinstance(obj, model.Item | model.Proposal | model.Valuation)


class _NotesHidden(Environment):
    """An environment in which the model's notes read as undefined."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if _hides_notes(obj, attribute):
            return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if _hides_notes(obj, argument):
            return self.undefined(obj=obj, name=argument)
        return super().getitem(obj, argument)


class ContractEnvironment(_NotesHidden):
    """The shipped templates' environment: the model's notes read as undefined."""


def _wide(spec: str) -> bool:
    """Return whether a format spec asks for a width or precision beyond MAX_SIZE."""
    return any(int(found) > MAX_SIZE for found in _WIDTH.findall(spec[:100]) if len(found) < 50)


def _bounded_width(name: str, original: Callable[..., Any], at: int) -> Callable[..., Any]:
    """Return a filter that refuses a width argument (at position `at`) beyond MAX_SIZE.

    It keeps the original's Jinja marks (`pass_environment`: `wordwrap` takes the
    environment first), so the width sits one place later for such a filter."""
    if getattr(original, "jinja_pass_arg", None) is not None:
        at += 1

    @functools.wraps(original)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        width = args[at] if len(args) > at else kwargs.get("width")
        if isinstance(width, int) and abs(width) > MAX_SIZE:
            raise OverflowError(f"{name}({width}) is too wide for a template")
        return original(*args, **kwargs)

    return bounded


@contextmanager
def _bounds(name: str) -> Iterator[None]:
    """Bound a user template's run: MAX_SECONDS of time (where a timer can be set: the
    main thread) and MAX_MEMORY more memory than the run holds already."""
    import resource

    def late(signum: int, frame: Any) -> None:
        raise TemplateProblem(f"ran longer than {MAX_SECONDS} s; refused (a loop too long?)", name)

    timed = threading.current_thread() is threading.main_thread()
    previous_handler = signal.signal(signal.SIGALRM, late) if timed else None
    if timed:
        signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    limits = resource.getrlimit(resource.RLIMIT_AS)
    try:
        with open("/proc/self/statm") as statm:
            held = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        cap = held + MAX_MEMORY
        if limits[1] == resource.RLIM_INFINITY or cap < limits[1]:
            resource.setrlimit(resource.RLIMIT_AS, (cap, limits[1]))
    except (OSError, ValueError):
        limits = None  # type: ignore[assignment]
    try:
        yield
    except MemoryError:
        raise TemplateProblem(
            f"took more than {MAX_MEMORY // 2**20} MB of memory; refused", name
        ) from None
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_handler)
        if limits is not None:
            resource.setrlimit(resource.RLIMIT_AS, limits)


class BoundedTemplate(Template):
    """A user's template: its output, time and memory bounded (see `_bounds`)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        name = self.filename or self.name or "template"
        with _bounds(name):
            out, size = [], 0
            for chunk in self.generate(*args, **kwargs):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise TemplateProblem(
                        f"wrote more than {MAX_OUTPUT // 2**20} MB; refused (a loop too long?)",
                        name,
                    )
                out.append(chunk)
            return "".join(out)


class UserEnvironment(_NotesHidden, SandboxedEnvironment):
    """A user's templates: the sandbox, no notes, no string or number made huge, and
    output, time and memory bounded."""

    intercepted_binops = frozenset({"*", "**", "%"})
    template_class = BoundedTemplate

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, at in (("center", 1), ("indent", 1), ("wordwrap", 1), ("truncate", 1)):
            self.filters[name] = _bounded_width(name, self.filters[name], at)
        original_format = self.filters["format"]

        def format_filter(value: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(value, str) and _wide(value):
                raise OverflowError("a format this wide is too large for a template")
            return original_format(value, *args, **kwargs)

        self.filters["format"] = format_filter

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt = value.__self__

        def bounded(*args: Any, **kwargs: Any) -> str:
            for _, _, spec, _ in string.Formatter().parse(fmt):
                if spec and _wide(spec):
                    raise OverflowError("a format this wide is too large for a template")
            assert wrapped is not None
            return wrapped(*args, **kwargs)

        return bounded

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "%":
            if isinstance(left, str) and _wide(left):
                raise OverflowError("a format this wide is too large for a template")
            return left % right
        numbers = isinstance(left, int | float) and isinstance(right, int | float)
        if operator == "**":
            if numbers and abs(right) > 64 and abs(left) > 1:
                raise OverflowError(f"{left} ** {right} is too large for a template")
            return left**right
        sized = left if isinstance(left, str | list | tuple) else right
        times = right if sized is left else left
        if not numbers and isinstance(times, int) and len(sized) * times > MAX_SIZE:
            raise OverflowError(f"a result longer than {MAX_SIZE:,} is too large for a template")
        return left * right


def environment(user_dir: str | Path | None = None) -> Environment:
    """Return the environment for the shipped templates, overridden by user_dir."""
    cls = UserEnvironment if user_dir is not None else ContractEnvironment
    env = cls(
        loader=FolderLoader(list(template_folders(user_dir))),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def template_folders(user_dir: str | Path | None = None) -> tuple[Path, ...]:
    """Return the folders templates (and the files they use) may come from."""
    folders = [templates_dir()]
    if user_dir is not None:
        folders.insert(0, Path(user_dir))
    return tuple(folder.resolve() for folder in folders)


def template_place(error: BaseException) -> tuple[str, int] | None:
    """Return the template file and line an error was raised at, if it was in a template.

    Jinja rewrites a traceback so that template code shows as frames of the template
    file at its line; the innermost such frame is where the template went wrong.
    """
    import traceback

    place = None
    for frame in traceback.extract_tb(error.__traceback__):
        if not frame.filename.endswith(".py") and os.path.isfile(frame.filename):
            place = (frame.filename, frame.lineno or 1)
    return place
