"""Shared fixtures: small contract files written on the fly."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

if os.environ.get("CI"):
    # In CI the generated examples are the same on every run: a property that fails
    # there fails on a developer's machine with CI=1 too. Elsewhere each run explores.
    settings.register_profile("ci", derandomize=True, database=None)
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "wga-2023"

AGREEMENT = """\
kind: agreement
id: base
title: Base Agreement
clauses:
  - id: pay
    number: Article 1
    title: Pay
    clauses:
      - id: pay.increase
        number: "1.A"
        title: Increases
        text: |
          Each minimum shall be increased by three percent (3%).
      - id: pay.timing
        number: "1.B"
        title: Time of Payment
        text: Payment is due within seven (7) days.
"""

Writer = Callable[[str, str], Path]


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run the command line in-process; return its exit status and output (never a traceback)."""
    from click.testing import CliRunner

    from contracttools.cli import main

    result = CliRunner().invoke(main, list(args), env=env)
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Return a function that writes a file (dedented) into a temporary folder."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write
