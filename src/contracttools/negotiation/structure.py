"""An agreement's structure, linted: what a reader of the outline would query.

- a number used twice among siblings;
- numbers out of order among siblings of one style ("1.2" after "1.3"; digits, letters
  and roman numerals, "5A" between "5" and "6"; unnumbered clauses skipped);
- a clause numbered deeper than one it holds ("4.2.1" holding "4.2"), or an article
  (appendix, addendum, exhibit, annex, attachment, schedule, side letter) held by
  another clause;
- a title with dot leaders or a trailing page number ("Wages ........ 12");
- a clause with neither title nor text nor clauses.

Each is a `Problem` at the clause's place in its file.  Pure: the agreement in, the
warnings out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from contracttools.model import Agreement, Clause
from contracttools.problems import Location, Problem

_ARTICLE = re.compile(
    r"^(?:article|art\.|appendix|addendum|exhibit|annex|attachment|schedule|side\s+letter)\b",
    re.IGNORECASE,
)
_SECTION = re.compile(r"^(?:section|sec\.|§)\s*", re.IGNORECASE)
_KEYWORD = re.compile(r"^([^\W\d_]+\.?|§)\s*(?=\S)")
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$", re.IGNORECASE)
_PART = re.compile(r"^(\d+)([a-z]?)$|^([a-z]+)$", re.IGNORECASE)
_LEADERS = re.compile(r"(?:\.\s?){4,}|…{2,}|_{4,}|(?:·\s?){4,}")
_PAGE = re.compile(r"(?:\s{3,}|\t|(?<!\d)[.…·_]\s*)\d{1,4}$")  # not "Section 1.1"


class _Number:
    """A clause number read for comparing: its keyword, its parts, their styles."""

    def __init__(self, number: str) -> None:
        text = " ".join(number.split()).rstrip(".")
        self.shown = text
        self.article = bool(_ARTICLE.match(text))
        keyword = ""
        rest = _SECTION.sub("", text)
        found = _KEYWORD.match(rest) if not rest[:1].isdigit() else None
        if found and " " in rest:
            keyword, rest = found.group(1).lower().rstrip("."), rest[found.end() :]
        self.keyword = keyword
        pieces = re.split(r"[.-]", rest)
        if len(pieces) > 1 and all(p.strip("0") == "" for p in pieces[1:]):
            pieces = pieces[:1]  # "5.0" is the article above "5.1"
        self.parts = [p for p in pieces if p]
        self.valid = bool(self.parts) and all(_readable(p) for p in self.parts)
        self.styles = tuple("digit" if p[:1].isdigit() else "alpha" for p in self.parts)

    @property
    def family(self) -> tuple[object, ...]:
        return (self.keyword, self.styles)


def _readable(part: str) -> bool:
    """Return whether a part of a number can be compared: digits ("5", "5A"), a letter or
    two ("b", "aa"), or a roman numeral; not a number in words ("TWENTY-ONE")."""
    if not _PART.match(part):
        return False
    return part[:1].isdigit() or len(part) <= 2 or bool(_ROMAN.match(part))


def _alpha(part: str, roman: bool) -> int:
    if roman:
        values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
        digits = [values[c] for c in part.lower()]
        return sum(
            -d if i + 1 < len(digits) and d < digits[i + 1] else d for i, d in enumerate(digits)
        )
    if len(set(part.lower())) == 1:  # "a" ... "z", "aa", "bb" (Word's letters)
        return 26 * (len(part) - 1) + ord(part.lower()[0]) - 96
    value = 0
    for c in part.lower():
        value = value * 26 + ord(c) - 96
    return value


def _key(number: _Number, romans: Sequence[bool]) -> tuple[tuple[int, int], ...]:
    key = []
    for part, roman in zip(number.parts, romans, strict=True):
        found = _PART.match(part)
        assert found is not None
        if found.group(1) is not None:
            suffix = found.group(2).lower()
            key.append((int(found.group(1)), ord(suffix) - 96 if suffix else 0))
        else:
            key.append((_alpha(part, roman), 0))
    return tuple(key)


def _where(clause: Clause, agreement: Agreement) -> Location:
    return clause.at or Location(agreement.path or agreement.id)


def _name(clause: Clause) -> str:
    shown = " ".join(p for p in (clause.number, clause.title) if p)
    return f"clause '{clause.id}'" + (f" ({shown})" if shown else "")


def structure_warnings(agreement: Agreement) -> list[Problem]:
    """Return what looks wrong in the structure of `agreement`, in reading order."""
    found: list[Problem] = []

    def visit(siblings: tuple[Clause, ...], parent: Clause | None) -> None:
        found.extend(_siblings(siblings, agreement))
        for clause in siblings:
            if parent is not None:
                found.extend(_held(clause, parent, agreement))
            found.extend(_alone(clause, agreement))
            visit(clause.clauses, clause)

    visit(agreement.clauses, None)
    return sorted(found)


def _siblings(siblings: tuple[Clause, ...], agreement: Agreement) -> list[Problem]:
    found: list[Problem] = []
    numbered = [(c, _Number(c.number)) for c in siblings if c.number.strip()]
    first: dict[str, Clause] = {}
    for clause, number in numbered:
        seen = first.setdefault(number.shown.casefold(), clause)
        if seen is not clause:
            found.append(
                Problem(
                    _where(clause, agreement),
                    f"warning: {_name(clause)}: number '{number.shown}' is used twice among "
                    f"its siblings (first by '{seen.id}' at {_where(seen, agreement)})",
                )
            )
    families: dict[tuple[object, ...], list[tuple[Clause, _Number]]] = {}
    for clause, number in numbered:
        if number.valid:
            families.setdefault(number.family, []).append((clause, number))
    for members in families.values():
        romans = [
            all(_ROMAN.match(n.parts[i]) for _, n in members)
            and any(len(n.parts[i]) > 1 for _, n in members)
            for i in range(len(members[0][1].parts))
        ]
        last: tuple[Clause, _Number, tuple[tuple[int, int], ...]] | None = None
        for clause, number in members:
            key = _key(number, romans)
            if last is not None and key < last[2]:
                found.append(
                    Problem(
                        _where(clause, agreement),
                        f"warning: {_name(clause)}: number '{number.shown}' comes after "
                        f"'{last[1].shown}' among its siblings (out of order)",
                    )
                )
            last = (clause, number, key)
    return found


def _held(clause: Clause, parent: Clause, agreement: Agreement) -> list[Problem]:
    if not clause.number.strip() or not parent.number.strip():
        return []
    child, holder = _Number(clause.number), _Number(parent.number)
    wrong = ""
    if child.article:
        wrong = f"an article-level clause held by '{parent.number}'"
    elif (
        child.valid
        and holder.valid
        and not holder.article
        and child.keyword == holder.keyword
        and child.styles[0] == holder.styles[0]
        and len(child.parts) > 1
        and len(child.parts) <= len(holder.parts)
    ):
        wrong = f"numbered no deeper than '{parent.number}', which holds it"
    if not wrong:
        return []
    return [Problem(_where(clause, agreement), f"warning: {_name(clause)}: {wrong}")]


def _alone(clause: Clause, agreement: Agreement) -> list[Problem]:
    found = []
    title = clause.title.strip()
    if _LEADERS.search(title) or (_PAGE.search(title) and len(title.split()) > 1):
        found.append(
            Problem(
                _where(clause, agreement),
                f"warning: {_name(clause)}: the title has dot leaders or a trailing page "
                "number (a line of a table of contents?)",
            )
        )
    if not title and not clause.text.strip() and not clause.clauses:
        found.append(
            Problem(
                _where(clause, agreement),
                f"warning: {_name(clause)}: has neither title nor text nor clauses",
            )
        )
    return found
