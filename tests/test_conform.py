"""The conformed agreement and the ratification blackline: the YAML the next round starts
from, the open items, and a blackline whose accept-all is the conformed text and whose
reject-all is the base, as pandoc reads them back."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracttools.body import Table
from contracttools.documents.conformed import conformed_agreement, term
from contracttools.documents.printing import (
    Printing,
    blackline,
    blackline_order,
    conformed_printing,
    first_anchors,
    heading_spans,
    printing,
)
from contracttools.model import (
    Agreement,
    Clause,
    Item,
    Negotiation,
    Party,
    Proposal,
    TentativeAgreement,
)
from contracttools.negotiation import conform, moment
from contracttools.readers import load, load_agreement
from contracttools.redline.model import Span, TableChange
from contracttools.writers.agreement_html import write_html
from contracttools.writers.docx.agreements import write_docx
from contracttools.writers.docx.revisions import xml_text
from contracttools.writers.options import Options
from contracttools.writers.yaml import write_agreement
from tests import office
from tests.conftest import SAMPLES
from tests.conftest import invoke as run
from tests.test_docx import pandoc_blocks

GOLDEN = Path(__file__).parent / "golden" / "conformed-wga-2023.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# Reading Word back, as pandoc does, revisions accepted or rejected.


def pandoc_texts(path: Path, changes: str) -> list[str]:
    """Return every non-empty paragraph, heading and table cell pandoc reads, in order."""
    return [" ".join(text.split()) for text, _ in pandoc_blocks(path, changes) if text.strip()]


def agreement_texts(agreement: Agreement) -> list[str]:
    """Return an agreement's clauses as a reader sees them: each heading, then its body."""
    out: list[str] = []
    for clause, _ in agreement.walk():
        heading = " ".join(part for part in (clause.number, clause.title) if part)
        if heading:
            out.append(heading)
        for block in clause.blocks:
            if isinstance(block, Table):
                out.extend(cell for row in block.rows for cell in row if cell.strip())
            else:
                out.append(block.text)
    return [" ".join(xml_text(t).split()) for t in out]


def clauses_part(texts: list[str], agreement: Agreement) -> list[str]:
    """Return the clauses at the end of a printed document (front matter comes first)."""
    expected = agreement_texts(agreement)
    return texts[len(texts) - len(expected) :] if len(texts) >= len(expected) else texts


# The sample negotiation.


def sample() -> Negotiation:
    loaded = load(str(SAMPLES))
    assert isinstance(loaded, Negotiation)
    return loaded


def test_conform_of_the_samples_golden() -> None:
    negotiation = sample()
    agreement, _ = conformed_agreement(negotiation, moment(negotiation))
    written = write_agreement(agreement)
    if os.environ.get("CONTRACTTOOLS_REGEN"):
        GOLDEN.write_text(written, encoding="utf-8")
    assert written == GOLDEN.read_text(encoding="utf-8")


def test_yaml_is_a_valid_agreement_and_reads_back_equal(tmp_path: Path) -> None:
    out = tmp_path / "agreement-2023.yaml"
    code, output = run("conform", str(SAMPLES), "-o", str(out))
    assert code == 0, output
    assert run("check", str(out))[0] == 0
    read = load_agreement(str(out))
    negotiation = sample()
    agreement, done = conformed_agreement(negotiation, moment(negotiation))
    assert read.clauses == agreement.clauses
    assert (read.id, read.effective, read.expires) == (
        "sba-2023",
        date(2023, 5, 2),
        date(2026, 5, 1),
    )
    assert read.title.startswith("2023 Screen and Series Basic Agreement")
    # Ids are kept; the agreed language is in; the figures are the agreed ones.
    assert set(read.by_id) == set(negotiation.agreement.by_id)
    increase = read.by_id["minimums.general-increase"]
    assert "five percent (5%)" in increase.text
    assert dict(increase.terms) == {"general_increase": ("5%", "4%", "3.5%")}
    assert [a.clause for a in done.agreed] == [
        "benefits.health",
        "credits.paid-ads",
        "minimums.general-increase",
    ]


def test_open_items_listed_on_stderr_and_not_applied(tmp_path: Path) -> None:
    out = tmp_path / "new.yaml"
    code, output = run("conform", str(SAMPLES), "-o", str(out))
    assert code == 0
    assert "open: 3.B Weeks Covered by an Episodic Fee (open): Guild: AMEND in Guild #1" in output
    assert "Producers: AMEND in Producers #1 (2023-04-12)" in output
    read = load_agreement(str(out))
    base = sample().agreement
    assert read.by_id["episodic.weeks-covered"].text == base.by_id["episodic.weeks-covered"].text
    assert "episodic.development-rooms" not in read.by_id


def test_strict_fails_on_open_items_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "new.yaml"
    code, output = run("conform", str(SAMPLES), "--strict", "-o", str(out))
    assert code == 2
    assert "--strict: 7 clauses still open; nothing written" in output
    assert not out.exists()


def test_options_and_as_of(tmp_path: Path) -> None:
    out = tmp_path / "new.yaml"
    code, output = run(
        "conform",
        str(SAMPLES),
        "--as-of",
        "2023-04-20",
        "--id",
        "sba-draft",
        "--title",
        "Draft Agreement",
        "--effective",
        "2023-06-01",
        "-o",
        str(out),
    )
    assert code == 0, output
    read = load_agreement(str(out))
    assert (read.id, read.title) == ("sba-draft", "Draft Agreement")
    assert (read.effective, read.expires) == (date(2023, 6, 1), date(2026, 5, 31))
    base = sample().agreement
    # Only the health fund TA was signed by then.
    changed = {c.id for c, _ in read.walk() if c.text != base.by_id[c.id].text}
    assert changed == {"benefits.health"}
    code, output = run("conform", str(SAMPLES), "--expires", "2020-01-01", "-o", str(out))
    assert code == 2 and "not after the effective date" in output


def test_term_rule() -> None:
    base = Agreement("a", "A", (), effective=date(2020, 5, 2), expires=date(2023, 5, 1))
    assert term(base, (), date(2023, 4, 30)) == (date(2023, 5, 2), date(2026, 5, 1))
    # Settled after the old contract ran out: effective the day after the last TA.
    negotiation = sample()
    late = negotiation.tentative_agreements[0]
    agreed = conform(negotiation).agreed
    assert agreed[0].ta == late
    bare = Agreement("a", "A", ())
    assert term(bare, (), date(2023, 9, 26)) == (date(2023, 9, 27), date(2026, 9, 26))


def test_blackline_revisions_carry_each_tas_author_and_date(tmp_path: Path) -> None:
    out = tmp_path / "blackline.docx"
    code, output = run("conform", str(SAMPLES), "--redline", "-o", str(out))
    assert code == 0, output
    with zipfile.ZipFile(out) as package:
        xml = package.read("word/document.xml").decode()
    stamps = set(re.findall(r'w:author="([^"]*)" w:date="([^"]*)"', xml))
    assert stamps == {
        ("Guild TA 2023-04-14 (MK / CL)", "2023-04-14T12:00:00Z"),
        ("Producers TA 2023-04-28 (MK / CL)", "2023-04-28T12:00:00Z"),
        ("Joint TA 2023-04-30 (MK / CL)", "2023-04-30T12:00:00Z"),
    }


def test_blackline_ta_index_links_to_the_clauses_and_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "one.docx", tmp_path / "two.docx"
    for out in (first, second):
        assert run("conform", str(SAMPLES), "--redline", "-o", str(out))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:
        xml = package.read("word/document.xml").decode()
    bookmarks = re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"', xml)
    assert len(bookmarks) == len(set(bookmarks))
    links = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', xml)
    assert links and set(links) <= set(bookmarks)
    negotiation = sample()
    at = moment(negotiation)
    agreement, done = conformed_agreement(negotiation, at)
    made = blackline(negotiation, agreement, done, at)
    # The index's three rows link to the headings of the clauses they name.
    for row in made.signed:
        name = f"Clause{row.anchor[1:]}"
        assert name in links
        heading = xml[xml.index(f'w:name="{name}"') :]
        assert f"{row.number} " in heading[:4000]


def test_sample_blackline_accept_all_is_conformed_reject_all_is_base(tmp_path: Path) -> None:
    negotiation = sample()
    at = moment(negotiation)
    agreement, done = conformed_agreement(negotiation, at)
    out = tmp_path / "blackline.docx"
    out.write_bytes(write_docx(blackline(negotiation, agreement, done, at), Options()))
    accepted, rejected = pandoc_texts(out, "accept"), pandoc_texts(out, "reject")
    assert clauses_part(accepted, agreement) == agreement_texts(agreement)
    assert clauses_part(rejected, negotiation.agreement) == agreement_texts(negotiation.agreement)
    # The TA index and the open items come first, and both readings have them.
    for texts in (accepted, rejected):
        assert "Tentative agreements" in texts and "Open items" in texts
        index = len(texts) - 1 - texts[::-1].index("Tentative agreements")
        table = texts[index : len(texts) - 1 - texts[::-1].index("Open items")]
        assert table[1:6] == ["Clause", "Signed", "Initials", "Language", "Action"]
        assert table[6:11] == [
            "6.B Health Fund Contributions",
            "2023-04-14",
            "MK / CL",
            "Guild",
            "amend",
        ]


# Generated negotiations: amend, delete, add and move, each by a TA.

WORDS = st.sampled_from(
    [
        "the",
        "writer",
        "shall",
        "be",
        "paid",
        "five",
        "percent",
        "(5%)",
        "of",
        "gross",
        "each",
        "week",
        "and",
        "Producer",
        "may",
        "not",
        "$70,000",
    ]
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=10).map(" ".join)
CELL = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
TABLE = st.lists(st.lists(CELL, min_size=2, max_size=2), min_size=2, max_size=4).map(
    lambda rows: "\n".join(
        [f"| {rows[0][0]} | {rows[0][1]} |", "| --- | --- |"]
        + [f"| {a} | {b} |" for a, b in rows[1:]]
    )
)
BODY = st.lists(st.one_of(SENTENCE, SENTENCE, TABLE), min_size=1, max_size=3).map("\n\n".join)
PARTIES = {
    "union": Party("union", "The Union", "Union", "union"),
    "employer": Party("employer", "The Employer", "Employer", "employer"),
}


@st.composite
def base_agreements(draw: st.DrawFn) -> Agreement:
    articles = []
    for a in range(1, draw(st.integers(1, 3)) + 1):
        sections = tuple(
            Clause(f"a{a}.s{s}", f"{a}.{chr(64 + s)}", f"Section {a}{s}", draw(BODY))
            for s in range(1, draw(st.integers(1, 3)) + 1)
        )
        articles.append(Clause(f"a{a}", f"Article {a}", f"Article title {a}", "", sections))
    return Agreement(
        "base", "Base", tuple(articles), effective=date(2020, 1, 1), expires=date(2022, 12, 31)
    )


@st.composite
def negotiations(draw: st.DrawFn, with_tas: bool = True) -> Negotiation:
    base = draw(base_agreements())
    sections = [c.id for c, depth in base.walk() if depth == 1]
    deletes: list[Item] = []
    tas: list[TentativeAgreement] = []
    chosen = draw(st.lists(st.sampled_from(sections), unique=True)) if with_tas else []
    actions = {c: draw(st.sampled_from(["amend", "delete", "move"])) for c in chosen}
    # A clause is placed after one no TA strikes or moves (conform re-applied to its own
    # result puts a clause whose anchor is gone at the end of the agreement).
    anchors = [s for s in sections if actions.get(s, "amend") == "amend"]
    initials = {"union": "U", "employer": "E"}
    for day, clause in enumerate(chosen, start=1):
        action, when = actions[clause], date(2023, 2, day)
        if action == "delete":
            deletes.append(Item(clause, "delete"))
            tas.append(TentativeAgreement(clause, when, initials, "union", 1))
        elif action == "amend" or not anchors:
            tas.append(TentativeAgreement(clause, when, initials, text=draw(BODY)))
        else:
            after = draw(st.sampled_from(anchors))
            tas.append(TentativeAgreement(clause, when, initials, text=draw(BODY), after=after))
    if with_tas and anchors:
        for n in range(draw(st.integers(0, 2))):
            tas.append(
                TentativeAgreement(
                    f"new{n}",
                    date(2023, 3, n + 1),
                    initials,
                    text=draw(BODY),
                    number=f"9.{n}",
                    title=f"New clause {n}",
                    after=draw(st.sampled_from(anchors)),
                )
            )
    proposal = Proposal(
        "union", 1, datetime(2023, 1, 10, tzinfo=UTC), "base", tuple(deletes), base=base
    )
    return Negotiation("Talks", PARTIES, base, (proposal,) if deletes else (), tuple(tas))


def walk_texts(agreement: Agreement) -> list[tuple[str, str, str, str, int]]:
    return [(c.id, c.number, c.title, c.text, d) for c, d in agreement.walk()]


@given(negotiations(with_tas=False))
def test_conform_with_no_tas_is_the_base(negotiation: Negotiation) -> None:
    done = conform(negotiation)
    assert done.agreement.clauses == negotiation.agreement.clauses
    assert done.agreed == ()


@given(negotiations())
def test_conform_is_idempotent(negotiation: Negotiation) -> None:
    once, _ = conformed_agreement(negotiation, moment(negotiation))
    again = Negotiation(
        negotiation.title,
        negotiation.parties,
        once,
        negotiation.proposals,
        negotiation.tentative_agreements,
    )
    twice, _ = conformed_agreement(again, moment(again))
    assert walk_texts(twice) == walk_texts(once)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(negotiations())
def test_blackline_accept_all_and_reject_all(negotiation: Negotiation) -> None:
    import tempfile

    at = moment(negotiation)
    agreement, done = conformed_agreement(negotiation, at)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "blackline.docx"
        out.write_bytes(write_docx(blackline(negotiation, agreement, done, at), Options()))
        accepted, rejected = pandoc_texts(out, "accept"), pandoc_texts(out, "reject")
    assert clauses_part(accepted, agreement) == agreement_texts(agreement)
    assert clauses_part(rejected, negotiation.agreement) == agreement_texts(negotiation.agreement)


@given(negotiations())
def test_blackline_shows_every_clause_of_both_texts(negotiation: Negotiation) -> None:
    at = moment(negotiation)
    agreement, done = conformed_agreement(negotiation, at)
    made = blackline(negotiation, agreement, done, at)
    shown = {c.ref.id for c in made.clauses}
    # Every clause of the new text; a struck clause may be paired with a new one of
    # (nearly) the same text, and shown as that one changed.
    assert set(agreement.by_id) <= shown <= set(agreement.by_id) | set(negotiation.agreement.by_id)
    assert made.stamps is not None and set(made.stamps) == shown
    moved = [c for c in made.clauses if c.moved]
    assert moved == [], "a moved clause is split into its deletion and its insertion"


@settings(max_examples=40, deadline=None)
@given(negotiations())
def test_every_link_lands_on_its_clause(negotiation: Negotiation) -> None:
    import io

    at = moment(negotiation)
    agreement, done = conformed_agreement(negotiation, at)
    for made in (
        conformed_printing(negotiation, agreement, done, at),
        blackline(negotiation, agreement, done, at),
    ):
        with zipfile.ZipFile(io.BytesIO(write_docx(made, Options()))) as package:
            xml = package.read("word/document.xml").decode()
        bookmarks = re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"', xml)
        assert len(bookmarks) == len(set(bookmarks))
        assert set(re.findall(r'w:anchor="([^"]*)"', xml)) <= set(bookmarks)
        page = write_html(made, Options())
        ids = re.findall(r' id="([^"]+)"', page)
        assert len(ids) == len(set(ids))
        assert set(re.findall(r'href="#([^"]*)"', page)) <= set(ids)


def model_texts(made: Printing, keep: str) -> list[str]:
    """Return a blackline's clauses with every change accepted or rejected, on the model."""
    drop = "delete" if keep == "accept" else "insert"
    out: list[str] = []

    def add(spans: Iterable[Span]) -> None:
        # A line break in a span is a paragraph break (paragraphs joined or split).
        for line in "".join(s.text for s in spans if s.op != drop).split("\n"):
            if line.strip():
                out.append(" ".join(line.split()))

    for change in made.clauses:
        add(heading_spans(change))
        for block in change.blocks:
            if isinstance(block, TableChange):
                for row in block.rows:
                    for cell in row.cells:
                        add(cell.spans)
            else:
                add(block.spans)
    return out


@settings(max_examples=300)
@given(negotiations())
def test_blackline_model_accept_all_and_reject_all(negotiation: Negotiation) -> None:
    at = moment(negotiation)
    agreement, done = conformed_agreement(negotiation, at)
    made = blackline(negotiation, agreement, done, at)
    assert model_texts(made, "accept") == agreement_texts(agreement)
    assert model_texts(made, "reject") == agreement_texts(negotiation.agreement)


def test_blackline_order_leaves_a_redline_without_moves_or_deletions_alone() -> None:
    negotiation = sample()
    base = negotiation.agreement
    clauses = printing(base).clauses
    assert blackline_order(clauses, base, base) == clauses


def ids(items: Iterable[Any]) -> list[str]:
    return [c.ref.id for c in items]


def sample_with_a_move() -> Negotiation:
    """Return the samples with two TAs more: one moves a clause into another article
    (amending it), one adds a clause to an article."""
    negotiation = sample()
    base = negotiation.agreement
    extra = (
        TentativeAgreement(
            "conditions.notice-of-employment",
            date(2023, 4, 29),
            {"guild": "MK"},
            text=base.by_id["recognition.unit"].text + " Moved.",
            after="recognition.unit",
        ),
        TentativeAgreement(
            "technology.ai",
            date(2023, 4, 29),
            {"guild": "MK"},
            text="Material produced by artificial intelligence is not literary material.",
            number="11.D",
            title="Artificial Intelligence",
            parent="technology",
        ),
    )
    return Negotiation(
        negotiation.title,
        negotiation.parties,
        base,
        negotiation.proposals,
        negotiation.tentative_agreements + extra,
    )


def test_a_moved_clause_is_struck_where_it_stood_and_anchored_where_it_goes(
    tmp_path: Path,
) -> None:
    grown = sample_with_a_move()
    at = moment(grown)
    agreement, done = conformed_agreement(grown, at)
    made = blackline(grown, agreement, done, at)
    moved = [c for c in made.clauses if c.ref.id == "conditions.notice-of-employment"]
    assert [c.status for c in moved] == ["added", "deleted"]
    anchored = [(c.status, a) for c, a in first_anchors(made) if c.ref.id == moved[0].ref.id]
    assert anchored == [("added", made.anchors[moved[0].ref.id]), ("deleted", "")]
    out = tmp_path / "blackline.docx"
    out.write_bytes(write_docx(made, Options()))
    assert clauses_part(pandoc_texts(out, "accept"), agreement) == agreement_texts(agreement)
    assert clauses_part(pandoc_texts(out, "reject"), grown.agreement) == agreement_texts(
        grown.agreement
    )


# The same in LibreOffice, as a Word user's stand-in: Accept All and Reject All over UNO.


def office_accept_and_reject(path: Path) -> dict[str, Any]:
    """Return what LibreOffice reads after Accept All and after Reject All (non-empty
    paragraphs and cells, white space folded, and how many revisions are left)."""
    if not office.available():
        pytest.skip("LibreOffice or python3-uno missing")
    read = office.read(path, "accept", "reject")
    return {
        action: {
            "texts": [" ".join(t.split()) for t in office.texts(result["blocks"]) if t.strip()],
            "left": result["redlines"],
        }
        for action, result in read.items()
    }


@pytest.mark.client
def test_libreoffice_accept_all_is_conformed_reject_all_is_base(tmp_path: Path) -> None:
    grown = sample_with_a_move()
    base = grown.agreement
    at = moment(grown)
    agreement, done = conformed_agreement(grown, at)
    out = tmp_path / "blackline.docx"
    out.write_bytes(write_docx(blackline(grown, agreement, done, at), Options()))
    read = office_accept_and_reject(out)
    assert read["accept"]["left"] == 0 and read["reject"]["left"] == 0
    assert clauses_part(read["accept"]["texts"], agreement) == agreement_texts(agreement)
    assert clauses_part(read["reject"]["texts"], base) == agreement_texts(base)
