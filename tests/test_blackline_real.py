"""A real-size blackline: a published agreement against a seeded next term (tests/realsize.py).

Accept All gives every new heading and text, Reject All every old one, with no heading
merged into another paragraph: read by pandoc here and by LibreOffice over UNO (client).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import office, realsize
from tests.conftest import invoke as run
from tests.test_blackline import blackline, check_in_libreoffice, clauses_part, expected, words_of
from tests.test_docx import read_back


@pytest.fixture(scope="module")
def real_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, Path]:
    folder = tmp_path_factory.mktemp("real")
    old, new = realsize.pair(folder)
    return old, new, blackline(old, new, folder / "blackline.docx")


def test_the_pair_is_real_size_and_changed_every_way(real_pair: tuple[str, str, Path]) -> None:
    old, new, _ = real_pair
    code, output = run("diff", old, new, "--format", "json")
    assert code == 1
    clauses = json.loads(output)["clauses"]
    assert len(clauses) > 700
    for flag in ("moved", "renumbered", "retitled"):
        assert sum(c[flag] for c in clauses) >= 3, flag
    for status in ("added", "deleted", "modified"):
        assert sum(c["status"] == status for c in clauses) >= 3, status


def test_pandoc_accepts_to_the_new_term_and_rejects_to_the_old(
    real_pair: tuple[str, str, Path],
) -> None:
    old, new, out = real_pair
    new_text, old_text, notes = expected(old, new)
    assert clauses_part(read_back(out, "accept"), notes) == new_text
    assert words_of(clauses_part(read_back(out, "reject"), notes)) == words_of(old_text)


@pytest.mark.client
@pytest.mark.skipif(not office.available(), reason="LibreOffice/python3-uno missing")
def test_libreoffice_accepts_to_the_new_term_and_rejects_to_the_old(
    real_pair: tuple[str, str, Path],
) -> None:
    old, new, out = real_pair
    check_in_libreoffice(out, *expected(old, new))


def test_every_whole_paragraph_carries_its_paragraph_mark(
    real_pair: tuple[str, str, Path],
) -> None:
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(real_pair[2]) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    whole = {"ins": 0, "del": 0}
    for paragraph in root.iter(f"{w}p"):
        kinds = {
            etree.QName(run.getparent()).localname
            for run in paragraph.iter(f"{w}r")
            if run.find(f"{w}t") is not None or run.find(f"{w}delText") is not None
        }
        if len(kinds) == 1 and kinds <= {"ins", "del"}:
            kind = kinds.pop()
            whole[kind] += 1
            mark = paragraph.find(f"{w}pPr/{w}rPr/{w}{kind}")
            assert mark is not None, "".join(paragraph.itertext())[:80]
    assert whole["ins"] > 50 and whole["del"] > 20, whole
