"""The repository's own text: no file left half-merged."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^(?:<{7}|>{7})(?: |$)", re.MULTILINE)


def tracked() -> list[Path]:
    try:
        done = subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return []
    return [ROOT / name for name in done.stdout.decode("utf-8").split("\0") if name]


def test_no_merge_conflict_markers_in_any_tracked_text_file() -> None:
    files = tracked()
    if not files:
        pytest.skip("not a git checkout")
    found = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary (reference.docx, fonts) or removed in the work tree
        for match in MARKER.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0).strip()}")
    assert not found, "\n".join(found)


def test_the_marker_pattern_finds_a_conflict() -> None:
    sample = "text\n" + "<" * 7 + " HEAD\nours\n" + "=" * 7 + "\ntheirs\n" + ">" * 7 + " b\n"
    assert len(MARKER.findall(sample)) == 2
