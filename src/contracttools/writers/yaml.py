"""Agreement and proposal files: the model written back as the YAML people edit.

The output is deterministic and reads like a hand-written file: keys in the order the
format documents them, multi-line bodies as literal blocks (`|`), numbers and dates
plain, figures and valuations in flow style.  `contracttools.readers` reads it back to
an equal model.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import yaml
from yaml.resolver import Resolver

from contracttools.model import Agreement, Clause, Item, Proposal, Valuation

if TYPE_CHECKING:
    from contracttools.writers.options import Options

try:
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]

_NOT_IN_BLOCK = re.compile("[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]| \n| $")
_RESOLVER = Resolver()


class _Plain(str):
    """A value written without quotes because it reads back as this same text."""


class _Flow(dict[str, Any]):
    """A mapping written on one line: `{valuer: guild, amount: 300000000}`."""


class _FlowList(list[Any]):
    """A list written on one line: `["5.5%", "4.5%"]`."""


class _Dumper(_BaseDumper):
    """Safe dumper that keeps insertion order and never wraps lines."""


def _text(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and _fits_block(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_str(value)


def _fits_block(value: str) -> bool:
    """Return whether a literal block holds the text exactly (and the reader accepts it).

    Trailing spaces force quoting in PyYAML; a leading space on the first line needs an
    indentation indicator, which hand editors stumble on.
    """
    return _NOT_IN_BLOCK.search(value) is None and not value.startswith(" ")


def _plain(dumper: _Dumper, value: _Plain) -> yaml.ScalarNode:
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, str(value), (True, False))  # type: ignore[no-untyped-call]
    return dumper.represent_scalar(tag, str(value))


def _flow(dumper: _Dumper, value: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


def _flow_list(dumper: _Dumper, value: _FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Plain, _plain)
_Dumper.add_representer(_Flow, _flow)
_Dumper.add_representer(_FlowList, _flow_list)
_Dumper.add_representer(
    dict, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=False)
)


def _plain_if_same(value: str) -> str:
    """Return the value marked plain when YAML would read it back as the same text."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return _Plain(value) if tag != "tag:yaml.org,2002:str" else value


def _moment(value: datetime) -> str:
    return _Plain(value.isoformat())


def _day(value: date) -> str:
    return _Plain(value.isoformat())


def _terms(terms: Mapping[str, tuple[str, ...]]) -> _Flow:
    return _Flow({name: _FlowList(values) for name, values in terms.items()})


def _amount(value: Decimal) -> str:
    text = format(value, "f")
    return _plain_if_same(text)


def _valuation(valuation: Valuation) -> _Flow:
    return _Flow(valuer=valuation.valuer, amount=_amount(valuation.amount), per=valuation.per)


def _clause(clause: Clause) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": clause.id, "number": clause.number, "title": clause.title}
    if clause.text:
        entry["text"] = clause.text
    if clause.terms:
        entry["terms"] = _terms(clause.terms)
    if clause.clauses:
        entry["clauses"] = [_clause(child) for child in clause.clauses]
    return entry


def _item(item: Item) -> dict[str, Any]:
    entry: dict[str, Any] = {"clause": item.clause, "action": item.action}
    for key in ("number", "title", "after", "parent", "text", "summary", "topic"):
        value = getattr(item, key)
        if value is not None:
            entry[key] = value
    if item.terms:
        entry["terms"] = _terms(item.terms)
    if item.cost:
        entry["cost"] = [_valuation(v) for v in item.cost]
    for key in ("package", "note"):
        value = getattr(item, key)
        if value is not None:
            entry[key] = value
    return entry


def _dump(document: dict[str, Any]) -> str:
    return yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=2**31 - 1,
        indent=2,
        explicit_start=False,
    )


def agreement_document(agreement: Agreement) -> dict[str, Any]:
    """Return an agreement as the mapping its file holds, keys in the documented order."""
    document: dict[str, Any] = {"kind": "agreement", "id": agreement.id, "title": agreement.title}
    if agreement.effective is not None:
        document["effective"] = _day(agreement.effective)
    if agreement.expires is not None:
        document["expires"] = _day(agreement.expires)
    document["clauses"] = [_clause(clause) for clause in agreement.clauses]
    return document


def proposal_document(proposal: Proposal) -> dict[str, Any]:
    """Return a proposal as the mapping its file holds, keys in the documented order."""
    document: dict[str, Any] = {
        "kind": "proposal",
        "party": proposal.party,
        "number": _Plain(str(proposal.number)),
        "passed_at": _moment(proposal.passed_at),
        "amends": proposal.amends,
    }
    for key in ("title", "preamble", "note"):
        value = getattr(proposal, key)
        if value is not None:
            document[key] = value
    document["items"] = [_item(item) for item in proposal.items]
    return document


def write_agreement(agreement: Agreement, options: Options | None = None) -> str:
    """Return the agreement file for an agreement."""
    return _dump(agreement_document(agreement))


def write_proposal(proposal: Proposal, options: Options | None = None) -> str:
    """Return the proposal file for a proposal."""
    return _dump(proposal_document(proposal))
