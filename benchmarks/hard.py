"""The hard rows: heavy redlines, a long paragraph, re-id'd clauses, a wide table, schedules.

Run by `benchmarks/run.py` (`--rows hard` for these alone).  Every job runs in a child
process; each row gives its wall time, its CPU time (user + system, steadier than wall
time on a shared machine) and its peak resident memory, and the reference measured in
the same run: bare WeasyPrint on plain HTML of the same words, `git diff --word-diff` on
the same texts, or the same job at 2,000 clauses.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

ROOT = Path(__file__).resolve().parent.parent
TOOL = str(Path(sys.executable).parent / "contracttools")


class Report(Protocol):
    def add(self, what: str, figure: str, target: str = "", verdict: str = "") -> None: ...


@dataclass(frozen=True)
class Job:
    """One run of a command in a child process."""

    seconds: float
    cpu: float
    mb: float
    code: int

    def __str__(self) -> str:
        return f"{self.seconds:.2f} s ({self.cpu:.2f} s CPU), {self.mb:.0f} MB"


def job(command: list[str], ok: tuple[int, ...] = (0, 1), cores: int | None = None) -> Job:
    """Run a command once; return its wall and CPU seconds (its own and its processes'),
    the peak resident MB of its largest process, and its exit status. `cores` sets
    CONTRACTTOOLS_CORES (1: a PDF in one process)."""
    env = dict(os.environ)
    if cores is not None:
        env["CONTRACTTOOLS_CORES"] = str(cores)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    error = process.stderr.read().decode() if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise SystemExit(f"failed ({code}): {' '.join(command)}\n{error}")
    return Job(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code)


def best(
    command: list[str], runs: int, ok: tuple[int, ...] = (0, 1), cores: int | None = None
) -> Job:
    """Return the run of median wall time among `runs` (the largest peak memory of all)."""
    jobs = sorted((job(command, ok, cores) for _ in range(runs)), key=lambda j: j.seconds)
    middle = jobs[len(jobs) // 2]
    return Job(middle.seconds, middle.cpu, max(j.mb for j in jobs), middle.code)


def pdf_words(pdf: Path) -> tuple[int, int, str]:
    """Return a PDF's pages, words, and its text as pdftotext reads it."""
    import pypdf

    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return len(pypdf.PdfReader(pdf).pages), len(text.split()), text


def bare_weasyprint(work: Path, name: str, body: str) -> tuple[Job, int]:
    """Lay out plain HTML (`body`) with bare WeasyPrint in a child; return the job and its pages."""
    import pypdf

    source, target = work / f"bare-{name}.html", work / f"bare-{name}.pdf"
    source.write_text(
        "<html><head><style>@page { size: letter; margin: 0.9in } "
        f"body {{ font: 10.5pt/1.4 'DejaVu Serif' }}</style></head><body>{body}</body></html>",
        encoding="utf-8",
    )
    code = f"from weasyprint import HTML; HTML(filename={str(source)!r}).write_pdf({str(target)!r})"
    ran = job([sys.executable, "-c", code])
    return ran, len(pypdf.PdfReader(target).pages)


def best_bare(work: Path, name: str, body: str, runs: int) -> tuple[Job, int]:
    """Bare WeasyPrint on `body`, the run of median wall time among `runs`, and its pages."""
    jobs = sorted(
        (bare_weasyprint(work, name, body) for _ in range(runs)), key=lambda j: j[0].seconds
    )
    return jobs[len(jobs) // 2]


def paragraphs_of(text: str) -> str:
    from html import escape

    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())


def bodies(path: Path, out: Path) -> None:
    """Write every clause body of an agreement to a text file (for git)."""
    from contracttools.readers import load_agreement

    agreement = load_agreement(path)
    out.write_text("\n\n".join(c.text for c, _ in agreement.walk() if c.text), encoding="utf-8")


def git_word_diff(work: Path, old: Path, new: Path, runs: int) -> Job:
    old_text, new_text = work / f"{old.stem}.txt", work / f"{new.stem}.txt"
    bodies(old, old_text)
    bodies(new, new_text)
    return best(["git", "diff", "--no-index", "--word-diff", str(old_text), str(new_text)], runs)


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def generate(work: Path, only: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "inputs.py"), str(work), "--only", only],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def blackline(report: Report, work: Path) -> None:
    """Full blackline PDF of 400 clauses (`diff --all`) against bare WeasyPrint, words per second."""
    print("full blackline PDF, 400 clauses")
    folder = work / "blackline"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(folder), "--clauses", "400"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    out = folder / "all.pdf"
    command = [
        TOOL,
        "-q",
        "diff",
        str(folder / "agreement.yaml"),
        str(folder / "revised.yaml"),
        "--all",
        "-o",
        str(out),
    ]
    one = best(command, 3, cores=1)
    pages, words, text = pdf_words(out)
    both = best(command, 3, cores=2)
    joined_pages, _, _ = pdf_words(out)
    bare = best_bare(work, "blackline", paragraphs_of(text), 3)
    bare_pages = bare[1]
    report.add(
        "bare WeasyPrint, plain HTML of the same words as the 400-clause blackline (reference)",
        f"{bare_pages} pages, {bare[0]}, {words / bare[0].seconds:.0f} words/s",
    )
    report.add(
        "full blackline PDF, 400 clauses (`diff --all -o x.pdf`), one process",
        f"{pages} pages, {one}, {words / one.seconds:.0f} words/s "
        f"({bare[0].seconds / one.seconds:.2f}x bare; {bare[0].cpu / one.cpu:.2f}x in CPU time)",
        "0.9x bare",
        verdict(bare[0].seconds / one.seconds >= 0.9),
    )
    report.add(
        "the same, in parts on two cores",
        f"{joined_pages} pages, {both}, {words / both.seconds:.0f} words/s "
        f"({bare[0].seconds / both.seconds:.2f}x bare; {one.seconds / both.seconds:.2f}x one process)",
        "1.5x bare",
        verdict(bare[0].seconds / both.seconds >= 1.5),
    )


def heavy(report: Report, work: Path) -> None:
    """The 1,300-section agreement against its successor's heavily marked blackline, as PDF."""
    print("heavily marked 1,300-section redline PDF (once)")
    out = work / "heavy.pdf"
    command = [
        TOOL,
        "-q",
        "diff",
        str(work / "heavy-old.yaml"),
        str(work / "heavy-new.yaml"),
        "-o",
        str(out),
    ]
    one = job(command, cores=1)
    pages, words, text = pdf_words(out)
    both = job(command, cores=2)
    joined_pages, _, _ = pdf_words(out)
    bare, bare_pages = bare_weasyprint(work, "heavy", paragraphs_of(text))
    report.add(
        "bare WeasyPrint, plain HTML of the same words as the heavy redline (reference)",
        f"{bare_pages} pages, {bare}",
    )
    report.add(
        "redline PDF, 1,300 sections heavily marked, one process",
        f"{pages} pages, {words:,} words, {one} ({bare.seconds / one.seconds:.2f}x bare)",
    )
    report.add(
        "the same, in parts on two cores (memory: the largest process)",
        f"{joined_pages} pages, {both} ({bare.seconds / both.seconds:.2f}x bare; "
        f"{one.seconds / both.seconds:.2f}x one process)",
        "25 s, 500 MB",
        verdict(both.seconds <= 25 and both.mb <= 500),
    )


def word_diffs(report: Report, work: Path, runs: int) -> None:
    """The long paragraph and the re-id'd clauses, against git's word diff of the same texts."""
    for name, what, target in (
        ("paragraph", "one paragraph of 14,400 words, 1,200 edits", 1.0),
        ("reids", "2,000 clauses all given new ids, small vocabulary", 3.0),
    ):
        print(what)
        old, new = work / f"{name}-old.yaml", work / f"{name}-new.yaml"
        out = work / f"{name}.json"
        ours = best(
            [TOOL, "-q", "diff", str(old), str(new), "--format", "json", "-o", str(out)], runs
        )
        git = git_word_diff(work, old, new, runs)
        report.add(f"`git diff --word-diff` on the same texts: {what} (reference)", str(git))
        report.add(
            f"`diff --format json`: {what}",
            f"{ours} ({ours.seconds / git.seconds:.0f}x git)",
            f"{target:.0f} s",
            verdict(ours.seconds <= target),
        )


def wide(report: Report, work: Path) -> None:
    """The 5-row, 10,000-column table as PDF: laid out within 10 s and 500 MB, or refused."""
    print("5-row, 10,000-column table as PDF (once)")
    out = work / "wide.pdf"
    ours = job(
        [
            TOOL,
            "-q",
            "diff",
            str(work / "wide-old.yaml"),
            str(work / "wide-new.yaml"),
            "-o",
            str(out),
        ],
        ok=(0, 1, 2),
    )
    from contracttools.readers import load_agreement

    clause = load_agreement(work / "wide-new.yaml").clauses[0]
    rows = [line.strip("|").split("|") for line in clause.text.split("\n") if line.startswith("|")]
    cells = "".join(
        "<tr>" + "".join(f"<td>{c.strip()}</td>" for c in row) + "</tr>"
        for row in rows
        if not row[0].strip().startswith("---")
    )
    bare, _ = bare_weasyprint(work, "wide", f"<table>{cells}</table>")
    report.add("bare WeasyPrint, the same table as a plain HTML table (reference)", str(bare))
    outcome = "refused (exit 2)" if ours.code == 2 else "laid out"
    report.add(
        "5-row, 10,000-column table as PDF",
        f"{outcome}, {ours}",
        "10 s and 500 MB, or a clear refusal",
        verdict(ours.code == 2 or (ours.seconds <= 10 and ours.mb <= 500)),
    )


def check(report: Report, work: Path, runs: int) -> None:
    """`check` of 100,000 clauses against the same generator's 2,000, per clause."""
    print("check of 100,000 clauses")
    start = best([TOOL, "--help"], runs)
    small = best([TOOL, "check", str(work / "many-2000.yaml")], runs)
    large = best([TOOL, "check", str(work / "many-100000.yaml")], max(1, runs // 2))
    per_small = (small.cpu - start.cpu) / 2_000 * 1e6
    per_large = (large.cpu - start.cpu) / 100_000 * 1e6
    report.add(
        "`check` of 2,000 short clauses (reference)",
        f"{small}, {per_small:.0f} µs CPU a clause beyond start-up",
    )
    report.add(
        "`check` of 100,000 short clauses",
        f"{large}, {per_large:.0f} µs CPU a clause beyond start-up ({per_large / per_small:.2f}x)",
        "in proportion to 2,000 clauses",
        verdict(per_large <= 1.2 * per_small),
    )


def schedules(report: Report, work: Path, runs: int) -> None:
    """A 120 x 12 salary schedule raised 3%: its table diff, its redline PDF against the new
    table rendered alone in the same run, and the same schedule flattened to one paragraph."""
    from decimal import Decimal

    from benchmarks import schedule_paragraph, schedule_table
    from contracttools.redline import diff_words
    from contracttools.redline.model import count_words

    print("120 x 12 salary schedule raised 3%")
    seconds = schedule_table.diff_seconds(120, 12, runs)
    report.add(
        "table diff: 120 ranges x 12 steps, every figure raised 3% (in process)",
        f"{seconds:.3f} s",
        "1 s",
        verdict(seconds <= 1),
    )
    folder = work / "schedule"
    folder.mkdir(parents=True, exist_ok=True)
    old, new = schedule_table.write_pair(folder, 120, 12)
    redline = best([TOOL, "-q", "diff", str(old), str(new), "-o", str(folder / "d.pdf")], runs)
    alone = best([TOOL, "-q", "render", str(new), "-o", str(folder / "r.pdf")], runs)
    ratio = redline.cpu / alone.cpu
    report.add("the new 120 x 12 schedule alone, `render -o x.pdf` (reference)", str(alone))
    report.add(
        "redline PDF of the 120 x 12 schedule (`diff -o x.pdf`)",
        f"{redline} ({ratio:.2f}x the table alone, CPU)",
        "1.5x",
        verdict(ratio <= 1.5),
    )
    a = schedule_paragraph.schedule(120, 12, Decimal(1))
    b = schedule_paragraph.schedule(120, 12, Decimal("1.03"))
    start = time.perf_counter()
    spans = diff_words(a, b)
    flat = time.perf_counter() - start
    kept = count_words(spans, "equal")
    report.add(
        f"the schedule flattened to one paragraph of {len(a.split()):,} words (word diff)",
        f"{flat:.3f} s, {kept:,} unchanged words kept",
        "1 s, 3,500 kept",
        verdict(flat <= 1 and kept >= 3500),
    )


ROWS = ["check", "words", "wide", "blackline", "heavy", "schedules"]


def run(report: Report, work: Path, runs: int, rows: list[str]) -> None:
    """Generate the inputs the chosen rows need and measure those rows."""
    inputs = {"check": "many", "words": "paragraph,reids", "wide": "wide", "heavy": "heavy"}
    needed = ",".join(inputs[row] for row in rows if row in inputs)
    if needed:
        generate(work, needed)
    if "check" in rows:
        check(report, work, runs)
    if "words" in rows:
        word_diffs(report, work, max(1, runs // 2))
    if "wide" in rows:
        wide(report, work)
    if "blackline" in rows:
        blackline(report, work)
    if "heavy" in rows:
        heavy(report, work)
    if "schedules" in rows:
        schedules(report, work, runs)
