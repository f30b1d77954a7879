"""User templates are confined to their folder, their mistakes are reported at their line,
and no template sees an internal note unless a team copy was asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from contracttools.templating import template_folders
from tests.conftest import SAMPLES, invoke

PROPOSAL = str(SAMPLES / "01-guild-1.yaml")
NOTE = "Lead with minimums and streaming residuals"
"""An internal note of the Guild's proposal (its `note`)..."""
ITEM_NOTE = "Floor is 5% in year one"
"""... and of one of its items."""


def packet(folder: Path, output: str = "p.html", *extra: str) -> tuple[int, str, Path]:
    out = folder.parent / output
    code, text = invoke("packet", PROPOSAL, "-o", str(out), "--templates", str(folder), *extra)
    return code, text, out


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "mine"
    made.mkdir()
    return made


def test_a_link_out_of_the_folder_is_not_followed(folder: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET LINE")
    (folder / "packet.html.j2").symlink_to(secret)
    code, output, out = packet(folder)
    assert code == 2
    assert output.strip() == (
        f"{folder / 'packet.html.j2'}: template error: "
        "packet.html.j2 leads outside the template folder"
    )
    assert not out.exists()


def test_an_include_through_a_linked_folder_is_not_followed(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "passwd").write_text("root:x:0:0")
    (folder / "etc").symlink_to(tmp_path / "elsewhere")
    (folder / "packet.html.j2").write_text('<p>{% include "etc/passwd" %}</p>')
    code, output, out = packet(folder)
    assert code == 2
    assert "leads outside the template folder" in output
    assert "root:x" not in output and not out.exists()


def test_a_template_cannot_climb_out(folder: Path) -> None:
    (folder / "packet.html.j2").write_text('{% include "../../../../etc/passwd" %}')
    code, output, _ = packet(folder)
    assert code == 2
    assert "template error" in output and "root:" not in output


@pytest.mark.parametrize(
    "source, line, message",
    [
        ("<p>\n{{ 1 // 0 }}\n", 2, "ZeroDivisionError: integer division or modulo by zero"),
        ("<p>\n\n{% for i in range(10**9) %}{% endfor %}", 3, "OverflowError: Range too big"),
        ("{{ 'x' * 10**9 }}", 1, "too large for a template"),
        ("{{ 2 ** 100000000 }}", 1, "too large for a template"),
        (
            '{% from "macros.html.j2" import no_such_macro %}\n{{ no_such_macro() }}',
            2,
            "no_such_macro",
        ),
        ("{{ packet.items[999] }}", 1, "has no element 999"),
        ("{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}", 1, "RecursionError"),
    ],
)
def test_a_runtime_error_is_reported_at_its_line(
    folder: Path, source: str, line: int, message: str
) -> None:
    (folder / "packet.html.j2").write_text(source)
    code, output, out = packet(folder)
    assert code == 2
    assert output.startswith(f"{folder / 'packet.html.j2'}:{line}:1: template error: "), output
    assert message in output
    assert not out.exists()


def test_a_template_not_in_utf8(folder: Path) -> None:
    (folder / "packet.html.j2").write_bytes(b"<p>\n<p>caf\xe9</p>\n")
    code, output, _ = packet(folder)
    assert code == 2
    assert output.strip() == (
        f"{folder / 'packet.html.j2'}:2:1: template error: "
        "invalid UTF-8 (byte 0xe9); save the template as UTF-8"
    )


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04broken"])
def test_a_reference_that_is_not_a_word_document(folder: Path, content: bytes) -> None:
    (folder / "reference.docx").write_bytes(content)
    code, output, out = packet(folder, "p.docx")
    assert code == 2
    assert output.startswith(f"{folder / 'reference.docx'}: template error: not a Word document")
    assert not out.exists()


def test_a_reference_without_the_styles(folder: Path) -> None:
    import docx

    docx.Document().save(str(folder / "reference.docx"))  # python-docx's blank document
    code, output, _ = packet(folder, "p.docx")
    assert code == 2
    assert "lacks the styles Note, Action Label" in output


def test_words_template_runtime_error_in_word_output(folder: Path) -> None:
    words = (template_folders()[0] / "words.txt.j2").read_text(encoding="utf-8")
    (folder / "words.txt.j2").write_text(
        words.replace("{% macro concept() %}", "{% macro concept() %}{{ 1 / 0 }}", 1)
    )
    code, output, _ = packet(folder, "p.docx")
    assert code == 2
    assert output.startswith(f"{folder / 'words.txt.j2'}:")
    assert "ZeroDivisionError" in output


PROBE = """\
[{{ packet.note }}]
{% for item in packet.items %}
[{{ item.note }}]
{% if item.change and item.change.item %}<{{ item.change.item.note is defined }}>{% endif %}
{% endfor %}
"""


def test_a_member_packet_template_sees_no_note(folder: Path) -> None:
    (folder / "packet.html.j2").write_text(PROBE)
    code, output, out = packet(folder)
    assert code == 0, output
    text = out.read_text(encoding="utf-8")
    assert "<False>" in text and "<True>" not in text
    assert "[None]" in text and ITEM_NOTE not in text and NOTE not in text


def test_a_user_template_cannot_reach_the_notes_by_index(folder: Path) -> None:
    (folder / "packet.html.j2").write_text(
        "{% for i in packet.items %}{% if i.change and i.change.item %}"
        "{{ i.change.item['note'] }}{% endif %}{% endfor %}"
    )
    code, output, _ = packet(folder)
    assert code == 2
    assert "has no attribute 'note'" in output or "undefined" in output


def test_a_team_copy_template_sees_the_team_notes(folder: Path) -> None:
    (folder / "packet.html.j2").write_text(PROBE)
    code, output, out = packet(folder, "p.html", "--include-notes")
    assert code == 0, output
    assert ITEM_NOTE in out.read_text(encoding="utf-8")
