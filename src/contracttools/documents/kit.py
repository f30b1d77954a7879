"""The members' ratification kit, assembled once and writer-neutral.

What the e-mail to the members says: what was won, where each side started on each
topic and what was agreed (in words and figures, compounded), which files come with it,
and (where the schedule is known) what the new agreement pays.  Nothing internal goes
in: no note, no roster, no valuation.  Pure: no files, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from contracttools.documents.summary import FigureRow, Summary, build_summary
from contracttools.documents.wording import PHRASES, compounded, long_date
from contracttools.model import Negotiation, Party
from contracttools.negotiation import Moment, Position, agreed_language, history, standings

FILES = {
    "summary": "summary.pdf",
    "agreement": "agreement.pdf",
    "blackline": "blackline.pdf",
    "pay": "pay.html",
}
"""The kit's documents by what they are, as named in its folder."""


UNSETTLED = {
    "open": "No agreement: the current language stays.",
    "rejected": "No agreement: the current language stays.",
    "withdrawn": "Withdrawn: the current language stays.",
    "status quo": "No change: the current language stays.",
}
"""What a clause left without a tentative agreement comes to in the new agreement."""


@dataclass(frozen=True)
class Attachment:
    """A document of the kit, linked from the message by its relative path."""

    href: str
    name: str
    what: str


@dataclass(frozen=True)
class Opening:
    """Where one side started on a clause."""

    party: Party
    words: str
    day: str
    """When that side first put it on the table: "March 20, 2023"."""


@dataclass(frozen=True)
class Started:
    """One clause: where each side started, and where it ended."""

    number: str
    title: str
    openings: tuple[Opening, ...]
    outcome: str
    """What was agreed, or the clause's status where nothing was."""
    agreed: bool


@dataclass(frozen=True)
class StartedTopic:
    """The clauses of one subject."""

    name: str
    rows: tuple[Started, ...]


@dataclass(frozen=True)
class StartedFigure:
    """One term's figures: the current contract, each side's opening, the agreement."""

    name: str
    rows: tuple[FigureRow, ...]
    years: int


@dataclass(frozen=True)
class Kit:
    """Everything the ratification message says, in order."""

    title: str
    day: str
    union: Party
    employer: Party
    won: tuple[str, ...]
    """One plain sentence for each tentative agreement."""
    still_open: int
    topics: tuple[StartedTopic, ...]
    figures: tuple[StartedFigure, ...]
    attachments: tuple[Attachment, ...]
    summary: Summary
    """The member summary, without valuations (they are not published)."""


def build_kit(negotiation: Negotiation, at: Moment, pay: bool = False) -> Kit:
    """Return the ratification kit of a negotiation as it stood at a moment; `pay`: the kit
    carries a pay page."""
    parties = tuple(sorted(negotiation.parties.values(), key=lambda p: p.role != "union"))
    union, employer = parties[0], parties[-1]
    summary = replace(build_summary(negotiation, at), valuations=())
    taken = list(history(negotiation, at))
    first: dict[tuple[str, str], Position] = {}
    for position in taken:
        first.setdefault((position.clause, position.party), position)
    topics: dict[str, list[Started]] = {}
    won = []
    still_open = 0
    for standing in standings(negotiation, at):
        openings = tuple(
            Opening(party, _words(opened), long_date(opened.proposal.passed_at.date()))
            for party in parties
            if (opened := first.get((standing.clause, party.key))) is not None
        )
        ta = standing.tentative
        if ta is not None:
            language = agreed_language(negotiation, ta, taken)
            whose = negotiation.parties.get(language.whose or "") if language else None
            said = ta.summary or (
                f"The {whose.possessive} proposal." if whose else "Language of its own."
            )
            outcome = f"Agreed on {long_date(ta.date)}: {said}"
            won.append(f"{standing.number} {standing.title}: {said}")
        else:
            outcome = UNSETTLED.get(standing.status, UNSETTLED["open"])
            still_open += standing.status in ("open", "rejected")
        topics.setdefault(standing.topic, []).append(
            Started(standing.number, standing.title, openings, outcome, ta is not None)
        )
    attachments = [
        Attachment(FILES["summary"], "Member summary", "where every topic stands, in plain words"),
        Attachment(FILES["agreement"], "The new agreement", "every clause, as it would read"),
        Attachment(
            FILES["blackline"],
            "What changes, marked",
            "the current contract with every agreed change marked in words and symbols",
        ),
    ]
    if pay:
        attachments.append(
            Attachment(FILES["pay"], "Your pay", "find your rate now and in each year")
        )
    return Kit(
        title=negotiation.title,
        day=long_date(at.day),
        union=union,
        employer=employer,
        won=tuple(won),
        still_open=still_open,
        topics=tuple(StartedTopic(name, tuple(rows)) for name, rows in topics.items()),
        figures=_figures(negotiation, at, parties, first),
        attachments=tuple(attachments),
        summary=summary,
    )


def _words(position: Position) -> str:
    """Return a position in plain words: its summary, else what its action means."""
    if position.item is None:
        return "Not restated: withdrawn under the ground rules."
    return position.item.summary or PHRASES[position.action]


def _figures(
    negotiation: Negotiation,
    at: Moment,
    parties: tuple[Party, ...],
    first: dict[tuple[str, str], Position],
) -> tuple[StartedFigure, ...]:
    """Return each term's figures: the current contract's, each side's first, the agreed."""
    names: list[str] = []
    for ta in at.tentative_agreements:
        names.extend(n for n in ta.terms if n not in names)
    openings: dict[str, dict[str, Position]] = {}
    for (_, key), position in sorted(first.items(), key=lambda kv: kv[1].proposal.passed_at):
        item = position.item
        if item is None:
            continue
        for name in item.terms:
            openings.setdefault(name, {}).setdefault(key, position)
            if name not in names:
                names.append(name)
    out = []
    for name in names:
        rows = [
            FigureRow("Current contract", clause.terms[name], compounded(clause.terms[name]))
            for clause, _ in negotiation.agreement.walk()
            if name in clause.terms
        ]
        for party in parties:
            found = openings.get(name, {}).get(party.key)
            if found is not None and found.item is not None:
                values = found.item.terms[name]
                rows.append(FigureRow(f"{party.short} opened", values, compounded(values)))
        for ta in at.tentative_agreements:
            if name in ta.terms:
                rows.append(FigureRow("Agreed", ta.terms[name], compounded(ta.terms[name])))
        years = max(len(r.values) for r in rows)
        out.append(StartedFigure(name.replace("_", " ").capitalize(), tuple(rows), years))
    return tuple(out)
