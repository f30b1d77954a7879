"""The words every document shares: dates, clock times, money, percentages, passes, parties.

Pure: no files, no clock.  Every document says a date, a sum or a pass the same way because
it says it through this module.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from contracttools.model import Negotiation, Party, Proposal

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
