"""Amended salary schedules checked against the increase stated beside them.

A proposal item (or a TA with language of its own) that amends the salary-schedule clause
with a new table should print the current agreement's figures raised by the general
increase it states: each figure is compared with ``raise_rate(current figure, increase)``
(:func:`contracttools.costing.schedules.compare`), and each that does not follow is a
warning at the item, worded by ``Mismatch.message()``.

- The increase is the item's own ``general_increase`` (dated as costing dates it); where
  the item states none, the one another item of the same pass states (for a TA, another
  TA); where none does, the table is not compared, and that is said.
- A table of steps is the schedule from the first increase: it is compared with the
  current schedule raised by the first year's increase. A table by year (its columns
  effective dates) has each column dated on or after the first increase compared with the
  column before it (the first with the current schedule), raised by the increase that
  takes effect on its date.
- A table that cannot be read as a schedule, or whose ranges or steps the current one
  lacks, is said once, at the item.

Pure: the negotiation, the costing setup and the schedule clause in, warnings out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from contracttools.body import Table
from contracttools.costing.model import Setup
from contracttools.costing.schedules import Increase, Schedule, compare
from contracttools.costing.tables import NotASchedule, SalaryTable, first_table, read_table
from contracttools.costing.terms import position
from contracttools.model import Clause, Negotiation
from contracttools.problems import Location, Problem

Terms = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Amended:
    """One amendment of the schedule clause: where it is, whose it is, what it says."""

    at: Location
    what: str
    """"item" or "TA"."""
    who: str
    """"guild #2", "the TA of 2023-04-30"."""
    text: str
    terms: Terms
    """The terms that give its increase: its own, else its pass's."""


def schedule_warnings(negotiation: Negotiation, setup: Setup, clause: Clause) -> list[Problem]:
    """Return a warning for each figure of an amended schedule that does not follow from
    the current schedule and the increase stated beside it (see the module)."""
    table = first_table(clause.text)
    if table is None:
        return []  # the costing file's reading says so
    try:
        current = read_table(table)
    except NotASchedule:
        return []  # the costing file's reading says so
    found: list[Problem] = []
    for amended in _amendments(negotiation, clause):
        new = first_table(amended.text)
        if new is not None:  # amended words without a table: nothing to compare
            found.extend(_check(amended, current, new, setup, clause))
    return found


def _amendments(negotiation: Negotiation, clause: Clause) -> Iterable[Amended]:
    for proposal in negotiation.proposals:
        given = _increase_terms(item.terms for item in proposal.items)
        for item in proposal.items:
            if item.clause != clause.id or item.action != "amend" or not item.text:
                continue
            at = item.spots.get("clause") or item.at or Location(proposal.path)
            terms = item.terms if "general_increase" in item.terms else given
            yield Amended(at, "item", proposal.label, item.text, terms)
    agreed = _increase_terms(ta.terms for ta in negotiation.tentative_agreements)
    for ta in negotiation.tentative_agreements:
        if ta.clause != clause.id or not ta.text:
            continue
        at = ta.spots.get("clause") or ta.at or Location(negotiation.path)
        terms = ta.terms if "general_increase" in ta.terms else agreed
        yield Amended(at, "TA", f"the TA of {ta.date.isoformat()}", ta.text, terms)


def _increase_terms(all_terms: Iterable[Terms]) -> Terms:
    """Return the first terms that state a general increase, else none."""
    return next((t for t in all_terms if "general_increase" in t), {})


Pair = tuple[str, Schedule, Schedule, Increase]
"""What a stated table is compared as: a label, the schedule before, the stated one, the
increase between them."""


def _check(
    amended: Amended, current: SalaryTable, table: Table, setup: Setup, clause: Clause
) -> list[Problem]:
    what = f"{amended.who} amends {clause.number} {clause.title}".strip()

    def warn(message: str) -> Problem:
        return Problem(amended.at, f"{amended.what} '{clause.id}': {what}: {message}")

    stated_position, problems = position(setup, amended.terms)
    if problems:
        return [warn(f"{'; '.join(problems)}: its figures are not checked")]
    if not stated_position.increases:
        return [warn("no general_increase is stated beside it: its figures are not checked")]
    unit = setup.schedule.unit if setup.schedule is not None else "annual"
    changes = sorted(stated_position.increases, key=lambda change: change.effective)
    try:
        previous = current.schedule(unit, changes[0].effective)
    except NotASchedule as err:
        return [warn(f"the current schedule: {err}: its figures are not checked")]
    try:
        stated = read_table(table)
    except NotASchedule as err:
        return [warn(f"its table cannot be read as a salary schedule: {err}")]
    try:
        pairs = _pairs(stated, previous, changes)
    except NotASchedule as err:
        return [warn(str(err))]
    found = []
    unmatched = _unmatched(previous, pairs[0][2])
    if unmatched is not None:
        found.append(warn(unmatched))
    for label, old, new, change in pairs:
        found.extend(warn(label + m.message()) for m in compare(old, new, change))
    return found


def _pairs(stated: SalaryTable, previous: Schedule, changes: list[Increase]) -> list[Pair]:
    """Return what to compare: a table of steps with the first increase; each column of a
    table by year dated from the first increase on with the one before and its increase.
    NotASchedule where a column has no increase on its date, or no column is new."""
    first = changes[0]
    if not stated.dated:
        return [("", previous, stated.steps(previous.unit), first)]
    by_date = {change.effective: change for change in changes}
    pairs: list[Pair] = []
    before = previous
    for index, day in enumerate(stated.days):
        if day is None or day < first.effective:
            continue
        column = stated.column(index, previous.unit)
        change = by_date.get(day)
        if change is None:
            raise NotASchedule(
                f"its column '{stated.columns[index]}' is dated when no stated increase "
                "takes effect: its figures are not checked"
            )
        pairs.append((f"'{stated.columns[index]}': ", before, column, change))
        before = column
    if not pairs:
        raise NotASchedule(
            f"no column of its table is dated on or after {first.effective.isoformat()}, "
            "the first increase: its figures are not checked"
        )
    return pairs


def _unmatched(previous: Schedule, stated: Schedule) -> str | None:
    """Say which ranges and steps of ``stated`` the current schedule lacks, or None."""
    ranges = [r for r in stated.ranges if r not in previous.ranges]
    steps = [s for s in stated.steps if s not in previous.steps]
    if not ranges and not steps:
        return None
    if len(ranges) == len(stated.ranges) or len(steps) == len(stated.steps):
        return (
            "its table cannot be read as a salary schedule: none of its ranges or steps "
            "is the current schedule's"
        )
    said = [*(f"range {r}" for r in ranges), *(f"step {s}" for s in steps)]
    return f"{', '.join(said)} not in the current schedule: not compared"
