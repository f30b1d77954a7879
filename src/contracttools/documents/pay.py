"""The pay page of the ratification kit: every rate of the salary schedule now and on
each effective date of the new agreement, by classification (or range and step).

Writer-neutral and pure: the agreement's salary-schedule clause and the tentative
agreements' increases in, the page's rows out (:func:`build_pay`).  The new rates are the
costing package's (:func:`contracttools.costing.schedules.project`): each increase on the
rate as published, rounded to the cent ROUND_HALF_UP.  Amounts are Decimal; the page shows
them as the schedule does (whole dollars where every rate is whole, else cents).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from contracttools.body import Table
from contracttools.costing.model import Setup, add_years
from contracttools.costing.schedules import DatedSchedule, Increase, Schedule, project
from contracttools.costing.tables import NotASchedule, first_table, read_table, shown
from contracttools.costing.terms import position
from contracttools.documents.wording import long_date
from contracttools.model import Clause, Negotiation
from contracttools.negotiation import Moment
from contracttools.problems import ContractFileError, Location, Problem


@dataclass(frozen=True)
class Place:
    """One place on the schedule (a classification, or a range and step) and its rates."""

    row: str
    step: str | None
    rates: tuple[Decimal, ...]
    """The current rate, then the rate from each effective date of the new agreement."""

    @property
    def key(self) -> str:
        """Return what a member picks: "Range 2" or "Range 2, Step 3"."""
        return self.row if self.step is None else f"{self.row}, {self.step}"


@dataclass(frozen=True)
class PayPage:
    """What the pay page shows."""

    title: str
    """The negotiation's title."""
    schedule: str
    """The schedule's clause: "2.B Schedule of Minimums"."""
    row_heading: str
    """What the schedule's rows are: "Work", "Classification", "Range"."""
    steps: tuple[str, ...]
    """The schedule's steps, where its columns are steps; empty where a row has one rate."""
    periods: tuple[str, ...]
    """A heading for each rate: "Now (from May 2, 2022)", "From May 2, 2023", ..."""
    places: tuple[Place, ...]
    unit: str = ""
    """What a rate is for ("a year", "an hour"); empty where the schedule does not say."""
    rounding: str = ""
    """How the new rates were rounded, in words."""
    lead: str = ""
    """What the increases do, in one sentence for the message: "Every rate of ... rises ..."."""

    @property
    def cents(self) -> bool:
        """Return whether any rate has cents (then every rate is shown with them)."""
        return any(rate != rate.to_integral_value() for p in self.places for rate in p.rates)

    @property
    def rows(self) -> tuple[str, ...]:
        """Return the schedule's rows in order, once each."""
        return tuple(dict.fromkeys(p.row for p in self.places))


def dollars(amount: Decimal, cents: bool) -> str:
    """Return "$138,949" or "$1,234.50"."""
    return f"${amount:,.2f}" if cents else f"${amount:,.0f}"


def rise(old: Decimal, new: Decimal) -> str:
    """Return the rise from one rate to another in percent, to a tenth: "+5.0%"."""
    if old == 0:
        return ""
    change = ((new - old) / old * 100).quantize(Decimal("0.1"))
    return f"{'+' if change >= 0 else ''}{change}%"


def build_pay(
    negotiation: Negotiation, at: Moment, clause: Clause
) -> tuple[PayPage | None, tuple[str, ...]]:
    """Return the pay page of `clause`'s salary table raised by the agreed increases, and
    what the kit should say about it; None (and why) where nothing was agreed to raise it.

    The table's first column names the rows (ranges or classifications); its other columns
    are steps, or effective dates (a schedule by year: the current rates are then the
    latest column dated before the first new increase).  A table that is not one is an
    error at the clause (ContractFileError).
    """
    table = _table(clause)
    increases, why = _increases(negotiation, at)
    if not increases:
        return None, (why,)
    base, periods, said = _current(clause, table, min(i.effective for i in increases))
    dated = _by_date(project(base, increases))
    places = tuple(
        Place(
            row, step or None, (base.rate(row, step), *(d.schedule.rate(row, step) for d in dated))
        )
        for row in base.ranges
        for step in base.steps
    )
    if any(t.clause == clause.id for t in at.tentative_agreements):
        said.append(
            f"{clause.number} has a tentative agreement of its own: the pay page raises "
            "the current table by the agreed increases; check it against the TA's table"
        )
    cents = any(r != r.to_integral_value() for p in places for r in p.rates)
    page = PayPage(
        title=negotiation.title,
        schedule=f"{clause.number} {clause.title}",
        row_heading=table.rows[0][0].strip().strip("*").strip() or "Classification",
        steps=base.steps if len(base.steps) > 1 else (),
        periods=(*periods, *(f"From {long_date(d.effective)}" for d in dated)),
        places=places,
        rounding=_rounding(places[0], increases, cents),
        lead=_lead(clause, increases),
    )
    return page, tuple(said)


def _increases(negotiation: Negotiation, at: Moment) -> tuple[tuple[Increase, ...], str]:
    """Return the agreed general increases, dated as costing dates them; or none, and why.

    Without `general_increase_effective`, the k-th increase takes effect k - 1 years after
    the new agreement's first day: the day after the current agreement expires.
    """
    agreed = [ta for ta in at.tentative_agreements if ta.terms.get("general_increase")]
    if not agreed:
        return (), "no tentative agreement gives a general_increase: no new rates to show"
    if len(agreed) > 1:
        which = ", ".join(ta.clause for ta in agreed)
        return (), (
            f"{len(agreed)} tentative agreements give a general_increase ({which}): "
            "the pay page raises the schedule by one; give them on one TA"
        )
    ta = agreed[0]
    if ta.terms.get("cents_per_hour"):
        return (), (
            f"the TA on {ta.clause} adds cents_per_hour, which the pay page cannot "
            "apply without the schedule's hours"
        )
    first = _first_day(negotiation)
    if first is None and not ta.terms.get("general_increase_effective"):
        return (), (
            f"the TA on {ta.clause} gives no general_increase_effective dates and the "
            "agreement no 'expires': the pay page cannot date the increases"
        )
    # costing's base year is the year before the first contract year (with every increase
    # dated by general_increase_effective, it dates none of them)
    base_start = add_years(first or date(2000, 1, 1), -1)
    agreed_position, problems = position(Setup(base_start, ()), ta.terms)
    if problems:
        return (), "; ".join(f"the TA on {ta.clause}: {p}" for p in problems)
    return agreed_position.increases, ""


def _current(clause: Clause, table: Table, start: date) -> tuple[Schedule, list[str], list[str]]:
    """Return the schedule in force before `start` (the first new increase), the heading
    of its rates, and what the kit should say about the columns it left out."""
    try:
        read = read_table(table)
        if not read.dated:
            return _shown(read.heading, read.steps()), ["Now"], []
        now = read.current(start)
    except NotASchedule as err:
        raise _bad(clause, str(err)) from None
    day = read.days[now]
    assert day is not None
    said = []
    if now + 1 < len(read.columns):
        later = ", ".join(f"'{c}'" for c in read.columns[now + 1 :])
        said.append(
            f"{clause.number}: column(s) {later} left out: the pay page raises the rates "
            f"of '{read.columns[now]}' by the agreed increases"
        )
    return _shown(read.heading, read.column(now)), [f"Now (from {long_date(day)})"], said


def _table(clause: Clause) -> Table:
    table = first_table(clause.text)
    if table is None:
        raise ContractFileError(
            [
                Problem(
                    clause.at or Location("agreement"),
                    f"clause '{clause.id}' has no salary table (a row a range or "
                    "classification, a column a step or an effective date)",
                )
            ]
        )
    return table


def _bad(clause: Clause, message: str) -> ContractFileError:
    """Return the error of a salary table that cannot be read, at its clause."""
    at = clause.at or Location("agreement")
    return ContractFileError([Problem(at, f"clause '{clause.id}': salary table: {message}")])


def _shown(heading: str, schedule: Schedule) -> Schedule:
    """Return the schedule with its rows and steps named as a member reads them."""
    steps = tuple(shown("Step", step) if step else "" for step in schedule.steps)
    return replace(schedule, ranges=tuple(shown(heading, r) for r in schedule.ranges), steps=steps)


def _first_day(negotiation: Negotiation) -> date | None:
    """Return the first day of the new agreement: the day after the current one expires."""
    if negotiation.agreement.expires is not None:
        return negotiation.agreement.expires + timedelta(days=1)
    if negotiation.expires is not None:
        return negotiation.expires.date() + timedelta(days=1)
    return None


def _by_date(projected: list[DatedSchedule]) -> list[DatedSchedule]:
    """Return the schedule in force from each date: of two increases on a day, the last."""
    out: dict[date, DatedSchedule] = {}
    for dated in projected:
        out[dated.effective] = dated
    return list(out.values())


def _percent(change: Increase) -> str:
    """Return "5%" or "3.5%"."""
    text = format(change.percent, "f")
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def _lead(clause: Clause, increases: Iterable[Increase]) -> str:
    """Return "Every rate of 2.B Schedule of Minimums rises 5% from May 2, 2023, ..."."""
    said = [
        f"{_percent(i)} from {long_date(i.effective)}"
        for i in sorted(increases, key=lambda i: i.effective)
    ]
    listed = said[0] if len(said) == 1 else f"{', '.join(said[:-1])} and {said[-1]}"
    return f"Every rate of {clause.number} {clause.title} rises {listed}, each on the rate before."


def _rounding(place: Place, increases: tuple[Increase, ...], cents: bool) -> str:
    """Return the rounding rule in words, with the page's own first figures as its example."""
    rule = (
        "Each new rate is the rate before it, as printed, raised by the agreed percentage, "
        "then rounded to the cent (half a cent rounds up), so each raise builds on the last."
    )
    first = min(i.effective for i in increases)
    on_first = [i for i in increases if i.effective == first]
    if len(on_first) != 1 or len(place.rates) < 2:
        return rule
    return (
        f"{rule} For example, {place.key}: {dollars(place.rates[0], cents)} + "
        f"{_percent(on_first[0])} = {dollars(place.rates[1], cents)}."
    )
