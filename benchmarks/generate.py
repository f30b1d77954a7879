"""Seeded generator: the sample agreement scaled up to a master agreement, and a revision of it.

    python benchmarks/generate.py OUT_DIR [--clauses 2000] [--seed 2023]

Writes OUT_DIR/agreement.yaml (about 2,000 clauses and 300k words, with wage tables) and
OUT_DIR/revised.yaml (about 10% of clauses edited, 1% moved, 1% added, 1% deleted), and
OUT_DIR/proposal.yaml (a proposal amending 40 clauses of agreement.yaml).
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path
from typing import Any

import yaml

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "wga-2023" / "agreement-2020.yaml"
WORDS_PER_CLAUSE = 150
SECTIONS_PER_ARTICLE = 15


def _sentences() -> list[str]:
    """Return the sample agreement's sentences: the raw material, so the text reads as a contract."""
    document = yaml.safe_load(SAMPLES.read_text(encoding="utf-8"))
    texts: list[str] = []
    stack = list(document["clauses"])
    while stack:
        clause = stack.pop()
        stack.extend(clause.get("clauses", []))
        for paragraph in (clause.get("text") or "").split("\n\n"):
            if paragraph.strip() and not paragraph.lstrip().startswith("|"):
                texts.extend(
                    s.strip() + "."
                    for s in re.split(r"\.\s+", " ".join(paragraph.split()))
                    if len(s) > 40
                )
    return sorted(set(texts))


def _paragraph(rng: random.Random, sentences: list[str], words: int) -> str:
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        sentence = rng.choice(sentences)
        sentence = re.sub(
            r"\((\d+)\)", lambda m: f"({int(m.group(1)) + rng.randint(0, 9)})", sentence
        )
        out.append(sentence)
    return " ".join(out)


def _table(rng: random.Random, rows: int) -> str:
    lines = ["| Classification | Year 1 | Year 2 | Year 3 |", "| --- | --- | --- | --- |"]
    base = rng.randint(800, 1600)
    for row in range(rows):
        weekly = base + row * 37
        lines.append(
            f"| Step {row + 1} | ${weekly:,} | ${round(weekly * 1.04):,} | ${round(weekly * 1.07):,} |"
        )
    return "\n".join(lines)


def _body(rng: random.Random, sentences: list[str], number: int) -> str:
    parts: list[str] = []
    remaining = WORDS_PER_CLAUSE
    labels = iter("abcdefgh")
    while remaining > 0:
        size = min(remaining, rng.randint(40, 70))
        text = _paragraph(rng, sentences, size)
        parts.append(f"({next(labels)}) {text}" if len(parts) else text)
        remaining -= len(text.split())
    if number % 20 == 7:
        parts.append(_table(rng, 15))
    return "\n\n".join(parts)


def agreement(count: int, seed: int) -> dict[str, Any]:
    """Return an agreement of about `count` clauses (articles included)."""
    rng = random.Random(seed)
    sentences = _sentences()
    clauses = []
    made = 0
    article = 0
    while made < count:
        article += 1
        sections: list[dict[str, str]] = []
        for section in range(1, SECTIONS_PER_ARTICLE + 1):
            if made + len(sections) + 1 >= count:
                break
            sections.append(
                {
                    "id": f"a{article}.s{section}",
                    "number": f"{article}.{section}",
                    "title": f"Section {article}.{section}",
                    "text": _body(rng, sentences, made + section),
                }
            )
        clauses.append(
            {
                "id": f"a{article}",
                "number": f"Article {article}",
                "title": f"Article {article}",
                "clauses": sections,
            }
        )
        made += len(sections) + 1
    return {
        "kind": "agreement",
        "id": "master",
        "title": "Master Agreement (generated)",
        "effective": "2020-05-02",
        "clauses": clauses,
    }


def revise(document: dict[str, Any], seed: int) -> dict[str, Any]:
    """Return a revision: 10% of sections edited, 1% moved, 1% added, 1% deleted."""
    rng = random.Random(seed + 1)
    sentences = _sentences()
    revised: dict[str, Any] = yaml.safe_load(yaml.safe_dump(document))
    sections = [(a, s) for a in revised["clauses"] for s in a["clauses"]]
    total = len(sections)
    picks = rng.sample(range(total), k=int(total * 0.13))
    edit, move, delete = (
        picks[: total // 10],
        picks[total // 10 : total // 10 + total // 100],
        picks[total // 10 + total // 100 :],
    )
    for index in edit:
        _, section = sections[index]
        paragraphs = section["text"].split("\n\n")
        k = rng.randrange(len(paragraphs))
        if paragraphs[k].startswith("|"):
            lines = paragraphs[k].split("\n")
            lines.insert(rng.randint(3, len(lines)), "| Step 99 | $9,999 | $10,399 | $10,699 |")
            paragraphs[k] = "\n".join(lines)
        else:
            words = paragraphs[k].split()
            at = rng.randrange(len(words))
            words[at : at + rng.randint(1, 4)] = _paragraph(rng, sentences, 5).split()[
                : rng.randint(1, 6)
            ]
            paragraphs[k] = " ".join(words)
        section["text"] = "\n\n".join(paragraphs)
    for index in delete[: total // 100]:
        article, section = sections[index]
        if section in article["clauses"]:
            article["clauses"].remove(section)
    for index in move:
        article, section = sections[index]
        if section not in article["clauses"]:
            continue
        article["clauses"].remove(section)
        target = rng.choice(revised["clauses"])
        section["number"] = f"{target['number'].split()[-1]}.{len(target['clauses']) + 1}"
        target["clauses"].append(section)
    for n in range(total // 100):
        target = rng.choice(revised["clauses"])
        target["clauses"].insert(
            rng.randint(0, len(target["clauses"])),
            {
                "id": f"new{n}",
                "number": f"{target['number'].split()[-1]}.N{n}",
                "title": f"New Section {n}",
                "text": _body(rng, sentences, n),
            },
        )
    return revised


def proposal(document: dict[str, Any], seed: int) -> dict[str, Any]:
    """Return a proposal amending 40 sections (a long pass), for the packet benchmark."""
    rng = random.Random(seed + 2)
    sentences = _sentences()
    sections = [s for a in document["clauses"] for s in a["clauses"]]
    items = []
    for section in rng.sample(sections, 40):
        items.append(
            {
                "clause": section["id"],
                "action": "amend",
                "text": _body(rng, sentences, 1),
                "summary": "Changes this section.",
            }
        )
    return {
        "kind": "proposal",
        "party": "union",
        "number": 1,
        "passed_at": "2023-03-20T10:00:00-07:00",
        "amends": "agreement.yaml",
        "title": "Generated pass",
        "items": items,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--clauses", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    base = agreement(args.clauses, args.seed)
    for name, document in (
        ("agreement", base),
        ("revised", revise(base, args.seed)),
        ("proposal", proposal(base, args.seed)),
    ):
        (args.out / f"{name}.yaml").write_text(
            yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8",
        )
    words = sum(len((s.get("text") or "").split()) for a in base["clauses"] for s in a["clauses"])
    clauses = sum(1 + len(a["clauses"]) for a in base["clauses"])
    print(f"wrote {args.out}: {clauses} clauses, {words} words")


if __name__ == "__main__":
    main()
