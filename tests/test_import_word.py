"""Reading Word documents: headings, fields, tables and tracked changes, into agreements."""

from __future__ import annotations

from pathlib import Path

from contracttools.importing import import_agreement
from contracttools.model import Agreement
from contracttools.readers import load_agreement
from contracttools.readers.word import read_word
from tests.conftest import invoke
from tests.test_import_numbering import HEADING_STYLES, OUTLINE
from tests.wordfixtures import AUTHOR, dele, ins, make_docx, num, p, r, table, tc, tr

AUTO = OUTLINE + num(1, 1)


def agreement_of(path: Path) -> Agreement:
    document = import_agreement(read_word(str(path)), path.stem).document
    assert isinstance(document, Agreement)
    return document


def outline(agreement: Agreement) -> list[tuple[int, str, str]]:
    return [(depth, c.number, c.title) for c, depth in agreement.walk()]


CONTRACT = (
    p("Collective Agreement", style="Title")
    + p("This Agreement is made between the Employer and the Union.")
    + p("Wages", style="ArticleHeading")
    + p("Rates", style="SectionHeading")
    + p("The Employer shall pay the rates in the schedule.")
    + p("(a) Day work at the day rate;")
    + p("(b) Night work at the night rate.")
    + p("Overtime", style="SectionHeading")
    + p("Overtime is paid at time and one-half.")
    + p("Hours", style="ArticleHeading")
    + p("Normal Week", style="SectionHeading")
    + p("The normal work week is forty (40) hours.")
)


def test_clause_tree_from_numbered_heading_styles(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "contract.docx", CONTRACT, AUTO, HEADING_STYLES)
    agreement = agreement_of(path)
    assert agreement.title == "Collective Agreement"
    assert outline(agreement) == [
        (0, "", "Preamble"),
        (0, "Article 1", "Wages"),
        (1, "1.1", "Rates"),
        (1, "1.2", "Overtime"),
        (0, "Article 2", "Hours"),
        (1, "2.1", "Normal Week"),
    ]
    assert [c.id for c, _ in agreement.walk()] == [
        "preamble",
        "wages",
        "wages.rates",
        "wages.overtime",
        "hours",
        "hours.normal-week",
    ]
    rates = agreement.by_id["wages.rates"]
    assert [b.text for b in rates.blocks] == [
        "The Employer shall pay the rates in the schedule.",
        "(a) Day work at the day rate;",
        "(b) Night work at the night rate.",
    ]


def test_ids_are_the_same_for_the_same_document(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "contract.docx", CONTRACT, AUTO, HEADING_STYLES)
    assert agreement_of(path) == agreement_of(path)


def test_headings_from_typed_numbers_outline_levels_and_bold_runs(tmp_path: Path) -> None:
    body = (
        p(r("ARTICLE 5 - WAGES", bold=True))
        + p(r("5.1 Rates.", bold=True), r(" The Employer shall pay the rates."))
        + p("5.2 Overtime", outline=1)
        + p("Overtime is paid at time and one-half.")
        + p("5.2.1 On rest days the rate is double time.")
        + p("1. This numbered sentence shall stay in the text of its clause.")
        + p(r("ARTICLE 6 - HOURS", bold=True))
    )
    path = make_docx(tmp_path / "typed.docx", body)
    agreement = agreement_of(path)
    assert outline(agreement) == [
        (0, "ARTICLE 5", "WAGES"),
        (1, "5.1", "Rates"),
        (1, "5.2", "Overtime"),
        (2, "5.2.1", ""),
        (0, "ARTICLE 6", "HOURS"),
    ]
    assert agreement.by_id["wages.rates"].text == "The Employer shall pay the rates.\n"
    sub = agreement.walk()
    texts = {c.number: c.text for c, _ in sub}
    assert texts["5.2.1"].startswith("On rest days the rate is double time.")
    assert "1. This numbered sentence" in texts["5.2.1"]


def test_typed_numbers_mixed_with_automatic_ones(tmp_path: Path) -> None:
    body = (
        p("Wages", style="ArticleHeading")
        + p("Rates", style="SectionHeading")
        + p("Article 1A Interim Rates", style="ArticleHeading", num=0)
        + p("Hours", style="ArticleHeading")
    )
    path = make_docx(tmp_path / "mixed.docx", body, AUTO, HEADING_STYLES)
    assert outline(agreement_of(path)) == [
        (0, "Article 1", "Wages"),
        (1, "1.1", "Rates"),
        (0, "Article 1A", "Interim Rates"),
        (0, "Article 2", "Hours"),
    ]


def _field(instruction: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{r(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def test_toc_page_numbers_footnotes_headers_and_footers_are_not_clause_text(
    tmp_path: Path,
) -> None:
    toc = (
        "<w:p>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{r('ARTICLE 1 WAGES 3')}</w:p>"
        f"<w:p>{r('ARTICLE 2 HOURS 7')}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    footnote = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
    body = (
        toc
        + p("ARTICLE 1 WAGES")
        + p("The rates are set out below.", footnote, " Page ", _field("PAGE", "4"), ".")
        + '<w:p><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>12</w:t></w:r></w:fldSimple></w:p>'
        + p("See Article 2 (", _field("REF art2 \\h", "Hours"), ").")
        + p("ARTICLE 2 HOURS")
    )
    path = make_docx(tmp_path / "fields.docx", body, header="DRAFT - CONFIDENTIAL", footer="Page")
    agreement = agreement_of(path)
    assert outline(agreement) == [(0, "ARTICLE 1", "WAGES"), (0, "ARTICLE 2", "HOURS")]
    assert [b.text for b in agreement.by_id["wages"].blocks] == [
        "The rates are set out below. Page .",
        "See Article 2 (Hours).",
    ]
    assert "DRAFT" not in repr(agreement)


def test_tables_become_pipe_tables(tmp_path: Path) -> None:
    schedule = table(
        tr(tc(p("Classification"), merge="restart"), tc(p("Rate"), span=2), header=True),
        tr(tc(merge="continue"), "2023", "2024", header=True),
        tr(tc(p("Clerk"), p("(grade 1)")), "$20.00", "$21.00"),
        tr("Driver | heavy", "$24.00", "$25.00"),
    )
    body = p("ARTICLE 1 WAGES") + p("1.1 Schedule") + p("The rates are:") + schedule
    path = make_docx(tmp_path / "table.docx", body)
    clause = agreement_of(path).by_id["wages.schedule"]
    table_block = clause.blocks[1]
    assert table_block.type == "table"
    assert table_block.rows == (  # type: ignore[union-attr]
        ("Classification", "Rate 2023", "2024"),
        ("Clerk (grade 1)", "$20.00", "$21.00"),
        ("Driver | heavy", "$24.00", "$25.00"),
    )


TRACKED = (
    p("ARTICLE 1 WAGES")
    + p("1.1 Rates")
    + p("The rate is ", dele("ten"), ins("twelve"), " dollars.")
    + p("1.2 Hours")
    + p("The week is forty hours.")
    + p(ins("1.3 Meals"), mark="ins")
    + p(ins("A meal break of thirty minutes."), mark="ins")
    + p(dele("1.3 Parking"), mark="del")
    + p(dele("Parking is free."), mark="del")
    + p("1.4 Leave")
    + p(
        "Leave is ",
        '<w:r><w:rPr><w:b/><w:rPrChange w:id="5" w:author="X"><w:rPr/></w:rPrChange></w:rPr>'
        "<w:t>paid</w:t></w:r>",
        ".",
    )
    + p(
        "Leave accrues ",
        '<w:moveFrom w:id="6" w:author="X">' + r("monthly ") + "</w:moveFrom>",
        "at",
    )
    + p("one day", '<w:moveTo w:id="7" w:author="X">' + r(" monthly") + "</w:moveTo>", ".")
    + p("Split ", mark="del")
    + p("sentence.")
)


def test_tracked_changes_give_two_readings(tmp_path: Path) -> None:
    source = read_word(str(make_docx(tmp_path / "tracked.docx", TRACKED)))
    before = [x.text for x in source.original]
    after = [x.text for x in source.changed]
    assert "The rate is ten dollars." in before
    assert "The rate is twelve dollars." in after
    assert "1.3 Meals" not in before and "1.3 Meals" in after
    assert "1.3 Parking" in before and "1.3 Parking" not in after
    assert "Leave is paid." in before and "Leave is paid." in after
    assert "Leave accrues monthly at" in before and "one day." in before
    assert "Leave accrues at" in after and "one day monthly." in after
    assert "Split sentence." in after and "Split" in before
    assert source.authors == ("Other Side", "X")


def test_import_command_writes_an_agreement_that_checks(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "contract.docx", CONTRACT, AUTO, HEADING_STYLES)
    out = tmp_path / "agreement.yaml"
    code, output = invoke("import", str(path), "-o", str(out))
    assert code == 0, output
    assert "imported" in output and "6 clauses" in output
    assert load_agreement(out).by_id["wages.rates"].number == "1.1"
    assert invoke("check", str(out))[0] == 0
    assert out.read_text().startswith(
        "kind: agreement\nid: contract\ntitle: Collective Agreement\n"
    )


def test_like_keeps_the_ids_of_the_earlier_version(tmp_path: Path) -> None:
    earlier = tmp_path / "earlier.yaml"
    earlier.write_text(
        "kind: agreement\nid: old\ntitle: Old\nclauses:\n"
        "  - id: pay\n    number: Article 1\n    title: Wages\n    clauses:\n"
        "      - id: pay.schedule\n        number: '3.1'\n        title: Wage Rates\n"
        "        text: |\n          The Employer shall pay the rates in the schedule.\n\n"
        "          (a) Day work at the day rate;\n\n          (b) Night work at the evening rate.\n"
        "  - id: time\n    number: Article 2\n    title: Hours\n",
        encoding="utf-8",
    )
    path = make_docx(tmp_path / "contract.docx", CONTRACT, AUTO, HEADING_STYLES)
    out = tmp_path / "agreement.yaml"
    code, output = invoke("import", str(path), "--like", str(earlier), "-o", str(out))
    assert code == 0, output
    ids = [c.id for c, _ in load_agreement(out).walk()]
    assert ids == ["preamble", "pay", "pay.schedule", "wages.overtime", "time", "hours.normal-week"]


def test_tracked_rows_and_cells_and_irregular_tables(tmp_path: Path) -> None:
    inserted_cell = tc(p("$26.00")).replace("<w:tcPr>", f"<w:tcPr><w:cellIns w:id='3' {AUTHOR}/>")
    schedule = table(
        tr("Classification", "2023", header=True),
        tr("Clerk", "$20.00"),
        tr("Driver", "$24.00", mark="del"),
        tr("Guard", "$22.00", mark="ins"),
        tr("Cook", "$21.00", inserted_cell),
    )
    body = p("ARTICLE 1 WAGES") + p("1.1 Schedule") + schedule
    source = read_word(str(make_docx(tmp_path / "rows.docx", body)))
    before = next(x.rows for x in source.original if x.rows)
    after = next(x.rows for x in source.changed if x.rows)
    assert [row[0] for row in before] == ["Classification", "Clerk", "Driver", "Cook"]
    assert [row[0] for row in after] == ["Classification", "Clerk", "Guard", "Cook"]
    assert after[-1] == ("Cook", "$21.00", "$26.00")
    assert after[1] == ("Clerk", "$20.00", "")
    assert any("rows of different lengths" in note.message for note in source.notes)


def test_toc_content_control_is_left_out(tmp_path: Path) -> None:
    toc = (
        "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val='Table of Contents'/>"
        f"</w:docPartObj></w:sdtPr><w:sdtContent>{p('Contents')}{p('ARTICLE 1 WAGES 3')}"
        "</w:sdtContent></w:sdt>"
    )
    body = toc + p("ARTICLE 1 WAGES") + p("Pay is weekly.")
    agreement = agreement_of(make_docx(tmp_path / "toc.docx", body))
    assert outline(agreement) == [(0, "ARTICLE 1", "WAGES")]
    assert agreement.by_id["wages"].text == "Pay is weekly.\n"


def test_a_damaged_part_is_named(tmp_path: Path) -> None:
    import zipfile

    good = make_docx(tmp_path / "good.docx", p("ARTICLE 1 WAGES"))
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, data[:200] if info.filename == "word/document.xml" else data)
    code, output = invoke("import", str(bad), "-o", str(tmp_path / "out.yaml"))
    assert code == 2
    assert output.startswith(f"{bad}: is corrupt: word/document.xml:")
    assert not (tmp_path / "out.yaml").exists()


def test_articles_numbered_in_words(tmp_path: Path) -> None:
    from tests.wordfixtures import abstract, level

    words = abstract(
        2,
        level(0, "cardinalText", "ARTICLE %1"),
        level(1, "decimal", "Section %1.%2", extra="<w:isLgl/>"),
    ) + num(2, 2)
    body = "".join(p("Title", num=2, ilvl=0) for _ in range(20))
    body += p("Wages", num=2, ilvl=0) + p("Rates", num=2, ilvl=1)
    agreement = agreement_of(make_docx(tmp_path / "words.docx", body, words))
    assert outline(agreement)[-2:] == [
        (0, "ARTICLE Twenty-one", "Wages"),
        (1, "Section 21.1", "Rates"),
    ]


def test_both_readings_agree_with_pandoc_accepting_and_rejecting(tmp_path: Path) -> None:
    import pypandoc

    path = make_docx(tmp_path / "tracked.docx", TRACKED)
    source = read_word(str(path))
    for mode, reading in (("reject", source.original), ("accept", source.changed)):
        shown = pypandoc.convert_file(
            str(path), "plain", extra_args=[f"--track-changes={mode}", "--wrap=none"]
        )
        theirs = [" ".join(part.split()) for part in shown.split("\n\n") if part.strip()]
        assert [piece.text for piece in reading] == theirs, mode
