"""Problems found in contract files, reported as `path:line:column: message`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from contracttools.errors import ContractToolsError


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file, at a place in it."""

    at: Location
    message: str

    def __str__(self) -> str:
        """Return `path:line:column: message` on one line, whatever text the message quotes."""
        message = "\\n".join(self.message.splitlines())
        return f"{self.at}: {message}"


class ContractFileError(ContractToolsError):
    """Raised with every problem found, so that all are reported in one run."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        """Return every problem, then how many were found."""
        count = len(self.problems)
        plural = "s" if count != 1 else ""
        return [*(str(p) for p in self.problems), f"{count} problem{plural} found"]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return "; did you mean 'x'?" for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
