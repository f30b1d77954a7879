"""-o and --format, the same for every command that writes a document."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES, invoke

AGREEMENT = str(SAMPLES / "agreement-2020.yaml")
GUILD_1 = str(SAMPLES / "01-guild-1.yaml")
NEGOTIATION = str(SAMPLES)


@pytest.mark.parametrize(
    "command",
    [
        ("diff", AGREEMENT, GUILD_1),
        ("packet", GUILD_1),
        ("summary", NEGOTIATION),
    ],
)
def test_format_and_extension_that_disagree_are_refused(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    target = tmp_path / "x.pdf"
    code, output = invoke(*command, "--format", "docx", "-o", str(target))
    assert code == 2
    assert "--format docx" in output and f"-o {target}" in output
    assert not target.exists()


@pytest.mark.parametrize("name", ["redline.json", "redline", "redline.out"])
def test_format_and_extension_that_agree_or_say_nothing(name: str, tmp_path: Path) -> None:
    target = tmp_path / name
    assert invoke("diff", AGREEMENT, GUILD_1, "--format", "json", "-o", str(target))[0] == 1
    assert '"version": 1' in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command",
    [
        ("diff", AGREEMENT, GUILD_1),
        ("packet", GUILD_1),
        ("summary", NEGOTIATION),
    ],
)
def test_output_naming_a_folder(command: tuple[str, ...], tmp_path: Path) -> None:
    code, output = invoke(*command, "-o", str(tmp_path))
    assert code == 2
    assert f"{tmp_path}: is a folder; give a file name" in output
    assert "extension" not in output
