"""Where the shipped templates are: inside the installed package, or the source tree's templates/."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """Return the folder of shipped templates."""
    installed = _PACKAGE / "templates"
    if installed.is_dir():
        return installed
    source = _PACKAGE.parent.parent / "templates"  # an editable install runs from src/
    if source.is_dir():
        return source
    raise FileNotFoundError(f"contracttools templates not found in {installed} or {source}")
