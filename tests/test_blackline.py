"""Full blacklines: accepting every change gives the new document, rejecting every change the
old one, exactly, as pandoc (fast) and LibreOffice over UNO (client) read them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from contracttools.body import Table
from contracttools.model import Agreement
from contracttools.readers import load_in_context
from contracttools.writers.docx.revisions import xml_text
from tests import office
from tests.conftest import ROOT, SAMPLES
from tests.conftest import invoke as run
from tests.test_docx import read_back
from tests.test_golden import CASES, agreement

BLACKLINE_NOTE = "Every clause follows in the order of the new document"
"""Actions that put no language on the table."""
AGREEMENT_2020 = str(SAMPLES / "agreement-2020.yaml")
SAMPLE_REDLINES = [
    (AGREEMENT_2020, str(SAMPLES / "01-guild-1.yaml")),
    (AGREEMENT_2020, str(SAMPLES / "02-producers-1.yaml")),
]
needs_office = pytest.mark.skipif(not office.available(), reason="LibreOffice/python3-uno missing")


def agreement_text(agreement: Agreement) -> list[str]:
    """Return an agreement as a reader sees it: each clause's heading, then its body."""
    out: list[str] = []
    for clause, _ in agreement.walk():
        heading = " ".join(part for part in (clause.number, clause.title) if part)
        if heading:
            out.append(xml_text(heading))
        for block in clause.blocks:
            if isinstance(block, Table):
                out.extend(xml_text(cell) for row in block.rows for cell in row if cell)
            else:
                out.append(xml_text(block.text))
    return out


def redline_new_text(redline: dict[str, Any]) -> list[str]:
    """Return the new side of a JSON redline as a reader sees it (docs/redline-json.md)."""

    def joined(spans: list[dict[str, str]]) -> str:
        return "".join(s["text"] for s in spans if s["op"] != "delete")

    out: list[str] = []
    for clause in redline["clauses"]:
        if clause["new"] is None:
            continue
        if clause["reply"]:
            continue  # a reply to the other side's new clause: no part of either text
        heading = " ".join(p for p in (clause["new"]["number"], clause["new"]["title"]) if p)
        if heading:
            out.append(xml_text(heading))
        for block in clause["blocks"]:
            if block["status"] == "deleted":
                continue
            if block["type"] == "table":
                for row in block["rows"]:
                    if row["status"] != "deleted":
                        cells = [
                            joined(c["spans"]) for c in row["cells"] if c["status"] != "deleted"
                        ]
                        out.extend(xml_text(c) for c in cells if c)
            else:
                out.append(xml_text(joined(block["spans"])))
    return out


def clauses_part(texts: list[str], notes: set[str]) -> list[str]:
    """Return what follows the blackline's note, without the proposal's own notes."""
    start = next(n for n, t in enumerate(texts) if t.startswith(BLACKLINE_NOTE)) + 1
    return [
        t for t in texts[start:] if t.strip() and t not in notes and not t.startswith("Concept")
    ]


def expected(old_path: str, new_path: str) -> tuple[list[str], list[str], set[str]]:
    """Return the new text, the old text (OLD is an agreement) and the items' notes."""
    code, output = run("diff", old_path, new_path, "--format", "json")
    assert code in (0, 1), output
    redline = json.loads(output)
    old, new = load_in_context(old_path)[0], load_in_context(new_path)[0]
    assert isinstance(old, Agreement)
    new_text = agreement_text(new) if isinstance(new, Agreement) else redline_new_text(redline)
    notes = {" ".join(c["summary"].split()) for c in redline["clauses"] if c.get("summary")}
    return new_text, agreement_text(old), notes


def case_files(case_path: Path, folder: Path) -> tuple[str, str]:
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    old_file, new_file = folder / "old.yaml", folder / "new.yaml"
    old_file.write_bytes(agreement("old", case["old"]))
    new_file.write_bytes(agreement("new", case["new"]))
    return str(old_file), str(new_file)


def blackline(old: str, new: str, out: Path, *extra: str) -> Path:
    code, output = run("diff", old, new, "-o", str(out), *extra)
    assert code in (0, 1), output
    return out


CASE_PATHS = sorted(CASES.glob("*.yaml"))


@pytest.mark.parametrize("case_path", CASE_PATHS, ids=lambda p: p.stem)
def test_pandoc_accepts_to_new_and_rejects_to_old(case_path: Path, tmp_path: Path) -> None:
    old, new = case_files(case_path, tmp_path)
    out = blackline(old, new, tmp_path / "blackline.docx")
    new_text, old_text, notes = expected(old, new)
    assert clauses_part(read_back(out, "accept"), notes) == new_text
    assert words_of(clauses_part(read_back(out, "reject"), notes)) == words_of(old_text)


@pytest.mark.parametrize("pair", SAMPLE_REDLINES, ids=lambda p: Path(p[1]).stem)
def test_pandoc_sample_blacklines(pair: tuple[str, str], tmp_path: Path) -> None:
    out = blackline(*pair, tmp_path / "blackline.docx")
    new_text, old_text, notes = expected(*pair)
    assert clauses_part(read_back(out, "accept"), notes) == new_text
    assert words_of(clauses_part(read_back(out, "reject"), notes)) == words_of(old_text)


def test_changed_only_is_the_short_form(tmp_path: Path) -> None:
    pair = SAMPLE_REDLINES[1]
    full = read_back(blackline(*pair, tmp_path / "full.docx"), "accept")
    short = read_back(blackline(*pair, tmp_path / "short.docx", "--changed-only"), "accept")
    assert "2.B Schedule of Minimums" in " ".join(
        full
    ) and "2.B Schedule of Minimums" not in " ".join(short)
    assert "2.B Schedule of Minimums" in " ".join(
        read_back(blackline(*pair, tmp_path / "all.docx", "--changed-only", "--all"), "accept")
    )
    # The terminal keeps showing changes only.
    code, output = run("diff", *pair)
    assert code == 1 and "2.B Schedule of Minimums" not in output


def test_moved_clause_is_deleted_where_it_was(tmp_path: Path) -> None:
    out = blackline(*SAMPLE_REDLINES[1], tmp_path / "moved.docx")
    notes = expected(*SAMPLE_REDLINES[1])[2]
    accepted = clauses_part(read_back(out, "accept"), notes)
    rejected = clauses_part(read_back(out, "reject"), notes)
    title = "Weeks Covered by an Episodic Fee"
    assert [t for t in accepted if t.endswith(title)] == [f"2.F {title}"]
    assert [t for t in rejected if t.endswith(title)] == [f"3.B {title}"]
    # Rejected, it stands in Article 3 again, after 3.A.
    assert rejected.index(f"3.B {title}") > next(
        n for n, t in enumerate(rejected) if t.startswith("3.A ")
    )


def test_labels_and_spaces_leave_nothing_behind(tmp_path: Path) -> None:
    case = CASES / "paragraphs-added-deleted-retitled.yaml"
    old, new = case_files(case, tmp_path)
    out = blackline(old, new, tmp_path / "labels.docx")
    for changes in ("accept", "reject"):
        text = clauses_part(read_back(out, changes), set())
        for label in ("added", "deleted", "moved", "retitled", "renumbered"):
            assert not any(t.endswith(label) for t in text), (changes, text)
        assert not any(t != t.strip() or "  " in t for t in text), text


def test_packet_renumbering_is_a_revision(tmp_path: Path) -> None:
    out = tmp_path / "packet.docx"
    assert run("packet", str(SAMPLES / "02-producers-1.yaml"), "-o", str(out))[0] == 0
    accepted, rejected = read_back(out, "accept"), read_back(out, "reject")
    assert any(t.startswith("Item 5. 2.F Weeks Covered") for t in accepted)
    assert any(t.startswith("Item 5. 3.B Weeks Covered") for t in rejected)


def test_word_packet_initials_only_where_there_is_language(tmp_path: Path) -> None:
    out = tmp_path / "packet.docx"
    assert run("packet", str(SAMPLES / "02-producers-1.yaml"), "-o", str(out), "--signoff")[0] == 0
    text = read_back(out, "accept")
    # 11 items; no lines to initial under the two rejections and the concept.
    assert sum(t.startswith("Initials:") for t in text) == 2 * 8
    assert any(t.startswith("Passed: April 12, 2023, 3:30 p.m. PDT") for t in text)


def test_same_bytes_in_any_time_zone(tmp_path: Path) -> None:
    # Kiritimati (UTC+14) and UTC-12 are on different days for most of every day.
    zones = ("UTC", "America/New_York", "Asia/Kolkata", "Pacific/Kiritimati", "Etc/GMT+12")
    old, new = case_files(CASES / "moved-out-of-order.yaml", tmp_path)
    runs = {
        "packet": ["packet", str(SAMPLES / "02-producers-1.yaml")],
        "diff": ["diff", AGREEMENT_2020, str(SAMPLES / "02-producers-1.yaml")],
        "undated agreements": ["diff", old, new],
    }
    for kind, args in runs.items():
        made = set()
        for zone in zones:
            out = tmp_path / f"{kind}-{zone.replace('/', '-')}.docx"
            subprocess.run(
                [sys.executable, "-m", "contracttools", *args, "-o", str(out)],
                env={**os.environ, "TZ": zone},
                cwd=ROOT,
                capture_output=True,
                check=False,
            )
            made.add(out.read_bytes())
        assert len(made) == 1, kind


def test_package_parts_and_properties(tmp_path: Path) -> None:
    out = tmp_path / "packet.docx"
    assert run("packet", str(SAMPLES / "02-producers-1.yaml"), "-o", str(out), "--signoff")[0] == 0
    with zipfile.ZipFile(out) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode()
        core = package.read("docProps/core.xml").decode()
        settings = package.read("word/settings.xml").decode()
        document = package.read("word/document.xml").decode()
    assert not any(n.startswith("customXml/") or "thumbnail" in n for n in names)
    assert "<Application>contracttools</Application>" in app
    words = int(app.split("<Words>")[1].split("<")[0])
    assert 1000 < words < 5000
    assert "lastPrinted" not in core and "2023-04-12T22:30:00Z" in core
    assert "updateFields" not in settings and 'w:percent="100"' in settings
    assert "savePreviewPicture" not in settings
    # The contents are written out, linked to their headings.
    assert "filled in when Word updates fields" not in document
    assert 'w:anchor="_TocItem11"' in document and 'w:name="_TocItem11"' in document
    assert "<w:tblHeader/>" in document and "<w:cantSplit/>" in document
    assert "/tmp/" not in document and str(SAMPLES) not in document


def test_index_grid_matches_its_cells(tmp_path: Path) -> None:
    from lxml import etree

    out = tmp_path / "packet.docx"
    assert run("packet", str(SAMPLES / "02-producers-1.yaml"), "-o", str(out))[0] == 0
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(out) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    checked = 0
    for table in root.iter(f"{w}tbl"):
        grid = [int(c.get(f"{w}w")) for c in table.iter(f"{w}gridCol")]
        for row in table.iter(f"{w}tr"):
            widths = [c.find(f"{w}tcPr/{w}tcW") for c in row.iter(f"{w}tc")]
            if all(x is not None and x.get(f"{w}type") == "dxa" for x in widths):
                assert [int(x.get(f"{w}w")) for x in widths] == grid
                checked += 1
    assert checked >= 12  # the index: its header and 11 items


@pytest.mark.client
@needs_office
@pytest.mark.parametrize("case_path", CASE_PATHS, ids=lambda p: p.stem)
def test_libreoffice_accepts_to_new_and_rejects_to_old(case_path: Path, tmp_path: Path) -> None:
    old, new = case_files(case_path, tmp_path)
    out = blackline(old, new, tmp_path / "blackline.docx")
    check_in_libreoffice(out, *expected(old, new))


@pytest.mark.client
@needs_office
@pytest.mark.parametrize("pair", SAMPLE_REDLINES, ids=lambda p: Path(p[1]).stem)
def test_libreoffice_sample_blacklines(pair: tuple[str, str], tmp_path: Path) -> None:
    out = blackline(*pair, tmp_path / "blackline.docx")
    check_in_libreoffice(out, *expected(*pair))


def check_in_libreoffice(
    out: Path, new_text: list[str], old_text: list[str], notes: set[str]
) -> None:
    read = office.read(out, "accept", "reject")
    assert read["accept"]["redlines"] == 0 and read["reject"]["redlines"] == 0
    assert clauses_part(office.texts(read["accept"]["blocks"]), notes) == new_text
    assert words_of(clauses_part(office.texts(read["reject"]["blocks"]), notes)) == words_of(
        old_text
    )


def words_of(blocks: list[str]) -> list[str]:
    """Return the blocks without their white space: white space alone is not a change, so
    it is not tracked, and Reject All gives the old words spaced as the new text is
    (docs/word.md). Accept All is compared exactly."""
    return [re.sub(r"\s+", "", block) for block in blocks]


@pytest.mark.client
@needs_office
@pytest.mark.parametrize("name", ["01-guild-1", "02-producers-1", "03-guild-2"])
def test_libreoffice_sample_packets(name: str, tmp_path: Path) -> None:
    from contracttools.documents.packet import build_packet
    from contracttools.redline.model import new_text, old_text

    path = SAMPLES / f"{name}.yaml"
    if not path.is_file():
        pytest.skip(f"no sample {name}")
    out = tmp_path / "packet.docx"
    assert run("packet", str(path), "-o", str(out), "--signoff")[0] == 0
    proposal, negotiation = load_in_context(str(path))
    packet = build_packet(proposal, negotiation, None, True)  # type: ignore[arg-type]
    read = office.read(out, "open", "accept", "reject")
    accepted = office.texts(read["accept"]["blocks"])
    rejected = office.texts(read["reject"]["blocks"])
    assert read["accept"]["redlines"] == 0 and read["reject"]["redlines"] == 0
    # The contents read right as opened: every item is listed, before any field update.
    opened = office.texts(read["open"]["blocks"])
    contents = opened[
        opened.index("Contents") + 1 : opened.index(
            "Index of items", 1 + opened.index("Contents") + 1
        )
    ]
    assert len([t for t in contents if t.startswith("Item ")]) == len(packet.items), contents
    for item in packet.items:
        if item.change is None:
            continue
        for block in item.change.blocks:
            after, before = new_text(block.spans), old_text(block.spans)
            if after and not isinstance(block, Table) and block.type == "paragraph":
                assert xml_text(after) in accepted, (item.index, after)
            if before and block.type == "paragraph":
                assert xml_text(before) in rejected, (item.index, before)
