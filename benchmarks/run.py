"""Benchmarks at the size of a master agreement, with references measured in the same run.

    make bench                       # or: .venv/bin/python benchmarks/run.py [--runs 5] [--quick]

Prints the median of several runs of each job, end to end as a user runs it (a fresh
process each time), its peak memory, and ratios against reference tools run on the same
machine in the same run. These machines are shared and noisy: the ratios are the figures
that hold; the absolute times move with the load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "wga-2023"
BIN = Path(sys.executable).parent
TOOL = str(BIN / "contracttools")


def run_once(command: list[str]) -> tuple[float, float]:
    """Return (seconds, peak resident MB) of one run of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if process.stderr is not None:
        process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"failed ({code}): {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def measure(command: list[str], runs: int) -> tuple[float, float]:
    """Return the median seconds and the largest peak MB over runs."""
    results = [run_once(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def timed(function: Callable[[], object], runs: int) -> float:
    """Return the median seconds of an in-process call."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pages(pdf: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(pdf).pages)


class Report:
    """Collects the rows of the results table."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, figure: str, target: str = "", verdict: str = "") -> None:
        self.rows.append((what, figure, target, verdict))
        print(
            f"  {what}: {figure}" + (f"   [target {target}: {verdict}]" if target else ""),
            flush=True,
        )

    def table(self) -> str:
        lines = ["| what | measured | target | |", "| --- | --- | --- | --- |"]
        lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in self.rows]
        return "\n".join(lines)


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def bodies(path: Path, out: Path) -> None:
    """Write every clause body of an agreement to a text file, one after another (for git)."""
    from contracttools.readers import load_agreement

    agreement = load_agreement(path)
    out.write_text("\n\n".join(c.text for c, _ in agreement.walk() if c.text), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--rows",
        default="base,hard",
        help="comma-separated: base (the master-agreement rows), hard (all of benchmarks/hard.py), "
        "or some of its rows: check, words, wide, blackline, heavy, schedules",
    )
    parser.add_argument(
        "--quick", action="store_true", help="500 clauses and 3 runs: a smoke test of the runner"
    )
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    work = Path(tempfile.mkdtemp(prefix="contracttools-bench-"))
    report = Report()
    try:
        rows = set(args.rows.split(","))
        if "base" in rows:
            base(report, work, "500" if args.quick else "2000", runs)
        sys.path.insert(0, str(ROOT))
        from benchmarks import hard

        chosen = hard.ROWS if "hard" in rows else [r for r in hard.ROWS if r in rows]
        if chosen:
            hard.run(report, work / "hard", runs, chosen)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(report.table())


def base(report: Report, work: Path, clauses: str, runs: int) -> None:
    """The master-agreement rows: the generated 2,000-clause agreement and its revision."""
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(work), "--clauses", clauses],
        check=True,
    )
    full, revised, proposal = (
        work / "agreement.yaml",
        work / "revised.yaml",
        work / "proposal.yaml",
    )
    startup(report, work, runs)
    load(report, full, runs)
    diff(report, work, full, revised, runs)
    reference_redlines(report, full, revised, runs)
    word(report, work, full, revised, max(1, runs // 2))
    paper(report, work, full, revised, proposal, max(1, runs // 2))
    samples(report, work, runs)
    big_pdf(report, work, full, revised)


def startup(report: Report, work: Path, runs: int) -> None:
    print("start-up")
    one = work / "one.yaml"
    one.write_text(
        "kind: agreement\nid: one\ntitle: One\nclauses:\n  - {id: a, number: '1', title: A, text: Text.}\n"
    )
    python, _ = measure([sys.executable, "-c", "pass"], runs)
    helped, help_mb = measure([TOOL, "--help"], runs)
    checked, check_mb = measure([TOOL, "check", str(one)], runs)
    report.add("bare `python -c pass` (reference)", f"{python:.3f} s")
    report.add(
        "`contracttools --help`",
        f"{helped:.3f} s, {help_mb:.0f} MB ({helped / python:.1f}x python)",
        "0.35 s",
        verdict(helped <= 0.35),
    )
    report.add(
        "`contracttools check` one clause",
        f"{checked:.3f} s, {check_mb:.0f} MB ({checked / python:.1f}x python)",
        "0.35 s",
        verdict(checked <= 0.35),
    )


def load(report: Report, full: Path, runs: int) -> None:
    import yaml

    from contracttools.readers import load_agreement

    print("load and validate")
    text = full.read_text(encoding="utf-8")
    in_process = timed(lambda: load_agreement(full), runs)
    c_events = timed(lambda: list(yaml.parse(text, Loader=yaml.CSafeLoader)), runs)
    py_events = timed(lambda: list(yaml.parse(text, Loader=yaml.SafeLoader)), 1)
    checked, mb = measure([TOOL, "check", str(full)], runs)
    report.add(
        "load and validate a full-size agreement (in process)",
        f"{in_process:.3f} s",
        "0.5 s",
        verdict(in_process <= 0.5),
    )
    report.add("`contracttools check` full size, end to end", f"{checked:.3f} s, {mb:.0f} MB")
    report.add(
        "YAML events: C parser vs pure Python",
        f"{c_events:.3f} s vs {py_events:.3f} s ({py_events / c_events:.1f}x faster)",
    )


def diff(report: Report, work: Path, full: Path, revised: Path, runs: int) -> None:
    print("diff")
    out = work / "redline.json"
    ours, mb = measure(
        [TOOL, "diff", str(full), str(revised), "--format", "json", "-o", str(out)], runs
    )
    old_text, new_text = work / "old.txt", work / "new.txt"
    bodies(full, old_text)
    bodies(revised, new_text)
    git, _ = measure(
        ["git", "diff", "--no-index", "--word-diff", str(old_text), str(new_text)], runs
    )
    report.add("`git diff --no-index --word-diff` on the same bodies (reference)", f"{git:.3f} s")
    report.add(
        "`diff --format json` full size, end to end",
        f"{ours:.3f} s, {mb:.0f} MB ({ours / git:.0f}x git word-diff)",
        "1.5 s and 50x git",
        verdict(ours <= 1.5 and ours / git <= 50),
    )


def reference_redlines(report: Report, full: Path, revised: Path, runs: int) -> None:
    """Time the `redlines` package (PyPI) against our word diff on the same changed clause pairs."""
    from contracttools.readers import load_agreement
    from contracttools.redline import diff_words

    try:
        from redlines import Redlines
    except ImportError:
        report.add(
            "`redlines` package (reference)", "not installed: `pip install redlines` to compare"
        )
        return
    print("word diff against the redlines package")
    old, new = load_agreement(full), load_agreement(revised)
    pairs = [
        (
            " ".join(b.text for b in clause.blocks),
            " ".join(b.text for b in new.by_id[clause.id].blocks),
        )
        for clause, _ in old.walk()
        if clause.id in new.by_id and clause.text != new.by_id[clause.id].text
    ]
    ours = timed(lambda: [diff_words(a, b) for a, b in pairs], runs)
    theirs = timed(lambda: [Redlines(a, b).output_markdown for a, b in pairs], 1)
    report.add(
        f"word diff of the {len(pairs)} changed clause pairs: ours vs `redlines`",
        f"{ours:.3f} s vs {theirs:.3f} s ({theirs / ours:.1f}x)",
    )


def word(report: Report, work: Path, full: Path, revised: Path, runs: int) -> None:
    print("Word")
    out = work / "redline.docx"
    seconds, mb = measure([TOOL, "diff", str(full), str(revised), "--all", "-o", str(out)], runs)
    report.add(
        "full-size tracked-changes DOCX (`diff --all -o x.docx`)",
        f"{seconds:.2f} s, {mb:.0f} MB",
        "15 s",
        verdict(seconds <= 15),
    )


def paper(report: Report, work: Path, full: Path, revised: Path, proposal: Path, runs: int) -> None:
    """Pages per second of our PDFs against bare WeasyPrint on plain HTML of the same words."""
    print("PDF")
    for name, command, out in (
        ("packet (40 amended sections)", [TOOL, "packet", str(proposal)], work / "packet.pdf"),
        (
            "diff of the full-size revision",
            [TOOL, "diff", str(full), str(revised)],
            work / "diff.pdf",
        ),
    ):
        seconds, mb = measure([*command, "-o", str(out)], runs)
        count = pages(out)
        text = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        words = len(text.split())
        plain = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
        source, target = work / f"bare-{out.stem}.html", work / f"bare-{out.stem}.pdf"
        source.write_text(
            "<html><head><style>@page { size: letter; margin: 0.9in } "
            f"body {{ font: 10.5pt/1.4 'DejaVu Serif' }}</style></head><body>{plain}</body></html>",
            encoding="utf-8",
        )
        bare_code = f"from weasyprint import HTML; HTML(filename={str(source)!r}).write_pdf({str(target)!r})"
        bare, bare_mb = measure([sys.executable, "-c", bare_code], runs)
        bare_pages = pages(target)
        ours_rate, bare_rate = count / seconds, bare_pages / bare
        report.add(
            f"bare WeasyPrint, plain HTML of the same words as the {name}, end to end (reference)",
            f"{bare_pages} pages, {bare_rate:.1f} pages/s, {words / bare:.0f} words/s, {bare_mb:.0f} MB",
        )
        report.add(
            f"PDF {name}, end to end",
            f"{count} pages, {ours_rate:.1f} pages/s ({ours_rate / bare_rate:.2f}x bare), "
            f"{words / seconds:.0f} words/s ({bare / seconds:.2f}x bare), {mb:.0f} MB",
            "0.7x bare",
            verdict(ours_rate / bare_rate >= 0.7),
        )


def samples(report: Report, work: Path, runs: int) -> None:
    print("samples")
    packet, mb = measure(
        [TOOL, "packet", str(SAMPLES / "02-producers-1.yaml"), "-o", str(work / "p.pdf")], runs
    )
    summary, smb = measure([TOOL, "summary", str(SAMPLES), "-o", str(work / "s.pdf")], runs)
    report.add(
        "`packet` on the samples (PDF)", f"{packet:.2f} s, {mb:.0f} MB", "3 s", verdict(packet <= 3)
    )
    report.add(
        "`summary` on the samples (PDF)",
        f"{summary:.2f} s, {smb:.0f} MB",
        "3 s",
        verdict(summary <= 3),
    )


def big_pdf(report: Report, work: Path, full: Path, revised: Path) -> None:
    print("full-size PDF (once)")
    out = work / "all.pdf"
    seconds, mb = run_once([TOOL, "diff", str(full), str(revised), "--all", "-o", str(out)])
    count = pages(out)
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    plain = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    source, target = work / "bare-all.html", work / "bare-all.pdf"
    source.write_text(
        "<html><head><style>@page { size: letter; margin: 0.9in } "
        f"body {{ font: 10.5pt/1.4 'DejaVu Serif' }}</style></head><body>{plain}</body></html>",
        encoding="utf-8",
    )
    bare_code = (
        f"from weasyprint import HTML; HTML(filename={str(source)!r}).write_pdf({str(target)!r})"
    )
    bare, bare_mb = run_once([sys.executable, "-c", bare_code])
    report.add(
        "bare WeasyPrint, plain HTML of the same words as the full-size PDF (reference)",
        f"{pages(target)} pages in {bare:.1f} s ({pages(target) / bare:.1f} pages/s), peak {bare_mb:.0f} MB",
    )
    report.add(
        "full-size PDF, every clause (`diff --all -o x.pdf`)",
        f"{count} pages in {seconds:.1f} s ({count / seconds:.1f} pages/s), peak {mb:.0f} MB",
        "1 GB",
        verdict(mb <= 1024),
    )


if __name__ == "__main__":
    main()
