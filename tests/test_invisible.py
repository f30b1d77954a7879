"""Invisible and look-alike changes are visible in every output, and named; text is read
in one Unicode form (NFC); `check` warns of such characters at their line and column."""

from __future__ import annotations

import html
import json
import re
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pypandoc
import pytest

from tests.conftest import invoke

AGREEMENT = """\
kind: agreement
id: a
title: Pay
clauses:
  - id: pay
    number: "1"
    title: Pay
    text: The rate rises after thirty days of work.
"""
ZWSP = "invisible character inserted: U+200B ZERO WIDTH SPACE"
CYRILLIC = "Cyrillic \u0430 for Latin a"

CASES = {
    "zero width space": ("thirty", "thir\u200bty", "thir<U+200B>ty", ZWSP),
    "joiner": ("thirty", "thir\u200dty", "thir<U+200D>ty", "U+200D ZERO WIDTH JOINER"),
    "byte order mark": ("thirty", "thirty\ufeff", "<U+FEFF>", "U+FEFF ZERO WIDTH NO-BREAK"),
    "right-to-left override": ("thirty", "\u202ethirty", "<U+202E>", "RIGHT-TO-LEFT OVERRIDE"),
    "soft hyphen": ("thirty", "thir\u00adty", "thir<U+00AD>ty", "U+00AD SOFT HYPHEN"),
    "tag character": ("thirty", "thirty\U000e0041", "<U+E0041>", "U+E0041 TAG LATIN"),
    "look-alike": ("rate", "r\u0430te", "r\u0430te", CYRILLIC),
}


def pair(tmp_path: Path, old: str, new: str) -> tuple[Path, Path]:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(AGREEMENT, encoding="utf-8")
    b.write_text(AGREEMENT.replace(old, new, 1), encoding="utf-8")
    return a, b


@pytest.mark.parametrize("case", list(CASES))
def test_terminal_shows_and_names_the_change(tmp_path: Path, case: str) -> None:
    old, new, shown, label = CASES[case]
    a, b = pair(tmp_path, old, new)
    code, output = invoke("diff", str(a), str(b))
    assert code == 1
    inserted = output.split("{+", 1)[1].split("+}", 1)[0]
    assert inserted.startswith(shown + " [") and label in inserted


@pytest.mark.parametrize("case", ["zero width space", "look-alike"])
def test_json_markdown_and_html_name_the_change(tmp_path: Path, case: str) -> None:
    old, new, shown, label = CASES[case]
    a, b = pair(tmp_path, old, new)
    code, output = invoke("diff", str(a), str(b), "--format", "json")
    assert code == 1
    spans = [
        span
        for clause in json.loads(output)["clauses"]
        for block in clause.get("blocks", [])
        for span in block.get("spans", [])
    ]
    inserted = [span for span in spans if span["op"] == "insert"]
    assert [span["text"] for span in inserted] == [new]  # the text itself, exactly
    assert label in inserted[0]["label"]
    code, markdown = invoke("diff", str(a), str(b), "--format", "markdown")
    plain = pypandoc.convert_text(markdown, "plain", format="markdown", extra_args=["--wrap=none"])
    assert "{++" + shown + " [" + label in plain
    code, page = invoke("diff", str(a), str(b), "--format", "html")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert shown + " [" + label in text


def test_pdf_and_word_name_the_change(tmp_path: Path) -> None:
    old, new, shown, label = CASES["zero width space"]
    a, b = pair(tmp_path, old, new)
    pdf, word = tmp_path / "out.pdf", tmp_path / "out.docx"
    assert invoke("diff", str(a), str(b), "-o", str(pdf))[0] == 1
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert shown in flat and "[invisible character inserted: U+200B ZERO" in flat
    assert invoke("diff", str(a), str(b), "-o", str(word))[0] == 1
    with zipfile.ZipFile(word) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert f">{escape(shown)}</w:t>" in body and label in body
    assert "\u200b" not in body


def test_one_letter_in_two_forms_is_no_change(tmp_path: Path) -> None:
    _, b = pair(tmp_path, "rises", "rises caf\u00e9")
    c = tmp_path / "c.yaml"
    c.write_text(AGREEMENT.replace("rises", "rises cafe\u0301", 1), encoding="utf-8")
    code, output = invoke("diff", str(b), str(c))
    assert code == 0, output


def test_check_warns_at_line_and_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pair(tmp_path, "thirty days of work", "thir\u200bty days of w\u043erk")
    code, output = invoke("check", "b.yaml")
    assert code == 0
    line = AGREEMENT.splitlines().index("    text: The rate rises after thirty days of work.") + 1
    column = len("    text: The rate rises after thir") + 1
    word = len("    text: The rate rises after thir\u200bty days of ") + 1
    assert f"b.yaml:{line}:{column}: warning: invisible character U+200B ZERO WIDTH SPACE" in output
    assert (
        f"b.yaml:{line}:{word}: warning: the word 'w\u043erk' mixes Latin letters with "
        "Cyrillic \u043e" in output
    )
    assert "\u200b" not in output.split("warning")[1]  # shown, not printed raw
