"""A wage schedule flattened to one paragraph, every figure raised 3%: the word diff timed.

    .venv/bin/python benchmarks/schedule_paragraph.py [--ranges 120] [--steps 12] [--runs 3]

What a PDF import of a wage table gives: "Range 1 Step 1 $3,048.01 $36,576.12 ..." for
120 ranges x 12 steps, six figures a step (14,400 words).  Every figure changes, the
"Range N Step S" labels do not.  Times the word diff in process and
`git diff --no-index --word-diff` on the same two texts in the same run, and counts the
unchanged words kept (4 a step: 5,760 at the default size).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.long_paragraph import git_word_diff
from contracttools.redline import Span, diff_words, new_text, old_text
from contracttools.redline.model import count_words

_COLUMNS = (Decimal(1), Decimal(12), Decimal("0.46"), Decimal("0.23"), Decimal(26), Decimal(2))


def schedule(ranges: int, steps: int, factor: Decimal) -> str:
    """Return the schedule as one paragraph, every figure times `factor` (cents, half up)."""
    parts = []
    for r in range(1, ranges + 1):
        for s in range(1, steps + 1):
            base = Decimal(3000 + r * 37 + s * 11) + Decimal(r * s % 97) / 100
            figures = [
                (base * column * factor).quantize(Decimal("0.01"), ROUND_HALF_UP)
                for column in _COLUMNS
            ]
            parts.append(f"Range {r} Step {s} " + " ".join(f"${f:,}" for f in figures))
    return " ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ranges", type=int, default=120)
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    old = schedule(args.ranges, args.steps, Decimal(1))
    new = schedule(args.ranges, args.steps, Decimal("1.03"))
    times = []
    spans: tuple[Span, ...] = ()
    for _ in range(args.runs):
        start = time.perf_counter()
        spans = diff_words(old, new)
        times.append(time.perf_counter() - start)
    ours = statistics.median(times)
    reference = git_word_diff(old, new, args.runs)
    assert old_text(spans) == old and new_text(spans) == new
    kept = count_words(spans, "equal")
    labels = 4 * args.ranges * args.steps
    print(f"schedule paragraph: {len(old.split())} words, {args.ranges} x {args.steps} steps")
    print(f"word diff: {ours:.3f} s (median of {args.runs}), {kept} of {labels} label words kept")
    print(f"git diff --no-index --word-diff: {reference:.3f} s; ratio {ours / reference:.1f}x git")


if __name__ == "__main__":
    main()
