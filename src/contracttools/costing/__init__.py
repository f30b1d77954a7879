"""Costing: what a position is worth, from the roster, the schedule and the terms.

The model and its figures are pure: model in, figures out, no clock, no globals; money is
``Decimal``.  One module reads files: :mod:`contracttools.costing.reading` loads the costing
file and its roster (every problem as path:line:column), or only the clause its
``schedule:`` names.

- :mod:`contracttools.costing.money`: the rounding rules, each in one place.
- :mod:`contracttools.costing.schedules`: salary schedules and their projection through
  dated increases (``project(schedule, increases) -> list[DatedSchedule]``).
- :mod:`contracttools.costing.tables`: the one reader of a clause's salary table (steps,
  or effective dates) as a schedule, for costing, the pay page, check and conform.
- :mod:`contracttools.costing.schedule_check`: amended salary tables compared with the
  increase stated beside them (``check``'s warnings).
"""
