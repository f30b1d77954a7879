"""Read agreement, proposal and negotiation files into the model, checking everything."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeAlias

from contracttools.body import table_width_problems
from contracttools.model import (
    ACTIONS,
    PERIODS,
    ROLES,
    Agreement,
    Clause,
    Item,
    Negotiation,
    Party,
    Proposal,
    TentativeAgreement,
    Valuation,
)
from contracttools.problems import ContractFileError, Location, Problem, did_you_mean
from contracttools.readers.fields import FieldReader
from contracttools.readers.nodes import Node, parse, read_text, without_cycle_collection

KINDS = ("agreement", "proposal", "negotiation")
Loaded: TypeAlias = Agreement | Proposal | Negotiation

AGREEMENT_KEYS = ("kind", "id", "title", "clauses")
AGREEMENT_OPTIONAL = ("effective", "expires", "note")
CLAUSE_KEYS = ("id", "number", "title")
CLAUSE_OPTIONAL = ("text", "clauses", "terms", "note")
PROPOSAL_KEYS = ("kind", "party", "number", "passed_at", "amends", "items")
PROPOSAL_OPTIONAL = ("title", "preamble", "note")
ITEM_KEYS = ("clause", "action")
ITEM_OPTIONAL = (
    "text",
    "number",
    "title",
    "after",
    "parent",
    "summary",
    "topic",
    "terms",
    "cost",
    "package",
    "note",
)
NEGOTIATION_KEYS = ("kind", "title", "parties", "agreement", "proposals")
NEGOTIATION_OPTIONAL = ("tentative_agreements", "expires", "note")
PARTY_KEYS = ("name", "short", "role")
TA_KEYS = ("clause", "date", "initials", "party", "proposal")
TA_OPTIONAL = ("text", "note")
VALUATION_KEYS = ("valuer", "amount")
VALUATION_OPTIONAL = ("per", "note")

NEEDS_TEXT = ("amend", "add")
PLACED = ("add", "amend", "concept")  # items that may give a number, title and place
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # stands in for a value already reported


def _display(path: str | os.PathLike[str]) -> str:
    return os.fspath(path)


def _document(path: str, data: bytes | None = None) -> Node:
    """Parse a file (or `data`, given as if read from `path`) into its root node."""
    try:
        if data is None:
            data = Path(path).read_bytes()
    except IsADirectoryError:
        raise ContractFileError([Problem(Location(path), "is a folder, not a file")]) from None
    except OSError as err:
        raise ContractFileError([Problem(Location(path), f"cannot read: {err.strerror}")]) from None
    text = read_text(path, data)
    root = parse(path, text)
    if root.kind != "map":
        raise ContractFileError(
            [
                Problem(
                    root.at,
                    f"a contract file must be a mapping with a 'kind' key, not {root.describe()}",
                )
            ]
        )
    return root


def _kind_of(root: Node, path: str) -> str:
    kind_node = root.get("kind")
    if kind_node is None:
        raise ContractFileError([Problem(root.at, f"missing 'kind' (one of: {', '.join(KINDS)})")])
    if kind_node.kind != "scalar" or kind_node.text not in KINDS:
        shown = kind_node.text if kind_node.kind == "scalar" else kind_node.describe()
        raise ContractFileError(
            [
                Problem(
                    kind_node.at,
                    f"unknown kind '{shown}' (one of: {', '.join(KINDS)}){did_you_mean(shown, KINDS)}",
                )
            ]
        )
    return kind_node.text


def _open(
    root: Node, path: str, kind: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> tuple[dict[str, Node], FieldReader]:
    """Check a parsed file's kind and top-level keys; return them and the reader."""
    reader = FieldReader(path)
    _expect_kind(root, path, kind)
    article = "an" if kind[0] in "aeiou" else "a"
    fields = reader.mapping(root, f"{article} {kind}", required, optional)
    if fields is None:
        raise ContractFileError(reader.problems)
    return fields, reader


def _expect_kind(root: Node, path: str, kind: str) -> None:
    found = _kind_of(root, path)
    if found != kind:
        raise ContractFileError(
            [Problem(Location(path), f"expected a {kind} file, found kind '{found}'")]
        )


def load(path: str | os.PathLike[str], data: bytes | None = None) -> Loaded:
    """Load any contract file by its `kind`; a folder means its negotiation.yaml.

    With `data`, the file's content is given (e.g. a version from git) and `path` only
    names it and anchors its relative paths.
    """
    return load_in_context(path, data)[0]


def load_in_context(
    path: str | os.PathLike[str], data: bytes | None = None
) -> tuple[Loaded, Negotiation | None]:
    """Load a file and the negotiation around it: a proposal is checked with the
    negotiation.yaml beside it, when that manifest lists it."""
    path = _display(path)
    if data is None and os.path.isdir(path):
        path = os.path.join(path, "negotiation.yaml")
    root = _document(path, data)
    kind = _kind_of(root, path)
    if kind == "agreement":
        return _agreement(root, path), None
    if kind == "negotiation":
        negotiation = load_negotiation(path)
        return negotiation, negotiation
    manifest = find_negotiation(path) if data is None else None
    if manifest is not None:
        negotiation = load_negotiation(manifest)
        for proposal in negotiation.proposals:
            if os.path.samefile(proposal.path, path):
                return proposal, negotiation
    return _proposal(root, path), None


def find_negotiation(proposal_path: str) -> str | None:
    """Return the negotiation.yaml beside a proposal when it names that proposal."""
    folder = os.path.dirname(os.path.abspath(proposal_path))
    manifest = os.path.join(folder, "negotiation.yaml")
    if not os.path.isfile(manifest):
        return None
    try:
        root = _document(manifest)
    except ContractFileError:
        return None
    proposals = root.get("proposals")
    if proposals is None or proposals.kind != "seq":
        return None
    for entry in proposals.items:
        if entry.kind == "scalar":
            candidate = os.path.join(folder, entry.text)
            if os.path.isfile(candidate) and os.path.samefile(candidate, proposal_path):
                return os.path.join(os.path.dirname(proposal_path), "negotiation.yaml")
    return None


# -- agreements -------------------------------------------------------------------


def load_agreement(path: str | os.PathLike[str], data: bytes | None = None) -> Agreement:
    """Load and check an agreement file."""
    path = _display(path)
    return _agreement(_document(path, data), path)


@without_cycle_collection()
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


def load_proposal(
    path: str | os.PathLike[str],
    agreement: Agreement | None = None,
    added_before: Iterable[str] = (),
    party_keys: Iterable[str] | None = None,
    data: bytes | None = None,
) -> Proposal:
    """Load and check a proposal against the agreement it amends.

    `added_before` are clause ids that earlier proposals of the negotiation add;
    `party_keys` are the negotiation's parties, where known.
    """
    path = _display(path)
    return _proposal(_document(path, data), path, agreement, added_before, party_keys)


def _proposal(
    root: Node,
    path: str,
    agreement: Agreement | None = None,
    added_before: Iterable[str] = (),
    party_keys: Iterable[str] | None = None,
) -> Proposal:
    fields, reader = _open(root, path, "proposal", PROPOSAL_KEYS, PROPOSAL_OPTIONAL)
    amends = reader.string(fields.get("amends"), "'amends'")
    if amends is not None and agreement is None:
        agreement = _amended(reader, fields["amends"], path, amends)
    party_node = fields.get("party")
    party = reader.string(party_node, "'party'")
    if party is not None and party_node is not None and party_keys is not None:
        keys = tuple(party_keys)
        if party not in keys:
            reader.problem(
                party_node,
                f"unknown party '{party}' (the negotiation's parties: {', '.join(keys)}){did_you_mean(party, keys)}",
            )
    known = KnownClauses(set(agreement.by_id), set(added_before)) if agreement else None
    items = [
        item
        for entry in reader.sequence(fields.get("items"), "'items'")
        if (item := _item(reader, entry, known)) is not None
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
    )
    if reader.problems:
        raise ContractFileError(reader.problems)
    return proposal


def _amended(reader: FieldReader, node: Node, path: str, amends: str) -> Agreement | None:
    target = os.path.join(os.path.dirname(path), amends)
    if not os.path.isfile(target):
        reader.problem(
            node, f"'amends' names '{amends}', which does not exist (looked for {target})"
        )
        return None
    try:
        return load_agreement(target)
    except ContractFileError as err:
        reader.problems.extend(err.problems)
        return None


def _item(reader: FieldReader, node: Node, known: KnownClauses | None) -> Item | None:
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
    if known is not None and clause is not None and clause_node is not None and action is not None:
        new = action == "add" or (action == "concept" and ("after" in fields or "parent" in fields))
        _check_reference(reader, clause_node, clause, new, known, context)
    for key in ("after", "parent"):
        ref = reader.identifier(fields.get(key), f"'{key}'", context)
        if known is not None and ref is not None and ref not in known.all:
            reader.problem(
                fields[key],
                f"'{key}' names unknown clause '{ref}'{did_you_mean(ref, known.all)}",
                context,
            )
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
    )


@dataclass
class KnownClauses:
    """The clause ids a proposal may name: the agreement's and those added by passes."""

    agreement: set[str]
    added: set[str]

    @property
    def all(self) -> set[str]:
        return self.agreement | self.added


def _check_reference(
    reader: FieldReader, node: Node, clause: str, new: bool, known: KnownClauses, context: str
) -> None:
    """Check the clause an item names; a new clause (add, placed concept) becomes known."""
    if new:
        if clause in known.agreement:
            reader.problem(
                node, f"new clause '{clause}' is already in the agreement; use 'amend'", context
            )
        known.added.add(clause)
    elif clause not in known.all:
        reader.problem(node, f"unknown clause '{clause}'{did_you_mean(clause, known.all)}", context)


def _terms(reader: FieldReader, node: Node | None, context: str) -> dict[str, tuple[str, ...]]:
    if node is None or node.is_null:
        return {}
    fields = reader.mapping(
        node, "'terms'", (), [k.text for k, _ in node.pairs if k.kind == "scalar"], context
    )
    terms: dict[str, tuple[str, ...]] = {}
    for name, value in (fields or {}).items():
        if value.kind == "seq":
            figures = [reader.string(v, f"term '{name}'", context) for v in value.items]
            terms[name] = tuple(f for f in figures if f is not None)
        else:
            figure = reader.string(value, f"term '{name}'", context)
            if figure is not None:
                terms[name] = (figure,)
    return terms


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


# -- negotiations -----------------------------------------------------------------


def load_negotiation(path: str | os.PathLike[str]) -> Negotiation:
    """Load a negotiation manifest and everything it names, checking it all."""
    path = _display(path)
    fields, reader = _open(
        _document(path), path, "negotiation", NEGOTIATION_KEYS, NEGOTIATION_OPTIONAL
    )
    folder = os.path.dirname(path)
    parties = _parties(reader, fields.get("parties"))
    agreement = None
    agreement_node = fields.get("agreement")
    agreement_name = reader.string(agreement_node, "'agreement'")
    if agreement_name is not None and agreement_node is not None:
        target = os.path.join(folder, agreement_name)
        if not os.path.isfile(target):
            reader.problem(
                agreement_node, f"'agreement' names '{agreement_name}', which does not exist"
            )
        else:
            try:
                agreement = load_agreement(target)
            except ContractFileError as err:
                reader.problems.extend(err.problems)
    proposals = _proposals(reader, fields.get("proposals"), folder, agreement, parties)
    known = set(agreement.by_id) if agreement else set()
    for proposal in proposals:
        known.update(_new_clauses(proposal))
    tas = [
        ta
        for entry in reader.sequence(fields.get("tentative_agreements"), "'tentative_agreements'")
        if (ta := _tentative(reader, entry, parties, proposals, known if agreement else None))
        is not None
    ]
    if reader.problems or agreement is None:
        raise ContractFileError(reader.problems)
    return Negotiation(
        title=reader.string(fields.get("title"), "'title'") or "",
        parties=parties,
        agreement=agreement,
        proposals=tuple(proposals),
        tentative_agreements=tuple(tas),
        expires=reader.moment(fields.get("expires"), "'expires'") if "expires" in fields else None,
        path=path,
    )


def _parties(reader: FieldReader, node: Node | None) -> dict[str, Party]:
    parties: dict[str, Party] = {}
    if node is None:
        return parties
    if node.kind != "map":
        reader.problem(node, f"'parties' must be a mapping of party keys, not {node.describe()}")
        return parties
    for key, value in node.pairs:
        name = reader.identifier(key, "party key")
        if name is None:
            continue
        context = f"party '{name}': "
        fields = reader.mapping(value, "a party", PARTY_KEYS, (), context)
        if fields is None:
            continue
        role = reader.choice(fields.get("role"), "role", ROLES, context)
        parties[name] = Party(
            key=name,
            name=reader.string(fields.get("name"), "'name'", context) or "",
            short=reader.string(fields.get("short"), "'short'", context) or "",
            role=role or "",
        )
    if len(parties) != 2 and not reader.problems:
        reader.problem(node, f"a negotiation has two parties, not {len(parties)}")
    return parties


def _proposals(
    reader: FieldReader,
    node: Node | None,
    folder: str,
    agreement: Agreement | None,
    parties: dict[str, Party],
) -> list[Proposal]:
    proposals: list[Proposal] = []
    added: set[str] = set()
    numbers: dict[tuple[str, int], Node] = {}
    for entry in reader.sequence(node, "'proposals'"):
        name = reader.string(entry, "a proposal path")
        if name is None:
            continue
        target = os.path.join(folder, name)
        if not os.path.isfile(target):
            reader.problem(entry, f"proposal '{name}' does not exist")
            continue
        try:
            proposal = load_proposal(target, agreement, added, parties.keys() if parties else None)
        except ContractFileError as err:
            reader.problems.extend(err.problems)
            continue
        if agreement is not None:
            amended = os.path.join(os.path.dirname(target), proposal.amends)
            if not os.path.isfile(amended) or not os.path.samefile(amended, agreement.path):
                reader.problem(
                    entry,
                    f"proposal '{name}' amends '{proposal.amends}', not the negotiation's agreement",
                )
        key = (proposal.party, proposal.number)
        if key in numbers:
            reader.problem(
                entry, f"{proposal.label} is listed twice (also at line {numbers[key].at.line})"
            )
        numbers[key] = entry
        if proposals and proposal.passed_at < proposals[-1].passed_at:
            reader.problem(
                entry,
                f"proposals must be listed in the order passed: '{name}' was passed before '{os.path.basename(proposals[-1].path)}'",
            )
        added.update(_new_clauses(proposal))
        proposals.append(proposal)
    return proposals


def _new_clauses(proposal: Proposal) -> set[str]:
    return {
        i.clause
        for i in proposal.items
        if i.action == "add" or (i.action == "concept" and (i.after or i.parent))
    }


def _tentative(
    reader: FieldReader,
    node: Node,
    parties: dict[str, Party],
    proposals: list[Proposal],
    known: set[str] | None,
) -> TentativeAgreement | None:
    clause_node = node.get("clause")
    clause = reader.identifier(clause_node, "'clause'") if clause_node is not None else None
    context = f"tentative agreement '{clause}': " if clause else ""
    fields = reader.mapping(node, "a tentative agreement", TA_KEYS, TA_OPTIONAL, context)
    if fields is None:
        return None
    unknown = known is not None and clause is not None and clause not in known
    if unknown and clause is not None and clause_node is not None and known is not None:
        reader.problem(
            clause_node, f"unknown clause '{clause}'{did_you_mean(clause, known)}", context
        )
    initials: dict[str, str] = {}
    initials_node = fields.get("initials")
    if initials_node is not None:
        values = reader.mapping(initials_node, "'initials'", (), tuple(parties), context)
        for key, value in (values or {}).items():
            text = reader.string(value, f"initials of '{key}'", context)
            if text is not None:
                initials[key] = text
        if values is not None:
            for key in parties:
                if key not in values:
                    reader.problem(initials_node, f"'initials' is missing party '{key}'", context)
    party = (
        reader.choice(fields.get("party"), "party", tuple(parties), context) if parties else None
    )
    number = reader.integer(fields.get("proposal"), "'proposal'", context)
    if party is not None and number is not None and clause is not None and not unknown:
        source = next((p for p in proposals if p.party == party and p.number == number), None)
        if source is None:
            reader.problem(
                fields["proposal"], f"no proposal {party} #{number} in this negotiation", context
            )
        elif not any(item.clause == clause for item in source.items):
            reader.problem(
                fields["proposal"], f"{party} #{number} has no item for clause '{clause}'", context
            )
    return TentativeAgreement(
        clause=clause or "",
        date=reader.day(fields.get("date"), "'date'", context) or _EPOCH.date(),
        initials=initials,
        party=party or "",
        proposal=number or 0,
        text=reader.optional_string(fields.get("text"), "'text'", context),
        at=node.at,
    )


from datetime import UTC, datetime  # noqa: E402

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
