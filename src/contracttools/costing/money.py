"""The rounding rules of costing, each stated once and used everywhere.

- Schedule figures are rounded to the cent, ROUND_HALF_UP (``to_cent``).
- Report figures are rounded to the dollar, ROUND_HALF_UP (``to_dollar``), and only when
  shown: every sum is taken over unrounded figures.
- Percentages are written as numbers of percent (``Decimal("3")`` is 3%).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
DOLLAR = Decimal("1")
HUNDRED = Decimal(100)


def to_cent(amount: Decimal) -> Decimal:
    """Round ``amount`` to the cent, halves away from zero (ROUND_HALF_UP)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_dollar(amount: Decimal) -> Decimal:
    """Round ``amount`` to the dollar, halves away from zero (ROUND_HALF_UP)."""
    return amount.quantize(DOLLAR, rounding=ROUND_HALF_UP)


def factor(percent: Decimal) -> Decimal:
    """Return the multiplier of a ``percent`` increase: 3 gives 1.03."""
    return 1 + percent / HUNDRED


def parse_percent(text: str) -> Decimal | None:
    """Read ``"3%"``, ``"3.5 %"`` or ``"3"`` as a number of percent; None if it is not one."""
    match = re.fullmatch(r"\s*([+-]?[0-9]+(?:\.[0-9]+)?|[+-]?\.[0-9]+)\s*%?\s*", text)
    if match is None:
        return None
    try:
        return Decimal(match.group(1))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def parse_money(text: str) -> Decimal | None:
    """Read ``"$750"``, ``"1,250.50"`` or ``"750"`` as an amount; None if it is not one."""
    cleaned = text.strip().replace(",", "").removeprefix("$").strip()
    if not re.fullmatch(r"[+-]?[0-9]+(?:\.[0-9]+)?", cleaned):
        return None
    return Decimal(cleaned)
