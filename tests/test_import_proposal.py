"""The other side's proposal from Word: tracked changes, typed marks, and our own packets."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from contracttools.loading import load_proposal
from contracttools.readers import load_agreement
from tests.conftest import SAMPLES, invoke
from tests.wordfixtures import AUTHOR, dele, ins, make_docx, p, r

AGREEMENT = """\
kind: agreement
id: base
title: Base Agreement
clauses:
  - id: wages
    number: ARTICLE 1
    title: WAGES
    clauses:
      - id: wages.rates
        number: "1.1"
        title: Rates
        text: |
          The rate is ten dollars an hour.
      - id: wages.hours
        number: "1.2"
        title: Hours
        text: |
          The week is forty hours.
      - id: wages.parking
        number: "1.3"
        title: Parking
        text: |
          Parking is free.
      - id: wages.leave
        number: "1.4"
        title: Leave
        text: |
          Leave is paid.
"""

PASSED = ("--party", "union", "--number", "2", "--passed-at", "2023-04-12T10:00:00-07:00")


def _agreement(tmp_path: Path) -> Path:
    path = tmp_path / "agreement.yaml"
    path.write_text(AGREEMENT, encoding="utf-8")
    return path


COUNTER = (
    p("ARTICLE 1 WAGES")
    + p("1.1 Rates")
    + p("The rate is ", dele("ten"), ins("twelve"), " dollars an hour.")
    + p("1.2 Hours")
    + p("The week is forty hours.")
    + p(ins("1.3 Meals"), mark="ins")
    + p(ins("A meal break of thirty minutes is paid."), mark="ins")
    + p(dele("1.3 Parking"), mark="del")
    + p(dele("Parking is free."), mark="del")
    + p(dele("1.4"), ins("1.4"), " Leave")
    + p(
        "Leave is ",
        f'<w:r><w:rPr><w:b/><w:rPrChange w:id="5" {AUTHOR}><w:rPr/></w:rPrChange></w:rPr>'
        "<w:t>paid</w:t></w:r>",
        ".",
    )
)


def test_tracked_changes_become_amend_add_and_delete_items(tmp_path: Path) -> None:
    agreement = _agreement(tmp_path)
    document = make_docx(tmp_path / "counter.docx", COUNTER)
    out = tmp_path / "union-2.yaml"
    code, output = invoke(
        "import", str(document), "--amends", str(agreement), *PASSED, "-o", str(out)
    )
    assert code == 0, output
    proposal = load_proposal(out)
    assert proposal.amends == "agreement.yaml"
    assert [(i.clause, i.action, i.text) for i in proposal.items] == [
        ("wages.rates", "amend", "The rate is twelve dollars an hour.\n"),
        ("wages.meals", "add", "A meal break of thirty minutes is paid.\n"),
        ("wages.parking", "delete", None),
    ]
    meals = proposal.items[1]
    assert (meals.number, meals.title, meals.after) == ("1.3", "Meals", "wages.hours")
    assert invoke("check", str(out))[0] == 0


def test_typed_underline_and_strikethrough_are_read_when_asked(tmp_path: Path) -> None:
    agreement = _agreement(tmp_path)
    body = (
        p("ARTICLE 1 WAGES")
        + p("1.1 Rates")
        + p("The rate is ", r("ten", strike=True), r("twelve", underline=True), " dollars an hour.")
        + p("1.2 Hours")
        + p("The week is forty hours.")
    )
    document = make_docx(tmp_path / "marked.docx", body)
    out = tmp_path / "union-2.yaml"
    args = ("import", str(document), "--amends", str(agreement), *PASSED, "-o", str(out))
    code, output = invoke(*args, "--marks", "underline-strike")
    assert code == 0, output
    items = load_proposal(out).items
    assert [(i.clause, i.action, i.text) for i in items] == [
        ("wages.rates", "amend", "The rate is twelve dollars an hour.\n")
    ]
    out.unlink()
    code, output = invoke(*args)
    assert code == 2 and "no tracked changes" in output
    assert not out.exists()


def test_underline_that_is_formatting_is_not_taken_for_changes(tmp_path: Path) -> None:
    agreement = _agreement(tmp_path)
    body = (
        p("ARTICLE 1 WAGES")
        + p(r("1.1 Rates", underline=True))
        + p("The rate is ", r("ten", underline=True), " dollars an hour.")
        + p(r("1.2 Hours", underline=True))
        + p("The week is ", r("forty", underline=True), " hours.")
    )
    document = make_docx(tmp_path / "clean.docx", body)
    out = tmp_path / "union-2.yaml"
    code, output = invoke(
        "import", str(document), "--amends", str(agreement), *PASSED, "-o", str(out),
        "--marks", "underline-strike",
    )  # fmt: skip
    assert code == 2
    assert "look like formatting" in output
    assert not out.exists()


def _packet(tmp_path: Path, proposal: str, name: str, *options: str) -> Path:
    out = tmp_path / name
    code, output = invoke("packet", str(SAMPLES / proposal), "-o", str(out), *options)
    assert code == 0, output
    return out


def _language(text: str | None) -> list[str]:
    from contracttools.body import parse_body

    return [block.text for block in parse_body(text or "")]


@pytest.mark.parametrize(
    ("redline", "marks"), [("tracked", "tracked"), ("visual", "underline-strike")]
)
def test_a_packet_comes_back_as_its_items(tmp_path: Path, redline: str, marks: str) -> None:
    packet = _packet(tmp_path, "01-guild-1.yaml", "guild-1.docx", "--redline", redline)
    out = tmp_path / "guild-1.yaml"
    code, output = invoke(
        "import", str(packet), "--amends", str(SAMPLES / "agreement-2020.yaml"),
        "--party", "guild", "--number", "1", "--passed-at", "2023-03-20T10:00:00-07:00",
        "--marks", marks, "-o", str(out),
    )  # fmt: skip
    assert code == 0, output
    sent = load_proposal(SAMPLES / "01-guild-1.yaml")
    back = load_proposal(out)
    wanted = [i for i in sent.items if i.action in ("amend", "add", "delete")]
    got = [i for i in back.items if i.action in ("amend", "add", "delete")]
    assert [(i.clause, i.action) for i in got] == [(i.clause, i.action) for i in wanted]
    for mine, theirs in zip(got, wanted, strict=True):
        assert _language(mine.text) == _language(theirs.text), mine.clause
    added = next(i for i in got if i.action == "add")
    original = next(i for i in wanted if i.action == "add")
    assert (added.number, added.title) == (original.number, original.title)


def test_a_packet_edited_by_the_other_side_is_their_counter(tmp_path: Path) -> None:
    packet = _packet(tmp_path, "01-guild-1.yaml", "guild-1.docx")
    edited = tmp_path / "producers-reply.docx"
    with zipfile.ZipFile(packet) as source, zipfile.ZipFile(edited, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                counter = (
                    '<w:ins w:id="90001" w:author="Producers" w:date="2023-04-12T10:00:00Z">'
                    '<w:r><w:t xml:space="preserve"> Subject to ratification.</w:t></w:r></w:ins>'
                )
                text = re.sub(
                    r"(immediately before it\.</w:t></w:r>)(</w:p>)",
                    rf"\1{counter}\2",
                    text,
                    count=1,
                )
                assert counter in text
                data = text.encode("utf-8")
            target.writestr(info, data)
    out = tmp_path / "producers-1.yaml"
    code, output = invoke(
        "import", str(edited), "--amends", str(SAMPLES / "agreement-2020.yaml"),
        "--party", "producers", "--number", "1", "--passed-at", "2023-04-12T10:00:00-07:00",
        "-o", str(out),
    )  # fmt: skip
    assert code == 0, output
    counter_proposal = load_proposal(out)
    assert counter_proposal.party == "producers"
    first = counter_proposal.items[0]
    assert first.clause == "minimums.general-increase" and first.action == "amend"
    assert _language(first.text)[0].endswith("immediately before it. Subject to ratification.")
    assert "six percent (6%)" in (first.text or "")


def _ole(path: Path, encrypted: bool) -> Path:
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    body += "EncryptionInfo".encode("utf-16-le") if encrypted else b"WordDocument"
    path.write_bytes(body)
    return path


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("corrupt.docx", lambda p: p.write_bytes(b"PK\x03\x04 broken"), "not a ZIP package"),
        ("locked.docx", lambda p: _ole(p, True), "password-protected"),
        ("old.docx", lambda p: _ole(p, False), "Word 97-2003 document (.doc)"),
        ("nothing.docx", lambda p: p.write_bytes(b""), "is empty"),
        ("blank.docx", lambda p: make_docx(p, p_empty()), "has no text"),
    ],
)
def test_bad_word_files_are_named_and_write_nothing(
    tmp_path: Path, name: str, make: object, message: str
) -> None:
    path = tmp_path / name
    make(path)  # type: ignore[operator]
    out = tmp_path / "out.yaml"
    code, output = invoke("import", str(path), "-o", str(out))
    assert code == 2
    assert output.strip().startswith(f"{path}: ")
    assert message in output
    assert not out.exists()


def p_empty() -> str:
    return p() + p("   ")


def test_changes_that_touch_no_clause_are_refused(tmp_path: Path) -> None:
    agreement = _agreement(tmp_path)
    body = p("Cover letter") + p("We attach our ", ins("revised "), "proposal.")
    document = make_docx(tmp_path / "letter.docx", body)
    out = tmp_path / "union-2.yaml"
    code, output = invoke(
        "import", str(document), "--amends", str(agreement), *PASSED, "-o", str(out)
    )
    assert code == 2
    assert "no change in the document touches a clause" in output
    assert not out.exists()


def test_proposal_options_go_together(tmp_path: Path) -> None:
    document = make_docx(tmp_path / "c.docx", COUNTER)
    code, output = invoke("import", str(document), "--party", "union")
    assert code == 2 and "--party goes with --amends" in output
    code, output = invoke("import", str(document), "--amends", str(_agreement(tmp_path)))
    assert code == 2 and "--amends needs --party, --number, --passed-at" in output
    code, output = invoke(
        "import", str(document), "--amends", str(_agreement(tmp_path)), "--party", "u",
        "--number", "1", "--passed-at", "2023-04-12T10:00:00",
    )  # fmt: skip
    assert code == 2 and "time zone" in output
    assert load_agreement(_agreement(tmp_path)).id == "base"


def test_a_pdf_packet_comes_back_as_the_word_one_does(tmp_path: Path) -> None:
    results = []
    for extension in ("docx", "pdf"):
        marks = ("--marks", "brackets") if extension == "pdf" else ()
        packet = _packet(tmp_path, "01-guild-1.yaml", f"guild-1.{extension}", *marks)
        out = tmp_path / f"from-{extension}.yaml"
        code, output = invoke(
            "import", str(packet), "--amends", str(SAMPLES / "agreement-2020.yaml"),
            "--party", "guild", "--number", "1", "--passed-at", "2023-03-20T10:00:00-07:00",
            "-o", str(out),
        )  # fmt: skip
        assert code == 0, output
        results.append(out.read_text(encoding="utf-8"))
    assert results[0] == results[1]
    assert "running header or footer" in output


MARKED = """\
Guild Opening Proposals

Item 1. 2.A General Increases      AMEND

Amend; marked against the current agreement.

Each minimum set out in this Agreement shall be increased by [-three-]{+six+} percent
[-(3%)-]{+(6%)+} effective May 2, [-2020-]{+2023+}, by [-two and one-half-][+five+]
percent [-(2.5%)-][+(5%)+] effective May 2, [-2021-][+2024+], and by [-three-][+five+]
percent [-(3%)-][+(5%)+] effective May 2, [-2022-][+2025+], each increase applying to the
minimum in effect immediately before it.

Item 2. 8.B Deferral of Payment      DELETE

[-With the written consent of the writer, the Producer may defer payment of compensation
in excess of the applicable minimum until the commencement of principal photography.-]
"""


@pytest.mark.parametrize("extension", ["txt", "pdf"])
def test_marks_typed_as_text_in_pdf_and_text_files(tmp_path: Path, extension: str) -> None:
    source = tmp_path / f"guild-1.{extension}"
    if extension == "txt":
        source.write_text(MARKED, encoding="utf-8")
    else:
        from html import escape

        from weasyprint import HTML

        paragraphs = "".join(f"<p>{escape(part)}</p>" for part in MARKED.split("\n\n"))
        HTML(string=f"<style>p {{ font-size: 10pt }}</style>{paragraphs}").write_pdf(source)
    out = tmp_path / "guild-1.yaml"
    code, output = invoke(
        "import", str(source), "--amends", str(SAMPLES / "agreement-2020.yaml"),
        "--party", "guild", "--number", "1", "--passed-at", "2023-03-20T10:00:00-07:00",
        "-o", str(out),
    )  # fmt: skip
    assert code == 0, output
    sent = load_proposal(SAMPLES / "01-guild-1.yaml").items[0]
    first, second = load_proposal(out).items
    assert (first.clause, first.action) == (sent.clause, "amend")
    assert _language(first.text) == _language(sent.text)
    assert (second.clause, second.action) == ("payments.deferral", "delete")
