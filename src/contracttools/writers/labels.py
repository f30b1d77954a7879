"""Words every writer uses for actions and clause tags."""

from __future__ import annotations

from contracttools.model import ACTION_LABELS
from contracttools.redline.model import ClauseChange, Redline, Side

AGAINST_ID = "paired by content, not by id"
"""The tag of a pair made against the ids (see docs/redline-json.md)."""


def tags(clause: ClauseChange) -> list[str]:
    """Return the tags of a clause: e.g. ['moved', 'renumbered 3.B -> 2.F', 'AMEND']."""
    out: list[str] = []
    if clause.status in ("added", "deleted"):
        out.append(clause.status)
    if clause.moved:
        out.append("moved")
    if clause.renumbered and clause.old and clause.new:
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
