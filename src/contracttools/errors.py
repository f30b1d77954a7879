"""One hierarchy for every error a user can act on, in the spirit of click's.

Each error knows the lines it prints and its exit status; the command line catches
the base class in one place, so no path through a command ends in a traceback.
"""

from __future__ import annotations

TROUBLE = 2
"""Exit status for anything wrong with the inputs, the templates or the output."""


class ContractToolsError(Exception):
    """Base: an error a user can act on.  Printed as `lines()`, exit `exit_code`."""

    exit_code = TROUBLE

    def lines(self) -> list[str]:
        """Return what to print on stderr, one problem a line."""
        return [str(self)]


class TemplateProblem(ContractToolsError):
    """A template could not be read or rendered: `path:line:1: template error: message`."""

    def __init__(self, message: str, path: str = "template", line: int | None = None) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}:1" if line is not None else path
        super().__init__(f"{where}: template error: {message}")


class OutputProblem(ContractToolsError):
    """An output file could not be written: `path: message`."""

    def __init__(self, path: str, message: str) -> None:
        self.path, self.message = path, message
        super().__init__(f"{path}: {message}")


class InputProblem(ContractToolsError):
    """A file could not be read as what it should be (not a contract file): `path: message`."""

    def __init__(self, path: str, message: str) -> None:
        self.path, self.message = path, message
        super().__init__(f"{path}: {message}")
