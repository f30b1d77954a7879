"""The one reader of salary tables: steps or effective dates, bare names, every fault said."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from contracttools.costing.tables import NotASchedule, clause_schedule, first_table, read_table

STEPS = "| Range | Step 1 | Step 2 |\n| --- | --- | --- |\n| Range 1 | $40,000 | $42,000.50 |\n| 2 | 46000 | 48,300 |\n"
BY_YEAR = (
    "| Title | From July 1, 2021 | Effective 2022-07-01 | From July 1, 2023 |\n| --- | --- | --- | --- |\n"
    "| Clerk | $29,000 | $30,000 | $31,000 |\n"
)


def test_steps_and_ranges_are_read_bare() -> None:
    schedule = clause_schedule("Pay is at least:\n\n" + STEPS)
    assert schedule.ranges == ("1", "2") and schedule.steps == ("1", "2")
    assert schedule.rate("1", "2") == Decimal("42000.50")
    assert schedule.rate("2", "1") == Decimal("46000")


def test_a_schedule_by_year_is_the_column_in_force_before_a_day() -> None:
    table = first_table(BY_YEAR)
    assert table is not None
    read = read_table(table)
    assert read.dated and read.days[1] == date(2022, 7, 1)
    # in force before July 1, 2023: the column effective July 1, 2022
    assert read.schedule(before=date(2023, 7, 1)).rate("Clerk", "") == Decimal("30000")
    # on July 2, 2023 the July 1, 2023 column is in force; without a day, the last column
    assert read.schedule(before=date(2023, 7, 2)).rate("Clerk", "") == Decimal("31000")
    assert read.schedule().rate("Clerk", "") == Decimal("31000")
    with pytest.raises(NotASchedule, match="every column is dated on or after July 1, 2021"):
        read.schedule(before=date(2021, 7, 1))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("No table.", "no salary table"),
        (
            "| Range | Step 1 | From July 1, 2023 |\n| --- | --- | --- |\n| 1 | $1 | $2 |\n",
            "neither all steps nor all dates",
        ),
        (
            "| Range | Step 1 | Step 2 |\n| --- | --- | --- |\n| 1 | $1 | n/a |\n",
            "'n/a' (Range 1, Step 2) is not an amount",
        ),
        (
            "| Range | Step 1 | Step 2 |\n| --- | --- | --- |\n| 1 | $1 | $2 |\n| Range 1 | $3 | $4 |\n",
            "a row or a column is named twice",
        ),
    ],
)
def test_a_table_that_is_not_a_schedule_says_why(text: str, said: str) -> None:
    with pytest.raises(NotASchedule, match=said.replace("(", r"\(").replace(")", r"\)")):
        clause_schedule(text)
