"""The YAML writer: what it writes reads back as the same agreement or proposal."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracttools.model import Agreement, Clause, Item, Proposal, Valuation
from contracttools.readers import load_agreement, load_proposal
from contracttools.writers.options import Options
from contracttools.writers.table import format_for, write
from contracttools.writers.yaml import write_agreement, write_proposal

ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,12}", fullmatch=True)
words = st.sampled_from(
    [
        "the",
        "Producer",
        "shall",
        "pay",
        "thirty (30)",
        "$70,000",
        "5.5%",
        "10.10",
        "NO",
        "yes",
        "~",
        "null",
        "#",
        "- item",
        ": colon",
        "'quoted'",
        '"double"',
        "l’écrivain",
        "作家",
        "\x07",
        "\u000b",
        "\t",
        "  ",
        "(a)",
        "{x}",
        "[y]",
        "*",
        "&anchor",
        "!tag",
        "%",
        "@",
        "`",
        "\\",
    ]
)
line = st.lists(words, max_size=8).map(" ".join)
texts = st.one_of(
    st.lists(line, max_size=5).map("\n".join),
    st.lists(line, max_size=5).map(lambda lines: "\n\n".join(lines) + "\n"),
    st.text(st.characters(codec="utf-8", blacklist_characters="|"), max_size=40),
)
labels = st.one_of(line, st.text(st.characters(codec="utf-8"), max_size=20))
terms = st.dictionaries(ids, st.lists(labels, min_size=1, max_size=3).map(tuple), max_size=2)


def clauses(depth: int) -> st.SearchStrategy[Clause]:
    children = st.lists(clauses(depth - 1), max_size=3).map(tuple) if depth else st.just(())
    return st.builds(
        Clause,
        id=ids,
        number=labels,
        title=labels,
        text=texts,
        clauses=children,
        terms=terms,
    )


def _unique(tree: tuple[Clause, ...]) -> bool:
    seen: list[str] = []
    stack = list(tree)
    while stack:
        clause = stack.pop()
        seen.append(clause.id)
        stack.extend(clause.clauses)
    return len(seen) == len(set(seen))


agreements = st.builds(
    Agreement,
    id=ids,
    title=labels,
    clauses=st.lists(clauses(2), min_size=1, max_size=3).map(tuple).filter(_unique),
    effective=st.one_of(st.none(), st.dates(date(1950, 1, 1), date(2100, 1, 1))),
    expires=st.one_of(st.none(), st.dates(date(1950, 1, 1), date(2100, 1, 1))),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreements)
def test_agreement_reads_back_equal(agreement: Agreement) -> None:
    written = write_agreement(agreement, Options())
    loaded = load_agreement("agreement.yaml", written.encode("utf-8"))
    assert loaded == Agreement(
        agreement.id,
        agreement.title,
        agreement.clauses,
        "agreement.yaml",
        agreement.effective,
        agreement.expires,
    )
    assert [c.terms for c, _ in loaded.walk()] == [c.terms for c, _ in agreement.walk()]
    assert write_agreement(loaded, Options()) == written


zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=-7)), timezone(timedelta(hours=5, minutes=30))]
)
moments = st.builds(
    lambda day, seconds, zone: (
        datetime(day.year, day.month, day.day, tzinfo=zone) + timedelta(seconds=seconds)
    ),
    st.dates(date(2000, 1, 1), date(2090, 1, 1)),
    st.integers(0, 86399),
    zones,
)
amounts = st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False)
valuations = st.builds(
    Valuation, valuer=ids, amount=amounts, per=st.sampled_from(["year", "term", "one-time"])
)
optional = st.one_of(st.none(), labels)
items = st.builds(
    Item,
    clause=st.sampled_from(["pay", "pay.increase"]),
    action=st.sampled_from(["amend", "delete", "status-quo", "accept", "reject"]),
    text=st.one_of(st.none(), texts.filter(bool)),
    summary=optional,
    topic=optional,
    terms=terms,
    cost=st.lists(valuations, max_size=2).map(tuple),
    package=optional,
    note=st.one_of(st.none(), texts.filter(bool)),
).filter(lambda item: item.action not in ("amend",) or bool(item.text))
proposals = st.builds(
    Proposal,
    party=ids,
    number=st.integers(0, 999),
    passed_at=moments,
    amends=st.just("agreement.yaml"),
    items=st.lists(items, min_size=1, max_size=4).map(tuple),
    title=optional,
    preamble=st.one_of(st.none(), texts.filter(bool)),
    note=optional,
)

BASE = Agreement(
    "base",
    "Base",
    (Clause("pay", "1", "Pay", clauses=(Clause("pay.increase", "1.A", "Increase", "x"),)),),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(proposals)
def test_proposal_reads_back_equal(proposal: Proposal) -> None:
    written = write_proposal(proposal, Options())
    loaded = load_proposal("proposal.yaml", BASE, data=written.encode("utf-8"))
    expected = Proposal(
        proposal.party,
        proposal.number,
        proposal.passed_at,
        proposal.amends,
        proposal.items,
        proposal.title,
        proposal.preamble,
        proposal.note,
        "proposal.yaml",
    )
    assert loaded == expected
    assert loaded.passed_at.utcoffset() == proposal.passed_at.utcoffset()
    assert write_proposal(loaded, Options()) == written


def test_agreement_file_reads_as_written_by_hand() -> None:
    agreement = Agreement(
        "sba-2020",
        "2020 Basic Agreement",
        (
            Clause(
                "minimums",
                "Article 2",
                "Minimum Compensation",
                clauses=(
                    Clause(
                        "minimums.general-increase",
                        "2.10",
                        "General Increases",
                        "Each minimum shall be increased.\n\n(a) By three percent (3%).\n",
                        terms={"general_increase": ("3%", "2.5%")},
                    ),
                ),
            ),
        ),
        effective=date(2020, 5, 2),
    )
    assert write_agreement(agreement) == (
        "kind: agreement\n"
        "id: sba-2020\n"
        "title: 2020 Basic Agreement\n"
        "effective: 2020-05-02\n"
        "clauses:\n"
        "- id: minimums\n"
        "  number: Article 2\n"
        "  title: Minimum Compensation\n"
        "  clauses:\n"
        "  - id: minimums.general-increase\n"
        "    number: '2.10'\n"
        "    title: General Increases\n"
        "    text: |\n"
        "      Each minimum shall be increased.\n"
        "\n"
        "      (a) By three percent (3%).\n"
        "    terms: {general_increase: [3%, 2.5%]}\n"
    )


def test_proposal_file_reads_as_written_by_hand() -> None:
    proposal = Proposal(
        "guild",
        2,
        datetime(2023, 4, 28, 10, 15, tzinfo=timezone(timedelta(hours=-7))),
        "agreement-2020.yaml",
        (
            Item(
                "pay.increase",
                "amend",
                "Five percent (5%).",
                cost=(Valuation("guild", Decimal("148000000")),),
            ),
        ),
    )
    assert write_proposal(proposal) == (
        "kind: proposal\n"
        "party: guild\n"
        "number: 2\n"
        "passed_at: 2023-04-28T10:15:00-07:00\n"
        "amends: agreement-2020.yaml\n"
        "items:\n"
        "- clause: pay.increase\n"
        "  action: amend\n"
        "  text: Five percent (5%).\n"
        "  cost:\n"
        "  - {valuer: guild, amount: 148000000, per: year}\n"
    )


def test_yaml_is_chosen_by_extension() -> None:
    assert format_for("agreement", "x.yaml", None, "yaml") == "yaml"
    assert format_for("proposal", "x.yml", None, "yaml") == "yaml"
    assert isinstance(write("agreement", "yaml", BASE, Options()), str)
