"""The code keeps the layout docs/design says: no import circles, no upward imports, no
sideways imports between documents, a writer table that only commands import.

Every import counts, at the top of a module, inside a function or behind TYPE_CHECKING:
an import hidden in a function is still a dependency.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from contracttools.writers import table

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = "contracttools"

CORE = (
    "model",
    "body",
    "errors",
    "problems",
    "inert",
    "collector",
    "resources",
    "templating",
    "characters",
)
"""Modules every layer may import: the document model and what it is made of."""

RANKS = {
    "core": 0,
    "readers": 1,
    "negotiation": 2,
    "redline": 2,
    "costing": 2,
    "importing": 3,
    "loading": 3,
    "documents": 3,
    "writers": 4,
    "commands": 5,
    "cli": 6,
    "__main__": 7,
}
"""A module imports only from a lower rank, or from its own part."""

COMPOSED = {
    "book": {"packet", "tracking", "clause_history"},
    "kit": {"summary"},
    "cost_schedules": {"cost_report"},
    "summary": {"summary_costs"},
}
"""Documents made of other documents, and a document's part kept in a module of its own
(the summary's costed figures): the only sideways imports inside documents/."""

WRITERS_SHARED = {"options", "labels", "fit"}
"""What every writer may import from writers/: the options, the shared labels, and how a
table fits the printed page."""

PDF_BUILDS_ON = {"html", "pages", "agreement_html", "pdf_parts"}
"""PDF is the HTML writers' page laid out on paper."""

KNOWN: set[tuple[str, str]] = set()
"""Imports the layout allows for now: none."""


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Return the project modules `name` imports, anywhere in its text."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.add(sub if sub in known else base)
    return {m for m in out if m in known and m != name}


GRAPH = {name: imports(name, path, modules()) for name, path in modules().items()}
# The table imports each writer it names when it is asked for it.
GRAPH["contracttools.writers.table"] |= {e.partition(":")[0] for e in table.WRITERS.values()}


def part(name: str) -> str:
    """Return the part of the layout a module belongs to ("documents", "core", ...)."""
    parts = name.split(".")[1:]
    if not parts or parts[0] in CORE:
        return "core"
    return parts[0]


def test_the_graph_is_read() -> None:
    # The checks below mean something only if the imports are found.
    assert "contracttools.documents.wording" in GRAPH["contracttools.documents.tracking"]
    assert "contracttools.writers.options" in GRAPH["contracttools.writers.pages"]
    assert "contracttools.redline.model" in GRAPH["contracttools.writers.terminal"]
    assert set(RANKS) >= {part(name) for name in GRAPH}


def test_no_import_circles() -> None:
    circles = []
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                circles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target)
        path.pop()
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)
    assert circles == []


def test_no_upward_or_sideways_imports() -> None:
    wrong = []
    for name, targets in GRAPH.items():
        for target in targets:
            if (name, target) in KNOWN:
                continue
            here, there = part(name), part(target)
            if here == there:
                continue
            if RANKS[here] <= RANKS[there]:
                wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_negotiation_and_redline_never_import_each_other() -> None:
    crossing = [
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        for target in targets
        if {part(name), part(target)} == {"negotiation", "redline"}
    ]
    assert crossing == []


def test_documents_do_not_borrow_from_each_other() -> None:
    wrong = []
    for name, targets in GRAPH.items():
        if part(name) != "documents":
            continue
        here = name.split(".")[2] if name.count(".") >= 2 else ""
        for target in targets:
            if part(target) != "documents":
                continue
            there = target.split(".")[2]
            if there != "wording" and there not in COMPOSED.get(here, set()):
                wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_writers_do_not_import_each_other() -> None:
    wrong = []
    for name, targets in GRAPH.items():
        if part(name) != "writers" or name.count(".") < 2 or name == table.__name__:
            continue
        here = name.split(".")[2]
        for target in targets:
            if part(target) != "writers" or target.count(".") < 2:
                continue
            there = target.split(".")[2]
            if here == there or there in WRITERS_SHARED:
                continue
            if here == "pdf" and there in PDF_BUILDS_ON:
                continue
            wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_readers_only_parse() -> None:
    # How files fit together is the negotiation's to check, through loading.py.
    checking = [
        n
        for n, targets in GRAPH.items()
        if part(n) == "readers" and any(part(t) == "negotiation" for t in targets)
    ]
    assert checking == []
    assert "contracttools.negotiation.validate" in GRAPH["contracttools.loading"]


def test_only_commands_import_the_writer_table() -> None:
    users = sorted(n for n, targets in GRAPH.items() if "contracttools.writers.table" in targets)
    assert users and all(part(n) == "commands" for n in users), users


@pytest.mark.parametrize(("kind", "fmt"), sorted(table.WRITERS))
def test_each_table_entry_takes_its_kind_and_the_options(kind: table.Kind, fmt: str) -> None:
    function = table.writer(kind, fmt)
    parameters = list(inspect.signature(function).parameters.values())
    document, options = parameters[0], parameters[1]
    assert all(p.default is not inspect.Parameter.empty for p in parameters[2:])
    names = {n.strip() for n in str(document.annotation).split("|")}
    taken = table.DOCUMENTS[kind]
    assert taken[0] in names and names <= set(taken), (function, document.annotation)
    assert options.annotation in ("Options", "Options | None")
    returned = inspect.signature(function).return_annotation
    assert returned == ("bytes" if fmt in table.BINARY else "str"), (function, returned)
