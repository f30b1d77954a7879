"""A real-size pair of terms: a published agreement imported at test time, and a seeded next term.

The agreement's text stays in the corpus (../shared/corpus, outside the repository); only
the changes are made here: titles added, removed and changed, words and paragraphs edited,
sections added, deleted, moved within their article and to another article (with their
subsections), and every dollar figure raised 3% (a general wage increase).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.conftest import invoke as run

CORPUS = ROOT.parent / "shared" / "corpus"
OAKLAND = CORPUS / "oea_cba-2018-2021_oakland.pdf"
Clause = dict[str, Any]


def _walk(clauses: list[Clause]) -> Iterator[tuple[Clause, list[Clause]]]:
    for clause in clauses:
        yield clause, clauses
        yield from _walk(clause.get("clauses", []))


def raised(text: str, rate: Decimal = Decimal("1.03")) -> str:
    """Return text with every dollar figure raised by `rate`, rounded half up to its own cents
    (or dollars, where it has none)."""

    def up(found: re.Match[str]) -> str:
        figure = found.group(1)
        step = Decimal("0.01") if "." in figure else Decimal("1")
        value = (Decimal(figure.replace(",", "")) * rate).quantize(step, ROUND_HALF_UP)
        return f"${value:,}"

    return re.sub(r"\$(\d[\d,]*(?:\.\d+)?)", up, text)


def _edit_words(rng: random.Random, text: str) -> str:
    paragraphs = text.split("\n\n")
    k = rng.randrange(len(paragraphs))
    if not paragraphs[k].lstrip().startswith("|"):
        words = paragraphs[k].split(" ")
        at = rng.randrange(len(words))
        replacement = rng.choice(["thirty (30)", "the District", "promptly", "in writing"])
        words[at : at + rng.randint(1, 3)] = replacement.split()
        paragraphs[k] = " ".join(words)
    return "\n\n".join(paragraphs)


def next_term(document: dict[str, Any], seed: int = 21) -> dict[str, Any]:
    """Return a seeded next term of an agreement (a copy; the document is not touched)."""
    rng = random.Random(seed)
    revised: dict[str, Any] = yaml.safe_load(yaml.safe_dump(document))
    for clause, _ in list(_walk(revised["clauses"])):
        text = clause.get("text") or ""
        if "$" in text:
            clause["text"] = text = raised(text)
        roll = rng.random()
        if roll < 0.04:
            clause["title"] = f"{clause['title']} and Review" if clause.get("title") else "Review"
        elif roll < 0.06:
            clause["title"] = ""
        elif roll < 0.16 and text:
            clause["text"] = _edit_words(rng, text)
        elif roll < 0.18 and text:
            paragraphs = text.split("\n\n")
            paragraphs.insert(rng.randint(0, len(paragraphs)), "A paragraph new in this term.")
            clause["text"] = "\n\n".join(paragraphs)
    added = 0
    for clause, siblings in list(_walk(revised["clauses"])):
        roll = rng.random()
        if roll < 0.015 and clause in siblings:
            siblings.remove(clause)
        elif roll < 0.025 and clause in siblings:
            added += 1
            siblings.insert(
                siblings.index(clause) + 1,
                {
                    "id": f"new-{added}",
                    "number": f"{clause.get('number') or ''}.{added}A",
                    "title": f"New Section {added}",
                    "text": "The parties agree to a section new in this term.",
                },
            )
    tops = revised["clauses"]
    for clause, siblings in list(_walk(tops)):
        if rng.random() < 0.01 and clause in siblings and siblings is not tops:
            siblings.remove(clause)
            target = rng.choice(tops)
            clause["number"] = f"{target.get('number') or ''}.{len(target.get('clauses', [])) + 1}"
            target.setdefault("clauses", []).insert(rng.randint(0, len(target["clauses"])), clause)
        elif rng.random() < 0.01 and clause in siblings and len(siblings) > 2:
            at = siblings.index(clause)
            siblings.insert(max(0, at - 2), siblings.pop(at))
    for clause, _ in list(_walk(tops)):
        if "clauses" in clause and not clause["clauses"]:
            del clause["clauses"]
    return revised


def pair(folder: Path) -> tuple[str, str]:
    """Import the Oakland agreement into `folder` and write its next term; skip without it."""
    if not OAKLAND.is_file():
        pytest.skip(f"no corpus at {CORPUS}")
    old, new = folder / "old.yaml", folder / "new.yaml"
    code, output = run("-q", "import", str(OAKLAND), "-o", str(old))
    assert code == 0, output
    document = yaml.safe_load(old.read_text(encoding="utf-8"))
    new.write_text(
        yaml.safe_dump(next_term(document), sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return str(old), str(new)
