"""The member-facing summary, assembled once and writer-neutral.

Nothing internal goes in: no `note` of any file, no strategy.  Pure: no files, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from contracttools.costing.model import Costing
from contracttools.documents.summary_costs import (
    Computed,
    NewSchedules,
    PayTable,
    computed_costs,
    published,
)
from contracttools.documents.wording import (
    GLOSSARY,
    PHRASES,
    TRIGGERS,
    compounded,
    long_date,
    money,
    reading_grade,
    verb,
)
from contracttools.model import Negotiation, Party
from contracttools.negotiation import (
    Moment,
    Position,
    Standing,
    agreed_language,
    history,
    standings,
)
from contracttools.negotiation.figures import read_terms
from contracttools.redline import ClauseChange
from contracttools.redline.compare import compare_language


@dataclass(frozen=True)
class Row:
    """A clause in the table of where things stand."""

    number: str
    title: str
    positions: tuple[str, ...]
    """One plain-language position per party, in the summary's party order."""
    status: str
    agreed: str | None = None
    """What was tentatively agreed, in plain words; shown instead of the positions."""

    @property
    def cells(self) -> tuple[str, ...]:
        """Return the position cells as a table without merged cells shows them: the
        agreement in the first, the others empty, once a TA is signed."""
        if self.agreed is None:
            return self.positions
        return (self.agreed,) + ("",) * (len(self.positions) - 1)


@dataclass(frozen=True)
class Topic:
    """Rows that belong to one subject."""

    name: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class FigureRow:
    """One side's figures for a term, or the current contract's."""

    who: str
    values: tuple[str, ...]
    total: str | None
    """The compounded total, where the figures are yearly percentages."""
    found: str = "given"
    """Where the figures come from: "given" (the item's `terms`), "read from the text" (the
    item's language, `negotiation.figures`), or "not given" (the pass gave none: no values)."""


@dataclass(frozen=True)
class Figure:
    """A term's figures side by side."""

    name: str
    rows: tuple[FigureRow, ...]


@dataclass(frozen=True)
class Summary:
    """Everything the member summary says, in order."""

    title: str
    day: str
    parties: tuple[Party, ...]
    columns: tuple[str, ...]
    """The headings of the positions in the table: "Guild's latest position", ..."""
    overview: tuple[str, ...]
    topics: tuple[Topic, ...]
    figures: tuple[Figure, ...]
    valuations: tuple[str, ...]
    glossary: tuple[tuple[str, str], ...]
    language: tuple[ClauseChange, ...]
    """Tentatively agreed language redlined against the current agreement (on request)."""
    counts: dict[str, int]
    grade: float
    """Flesch-Kincaid grade level of the summary's prose."""
    team_notes: tuple[str, ...] = ()
    """Internal notes: only in a team copy."""
    computed: tuple[Computed, ...] = ()
    """Each side's current position costed from the roster: only in a team copy."""
    published: tuple[str, ...] = ()
    """What the costing file's `publish:` lets members see, a sentence each."""
    pay_tables: tuple[PayTable, ...] = ()
    """The new salary schedules, where `publish:` lists `schedule`."""

    @property
    def confidential(self) -> bool:
        return bool(self.team_notes or self.computed)


def build_summary(
    negotiation: Negotiation,
    at: Moment,
    with_language: bool = False,
    team_copy: bool = False,
) -> Summary:
    """Return the member summary of a negotiation as it stood at a moment."""
    parties = tuple(sorted(negotiation.parties.values(), key=lambda p: p.role != "union"))
    clauses = standings(negotiation, at)
    taken = list(history(negotiation, at))  # every position taken by then, read once
    counts = {
        s: sum(1 for c in clauses if c.status == s)
        for s in ("open", "tentatively agreed", "withdrawn", "status quo", "rejected")
    }
    topics: dict[str, list[Row]] = {}
    for standing in clauses:
        topics.setdefault(standing.topic, []).append(_row(standing, parties, negotiation, taken))
    summary_topics = tuple(Topic(name, tuple(rows)) for name, rows in topics.items())
    overview = _overview(negotiation, at, parties, counts)
    figures = _figures(negotiation, at, parties, taken)
    valuations = _valuations(negotiation, clauses, parties)
    language = _language(negotiation, clauses, taken) if with_language else ()
    prose = [
        *overview,
        *valuations,
        *(p for t in summary_topics for r in t.rows for p in r.positions),
        *(r.agreed for t in summary_topics for r in t.rows if r.agreed),
    ]
    words = " ".join([*prose, *(r.status for t in summary_topics for r in t.rows)]).lower()
    glossary = tuple(
        (term, meaning)
        for term, meaning in GLOSSARY.items()
        if any(word in words for word in (term, *TRIGGERS.get(term, ())))
        or (term == "compounded" and figures)
    )
    notes: tuple[str, ...] = ()
    if team_copy:
        notes = tuple(
            f"{p.label}: {note}"
            for p in at.proposals
            for note in [p.note, *(i.note for i in p.items)]
            if note
        )
    return Summary(
        title=negotiation.title,
        day=long_date(at.day),
        parties=parties,
        columns=tuple(f"{party.possessive} latest position" for party in parties),
        overview=overview,
        topics=summary_topics,
        figures=figures,
        valuations=valuations,
        glossary=glossary,
        language=language,
        counts=counts,
        grade=reading_grade(" ".join(prose)),
        team_notes=notes,
    )


def with_computed_costs(
    summary: Summary, negotiation: Negotiation, at: Moment, costings: Sequence[Costing]
) -> Summary:
    """Return a team copy of `summary` with each side's current position costed
    (`summary_costs.computed_costs`: `costings` are the cost report's columns of the same
    moment, one per pass in order and then the TAs so far).  The copy is CONFIDENTIAL."""
    return replace(summary, computed=computed_costs(summary.parties, negotiation, at, costings))


def with_published(
    summary: Summary,
    negotiation: Negotiation,
    at: Moment,
    publish: Sequence[str],
    agreed: Costing | None = None,
    schedules: NewSchedules | None = None,
) -> tuple[Summary, tuple[str, ...]]:
    """Return `summary` with what `publish` lets members see (`summary_costs.published`),
    and a line for each item published that had nothing to show."""
    said, tables, missing = published(summary.parties, negotiation, at, publish, agreed, schedules)
    glossary = summary.glossary
    if said and all(term != "compounded" for term, _ in glossary):
        glossary = (*glossary, ("compounded", GLOSSARY["compounded"]))
    made = replace(
        summary,
        published=summary.published + said,
        pay_tables=summary.pay_tables + tables,
        glossary=glossary,
    )
    return made, missing


def _row(
    standing: Standing, parties: tuple[Party, ...], negotiation: Negotiation, taken: list[Position]
) -> Row:
    positions = []
    for party in parties:
        position = standing.positions.get(party.key)
        positions.append(_words(position))
    agreed = None
    ta = standing.tentative
    if ta is not None:
        found = agreed_language(negotiation, ta, taken)
        whose = negotiation.parties.get(found.whose or "") if found else None
        said = ta.summary or (
            f"{whose.named(capital=True, possessive=True)} language."
            if whose
            else "Language of its own."
        )
        if ta.summary is None and found is not None and found.language is None:
            said = _deleted(standing.number, whose)
        agreed = f"Tentatively agreed on {long_date(ta.date)}: {said}"
    return Row(standing.number, standing.title, tuple(positions), standing.status, agreed)


def _deleted(number: str, whose: Party | None) -> str:
    """Return what a TA that strikes a section says: "Section 13.1.1.3 is deleted, as UESF
    proposed." """
    first = number.split(" ", 1)[0].lower() if number else ""
    name = number if first in ("article", "section", "appendix") else f"Section {number}"
    said = f"{name if number else 'The section'} is deleted"
    return f"{said}, as {whose.named()} proposed." if whose else f"{said}."


def _words(position: Position | None) -> str:
    """Return a position in plain words: its summary, else what its action means."""
    if position is None:
        return "No proposal."
    if position.item is None:
        return "Not restated: withdrawn under the ground rules."
    return position.item.summary or PHRASES[position.action]


def _overview(
    negotiation: Negotiation, at: Moment, parties: tuple[Party, ...], counts: dict[str, int]
) -> tuple[str, ...]:
    sentences = []
    if at.proposals:
        sentences.append(f"Talks opened on {long_date(at.proposals[0].passed_at.date())}.")
    if negotiation.expires is not None:
        expires = negotiation.expires
        sentences.append(f"The current contract expires on {long_date(expires.date())}.")
    open_items = counts["open"] + counts["rejected"]
    if not any(counts.values()):
        sentences.append("No section is on the table yet.")
    else:
        sentences.append(
            f"As of {long_date(at.day)}, {open_items} {'section is' if open_items == 1 else 'sections are'} still open, "
            f"{counts['tentatively agreed']} tentatively agreed, {counts['withdrawn']} withdrawn, "
            f"and {counts['status quo']} left as they are (status quo)."
        )
    for party in parties:
        passes = [p for p in at.proposals if p.party == party.key]
        if passes:
            last = passes[-1]
            sentences.append(
                f"{party.named(capital=True)} last passed proposals on {long_date(last.passed_at.date())} "
                f"(proposal {last.number}, {len(last.items)} {'section' if len(last.items) == 1 else 'sections'})."
            )
        else:
            sentences.append(
                f"{party.named(capital=True)} {verb(party, 'has', 'have')} not passed proposals yet."
            )
    return tuple(sentences)


def _figures(
    negotiation: Negotiation, at: Moment, parties: tuple[Party, ...], taken: list[Position]
) -> tuple[Figure, ...]:
    names: list[str] = []
    for proposal in at.proposals:
        for item in proposal.items:
            names.extend(n for n in item.terms if n not in names)
    for ta in at.tentative_agreements:
        names.extend(n for n in ta.terms if n not in names)
    figures = []
    for name in names:
        rows = []
        for clause, _ in negotiation.agreement.walk():
            if name in clause.terms:
                rows.append(
                    FigureRow(
                        "Current contract", clause.terms[name], compounded(clause.terms[name])
                    )
                )
        known = _known_terms(negotiation, at, name)
        carriers = _carriers(negotiation, at, name)
        for party in parties:
            row = _party_figures(taken, party, name, carriers, known)
            if row is not None:
                rows.append(row)
        for ta in at.tentative_agreements:
            if name in ta.terms:
                who = f"Tentatively agreed ({long_date(ta.date)})"
                rows.append(FigureRow(who, ta.terms[name], compounded(ta.terms[name])))
        figures.append(Figure(name.replace("_", " ").capitalize(), tuple(rows)))
    return tuple(figures)


def _known_terms(negotiation: Negotiation, at: Moment, name: str) -> list[tuple[str, ...]]:
    """Return every set of figures given for a term: the agreement's, the items', the TAs'."""
    known = [c.terms[name] for c, _ in negotiation.agreement.walk() if name in c.terms]
    known += [i.terms[name] for p in at.proposals for i in p.items if name in i.terms]
    known += [ta.terms[name] for ta in at.tentative_agreements if name in ta.terms]
    return known


def _carriers(negotiation: Negotiation, at: Moment, name: str) -> set[str]:
    """Return the clauses whose figures a term is: where it is given anywhere."""
    found = {c.id for c, _ in negotiation.agreement.walk() if name in c.terms}
    found |= {i.clause for p in at.proposals for i in p.items if name in i.terms}
    return found | {ta.clause for ta in at.tentative_agreements if name in ta.terms}


def _party_figures(
    taken: list[Position],
    party: Party,
    name: str,
    carriers: set[str],
    known: list[tuple[str, ...]],
) -> FigureRow | None:
    """Return a party's figures for a term as its latest pass on the term's clause left them.

    The latest position decides, so that figures a later pass superseded are never shown
    as the party's latest: the item's `terms` where it gives them (for an accept, the
    accepted item's); else the figures its language holds (`negotiation.figures`), marked as read
    from the text; else a row saying that pass gave none.
    """
    latest = None
    ever = False
    for position in taken:
        if position.party == party.key and position.clause in carriers:
            latest = position
            ever = ever or (position.item is not None and name in position.item.terms)
    if latest is None or latest.item is None:
        return None
    who = f"{party.short} ({long_date(latest.proposal.passed_at.date())})"
    values = latest.item.terms.get(name)
    if values is None and latest.action == "accept" and latest.source is not None:
        accepted = [i for i in latest.source.items if i.clause == latest.clause]
        values = accepted[-1].terms.get(name) if accepted else None
    if values is not None:
        return FigureRow(who, values, compounded(values))
    if latest.action in ("amend", "add", "accept") and latest.language:
        read = read_terms(latest.language, known)
        if read is not None:
            return FigureRow(
                f"{who}, read from the text", read, compounded(read), "read from the text"
            )
    if ever or latest.action in ("amend", "add", "accept"):
        return FigureRow(f"{who}: figures not given in that pass", (), None, "not given")
    return None


def _valuations(
    negotiation: Negotiation, clauses: list[Standing], parties: tuple[Party, ...]
) -> tuple[str, ...]:
    """Return, for each side, what its proposals still on the table are worth, by each valuer."""
    per_words = {"year": "a year", "term": "over the contract's term", "one-time": "once"}
    sentences = []
    for party in parties:
        totals: dict[tuple[str, str], Decimal] = {}
        for standing in clauses:
            position = standing.positions.get(party.key)
            if position is None or standing.status in ("withdrawn", "tentatively agreed"):
                continue
            if position.item is None:
                continue
            for valuation in position.item.cost:
                key = (valuation.valuer, valuation.per)
                totals[key] = totals.get(key, Decimal(0)) + valuation.amount
        if not totals:
            continue
        parts = []
        for (valuer, per), amount in totals.items():
            judge = negotiation.parties.get(valuer)
            if valuer == party.key:
                parts.append(
                    f"{party.named()} {verb(party, 'values', 'value')} them at {money(amount)} {per_words[per]}"
                )
            else:
                name = judge.named() if judge else valuer
                parts.append(
                    f"{name} {verb(judge, 'puts', 'put')} them at {money(amount)} {per_words[per]}"
                )
        sentences.append(
            f"{party.named(capital=True, possessive=True)} proposals still on the table: "
            + "; ".join(parts)
            + "."
        )
    if sentences:
        sentences.append("Each side prices proposals its own way, so their figures differ.")
    return tuple(sentences)


def _language(
    negotiation: Negotiation, clauses: list[Standing], taken: list[Position]
) -> tuple[ClauseChange, ...]:
    """Return the tentatively agreed language redlined against the current agreement."""
    changes = []
    for standing in clauses:
        ta = standing.tentative
        if ta is None:
            continue
        found = agreed_language(negotiation, ta, taken)
        if found is None:
            continue
        current = negotiation.agreement.by_id.get(ta.clause)
        if found.language is None:
            if current is not None:
                changes.append(
                    compare_language(
                        current, ta.clause, current.number, current.title, "", "delete"
                    )
                )
            continue
        number = found.number or standing.number
        title = found.title or standing.title
        changes.append(compare_language(current, ta.clause, number, title, found.language))
    return tuple(changes)
