"""Emphasis is shown by every writer, and a change of emphasis alone is a change."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from contracttools.readers import load_agreement
from contracttools.redline import Redline, compare
from contracttools.writers import json as json_writer
from contracttools.writers import markdown, terminal
from contracttools.writers.docx.documents import write_redline as docx_redline
from contracttools.writers.html import write_redline
from contracttools.writers.options import Options
from tests.test_golden import agreement

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def redline(old_text: str, new_text: str) -> Redline:
    clause = {"id": "duty", "number": "9", "title": "Duty"}
    old = load_agreement("old.yaml", agreement("old", [{**clause, "text": old_text}]))
    new = load_agreement("new.yaml", agreement("new", [{**clause, "text": new_text}]))
    return compare(old, new)


RESTYLED = redline("The Producer *shall* pay.", "The Producer **shall** pay.")


def test_a_change_of_emphasis_alone_is_a_change() -> None:
    assert RESTYLED.changed
    (clause,) = RESTYLED.clauses
    assert clause.status == "modified"
    assert RESTYLED.stats()["words"] == {"inserted": 0, "deleted": 0}


def test_json_carries_emphasis_and_the_old_emphasis() -> None:
    data = json.loads(json_writer.write(RESTYLED))
    spans = data["clauses"][0]["blocks"][0]["spans"]
    assert {"op": "equal", "text": "shall", "emphasis": ["strong"], "old_emphasis": ["em"]} in spans
    assert "".join(s["text"] for s in spans) == "The Producer shall pay."


def test_text_and_markdown_show_the_formatting_change() -> None:
    text = terminal.write(RESTYLED, Options())
    assert "The Producer {~**shall**~} pay." in text
    assert "{~~*shall*~>**shall**~~}" in markdown.write(RESTYLED)
    colored = terminal.write(RESTYLED, Options(color=True))
    assert "\x1b[33;4m\x1b[1mshall\x1b[0m" in colored


def test_html_renders_emphasis_and_marks_the_change() -> None:
    html = write_redline(redline("A *b* c.", "A *b* c **d**."), Options())
    assert "<em>b</em>" in html
    assert '<ins><span class="cue">[+</span><strong>d</strong>' in html
    restyled = write_redline(RESTYLED, Options())
    assert '<span class="restyled"><span class="cue">[~</span><strong>shall</strong>' in restyled


def _runs(data: bytes) -> list[Any]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return [r for r in root.iter(f"{W}r") if "".join(r.itertext()) == "shall"]


@pytest.mark.parametrize("tracked", [True, False])
def test_word_renders_bold_and_tracks_the_formatting_change(tracked: bool) -> None:
    when = datetime(2023, 4, 1, tzinfo=UTC)
    data = docx_redline(RESTYLED, Options(tracked=tracked, author="Guild", when=when))
    (run,) = _runs(data)
    properties = run.find(f"{W}rPr")
    assert properties.find(f"{W}b") is not None
    change = properties.find(f"{W}rPrChange")
    if tracked:
        assert change is not None and change.get(f"{W}author") == "Guild"
        assert change.find(f"{W}rPr/{W}i") is not None
        assert change.find(f"{W}rPr/{W}b") is None
    else:
        assert change is None
        assert properties.find(f"{W}highlight") is not None


def test_pandoc_reads_word_emphasis(tmp_path: Path) -> None:
    pypandoc = pytest.importorskip("pypandoc")
    when = datetime(2023, 4, 1, tzinfo=UTC)
    out = tmp_path / "x.docx"
    out.write_bytes(
        docx_redline(redline("A *b* c.", "A *b* **c**."), Options(author="G", when=when))
    )
    text = pypandoc.convert_file(str(out), "markdown", extra_args=["--track-changes=accept"])
    assert "*b*" in text and "**c**" in text


@pytest.mark.client
def test_libreoffice_reads_the_formatting_change_and_the_paragraph_mark(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    changed = redline(
        "The Producer *shall* pay. Each writer.", "The Producer **shall** pay.\n\nEach writer."
    )
    when = datetime(2023, 4, 1, tzinfo=UTC)
    source = tmp_path / "x.docx"
    source.write_bytes(docx_redline(changed, Options(author="Guild", when=when)))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "fodt", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    flat = (tmp_path / "x.fodt").read_text(encoding="utf-8")
    assert flat.count("<text:format-change") == 1
    assert flat.count("<text:insertion") == 1  # the new paragraph mark
    assert "<text:deletion" not in flat


def test_markdown_readers_see_literal_text_as_typed_and_emphasis_as_emphasis() -> None:
    from markdown_it import MarkdownIt

    changed = redline(
        "Signed this _3_ day at C:\\\\Shared, `final`, 5 \\* 3, *by* **hand**.",
        "Signed this _4_ day at C:\\\\Shared, `final`, 5 \\* 3, **by** **hand**.",
    )
    html = MarkdownIt("commonmark").render(markdown.write(changed))
    assert "Signed this {--_3_--}{++_4_++} day at C:\\\\Shared, `final`, 5 * 3," in html
    assert "{~~<em>by</em>~&gt;<strong>by</strong>~~} <strong>hand</strong>." in html
