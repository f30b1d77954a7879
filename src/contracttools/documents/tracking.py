"""The tracking chart: every clause on the table, pass by pass, assembled once.

A row per clause any pass or TA named, grouped by article in agreement order; a column
per pass in the order passed; the status, package and attributed valuations.  Positions
and statuses are read from `contracttools.negotiation`, never worked out here.  Nothing
internal unless a team copy is asked for.  Pure: no files, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from contracttools.documents.wording import (
    SHORT,
    long_date,
    money,
    pass_key,
    pass_label,
    short_name,
    titled_path,
)
from contracttools.model import ACTION_LABELS, Agreement, Negotiation, Party, Proposal
from contracttools.negotiation import STATUSES, Moment, Position, Standing, history, standings
from contracttools.negotiation.moves import Move, Moves, moves

if TYPE_CHECKING:
    from collections.abc import Sequence

PER = {"year": "a year", "term": "over the term", "one-time": "once"}


@dataclass(frozen=True)
class Pass:
    """A column of the chart: one proposal as passed."""

    key: str
    """e.g. "guild-1", as `--as-of` names it."""
    party: str
    number: int
    label: str
    """e.g. "Guild 1 · Mar 20"."""
    day: date


@dataclass(frozen=True)
class Cell:
    """What one pass did to one clause."""

    action: str
    label: str
    """The action in capitals, as on paper: "AMEND", "STATUS QUO", ..."""
    words: str
    """The position in a word or two: the item's summary where it has one."""
    move: Move | None = None
    """Where the position places the clause elsewhere: its old and new number."""

    @property
    def text(self) -> str:
        """Return "AMEND: Every minimum rises 6% ...", and where the position moves the
        clause, " — moved from 3.B (Article 3) to 2.F (Article 2)"."""
        said = f"{self.label}: {self.words}" if self.words else self.label
        return f"{said} — {self.move.words}" if self.move is not None else said


@dataclass(frozen=True)
class ChartRow:
    """One clause on the table."""

    clause: str
    number: str
    title: str
    topic: str
    cells: tuple[Cell | None, ...]
    """One per pass, None where that pass said nothing on the clause."""
    status: str
    """One of the negotiation's statuses: open, tentatively agreed, ..."""
    agreed_on: date | None
    initials: str
    package: str
    valuations: tuple[str, ...]
    """Each side's valuations of each position on the table, attributed."""
    notes: tuple[str, ...] = ()
    """Internal: only in a team copy."""
    path: str = ""
    """For a clause without a title: the titled clauses it sits in (`titled_path`)."""
    move: Move | None = None
    """Where the TA places the clause elsewhere: its old and new number."""

    @property
    def heading(self) -> str:
        """Return "2.A General Increases", or "13.1.1.1 (Article 13 ...)" for a clause
        without a title."""
        named = " ".join(part for part in (self.number, self.title) if part) or self.clause
        return f"{named} ({self.path})" if self.path and not self.title else named

    @property
    def agreed_text(self) -> str:
        """Return the status in words, with the TA's date and initials where signed."""
        if self.agreed_on is None:
            return self.status
        return f"{self.status} {long_date(self.agreed_on)} ({self.initials})"

    @property
    def status_text(self) -> str:
        """Return `agreed_text`, and where the TA moves the clause, " — moved from 3.B
        (Article 3) to 2.F (Article 2)"."""
        said = self.agreed_text
        return f"{said} — {self.move.words}" if self.move is not None else said


@dataclass(frozen=True)
class Article:
    """The rows that belong to one article of the agreement."""

    number: str
    title: str
    rows: tuple[ChartRow, ...]

    @property
    def heading(self) -> str:
        return " ".join(part for part in (self.number, self.title) if part)


@dataclass(frozen=True)
class Chart:
    """Everything the tracking chart shows, in order."""

    title: str
    negotiation: str
    day: date
    parties: tuple[Party, ...]
    passes: tuple[Pass, ...]
    articles: tuple[Article, ...]
    counts: dict[str, int]
    confidential: bool = False
    team_notes: tuple[str, ...] = ()
    """Internal notes on whole passes: only in a team copy."""

    @property
    def rows(self) -> tuple[ChartRow, ...]:
        return tuple(row for article in self.articles for row in article.rows)

    @property
    def as_of(self) -> str:
        return long_date(self.day)

    @property
    def author(self) -> str:
        """Return the union party's name (who keeps the chart, for document properties)."""
        union = next((p for p in self.parties if p.role == "union"), None)
        return union.name if union else ""

    @property
    def columns(self) -> tuple[str, ...]:
        """Return the header of a flat table: clause, passes, status, package, valuations."""
        fixed = ("Section", "Title", "Article", "Topic")
        tail = ("Status", "Package", "Valuations") + (
            ("Internal notes (CONFIDENTIAL)",) if self.confidential else ()
        )
        return fixed + tuple(p.label for p in self.passes) + tail

    def flat(self) -> list[tuple[str, ...]]:
        """Return the rows as the cells of a flat table (CSV, a sheet), in `columns` order."""
        out = []
        for article in self.articles:
            for row in article.rows:
                cells = tuple(c.text if c is not None else "" for c in row.cells)
                tail = (row.status_text, row.package, "\n".join(row.valuations))
                notes = ("\n".join(row.notes),) if self.confidential else ()
                head = (row.number, row.title, article.heading, row.topic)
                out.append(head + cells + tail + notes)
        return out


def cell(position: Position, negotiation: Negotiation, move: Move | None = None) -> Cell:
    """Return what a position says, in a word or two (and where it moves the clause)."""
    label = ACTION_LABELS[position.action]
    if position.item is None:
        return Cell("withdraw", label, "not restated (ground rules)")
    words = position.item.summary or SHORT[position.action]
    if position.action == "accept" and position.source is not None and not position.item.summary:
        words = f"accepts {pass_label(position.source, negotiation).split(' · ')[0]}"
    return Cell(position.action, label, words, move)


def build_chart(negotiation: Negotiation, at: Moment, team_copy: bool = False) -> Chart:
    """Return the tracking chart of a negotiation as it stood at a moment."""
    parties = tuple(sorted(negotiation.parties.values(), key=lambda p: p.role != "union"))
    passes = at.proposals
    taken = list(history(negotiation, at))
    index = {id(p): n for n, p in enumerate(passes)}
    by_pass = {(p.clause, index[id(p.proposal)]): p for p in taken}
    by_clause: dict[str, list[Position]] = {}
    for position in taken:
        by_clause.setdefault(position.clause, []).append(position)
    clauses = standings(negotiation, at)
    moved = moves(negotiation, at, taken)
    rows = {
        s.clause: replace(
            _row(
                s,
                negotiation,
                passes,
                by_pass,
                by_clause.get(s.clause, []),
                parties,
                team_copy,
                moved,
            ),
            move=moved.agreed.get(s.clause),
        )
        for s in clauses
    }
    articles = _articles(negotiation.agreement, clauses, rows)
    counts = {s: sum(1 for c in clauses if c.status == s) for s in STATUSES}
    notes: tuple[str, ...] = ()
    if team_copy:
        notes = tuple(
            f"{pass_label(p, negotiation)}: {p.note}" for p in passes if p.note is not None
        )
    return Chart(
        title=f"{negotiation.title}: tracking chart",
        negotiation=negotiation.title,
        day=at.day,
        parties=parties,
        passes=tuple(
            Pass(pass_key(p), p.party, p.number, pass_label(p, negotiation), p.passed_at.date())
            for p in passes
        ),
        articles=articles,
        counts=counts,
        confidential=team_copy,
        team_notes=notes,
    )


def _row(
    standing: Standing,
    negotiation: Negotiation,
    passes: tuple[Proposal, ...],
    by_pass: dict[tuple[str, int], Position],
    taken: list[Position],
    parties: tuple[Party, ...],
    team_copy: bool,
    moved: Moves,
) -> ChartRow:
    """Return a clause's row; `taken` are the positions taken on it, in order."""
    cells = tuple(
        cell(by_pass[(standing.clause, n)], negotiation, moved.of(by_pass[(standing.clause, n)]))
        if (standing.clause, n) in by_pass
        else None
        for n in range(len(passes))
    )
    packages: list[str] = []
    valuations: list[str] = []
    for party in parties:
        position = standing.positions.get(party.key)
        if position is None or position.item is None:
            continue
        if position.item.package and position.item.package not in packages:
            packages.append(position.item.package)
        if position.item.cost:
            given = "; ".join(
                f"{short_name(negotiation, v.valuer)} {money(v.amount)} {PER.get(v.per, v.per)}"
                for v in position.item.cost
            )
            valuations.append(f"{pass_label(position.proposal, negotiation)}: {given}")
    ta = standing.tentative
    notes: list[str] = []
    if team_copy:
        notes = [
            f"{pass_label(p.proposal, negotiation)}: {p.item.note}"
            for p in taken
            if p.item is not None and p.item.note
        ]
        if ta is not None and ta.note:
            notes.append(f"TA {long_date(ta.date)}: {ta.note}")
    return ChartRow(
        clause=standing.clause,
        number=standing.number,
        title=standing.title,
        topic=standing.topic,
        cells=cells,
        status=standing.status,
        agreed_on=ta.date if ta is not None else None,
        initials=ta.initialled if ta is not None else "",
        package=", ".join(packages),
        valuations=tuple(valuations),
        notes=tuple(notes),
        path="" if standing.title else titled_path(negotiation.agreement, standing.clause),
    )


def _articles(
    agreement: Agreement, clauses: list[Standing], rows: dict[str, ChartRow]
) -> tuple[Article, ...]:
    """Return the rows grouped by article in agreement order; a clause the agreement
    lacks goes in the article, and after the clause, where a pass placed it."""
    order: dict[str, float] = {}
    article_of: dict[str, str] = {}
    for index, (clause, _) in enumerate(agreement.walk()):
        order[clause.id] = index
    for top in agreement.clauses:
        for clause, _ in top.walk():
            article_of[clause.id] = top.id
    for standing in clauses:
        if standing.clause in order:
            continue
        anchor = _anchor(standing)
        if anchor in article_of:
            last = anchor
            if anchor == _parent(standing):  # at the end of its parent
                last = max(
                    (c for c in order if _within(agreement, anchor, c)), key=order.__getitem__
                )
            order[standing.clause] = order[last] + 0.5
            article_of[standing.clause] = article_of[anchor]
    tops = {top.id: top for top in agreement.clauses}
    grouped: dict[str, list[ChartRow]] = {}
    ranked = sorted(clauses, key=lambda s: (order.get(s.clause, float("inf")), s.number))
    for standing in ranked:
        grouped.setdefault(article_of.get(standing.clause, ""), []).append(rows[standing.clause])
    return tuple(
        Article(
            tops[key].number if key in tops else "",
            tops[key].title if key in tops else "Other",
            tuple(found),
        )
        for key, found in grouped.items()
    )


def _anchor(standing: Standing) -> str:
    """Return the clause a new clause is placed after (or in), as the passes or TA place it."""
    ta = standing.tentative
    if ta is not None and (ta.after or ta.parent):
        return ta.after or ta.parent or ""
    for position in standing.positions.values():
        if position.after or position.parent:
            return position.after or position.parent or ""
    return ""


def _parent(standing: Standing) -> str | None:
    ta = standing.tentative
    if ta is not None and ta.parent and not ta.after:
        return ta.parent
    for position in standing.positions.values():
        if position.after:
            return None
        if position.parent:
            return position.parent
    return None


def _within(agreement: Agreement, parent: str, clause: str) -> bool:
    found = agreement.by_id.get(parent)
    return found is not None and any(c.id == clause for c, _ in found.walk())


def with_computed_costs(
    chart: Chart, negotiation: Negotiation, at: Moment, figures: Sequence[str]
) -> Chart:
    """Return a team copy of `chart` showing each pass's computed cost beside the stated ones.

    `figures` are the cost report's term figures of the same moment, one per pass
    (`cost_report.term_figures`), so they are the `cost` command's: a pass's term total
    over the base and its percent of the base payroll, on every row that pass gave costed
    terms.  The copy is CONFIDENTIAL.
    """
    from contracttools.costing.terms import COSTED

    computed: dict[str, list[str]] = {}
    for proposal, figure in zip(at.proposals, figures, strict=False):
        line = f"computed, {pass_label(proposal, negotiation)}: {figure}"
        for item in proposal.items:
            if any(name in COSTED for name in item.terms):
                computed.setdefault(item.clause, []).append(line)
    articles = tuple(
        replace(
            article,
            rows=tuple(
                replace(row, valuations=row.valuations + tuple(computed.get(row.clause, ())))
                for row in article.rows
            ),
        )
        for article in chart.articles
    )
    return replace(chart, articles=articles, confidential=True)
