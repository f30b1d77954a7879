"""A 120-range x 12-step salary schedule, every figure raised 3%: the table's diff and its PDF.

    .venv/bin/python benchmarks/schedule_table.py [--ranges 120] [--steps 12] [--runs 3]

Writes the schedule as a one-clause agreement before and after the raise (figures in
Decimal, to the cent, half up), then times in the same run: the table diff in process,
`contracttools diff OLD NEW -o x.pdf` end to end, and `contracttools render NEW -o y.pdf`
(the new table alone, clean) end to end; prints the PDF's cost over the render.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CENT = Decimal("0.01")


def rows(ranges: int, steps: int, factor: Decimal) -> list[list[str]]:
    """Return the schedule's rows, header first, every figure times `factor` (half up)."""
    out = [["Range", *(f"Step {s}" for s in range(1, steps + 1))]]
    for r in range(1, ranges + 1):
        figures = []
        for s in range(1, steps + 1):
            base = Decimal(2500 + 41 * r + 17 * s) + Decimal((r * 7 + s * 3) % 100) / 100
            figures.append((base * factor).quantize(CENT, ROUND_HALF_UP))
        out.append([str(r), *(f"${f:,}" for f in figures)])
    return out


def agreement(name: str, table: list[list[str]]) -> str:
    """Return a one-clause agreement holding the schedule as a pipe table."""
    lines = ["| " + " | ".join(table[0]) + " |", "|" + " --- |" * len(table[0])]
    lines += ["| " + " | ".join(row) + " |" for row in table[1:]]
    clause = {
        "id": "salary-schedule",
        "number": "Appendix A",
        "title": "Salary Schedule",
        "text": "\n".join(lines) + "\n",
    }
    document = {"kind": "agreement", "id": name, "title": name.title(), "clauses": [clause]}
    return yaml.safe_dump(document, sort_keys=False, width=10_000)


def write_pair(folder: Path, ranges: int, steps: int) -> tuple[Path, Path]:
    """Write old.yaml and new.yaml (raised 3%) into folder."""
    old, new = folder / "old.yaml", folder / "new.yaml"
    old.write_text(agreement("old", rows(ranges, steps, Decimal(1))), encoding="utf-8")
    new.write_text(agreement("new", rows(ranges, steps, Decimal("1.03"))), encoding="utf-8")
    return old, new


def diff_seconds(ranges: int, steps: int, runs: int) -> float:
    """Return the median seconds of the table diff in process."""
    from contracttools.body import Table
    from contracttools.redline.tables import diff_tables

    old = Table(tuple(tuple(r) for r in rows(ranges, steps, Decimal(1))))
    new = Table(tuple(tuple(r) for r in rows(ranges, steps, Decimal("1.03"))))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        diff_tables(old, new)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from benchmarks.run import measure, pages

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ranges", type=int, default=120)
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tool = str(Path(sys.executable).parent / "contracttools")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        old, new = write_pair(work, args.ranges, args.steps)
        seconds = diff_seconds(args.ranges, args.steps, args.runs)
        redline, _ = measure(
            [tool, "diff", str(old), str(new), "-o", str(work / "d.pdf")], args.runs
        )
        alone, _ = measure([tool, "render", str(new), "-o", str(work / "r.pdf")], args.runs)
        print(f"schedule {args.ranges} x {args.steps}: table diff {seconds:.3f} s")
        print(
            f"redline PDF {redline:.2f} s ({pages(work / 'd.pdf')} pages), new table alone "
            f"{alone:.2f} s ({pages(work / 'r.pdf')} pages): {redline / alone:.2f}x"
        )


if __name__ == "__main__":
    main()
