"""The redline in a terminal: colour where there is one, [-deleted-] {+inserted+} where not."""

from __future__ import annotations

from contracttools.inert import shown as shown_text
from contracttools.redline.model import ClauseChange, Redline, Span, TableChange, shown
from contracttools.writers.labels import (
    concept,
    context,
    describe,
    emphasized,
    path,
    summary_line,
    tags,
    visible,
)
from contracttools.writers.options import PLAIN, Options

BOLD, RED, GREEN, CYAN, RESET = "\x1b[1m", "\x1b[31;9m", "\x1b[32;4m", "\x1b[36m", "\x1b[0m"
YELLOW, ITALIC = "\x1b[33;4m", "\x1b[3m"


def inert(text: str) -> str:
    """Return text from a file as a terminal shows it without obeying it: every control
    character (ESC, BEL, a tab or line end inside a title) as a symbol."""
    return shown_text(visible(text))


def spans(items: tuple[Span, ...], color: bool) -> str:
    """Return spans marked for the terminal; {~text~} is a change of emphasis alone."""
    out = []
    for span in shown(items):
        text = inert(span.display).replace("\n", "¶")
        if color:
            style = (BOLD if "strong" in span.emphasis else "") + (
                ITALIC if "em" in span.emphasis else ""
            )
            if span.op == "equal" and not span.restyled:
                out.append(f"{style}{text}{RESET}" if style else text)
            else:
                mark = YELLOW if span.restyled else RED if span.op == "delete" else GREEN
                out.append(f"{mark}{style}{text}{RESET}")
            continue
        text = emphasized(text, span.emphasis)
        if span.restyled:
            out.append(f"{{~{text}~}}")
        elif span.op == "equal":
            out.append(text)
        else:
            out.append(f"[-{text}-]" if span.op == "delete" else f"{{+{text}+}}")
        if span.op == "insert" and span.text == "\n":
            out.append("\n")  # a paragraph split: the new paragraph starts on its own line
    return "".join(out)


def _clause(clause: ClauseChange, color: bool) -> list[str]:
    labels = [inert(label) for label in tags(clause)]
    title = spans(clause.title_spans, color) if clause.retitled else inert(clause.ref.title)
    name = " ".join(part for part in (inert(clause.ref.number), title) if part) or inert(
        clause.ref.id
    )
    head = f"{'  ' * clause.depth}== {inert(context(clause))}{name}" + (
        f"  [{', '.join(labels)}]" if labels else ""
    )
    lines = ["", f"{BOLD}{head}{RESET}" if color else head]
    if clause.item is not None and clause.item.summary:
        lines.append(f"   ({inert(clause.item.summary)})")
    if concept(clause):
        lines.append(f"   Concept: {inert(concept(clause))}")
    for block in clause.blocks:
        if isinstance(block, TableChange):
            for row in block.rows:
                mark = {"inserted": "+", "deleted": "-", "modified": "~", "equal": " "}[row.status]
                cells = " | ".join(spans(cell.spans, color) for cell in row.cells)
                moved = ""
                if row.moved_to is not None:
                    moved = f" (moved: now row {row.moved_to + 1})"
                elif row.moved_from is not None:
                    moved = f" (moved: was row {row.moved_from + 1})"
                lines.append(f"{mark} | {cells} |{moved}")
        else:
            lines.append(spans(block.spans, color))
        lines.append("")
    if lines[-1] == "":
        lines.pop()
    return lines


def write_redline(redline: Redline, options: Options = PLAIN) -> str:
    """Return the redline as terminal text, or its --stat lines where the options ask."""
    return write_stat(redline, options) if options.stat else write(redline, options)


def write(redline: Redline, options: Options = PLAIN) -> str:
    """Return the redline as terminal text."""
    color = options.color
    head = [
        inert(f"--- {redline.old.path}  {describe(redline.old)}"),
        inert(f"+++ {redline.new.path}  {describe(redline.new)}"),
        summary_line(redline),
    ]
    lines = [f"{CYAN}{line}{RESET}" if color else line for line in head]
    for clause in redline.clauses:
        if options.every or clause.changed:
            lines.extend(_clause(clause, color))
    return "\n".join(lines) + "\n"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def write_stat(redline: Redline, options: Options = PLAIN, width: int = 40) -> str:
    """Return a line per changed clause with words inserted and deleted, as git's --stat;
    with `every`, a line for every clause, the unchanged ones counted as unchanged."""
    listed = [c for c in redline.clauses if options.every or c.changed]
    changed = sum(1 for c in redline.clauses if c.changed)
    names = [inert(_shorten(path(c), 60)) for c in listed]
    pad = max((len(n) for n in names), default=0)
    counts = [(c.words("insert"), c.words("delete")) for c in listed]
    biggest = max((a + d for a, d in counts), default=0)
    scale = min(1.0, width / biggest) if biggest else 1.0
    lines = []
    for name, clause, (added, deleted) in zip(names, listed, counts, strict=True):
        plus, minus = "+" * round(added * scale), "-" * round(deleted * scale)
        if options.color:
            plus, minus = f"\x1b[32m{plus}{RESET}", f"\x1b[31m{minus}{RESET}"
        labels = tags(clause)
        note = inert(f"  ({', '.join(labels)})") if labels else ""
        lines.append(f" {name.ljust(pad)} | {added + deleted:5} {plus}{minus}{note}")
    stats = redline.stats()["words"]
    unchanged = f", {len(redline.clauses) - changed} unchanged" if options.every else ""
    lines.append(
        f" {changed} {'clause' if changed == 1 else 'clauses'} changed{unchanged}, "
        f"{stats['inserted']} words inserted(+), {stats['deleted']} deleted(-)"
    )
    return "\n".join(lines) + "\n"
