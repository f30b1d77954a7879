"""Number formats as Word shows them: roman, letters, zero-padded, English words."""

from __future__ import annotations

import re

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def roman(value: int) -> str:
    """Return lower-case roman numerals (Word shows 0 and less as arabic)."""
    if value <= 0:
        return str(value)
    out = []
    for amount, letters in _ROMAN:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)


def letters(value: int) -> str:
    """Return Word's letter numbering: a..z, then aa..zz, aaa..."""
    if value <= 0:
        return str(value)
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


MAX_COUNTER = 32767
"""The largest number Word counts a list to ("Start at" goes to 32,767)."""


def beyond(value: int, fmt: str) -> bool:
    """Return whether a counter is out of what Word shows in a format other than digits
    (it is then shown in digits, and reported)."""
    return fmt != "decimal" and not 0 <= value <= MAX_COUNTER


def format_number(value: int, fmt: str) -> str:
    """Return a counter shown in a numbering format (in digits beyond Word's range)."""
    if beyond(value, fmt):
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}" if 0 <= value < 10 else str(value)
    if fmt == "upperRoman":
        return roman(value).upper()
    if fmt == "lowerRoman":
        return roman(value)
    if fmt == "upperLetter":
        return letters(value).upper()
    if fmt == "lowerLetter":
        return letters(value)
    if fmt == "ordinal":
        suffix = (
            "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        )
        return f"{value}{suffix}"
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "cardinalText":
        return _capital(words(value))
    if fmt == "ordinalText":
        return _capital(ordinal_words(value))
    if fmt == "decimalEnclosedCircle" and 1 <= value <= 50:
        return (
            chr(0x2460 + value - 1)
            if value <= 20
            else chr(0x3251 + value - 21)
            if value <= 35
            else chr(0x32B1 + value - 36)
        )
    if fmt.startswith("custom:"):
        digits = fmt.removeprefix("custom:").split(",")[0].strip()
        if digits.isdigit():
            return str(value).zfill(len(digits))
    return str(value)


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}  # fmt: skip


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def words(value: int) -> str:
    """Return a number in English words as Word writes them ("one thousand and one")."""
    if value < 0:
        return str(value)
    if value < 20:
        return _ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {words(rest)}" if rest else "")
    thousands, rest = divmod(value, 1000)
    joint = " and " if 0 < rest < 100 else " "
    return f"{words(thousands)} thousand" + (f"{joint}{words(rest)}" if rest else "")


def ordinal_words(value: int) -> str:
    """Return an ordinal in English words ("twenty-first", "one hundredth")."""
    text = words(value)
    head, last = re.match(r"(.*?)([a-z]+)$", text).groups()  # type: ignore[union-attr]
    if last in _ORDINAL:
        return head + _ORDINAL[last]
    if last.endswith("y"):
        return head + last[:-1] + "ieth"
    return head + last + "th"
