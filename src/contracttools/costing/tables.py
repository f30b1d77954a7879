"""Salary tables in clause text, read as schedules: the one reader of them.

A salary table is the first pipe table of a clause: its first column names the rows
(ranges or classifications), its other columns are steps ("Step 1", "2") or effective
dates ("From May 2, 2022", "Effective 2022-05-02": a schedule by year), never a mix.
Names are kept bare ("Range 1" under "Range" is range "1", "Step 3" is step "3"), as a
roster names them; :func:`shown` gives a row back as a reader reads it.

Every cause of a table that is not a schedule is a :class:`NotASchedule` whose message
says what, for the caller to place (the clause, the costing file's ``schedule:``).
Pure: text in, figures out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from contracttools.body import Table, parse_body
from contracttools.costing.money import parse_money
from contracttools.costing.schedules import SHORT, Schedule, Unit

DATED = re.compile(r"(?:(?:from|effective|as of|on)\s+)?(.+?)\s*", re.IGNORECASE)
"""A column heading that is a date: "From May 2, 2022", "Effective 2022-05-02"."""


SHAPES = ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%m/%d/%Y")


class NotASchedule(ValueError):
    """A table that cannot be read as a salary schedule; the message says why."""


@dataclass(frozen=True)
class SalaryTable:
    """A salary table as written: its rows, its columns and every figure."""

    heading: str
    """What the rows are: "Range", "Work", "Classification"."""
    ranges: tuple[str, ...]
    """Each row's bare name."""
    columns: tuple[str, ...]
    """Each column's heading as written (emphasis marks taken off)."""
    days: tuple[date | None, ...]
    """The date each column heading names: all None where the columns are steps."""
    rates: tuple[tuple[Decimal, ...], ...]
    """``rates[r][c]``: row ``ranges[r]`` in column ``columns[c]``."""

    @property
    def dated(self) -> bool:
        """Return whether the columns are effective dates (a schedule by year)."""
        return any(day is not None for day in self.days)

    def steps(self, unit: Unit = "annual") -> Schedule:
        """Return the table as a schedule whose steps are its columns."""
        steps = tuple(_bare(column, "Step") for column in self.columns)
        return Schedule(unit, self.ranges, steps, self.rates)

    def column(self, index: int, unit: Unit = "annual") -> Schedule:
        """Return one column as a schedule of one unnamed step ("")."""
        return Schedule(unit, self.ranges, ("",), tuple((row[index],) for row in self.rates))

    def current(self, before: date) -> int:
        """Return the index of the dated column in force just before ``before``: the last
        one dated earlier. NotASchedule where every column is dated on or after it."""
        earlier = [n for n, day in enumerate(self.days) if day is not None and day < before]
        if not earlier:
            raise NotASchedule(
                f"every column is dated on or after {_long(before)}: no rate in force before it"
            )
        return earlier[-1]

    def schedule(self, unit: Unit = "annual", before: date | None = None) -> Schedule:
        """Return the schedule the table sets: its steps, or (dated by year) the column in
        force just before ``before`` (without ``before``, the last column)."""
        if not self.dated:
            return self.steps(unit)
        index = len(self.columns) - 1 if before is None else self.current(before)
        return self.column(index, unit)


def first_table(text: str) -> Table | None:
    """Return the first table of a clause body with a heading row, a row and two columns."""
    table = next((b for b in parse_body(text) if isinstance(b, Table)), None)
    if table is None or len(table.rows) < 2 or len(table.rows[0]) < 2:
        return None
    return table


def read_table(table: Table) -> SalaryTable:
    """Read a pipe table as a salary table; NotASchedule says every cell that is not a
    figure, or what else is wrong."""
    heading, *columns = (_plain(cell) for cell in table.rows[0])
    days = tuple(_day(column) for column in columns)
    if any(days) and not all(days):
        listed = ", ".join(f"'{c}'" for c in columns)
        raise NotASchedule(f"its columns are neither all steps nor all dates: {listed}")
    ranges, rates, wrong = [], [], []
    for row in table.rows[1:]:
        figures = []
        for n, column in enumerate(columns):
            cell = row[n + 1] if n + 1 < len(row) else ""
            value = parse_money(cell)
            if value is None:
                wrong.append(f"'{cell}' ({shown(heading, row[0])}, {column}) is not an amount")
            figures.append(value or Decimal(0))
        ranges.append(_bare(_plain(row[0]), heading.split()[0] if heading.split() else ""))
        rates.append(tuple(figures))
    if wrong:
        raise NotASchedule("; ".join(wrong))
    steps = [_bare(c, "Step") for c in columns]
    if len(set(ranges)) != len(ranges) or len(set(steps)) != len(steps):
        raise NotASchedule("a row or a column is named twice")
    return SalaryTable(heading, tuple(ranges), tuple(columns), days, tuple(rates))


def clause_schedule(text: str, unit: Unit = "annual", before: date | None = None) -> Schedule:
    """Return the schedule of a clause body's salary table (see SalaryTable.schedule)."""
    table = first_table(text)
    if table is None:
        raise NotASchedule("no salary table (a row a range, a column a step or a date)")
    return read_table(table).schedule(unit, before)


def shown(heading: str, name: str) -> str:
    """Return a row or step as a reader reads it: "Range 1" for a bare "1" under "Range"."""
    text = _plain(name)
    word = heading.split()[0] if heading.split() else ""
    return f"{word} {text}" if word and SHORT.fullmatch(text) else text


def _plain(cell: str) -> str:
    return cell.strip().strip("*").strip()


def _bare(text: str, word: str) -> str:
    """Return "3" for "Step 3" under the word "Step"; any other name as it is."""
    if word and text.lower().startswith(word.lower() + " "):
        return text[len(word) :].strip()
    return text


def _day(text: str) -> date | None:
    """Return the date a column heading names, or None where it is not one."""
    match = DATED.fullmatch(text.strip())
    words = match.group(1) if match else text
    for shape in SHAPES:
        try:
            return datetime.strptime(words.replace(".", ""), shape).date()
        except ValueError:
            continue
    return None


def _long(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"
