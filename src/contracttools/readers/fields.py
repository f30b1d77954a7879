"""Typed reading of YAML nodes, collecting every problem with its place."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from contracttools.problems import Location, Problem, did_you_mean
from contracttools.readers.nodes import Node

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MAX_DIGITS = 9
"""The most digits a whole number (a proposal's number) may have."""
MAX_AMOUNT = 10**15
"""Amounts of money are below this (a thousand trillion) ..."""
MAX_DECIMALS = 6
"""... with at most this many decimals."""
MAX_PERCENT = 1000
"""A term's percentage is below this: compounded over a term, the figures stay exact."""
YEARS = (1900, 2999)
"""Dates and times fall in these years (a year 9999 is a typo, and overflows time zones)."""


def _quoted(value: str) -> str:
    """Return a value as messages quote it: a long one cut short."""
    return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}...'"


class FieldReader:
    """Reads values out of nodes for one file; problems accumulate in `problems`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, at: Node | Location, message: str, context: str = "") -> None:
        where = at.at if isinstance(at, Node) else at
        self.problems.append(Problem(where, f"{context}{message}"))

    def mapping(
        self,
        node: Node,
        what: str,
        required: Iterable[str],
        optional: Iterable[str] = (),
        context: str = "",
    ) -> dict[str, Node] | None:
        """Return the mapping's values by key, after checking its keys."""
        if node.kind != "map":
            self.problem(node, f"{what} must be a mapping, not {node.describe()}", context)
            return None
        required = tuple(required)
        allowed = (*required, *optional)
        values: dict[str, Node] = {}
        suggested: set[str] = set()
        for key, value in node.pairs:
            if key.kind != "scalar":
                self.problem(key, f"a key in {what} must be a word, not {key.describe()}", context)
                continue
            name = key.text
            if name in values:
                first = values[name].at
                self.problem(
                    key,
                    f"duplicate key '{name}' (first given at line {first.line})",
                    context,
                )
                continue
            if name not in allowed:
                hint = did_you_mean(name, allowed)
                suggested.add(hint.split("'")[1] if hint else "")
                self.problem(key, f"unknown key '{name}' in {what}{hint}", context)
                continue
            values[name] = value
        for name in required:
            if name not in values and name not in suggested:
                self.problem(node, f"{what} is missing required key '{name}'", context)
        return values

    def string(self, node: Node | None, what: str, context: str = "") -> str | None:
        """Return a non-empty text value."""
        if node is None:
            return None
        if node.kind != "scalar" or node.is_null:
            self.problem(node, f"{what} must be text, not {node.describe()}", context)
            return None
        return node.text

    def optional_string(self, node: Node | None, what: str, context: str = "") -> str | None:
        """Return a text value, where nothing (`~` or empty) stands for none."""
        if node is None or node.is_null:
            return None
        return self.string(node, what, context)

    def identifier(self, node: Node | None, what: str, context: str = "") -> str | None:
        """Return a clause or document id."""
        value = self.string(node, what, context)
        if value is not None and node is not None and not ID_PATTERN.match(value):
            self.problem(
                node,
                f"{what} '{shortened(value)}' may hold only letters, digits, '.', '_' and '-'",
                context,
            )
            return None
        return value

    def choice(
        self, node: Node | None, what: str, choices: Iterable[str], context: str = ""
    ) -> str | None:
        """Return a value that must be one of choices."""
        value = self.string(node, what, context)
        choices = tuple(choices)
        if value is not None and node is not None and value not in choices:
            self.problem(
                node,
                f"unknown {what} '{value}' (one of: {', '.join(choices)}){did_you_mean(value, choices)}",
                context,
            )
            return None
        return value

    def integer(self, node: Node | None, what: str, context: str = "") -> int | None:
        """Return a whole number."""
        value = self.string(node, what, context)
        if value is None or node is None:
            return None
        if not re.fullmatch(r"[0-9]+", value):
            self.problem(node, f"{what} must be a whole number, not {_quoted(value)}", context)
            return None
        if len(value.lstrip("0")) > MAX_DIGITS:
            self.problem(
                node,
                f"{what} must be a whole number below {10**MAX_DIGITS:,}, not a number of {len(value)} digits",
                context,
            )
            return None
        return int(value)

    def amount(self, node: Node | None, what: str, context: str = "") -> Decimal | None:
        """Return a sum of money (digits, optional '$', ',' and decimals), below MAX_AMOUNT."""
        value = self.string(node, what, context)
        if value is None or node is None:
            return None
        cleaned = value.replace(",", "").removeprefix("$").replace("_", "")
        try:
            amount = Decimal(cleaned) if re.fullmatch(r"\s*-?[0-9.]+\s*", cleaned) else None
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            self.problem(
                node,
                f"{what} must be an amount of money in digits, such as 74000000 or $1,250.50, not {_quoted(value)}",
                context,
            )
            return None
        if abs(amount) >= MAX_AMOUNT or amount.as_tuple().exponent < -MAX_DECIMALS:  # type: ignore[operator]
            self.problem(
                node,
                f"{what} {_quoted(value)} is out of range: below {MAX_AMOUNT:,}, at most {MAX_DECIMALS} decimals",
                context,
            )
            return None
        return amount

    def figure(self, node: Node | None, what: str, context: str = "") -> str | None:
        """Return a term's figure ("6%", "$70,000"); a percentage must be below MAX_PERCENT."""
        value = self.string(node, what, context)
        if value is None or node is None:
            return None
        percent = re.fullmatch(r"\s*([0-9]+)(?:\.[0-9]+)?\s*%\s*", value)
        if percent and len(percent.group(1).lstrip("0")) > len(str(MAX_PERCENT - 1)):
            self.problem(
                node, f"{what} {_quoted(value)} is out of range: below {MAX_PERCENT:,}%", context
            )
            return None
        return value

    def moment(self, node: Node | None, what: str, context: str = "") -> datetime | None:
        """Return a date and time that carries its zone."""
        value = self.string(node, what, context)
        if value is None or node is None:
            return None
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            self.problem(
                node,
                f"{what} must be a date and time such as 2023-03-20T10:00:00-07:00, not {_quoted(value)}",
                context,
            )
            return None
        if moment.tzinfo is None:
            self.problem(
                node,
                f"{what} '{value}' has no time zone; add one, e.g. '{value}-07:00'",
                context,
            )
            return None
        if not self._in_years(node, what, moment.year, context):
            return None
        return moment

    def _in_years(self, node: Node, what: str, year: int, context: str) -> bool:
        if YEARS[0] <= year <= YEARS[1]:
            return True
        self.problem(
            node, f"{what}: year {year} is out of range ({YEARS[0]} to {YEARS[1]})", context
        )
        return False

    def day(self, node: Node | None, what: str, context: str = "") -> date | None:
        """Return a calendar date (YYYY-MM-DD)."""
        value = self.string(node, what, context)
        if value is None or node is None:
            return None
        try:
            day = date.fromisoformat(value)
        except ValueError:
            self.problem(
                node, f"{what} must be a date such as 2023-05-01, not {_quoted(value)}", context
            )
            return None
        return day if self._in_years(node, what, day.year, context) else None

    def sequence(self, node: Node | None, what: str, context: str = "") -> Sequence[Node]:
        """Return the entries of a list (none for an absent or null value)."""
        if node is None or node.is_null:
            return []
        if node.kind != "seq":
            self.problem(node, f"{what} must be a list, not {node.describe()}", context)
            return []
        return node.items

    def body_line(self, node: Node, offset: int) -> Location:
        """Return the place of line `offset` (0-based) of a text value."""
        if node.block:
            return Location(self.path, node.at.line + 1 + offset, 1)
        return node.at


def shortened(value: str, width: int = 60) -> str:
    """Return a value as a message quotes it: on one line, cut with an ellipsis if long."""
    flat = " ".join(value.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
