"""Mutated sample files never end in a traceback.

Hypothesis mutates the sample negotiation (bytes, lines, indentation, values of the wrong
type or out of range, unicode oddities) and runs `check`, `diff` and every writer on it.
Every run exits 0, 1 or 2; an exit 2 prints only `path:line:column: message` lines (and
the count); when `check` accepts the files, every writer writes them; and the git diff
driver, handed the original and the mutated file, always exits 0.

The number of examples is bounded so that the file runs in well under a minute; set
CONTRACTTOOLS_FUZZ=10 to run ten times as many (hypothesis keeps what it finds).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES, invoke

SCALE = int(os.environ.get("CONTRACTTOOLS_FUZZ", "1"))
settings.register_profile(
    "fuzz",
    deadline=None,  # a PDF takes a second or two; timing is not what is tested
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    max_examples=40 * SCALE,
)
FUZZ = settings.get_profile("fuzz")

FILES = (
    "agreement-2020.yaml",
    "01-guild-1.yaml",
    "02-producers-1.yaml",
    "03-guild-2.yaml",
    "negotiation.yaml",
)
ODD = (
    "\u202e", "\u200b", "\ufeff", "\x85", "\u2028", "e\u0301", "\U0001f600", "\ufffd",
    "\x00", "\x1b[2J", "\x07", "\t", "\r", "\\", '"', "'", ": ", "- ", "{", "[", "&a ",
    "*a", "!!python/object:os.system ", "%", "# ", "\n", "\n  ", "|", ">", "<script>",
)  # fmt: skip
VALUES = (
    "~", "[]", "{}", "''", "0", "-1", "007", "1e40", "1E+999999999", "9" * 5000,
    "99999999999999999999999999999%", "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00", "2023-02-30", "yes", "<script>alert(1)</script>",
    '"\\x1b]0;title\\x07"', '"\\ud800"', '"\\0"', "x" * 300, "[a, [b, [c]]]", ".inf",
    "NaN", "'[x](javascript:alert(1))'", "{a: 1}", "- x", '"{++a++}"', "$1,000.555",
)  # fmt: skip


@dataclass(frozen=True)
class Mutation:
    """One change to a file: `kind` and where (positions wrap around the text)."""

    kind: str
    at: int
    other: int = 0
    text: str = ""

    def apply(self, data: bytes) -> bytes:
        if self.kind in ("byte", "insert-byte", "drop-byte"):
            if not data:
                return data
            at = self.at % len(data)
            byte = bytes([self.other % 256])
            if self.kind == "byte":
                return data[:at] + byte + data[at + 1 :]
            if self.kind == "insert-byte":
                return data[:at] + byte + data[at:]
            return data[:at] + data[at + 1 :]
        text = data.decode("utf-8", "surrogateescape")
        lines = text.split("\n")
        i, j = self.at % len(lines), self.other % len(lines)
        if self.kind == "drop-line":
            del lines[i]
        elif self.kind == "copy-line":
            lines.insert(j, lines[i])
        elif self.kind == "swap-lines":
            lines[i], lines[j] = lines[j], lines[i]
        elif self.kind == "indent":
            stripped = lines[i].lstrip(" ")
            depth = max(0, len(lines[i]) - len(stripped) + (self.other % 7) - 3)
            lines[i] = " " * depth + stripped
        elif self.kind == "value":
            key, colon, _ = lines[i].partition(": ")
            lines[i] = f"{key}{colon or ': '}{self.text}"
        elif self.kind == "odd":
            column = self.other % (len(lines[i]) + 1)
            lines[i] = lines[i][:column] + self.text + lines[i][column:]
        return "\n".join(lines).encode("utf-8", "surrogateescape")


positions = st.integers(min_value=0, max_value=10**6)
mutations = st.one_of(
    st.builds(Mutation, st.sampled_from(("byte", "insert-byte", "drop-byte")), positions,
              st.integers(0, 255)),
    st.builds(Mutation, st.sampled_from(("drop-line", "copy-line", "swap-lines", "indent")),
              positions, positions),
    st.builds(Mutation, st.just("value"), positions, st.just(0), st.sampled_from(VALUES)),
    st.builds(Mutation, st.just("odd"), positions, positions,
              st.sampled_from(ODD) | st.text(max_size=3)),
)  # fmt: skip
changes = st.tuples(st.sampled_from(FILES), st.lists(mutations, min_size=1, max_size=3))

LOCATED = re.compile(r"^.+:\d+:\d+: \S")
COUNT = re.compile(r"^\d+ problems? found$")


def mutated(folder: Path, change: tuple[str, list[Mutation]]) -> Path:
    """Return a fresh copy of the samples with one file mutated."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(SAMPLES, folder)
    name, steps = change
    data = (folder / name).read_bytes()
    for step in steps:
        data = step.apply(data)
    (folder / name).write_bytes(data)
    return folder


def assert_clean(code: int, output: str, allowed: tuple[int, ...] = (0, 1, 2)) -> None:
    """Assert an exit status allowed, no traceback, and every error at its place."""
    assert code in allowed, output
    assert "Traceback" not in output
    if code == 2:
        for line in output.splitlines():
            assert LOCATED.match(line) or COUNT.match(line), line


def checked(folder: Path) -> bool:
    """Run check on the negotiation; return whether it accepts the files."""
    code, output = invoke("check", str(folder))
    assert_clean(code, output, (0, 2))
    return code == 0


def run_writer(folder: Path, accepted: bool, *args: str) -> None:
    code, output = invoke(*args)
    assert_clean(code, output, (0, 1) if accepted else (0, 1, 2))


@FUZZ
@given(change=changes)
def test_check_and_text_diff(tmp_path: Path, change: tuple[str, list[Mutation]]) -> None:
    folder = mutated(tmp_path / "wga", change)
    accepted = checked(folder)
    old, new = str(folder / "01-guild-1.yaml"), str(folder / "02-producers-1.yaml")
    run_writer(folder, accepted, "diff", old, new, "--color", "always")
    run_writer(folder, accepted, "diff", str(folder / "agreement-2020.yaml"), new, "--stat")
    name = str(folder / change[0])  # as git hands a changed file to its diff driver
    code, output = invoke("git-diff", name, str(SAMPLES / change[0]), "0" * 40, "100644",
                          name, "1" * 40, "100644")  # fmt: skip
    assert code == 0 and "Traceback" not in output
    assert output.startswith(f"diff --contracttools a/{name} b/{name}\n")


@FUZZ
@given(change=changes, fmt=st.sampled_from(("json", "markdown", "html")))
def test_diff_writers(tmp_path: Path, change: tuple[str, list[Mutation]], fmt: str) -> None:
    folder = mutated(tmp_path / "wga", change)
    accepted = checked(folder)
    old, new = str(folder / "01-guild-1.yaml"), str(folder / "02-producers-1.yaml")
    run_writer(folder, accepted, "diff", old, new, "--format", fmt)


@FUZZ
@given(change=changes, fmt=st.sampled_from(("md", "html")))
def test_summary_and_packet(tmp_path: Path, change: tuple[str, list[Mutation]], fmt: str) -> None:
    folder = mutated(tmp_path / "wga", change)
    accepted = checked(folder)
    out = str(tmp_path / f"out.{fmt}")
    run_writer(folder, accepted, "summary", str(folder), "--team-copy", "-o", out)
    if fmt == "html":
        proposal = str(folder / "02-producers-1.yaml")
        run_writer(folder, accepted, "packet", proposal, "--signoff", "-o", out)


@settings(FUZZ, max_examples=6 * SCALE)
@given(change=changes, fmt=st.sampled_from(("pdf", "docx")))
def test_paged_writers(tmp_path: Path, change: tuple[str, list[Mutation]], fmt: str) -> None:
    folder = mutated(tmp_path / "wga", change)
    accepted = checked(folder)
    out = str(tmp_path / f"out.{fmt}")
    run_writer(folder, accepted, "packet", str(folder / "02-producers-1.yaml"), "-o", out)
    if fmt == "docx":
        run_writer(folder, accepted, "summary", str(folder), "-o", out)
        run_writer(folder, accepted, "diff", str(folder / "01-guild-1.yaml"),
                   str(folder / "03-guild-2.yaml"), "-o", out)  # fmt: skip


@pytest.mark.parametrize(
    "name, value",
    [(name, value) for name in ("01-guild-1.yaml", "negotiation.yaml") for value in VALUES[:10]],
)
def test_every_odd_value_in_every_place_of_a_file(tmp_path: Path, name: str, value: str) -> None:
    """Each odd value put in each line of a file in turn (not drawn: every one)."""
    lines = (SAMPLES / name).read_text(encoding="utf-8").count("\n")
    for line in range(0, lines, 4):
        folder = mutated(tmp_path / "wga", (name, [Mutation("value", line, 0, value)]))
        checked(folder)
