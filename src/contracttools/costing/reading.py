"""Read a costing file (``kind: costing``) and the roster it names into a costing Setup.

Every problem is reported as ``path:line:column: what is wrong``; the roster's rows and
names are confidential and never leave the team's own outputs.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date, timedelta
from decimal import Decimal

from contracttools.costing.model import Placement, Setup
from contracttools.costing.money import parse_money, parse_percent
from contracttools.costing.schedules import HOURS_PER_FTE, UNITS, Schedule, Unit
from contracttools.costing.tables import NotASchedule, first_table, read_table
from contracttools.model import Agreement, Clause
from contracttools.problems import ContractFileError, Location, Problem
from contracttools.readers.fields import FieldReader
from contracttools.readers.files import not_a_file, read_file
from contracttools.readers.nodes import Node, parse, read_text

KEYS = ("kind", "base_year", "roster")
OPTIONAL = (
    "rollup",
    "schedule",
    "schedule_unit",
    "hours_per_fte",
    "steps",
    "years",
    "publish",
    "note",
)
PUBLISHABLE = ("compounded_increase", "total_value", "schedule")
"""What the team may let members see of the costing (``publish:``): the compounded general
increase, the agreement's total value over the term, the new salary schedules."""
ROSTER_COLUMNS = ("classification", "salary", "range", "step", "fte", "count", "name", "id")


def load_costing(path: str, agreement: Agreement) -> Setup:
    """Load ``path`` (a costing file) and its roster; raise ContractFileError with every problem."""
    root = parse(path, read_text(path, read_file(path)))
    reader = FieldReader(path)
    fields = reader.mapping(root, "a costing file", KEYS, OPTIONAL)
    if fields is None:
        raise ContractFileError(reader.problems)
    kind = fields.get("kind")
    if kind is not None and (kind.kind != "scalar" or kind.text != "costing"):
        reader.problem(kind, "a costing file has 'kind: costing'")
    start = None
    base_node = fields.get("base_year")
    if base_node is not None:
        base = reader.mapping(base_node, "'base_year'", ("start",), ())
        if base is not None:
            start = reader.day(base.get("start"), "'base_year.start'")
    rollup = _rollup(reader, fields.get("rollup"))
    unit_text = reader.choice(fields.get("schedule_unit"), "'schedule_unit'", UNITS)
    unit: Unit = next((u for u in UNITS if u == unit_text), "annual")
    hours = HOURS_PER_FTE
    if "hours_per_fte" in fields:
        hours = reader.amount(fields["hours_per_fte"], "'hours_per_fte'") or HOURS_PER_FTE
    steps = reader.choice(fields.get("steps"), "'steps'", ("none", "yearly")) or "none"
    years = reader.integer(fields.get("years"), "'years'") if "years" in fields else 3
    schedule = None
    if "schedule" in fields:
        schedule = _schedule(reader, fields["schedule"], agreement, unit, start)
    _publish(reader, fields.get("publish"))
    roster: tuple[Placement, ...] = ()
    roster_node = fields.get("roster")
    roster_name = reader.string(roster_node, "'roster'")
    if roster_name is not None and roster_node is not None:
        target = os.path.join(os.path.dirname(path), roster_name)
        wrong = not_a_file(target)
        if wrong is not None:
            reader.problem(roster_node, f"'roster' names '{roster_name}', which {wrong}")
        else:
            roster = _roster(reader, target, schedule)
    if reader.problems or start is None:
        raise ContractFileError(reader.problems)
    return Setup(
        start,
        roster,
        years or 3,
        rollup,
        schedule,
        hours,
        "yearly" if steps == "yearly" else "none",
    )


def _rollup(reader: FieldReader, node: Node | None) -> Decimal:
    if node is None:
        return Decimal(0)
    if node.kind == "map":
        total = Decimal(0)
        for key, value in node.pairs:
            total += _percent(reader, value, f"roll-up '{key.text}'")
        return total
    return _percent(reader, node, "'rollup'")


def _percent(reader: FieldReader, node: Node, what: str) -> Decimal:
    text = reader.string(node, what)
    value = parse_percent(text) if text is not None else None
    if text is not None and value is None:
        reader.problem(node, f"{what} must be a percentage such as 17.15%, not '{text}'")
    return value or Decimal(0)


def _schedule(
    reader: FieldReader, node: Node, agreement: Agreement, unit: Unit, start: date | None
) -> Schedule | None:
    clause = named_clause(reader, node, agreement)
    if clause is None:
        return None
    # a schedule by year: the column in force on the first day of the base year
    before = start + timedelta(days=1) if start is not None else None
    table = first_table(clause.text)
    if table is None:
        reader.problem(
            node,
            f"clause '{clause.id}' has no salary table (a row a range, a column a step "
            "or an effective date)",
        )
        return None
    try:
        return read_table(table).schedule(unit, before)
    except NotASchedule as err:
        reader.problem(node, f"clause '{clause.id}': salary table: {err}")
        return None


def named_clause(reader: FieldReader, node: Node, agreement: Agreement) -> Clause | None:
    """Return the clause a costing file's ``schedule:`` names; None, with a problem, where
    it names none the agreement has."""
    if node.kind != "scalar" or node.is_null:
        reader.problem(node, f"'schedule' must be a clause id, not {node.describe()}")
        return None
    clause_id = reader.identifier(node, "'schedule'")
    if clause_id is None:
        return None
    clause = agreement.by_id.get(clause_id)
    if clause is None:
        reader.problem(node, f"'schedule' names clause '{clause_id}', which the agreement lacks")
    return clause


def schedule_clause(path: str, agreement: Agreement) -> Clause | None:
    """Return the salary-schedule clause the costing file at ``path`` names (its
    ``schedule:``; nothing else of the team-only file is read, never the roster); None
    where it names none. ContractFileError where it names one the agreement lacks."""
    root = parse(path, read_text(path, read_file(path)))
    node = root.get("schedule") if root.kind == "map" else None
    if node is None:
        return None
    reader = FieldReader(path)
    clause = named_clause(reader, node, agreement)
    if reader.problems:
        raise ContractFileError(reader.problems)
    return clause


def published(path: str) -> tuple[str, ...]:
    """Return what the costing file at ``path`` lets members see (its ``publish:`` list, in
    the order of PUBLISHABLE; nothing else of the team-only file is read, never the
    roster). ContractFileError where the list is not one of PUBLISHABLE's names."""
    root = parse(path, read_text(path, read_file(path)))
    node = root.get("publish") if root.kind == "map" else None
    reader = FieldReader(path)
    found = _publish(reader, node)
    if reader.problems:
        raise ContractFileError(reader.problems)
    return found


def _publish(reader: FieldReader, node: Node | None) -> tuple[str, ...]:
    """Return the names a ``publish:`` list gives, each checked, in PUBLISHABLE's order."""
    names = set()
    for entry in reader.sequence(node, "'publish'"):
        name = reader.choice(entry, "'publish' entry", PUBLISHABLE)
        if name is not None and name in names:
            reader.problem(entry, f"'publish' lists '{name}' twice")
        elif name is not None:
            names.add(name)
    return tuple(name for name in PUBLISHABLE if name in names)


def _roster(reader: FieldReader, path: str, schedule: Schedule | None) -> tuple[Placement, ...]:
    problems = reader.problems
    text = read_text(path, read_file(path))
    lines = text.splitlines()
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header is None:
        problems.append(Problem(Location(path), "the roster is empty: give a header row"))
        return ()
    columns = [cell.strip().lower() for cell in header]
    for number, name in enumerate(columns):
        if name not in ROSTER_COLUMNS:
            problems.append(
                Problem(
                    Location(path, 1, _column(lines[0], number)),
                    f"unknown column '{name}' (one of: {', '.join(ROSTER_COLUMNS)})",
                )
            )
    if "classification" not in columns:
        problems.append(Problem(Location(path), "the roster has no 'classification' column"))
        return ()
    placements = []
    for row in rows:
        line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        cells = dict(zip(columns, (cell.strip() for cell in row), strict=False))

        def at(name: str, line: int = line, row: list[str] = row) -> Location:
            index = columns.index(name) if name in columns else 0
            return Location(
                path, line, _column(lines[line - 1] if line <= len(lines) else "", index)
            )

        def bad(name: str, message: str) -> None:
            problems.append(Problem(at(name), message))

        salary = None
        if cells.get("salary"):
            salary = parse_money(cells["salary"])
            if salary is None:
                bad("salary", f"salary '{cells['salary']}' is not an amount such as 52000")
            elif salary <= 0:
                bad("salary", f"salary '{cells['salary']}' must be above 0")
        range_, step = cells.get("range") or None, cells.get("step") or None
        if salary is None and not cells.get("salary"):
            if range_ is None or step is None:
                bad("classification", "give a salary, or a range and a step on the schedule")
                continue
            if schedule is None:
                bad("range", "a range and step need a 'schedule' in the costing file")
                continue
            if range_ not in schedule.ranges:
                bad("range", f"no range '{range_}' in the schedule ({', '.join(schedule.ranges)})")
                continue
            if step not in schedule.steps:
                bad("step", f"no step '{step}' in the schedule ({', '.join(schedule.steps)})")
                continue
        fte = parse_money(cells["fte"]) if cells.get("fte") else Decimal(1)
        if fte is None or not 0 < fte <= 1:
            bad("fte", f"fte '{cells.get('fte')}' must be a number above 0 and at most 1")
            fte = Decimal(1)
        count = 1
        if cells.get("count"):
            given = cells["count"]
            if given.isascii() and given.isdigit() and int(given) > 0:
                count = int(cells["count"])
            else:
                bad("count", f"count '{cells['count']}' must be a whole number above 0")
        if not cells.get("classification"):
            bad("classification", "give the row's classification")
        placements.append(
            Placement(cells.get("classification") or "", salary, range_, step, fte, count)
        )
    return tuple(placements)


def _column(line: str, index: int) -> int:
    """Return the 1-based column where field ``index`` of a simple CSV line starts."""
    column = 1
    for _ in range(index):
        comma = line.find(",", column - 1)
        if comma < 0:
            return column
        column = comma + 2
    return column
