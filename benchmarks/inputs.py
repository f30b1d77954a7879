"""Seeded generators for the hard inputs: what real contracts throw at the tool.

    python benchmarks/inputs.py OUT_DIR [--only heavy,paragraph,reids,wide,many] [--seed 2023]

Each set is a pair of files (`NAME-old.yaml`, `NAME-new.yaml`), except `many`:

- `heavy`: a 1,300-section agreement and its successor's blackline, heavily marked (most
  sections amended with scattered word changes, every wage table's figures raised,
  paragraphs added and struck, sections added, deleted and moved);
- `paragraph`: one clause holding one paragraph of 14,400 words, with 1,200 scattered edits;
- `reids`: 2,000 clauses from a small vocabulary, every one given a new id in the new file
  (two in five of them also edited);
- `wide`: one clause holding a 5-row, 10,000-column table, a few cells changed;
- `many`: `many-100000.yaml` (100,000 short clauses) and `many-2000.yaml` (the first 2,000
  of the same generator), for `check`.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import _body, _paragraph, _sentences

Document = dict[str, Any]


def _agreement(identifier: str, clauses: list[Document]) -> Document:
    return {
        "kind": "agreement",
        "id": identifier,
        "title": f"{identifier} (generated)",
        "effective": "2020-05-02",
        "clauses": clauses,
    }


def _edit_words(rng: random.Random, words: list[str], sentences: list[str], every: int) -> None:
    """Replace one to three words about every `every` words (in place)."""
    at = rng.randint(0, every)
    while at < len(words):
        words[at : at + rng.randint(1, 3)] = _paragraph(rng, sentences, 3).split()[
            : rng.randint(1, 3)
        ]
        at += rng.randint(every // 2, every + every // 2)


def _raise_table(table: str, percent: float) -> str:
    """Return a wage table with every dollar figure raised by `percent`."""
    import re

    return re.sub(
        r"\$([\d,]+)",
        lambda m: f"${round(int(m.group(1).replace(',', '')) * (1 + percent / 100)):,}",
        table,
    )


def heavy(seed: int, sections: int = 1300) -> tuple[Document, Document]:
    """Return a 1,300-section agreement and its successor, heavily marked."""
    rng = random.Random(seed)
    sentences = _sentences()
    articles: list[Document] = []
    for number in range(1, sections // 15 + 2):
        made = sum(len(a["clauses"]) for a in articles)
        count = min(15, sections - made)
        if count <= 0:
            break
        articles.append(
            {
                "id": f"a{number}",
                "number": f"Article {number}",
                "title": f"Article {number}",
                "clauses": [
                    {
                        "id": f"a{number}.s{s}",
                        "number": f"{number}.{s}",
                        "title": f"Section {number}.{s}",
                        "text": _body(rng, sentences, made + s),
                    }
                    for s in range(1, count + 1)
                ],
            }
        )
    old = _agreement("heavy-2020", articles)
    new: Document = yaml.safe_load(yaml.safe_dump(old))
    new["id"] = "heavy-2023"
    every = [s for a in new["clauses"] for s in a["clauses"]]
    for section in every:
        roll = rng.random()
        if roll < 0.30:
            continue  # unchanged
        paragraphs = section["text"].split("\n\n")
        for k, paragraph in enumerate(paragraphs):
            if paragraph.startswith("|"):
                paragraphs[k] = _raise_table(paragraph, rng.choice([3, 3.5, 4]))
            else:
                words = paragraph.split()
                _edit_words(rng, words, sentences, 14)
                paragraphs[k] = " ".join(words)
        if rng.random() < 0.15:
            paragraphs.insert(rng.randint(0, len(paragraphs)), _paragraph(rng, sentences, 50))
        if rng.random() < 0.08 and len(paragraphs) > 1:
            del paragraphs[rng.randrange(len(paragraphs))]
        section["text"] = "\n\n".join(paragraphs)
    for _ in range(sections // 50):  # 2% deleted
        article = rng.choice(new["clauses"])
        if len(article["clauses"]) > 1:
            article["clauses"].pop(rng.randrange(len(article["clauses"])))
    for n in range(sections // 100):  # 1% moved and renumbered
        source, target = rng.choice(new["clauses"]), rng.choice(new["clauses"])
        if len(source["clauses"]) > 1:
            moved = source["clauses"].pop(rng.randrange(len(source["clauses"])))
            moved["number"] = f"{target['number'].split()[-1]}.M{n}"
            target["clauses"].append(moved)
    for n in range(sections // 50):  # 2% added
        target = rng.choice(new["clauses"])
        target["clauses"].insert(
            rng.randint(0, len(target["clauses"])),
            {
                "id": f"new{n}",
                "number": f"{target['number'].split()[-1]}.N{n}",
                "title": f"New Section {n}",
                "text": _body(rng, sentences, n),
            },
        )
    return old, new


def paragraph(seed: int, words: int = 14_400, edits: int = 1_200) -> tuple[Document, Document]:
    """Return two one-clause agreements: a 14,400-word paragraph with 1,200 scattered edits."""
    rng = random.Random(seed)
    sentences = _sentences()
    old_words = _paragraph(rng, sentences, words).split()[:words]
    new_words = list(old_words)
    for at in sorted(rng.sample(range(len(new_words) - 3), edits), reverse=True):
        new_words[at : at + rng.randint(0, 2)] = _paragraph(rng, sentences, 3).split()[
            : rng.randint(1, 3)
        ]

    def one(text: list[str], identifier: str) -> Document:
        clause = {"id": "long", "number": "1", "title": "Long", "text": " ".join(text)}
        return _agreement(identifier, [clause])

    return one(old_words, "paragraph-old"), one(new_words, "paragraph-new")


VOCABULARY = (  # noqa: SIM905
    "the producer shall pay each writer employed under this agreement minimum "
    "compensation not less than set out in schedule a for every week of employment "
    "or part thereof and any writer may request payment by the company within days "
    "of delivery of literary material including story treatment screenplay teleplay "
    "outline rewrite polish option purchase fee credit residual reuse notice term "
    "guild member health pension plan contribution percent gross exhibition service "
    "subscription program episode series season budget high low rate step year month"
).split()


EDITED = 0.4
"""The share of re-id'd clauses also edited (the rest keep their text and match on it)."""


def reids(seed: int, count: int = 2_000) -> tuple[Document, Document]:
    """Return 2,000 clauses from a small vocabulary, and the same clauses all under new ids."""
    rng = random.Random(seed)

    def body() -> str:
        return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(40, 80))) + "."

    clauses = [
        {"id": f"c{n}", "number": f"{n}", "title": f"Clause {n}", "text": body()}
        for n in range(1, count + 1)
    ]
    renamed: list[Document] = []
    for clause in clauses:
        copy = {**clause, "id": f"x{clause['id']}"}
        if rng.random() < EDITED:
            words = copy["text"].split()
            at = rng.randrange(len(words))
            words[at : at + 2] = [rng.choice(VOCABULARY) for _ in range(rng.randint(1, 3))]
            copy["text"] = " ".join(words)
        renamed.append(copy)
    return _agreement("reids-old", clauses), _agreement("reids-new", renamed)


def wide(seed: int, rows: int = 5, columns: int = 10_000) -> tuple[Document, Document]:
    """Return two one-clause agreements holding a 5-row, 10,000-column table, a few cells changed."""
    rng = random.Random(seed)
    header = [f"Step {c + 1}" for c in range(columns)]
    body = [[f"${rng.randint(800, 4000):,}" for _ in range(columns)] for _ in range(rows - 1)]
    changed = [list(row) for row in body]
    for _ in range(columns // 100):
        r, c = rng.randrange(rows - 1), rng.randrange(columns)
        changed[r][c] = f"${rng.randint(800, 4000):,}"

    def table(cells: list[list[str]]) -> str:
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * columns]
        lines += ["| " + " | ".join(row) + " |" for row in cells]
        return "Weekly minimums by step.\n\n" + "\n".join(lines)

    def one(cells: list[list[str]], identifier: str) -> Document:
        clause = {"id": "schedule", "number": "1", "title": "Schedule", "text": table(cells)}
        return _agreement(identifier, [clause])

    return one(body, "wide-old"), one(changed, "wide-new")


def many(seed: int, count: int = 100_000) -> Document:
    """Return an agreement of `count` short clauses: articles of 20 sections of 25 to 40 words."""
    rng = random.Random(seed)
    sentences = _sentences()
    articles: list[Document] = []
    made = 0
    while made < count:
        number = len(articles) + 1
        children = [
            {
                "id": f"a{number}.s{s}",
                "number": f"{number}.{s}",
                "title": f"Section {number}.{s}",
                "text": _paragraph(rng, sentences, rng.randint(25, 40)),
            }
            for s in range(1, min(20, count - made - 1) + 1)
        ]
        articles.append(
            {
                "id": f"a{number}",
                "number": f"Article {number}",
                "title": f"Article {number}",
                "clauses": children,
            }
        )
        made += 1 + len(children)
    return _agreement(f"many-{count}", articles)


def _dump(path: Path, document: Document) -> None:
    path.write_text(
        yaml.dump(
            document, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100
        ),
        encoding="utf-8",
    )


PAIRS: dict[str, Callable[[int], tuple[Document, Document]]] = {
    "heavy": heavy,
    "paragraph": paragraph,
    "reids": reids,
    "wide": wide,
}


def write(out: Path, only: list[str], seed: int) -> None:
    """Write the named input sets into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for name in only:
        if name == "many":
            _dump(out / "many-100000.yaml", many(seed, 100_000))
            _dump(out / "many-2000.yaml", many(seed, 2_000))
        else:
            old, new = PAIRS[name](seed)
            _dump(out / f"{name}-old.yaml", old)
            _dump(out / f"{name}-new.yaml", new)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--only", default="heavy,paragraph,reids,wide,many")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    write(args.out, args.only.split(","), args.seed)
    print(f"wrote {args.out}: {args.only}")


if __name__ == "__main__":
    main()
