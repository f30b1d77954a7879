"""The redline in a terminal: colour where there is one, [-deleted-] {+inserted+} where not."""

from __future__ import annotations

from dataclasses import dataclass

from contracttools.redline.model import ClauseChange, Redline, Span, TableChange
from contracttools.writers.labels import (
    concept,
    context,
    describe,
    path,
    summary_line,
    tags,
    visible,
)

BOLD, RED, GREEN, CYAN, RESET = "\x1b[1m", "\x1b[31;9m", "\x1b[32;4m", "\x1b[36m", "\x1b[0m"


@dataclass(frozen=True)
class TerminalOptions:
    """How to print: colour, every clause or only changed ones."""

    color: bool = False
    all: bool = False


def spans(items: tuple[Span, ...], color: bool) -> str:
    """Return spans marked for the terminal."""
    out = []
    for span in items:
        text = visible(span.text)
        if span.op == "equal":
            out.append(text)
        elif color:
            out.append(f"{RED if span.op == 'delete' else GREEN}{text}{RESET}")
        else:
            out.append(f"[-{text}-]" if span.op == "delete" else f"{{+{text}+}}")
    return "".join(out)


def _clause(clause: ClauseChange, color: bool) -> list[str]:
    labels = tags(clause)
    title = spans(clause.title_spans, color) if clause.retitled else clause.ref.title
    name = " ".join(part for part in (clause.ref.number, title) if part) or clause.ref.id
    head = f"{'  ' * clause.depth}== {context(clause)}{name}" + (
        f"  [{', '.join(labels)}]" if labels else ""
    )
    lines = ["", f"{BOLD}{head}{RESET}" if color else head]
    if clause.item is not None and clause.item.summary:
        lines.append(f"   ({clause.item.summary})")
    if concept(clause):
        lines.append(f"   Concept: {concept(clause)}")
    for block in clause.blocks:
        if isinstance(block, TableChange):
            for row in block.rows:
                mark = {"inserted": "+", "deleted": "-", "modified": "~", "equal": " "}[row.status]
                cells = " | ".join(spans(cell.spans, color) for cell in row.cells)
                lines.append(f"{mark} | {cells} |")
        else:
            lines.append(spans(block.spans, color))
        lines.append("")
    if lines[-1] == "":
        lines.pop()
    return lines


def write(redline: Redline, options: TerminalOptions) -> str:
    """Return the redline as terminal text."""
    color = options.color
    head = [
        f"--- {redline.old.path}  {describe(redline.old)}",
        f"+++ {redline.new.path}  {describe(redline.new)}",
        summary_line(redline),
    ]
    lines = [f"{CYAN}{line}{RESET}" if color else line for line in head]
    for clause in redline.clauses:
        if options.all or clause.changed:
            lines.extend(_clause(clause, color))
    return "\n".join(lines) + "\n"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def write_stat(redline: Redline, options: TerminalOptions, width: int = 40) -> str:
    """Return a line per changed clause with words inserted and deleted, as git's --stat."""
    changed = [c for c in redline.clauses if options.all or c.changed]
    names = [_shorten(path(c), 60) for c in changed]
    pad = max((len(n) for n in names), default=0)
    counts = [(c.words("insert"), c.words("delete")) for c in changed]
    biggest = max((a + d for a, d in counts), default=0)
    scale = min(1.0, width / biggest) if biggest else 1.0
    lines = []
    for name, clause, (added, deleted) in zip(names, changed, counts, strict=True):
        plus, minus = "+" * round(added * scale), "-" * round(deleted * scale)
        if options.color:
            plus, minus = f"\x1b[32m{plus}{RESET}", f"\x1b[31m{minus}{RESET}"
        labels = tags(clause)
        note = f"  ({', '.join(labels)})" if labels else ""
        lines.append(f" {name.ljust(pad)} | {added + deleted:5} {plus}{minus}{note}")
    stats = redline.stats()["words"]
    lines.append(
        f" {len(changed)} clauses changed, {stats['inserted']} words inserted(+), "
        f"{stats['deleted']} deleted(-)"
    )
    return "\n".join(lines) + "\n"
