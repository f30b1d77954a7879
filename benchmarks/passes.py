"""Benchmark: the bargaining book over 30 and 60 passes, before and after.

    .venv/bin/python benchmarks/passes.py [--work DIR] [--passes 30,60] [--runs 3]

Generates, seeded, a negotiation on the sample agreement: passes alternating between the
two parties, each amending twelve of the agreement's clauses (chosen at random), each
amendment the clause's text with one figure-like word more changed than in the party's
last pass on it, so that edits accumulate as they do at a real table.

"Before" is the same code with the change undone in the child process: the HTML writer
building a Jinja environment (and compiling the packet templates) for every packet and
again for its stylesheet.  "After" is the code as it is: one environment per template
folder for the run.  Each runs `contracttools book NEGOTIATION -o DIR` end to end in a
fresh process, interleaved; the two books must be byte for byte the same.  Prints median
CPU and wall seconds, the ratio after/before, and the time at the most passes over the
time at the fewest (the target is at most 2x for twice the passes).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "wga-2023" / "agreement-2020.yaml"
PARTIES = {
    "guild": {"name": "Screen Writers Guild", "short": "Guild", "role": "union"},
    "producers": {"name": "Alliance of Producers", "short": "Producers", "role": "employer"},
}

BEFORE = """
import sys
import contracttools.templating as templating
import contracttools.writers.html as html
html._environment = templating.environment
"""
"""Undo the change in the child: an environment for every call, as before."""

RUN = """
from contracttools.cli import main
sys.argv = ["contracttools", *sys.argv[1:]]
main()
"""


def leaves(clauses: list[dict[str, object]]) -> list[dict[str, object]]:
    """Return the clauses with text, in order."""
    found = []
    for clause in clauses:
        if clause.get("text") and "|" not in str(clause["text"]):
            found.append(clause)
        found += leaves(clause.get("clauses", []))  # type: ignore[arg-type]
    return found


def negotiation(folder: Path, passes: int, seed: int = 2023) -> Path:
    """Write a negotiation of `passes` passes into `folder`; return its manifest."""
    manifest = folder / "negotiation.yaml"
    if manifest.is_file():
        return manifest
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLE, folder / "agreement.yaml")
    agreement = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    clauses = leaves(agreement["clauses"])
    rng = random.Random(seed)
    edits: dict[tuple[str, str], int] = {}
    names = []
    for n in range(passes):
        party = ("guild", "producers")[n % 2]
        items = []
        for clause in rng.sample(clauses, 12):
            key = (party, str(clause["id"]))
            edits[key] = edits.get(key, 0) + 1
            words = str(clause["text"]).split()
            for k in range(edits[key]):
                at = (k * 7 + n) % len(words)
                words[at] = f"({(n + 1) * 10 + k})"
            items.append(
                {
                    "clause": clause["id"],
                    "action": "amend",
                    "text": " ".join(words) + "\n",
                    "summary": f"Pass {n + 1} on {clause['id']}.",
                }
            )
        proposal = {
            "kind": "proposal",
            "party": party,
            "number": n // 2 + 1,
            "passed_at": f"2023-{3 + n // 28:02d}-{1 + n % 28:02d}T10:00:00-07:00",
            "amends": "agreement.yaml",
            "title": f"Pass {n + 1}",
            "items": items,
        }
        name = f"{n + 1:02d}-{party}.yaml"
        (folder / name).write_text(yaml.safe_dump(proposal, sort_keys=False), encoding="utf-8")
        names.append(name)
    document = {
        "kind": "negotiation",
        "title": "Generated negotiation",
        "parties": PARTIES,
        "agreement": "agreement.yaml",
        "proposals": names,
    }
    manifest.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return manifest


def run(variant: str, manifest: Path, out: Path) -> tuple[float, float]:
    """Write the book once in a child process; return its CPU and wall seconds."""
    shutil.rmtree(out, ignore_errors=True)
    code = (BEFORE if variant == "before" else "import sys\n") + RUN
    command = [sys.executable, "-c", code, "book", str(manifest), "-o", str(out)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    error = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0 or "Traceback" in error:
        raise SystemExit(f"failed: book {manifest}\n{error}")
    return usage.ru_utime + usage.ru_stime, wall


def same(first: Path, second: Path) -> bool:
    """Return whether two folders hold the same files with the same bytes."""
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    others = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    return files == others and all(
        (first / f).read_bytes() == (second / f).read_bytes() for f in files
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/contracttools-passes"))
    parser.add_argument("--passes", default="30,60")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} (shared machine)")
    counts = [int(p) for p in args.passes.split(",")]
    cpu: dict[tuple[str, int], float] = {}
    for count in counts:
        manifest = negotiation(args.work / f"passes-{count}", count)
        books = {v: args.work / f"book-{count}-{v}" for v in ("before", "after")}
        times: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
        for _ in range(args.runs):
            for variant in ("before", "after"):
                times[variant].append(run(variant, manifest, books[variant]))
        print(f"{count} passes, books byte for byte the same: {same(*books.values())}")
        for variant in ("before", "after"):
            cpu[variant, count] = statistics.median(c for c, _ in times[variant])
            wall = statistics.median(w for _, w in times[variant])
            print(
                f"{count:>3} passes, {variant:<6}: {cpu[variant, count]:6.2f} s CPU, "
                f"{wall:6.2f} s wall (median of {args.runs})"
            )
        print(f"{count:>3} passes, after/before: {cpu['after', count] / cpu['before', count]:.2f}x")
    if len(counts) >= 2:
        low, high = counts[0], counts[-1]
        for variant in ("before", "after"):
            ratio = cpu[variant, high] / cpu[variant, low]
            print(f"{high} passes over {low}, {variant}: {ratio:.2f}x")
    load = os.getloadavg()
    print(f"load average at end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()
