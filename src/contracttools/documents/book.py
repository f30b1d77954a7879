"""The bargaining book: the tracking chart, every clause's history and every packet,
assembled once, with where each goes in the site's folder.  Pure: no files.

The folder: `index.html` (the chart), `clauses/ID.html` (a history per clause on the
table), `packets/PARTY-N.html` (each pass's packet, with the style sheet it links).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contracttools.documents.clause_history import ClauseHistory, build_history
from contracttools.documents.packet import Packet, build_packet
from contracttools.documents.tracking import Chart, build_chart
from contracttools.documents.wording import pass_key
from contracttools.model import Negotiation, Proposal
from contracttools.negotiation import Moment, history, standings
from contracttools.negotiation.moves import moves

INDEX = "index.html"


@dataclass(frozen=True)
class Book:
    """Everything the book's pages show."""

    chart: Chart
    histories: tuple[ClauseHistory, ...]
    packets: tuple[tuple[Proposal, Packet], ...]


def clause_page(clause: str) -> str:
    """Return where a clause's history goes: "clauses/minimums.general-increase.html"."""
    return f"clauses/{re.sub(r'[^A-Za-z0-9._-]', '-', clause).lstrip('.') or 'clause'}.html"


def packet_page(key: str) -> str:
    """Return where a pass's packet goes: "packets/guild-1.html"."""
    return f"packets/{re.sub(r'[^A-Za-z0-9._-]', '-', key)}.html"


def build_book(negotiation: Negotiation, at: Moment, team_copy: bool = False) -> Book:
    """Return the book of a negotiation as it stood at a moment."""
    chart = build_chart(negotiation, at, team_copy)
    taken = list(history(negotiation, at))
    moved = moves(negotiation, at, taken)
    histories = tuple(
        build_history(negotiation, at, s, team_copy, taken, moved)
        for s in standings(negotiation, at)
    )
    packets = tuple(
        (p, build_packet(p, negotiation, include_notes=team_copy)) for p in at.proposals
    )
    return Book(chart, histories, packets)


def links(book: Book) -> dict[str, str]:
    """Return the index's link to each clause's history, by clause id."""
    return {h.clause: clause_page(h.clause) for h in book.histories}


def packet_links(book: Book, prefix: str = "") -> dict[str, str]:
    """Return the link to each pass's packet, by pass key."""
    return {pass_key(p): prefix + packet_page(pass_key(p)) for p, _ in book.packets}


def history_packets(history: ClauseHistory, book: Book) -> dict[str, str]:
    """Return the links from a clause's history page to the packets of its passes."""
    every = packet_links(book, "../")
    keys = [s.pass_key for s in history.steps]
    if history.agreed is not None and history.agreed.pass_key:
        keys.append(history.agreed.pass_key)
    return {k: every[k] for k in dict.fromkeys(keys) if k in every}
