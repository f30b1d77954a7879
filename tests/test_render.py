"""A clean printing of any agreement, read back as its readers read it: Word through
pandoc, PDF through pdftotext, HTML by its anchors."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest

from contracttools.model import Agreement
from contracttools.readers import load_agreement
from tests.conftest import SAMPLES, Writer
from tests.conftest import invoke as run
from tests.test_conform import agreement_texts, pandoc_texts

AGREEMENT_2020 = str(SAMPLES / "agreement-2020.yaml")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils missing"
)


def folded(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def base() -> Agreement:
    return load_agreement(AGREEMENT_2020)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("render")
    for suffix in ("docx", "pdf", "html"):
        code, output = run("render", AGREEMENT_2020, "-o", str(folder / f"agreement.{suffix}"))
        assert code == 0, output
    return folder


def test_word_has_every_clause_in_order(rendered: Path, base: Agreement) -> None:
    texts = pandoc_texts(rendered / "agreement.docx", "accept")
    expected = agreement_texts(base)
    assert texts[-len(expected) :] == expected
    with zipfile.ZipFile(rendered / "agreement.docx") as package:
        xml = package.read("word/document.xml").decode()
    assert "<w:ins " not in xml and "<w:del " not in xml


def test_word_headings_by_depth_and_tables_as_tables(rendered: Path, base: Agreement) -> None:
    document = docx.Document(str(rendered / "agreement.docx"))
    styles = {p.text: p.style.name if p.style else "" for p in document.paragraphs}
    for clause, depth in base.walk():
        assert styles[f"{clause.number} {clause.title}"] == f"Heading {depth + 1}"
    schedules = sum(1 for c, _ in base.walk() for b in c.blocks if hasattr(b, "rows"))
    assert schedules > 0
    assert len(document.tables) == schedules
    assert document.core_properties.title == base.title
    assert document.sections[0].header.paragraphs[0].text == base.title


def test_word_table_of_contents_is_written_out_and_linked(rendered: Path, base: Agreement) -> None:
    with zipfile.ZipFile(rendered / "agreement.docx") as package:
        xml = package.read("word/document.xml").decode()
    assert re.search(r"<w:instrText[^>]*> TOC \\o &quot;1-2&quot; \\h", xml) or " TOC " in xml
    anchors = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', xml)
    bookmarks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"', xml))
    listed = [c for c, depth in base.walk() if depth < 2]
    assert len(anchors) == len(listed)
    assert set(anchors) <= bookmarks
    texts = pandoc_texts(rendered / "agreement.docx", "accept")
    contents = texts[texts.index("Contents") + 1 : texts.index("Contents") + 1 + len(listed)]
    assert contents == [f"{c.number} {c.title}" for c in listed]
    assert "updates fields" not in xml


def pages(path: Path) -> list[str]:
    count = len(pypdf.PdfReader(path).pages)
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


@needs_pdftotext
def test_pdf_has_every_clause_and_contents_with_page_numbers(
    rendered: Path, base: Agreement
) -> None:
    read = pages(rendered / "agreement.pdf")
    furniture = re.compile(rf"^\s*({re.escape(base.title)}|Page \d+ of \d+)\s*$")
    lines = [line for page in read for line in page.splitlines() if not furniture.match(line)]
    # A line broken after a hyphen ("loan-" / "out") reads back whole.
    whole = folded(re.sub(r"-\n\s*", "-", "\n".join(lines)))
    for clause, _ in base.walk():
        assert f"{clause.number} {clause.title}" in whole
        for block in clause.blocks:
            if not hasattr(block, "rows"):
                assert folded(block.text) in whole, block.text[:40]
    # Contents: each article and section with the page its heading is on.
    assert "Contents" in read[1]
    contents = "\n".join(page for page in read if "....." in page)
    for clause, depth in base.walk():
        if depth > 1:
            continue
        heading = f"{clause.number} {clause.title}"
        line = next(line for line in contents.splitlines() if heading in line)
        page = int(line.split()[-1])
        assert heading in folded(read[page - 1]), heading
    total = len(read)
    for number, text in enumerate(read[1:], start=2):
        assert f"Page {number} of {total}" in text
        assert base.title in text


def test_html_contents_link_to_every_clause(rendered: Path, base: Agreement) -> None:
    page = (rendered / "agreement.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<section class="clause[^"]*" id="([^"]+)"', page))
    links = re.findall(r'<li class="toc-\d"><a href="#([^"]+)"', page)
    assert len(ids) == len(base.by_id)
    assert set(links) <= ids
    assert len(links) == sum(1 for _, depth in base.walk() if depth < 2)


def test_render_escapes_clause_text(write: Writer, tmp_path: Path) -> None:
    source = write(
        "a.yaml",
        """\
        kind: agreement
        id: a
        title: "<b>Title</b>"
        clauses:
          - id: one
            number: "1"
            title: "<script>x</script>"
            text: "A & B <i>not markup</i>"
        """,
    )
    out = tmp_path / "a.html"
    assert run("render", str(source), "-o", str(out))[0] == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>x" not in page and "&lt;script&gt;x" in page
    assert "A &amp; B &lt;i&gt;" in page


def test_render_takes_only_an_agreement(tmp_path: Path) -> None:
    code, output = run("render", str(SAMPLES / "01-guild-1.yaml"), "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "render takes an agreement file" in output


def test_conformed_documents_carry_the_ta_index_and_open_items(tmp_path: Path) -> None:
    out = tmp_path / "conformed.html"
    code, output = run("conform", str(SAMPLES), "-o", str(out))
    assert code == 0, output
    page = out.read_text(encoding="utf-8")
    assert '<section class="open-items" id="open-items">' in page
    assert "3.B Weeks Covered by an Episodic Fee" in page
    # The TA index links to the clauses it names.
    ids = set(re.findall(r'id="([^"]+)"', page))
    rows = re.findall(r'<a class="plain" href="#([^"]+)">([^<]+)</a>', page)
    assert [text for _, text in rows] == [
        "6.B Health Fund Contributions",
        "5.D Credit in Paid Advertising",
        "2.A General Increases",
    ]
    assert all(anchor in ids for anchor, _ in rows)
    assert "<ins>" not in page  # a clean conformed text, not a blackline


@needs_pdftotext
def test_blackline_pdf_marks_and_labels_each_ta(tmp_path: Path) -> None:
    out = tmp_path / "blackline.pdf"
    code, output = run("conform", str(SAMPLES), "--redline", "-o", str(out))
    assert code == 0, output
    whole = folded(" ".join(pages(out)))
    assert "Tentative agreements" in whole and "Open items" in whole
    assert "Joint TA 2023-04-30 (MK / CL)" in whole
    assert "five" in whole and "three" in whole
    html = tmp_path / "blackline.html"
    assert run("conform", str(SAMPLES), "--redline", "-o", str(html))[0] == 0
    page = html.read_text(encoding="utf-8")
    assert "<ins>" in page and "<del>" in page


def test_redline_needs_a_document_format(tmp_path: Path) -> None:
    code, output = run("conform", str(SAMPLES), "--redline", "-o", str(tmp_path / "x.yaml"))
    assert code == 2 and "blackline is written as docx, pdf, html" in output
