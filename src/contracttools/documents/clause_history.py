"""One clause's path through the passes, assembled once and writer-neutral.

The current language; then every position taken on the clause, in the order passed,
each in full and redlined against the position before it; then the TA, redlined
against the current language.  Positions come from `contracttools.negotiation`; the
redlines from the engine.  Nothing internal unless a team copy is asked for.  Pure.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace

from contracttools.documents.wording import (
    SHORT,
    long_date,
    pass_key,
    pass_label,
    short_name,
    titled_path,
)
from contracttools.errors import ContractToolsError
from contracttools.model import ACTION_LABELS, Clause, Negotiation
from contracttools.negotiation import (
    Moment,
    Position,
    Standing,
    agreed_language,
    history,
    standings,
)
from contracttools.negotiation.moves import Move, Moves, moves
from contracttools.redline import ClauseChange
from contracttools.redline.compare import compare_language


class UnknownClause(ContractToolsError):
    """No clause of the negotiation goes by the name given: lists the closest."""


@dataclass(frozen=True)
class Step:
    """One position on the clause, as one pass took it."""

    party: str
    """The party's short name: "Guild"."""
    pass_key: str
    """e.g. "guild-1": names the pass's packet."""
    pass_label: str
    """e.g. "Guild 1 · Mar 20"."""
    passed: str
    """e.g. "March 20, 2023"."""
    action: str
    label: str
    summary: str
    """The item's summary, else the action in a few words."""
    full: ClauseChange | None
    """The language as this position has it, unmarked; None: no such clause."""
    change: ClauseChange | None
    """The language redlined against `against`; None where neither has the clause."""
    against: str
    """What the redline is measured against: the previous position, or the current language."""
    concept: str | None = None
    """A concept's description (prose, not language)."""
    note: str | None = None
    """Internal: only in a team copy."""
    move: Move | None = None
    """Where this position places the clause elsewhere: its old and new number."""

    @property
    def unchanged(self) -> bool:
        return self.change is None or not self.change.changed


@dataclass(frozen=True)
class AgreedStep:
    """The TA that closed the clause."""

    day: str
    initials: str
    whose: str
    """Whose language was agreed, in words."""
    pass_key: str | None
    summary: str | None
    full: ClauseChange | None
    change: ClauseChange | None
    """The agreed language redlined against the current agreement."""
    note: str | None = None
    move: Move | None = None
    """Where the agreed language places the clause elsewhere: its old and new number."""


@dataclass(frozen=True)
class ClauseHistory:
    """Everything a clause's history page says, in order."""

    clause: str
    number: str
    title: str
    topic: str
    negotiation: str
    as_of: str
    status: str
    current: ClauseChange | None
    """The current agreement's language, unmarked; None for a clause it lacks."""
    steps: tuple[Step, ...]
    agreed: AgreedStep | None
    confidential: bool = False
    path: str = ""
    """For a clause without a title: the titled clauses it sits in (`titled_path`)."""

    @property
    def heading(self) -> str:
        """Return "2.A General Increases", or for a clause without a title "13.1.1.1
        (Article 13 Pay and Allowances, 13.1 Salary Increases, as `titled_path` joins them)"."""
        named = " ".join(part for part in (self.number, self.title) if part) or self.clause
        return f"{named} ({self.path})" if self.path and not self.title else named


def find_clause(negotiation: Negotiation, at: Moment, name: str) -> Standing:
    """Return the standing of the clause `name` names: its id, its number, or a number
    a pass gave it (where no clause has that number now).

    A clause of the agreement no pass named stands with no positions.  Raise
    UnknownClause, listing the closest ids and numbers, when none is found.
    """
    on_table = standings(negotiation, at)
    every = list(on_table) + [
        Standing(c.id, c.number, c.title, "", {}, "not on the table", None)
        for c, _ in negotiation.agreement.walk()
        if c.id not in {s.clause for s in on_table}
    ]
    wanted = name.strip()
    for standing in every:
        if standing.clause == wanted:
            return standing
    folded = _fold(wanted)
    found = [s for s in every if s.number and _fold(s.number) == folded]
    if len(found) == 1:
        return found[0]
    by_id = {s.clause: s for s in every}
    given = [  # the numbers the passes gave, with the clauses they gave them to
        (position.number, by_id[position.clause])
        for position in history(negotiation, at)
        if position.number and position.clause in by_id
    ]
    if not found:
        found = list({s.clause: s for number, s in given if _fold(number) == folded}.values())
        if len(found) == 1:
            return found[0]
    if found:
        named = "; ".join(f"{s.number} {s.title} ({s.clause})" for s in found)
        raise UnknownClause(f"'{name}' numbers more than one clause ({named}); give its id")
    names = by_id | {s.number: s for s in every if s.number}
    names |= {number: s for number, s in given if number not in names}
    close = _closest(wanted, list(names))
    seen: list[str] = []
    for match in close:
        s = names[match]
        shown = f"{s.number} {s.title} ({s.clause})".strip()
        if match not in (s.clause, s.number):
            shown = f"{match}, a pass's number for {shown}"
        if shown not in seen:
            seen.append(shown)
    if not seen:
        seen = [f"{s.number} {s.title} ({s.clause})".strip() for s in on_table]
        hint = "clauses on the table: "
    else:
        hint = "closest: "
    raise UnknownClause(f"no clause '{name}' in {negotiation.title}; {hint}{'; '.join(seen)}")


def _closest(wanted: str, names: list[str], n: int = 5) -> list[str]:
    """Return the `n` names most like `wanted`, equally close ones in the order given."""
    scored = [(difflib.SequenceMatcher(None, wanted, name).ratio(), name) for name in names]
    ranked = sorted(
        ((score, index, name) for index, (score, name) in enumerate(scored) if score >= 0.5),
        key=lambda found: (-found[0], found[1]),
    )
    return [name for _, _, name in ranked[:n]]


def _fold(number: str) -> str:
    words = number.lower().replace("article", "").replace("section", "").split()
    return "".join(words)


def _language(clause: str, number: str, title: str, text: str | None) -> Clause | None:
    return None if text is None else Clause(clause, number, title, text)


def _full(clause: Clause | None) -> ClauseChange | None:
    if clause is None:
        return None
    return compare_language(clause, clause.id, clause.number, clause.title, clause.text)


def _redline(
    before: Clause | None, after: Clause | None, clause: str, number: str, title: str
) -> ClauseChange | None:
    if after is not None:
        return compare_language(before, clause, after.number, after.title, after.text)
    if before is not None:
        return compare_language(before, clause, number, title, "", "delete")
    return None


def build_history(
    negotiation: Negotiation,
    at: Moment,
    standing: Standing,
    team_copy: bool = False,
    taken: list[Position] | None = None,
    moved: Moves | None = None,
) -> ClauseHistory:
    """Return the history of one clause as it stood at a moment (`taken`: every position
    taken by then, and `moved`, the moves then, where the caller has them already)."""
    current = negotiation.agreement.by_id.get(standing.clause)
    taken = taken if taken is not None else list(history(negotiation, at))
    moved = moved if moved is not None else moves(negotiation, at, taken)
    mine = [p for p in taken if p.clause == standing.clause]
    previous, against = current, "the current agreement"
    steps = []
    for position in mine:
        number = position.number or (previous.number if previous else standing.number)
        title = position.title or (previous.title if previous else standing.title)
        language = _language(standing.clause, number, title, position.language)
        step = _step(position, negotiation, language, previous, against, team_copy)
        steps.append(replace(step, move=moved.of(position)))
        previous, against = language, pass_label(position.proposal, negotiation)
    agreed = None
    if standing.tentative is not None:
        agreed = _agreed(negotiation, standing, current, taken, team_copy)
        agreed = replace(agreed, move=moved.agreed.get(standing.clause))
    return ClauseHistory(
        clause=standing.clause,
        number=standing.number,
        title=standing.title,
        topic=standing.topic,
        negotiation=negotiation.title,
        as_of=long_date(at.day),
        status=standing.status,
        current=_full(current),
        steps=tuple(steps),
        agreed=agreed,
        confidential=team_copy,
        path="" if standing.title else titled_path(negotiation.agreement, standing.clause),
    )


def _step(
    position: Position,
    negotiation: Negotiation,
    language: Clause | None,
    previous: Clause | None,
    against: str,
    team_copy: bool,
) -> Step:
    item = position.item
    proposal = position.proposal
    if item is None:
        summary = "Not restated in this pass: withdrawn under the ground rules."
    else:
        summary = item.summary or SHORT[position.action].capitalize() + "."
    if position.action == "accept" and position.source is not None:
        summary += f" (Accepts {pass_label(position.source, negotiation)}.)"
    concept = None
    if item is not None and item.action == "concept" and item.text:
        concept = " ".join(item.text.split())
    number = language.number if language else (previous.number if previous else "")
    title = language.title if language else (previous.title if previous else "")
    return Step(
        party=short_name(negotiation, position.party),
        pass_key=pass_key(proposal),
        pass_label=pass_label(proposal, negotiation),
        passed=long_date(proposal.passed_at.date()),
        action=position.action,
        label=ACTION_LABELS[position.action],
        summary=summary,
        full=_full(language),
        change=_redline(previous, language, position.clause, number, title),
        against=against,
        concept=concept,
        note=item.note if team_copy and item is not None else None,
    )


def _agreed(
    negotiation: Negotiation,
    standing: Standing,
    current: Clause | None,
    taken: list[Position],
    team_copy: bool,
) -> AgreedStep:
    ta = standing.tentative
    assert ta is not None
    found = agreed_language(negotiation, ta, taken)
    language = None
    whose = "no language recorded"
    source = None
    if found is not None:
        number = found.number or standing.number
        title = found.title or standing.title
        language = _language(standing.clause, number, title, found.language)
        if found.source is not None:
            source = found.source
            whose = f"the language of {pass_label(source, negotiation)}"
        else:
            whose = "language of its own (a compromise neither side proposed)"
    return AgreedStep(
        day=long_date(ta.date),
        initials=ta.initialled,
        whose=whose,
        pass_key=pass_key(source) if source is not None else None,
        summary=ta.summary,
        full=_full(language),
        change=_redline(current, language, standing.clause, standing.number, standing.title),
        note=ta.note if team_copy else None,
    )
