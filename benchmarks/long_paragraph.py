"""One very long paragraph with scattered edits: the word diff against `git diff --word-diff`.

    .venv/bin/python benchmarks/long_paragraph.py [--words 14400] [--edits 1200] [--runs 3]

Builds a paragraph of the sample agreement's sentences (seeded), makes scattered edits
(a word replaced, inserted or deleted; a figure changed), then times the word diff in
process and `git diff --no-index --word-diff` on the same two texts, in the same run,
and checks that the result is a real word diff (not one deletion and one insertion).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import _paragraph, _sentences
from contracttools.redline import Span, diff_words, new_text, old_text
from contracttools.redline.model import count_words

_REPLACEMENTS = ["Employer", "Union", "promptly", "written", "each", "such", "any", "weekly"]


def paragraphs(words: int, edits: int, seed: int) -> tuple[str, str]:
    """Return a paragraph of about `words` words and the same with `edits` scattered edits."""
    rng = random.Random(seed)
    old = _paragraph(rng, _sentences(), words).split(" ")
    new = list(old)
    for index in sorted(rng.sample(range(len(new)), edits), reverse=True):
        kind = rng.choice(["replace", "replace", "insert", "delete", "figure"])
        if kind == "replace":
            new[index] = rng.choice(_REPLACEMENTS)
        elif kind == "insert":
            new.insert(index, rng.choice(_REPLACEMENTS))
        elif kind == "delete":
            del new[index]
        else:
            new[index] = f"${rng.randint(100, 99999):,}"
    return " ".join(old), " ".join(new)


def git_word_diff(old: str, new: str, runs: int) -> float:
    """Return the median seconds of `git diff --no-index --word-diff` on the two texts."""
    with tempfile.TemporaryDirectory() as folder:
        a, b = Path(folder) / "old.txt", Path(folder) / "new.txt"
        a.write_text(old + "\n", encoding="utf-8")
        b.write_text(new + "\n", encoding="utf-8")
        command = ["git", "diff", "--no-index", "--word-diff", str(a), str(b)]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=14400)
    parser.add_argument("--edits", type=int, default=1200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    old, new = paragraphs(args.words, args.edits, args.seed)
    times = []
    spans: tuple[Span, ...] = ()
    for _ in range(args.runs):
        start = time.perf_counter()
        spans = diff_words(old, new)
        times.append(time.perf_counter() - start)
    ours = statistics.median(times)
    reference = git_word_diff(old, new, args.runs)
    changes = sum(1 for s in spans if s.op != "equal")
    assert old_text(spans) == old and new_text(spans) == new
    kept = count_words(spans, "equal")
    print(f"paragraph: {len(old.split())} words, {args.edits} edits (seed {args.seed})")
    print(
        f"word diff: {ours:.3f} s (median of {args.runs}), {changes} marked spans, {kept} words kept"
    )
    print(f"git diff --no-index --word-diff: {reference:.3f} s; ratio {ours / reference:.1f}x git")
    real = kept > 0 and changes > 2
    print("result: " + ("a word diff" if real else "NOT a word diff (one deletion, one insertion)"))


if __name__ == "__main__":
    main()
