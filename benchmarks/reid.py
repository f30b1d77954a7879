"""Benchmark: 2,000 clauses all given new ids, small vocabulary (near-text matching at size).

    .venv/bin/python benchmarks/reid.py [--articles 125] [--sections 15] [--subset 300]

Generates, seeded, an agreement whose sections are written from a vocabulary of a few
hundred words, and a successor with every id regenerated (articles too), every section
lightly edited (so no text is the same), some sections inserted, deleted and moved: all
of the pairing rests on near-text matching and on pairing articles by their sections.

Prints, in the same run:
- the exhaustive matcher (every unpaired old clause scored against every unpaired new
  one with `blocks.similarity`, the pairing rule without an index) on a subset, and the
  indexed matcher on the same subset: their times and whether they paired alike;
- the indexed matcher on the whole agreement, with the exhaustive one's time on it
  extrapolated from the subset (it grows as the square);
- `compare` end to end on the whole agreement (alignment, then the word diffs), and how
  many sections and articles were paired with their true successor.

Times are CPU seconds of this process (the median of --runs; the exhaustive run once).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

import yaml

from contracttools.readers import load_agreement
from contracttools.redline import compare
from contracttools.redline.align import NEAR_THRESHOLD, Entry, match_clauses
from contracttools.redline.documents import agreement_entries
from contracttools.redline.similar import similarity

SYLLABLES = ["ra", "po", "ten", "di", "mur", "sa", "ke", "lo", "vin", "tu", "mar", "es", "on"]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    """Return `size` distinct made-up words."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))))
    return sorted(words)


def body(rng: random.Random, words: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(4, 9)):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(10, 18)))
        sentences.append(sentence.capitalize() + ".")
    return " ".join(sentences)


def edit(rng: random.Random, text: str, words: list[str], share: float = 0.05) -> str:
    """Replace about `share` of the words: near, never the same."""
    out = text.split()
    for _ in range(max(1, round(len(out) * share))):
        out[rng.randrange(len(out))] = rng.choice(words)
    out.append(rng.choice(words) + ".")
    return " ".join(out)


def pair(
    articles: int, sections: int, vocabulary_size: int, seed: int
) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """Return (old agreement, new agreement, old id -> its successor's new id)."""
    rng = random.Random(seed)
    words = vocabulary(rng, vocabulary_size)
    old: list[dict[str, Any]] = []
    for a in range(1, articles + 1):
        children = [
            {"id": f"a{a}.s{s}", "number": f"{a}.{s}", "title": "", "text": body(rng, words)}
            for s in range(1, sections + 1)
        ]
        old.append({"id": f"a{a}", "number": f"Article {a}", "title": "", "clauses": children})
    fresh = iter(rng.sample(range(16**6), articles * sections * 3))
    truth: dict[str, str] = {}
    new: list[dict[str, Any]] = []
    moving: list[dict[str, Any]] = []
    for article in old:
        children = []
        for section in article["clauses"]:
            fate = rng.random()
            if fate < 0.02:
                continue  # deleted
            if fate < 0.04:
                children.append({"id": f"x{next(fresh):06x}", "text": body(rng, words)})  # added
            successor = {"id": f"x{next(fresh):06x}", "text": edit(rng, section["text"], words)}
            truth[section["id"]] = successor["id"]
            (moving if fate > 0.99 else children).append(successor)
        container: dict[str, Any] = {"id": f"x{next(fresh):06x}", "clauses": children}
        truth[article["id"]] = container["id"]
        new.append(container)
    for section in moving:
        rng.choice(new)["clauses"].append(section)
    for a, article in enumerate(new, 1):
        article.update(number=f"Article {a}", title="")
        for s, section in enumerate(article["clauses"], 1):
            section.update(number=f"{a}.{s}", title="")
    return _agreement("old", old), _agreement("new", new), truth


def _agreement(name: str, clauses: list[dict[str, Any]]) -> dict[str, Any]:
    return {"kind": "agreement", "id": name, "title": name, "clauses": clauses}


def load(document: dict[str, Any]) -> Any:
    return load_agreement(f"{document['id']}.yaml", yaml.safe_dump(document).encode())


def exhaustive(old: list[Entry], new: list[Entry]) -> dict[int, int]:
    """Pair clauses with text by scoring every pair (ids all differ): the reference."""
    scored = []
    for j, b in enumerate(new):
        for i, a in enumerate(old):
            if a.text.strip() and b.text.strip():
                score = similarity(a.text, b.text)
                if score >= NEAR_THRESHOLD:
                    scored.append((score, j, i))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _score, j, i in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if j not in pairs and i not in used:
            pairs[j] = i
            used.add(i)
    return pairs


def timed(function: Callable[[], object], runs: int) -> tuple[float, Any]:
    """Return the median CPU seconds of a call, and its result.

    CPU time, not wall time: the work is single-threaded, and on a shared machine the
    wall clock mostly measures the other processes.
    """
    times, result = [], None
    for _ in range(runs):
        start = time.process_time()
        result = function()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=125)
    parser.add_argument("--sections", type=int, default=15)
    parser.add_argument("--vocabulary", type=int, default=300)
    parser.add_argument("--subset", type=int, default=300, help="clauses for the exhaustive run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    old_doc, new_doc, truth = pair(args.articles, args.sections, args.vocabulary, args.seed)
    old, new = load(old_doc), load(new_doc)
    old_entries, new_entries = agreement_entries(old), agreement_entries(new)
    sections = [e for e in old_entries if e.text.strip()]
    print(
        f"{len(old_entries)} old clauses ({len(sections)} sections), {len(new_entries)} new, "
        f"every id new, vocabulary of {args.vocabulary} words"
    )

    leaves_old = [e for e in old_entries if e.text.strip()][: args.subset]
    leaves_new = [e for e in new_entries if e.text.strip()][: args.subset]
    slow, reference = timed(lambda: exhaustive(leaves_old, leaves_new), 1)
    fast, indexed = timed(lambda: match_clauses(leaves_old, leaves_new), args.runs)
    alike = "the same pairs" if indexed == reference else "DIFFERENT pairs"
    print(
        f"subset of {len(leaves_old)} x {len(leaves_new)}: exhaustive {slow:.2f} s, "
        f"indexed {fast:.3f} s ({slow / fast:.0f}x faster), {alike}"
    )

    full, pairs = timed(lambda: match_clauses(old_entries, new_entries), args.runs)
    estimate = slow * (len(old_entries) / len(leaves_old)) * (len(new_entries) / len(leaves_new))
    print(
        f"whole agreement: indexed matcher {full:.2f} s; "
        f"exhaustive about {estimate:.0f} s (extrapolated from the subset)"
    )
    end_to_end, redline = timed(lambda: compare(old, new), args.runs)
    found = {old_entries[i].id: new_entries[j].id for j, i in pairs.items()}
    right = sum(found.get(o) == n for o, n in truth.items())
    articles = [o for o in truth if "." not in o]
    right_articles = sum(found.get(o) == truth[o] for o in articles)
    print(
        f"compare end to end: {end_to_end:.2f} s; "
        f"{right - right_articles} of {len(truth) - len(articles)} surviving sections and "
        f"{right_articles} of {len(articles)} articles paired with their successor; "
        f"{redline.stats()['clauses']['moved']} moved"
    )


if __name__ == "__main__":
    main()
