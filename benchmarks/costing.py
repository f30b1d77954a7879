"""The cost report at a large employer's size: a 50,000-row roster and 30 passes.

    .venv/bin/python benchmarks/costing.py [--rows 50000] [--passes 30] [--runs 3]

Generates (seeded) a negotiation from the sample's agreement: 30 passes, each amending
the general increase with its own terms (three yearly increases; some split mid-year,
some with a lump sum or an amount an hour), a costing file on the sample's minimums table
(its columns made steps) as the schedule (steps yearly), and a roster, half paid a salary and half placed on the
schedule. Prints the median of several runs of the whole report, in this process (load
the negotiation, read the costing file and roster, cost every pass, write the Markdown and
the workbook) and end to end (the command in a fresh process), against a reference run in
the same process: reading the roster CSV with the csv module alone. Then the growth with
the roster's size and the number of passes. These machines are shared and noisy: the
ratios hold; the absolute times move with the load.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "wga-2023"
TOOL = str(Path(sys.executable).parent / "contracttools")
TARGET = 2.0
"""Seconds the whole report may take at 50,000 rows and 30 passes."""


def generate(folder: Path, rows: int, passes: int, seed: int = 2023) -> Path:
    """Write a negotiation of ``passes`` passes and a roster of ``rows`` rows; return it."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    # the sample's minimums table by year, its columns made steps
    text = (
        (SAMPLE / "agreement-2020.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "| Work | From May 2, 2020 | From May 2, 2021 | From May 2, 2022 |",
            "| Work | Step 1 | Step 2 | Step 3 |",
        )
    )
    (folder / "agreement-2020.yaml").write_text(text, encoding="utf-8")
    agreement = yaml.safe_load(text)
    table = next(
        c["text"]
        for article in agreement["clauses"]
        for c in article.get("clauses", [])
        if c["id"] == "minimums.schedule"
    )
    lines = [line for line in table.splitlines() if line.startswith("|")]
    steps = [cell.strip().removeprefix("Step ") for cell in lines[0].strip("|").split("|")[1:]]
    ranges = [line.strip("|").split("|")[0].strip() for line in lines[2:]]
    names = []
    for number in range(1, passes + 1):
        party = "guild" if number % 2 else "producers"
        percents = [f"{rng.uniform(2, 7):.1f}%" for _ in range(3)]
        terms: dict[str, object] = {"general_increase": percents}
        if number % 5 == 0:
            terms["general_increase_effective"] = ["2023-05-02", "2023-11-01", "2025-05-02"]
        if number % 3 == 0:
            terms["lump_sum"] = [f"${rng.randrange(250, 1500, 50)}"]
        if number % 7 == 0:
            terms["cents_per_hour"] = ["$0.25", "$0.10", "$0"]
        day = 1 + (number - 1) * 40 // passes
        proposal = {
            "kind": "proposal",
            "party": party,
            "number": (number + 1) // 2,
            "passed_at": f"2023-{3 + day // 28:02d}-{1 + day % 28:02d}T{9 + number % 8:02d}:00:00-07:00",
            "amends": "agreement-2020.yaml",
            "items": [
                {
                    "clause": "minimums.general-increase",
                    "action": "amend",
                    "text": f"Each minimum shall be increased as set out in pass {number}.",
                    "terms": terms,
                    "cost": [
                        {"valuer": party, "amount": rng.randrange(10**8, 4 * 10**8), "per": "year"}
                    ],
                }
            ],
        }
        name = f"{number:02d}-{party}.yaml"
        (folder / name).write_text(yaml.safe_dump(proposal, sort_keys=False), encoding="utf-8")
        names.append(name)
    negotiation = {
        "kind": "negotiation",
        "title": "Generated negotiation for the costing benchmark",
        "expires": "2023-05-01T23:59:00-07:00",
        "costing": "costing.yaml",
        "parties": {
            "guild": {"name": "Screen Writers Guild", "short": "Guild", "role": "union"},
            "producers": {"name": "Producers", "short": "Producers", "role": "employer"},
        },
        "agreement": "agreement-2020.yaml",
        "proposals": names,
    }
    (folder / "negotiation.yaml").write_text(yaml.safe_dump(negotiation, sort_keys=False))
    (folder / "costing.yaml").write_text(
        "kind: costing\n"
        "base_year: {start: 2022-05-02}\n"
        "roster: roster.csv\n"
        "rollup: {social-security: 6.2%, medicare: 1.45%, pension-and-health: 9.5%}\n"
        "schedule: minimums.schedule\n"
        "steps: yearly\n"
    )
    with (folder / "roster.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["classification", "salary", "range", "step", "fte", "count", "id"])
        for row in range(rows):
            classification = rng.choice(["Staff writer", "Story editor", "Co-producer", "Producer"])
            fte = rng.choice(["1", "1", "1", "0.5", "0.75"])
            if row % 2:
                salary = f"{rng.randrange(60_000, 250_000)}.{rng.randrange(100):02d}"
                writer.writerow([classification, salary, "", "", fte, "1", f"p{row}"])
            else:
                place = [rng.choice(ranges), rng.choice(steps)]
                writer.writerow([classification, "", *place, fte, "1", f"p{row}"])
    return folder


def whole_report(folder: Path, out: Path) -> None:
    """Everything `contracttools cost FOLDER -o out.md` and `-o out.xlsx` do, in-process."""
    from contracttools.commands.common import negotiation_as_of
    from contracttools.costing.reading import load_costing
    from contracttools.documents.cost_report import build_cost_report, markdown
    from contracttools.writers.cost import write_cost
    from contracttools.writers.options import PLAIN

    loaded, at = negotiation_as_of(str(folder), "cost", None)
    assert loaded.costing is not None
    setup = load_costing(loaded.costing, loaded.agreement)
    report = build_cost_report(loaded, at, setup)
    (out / "cost.md").write_text(markdown(report), encoding="utf-8")
    (out / "cost.xlsx").write_bytes(write_cost(report, PLAIN))


def read_costing(folder: Path) -> None:
    """The costing file and its roster read into a Setup: the report's first part."""
    from contracttools.costing.reading import load_costing
    from contracttools.readers import load_agreement

    load_costing(str(folder / "costing.yaml"), load_agreement(str(folder / "agreement-2020.yaml")))


def read_roster(folder: Path) -> None:
    """The reference: the roster read with the csv module alone, every cell a string."""
    with (folder / "roster.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows


def timed(function: Callable[[], object], runs: int) -> float:
    """Return the median seconds of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def end_to_end(folder: Path, out: Path, runs: int) -> float:
    """Return the median seconds of the command itself, in a fresh process each run."""
    command = [TOOL, "cost", str(folder), "-o", str(out / "cli.md")]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--passes", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="contracttools-costing-bench-"))
    try:
        out = work / "out"
        out.mkdir()
        big = generate(work / "big", args.rows, args.passes)
        print(f"cost report: {args.rows:,} roster rows, {args.passes} passes", flush=True)
        whole_report(big, out)  # warm: imports, the YAML loader
        reference = timed(lambda: read_roster(big), args.runs)
        report = timed(lambda: whole_report(big, out), args.runs)
        reading = timed(lambda: read_costing(big), args.runs)
        command = end_to_end(big, out, args.runs)
        verdict = "met" if report <= TARGET else "MISSED"
        print(f"  reference, csv.reader over the roster: {reference:.3f} s")
        print(
            f"  whole report in-process (load, cost, Markdown + XLSX): {report:.3f} s"
            f" = {report / reference:.1f}x the reference   [target {TARGET:.0f} s: {verdict}]"
        )
        print(
            f"  of which reading the agreement, the costing file and the roster: {reading:.3f} s"
            f" = {reading / reference:.1f}x the reference"
        )
        print(f"  the command end to end (fresh process, Markdown): {command:.3f} s")
        print("growth with the roster (passes fixed):", flush=True)
        small_rows = max(args.rows // 10, 1)
        small = generate(work / "small-rows", small_rows, args.passes)
        at_small = timed(lambda: whole_report(small, out), args.runs)
        print(
            f"  {small_rows:,} rows: {at_small:.3f} s; {args.rows:,} rows: {report:.3f} s;"
            f" x{args.rows / small_rows:.0f} rows -> x{report / at_small:.1f} time"
        )
        print("growth with the passes (roster fixed):", flush=True)
        few = max(args.passes // 10, 1)
        fewer = generate(work / "few-passes", args.rows, few)
        at_few = timed(lambda: whole_report(fewer, out), args.runs)
        print(
            f"  {few} passes: {at_few:.3f} s; {args.passes} passes: {report:.3f} s;"
            f" x{args.passes / few:.0f} passes -> x{report / at_few:.1f} time"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
