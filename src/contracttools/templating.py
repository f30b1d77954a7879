"""The Jinja environment every writer renders through.

Shipped templates come from the package; a user's folder (`--templates DIR`) overrides
them one file at a time and then everything runs in Jinja's sandbox.  Every template is
autoescaped, the shared text macros too (a macro from an unescaped template would come
back as safe markup and slip past escaping), so clause text is always data; writers
that need plain text (Word) unescape what they get.  A missing variable is an error,
never silent empty text.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from contracttools.resources import templates_dir


def environment(user_dir: str | Path | None = None) -> Environment:
    """Return the environment for the shipped templates, overridden by user_dir."""
    folders = [str(templates_dir())]
    if user_dir is not None:
        folders.insert(0, str(user_dir))
    cls = SandboxedEnvironment if user_dir is not None else Environment
    env = cls(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
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
