"""Progress on stderr: drawn on a terminal, silent into a pipe or a file and with --quiet."""

from __future__ import annotations

import io
import os
import pty
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import click
import pytest
from click.testing import CliRunner

from contracttools.cli import main
from contracttools.commands import progress
from tests.conftest import SAMPLES

AGREEMENT = str(SAMPLES / "agreement-2020.yaml")
GUILD_1 = str(SAMPLES / "01-guild-1.yaml")


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TextIO, int]]:
    """Yield a pseudo-terminal and its reading end; no delay before a bar."""
    reader, writer = pty.openpty()
    stream = open(writer, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    monkeypatch.setattr(progress, "DELAY", 0)
    yield stream, reader
    stream.close()
    os.close(reader)


def as_stderr(monkeypatch: pytest.MonkeyPatch, stream: TextIO) -> None:
    """Make `stream` stderr (inside the test: pytest's capture resets it between phases)."""
    monkeypatch.setattr(sys, "stderr", stream)


def drawn(stream: TextIO, reader: int) -> str:
    """Return what was written to the terminal so far."""
    stream.flush()
    os.set_blocking(reader, False)
    try:
        return os.read(reader, 1 << 16).decode("utf-8", "replace")
    except BlockingIOError:
        return ""


def test_bar_on_a_terminal(terminal: tuple[TextIO, int], monkeypatch: pytest.MonkeyPatch) -> None:
    as_stderr(monkeypatch, terminal[0])
    assert progress.wanted()
    with progress.progress("Comparing", 2) as shown:
        shown.advance()
    assert "Comparing" in drawn(*terminal)


def test_nothing_into_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    reader, writer = os.pipe()
    stream = open(writer, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    as_stderr(monkeypatch, stream)
    monkeypatch.setattr(progress, "DELAY", 0)
    assert not progress.wanted()
    with progress.progress("Comparing", 2) as shown:
        shown.advance()
    stream.close()
    with open(reader, "rb") as pipe:
        assert pipe.read() == b""


def test_nothing_with_quiet(terminal: tuple[TextIO, int], monkeypatch: pytest.MonkeyPatch) -> None:
    as_stderr(monkeypatch, terminal[0])
    with click.Context(main) as context:
        context.meta[progress.QUIET] = True
        assert not progress.wanted()
        with progress.progress("Comparing", 2) as shown:
            shown.advance()
    assert drawn(*terminal) == ""


def test_nothing_before_the_delay(
    terminal: tuple[TextIO, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    as_stderr(monkeypatch, terminal[0])
    monkeypatch.setattr(progress, "DELAY", 3600)
    with progress.progress("Comparing", 2) as shown:
        shown.advance()
    assert drawn(*terminal) == ""


def test_pages_of_a_pdf(terminal: tuple[TextIO, int], monkeypatch: pytest.MonkeyPatch) -> None:
    as_stderr(monkeypatch, terminal[0])
    from contracttools.documents.comparison import redline_documents
    from contracttools.readers import load_in_context
    from contracttools.writers.options import Options
    from contracttools.writers.table import write

    (old, _), (new, negotiation) = load_in_context(AGREEMENT), load_in_context(GUILD_1)
    redline = redline_documents(old, new, None, negotiation)  # type: ignore[arg-type]
    with progress.pages_progress():
        write("redline", "pdf", redline, Options())
    shown = drawn(*terminal)
    assert "Laying out page 1" in shown
    assert "pages to PDF" in shown


@pytest.mark.parametrize("quiet", [False, True])
def test_cli_quiet(quiet: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--quiet` before any command silences the bar even on a terminal."""
    monkeypatch.setattr(progress, "DELAY", 0)
    runner = CliRunner()
    stderr = io.StringIO()
    monkeypatch.setattr(progress, "_terminal", lambda: stderr)
    args = ["diff", AGREEMENT, GUILD_1, "-o", str(tmp_path / "x.json")]
    result = runner.invoke(main, (["--quiet"] if quiet else []) + args)
    assert result.exit_code == 1, result.output
    assert ("Comparing" in stderr.getvalue()) is not quiet
