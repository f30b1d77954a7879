"""What Word does not show is not imported: hidden, background-coloured and tiny text is
left out and reported with where it was; a DOCTYPE is refused; an agreement that still
carries tracked changes needs --accept-changes (or --amends)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from contracttools.readers.word import read_word
from tests.conftest import SAMPLES, invoke
from tests.wordfixtures import AUTHOR, make_docx, p, r

HEADING = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'


def run(text: str, props: str) -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def texts(path: Path) -> tuple[list[str], list[str]]:
    source = read_word(str(path))
    notes = [f"{note.where}: {note.message}" for note in source.notes]
    return [piece.text for piece in source.changed], notes


@pytest.mark.parametrize(
    "props, why",
    [
        ("<w:vanish/>", "hidden text (w:vanish)"),
        ('<w:color w:val="FFFFFF"/>', "text the colour of its background (#FFFFFF)"),
        ('<w:color w:themeColor="background1" w:val="FFFFFF"/>', "colour of its background"),
        ('<w:sz w:val="1"/>', "text of 0.5 pt (under 2 pt)"),
        ('<w:sz w:val="3"/>', "text of 1.5 pt (under 2 pt)"),
        ('<w:color w:val="00FF00"/><w:shd w:val="clear" w:fill="00FF00"/>', "#00FF00"),
    ],
)
def test_unseen_run_is_left_out_and_reported(tmp_path: Path, props: str, why: str) -> None:
    body = p("Intro.") + p("The Employer may ", run("not ", props), "discharge an employee.")
    shown, notes = texts(make_docx(tmp_path / "a.docx", body))
    assert shown == ["Intro.", "The Employer may discharge an employee."]
    assert any(n.startswith("paragraph 2: left out ") and why in n and "“not”" in n for n in notes)


@pytest.mark.parametrize(
    "props",
    [
        '<w:color w:val="FFFFFF"/><w:shd w:val="clear" w:fill="000000"/>',
        '<w:color w:val="FFFFFF"/><w:highlight w:val="black"/>',
        '<w:vanish w:val="0"/>',
        '<w:sz w:val="4"/>',
        '<w:color w:val="auto"/>',
    ],
)
def test_text_word_shows_is_kept(tmp_path: Path, props: str) -> None:
    body = p("The Employer may ", run("not ", props), "discharge an employee.")
    shown, notes = texts(make_docx(tmp_path / "a.docx", body))
    assert shown == ["The Employer may not discharge an employee."]
    assert not any("left out" in n for n in notes)


def test_hidden_by_character_and_paragraph_style(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/>'
        "<w:rPr><w:vanish/></w:rPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="Quiet"><w:name w:val="Quiet"/>'
        '<w:basedOn w:val="Normal"/><w:rPr><w:vanish/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="QuietToo"><w:name w:val="Quiet too"/>'
        '<w:basedOn w:val="Quiet"/></w:style>'
    )
    body = (
        p("The Employer may ", run("not ", '<w:rStyle w:val="Secret"/>'), "discharge.")
        + p("The Union waives all grievance rights under this Article.", style="Quiet")
        + p("Also waived.", style="QuietToo")
        + p("Shown ", run("again", '<w:vanish w:val="0"/>'), ".", style="Quiet")
    )
    shown, notes = texts(make_docx(tmp_path / "a.docx", body, styles=styles))
    assert shown == ["The Employer may discharge.", "again"]
    assert any(n.startswith("paragraph 2: left out hidden") and "waives" in n for n in notes)
    assert any(n.startswith("paragraph 3: left out hidden") for n in notes)


def test_hidden_inside_a_tracked_insertion(tmp_path: Path) -> None:
    inserted = f'<w:ins w:id="1" {AUTHOR}>{run("not ", "<w:vanish/>")}{r("always ")}</w:ins>'
    body = p("The Employer may ", inserted, "discharge.")
    source = read_word(str(make_docx(tmp_path / "a.docx", body)))
    assert [x.text for x in source.changed] == ["The Employer may always discharge."]
    assert [x.text for x in source.original] == ["The Employer may discharge."]
    assert any("“not”" in note.message for note in source.notes)


def test_white_text_in_a_styled_or_shaded_table_is_kept(tmp_path: Path) -> None:
    white = run("Rate", '<w:color w:val="FFFFFF"/>')
    dark = '<w:tcPr><w:shd w:val="clear" w:fill="1F3864"/></w:tcPr>'
    body = (
        p("Intro.")
        + f'<w:tbl><w:tblPr><w:tblStyle w:val="GridTable4"/></w:tblPr><w:tr><w:tc><w:p>{white}</w:p></w:tc></w:tr>'
        + "<w:tr><w:tc><w:p>" + r("$20") + "</w:p></w:tc></w:tr></w:tbl>"
        + f"<w:tbl><w:tblPr/><w:tr><w:tc>{dark}<w:p>{white}</w:p></w:tc>"
        + f"<w:tc><w:p>{white}</w:p></w:tc></w:tr></w:tbl>"
    )  # fmt: skip
    source = read_word(str(make_docx(tmp_path / "a.docx", body)))
    tables = [piece.rows for piece in source.changed if piece.is_table]
    assert tables == [(("Rate",), ("$20",)), (("Rate", ""),)]
    assert [n.where for n in source.notes if "left out" in n.message] == [
        "table before paragraph 2"
    ]


def test_a_dark_page_shows_white_text(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", p("White ", run("words", '<w:color w:val="FFFFFF"/>')))
    data = zipfile.ZipFile(path).read("word/document.xml").decode()
    data = data.replace("<w:body>", '<w:background w:color="000000"/><w:body>')
    rewrite(path, "word/document.xml", data.encode())
    assert texts(path)[0] == ["White words"]


def rewrite(path: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, content in parts.items():
            target.writestr(part, content)


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "_rels/.rels"])
def test_a_doctype_is_refused(tmp_path: Path, part: str) -> None:
    path = make_docx(
        tmp_path / "a.docx", p("The Employer may ", "&x; discharge."[:0], "discharge.")
    )
    data = zipfile.ZipFile(path).read(part).decode()
    head, _, rest = data.partition("?>")
    doctype = '<!DOCTYPE x [<!ENTITY x "not">]>'
    rewrite(path, part, (head + "?>" + doctype + rest).encode())
    out = tmp_path / "out.yaml"
    code, output = invoke("import", str(path), "-o", str(out))
    assert code == 2
    assert output.strip() == (
        f"{path}: {part} declares a DOCTYPE (entity declarations), which Word never writes; "
        "refused: open the file in Word and save it again"
    )
    assert not out.exists()


def tracked(tmp_path: Path) -> Path:
    body = p("Article 1 Wages", style="Heading1") + p(
        "The rate is ", f'<w:del w:id="2" {AUTHOR}><w:r><w:delText>ten</w:delText></w:r></w:del>',
        f'<w:ins w:id="3" {AUTHOR}>' + r("nine") + "</w:ins>", " dollars.",
    )  # fmt: skip
    return make_docx(tmp_path / "tracked.docx", body)


def test_an_agreement_with_tracked_changes_needs_accept_changes(tmp_path: Path) -> None:
    path, out = tracked(tmp_path), tmp_path / "out.yaml"
    code, output = invoke("import", str(path), "-o", str(out))
    assert code == 2
    assert output.strip() == (
        f"{path}: has 2 tracked changes by Other Side; import the agreement with "
        "--accept-changes (every change made), or read the changes as a proposal with "
        "--amends AGREEMENT"
    )
    assert not out.exists()
    code, output = invoke("import", str(path), "--accept-changes", "-o", str(out))
    assert code == 0, output
    assert (
        f"{path}: document: accepted 2 tracked changes by Other Side (--accept-changes)" in output
    )
    assert "The rate is nine dollars." in out.read_text()


def test_accept_changes_is_not_for_a_proposal(tmp_path: Path) -> None:
    code, output = invoke(
        "import", str(tracked(tmp_path)), "--amends", str(SAMPLES / "agreement-2020.yaml"),
        "--party", "guild", "--number", "1", "--passed-at", "2023-04-12T10:00:00-07:00",
        "--accept-changes",
    )  # fmt: skip
    assert code == 2 and "--accept-changes is for an agreement" in output


FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
    '<w:r><w:t xml:space="preserve"> Notwithstanding Section 1.1, no one is laid off.</w:t></w:r>'
    "</w:p></w:footnote></w:footnotes>"
)


def test_a_footnote_comes_in_with_its_paragraph(tmp_path: Path) -> None:
    reference = '<w:r><w:footnoteReference w:id="1"/></w:r>'
    path = make_docx(tmp_path / "a.docx", p("Intro.") + p("Layoffs are by seniority.", reference))
    rewrite(path, "word/footnotes.xml", FOOTNOTES.encode())
    shown, notes = texts(path)
    assert shown == [
        "Intro.",
        "Layoffs are by seniority. (Footnote 1: Notwithstanding Section 1.1, no one is laid off.)",
    ]
    assert "paragraph 2: footnote 1 brought into the text at the paragraph's end" in notes


def test_a_text_box_is_reported(tmp_path: Path) -> None:
    box = (
        '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        "<w:txbxContent><w:p><w:r><w:t>The Union waives its rights.</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    shown, notes = texts(make_docx(tmp_path / "a.docx", p("Intro.") + p("Wages.", box)))
    assert shown == ["Intro.", "Wages."]
    assert "paragraph 2: a text box was not read: “The Union waives its rights.”" in notes
