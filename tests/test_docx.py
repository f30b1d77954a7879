"""Word output, read back by an independent reader (pandoc) and checked as OOXML."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import pypandoc
import pytest
import yaml
from lxml import etree

from contracttools.readers import load_agreement
from contracttools.redline import compare
from contracttools.redline.model import TableChange
from contracttools.writers.docx.revisions import xml_text
from tests.conftest import AGREEMENT, SAMPLES, Writer
from tests.conftest import invoke as run
from tests.test_golden import CASES, agreement

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PRODUCERS_1 = str(SAMPLES / "02-producers-1.yaml")


def pandoc_blocks(path: Path, changes: str) -> list[tuple[str, bool]]:
    """Return every paragraph and table cell pandoc reads, as (text, inside a table)."""
    ast = json.loads(
        pypandoc.convert_file(
            str(path),
            "json",
            format="docx+empty_paragraphs",
            extra_args=[f"--track-changes={changes}"],
        )
    )
    found: list[tuple[str, bool]] = []

    def inline(items: list[dict[str, Any]]) -> str:
        out: list[str] = []
        for item in items:
            kind, content = item["t"], item.get("c", [])
            if kind == "Str":
                out.append(content)
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif kind in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps"):
                out.append(inline(content))
            elif kind in ("Span", "Link"):
                out.append(inline(content[1]))
            elif kind == "Quoted":
                quote = "“" if content[0]["t"] == "DoubleQuote" else "‘"
                close = "”" if quote == "“" else "’"
                out.append(quote + inline(content[1]) + close)
        return "".join(out)

    def walk(node: Any, in_table: bool) -> None:
        if isinstance(node, dict):
            kind = node.get("t")
            if kind in ("Para", "Plain", "Header"):
                found.append((inline(node["c"][2] if kind == "Header" else node["c"]), in_table))
                return
            for value in node.values():
                walk(value, in_table or kind == "Table")
        elif isinstance(node, list):
            for value in node:
                walk(value, in_table)

    walk(ast["blocks"], False)
    return found


def read_back(path: Path, changes: str) -> list[str]:
    """Return every paragraph and table cell pandoc reads, as text."""
    return [text for text, _ in pandoc_blocks(path, changes)]


def empty_paragraphs(path: Path, changes: str) -> int:
    """Return how many empty paragraphs pandoc reads outside tables.

    Pandoc resolves revisions run by run: it drops a rejected row's text but keeps the
    row itself, so rows are checked at the row mark instead (see below).
    """
    return sum(1 for text, in_table in pandoc_blocks(path, changes) if not text and not in_table)


def redline_docx(case: dict[str, Any], path: Path, mode: str = "tracked") -> tuple[Any, Any, Any]:
    old_file, new_file = path.with_suffix(".old.yaml"), path.with_suffix(".new.yaml")
    old_file.write_bytes(agreement("old", case["old"]))
    new_file.write_bytes(agreement("new", case["new"]))
    code, output = run(
        "diff", str(old_file), str(new_file), "-o", str(path), "--redline", mode, "--all"
    )
    assert code in (0, 1), output
    old = load_agreement(str(old_file))
    new = load_agreement(str(new_file))
    return old, new, compare(old, new)


def block_texts(blocks: Any) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if hasattr(block, "rows"):
            out.extend(cell for row in block.rows for cell in row if cell)
        else:
            out.append(block.text)
    return [xml_text(t) for t in out]


@pytest.mark.parametrize("case_path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_pandoc_accepts_new_and_rejects_old(case_path: Path, tmp_path: Path) -> None:
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    out = tmp_path / "redline.docx"
    old, new, _ = redline_docx(case, out)
    accepted, rejected = read_back(out, "accept"), read_back(out, "reject")
    for clause, _ in new.walk():
        for text in block_texts(clause.blocks):
            assert text in accepted, text
    # White space alone is not a change, so it is not tracked: rejecting gives the old
    # words, spaced as the new text is.
    rejected_words = [re.sub(r"\s", "", t) for t in rejected]
    for clause, _ in old.walk():
        for text in block_texts(clause.blocks):
            assert re.sub(r"\s", "", text) in rejected_words, text
    new_texts = {t for c, _ in new.walk() for t in block_texts(c.blocks)}
    old_texts = {t for c, _ in old.walk() for t in block_texts(c.blocks)}
    old_words = {re.sub(r"\s", "", t) for t in old_texts}
    new_words = {re.sub(r"\s", "", t) for t in new_texts}
    for gone in old_texts - new_texts:
        assert gone not in accepted or re.sub(r"\s", "", gone) in new_words
    for fresh in new_texts - old_texts:
        assert fresh not in rejected or re.sub(r"\s", "", fresh) in old_words
    # Nothing is left behind: accepting and rejecting leave the same empty paragraphs.
    # Pandoc keeps one empty paragraph where whole inserted paragraphs open an article
    # and are rejected; LibreOffice gives the old text exactly there (test_blackline).
    if case_path.stem not in PANDOC_KEEPS_AN_EMPTY_PARAGRAPH:
        assert empty_paragraphs(out, "accept") == empty_paragraphs(out, "reject")


PANDOC_KEEPS_AN_EMPTY_PARAGRAPH = {
    "article-inserted-ids-from-numbers",
    "renumbering-cascade",
    "same-heading-pairs-first",  # sections moved out of a kept article (LibreOffice: exact)
}


def revisions(path: Path) -> list[Any]:
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    found: list[Any] = root.findall(f".//{W}ins") + root.findall(f".//{W}del")
    return found


def check_ooxml(path: Path) -> Any:
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    marks = root.findall(f".//{W}ins") + root.findall(f".//{W}del")
    ids = [m.get(f"{W}id") for m in marks] + [
        b.get(f"{W}id") for b in root.iter(f"{W}bookmarkStart")
    ]
    assert len(ids) == len(set(ids)), "revision ids are unique"
    for mark in marks:
        assert mark.get(f"{W}author") and mark.get(f"{W}date"), (
            "every revision has an author and a date"
        )
        assert mark.getparent().tag != f"{W}r", "revision wrappers are never inside a run"
        assert mark.tag != f"{W}ins" or not any(a.tag == f"{W}del" for a in mark.iterancestors())
    for deleted in root.iter(f"{W}del"):
        assert not list(deleted.iter(f"{W}t")), "no w:t inside w:del"
    for text in root.iter(f"{W}delText"):
        assert any(a.tag == f"{W}del" for a in text.iterancestors()), "w:delText only inside w:del"
    docx.Document(str(path))  # python-docx re-opens it
    return root


def test_sample_packet_ooxml(tmp_path: Path) -> None:
    out = tmp_path / "packet.docx"
    assert run("packet", PRODUCERS_1, "-o", str(out), "--signoff")[0] == 0
    root = check_ooxml(out)
    marks = root.findall(f".//{W}ins") + root.findall(f".//{W}del")
    assert len(marks) > 20
    assert {m.get(f"{W}author") for m in marks} == {"Alliance of Screen and Streaming Producers"}
    assert {m.get(f"{W}date") for m in marks} == {"2023-04-12T22:30:00Z"}
    accepted = " ".join(read_back(out, "accept"))
    rejected = " ".join(read_back(out, "reject"))
    assert "increased by four percent (4%) effective May 2, 2023" in accepted
    assert "increased by three percent (3%) effective May 2, 2020" in rejected
    assert "Proposal No. 1" in accepted and "Index of items" in accepted


def test_sample_redline_ooxml_and_moved_clause(tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    code, _ = run("diff", str(SAMPLES / "agreement-2020.yaml"), PRODUCERS_1, "-o", str(out))
    assert code == 1
    check_ooxml(out)
    accepted, rejected = read_back(out, "accept"), read_back(out, "reject")
    assert any(t.startswith("2.F Weeks Covered by an Episodic Fee") for t in accepted)
    assert any(t.startswith("3.B Weeks Covered by an Episodic Fee") for t in rejected)


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    assert run("packet", PRODUCERS_1, "-o", str(first))[0] == 0
    assert run("packet", PRODUCERS_1, "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    properties = docx.Document(str(first)).core_properties
    assert properties.author == "Alliance of Screen and Streaming Producers"
    assert properties.title == "Alliance of Screen and Streaming Producers — Proposal No. 1"


def test_visual_mode_has_nothing_to_accept(tmp_path: Path) -> None:
    out = tmp_path / "visual.docx"
    assert run("packet", PRODUCERS_1, "-o", str(out), "--redline", "visual")[0] == 0
    assert revisions(out) == []
    with zipfile.ZipFile(out) as package:
        xml = package.read("word/document.xml").decode()
    assert "<w:strike/>" in xml and '<w:u w:val="single"/>' in xml
    assert "threefour percent (3%)(4%)" in " ".join(read_back(out, "accept"))
    bracketed = tmp_path / "brackets.docx"
    options = ("--redline", "visual", "--marks", "brackets")
    assert run("packet", PRODUCERS_1, "-o", str(bracketed), *options)[0] == 0
    text = " ".join(read_back(bracketed, "accept"))
    assert "[-three-][+four+] percent [-(3%)-][+(4%)+]" in text


def test_control_characters_never_corrupt_the_file(tmp_path: Path, write: Writer) -> None:
    old = write("old.yaml", AGREEMENT)
    new = write(
        "new.yaml",
        AGREEMENT.replace("Payment is due within seven (7) days.", '"Payment\\a is due\\x01 now."'),
    )
    out = tmp_path / "r.docx"
    assert run("diff", str(old), str(new), "-o", str(out))[0] == 1
    check_ooxml(out)
    assert "Payment␇ is due␁ now." in read_back(out, "accept")


def test_notes_stay_out_of_the_word_packet(tmp_path: Path) -> None:
    out = tmp_path / "guild.docx"
    assert run("packet", str(SAMPLES / "01-guild-1.yaml"), "-o", str(out))[0] == 0
    with zipfile.ZipFile(out) as package:
        everything = b"".join(package.read(name) for name in package.namelist())
    for secret in (b"Floor is 5% in year one", b"mini-rooms are the strike issue", b"Throwaway"):
        assert secret not in everything


def test_export_and_reuse_templates(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    code, output = run("templates", "export", str(folder))
    assert code == 0, output
    names = sorted(p.name for p in folder.iterdir())
    assert {"reference.docx", "packet.html.j2", "contracttools.css", "words.txt.j2"} <= set(names)
    words = folder / "words.txt.j2"
    words.write_text(words.read_text().replace("No change is proposed", "We propose no change"))
    out = tmp_path / "p.docx"
    assert run("packet", PRODUCERS_1, "-o", str(out), "--templates", str(folder))[0] == 0
    assert any(t.startswith("We propose no change") for t in read_back(out, "accept"))
    assert run("templates", "export", str(folder))[0] == 2  # never overwrites


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_packet(tmp_path: Path) -> None:
    out = tmp_path / "packet.docx"
    assert run("packet", PRODUCERS_1, "-o", str(out))[0] == 0
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "packet.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Proposal No. 1" in text and "General Increases" in text


def test_every_table_row_revision_is_marked_at_the_row(tmp_path: Path) -> None:
    case = yaml.safe_load((CASES / "wage-schedule-row-inserted.yaml").read_text(encoding="utf-8"))
    out = tmp_path / "wages.docx"
    _, _, redline = redline_docx(case, out)
    inserted_rows = [
        r
        for c in redline.clauses
        for b in c.blocks
        if isinstance(b, TableChange)
        for r in b.rows
        if r.status == "inserted"
    ]
    with zipfile.ZipFile(out) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    row_marks = Counter(m.tag for tr in root.iter(f"{W}trPr") for m in tr)
    assert row_marks[f"{W}ins"] == len(inserted_rows) == 1
    # ...and every run in that row's cells is inside the same kind of revision, as Word writes
    # it, and so is every paragraph mark in its cells.
    for properties in root.iter(f"{W}trPr"):
        if properties.find(f"{W}ins") is None:
            continue
        row = properties.getparent()
        runs = list(row.iter(f"{W}r"))
        assert runs and all(r.getparent().tag == f"{W}ins" for r in runs)
        for paragraph in row.iter(f"{W}p"):
            assert paragraph.find(f"{W}pPr/{W}rPr/{W}ins") is not None
