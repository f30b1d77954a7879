"""Benchmark: how `check`, the JSON diff, the Word redline and the PDF redline grow.

    .venv/bin/python benchmarks/growth.py [--work DIR] [--sizes 5000,20000]
        [--pdf-sizes 500,2000] [--runs 1]

Each command runs end to end, as a user runs it, in a fresh child process on
`benchmarks/generate.py`'s seeded agreement and revision at each size:

- `contracttools check AGREEMENT`,
- `contracttools diff OLD NEW --format json -o x.json`,
- `contracttools diff OLD NEW -o x.docx` (the changed clauses, tracked),
- `contracttools diff OLD NEW --all -o x.pdf` at the (smaller) PDF sizes, with its pages.

Prints the median CPU seconds (user + system of the child: the machine is shared, and
CPU moves less with the load than the wall clock), wall seconds and the peak resident
memory (`wait4`), then for each command
the growth between the smallest and the largest size as a ratio and an exponent (log of
the time ratio over log of the size ratio: 1 is linear), and for the PDF its CPU seconds
a page at each size (proportional to pages when they agree). The reference is the same
command at the smaller size, in the same run.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scale import inputs  # noqa: E402  (the seeded inputs, generated once)

TOOL = [sys.executable, "-m", "contracttools", "-q"]


def timed(command: list[str]) -> tuple[float, float, float]:
    """Run one command in a child process; return its CPU and wall seconds and peak MB."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: warnings can be long
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        errors.seek(0)
        error = errors.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) not in (0, 1) or "Traceback" in error:
        raise SystemExit(f"failed: {' '.join(command)}\n{error}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def median(command: list[str], runs: int) -> tuple[float, float, float]:
    times = [timed(command) for _ in range(runs)]
    return (
        statistics.median(c for c, _, _ in times),
        statistics.median(w for _, w, _ in times),
        max(m for _, _, m in times),
    )


def pages(pdf: Path) -> int:
    done = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return next(
        int(line.split()[-1]) for line in done.stdout.splitlines() if line.startswith("Pages:")
    )


def exponent(low: tuple[int, float], high: tuple[int, float]) -> tuple[float, float]:
    ratio = high[1] / low[1]
    return ratio, math.log(ratio) / math.log(high[0] / low[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/contracttools-scale"))
    parser.add_argument("--sizes", default="5000,20000")
    parser.add_argument("--pdf-sizes", default="500,2000")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} (shared machine)")
    out = args.work / "out"
    commands: dict[str, Callable[[Path, Path], list[str]]] = {
        "check": lambda old, new: [*TOOL, "check", str(old)],
        "diff --format json": lambda old, new: [
            *TOOL,
            "diff",
            str(old),
            str(new),
            "--format",
            "json",
            "-o",
            f"{out}.json",
        ],
        "diff -o x.docx": lambda old, new: [*TOOL, "diff", str(old), str(new), "-o", f"{out}.docx"],
    }
    sizes = [int(s) for s in args.sizes.split(",") if s]
    cpu: dict[str, list[tuple[int, float]]] = {name: [] for name in commands}
    for size in sizes:
        old, new = inputs(args.work, size)
        for name, make in commands.items():
            seconds, wall, peak = median(make(old, new), args.runs)
            cpu[name].append((size, seconds))
            print(
                f"{size:>7,} clauses  {name:<20} {seconds:7.2f} s CPU {wall:7.2f} s wall"
                f" {peak:7,.0f} MB peak"
            )
    for name, figures in cpu.items():
        if len(figures) >= 2:
            ratio, power = exponent(figures[0], figures[-1])
            print(
                f"growth {figures[0][0]:,} -> {figures[-1][0]:,} clauses, {name}: "
                f"{ratio:.2f}x, exponent {power:.2f}"
            )
    per_page = []
    for size in [int(s) for s in args.pdf_sizes.split(",") if s]:
        old, new = inputs(args.work, size)
        pdf = args.work / f"all-{size}.pdf"
        seconds, wall, peak = median(
            [*TOOL, "diff", str(old), str(new), "--all", "-o", str(pdf)], args.runs
        )
        count = pages(pdf)
        per_page.append((size, count, seconds))
        print(
            f"{size:>7,} clauses  diff --all -o x.pdf   {seconds:7.2f} s CPU {wall:7.2f} s wall, "
            f"{count:,} pages, {seconds / count:.3f} s CPU a page, {peak:,.0f} MB peak"
        )
    if len(per_page) >= 2:
        (_, p0, t0), (_, p1, t1) = per_page[0], per_page[-1]
        print(
            f"PDF: {p1 / p0:.2f}x the pages took {t1 / t0:.2f}x the time "
            f"({(t1 / p1) / (t0 / p0):.2f}x the time a page)"
        )
    load = os.getloadavg()
    print(f"load average at end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()
