"""Read negotiation manifests: the parties, the agreement, the proposals in order and the
tentative agreements."""

from __future__ import annotations

import os

from contracttools.model import (
    ROLES,
    UNLISTED,
    Agreement,
    Negotiation,
    Party,
    Proposal,
    TentativeAgreement,
)
from contracttools.problems import ContractFileError, Location
from contracttools.readers.agreements import _body, _terms, load_agreement
from contracttools.readers.fields import FieldReader
from contracttools.readers.files import (
    _EPOCH,
    NEGOTIATION_KEYS,
    NEGOTIATION_OPTIONAL,
    PARTY_KEYS,
    TA_KEYS,
    TA_OPTIONAL,
    _display,
    _document,
    _open,
    not_a_file,
)
from contracttools.readers.nodes import Node
from contracttools.readers.proposals import _spots, read_proposal


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
        wrong = not_a_file(target)
        if wrong is not None:
            reader.problem(agreement_node, f"'agreement' names '{agreement_name}', which {wrong}")
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
    wrong = not_a_file(target)
    if wrong is not None:
        reader.problem(node, f"'costing' names '{name}', which {wrong}")
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
        wrong = not_a_file(target)
        if wrong is not None:
            reader.problem(entry, f"proposal '{name}' {wrong}")
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
