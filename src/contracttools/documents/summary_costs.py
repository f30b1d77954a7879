"""The summary's figures from the costing: the team copy's computed costs beside the stated
ones, and what the costing file's `publish:` lets members see.

Pure: the cost report's figures and the negotiation in, text out.  Nothing here reads
the roster; the figures come costed (`Costing`), and only `published` reaches a member's
summary, and only what `publish:` lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from contracttools.costing.model import Costing
from contracttools.costing.money import to_dollar
from contracttools.costing.schedules import DatedSchedule, Schedule
from contracttools.costing.tables import shown
from contracttools.costing.terms import COSTED
from contracttools.documents.wording import cents, compounded, increase, long_date, step_name
from contracttools.model import Item, Negotiation, Party
from contracttools.negotiation import Moment
from contracttools.negotiation.moments import through
from contracttools.negotiation.positions import party_positions


@dataclass(frozen=True)
class CostLine:
    """One line of a side's computed cost: a figure per contract year and over the term."""

    label: str
    years: tuple[str, ...]
    term: str


@dataclass(frozen=True)
class StatedBeside:
    """A valuer's stated figure for a side's pay items, beside the computed one."""

    valuer: str
    per: str
    stated: str
    computed: str
    difference: str
    """Computed minus stated."""


@dataclass(frozen=True)
class Computed:
    """Team copy only: a side's current position costed from the roster."""

    who: str
    years: tuple[str, ...]
    """The contract years' headings: "Year 1 (from May 2, 2023)"."""
    lines: tuple[CostLine, ...]
    stated: tuple[StatedBeside, ...]


COMPUTED_NOTE = (
    "Computed from the roster by the cost report: each side's whole position after its "
    "latest pass, and the tentative agreements so far, over the base year's pay, rounded "
    "to the dollar. Stated figures are the valuations typed on the items that position's "
    "general increases, lump sums or cents an hour come from; a figure stated a year is "
    "set beside the first contract year, any other beside the term."
)
"""What the team copy's computed costs are, said once above them."""

COST_LINES = (
    ("General increases", "general"),
    ("Steps", "steps"),
    ("Lump sums", "lump_sums"),
    ("Roll-up", "rollup"),
    ("Total with roll-up", "total"),
)
"""The lines of a side's computed cost, by their label and the cost model's figure."""


@dataclass(frozen=True)
class PayTable:
    """A salary schedule members may see (`publish: schedule`), as a table of text."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class NewSchedules:
    """What `publish: schedule` shows: the agreement's schedule as in force in the base
    year, the schedule after each tentatively agreed increase, and what its rows are."""

    title: str
    """The schedule's clause: "2.B Schedule of Minimums"."""
    heading: str
    """What the rows are, as the agreement's table heads them: "Range", "Work"."""
    current: Schedule
    projected: tuple[DatedSchedule, ...]


def computed_costs(
    parties: Sequence[Party], negotiation: Negotiation, at: Moment, costings: Sequence[Costing]
) -> tuple[Computed, ...]:
    """Return each side's current position costed, for a team copy of the summary.

    `costings` are the cost report's columns of the same moment, one per pass in order and
    then the TAs so far (`[c.costing for c in build_cost_report(...).columns]`): a side's
    current position is its latest pass's column.  Beside it, each valuer's stated figures
    for the items that position's costed terms come from, and the difference.  The copy
    is CONFIDENTIAL.
    """
    computed = []
    for party in parties:
        latest = [i for i, p in enumerate(at.proposals) if p.party == party.key]
        if not latest or latest[-1] >= len(costings):
            continue
        proposal, costing = at.proposals[latest[-1]], costings[latest[-1]]
        stands = party_positions(negotiation, party.key, through(negotiation, proposal))
        items = [p.item for _, p in sorted(stands.items()) if p.item is not None]
        who = (
            f"{party.possessive} current position (proposal {proposal.number}, "
            f"{long_date(proposal.passed_at.date())})"
        )
        computed.append(_computed(negotiation, who, costing, items))
    agreed = [ta for ta in at.tentative_agreements if any(n in COSTED for n in ta.terms)]
    if agreed and len(costings) > len(at.proposals):
        computed.append(_computed(negotiation, "Tentative agreements so far", costings[-1], []))
    return tuple(computed)


def published(
    parties: Sequence[Party],
    negotiation: Negotiation,
    at: Moment,
    publish: Sequence[str],
    agreed: Costing | None = None,
    schedules: NewSchedules | None = None,
) -> tuple[tuple[str, ...], tuple[PayTable, ...], tuple[str, ...]]:
    """Return what `publish` (the costing file's `publish:`) lets members see: its
    sentences and its tables, and a line for each item published that had nothing to show.

    `compounded_increase`: the tentatively agreed general increases compounded, or, until
    a TA gives them, each side's current position's; computed from the terms alone,
    exactly, rounded half up to a hundredth of a percent once, at the end.
    `total_value`: the TAs so far costed (`agreed`, the cost report's last column): its
    total over the term with roll-up, rounded to the dollar, and nothing else of it.
    `schedule`: the agreement's salary schedule raised by the TAs' increases
    (`schedules`, from `cost_schedules.build_schedules`), one table per effective date
    (one table for a schedule by year: a column per date), to the cent.
    """
    said: list[str] = []
    missing: list[str] = []
    if "compounded_increase" in publish:
        found = _compounded_increases(negotiation, at, parties)
        said += found
        if not found:
            missing.append("compounded_increase: no general increase on the table yet")
    if "total_value" in publish:
        costed = any(n in COSTED for ta in at.tentative_agreements for n in ta.terms)
        if agreed is not None and costed and agreed.years:
            said.append(_total_value(agreed))
        else:
            missing.append("total_value: no tentative agreement on pay yet")
    tables: tuple[PayTable, ...] = ()
    if "schedule" in publish:
        if schedules is None:
            missing.append("schedule: the costing file names no salary schedule ('schedule:')")
        elif not schedules.projected:
            missing.append("schedule: no tentatively agreed general increase yet")
        else:
            tables = _pay_tables(schedules)
    return tuple(said), tables, tuple(missing)


def _pay_tables(schedules: NewSchedules) -> tuple[PayTable, ...]:
    """Return the new schedules as tables: a schedule by year (one unnamed step) as one
    table, a column per date; a schedule of steps as a table per effective date."""
    current, heading = schedules.current, schedules.heading
    names = [shown(heading, name) for name in current.ranges]
    if current.steps == ("",):
        header = (
            heading,
            "Now",
            *(
                f"From {long_date(d.effective)} ({increase(d.increase)})"
                for d in schedules.projected
            ),
        )
        rows = tuple(
            (
                name,
                cents(current.rates[r][0]),
                *(cents(d.schedule.rates[r][0]) for d in schedules.projected),
            )
            for r, name in enumerate(names)
        )
        caption = f"{schedules.title}: the rates under the tentative agreements, to the cent."
        return (PayTable(caption, header, rows),)
    tables = []
    for dated in schedules.projected:
        header = (heading, *(step_name(step) for step in current.steps))
        rows = tuple(
            (name, *(cents(v) for v in dated.schedule.rates[r])) for r, name in enumerate(names)
        )
        caption = (
            f"{schedules.title} from {long_date(dated.effective)}: "
            f"{increase(dated.increase)}, to the cent."
        )
        tables.append(PayTable(caption, header, rows))
    return tuple(tables)


def _total_value(agreed: Costing) -> str:
    """Say the one aggregate figure: the TAs' cost over the term, to the dollar."""
    years = len(agreed.years)
    rolled = ", with the costs that follow pay (roll-up)," if agreed.term.rollup else ""
    return (
        f"Total value of the tentative agreements over the term: {_dollars(agreed.term.total)} "
        f"in all, over {years} contract {'year' if years == 1 else 'years'} from "
        f"{long_date(agreed.years[0].start)}: what the agreed increases add to a year's pay "
        f"under the current contract{rolled} rounded to the dollar."
    )


def _compounded_increases(
    negotiation: Negotiation, at: Moment, parties: Sequence[Party]
) -> list[str]:
    """Return "Tentatively agreed general increases: 5% + 4% + 3.5% = 13.02% compounded
    over the term.", or each side's current position's where no TA gives them."""
    agreed: dict[str, tuple[str, ...]] = {}
    for ta in at.tentative_agreements:  # the cost report's TAs so far: a later TA wins
        agreed.update(ta.terms)
    said = _compounded_sentence("Tentatively agreed general increases", agreed)
    if said is not None:
        return [said]
    found = []
    for party in parties:
        passes = [p for p in at.proposals if p.party == party.key]
        if not passes:
            continue
        latest = passes[-1]
        stands = party_positions(negotiation, party.key, through(negotiation, latest))
        terms: dict[str, tuple[str, ...]] = {}
        for clause in sorted(stands):  # the cost report's whole position after a pass
            item = stands[clause].item
            if item is not None:
                terms.update(item.terms)
        who = (
            f"{party.named(capital=True, possessive=True)} general increases "
            f"(proposal {latest.number}, {long_date(latest.passed_at.date())})"
        )
        said = _compounded_sentence(who, terms)
        if said is not None:
            found.append(said)
    return found


def _compounded_sentence(who: str, terms: dict[str, tuple[str, ...]]) -> str | None:
    values = tuple(v.strip() for v in terms.get("general_increase", ()))
    total = compounded(values)
    if total is None:
        return None
    return f"{who}: {' + '.join(values)} = {total} compounded over the term."


def _computed(
    negotiation: Negotiation, who: str, costing: Costing, items: Sequence[Item]
) -> Computed:
    years = tuple(f"Year {y.year} (from {long_date(y.start)})" for y in costing.years)
    lines = tuple(
        CostLine(
            label,
            tuple(_dollars(getattr(y, name)) for y in costing.years),
            _dollars(getattr(costing.term, name)),
        )
        for label, name in COST_LINES
        # steps and lump sums only where the position has some
        if name in ("general", "total") or getattr(costing.term, name)
    )
    return Computed(who, years, lines, _stated_beside(negotiation, items, costing))


def _stated_beside(
    negotiation: Negotiation, items: Sequence[Item], costing: Costing
) -> tuple[StatedBeside, ...]:
    """Return each valuer's stated total for the items with costed terms, beside the
    computed figure: the first contract year's for one stated a year, else the term's."""
    per_words = {"year": "a year", "term": "over the term", "one-time": "once"}
    totals: dict[tuple[str, str], Decimal] = {}
    for item in items:
        if not any(name in COSTED for name in item.terms):
            continue
        for valuation in item.cost:
            key = (valuation.valuer, valuation.per)
            totals[key] = totals.get(key, Decimal(0)) + valuation.amount
    beside = []
    for (valuer, per), amount in totals.items():
        figure = costing.years[0].total if per == "year" and costing.years else costing.term.total
        judge = negotiation.parties.get(valuer)
        beside.append(
            StatedBeside(
                judge.named(capital=True) if judge else valuer,
                per_words.get(per, per),
                _dollars(amount),
                _dollars(figure),
                _dollars(figure - amount),
            )
        )
    return tuple(beside)


def _dollars(value: Decimal) -> str:
    """Return a figure to the dollar (ROUND_HALF_UP): "$1,234", "-$56"."""
    rounded = to_dollar(value)
    return f"-${-rounded:,}" if rounded < 0 else f"${rounded:,}"
