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

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateNotFound
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from contracttools.errors import TemplateProblem
from contracttools.resources import templates_dir

MAX_SIZE = 100_000
"""The longest string or list a user template may build with `*`, the largest `**` result."""


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


class UserEnvironment(_NotesHidden, SandboxedEnvironment):
    """A user's templates: the sandbox, no notes, and no string or number made huge."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
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
