"""What proposals mean: positions, apply, conform, checked on generated negotiations.

The rules are those of docs/negotiation.md; the properties say what a bargaining team
relies on: a party's position is the language it last proposed or accepted, what a pass
leaves unrestated carries forward, conform with no TA is the base, a packet marked against
the other side's proposal rejects to their language and accepts to ours.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracttools.documents.comparison import redline_documents
from contracttools.documents.packet import build_packet
from contracttools.model import (
    Agreement,
    Clause,
    Item,
    Negotiation,
    Party,
    Proposal,
    TentativeAgreement,
)
from contracttools.negotiation import (
    applied,
    apply,
    conform,
    draft,
    history,
    moment,
    positions,
    standings,
)
from contracttools.negotiation.moments import before
from contracttools.redline import ParagraphChange, new_text, old_text

VOCABULARY = ["the", "writer", "shall", "be", "paid", "thirty", "(30)", "days", "5%", "week"]
PARTIES = {
    "union": Party("union", "The Union", "Union", "union"),
    "employer": Party("employer", "The Employers", "Employers", "employer"),
}
START = datetime(2023, 3, 1, 10, tzinfo=UTC)

sentences = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=8).map(" ".join)


@st.composite
def agreements(draw: st.DrawFn) -> Agreement:
    articles = []
    for a in range(draw(st.integers(1, 3))):
        sections = tuple(
            Clause(f"a{a}.s{s}", f"{a + 1}.{s + 1}", f"Section {a}{s}", draw(sentences))
            for s in range(draw(st.integers(1, 3)))
        )
        articles.append(Clause(f"a{a}", f"Article {a + 1}", f"Article {a}", "", sections))
    return Agreement("base", "Base Agreement", tuple(articles))


@st.composite
def negotiations(draw: st.DrawFn, with_tas: bool = True) -> Negotiation:
    agreement = draw(agreements())
    sections = [c.id for c, depth in agreement.walk() if depth == 1]
    proposals: list[Proposal] = []
    added: list[str] = []
    numbers = {"union": 0, "employer": 0}
    when = START
    for n in range(draw(st.integers(1, 5))):
        party = draw(st.sampled_from(sorted(PARTIES)))
        numbers[party] += 1
        when += timedelta(days=draw(st.integers(1, 9)))
        items = []
        for clause in draw(st.lists(st.sampled_from(sections + added), unique=True, max_size=4)):
            action = draw(
                st.sampled_from(["amend", "status-quo", "reject", "withdraw", "accept", "concept"])
                if clause in added
                else st.sampled_from(
                    ["amend", "delete", "status-quo", "reject", "withdraw", "accept", "concept"]
                )
            )
            text = draw(sentences) if action == "amend" else None
            items.append(Item(clause, action, text=text))
        if draw(st.booleans()):
            new = f"new{n}"
            anchor = draw(st.sampled_from(sections))
            items.append(Item(new, "add", draw(sentences), f"9.{n}", f"New {n}", after=anchor))
            added.append(new)
        if not items:
            items.append(Item(sections[0], "status-quo"))
        proposals.append(
            Proposal(party, numbers[party], when, "base.yaml", tuple(items), base=agreement)
        )
    tas: list[TentativeAgreement] = []
    if with_tas:
        for clause in draw(st.lists(st.sampled_from(sections), unique=True, max_size=2)):
            day = (when + timedelta(days=1)).date()
            initials = {"union": "U", "employer": "E"}
            if draw(st.booleans()):
                tas.append(TentativeAgreement(clause, day, initials, text=draw(sentences)))
            else:
                tas.append(TentativeAgreement(clause, day, initials, party="union"))
    return Negotiation(
        "Talks",
        PARTIES,
        agreement,
        tuple(proposals),
        tuple(tas),
        unlisted=draw(st.sampled_from(["stand", "withdrawn"])),
    )


def expected_language(negotiation: Negotiation, party: str, clause: str, upto: int) -> object:
    """The language a party last proposed or accepted on a clause in passes[:upto], by the
    rules written out again independently of the implementation."""
    base = negotiation.agreement.by_id
    language: object = "unset"
    for index, proposal in enumerate(negotiation.proposals[:upto]):
        if proposal.party != party:
            continue
        item = next((i for i in proposal.items if i.clause == clause), None)
        if item is None:
            if negotiation.unlisted == "withdrawn" and language != "unset":
                language = base[clause].text if clause in base else None
            continue
        if item.action in ("amend", "add"):
            language = item.text
        elif item.action == "delete":
            language = None
        elif item.action == "accept":
            other = next(k for k in PARTIES if k != party)
            theirs = expected_language(negotiation, other, clause, index)
            current = base[clause].text if clause in base else None
            language = current if theirs == "unset" else theirs
        else:
            language = base[clause].text if clause in base else None
    return language


common = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@common
@given(negotiations())
def test_a_position_is_the_language_last_proposed_or_accepted(negotiation: Negotiation) -> None:
    for upto in range(1, len(negotiation.proposals) + 1):
        at = moment(negotiation, negotiation.proposals[upto - 1].passed_at)
        table = positions(negotiation, at)
        for clause, stands in table.items():
            for party, position in stands.items():
                assert position.language == expected_language(negotiation, party, clause, upto)


@common
@given(negotiations(with_tas=False))
def test_conform_with_no_ta_is_the_base(negotiation: Negotiation) -> None:
    assert conform(negotiation).agreement == negotiation.agreement


@common
@given(negotiations())
def test_conform_is_idempotent_and_applies_exactly_the_agreed_language(
    negotiation: Negotiation,
) -> None:
    conformed = conform(negotiation)
    assert applied(conformed.agreement, conformed.agreed) == conformed.agreement
    for agreed in conformed.agreed:
        clause = conformed.agreement.by_id.get(agreed.clause)
        if agreed.language is None:
            assert clause is None
        else:
            assert clause is not None and clause.text == agreed.language
    signed = {t.clause for t in negotiation.tentative_agreements}
    assert not signed & {s.clause for s in conformed.open}


@common
@given(negotiations())
def test_a_proposal_against_itself_has_no_change(negotiation: Negotiation) -> None:
    for proposal in negotiation.proposals:
        redline = redline_documents(proposal, proposal, negotiation, negotiation)
        assert not redline.changed


@common
@given(negotiations())
def test_a_draft_holds_every_position_and_carries_the_unrestated(
    negotiation: Negotiation,
) -> None:
    last = negotiation.proposals[-1]
    text, marks = draft(last, negotiation)
    named = {i.clause for i in last.items}
    stands = positions(negotiation, moment(negotiation, last.passed_at))
    for clause, by_party in stands.items():
        position = by_party.get(last.party)
        if position is None:
            continue
        present = text.by_id.get(clause)
        if position.language is None:
            assert present is None
        else:
            assert present is not None and present.text == position.language
        assert marks[clause].carried == (position.proposal is not last)
        if negotiation.unlisted == "stand":
            assert marks[clause].carried == (clause not in named)


def _paragraph_text(change: object, side: str) -> str:
    blocks = getattr(change, "blocks", ())
    pick = old_text if side == "old" else new_text
    return "\n\n".join(
        pick(b.spans) for b in blocks if isinstance(b, ParagraphChange) and pick(b.spans)
    )


@common
@given(negotiations(with_tas=False))
def test_a_packet_against_their_proposal_rejects_to_theirs_and_accepts_to_ours(
    negotiation: Negotiation,
) -> None:
    passes = negotiation.proposals
    for earlier, later in pairwise(passes):
        if earlier.party == later.party:
            continue
        packet = build_packet(later, negotiation, earlier)
        theirs, _ = draft(earlier, negotiation)
        ours, _ = apply(later, negotiation, base=theirs)
        for item in packet.items:
            if item.change is None:
                continue
            baseline = theirs.by_id.get(item.clause)
            proposed = ours.by_id.get(item.clause)
            assert _paragraph_text(item.change, "old") == (baseline.text if baseline else "")
            assert _paragraph_text(item.change, "new") == (proposed.text if proposed else "")


@common
@given(negotiations())
def test_statuses_follow_positions_and_tas(negotiation: Negotiation) -> None:
    at = moment(negotiation)
    for standing in standings(negotiation, at):
        if standing.tentative is not None:
            assert standing.status == "tentatively agreed"
        actions = {p.action for p in standing.positions.values()}
        if standing.tentative is None and actions == {"status-quo"}:
            assert standing.status == "status quo"


def test_unrestated_clauses_are_withdrawn_where_the_ground_rules_say_so() -> None:
    base = Agreement(
        "b", "B", (Clause("a", "1", "A", "", (Clause("a.x", "1.1", "X", "old words"),)),)
    )
    first = Proposal("union", 1, START, "b.yaml", (Item("a.x", "amend", "new words"),), base=base)
    second = Proposal(
        "union", 2, START + timedelta(days=3), "b.yaml", (Item("a", "status-quo"),), base=base
    )
    standing = Negotiation("T", PARTIES, base, (first, second))
    withdrawn = replace(standing, unlisted="withdrawn")
    assert positions(standing)["a.x"]["union"].language == "new words"
    implicit = positions(withdrawn)["a.x"]["union"]
    assert implicit.language == "old words" and implicit.action == "withdraw"
    assert implicit.item is None
    assert [p.action for p in history(withdrawn) if p.clause == "a.x"] == ["amend", "withdraw"]
    assert before(withdrawn, second).proposals == (first,)
    assert date(2023, 3, 1) == moment(standing, date(2023, 3, 1)).day
