"""Benchmark: `diff --format json` at 5,000 and 20,000 clauses, before and after.

    .venv/bin/python benchmarks/scale.py [--work DIR] [--sizes 5000,20000] [--runs 3]

"Before" is the same code with the two changes undone in the child process: the cycle
collector left running during the comparison, and the body-parse cache at its former
8,192 entries.  "After" is the code as it is.  Both run end to end as a user runs
`contracttools diff OLD NEW --format json -o OUT` (a fresh process each time,
interleaved), on `benchmarks/generate.py`'s seeded agreement and revision at each size,
and their JSON must be byte for byte the same (the samples' too).

Prints the median CPU seconds (user + system: the build machine is shared, and its wall
clock mostly measures the other jobs) and wall seconds of each, the ratio after/before,
and the growth exponent between the two sizes (log of the time ratio over log of the
size ratio: 1 is linear).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BEFORE = """
import functools, sys
import contracttools.body as body
import contracttools.model as model
import contracttools.redline as redline
engine = sys.modules["contracttools.redline.compare"]  # the name `compare` is the function
import contracttools.documents.comparison as comparison
import contracttools.documents.printing as printing
small = functools.lru_cache(maxsize=8192)(body.parse_body.__wrapped__)
body.parse_body = model.parse_body = engine.parse_body = small
collected = engine.compare.__wrapped__
engine.compare = redline.compare = comparison.compare = printing.compare = collected
"""
"""Undo both changes in the child: every module that holds `parse_body` or `compare`
(`costing` and `negotiation` hold `parse_body` too, but a diff does not call them)."""

RUN = """
from contracttools.cli import main
sys.argv = ["contracttools", *sys.argv[1:]]
main()
"""


def run(variant: str, old: Path, new: Path, out: Path) -> tuple[float, float]:
    """Run one diff in a child process; return its CPU and wall seconds."""
    code = (BEFORE if variant == "before" else "import sys\n") + RUN
    command = [sys.executable, "-c", code, "-q", "diff", str(old), str(new)]
    command += ["--format", "json", "-o", str(out)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    error = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1) or "Traceback" in error:
        raise SystemExit(f"failed: {' '.join(command[3:])}\n{error}")
    return usage.ru_utime + usage.ru_stime, wall


def inputs(work: Path, clauses: int) -> tuple[Path, Path]:
    """Return the agreement and its revision at `clauses` clauses, generated once."""
    folder = work / str(clauses)
    if not (folder / "revised.yaml").is_file():
        generator = ROOT / "benchmarks" / "generate.py"
        subprocess.run(
            [sys.executable, str(generator), str(folder), "--clauses", str(clauses)], check=True
        )
    return folder / "agreement.yaml", folder / "revised.yaml"


def identical(work: Path, old: Path, new: Path, name: str) -> bool:
    """Return whether before and after write the same JSON bytes for one pair."""
    outs = [work / f"{name}-{variant}.json" for variant in ("before", "after")]
    for variant, out in zip(("before", "after"), outs, strict=True):
        run(variant, old, new, out)
    return outs[0].read_bytes() == outs[1].read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/contracttools-scale"))
    parser.add_argument("--sizes", default="5000,20000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} (shared machine)")

    samples = ROOT / "samples" / "wga-2023"
    pairs = [("samples", samples / "agreement-2020.yaml", samples / "02-producers-1.yaml")]
    sizes = [int(s) for s in args.sizes.split(",")]
    for size in sizes:
        pairs.append((str(size), *inputs(args.work, size)))
    for name, old, new in pairs:
        print(f"JSON byte for byte the same, {name}: {identical(args.work, old, new, name)}")

    cpu: dict[tuple[str, int], float] = {}
    for size, (_, old, new) in zip(sizes, pairs[1:], strict=True):
        times: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
        for _ in range(args.runs):
            for variant in ("before", "after"):
                times[variant].append(run(variant, old, new, args.work / "out.json"))
        for variant in ("before", "after"):
            median_cpu = statistics.median(c for c, _ in times[variant])
            median_wall = statistics.median(w for _, w in times[variant])
            cpu[variant, size] = median_cpu
            print(
                f"{size:>6,} clauses, {variant:<6}: {median_cpu:6.2f} s CPU, "
                f"{median_wall:6.2f} s wall (median of {args.runs})"
            )
        print(f"{size:>6,} clauses, after/before: {cpu['after', size] / cpu['before', size]:.2f}x")
    if len(sizes) >= 2:
        low, high = sizes[0], sizes[-1]
        for variant in ("before", "after"):
            ratio = cpu[variant, high] / cpu[variant, low]
            exponent = math.log(ratio) / math.log(high / low)
            print(
                f"growth {low:,} -> {high:,} clauses, {variant}: {ratio:.2f}x, exponent {exponent:.2f}"
            )
    load = os.getloadavg()
    print(f"load average at end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()
