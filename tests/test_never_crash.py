"""What `check` accepts, every writer writes: out-of-range values are refused at their place,
titles no Word property can hold are made to fit, text reaches terminals and Markdown inert."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pypandoc
import pytest

from tests.conftest import SAMPLES, invoke

Edit = Callable[[str, str, str], None]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Return a private copy of the sample negotiation."""
    copy = tmp_path / "wga"
    shutil.copytree(SAMPLES, copy)
    return copy


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def place(folder: Path, name: str, value: str) -> str:
    """Return "path:line:column" of a value in a file."""
    text = (folder / name).read_text(encoding="utf-8")
    start = text.index(value)
    line = text.count("\n", 0, start) + 1
    column = start - text.rfind("\n", 0, start)
    return f"{folder / name}:{line}:{column}"


@pytest.mark.parametrize(
    "name, old, new, message",
    [
        (
            "02-producers-1.yaml",
            "number: 1",
            "number: " + "9" * 5000,
            "'number' must be a whole number below 1,000,000,000, not a number of 5000 digits",
        ),
        (
            "02-producers-1.yaml",
            "amount: 74000000",
            "amount: 1e40",
            "'amount' must be an amount of money in digits, such as 74000000 or $1,250.50, not '1e40'",
        ),
        (
            "02-producers-1.yaml",
            "amount: 74000000",
            "amount: 1E+999999999",
            "not '1E+999999999'",
        ),
        (
            "02-producers-1.yaml",
            "amount: 74000000",
            "amount: '$1,000,000,000,000,000'",
            "'amount' '$1,000,000,000,000,000' is out of range: below 1,000,000,000,000,000",
        ),
        (
            "02-producers-1.yaml",
            'general_increase: ["4%"',
            'general_increase: ["99999999999999999999999999999%"',
            "term 'general_increase' '99999999999999999999999999999%' is out of range: below 1,000%",
        ),
        (
            "03-guild-2.yaml",
            "passed_at: 2023-04-27T11:00:00-07:00",
            "passed_at: 9999-12-31T23:30:00-07:00",
            "'passed_at': year 9999 is out of range (1900 to 2999)",
        ),
        (
            "negotiation.yaml",
            "date: 2023-04-14",
            "date: 9999-04-14",
            "'date': year 9999 is out of range (1900 to 2999)",
        ),
    ],
)
def test_check_refuses_what_a_writer_cannot_show(
    folder: Path, name: str, old: str, new: str, message: str
) -> None:
    edit(folder, name, old, new)
    code, output = invoke("check", str(folder))
    assert code == 2
    value = new.split(": ", 1)[1].lstrip("[")
    where = place(folder, name, value)
    line = next(line for line in output.splitlines() if line.startswith(where))
    assert message in line


def test_a_term_lists_a_bounded_number_of_figures(folder: Path) -> None:
    edit(folder, "02-producers-1.yaml", '["4%", "3%", "2%"]', "[" + ", ".join(["999%"] * 21) + "]")
    code, output = invoke("check", str(folder))
    assert code == 2
    assert "term 'general_increase' lists more than 20 figures" in output


def test_a_raw_control_character_is_reported_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"kind: agreement\nid: a\ntitle: Pay\x01 rates\nclauses: []\n")
    code, output = invoke("check", str(path))
    assert code == 2
    lines = output.splitlines()
    assert lines[0] == (
        f"{path}:3:11: control character U+0001 is not allowed in a YAML file; "
        "remove it, or write it as an escape in a double-quoted string"
    )
    assert all(line.startswith(f"{path}:") for line in lines[:-1])


HOSTILE = "T\\x07\\x0b\\x1b[2J\\x1b]0;owned\\x07" + "x" * 300
"""A title with BEL, a vertical tab, a screen clear and a window-title sequence, 300+ long."""


def hostile_titles(folder: Path) -> None:
    for name, old in (
        ("negotiation.yaml", "title: 2023 Screen and Series Basic Agreement Negotiations"),
        (
            "agreement-2020.yaml",
            "title: 2020 Screen and Series Basic Agreement (illustrative excerpt)",
        ),
        ("02-producers-1.yaml", "title: Producers' Counterproposals"),
        ("negotiation.yaml", "name: Screen Writers Guild"),
    ):
        edit(folder, name, old + "\n", f'{old.split(":")[0]}: "{HOSTILE}"\n')


@pytest.mark.parametrize(
    "args",
    [
        ["packet", "02-producers-1.yaml", "-o", "out.docx"],
        ["packet", "02-producers-1.yaml", "--redline", "visual", "-o", "out.docx"],
        ["summary", ".", "-o", "out.docx"],
        ["diff", "agreement-2020.yaml", "02-producers-1.yaml", "-o", "out.docx"],
        ["diff", "01-guild-1.yaml", "02-producers-1.yaml", "-o", "out.docx"],
    ],
)
def test_word_output_holds_any_title(
    folder: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    hostile_titles(folder)
    monkeypatch.chdir(folder)
    assert invoke("check", ".")[0] == 0
    code, _ = invoke(*args)
    assert code in (0, 1)
    data = (folder / "out.docx").read_bytes()
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert len(properties.title) <= 255 and "\x07" not in properties.title
    text = pypandoc.convert_file(str(folder / "out.docx"), "plain", format="docx")
    assert "\x1b" not in text and "\x07" not in text
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert "\x1b" not in body and "T␇␋␛[2J␛]0;owned␇xxx" in body


def terminal_controls(text: str) -> list[str]:
    """Return the control characters in text that are not ours (line ends, colour)."""
    stripped = re.sub(r"\x1b\[[0-9;]*m", "", text)
    return [c for c in stripped if (ord(c) < 32 and c not in "\n") or 0x7F <= ord(c) < 0xA0]


@pytest.mark.parametrize("color", ["never", "always"])
@pytest.mark.parametrize("stat", [False, True])
def test_terminal_shows_control_characters(folder: Path, color: str, stat: bool) -> None:
    hostile_titles(folder)
    edit(
        folder,
        "02-producers-1.yaml",
        "summary: Every minimum rises 4% this year, then 3% and 2%.",
        'summary: "Rises\\x1b[2J\\a\\x9b31m \\u202Egnp.exe"',
    )
    edit(folder, "agreement-2020.yaml", "title: General Increases", 'title: "Raises\\x1b]0;x\\a"')
    old, new = folder / "agreement-2020.yaml", folder / "02-producers-1.yaml"
    args = ["diff", str(old), str(new), "--color", color, *(["--stat"] if stat else [])]
    code, output = invoke(*args)
    assert code == 1
    assert terminal_controls(output) == []
    assert "\u202e" not in output
    assert "␛[2J" in output or stat


def test_errors_show_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text('kind: agreement\nid: a\ntitle: x\nclauses: []\n"\\e]0;owned\\a": 1\n')
    code, output = invoke("check", str(path))
    assert code == 2
    assert terminal_controls(output) == []
    assert "␛]0;owned␇" in output


MARKUP = {
    "script": "<script>alert(1)</script>",
    "image": '<img src=x onerror="alert(2)">',
    "link": "[see the schedule](javascript:alert(3))",
    "picture": "![logo](http://example.org/track.png)",
    "autolink": "<javascript:alert(4)>",
    "critic": "{++not really inserted++}",
    "heading": "# Not a heading",
}


def test_markdown_redline_is_inert_and_readable(folder: Path) -> None:
    text = " ".join(MARKUP.values())
    edit(folder, "02-producers-1.yaml", "summary: Every minimum rises 4% this year, then 3% and 2%.",
         f"summary: '{text}'")  # fmt: skip
    edit(folder, "agreement-2020.yaml", "title: General Increases", f"title: '{MARKUP['heading']}'")
    edit(folder, "02-producers-1.yaml", "shall be increased by four percent",
         f"shall be increased by {MARKUP['image']} {MARKUP['link']} four percent")  # fmt: skip
    target = folder / "out.md"
    code, _ = invoke("diff", str(folder / "agreement-2020.yaml"),
                     str(folder / "02-producers-1.yaml"), "-o", str(target))  # fmt: skip
    assert code == 1
    markdown = target.read_text(encoding="utf-8")
    for reader in ("commonmark", "gfm", "markdown"):
        html = pypandoc.convert_text(markdown, "html", format=reader)
        assert "<script" not in html and "<img" not in html, reader
        assert "javascript:" not in re.findall(r'href="[^"]*"', html).__str__(), reader
        assert "<ins>" not in html and "<h1>Not a heading" not in html, reader
        plain = pypandoc.convert_text(markdown, "plain", format=reader, extra_args=["--wrap=none"])
        plain = plain.replace("“", '"').replace("”", '"')  # pandoc's smart quotes
        for value in MARKUP.values():
            assert value in plain, (reader, value)


def test_markdown_summary_is_inert(folder: Path) -> None:
    edit(folder, "02-producers-1.yaml", "summary: Producers would have ten business days, not five, to report a writer's hiring.",
         f"summary: '{MARKUP['script']} {MARKUP['picture']}'")  # fmt: skip
    edit(folder, "negotiation.yaml", "short: Guild", "short: '<b>Guild</b>'")
    code, markdown = invoke("summary", str(folder))
    assert code == 0
    html = pypandoc.convert_text(markdown, "html", format="gfm")
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    plain = pypandoc.convert_text(markdown, "plain", format="gfm", extra_args=["--wrap=none"])
    assert MARKUP["script"] in plain and "<b>Guild</b>" in plain


def test_a_revision_date_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    code, output = invoke(
        "diff", str(SAMPLES / "01-guild-1.yaml"), str(SAMPLES / "02-producers-1.yaml"),
        "-o", str(tmp_path / "x.docx"), "--revision-date", "9999-12-31T23:00:00-0700",
    )  # fmt: skip
    assert code == 2
    assert "9999-12-31: the year must be 1900 to 2999" in output
    assert not (tmp_path / "x.docx").exists()
