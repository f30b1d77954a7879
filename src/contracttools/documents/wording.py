"""The words every document shares: dates, clock times, money, percentages, passes, parties,
the plain words for actions, the glossary and the reading grade of prose.

Pure: no files, no clock.  Every document says a date, a sum or a pass the same way because
it says it through this module.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from contracttools.costing.schedules import Increase
from contracttools.model import Agreement, Clause, Negotiation, Party, Proposal

SHORT = {
    "amend": "new language",
    "add": "new section",
    "delete": "strike the section",
    "status-quo": "keep current language",
    "withdraw": "withdrawn",
    "accept": "accepts",
    "reject": "no counter",
    "concept": "idea, no language yet",
}
"""A word or two for a position whose item carries no summary."""


def long_date(day: date) -> str:
    """Return "March 20, 2023"."""
    return f"{day:%B} {day.day}, {day.year}"


def clock(moment: datetime) -> str:
    """Return "3:30 p.m."."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment:%M} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def percent(value: str) -> Decimal | None:
    """Return 5.5 for "5.5%", or None for anything that is not a percentage."""
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*", value)
    if not match:
        return None
    try:
        return Decimal(match.group(1))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def compounded(values: tuple[str, ...]) -> str | None:
    """Return the compounded total of yearly percentages: ("6%", "5%", "5%") -> "16.87%".

    Rounded half up to two decimals, once, at the end.
    """
    rates = [percent(v) for v in values]
    if not rates or any(r is None for r in rates):
        return None
    total = Decimal(1)
    for rate in rates:
        assert rate is not None
        total *= 1 + rate / 100
    value = ((total - 1) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{value}%"


def money(amount: Decimal) -> str:
    """Return "$429 million", "$1.2 billion" or "$86,000" (rounded half up)."""
    if amount >= 1_000_000_000:
        return f"${_trim(amount / 1_000_000_000)} billion"
    if amount >= 1_000_000:
        return f"${_trim(amount / 1_000_000)} million"
    return f"${amount:,.0f}"


def _trim(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"
    return text[:-2] if text.endswith(".0") else text


def pass_key(proposal: Proposal) -> str:
    """Return "guild-1"."""
    return f"{proposal.party}-{proposal.number}"


def pass_label(proposal: Proposal, negotiation: Negotiation) -> str:
    """Return "Guild 1 · Mar 20"."""
    who = short_name(negotiation, proposal.party)
    when = proposal.passed_at
    return f"{who} {proposal.number} \u00b7 {when:%b} {when.day}"


def short_name(negotiation: Negotiation, key: str) -> str:
    """Return the party's short name ("Guild"), or its key where the manifest names no such party."""
    party = negotiation.parties.get(key)
    return party.short if party else key


def party_or_guess(key: str, negotiation: Negotiation | None) -> Party:
    """Return the party the manifest names, or one made from its key where there is no manifest."""
    if negotiation is not None and key in negotiation.parties:
        return negotiation.parties[key]
    return Party(key, key.replace("-", " ").title(), key.title(), "")


PATH_SEPARATOR = " \u203a "
"""Between the clauses of a path: a single right-pointing angle quotation mark."""


def titled_path(agreement: Agreement, clause_id: str) -> str:
    """Return the titled clauses a clause sits in, outermost first, as one line joined by
    PATH_SEPARATOR ("" at the top level)."""
    trail: list[Clause] = []

    def visit(clauses: tuple[Clause, ...]) -> bool:
        for clause in clauses:
            if clause.id == clause_id:
                return True
            trail.append(clause)
            if visit(clause.clauses):
                return True
            trail.pop()
        return False

    visit(agreement.clauses)
    named = [" ".join(p for p in (c.number, c.title) if p) for c in trail if c.title]
    return PATH_SEPARATOR.join(named)


PHRASES = {
    "status-quo": "No change: keep the current language.",
    "reject": "Rejects the proposal, with no counteroffer.",
    "withdraw": "Withdrew its proposal.",
    "accept": "Accepts the other side's proposal.",
    "delete": "Remove this section.",
    "concept": "Proposes the idea; no contract language yet.",
    "amend": "Proposes new contract language.",
    "add": "Proposes a new section.",
}
"""Plain words for an item that carries no summary of its own."""

TRIGGERS = {"tentative agreement": ("tentative",), "compounded": ("compound",)}
"""Words that call for a glossary entry, where they are not the entry's own words."""

GLOSSARY = {
    "tentative agreement": "A section both bargaining teams have initialled. It becomes part of the contract only if members ratify the whole agreement.",
    "status quo": "Keep the current contract language unchanged.",
    "proposal": "A written offer one side passes across the table. Each is numbered; a later one replaces the earlier on the same section.",
    "package": "Several proposals that stand or fall together: accepting one means accepting all.",
    "minimum": "The lowest pay the contract allows for a kind of work. Anyone may negotiate more.",
    "compounded": "Each year's raise applies to the pay after the previous raise, so 5% and 5% add up to 10.25%, not 10%.",
    "residual": "A payment for reuse of work after its first showing, such as reruns or years on a streaming service.",
    "mini-room": "A small group of writers hired to develop a series before it is ordered to production.",
    "withdrawn": "The side that made a proposal has taken it off the table.",
    "rejected": "The other side has said no, without a counteroffer.",
}


def verb(party: Party | None, singular: str, plural: str) -> str:
    """Agree with a party's short name: "the Guild values", "the Producers value"."""
    return plural if party is not None and party.short.endswith("s") else singular


def reading_grade(text: str) -> float:
    """Return the Flesch-Kincaid grade level of prose (about the school year that reads it easily)."""
    sentences = max(1, len(re.findall(r"[.!?](?:\s|$)", text)))
    words = re.findall(r"[A-Za-z]+(?:['\u2019-][A-Za-z]+)*", text)
    if not words:
        return 0.0
    syllables = sum(_syllables(word) for word in words)
    grade = 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59
    return round(grade, 1)


def _syllables(word: str) -> int:
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def _figure(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def cents(value: Decimal) -> str:
    """Return an amount to the cent: "$45,423.00"."""
    return f"${value:,.2f}"


def increase(change: Increase) -> str:
    """Say an increase as a reader would: '3%', '2% and $0.25', '$520.00'."""
    parts = []
    if change.percent:
        parts.append(f"{_figure(change.percent)}%")
    if change.amount:
        parts.append(cents(change.amount))
    return " and ".join(parts) or "0%"


def step_name(step: str) -> str:
    """Return a step's column heading: 'Step 2' for a bare number, 'Rate' for the one
    unnamed step of a schedule by year, else the name as read."""
    if not step:
        return "Rate"
    return f"Step {step}" if step.isdigit() else step
