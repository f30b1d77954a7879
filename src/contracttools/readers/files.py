"""Read agreement, proposal and negotiation files into the model, checking everything."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import TypeAlias

from contracttools.body import table_width_problems
from contracttools.collector import cycle_collector_paused
from contracttools.model import (
    ACTIONS,
    PERIODS,
    ROLES,
    UNLISTED,
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
from contracttools.readers.nodes import Node, parse, read_text
from contracttools.readers.source import special

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
NEGOTIATION_OPTIONAL = ("tentative_agreements", "expires", "unlisted", "note", "costing")
PARTY_KEYS = ("name", "short", "role")
TA_KEYS = ("clause", "date", "initials")
TA_OPTIONAL = (
    "party",
    "proposal",
    "text",
    "summary",
    "terms",
    "number",
    "title",
    "after",
    "parent",
    "note",
)
VALUATION_KEYS = ("valuer", "amount")
VALUATION_OPTIONAL = ("per", "note")

NEEDS_TEXT = ("amend", "add")
PLACED = ("add", "amend", "concept")  # items that may give a number, title and place
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # stands in for a value already reported
MAX_FIGURES = 20
"""The most figures a term lists (one a year, or a step of a schedule)."""
MAX_BYTES = 64 * 1024 * 1024
"""The largest contract file read (a 2,000-page agreement is about 10 MB)."""

_sources: ContextVar[frozenset[str]] = ContextVar("sources", default=frozenset())


def sources() -> frozenset[str]:
    """Return the absolute path of every file read since `reading()` began: a run's inputs,
    however they were reached (named, amended, listed in a manifest)."""
    return _sources.get()


@contextmanager
def reading() -> Iterator[None]:
    """Start a fresh record of the files read (one command run)."""
    token = _sources.set(frozenset())
    try:
        yield
    finally:
        _sources.reset(token)


def _display(path: str | os.PathLike[str]) -> str:
    return os.fspath(path)


def read_file(path: str) -> bytes:
    """Return a contract file's bytes: a regular file of at most MAX_BYTES, never a device,
    a FIFO or a folder (they would block or never end); the file is recorded as read."""

    def refuse(message: str) -> ContractFileError:
        return ContractFileError([Problem(Location(path), message)])

    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the open
    except OSError as err:
        raise refuse(f"cannot read: {err.strerror}") from None
    try:
        info = os.fstat(handle)
        what = special(info.st_mode)
        if what is not None:
            raise refuse(f"is {what}, not a file; give a file")
        if info.st_size > MAX_BYTES:
            raise refuse(f"is larger than {MAX_BYTES // 2**20} MB; this is not a contract file")
        _sources.set(_sources.get() | {os.path.abspath(path)})
        chunks, size = [], 0
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BYTES:
                raise refuse(f"is larger than {MAX_BYTES // 2**20} MB; this is not a contract file")
        return b"".join(chunks)
    except OSError as err:
        raise refuse(f"cannot read: {err.strerror}") from None
    finally:
        os.close(handle)


def _document(path: str, data: bytes | None = None) -> Node:
    """Parse a file (or `data`, given as if read from `path`) into its root node."""
    if data is None:
        data = read_file(path)
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


def read_negotiation(path: str | os.PathLike[str]) -> Negotiation:
    """Read a negotiation manifest and every file it names.  How the files fit together is
    checked by `contracttools.loading`."""
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
    proposals, spots = _proposals(reader, fields.get("proposals"), folder, agreement)
    tas = [
        ta
        for entry in reader.sequence(fields.get("tentative_agreements"), "'tentative_agreements'")
        if (ta := _tentative(reader, entry, parties)) is not None
    ]
    unlisted = (
        reader.choice(fields["unlisted"], "'unlisted'", UNLISTED) if "unlisted" in fields else None
    )
    if reader.problems or agreement is None:
        raise ContractFileError(reader.problems)
    negotiation = Negotiation(
        title=reader.string(fields.get("title"), "'title'") or "",
        parties=parties,
        agreement=agreement,
        proposals=tuple(proposals),
        tentative_agreements=tuple(tas),
        expires=reader.moment(fields.get("expires"), "'expires'") if "expires" in fields else None,
        path=path,
        unlisted=unlisted or "stand",
        costing=_costing(reader, fields.get("costing"), folder),
        spots={**_spots(fields), **spots},
    )
    return negotiation


def _costing(reader: FieldReader, node: Node | None, folder: str) -> str | None:
    """Return the path of the costing file a manifest names (team-only), checked to exist."""
    name = reader.string(node, "'costing'")
    if name is None or node is None:
        return None
    target = os.path.join(folder, name)
    if not os.path.isfile(target):
        reader.problem(node, f"'costing' names '{name}', which does not exist")
        raise ContractFileError(reader.problems)
    return target


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
        fields = reader.mapping(value, "a party", PARTY_KEYS, ("name_article",), context)
        if fields is None:
            continue
        role = reader.choice(fields.get("role"), "role", ROLES, context)
        article = None
        if fields.get("name_article") is not None:
            chosen = reader.choice(fields["name_article"], "name_article", ("the", "none"), context)
            article = {"the": "the", "none": ""}.get(chosen or "")
        parties[name] = Party(
            key=name,
            name=reader.string(fields.get("name"), "'name'", context) or "",
            short=reader.string(fields.get("short"), "'short'", context) or "",
            role=role or "",
            article=article,
        )
    if len(parties) != 2 and not reader.problems:
        reader.problem(node, f"a negotiation has two parties, not {len(parties)}")
    return parties


def _proposals(
    reader: FieldReader, node: Node | None, folder: str, agreement: Agreement | None
) -> tuple[list[Proposal], dict[str, Location]]:
    """Return the proposals a manifest lists, and where each is listed ("proposals.N")."""
    proposals: list[Proposal] = []
    spots: dict[str, Location] = {}
    for entry in reader.sequence(node, "'proposals'"):
        name = reader.string(entry, "a proposal path")
        if name is None:
            continue
        target = os.path.join(folder, name)
        if not os.path.isfile(target):
            reader.problem(entry, f"proposal '{name}' does not exist")
            continue
        try:
            proposal = read_proposal(target, agreement)
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
        spots[f"proposals.{len(proposals)}"] = entry.at
        proposals.append(proposal)
    return proposals, spots


def _tentative(
    reader: FieldReader, node: Node, parties: dict[str, Party]
) -> TentativeAgreement | None:
    clause_node = node.get("clause")
    clause = reader.identifier(clause_node, "'clause'") if clause_node is not None else None
    context = f"tentative agreement '{clause}': " if clause else ""
    fields = reader.mapping(node, "a tentative agreement", TA_KEYS, TA_OPTIONAL, context)
    if fields is None:
        return None
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
        reader.choice(fields.get("party"), "party", tuple(parties), context)
        if parties and "party" in fields
        else None
    )
    if "after" in fields and "parent" in fields:
        reader.problem(fields["parent"], "give 'after' or 'parent', not both", context)
    for key in ("after", "parent"):
        reader.identifier(fields.get(key), f"'{key}'", context)
    return TentativeAgreement(
        clause=clause or "",
        date=reader.day(fields.get("date"), "'date'", context) or _EPOCH.date(),
        initials=initials,
        party=party,
        proposal=reader.integer(fields.get("proposal"), "'proposal'", context)
        if "proposal" in fields
        else None,
        text=_body(reader, fields.get("text"), context) or None,
        summary=reader.optional_string(fields.get("summary"), "'summary'", context),
        terms=_terms(reader, fields.get("terms"), context),
        number=reader.optional_string(fields.get("number"), "'number'", context),
        title=reader.optional_string(fields.get("title"), "'title'", context),
        after=reader.optional_string(fields.get("after"), "'after'", context),
        parent=reader.optional_string(fields.get("parent"), "'parent'", context),
        note=reader.optional_string(fields.get("note"), "'note'", context),
        at=node.at,
        spots=_spots(fields),
    )


from datetime import UTC, datetime  # noqa: E402

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
