"""Costing: what a position is worth, from the roster, the schedule and the terms.

Pure: model in, figures out. No files, no clock, no globals; money is ``Decimal``.

- :mod:`contracttools.costing.money`: the rounding rules, each in one place.
- :mod:`contracttools.costing.schedules`: salary schedules and their projection through
  dated increases (``project(schedule, increases) -> list[DatedSchedule]``).
"""
