"""`templates export DIR`: every shipped template copied, or nothing, with a message a user
can act on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from contracttools.resources import templates_dir
from tests.conftest import invoke as run

SHIPPED = sorted(p.name for p in templates_dir().iterdir() if p.is_file())


def test_export_copies_every_template(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    code, output = run("templates", "export", str(out))
    assert code == 0, output
    assert sorted(p.name for p in out.iterdir()) == SHIPPED
    for name in SHIPPED:
        assert (out / name).read_bytes() == (templates_dir() / name).read_bytes()


def test_a_clashing_file_stops_the_export_before_anything_is_copied(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    clash = SHIPPED[len(SHIPPED) // 2]  # one in the middle: files before it come first
    (out / clash).write_text("my own edits", encoding="utf-8")
    code, output = run("templates", "export", str(out))
    assert code == 2 and clash in output and "Traceback" not in output
    assert [p.name for p in out.iterdir()] == [clash]
    assert (out / clash).read_text(encoding="utf-8") == "my own edits"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_folder_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, output = run("templates", "export", str(locked / "mine"))
    finally:
        locked.chmod(0o700)
    assert code == 2 and "cannot write here" in output and "Traceback" not in output
    assert not (locked / "mine").exists()


def test_a_path_through_a_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    # Unwritable whoever runs it (root too): a folder cannot be made inside a file.
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    code, output = run("templates", "export", str(tmp_path / "a-file" / "mine"))
    assert code == 2 and "cannot write here" in output and "Traceback" not in output
