"""Words every writer uses for actions and clause tags."""

from __future__ import annotations

from datetime import date, datetime

from contracttools.documents.wording import clock, long_date
from contracttools.model import ACTION_LABELS, article_name, moved_words
from contracttools.redline.model import ClauseChange, ClauseRef, Redline, Side

AGAINST_ID = "paired by content, not by id"
"""The tag of a pair made against the ids (see docs/redline-json.md)."""


def move(clause: ClauseChange) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """Return a moved clause's (number, article) on its old and its new side, or None."""
    if not clause.moved or clause.old is None or clause.new is None:
        return None

    def article(path: tuple[ClauseRef, ...]) -> str:
        return article_name(path[0].number, path[0].title) if path else ""

    return (
        (clause.old.number or clause.old.title, article(clause.was_within)),
        (clause.new.number or clause.new.title, article(clause.within)),
    )


def placed(clause: ClauseChange) -> tuple[str, str]:
    """Return how a reader names, on a moved clause's new side, the clause it now follows
    ("" where it comes first) and its parent ("3.B", "Article 3", or "the agreement")."""

    def name(ref: ClauseRef) -> str:
        return ref.number or ref.title or ref.id

    after = name(clause.follows) if clause.follows is not None else ""
    if not clause.within:
        return after, "the agreement"
    parent = clause.within[-1]
    if len(clause.within) == 1:
        return after, article_name(parent.number, parent.title) or parent.id
    return after, name(parent)


def move_words(clause: ClauseChange) -> str | None:
    """Return how a moved clause's move is said, as the tracking chart says it ("moved
    within Article 3, after 3.D"), or None where it has no old and new side to say."""
    moved = move(clause)
    return moved_words(*moved, *placed(clause)) if moved is not None else None


def tags(clause: ClauseChange) -> list[str]:
    """Return the tags of a clause: e.g. ['moved from 3.B (Article 3) to 2.F (Article 2)',
    'AMEND'], or ['renumbered 3.B -> 3.C'] for a clause renumbered in its place."""
    out: list[str] = []
    if clause.status in ("added", "deleted"):
        out.append(clause.status)
    moved = move_words(clause)
    if moved is not None:
        out.append(moved)
    elif clause.moved:
        out.append("moved")
    if clause.renumbered and clause.old and clause.new and moved is None:
        out.append(f"renumbered {clause.old.number} -> {clause.new.number}")
    if clause.retitled:
        out.append("retitled")
    if clause.against_id:
        out.append(AGAINST_ID)
    if clause.old_action and clause.old_action != clause.action:
        out.append(f"was {ACTION_LABELS[clause.old_action]}")
    if clause.carried:
        out.append("carried forward")
    if clause.action:
        out.append(ACTION_LABELS[clause.action])
    return out


_VISIBLE = {c: 0x2400 + c for c in range(32) if chr(c) not in "\n"} | {0x7F: 0x2421}


def marked(change: ClauseChange | None) -> bool:
    """Return whether a clause's redline marks anything: its text, its place or its name.

    A status-quo item marked against a proposal that changed the clause marks the change
    it answers; one marked against the agreement marks nothing.
    """
    return change is not None and bool(
        change.status != "unchanged" or change.moved or change.renumbered or change.retitled
    )


def visible(text: str) -> str:
    """Return text with control characters shown as symbols (a bell as '␇'), for text outputs."""
    return text.translate(_VISIBLE)


def concept(clause: ClauseChange) -> str:
    """Return a concept item's description (prose, not language), or an empty string."""
    item = clause.item
    if item is None or item.action != "concept" or not item.text:
        return ""
    return " ".join(item.text.split())


def heading(clause: ClauseChange) -> str:
    """Return "2.A General Increases"."""
    ref = clause.ref
    return " ".join(part for part in (ref.number, ref.title) if part) or ref.id


SEPARATOR = " \u203a "
"""Between the steps of a clause's path (a single right-pointing angle quotation mark)."""


def context(clause: ClauseChange) -> str:
    """Return the clauses a clause sits in, each by its number and followed by SEPARATOR
    (empty for a clause at the top)."""
    return "".join(f"{ref.number or ref.title or ref.id}{SEPARATOR}" for ref in clause.within)


def path(clause: ClauseChange) -> str:
    """Return where the clause is, then its heading (the steps joined by SEPARATOR)."""
    return context(clause) + heading(clause)


def describe(side: Side) -> str:
    """Return a one-line description of a compared document."""
    if side.kind == "proposal":
        when = side.passed_at.replace("T", " ") if side.passed_at else ""
        return f"{side.title} ({side.party} #{side.number}, passed {when})"
    return side.title


def summary_line(redline: Redline) -> str:
    """Return "6 modified, 2 added, ...; 234 words inserted, 125 deleted"."""
    stats = redline.stats()
    clauses, words = stats["clauses"], stats["words"]
    parts = [f"{clauses[k]} {k}" for k in ("modified", "added", "deleted", "moved", "renumbered")]
    return (
        f"{', '.join(parts)}, {clauses['unchanged']} unchanged; "
        f"{words['inserted']} words inserted, {words['deleted']} deleted"
    )


def emphasized(text: str, emphasis: tuple[str, ...] | None) -> str:
    """Return text between asterisks as typed in a body (`*em*`, `**strong**`)."""
    if not emphasis or not text.strip():
        return text
    stars = "*" * (("em" in emphasis) + 2 * ("strong" in emphasis))
    core = text.strip()
    start = text.index(core)
    return f"{text[:start]}{stars}{core}{stars}{text[start + len(core) :]}"


def file_name(path: str) -> str:
    """Return a compared file's name, never the folders it was read from."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def initialled(action: str) -> bool:
    """Return whether an item gets tentative-agreement lines: not a rejection or a concept,
    where there is no language to initial."""
    return action not in ("reject", "concept")


NORTH_AMERICAN_ZONES = {
    -10: ("HST", "HDT"),
    -9: ("AKST", "AKDT"),
    -8: ("PST", "PDT"),
    -7: ("MST", "MDT"),
    -6: ("CST", "CDT"),
    -5: ("EST", "EDT"),
    -4: ("AST", "ADT"),
    -3.5: ("NST", "NDT"),
}
"""Standard and daylight names by standard offset from UTC, in hours."""


def zone_name(moment: datetime, zone: str | None = None) -> str:
    """Return the abbreviation a reader expects for a moment's zone ("PDT").

    With the negotiation's time zone (an IANA name such as "America/Los_Angeles") and the
    offset it had at that moment, the zone's own abbreviation.  Otherwise the common North
    American name for the offset on that date: in daylight time (second Sunday of March to
    first Sunday of November, United States rules) an offset of -07:00 is PDT, else MST.
    An offset these do not name is written "UTC-03:00"; UTC itself is "UTC".
    """
    offset = moment.utcoffset()
    if offset is None:
        return "UTC"
    if zone:
        try:
            from zoneinfo import ZoneInfo

            local = moment.astimezone(ZoneInfo(zone))
            if local.utcoffset() == offset and (local.tzname() or "")[:1].isalpha():
                return local.tzname() or ""
        except (ValueError, KeyError, OSError):
            pass
    hours = offset.total_seconds() / 3600
    if hours == 0:
        return "UTC"
    summer = _daylight(moment.date())
    standard = hours - 1 if summer else hours
    names = NORTH_AMERICAN_ZONES.get(standard if standard % 1 else int(standard))
    if names:
        return names[1] if summer else names[0]
    minutes = int(offset.total_seconds() // 60)
    return f"UTC{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _daylight(day: date) -> bool:
    """Return whether daylight time is in force on a day, by United States rules (2007-)."""
    march = date(day.year, 3, 8 + (6 - date(day.year, 3, 8).weekday()) % 7)
    november = date(day.year, 11, 1 + (6 - date(day.year, 11, 1).weekday()) % 7)
    return march <= day < november


def passed(moment: datetime, zone: str | None = None) -> str:
    """Return "April 12, 2023, 3:30 p.m. PDT"."""
    return f"{long_date(moment)}, {clock(moment)} {zone_name(moment, zone)}"
