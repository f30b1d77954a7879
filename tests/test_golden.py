"""Golden redlines: tests/cases/*.yaml hold old clauses, new clauses and the expected redline.

Regenerate after a deliberate change with `CONTRACTTOOLS_REGEN=1 pytest tests/test_golden.py`,
then read the diff of tests/cases/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from contracttools.readers import load_agreement
from contracttools.redline import compare
from contracttools.writers import json as json_writer
from contracttools.writers import terminal
from contracttools.writers.options import Options

CASES = Path(__file__).parent / "cases"


def agreement(name: str, clauses: list[dict[str, Any]]) -> bytes:
    document = {"kind": "agreement", "id": name, "title": name.title(), "clauses": clauses}
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode()


def redline_text(case: dict[str, Any]) -> str:
    old = load_agreement("old.yaml", agreement("old", case["old"]))
    new = load_agreement("new.yaml", agreement("new", case["new"]))
    redline = compare(old, new)
    text = terminal.write(redline, Options())
    return text.split("\n", 2)[2]  # the two lines naming the files say nothing here


class _Literal(str):
    pass


yaml.add_representer(
    _Literal, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
)


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_golden(path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    actual = redline_text(case)
    if os.environ.get("CONTRACTTOOLS_REGEN"):
        case["expected"] = _Literal(actual)
        path.write_text(
            yaml.dump(case, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
        )
    assert actual == case["expected"]


def test_json_rebuilds_both_texts_for_every_case() -> None:
    for path in sorted(CASES.glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        old = load_agreement("old.yaml", agreement("old", case["old"]))
        new = load_agreement("new.yaml", agreement("new", case["new"]))
        data = json_writer.document(compare(old, new))
        for side, document, skip in (("old", old, "insert"), ("new", new, "delete")):
            absent = "inserted" if side == "old" else "deleted"
            rebuilt = {
                c[side]["id"]: [
                    text
                    for b in c["blocks"]
                    if b["status"] != absent
                    for text in _block_text(b, skip)
                ]
                for c in data["clauses"]
                if c[side] is not None
            }
            expected = {c.id: [_model_text(b) for b in c.blocks] for c, _ in document.walk()}
            assert rebuilt == expected, path.stem


def _block_text(block: dict[str, Any], skip: str) -> list[str]:
    """Return a block's texts on one side: paragraphs merged or split hold several."""
    absent = "inserted" if skip == "insert" else "deleted"

    def text(spans: list[dict[str, str]]) -> str:
        return "".join(s["text"] for s in spans if s["op"] != skip)

    if block["type"] == "paragraph":
        return text(block["spans"]).split("\n")
    rows = [
        " | ".join(text(cell["spans"]) for cell in row["cells"] if cell["status"] != absent)
        for row in block["rows"]
        if row["status"] != absent
    ]
    return ["\n".join(rows)]


def _model_text(block: object) -> str:
    return block.text  # type: ignore[attr-defined, no-any-return]
