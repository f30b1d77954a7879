"""Sections without titles (most US agreements) are named by the titled clauses they sit
in, and a table of contents lists only titled clauses and articles (tests/cases/school)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from tests.conftest import invoke

CASE = Path(__file__).parent / "cases" / "school"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PATH = "13.1.1.1 (Article 13 Pay and Allowances \u203a 13.1 Salary Increases)"


def test_the_packet_names_an_untitled_section_by_its_path(tmp_path: Path) -> None:
    page = tmp_path / "uesf-1.html"
    assert invoke("packet", str(CASE / "01-uesf-1.yaml"), "-o", str(page))[0] == 0
    html = page.read_text(encoding="utf-8")
    assert f">Item 1. {PATH}<span" in html  # the item's heading
    index = html.split('<table class="index"')[1].split("</table>")[0]
    assert re.search(r"13\.1\.1\.1 <span class=\"path\">\(Article 13 Pay and Allowances", index)
    assert "Item 3. 14.1 (Article 14 Leaves)" in html


def test_the_word_packet_names_it_too_and_lists_its_items_once(tmp_path: Path) -> None:
    word = tmp_path / "uesf-1.docx"
    assert invoke("packet", str(CASE / "01-uesf-1.yaml"), "-o", str(word))[0] == 0
    with zipfile.ZipFile(word) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    body = root.find(f"{W}body")
    assert body is not None
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")]
    assert f"Item 1. {PATH}  AMEND" in paragraphs
    # One list of the items (the index), not a table of contents as well.
    assert not any("TOC" in (i.text or "") for i in body.iter(f"{W}instrText"))
    assert sum(1 for p in paragraphs if p.startswith("Item 1.")) == 1
    cells = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in body.iter(f"{W}tc")]
    assert PATH in cells


def test_the_book_heads_a_clause_page_with_its_path(tmp_path: Path) -> None:
    out = tmp_path / "book"
    code, output = invoke("book", str(CASE), "-o", str(out))
    assert code == 0, output
    page = (out / "clauses" / "pay.increases.general.first.html").read_text(encoding="utf-8")
    assert f"<h1>{PATH}</h1>" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'<a href="clauses/pay.increases.general.first.html">{PATH}</a>' in index


def test_contents_list_articles_and_titled_sections_only(tmp_path: Path) -> None:
    page = tmp_path / "agreement.html"
    assert invoke("render", str(CASE / "agreement.yaml"), "-o", str(page))[0] == 0
    html = page.read_text(encoding="utf-8")
    nav = html.split('<nav class="contents"')[1].split("</nav>")[0]
    entries = re.findall(r'<a href="#[^"]+">([^<]+)</a>', nav)
    assert entries == [
        "Article 13 Pay and Allowances",
        "13.1 Salary Increases",
        "Article 14 Leaves",
    ]
    word = tmp_path / "agreement.docx"
    assert invoke("render", str(CASE / "agreement.yaml"), "-o", str(word))[0] == 0
    with zipfile.ZipFile(word) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    listed = [
        "".join(t.text or "" for t in link.iter(f"{W}t")) for link in root.iter(f"{W}hyperlink")
    ]
    assert listed == ["Article 13 Pay and Allowances", "13.1 Salary Increases", "Article 14 Leaves"]
