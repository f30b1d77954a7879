"""The README's list of commands and the commands' --help say the same things."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import invoke

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def section(command: str) -> str:
    """Return a command's lines in the README's Commands block."""
    block = README.split("## Commands", 1)[1].split("```", 2)[1]
    parts = re.split(r"^(?=contracttools )", block, flags=re.MULTILINE)
    return next(p for p in parts if p.startswith(f"contracttools {command} "))


def test_readme_lists_diff_options_once_each() -> None:
    diff = section("diff")
    for option in ("--redline", "--author", "--revision-date DATE|DATETIME", "--marks"):
        assert option in diff
    assert len(re.findall(r"^\s+--all\b", diff, flags=re.MULTILINE)) == 1
    assert "--marks plain|brackets" in section("packet")


def test_readme_says_how_color_and_python_m_behave() -> None:
    diff = section("diff")
    assert "never when NO_COLOR" not in diff
    assert "always: colour" in diff and "unless NO_COLOR is set" in diff
    assert "After `make`, `.venv/bin/python -m contracttools` works the same way." in README
    assert "make demo    # set up .venv" in README and "make test    # set up" in README


def test_help_says_what_the_readme_says() -> None:
    for command in ("diff", "packet"):
        code, text = invoke(command, "--help")
        assert code == 0
        assert "PDF, HTML, visual DOCX: also print" in " ".join(text.split())
    code, text = invoke("diff", "--help")
    assert "--revision-date DATE|DATETIME" in text and "%Y" not in text
    code, text = invoke("packet", "--help")
    assert "after each item with language to initial" in " ".join(text.split())
    assert "after each item with language to initial" in " ".join(section("packet").split())
