"""Read proposal files: the items a party passes across the table, with their terms and
valuations."""

from __future__ import annotations

import os

from contracttools.model import (
    ACTIONS,
    PERIODS,
    Agreement,
    Item,
    Proposal,
    Valuation,
)
from contracttools.problems import ContractFileError, Location
from contracttools.readers.agreements import _body, _terms, load_agreement
from contracttools.readers.fields import FieldReader
from contracttools.readers.files import (
    _EPOCH,
    ITEM_KEYS,
    ITEM_OPTIONAL,
    NEEDS_TEXT,
    PLACED,
    PROPOSAL_KEYS,
    PROPOSAL_OPTIONAL,
    VALUATION_KEYS,
    VALUATION_OPTIONAL,
    _display,
    _document,
    _open,
    not_a_file,
)
from contracttools.readers.nodes import Node


def read_proposal(
    path: str | os.PathLike[str],
    agreement: Agreement | None = None,
    data: bytes | None = None,
) -> Proposal:
    """Read a proposal, and the agreement it amends where no `agreement` is given.  How
    it fits that agreement is checked by `contracttools.loading`."""
    path = _display(path)
    return _proposal(_document(path, data), path, agreement)


def _proposal(root: Node, path: str, agreement: Agreement | None = None) -> Proposal:
    fields, reader = _open(root, path, "proposal", PROPOSAL_KEYS, PROPOSAL_OPTIONAL)
    amends = reader.string(fields.get("amends"), "'amends'")
    if amends is not None and agreement is None:
        agreement = _amended(reader, fields["amends"], path, amends)
    party = reader.string(fields.get("party"), "'party'")
    items = [
        item
        for entry in reader.sequence(fields.get("items"), "'items'")
        if (item := _item(reader, entry)) is not None
    ]
    if fields.get("items") is not None and not items and not reader.problems:
        reader.problem(fields["items"], "a proposal needs at least one item")
    proposal = Proposal(
        party=party or "",
        number=reader.integer(fields.get("number"), "'number'") or 0,
        passed_at=reader.moment(fields.get("passed_at"), "'passed_at'") or _EPOCH,
        amends=amends or "",
        items=tuple(items),
        title=reader.optional_string(fields.get("title"), "'title'"),
        preamble=reader.optional_string(fields.get("preamble"), "'preamble'"),
        note=reader.optional_string(fields.get("note"), "'note'"),
        path=path,
        base=agreement,
        spots=_spots(fields),
    )
    if reader.problems:
        raise ContractFileError(reader.problems)
    return proposal


def _spots(fields: dict[str, Node]) -> dict[str, Location]:
    """Return where each key's value stands, for checks made once the files are read."""
    return {key: node.at for key, node in fields.items()}


def _amended(reader: FieldReader, node: Node, path: str, amends: str) -> Agreement | None:
    target = os.path.join(os.path.dirname(path), amends)
    wrong = not_a_file(target)
    if wrong is not None:
        reader.problem(node, f"'amends' names '{amends}', which {wrong} (looked for {target})")
        return None
    try:
        return load_agreement(target)
    except ContractFileError as err:
        reader.problems.extend(err.problems)
        return None


def _item(reader: FieldReader, node: Node) -> Item | None:
    clause_node = node.get("clause")
    clause = reader.identifier(clause_node, "'clause'") if clause_node is not None else None
    context = f"item '{clause}': " if clause else ""
    fields = reader.mapping(node, "an item", ITEM_KEYS, ITEM_OPTIONAL, context)
    if fields is None:
        return None
    action = reader.choice(fields.get("action"), "action", ACTIONS, context)
    text = _body(reader, fields.get("text"), context)
    if action in NEEDS_TEXT and not text and "action" in fields:
        reader.problem(
            fields["action"], f"'{action}' needs 'text' (the full new language)", context
        )
    if action == "add":
        for key in ("number", "title"):
            if key not in fields:
                reader.problem(node, f"'add' needs '{key}'", context)
        if "after" not in fields and "parent" not in fields:
            reader.problem(node, "'add' needs 'after' or 'parent' (a clause id)", context)
    elif action is not None and action not in PLACED:
        for key in ("after", "parent", "number", "title"):
            if key in fields:
                reader.problem(
                    fields[key],
                    f"'{key}' belongs only to 'add', 'amend' and 'concept' items",
                    context,
                )
    if "after" in fields and "parent" in fields:
        reader.problem(fields["parent"], "give 'after' or 'parent', not both", context)
    for key in ("after", "parent"):
        reader.identifier(fields.get(key), f"'{key}'", context)
    return Item(
        clause=clause or "",
        action=action or "",
        text=text or None,
        number=reader.optional_string(fields.get("number"), "'number'", context),
        title=reader.optional_string(fields.get("title"), "'title'", context),
        after=reader.optional_string(fields.get("after"), "'after'", context),
        parent=reader.optional_string(fields.get("parent"), "'parent'", context),
        summary=reader.optional_string(fields.get("summary"), "'summary'", context),
        topic=reader.optional_string(fields.get("topic"), "'topic'", context),
        terms=_terms(reader, fields.get("terms"), context),
        cost=tuple(_valuations(reader, fields.get("cost"), context)),
        package=reader.optional_string(fields.get("package"), "'package'", context),
        note=reader.optional_string(fields.get("note"), "'note'", context),
        at=node.at,
        spots=_spots(fields),
    )


def _valuations(reader: FieldReader, node: Node | None, context: str) -> list[Valuation]:
    valuations = []
    for entry in reader.sequence(node, "'cost'", context):
        fields = reader.mapping(entry, "a valuation", VALUATION_KEYS, VALUATION_OPTIONAL, context)
        if fields is None:
            continue
        valuer = reader.string(fields.get("valuer"), "'valuer'", context)
        amount = reader.amount(fields.get("amount"), "'amount'", context)
        per = reader.choice(fields["per"], "'per'", PERIODS, context) if "per" in fields else "year"
        if valuer is not None and amount is not None and per is not None:
            valuations.append(Valuation(valuer, amount, per, entry.at))
    return valuations
