"""Golden sentences of the packet and the summary on a school district's talks
(tests/cases/school: UESF and the District; sections without titles).

Each expected sentence is written here by hand from the case's files.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from lxml import etree

from tests.conftest import invoke

CASE = Path(__file__).parent / "cases" / "school"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _word_paragraphs(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def test_an_accept_item_says_what_it_accepts(tmp_path: Path) -> None:
    against = ("--against", str(CASE / "01-uesf-1.yaml"))
    page = tmp_path / "district-1.html"
    code, output = invoke("packet", str(CASE / "02-district-1.yaml"), *against, "-o", str(page))
    assert code == 0, output
    html = page.read_text(encoding="utf-8")
    assert (
        '<p class="accepts">The District accepts UESF&#39;s proposal to delete 13.1.1.3.</p>'
        in html
    )
    assert "The District accepts UESF&#39;s language on 14.1 in Proposal No. 1." in html
    word = tmp_path / "district-1.docx"
    code, output = invoke("packet", str(CASE / "02-district-1.yaml"), *against, "-o", str(word))
    assert code == 0, output
    assert "The District accepts UESF's proposal to delete 13.1.1.3." in _word_paragraphs(word)


def test_the_accept_sentence_is_not_read_back_as_language(tmp_path: Path) -> None:
    word = tmp_path / "district-1.docx"
    assert invoke("packet", str(CASE / "02-district-1.yaml"), "-o", str(word))[0] == 0
    out = tmp_path / "back.yaml"
    code, output = invoke(
        "import", str(word), "--amends", str(CASE / "agreement.yaml"), "--party", "district",
        "--number", "1", "--passed-at", "2024-03-15T16:00:00-07:00", "-o", str(out),
    )  # fmt: skip
    assert code == 0, output
    assert "accepts" not in out.read_text(encoding="utf-8")


def test_a_tad_deletion_says_the_section_is_deleted() -> None:
    code, markdown = invoke("summary", str(CASE))
    assert code == 0
    assert (
        "| 13.1.1.3 | Tentatively agreed on March 20, 2024: Section 13.1.1.3 is deleted, "
        "as UESF proposed. |" in markdown
    )


def test_names_in_capitals_take_no_article() -> None:
    code, markdown = invoke("summary", str(CASE))
    assert code == 0
    assert "UESF last passed proposals on March 1, 2024" in markdown
    assert "The District last passed proposals on March 15, 2024" in markdown
    assert "The UESF" not in markdown and "the UESF" not in markdown


def test_name_article_says_otherwise(tmp_path: Path) -> None:
    folder = tmp_path / "school"
    shutil.copytree(CASE, folder)
    manifest = folder / "negotiation.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace("    short: UESF\n", "    short: UESF\n    name_article: the\n"),
        encoding="utf-8",
    )
    code, markdown = invoke("summary", str(folder))
    assert code == 0, markdown
    assert "The UESF last passed proposals" in markdown
    manifest.write_text(
        text.replace("    short: UESF\n", "    short: UESF\n    name_article: an\n"),
        encoding="utf-8",
    )
    code, output = invoke("summary", str(folder))
    assert code == 2
    assert f"{manifest}:7:19: party 'uesf': unknown name_article 'an' (one of: the, none)" in output


def test_the_word_summary_spans_a_ta_across_both_columns(tmp_path: Path) -> None:
    word = tmp_path / "summary.docx"
    assert invoke("summary", str(CASE), "-o", str(word))[0] == 0
    with zipfile.ZipFile(word) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    rows = {}
    for row in root.iter(f"{W}tr"):
        cells = row.findall(f"{W}tc")
        texts = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in cells]
        rows[texts[0]] = (texts, [c.find(f"{W}tcPr/{W}gridSpan") for c in cells])
    texts, spans = rows["13.1.1.3"]
    assert texts[1].startswith("Tentatively agreed on March 20, 2024") and len(texts) == 3
    assert spans[1] is not None and spans[1].get(f"{W}val") == "2"
    texts, spans = rows["14.1"]
    assert len(texts) == 4 and all(s is None for s in spans)
