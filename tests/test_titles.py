"""Titles are text: a title added, removed or changed is a change in every output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests import office
from tests.conftest import invoke as run
from tests.test_blackline import case_files, clauses_part
from tests.test_docx import read_back
from tests.test_golden import CASES

CASE = CASES / "title-added-removed.yaml"
OLD_HEADINGS = ["1", "2 Leave", "3 Pay"]
"""Each clause's heading as the old file gives it: "NUMBER TITLE", or the number alone."""
NEW_HEADINGS = ["1 Hours of Work", "2", "3 Wages"]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    return case_files(CASE, tmp_path)


def test_every_title_change_is_a_change(pair: tuple[str, str]) -> None:
    code, output = run("diff", *pair, "--format", "json")
    assert code == 1
    clauses = json.loads(output)["clauses"]
    assert [c["retitled"] for c in clauses] == [True, True, True]
    assert [(c["old"]["title"], c["new"]["title"]) for c in clauses] == [
        ("", "Hours of Work"),
        ("Leave", ""),
        ("Pay", "Wages"),
    ]
    assert [c["status"] for c in clauses] == ["modified"] * 3
    code, text = run("diff", *pair)
    assert code == 1 and text.count("[retitled]") == 3
    assert "== 1 {+Hours of Work+}" in text and "== 2 [-Leave-]" in text


def test_markdown_and_html_mark_the_titles(pair: tuple[str, str], tmp_path: Path) -> None:
    markdown = tmp_path / "r.md"
    html = tmp_path / "r.html"
    assert run("diff", *pair, "-o", str(markdown))[0] == 1
    assert run("diff", *pair, "-o", str(html))[0] == 1
    text = markdown.read_text(encoding="utf-8")
    assert "## 1 {++Hours of Work++}" in text and "## 2 {--Leave--}" in text
    page = html.read_text(encoding="utf-8")
    assert re.search(r"<ins>(<span[^>]*>\[\+</span>)?Hours of Work", page)
    assert re.search(r"<del>(<span[^>]*>\[-</span>)?Leave", page)


def headings(texts: list[str]) -> list[str]:
    """Return the clause headings among a blackline's clauses (they start with 1, 2, 3)."""
    return [
        t for t in clauses_part(texts, set()) if re.fullmatch(r"[123]( .*)?", t) and len(t) < 20
    ]


def test_word_accepts_to_the_new_headings_and_rejects_to_the_old(
    pair: tuple[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "titles.docx"
    assert run("diff", *pair, "-o", str(out))[0] == 1
    assert headings(read_back(out, "accept")) == NEW_HEADINGS
    assert headings(read_back(out, "reject")) == OLD_HEADINGS


@pytest.mark.client
@pytest.mark.skipif(not office.available(), reason="LibreOffice/python3-uno missing")
def test_libreoffice_accepts_and_rejects_the_headings_exactly(
    pair: tuple[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "titles.docx"
    assert run("diff", *pair, "-o", str(out))[0] == 1
    read = office.read(out, "accept", "reject")
    assert headings(office.texts(read["accept"]["blocks"])) == NEW_HEADINGS
    assert headings(office.texts(read["reject"]["blocks"])) == OLD_HEADINGS


def test_case_file_gives_the_headings_tested(pair: tuple[str, str]) -> None:
    case = yaml.safe_load(CASE.read_text(encoding="utf-8"))
    for side, expected in (("old", OLD_HEADINGS), ("new", NEW_HEADINGS)):
        named = [" ".join(p for p in (c["number"], c["title"]) if p) for c in case[side]]
        assert named == expected


def test_packet_marks_a_title_its_item_changes(tmp_path: Path) -> None:
    case = yaml.safe_load(CASE.read_text(encoding="utf-8"))
    (tmp_path / "old.yaml").write_text(
        yaml.safe_dump({"kind": "agreement", "id": "old", "title": "Old", "clauses": case["old"]}),
        encoding="utf-8",
    )
    proposal = {
        "kind": "proposal",
        "party": "union",
        "number": 1,
        "passed_at": "2023-04-28T10:15:00-07:00",
        "amends": "old.yaml",
        "items": [{"clause": "pay", "action": "amend", "title": "Wages", "text": "Pay is due."}],
    }
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(proposal), encoding="utf-8")
    out = tmp_path / "p.html"
    assert run("packet", str(tmp_path / "p.yaml"), "-o", str(out))[0] == 0
    heading = re.search(r"<h3[^>]*>(.*?)</h3>", out.read_text(encoding="utf-8"))
    assert heading is not None
    assert re.search(r"<del>.*Pay.*</del><ins>.*Wages.*</ins>", heading.group(1))
