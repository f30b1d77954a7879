"""A clause's history as terminal text (marks as `[-old-]{+new+}`, or colour on a
terminal) and as Markdown (CriticMarkup: `{--old--}{++new++}`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from contracttools.documents.clause_history import ClauseHistory
from contracttools.inert import markdown_text, shown
from contracttools.redline.model import BlockChange, ClauseChange, Span, TableChange

if TYPE_CHECKING:
    from contracttools.writers.options import Options

Marker = Callable[[Span], str]
Inline = Callable[[str], str]


def _plain(span: Span) -> str:
    text = shown(span.display)
    if span.op == "insert":
        return f"{{+{text}+}}"
    if span.op == "delete":
        return f"[-{text}-]"
    return text


def _colour(span: Span) -> str:
    text = shown(span.display)
    if span.op == "insert":
        return f"\x1b[32;4m{{+{text}+}}\x1b[0m"
    if span.op == "delete":
        return f"\x1b[31;9m[-{text}-]\x1b[0m"
    return text


def _critic(span: Span) -> str:
    text = markdown_text(span.display)
    if span.op == "insert":
        return f"{{++{text}++}}"
    if span.op == "delete":
        return f"{{--{text}--}}"
    return text


def _blocks(blocks: tuple[BlockChange, ...], mark: Marker, indent: str) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, TableChange):
            for n, row in enumerate(block.rows):
                cells = ["".join(mark(s) for s in cell.spans) for cell in row.cells]
                tag = {"inserted": "[+row] ", "deleted": "[-row] "}.get(row.status, "")
                lines.append(f"{indent}| {tag}" + " | ".join(cells) + " |")
                if n == 0:
                    lines.append(f"{indent}|" + " --- |" * len(row.cells))
        else:
            lines.append(indent + "".join(mark(s) for s in block.spans))
        lines.append("")
    return lines


def _language(change: ClauseChange | None, empty: str, mark: Marker, indent: str) -> list[str]:
    if change is None:
        return [f"{indent}({empty})", ""]
    return _blocks(change.blocks, mark, indent)


def _render(history: ClauseHistory, mark: Marker, markdown: bool) -> str:
    h1, h2, h3 = ("# ", "## ", "### ") if markdown else ("", "", "")
    indent = "" if markdown else "    "
    said: Inline = markdown_text if markdown else shown
    # Text from the files: nothing in it may become markup, or a terminal command.
    lines = [f"{h1}{said(history.heading)}", ""]
    lines += [
        f"{said(history.negotiation)} · as of {history.as_of} · status: {history.status}",
        "",
    ]
    if history.confidential:
        lines += ["CONFIDENTIAL — team copy with internal notes. Not for the other side.", ""]
    lines += [f"{h2}Current language", ""]
    lines += _language(history.current, "the current agreement has no such clause", mark, indent)
    lines += [f"{h2}Positions, in the order passed", ""]
    if not history.steps:
        lines += ["No pass has named this clause.", ""]
    for n, step in enumerate(history.steps, 1):
        lines += [f"{h3}{n}. {said(step.pass_label)}: {step.label}", ""]
        lines += [
            f"- Party: {said(step.party)}",
            f"- Passed: {step.passed}",
            f"- Action: {step.label}",
            f"- Summary: {said(step.summary)}",
        ]
        if step.move is not None:
            lines.append(f"- Place: {said(step.move.words)}")
        lines.append("")
        if step.concept:
            lines += [f"Concept, no language yet: {said(step.concept)}", ""]
        if step.note:
            lines += [f"Internal note: {said(step.note)}", ""]
        lines += [f"Redlined against {said(step.against)}:", ""]
        if step.unchanged:
            lines += [f"{indent}(no change from {said(step.against)})", ""]
        else:
            lines += _language(step.change, "no change", mark, indent)
        lines += ["In full:", ""]
        lines += _language(step.full, "no such clause", mark, indent)
    agreed = history.agreed
    if agreed is not None:
        lines += [f"{h2}Tentative agreement, {agreed.day}", ""]
        lines += [
            f"- Initialled: {agreed.day} ({said(agreed.initials)})",
            f"- Language: {said(agreed.whose)}",
        ]
        if agreed.summary:
            lines.append(f"- Summary: {said(agreed.summary)}")
        if agreed.move is not None:
            lines.append(f"- Place: {said(agreed.move.words)}")
        lines.append("")
        if agreed.note:
            lines += [f"Internal note: {said(agreed.note)}", ""]
        lines += ["Redlined against the current agreement:", ""]
        lines += _language(agreed.change, "no change", mark, indent)
        lines += ["In full:", ""]
        lines += _language(agreed.full, "no such clause: the agreement strikes it", mark, indent)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def write_text(history: ClauseHistory, options: Options) -> str:
    """Return the history for a terminal: `[-deleted-]{+inserted+}`, coloured on request."""
    return _render(history, _colour if options.color else _plain, markdown=False)


def write_markdown(history: ClauseHistory, options: Options) -> str:
    """Return the history as Markdown with CriticMarkup."""
    return _render(history, _critic, markdown=True)
