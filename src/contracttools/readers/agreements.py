"""Read agreement files: the clauses, their numbers, titles, text and terms."""

from __future__ import annotations

import os

from contracttools.body import table_width_problems
from contracttools.collector import cycle_collector_paused
from contracttools.model import (
    Agreement,
    Clause,
)
from contracttools.problems import ContractFileError, Location
from contracttools.readers.fields import FieldReader
from contracttools.readers.files import (
    AGREEMENT_KEYS,
    AGREEMENT_OPTIONAL,
    CLAUSE_KEYS,
    CLAUSE_OPTIONAL,
    MAX_FIGURES,
    _display,
    _document,
    _open,
)
from contracttools.readers.nodes import Node


def load_agreement(path: str | os.PathLike[str], data: bytes | None = None) -> Agreement:
    """Load and check an agreement file."""
    path = _display(path)
    return _agreement(_document(path, data), path)


@cycle_collector_paused()
def _agreement(root: Node, path: str) -> Agreement:
    fields, reader = _open(root, path, "agreement", AGREEMENT_KEYS, AGREEMENT_OPTIONAL)
    seen: dict[str, Location] = {}
    clauses = _clauses(reader, fields.get("clauses"), seen, "")
    agreement = Agreement(
        id=reader.identifier(fields.get("id"), "'id'") or "",
        title=reader.string(fields.get("title"), "'title'") or "",
        clauses=tuple(clauses),
        path=path,
        effective=reader.day(fields.get("effective"), "'effective'"),
        expires=reader.day(fields.get("expires"), "'expires'"),
    )
    if reader.problems:
        raise ContractFileError(reader.problems)
    return agreement


def _clauses(
    reader: FieldReader, node: Node | None, seen: dict[str, Location], parent: str
) -> list[Clause]:
    where = f"clause '{parent}': " if parent else ""
    clauses = []
    entries = reader.sequence(node, "'clauses'", where)
    if node is not None and node.kind == "seq" and not entries:
        reader.problem(node, "'clauses' is empty; leave it out or list clauses", where)
    for entry in entries:
        clause = _clause(reader, entry, seen)
        if clause is not None:
            clauses.append(clause)
    return clauses


def _clause(reader: FieldReader, node: Node, seen: dict[str, Location]) -> Clause | None:
    id_node = node.get("id")
    clause_id = reader.identifier(id_node, "clause id") if id_node is not None else None
    context = f"clause '{clause_id}': " if clause_id else ""
    fields = reader.mapping(node, "a clause", CLAUSE_KEYS, CLAUSE_OPTIONAL, context)
    if fields is None:
        return None
    if clause_id is not None and id_node is not None:
        if clause_id in seen:
            first = seen[clause_id]
            reader.problem(
                id_node,
                f"duplicate clause id '{clause_id}' (first used at {first.path}:{first.line}:{first.column})",
            )
        else:
            seen[clause_id] = id_node.at
    text = _body(reader, fields.get("text"), context)
    children = _clauses(reader, fields.get("clauses"), seen, clause_id or "")
    return Clause(
        id=clause_id or "",
        number=reader.string(fields.get("number"), "'number'", context) or "",
        title=reader.string(fields.get("title"), "'title'", context) or "",
        text=text,
        clauses=tuple(children),
        terms=_terms(reader, fields.get("terms"), context),
        at=node.at,
    )


def _body(reader: FieldReader, node: Node | None, context: str) -> str:
    text = reader.optional_string(node, "'text'", context) or ""
    if node is not None and text:
        for offset, message in table_width_problems(text):
            reader.problem(reader.body_line(node, offset), message, context)
    return text


# -- proposals --------------------------------------------------------------------


def _terms(reader: FieldReader, node: Node | None, context: str) -> dict[str, tuple[str, ...]]:
    if node is None or node.is_null:
        return {}
    fields = reader.mapping(
        node, "'terms'", (), [k.text for k, _ in node.pairs if k.kind == "scalar"], context
    )
    terms: dict[str, tuple[str, ...]] = {}
    for name, value in (fields or {}).items():
        if value.kind == "seq":
            if len(value.items) > MAX_FIGURES:
                reader.problem(
                    value, f"term '{name}' lists more than {MAX_FIGURES} figures", context
                )
            figures = [reader.figure(v, f"term '{name}'", context) for v in value.items]
            terms[name] = tuple(f for f in figures if f is not None)
        else:
            figure = reader.figure(value, f"term '{name}'", context)
            if figure is not None:
                terms[name] = (figure,)
    return terms
