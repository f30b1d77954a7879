"""The document model: agreements, clauses, proposals and negotiations.

Readers build these; the redline engine and the writers read them.  Nothing here
touches files.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property

from contracttools.body import Block, parse_body
from contracttools.problems import Location

ACTIONS = ("amend", "add", "delete", "status-quo", "withdraw", "accept", "reject", "concept")
"""What a proposal item may do to a clause."""

ACTION_LABELS = {
    "amend": "AMEND",
    "add": "NEW",
    "delete": "DELETE",
    "status-quo": "STATUS QUO",
    "withdraw": "WITHDRAWN",
    "accept": "ACCEPT",
    "reject": "REJECT",
    "concept": "CONCEPT",
}
"""How each action is labelled on paper and screen."""


def article_name(number: str, title: str) -> str:
    """Return how a reader names an article: its number ("Article 3"; a bare "3" is said
    "Article 3"), else its title."""
    if number:
        return number if number[0].isalpha() else f"Article {number}"
    return title


def moved_words(
    old: tuple[str, str],
    new: tuple[str, str],
    after: str = "",
    within: str = "",
    verb: str = "moved",
) -> str:
    """Return how a move is said, from the (number, article) it had and has: "moved from
    3.B (Article 3) to 2.F (Article 2)" where the number or the article changes, else
    "moved within Article 3", with ", after 3.D" (the clause it now follows) or ", first
    in 3.B" (its parent, where it comes first) where they are known; `verb` for "moves
    from ..." (a proposal's)."""

    def at(number: str, article: str) -> str:
        return f"{number} ({article})" if article and article != number else number

    if old != new:
        return f"{verb} from {at(*old)} to {at(*new)}"
    where = f", after {after}" if after else (f", first in {within}" if within else "")
    return f"{verb} within {new[1] or 'the agreement'}{where}"


ROLES = ("union", "employer")
UNLISTED = ("stand", "withdrawn")
"""What a clause left out of a later pass means (the manifest's `unlisted`)."""
PERIODS = ("year", "term", "one-time")


@dataclass(frozen=True)
class Clause:
    """A clause: `id` is its identity; `number` is only how it is shown."""

    id: str
    number: str
    title: str
    text: str = ""
    clauses: tuple[Clause, ...] = ()
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    """The clause's current figures, named as proposals name them."""
    at: Location | None = field(default=None, compare=False, repr=False)

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """Return the body as paragraphs and tables."""
        return parse_body(self.text)

    def walk(self, depth: int = 0) -> Iterator[tuple[Clause, int]]:
        """Yield this clause and its descendants in reading order, with their depth."""
        yield self, depth
        for child in self.clauses:
            yield from child.walk(depth + 1)


@dataclass(frozen=True)
class Agreement:
    """A full collective agreement: a tree of clauses."""

    id: str
    title: str
    clauses: tuple[Clause, ...]
    path: str = ""
    effective: date | None = None
    expires: date | None = None

    def walk(self) -> Iterator[tuple[Clause, int]]:
        """Yield every clause in reading order with its depth (0 for articles)."""
        for clause in self.clauses:
            yield from clause.walk()

    @cached_property
    def by_id(self) -> Mapping[str, Clause]:
        """Return the clauses by id."""
        return {clause.id: clause for clause, _ in self.walk()}


@dataclass(frozen=True)
class Valuation:
    """What one party says an item costs."""

    valuer: str
    amount: Decimal
    per: str = "year"
    at: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Item:
    """One item of a proposal: an action on a clause."""

    clause: str
    action: str
    text: str | None = None
    number: str | None = None
    title: str | None = None
    after: str | None = None
    parent: str | None = None
    summary: str | None = None
    topic: str | None = None
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    cost: tuple[Valuation, ...] = ()
    package: str | None = None
    note: str | None = None
    """Internal: never shown to members."""
    at: Location | None = field(default=None, compare=False, repr=False)
    spots: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)
    """Where each key's value stands in the file, for problems found later."""

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """Return the item's language as paragraphs and tables."""
        return parse_body(self.text or "")


@dataclass(frozen=True)
class Proposal:
    """What one party passes across the table at one moment."""

    party: str
    number: int
    passed_at: datetime
    amends: str
    items: tuple[Item, ...]
    title: str | None = None
    preamble: str | None = None
    note: str | None = None
    """Internal: never shown to members."""
    path: str = ""
    base: Agreement | None = field(default=None, compare=False, repr=False)
    """The agreement it amends, as loaded."""
    spots: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)
    """Where each key's value stands in the file, for problems found later."""

    @property
    def label(self) -> str:
        """Return e.g. "union #2"."""
        return f"{self.party} #{self.number}"


@dataclass(frozen=True)
class Party:
    """A side at the table."""

    key: str
    name: str
    short: str
    role: str
    article: str | None = None
    """"the" or "" before the short name in a sentence; None: by the rule of `named`."""

    @property
    def possessive(self) -> str:
        """Return "Guild's" or "Producers'"."""
        return f"{self.short}'" if self.short.endswith("s") else f"{self.short}'s"

    def named(self, capital: bool = False, possessive: bool = False) -> str:
        """Return the short name as a sentence writes it: "the Guild", "UESF".

        A name in capitals ("UESF", "SFUSD") takes no article, others "the", unless the
        negotiation's `name_article` says otherwise.
        """
        article = self.article
        if article is None:
            article = "" if self.short.replace(" ", "").isupper() else "the"
        name = self.possessive if possessive else self.short
        words = f"{article} {name}" if article else name
        return words[0].upper() + words[1:] if capital and words else words


@dataclass(frozen=True)
class TentativeAgreement:
    """A clause both sides have initialled, and the language they agreed.

    The agreed language is the TA's own `text` where it has one (a compromise neither
    side proposed), else the named proposal's item, else `party`'s last language.
    """

    clause: str
    date: date
    initials: Mapping[str, str]
    party: str | None = None
    """Whose language was agreed, where it was one side's."""
    proposal: int | None = None
    """That party's proposal number."""
    text: str | None = None
    """The language as agreed, where it is the TA's own."""
    summary: str | None = None
    """Plain language for members."""
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The agreed figures, named as proposals name them."""
    number: str | None = None
    title: str | None = None
    after: str | None = None
    parent: str | None = None
    """Where a clause the TA adds goes, as for an `add` item."""
    note: str | None = None
    """Internal: never shown to members."""
    at: Location | None = field(default=None, compare=False, repr=False)
    spots: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)
    """Where each key's value stands in the file, for problems found later."""

    @property
    def initialled(self) -> str:
        """Return the initials as "MK / CL"."""
        return " / ".join(self.initials.values())


@dataclass(frozen=True)
class ClauseMark:
    """What a pass did to a clause, carried beside a document so outputs can label it."""

    action: str
    item: Item | None = None
    carried: bool = False
    """The party's position from an earlier pass, not restated in this one."""
    number: str = ""
    title: str = ""
    after: str | None = None
    parent: str | None = None
    """How the clause is named and where it would stand, for a reply to a clause neither
    text has (a new clause the other side proposed and this one rejects)."""


@dataclass(frozen=True)
class Negotiation:
    """A bargaining round: parties, the base agreement, the passes and the TA log."""

    title: str
    parties: Mapping[str, Party]
    agreement: Agreement
    proposals: tuple[Proposal, ...]
    tentative_agreements: tuple[TentativeAgreement, ...] = ()
    expires: datetime | None = None
    path: str = ""
    unlisted: str = "stand"
    """What a clause a party does not restate in a later pass means: its position
    stands (`stand`, the usual ground rule) or it is `withdrawn`."""
    costing: str | None = None
    """The costing file the manifest names (team-only), as a path; None without one."""
    spots: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)
    """Where each key's value stands in the manifest; proposals as "proposals.N"."""
