"""`check` compares each amended salary schedule with the increase stated beside it.

Every expected figure is worked by hand from the current table and the stated increase.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from contracttools.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "wga-2023"

WAGES = """\
Each employee shall be paid at least the rate of their range and step.

| Range | Step 1 | Step 2 | Step 3 |
| --- | --- | --- | --- |
| 1 | $40,000.00 | $42,000.00 | $44,100.00 |
| 2 | $46,000.00 | $48,300.00 | $50,715.00 |
"""

RAISED_3 = [["41,200.00", "43,260.00", "45,423.00"], ["47,380.00", "49,749.00", "52,236.45"]]
"""WAGES raised 3%: 40,000 x 1.03 = 41,200; 42,000 x 1.03 = 43,260; 44,100 x 1.03 = 45,423;
46,000 x 1.03 = 47,380; 48,300 x 1.03 = 49,749; 50,715 x 1.03 = 52,236.45."""


def table(rows: list[list[str]], ranges: tuple[str, ...] = ("1", "2")) -> str:
    lines = ["| Range | Step 1 | Step 2 | Step 3 |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {name} | " + " | ".join(f"${v}" for v in row) + " |"
        for name, row in zip(ranges, rows, strict=True)
    ]
    return (
        "Each employee shall be paid at least the rate of their range and step.\n\n"
        + "\n".join(lines)
        + "\n"
    )


def talks(folder: Path, item: dict[str, Any] | None = None, schedule: str | None = "wages") -> Path:
    """Copy the sample into `folder` with a clause `wages` holding WAGES, named by the
    costing file (unless `schedule` is None), and `item` appended to the Guild's second pass."""
    shutil.copytree(SAMPLE, folder)
    path = folder / "agreement-2020.yaml"
    agreement = yaml.safe_load(path.read_text(encoding="utf-8"))
    agreement["clauses"].append(
        {"id": "wages", "number": "Article 13", "title": "Wages", "text": WAGES}
    )
    path.write_text(yaml.safe_dump(agreement, sort_keys=False), encoding="utf-8")
    costing = folder / "costing.yaml"
    lines = costing.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [x for x in lines if not x.startswith("schedule:")]
    if schedule is not None:
        lines.append(f"schedule: {schedule}\n")
    costing.write_text("".join(lines), encoding="utf-8")
    if item is not None:
        path = folder / "03-guild-2.yaml"
        proposal = yaml.safe_load(path.read_text(encoding="utf-8"))
        proposal["items"].append(item)
        path.write_text(yaml.safe_dump(proposal, sort_keys=False, width=200), encoding="utf-8")
    return folder


def amend(text: str, terms: dict[str, list[str]] | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"clause": "wages", "action": "amend", "text": text}
    if terms is not None:
        item["terms"] = terms
    return item


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.output


def where(folder: Path, clause: str = "wages") -> str:
    """Return path:line:column of the `clause:` value of the item on `clause`."""
    path = folder / "03-guild-2.yaml"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip("- ").startswith("clause: ") and line.endswith(f" {clause}"):
            return f"{path}:{number}:{line.index(clause) + 1}"
    raise AssertionError(f"no item on {clause}")


def test_a_schedule_that_follows_its_increase_says_nothing(tmp_path: Path) -> None:
    folder = talks(tmp_path / "t", amend(table(RAISED_3), {"general_increase": ["3%", "2%"]}))
    for args in ((str(folder),), ("--strict", str(folder))):
        code, output = run(*args)
        assert code == 0, output
        assert "warning" not in output


def test_each_figure_that_does_not_follow_is_a_warning_at_the_item(tmp_path: Path) -> None:
    rows = [list(row) for row in RAISED_3]
    rows[0][2] = "45,432.00"  # not 44,100 x 1.03 = 45,423
    rows[1][0] = "47,000.00"  # not 46,000 x 1.03 = 47,380
    folder = talks(tmp_path / "t", amend(table(rows), {"general_increase": ["3%", "2%"]}))
    code, output = run(str(folder))
    assert code == 0, output
    said = f"{where(folder)}: warning: item 'wages': guild #2 amends Article 13 Wages: "
    assert said + "Range 1 Step 3: $45,432 is not $44,100 + 3% = $45,423" in output
    assert said + "Range 2 Step 1: $47,000 is not $46,000 + 3% = $47,380" in output
    assert output.count(": warning: item 'wages'") == 2
    code, output = run("--strict", str(folder))
    assert code == 2
    assert "2 warnings about the salary schedule (--strict)" in output


def test_an_item_without_its_own_increase_takes_its_passs(tmp_path: Path) -> None:
    # The Guild's second pass states 5.5% (on 2.A): 44,100 x 1.055 = 46,525.50;
    # 40,000 x 1.055 = 42,200; 42,000 x 1.055 = 44,310; 46,000 x 1.055 = 48,530;
    # 48,300 x 1.055 = 50,956.50; 50,715 x 1.055 = 53,504.325 -> 53,504.33.
    rows = [["42,200.00", "44,310.00", "46,525.50"], ["48,530.00", "50,956.50", "53,504.32"]]
    folder = talks(tmp_path / "t", amend(table(rows)))
    code, output = run(str(folder))
    assert code == 0, output
    assert "Range 2 Step 3: $53,504.32 is not $50,715 + 5.5% = $53,504.33" in output
    assert output.count(": warning: item 'wages'") == 1


def test_a_table_that_is_not_a_schedule_is_said_once(tmp_path: Path) -> None:
    text = "| Range | Step 1 | Step 2 | Step 3 |\n| --- | --- | --- | --- |\n| 1 | $41,200 | n/a | TBD |\n"
    folder = talks(tmp_path / "t", amend(text, {"general_increase": ["3%"]}))
    code, output = run(str(folder))
    assert code == 0, output
    assert (
        f"{where(folder)}: warning: item 'wages': guild #2 amends Article 13 Wages: its table cannot be read as a salary schedule: 'n/a' (Range 1, Step 2) is not an amount"
        in output
    )
    assert output.count(": warning: item 'wages'") == 1


def test_ranges_the_current_schedule_lacks_are_named_not_skipped(tmp_path: Path) -> None:
    rows = [*RAISED_3, ["60,000.00", "63,000.00", "66,150.00"]]
    folder = talks(
        tmp_path / "t", amend(table(rows, ("1", "2", "3")), {"general_increase": ["3%"]})
    )
    code, output = run(str(folder))
    assert code == 0, output
    assert "Article 13 Wages: range 3 not in the current schedule: not compared" in output
    assert output.count(": warning: item 'wages'") == 1
    other = "| Grade | Level A | Level B |\n| --- | --- | --- |\n| X | $1 | $2 |\n"
    folder = talks(tmp_path / "u", amend(other, {"general_increase": ["3%"]}))
    code, output = run(str(folder))
    assert "none of its ranges or steps is the current schedule's" in output


def test_without_a_schedule_named_nothing_is_compared(tmp_path: Path) -> None:
    rows = [["1.00", "2.00", "3.00"], ["4.00", "5.00", "6.00"]]
    folder = talks(tmp_path / "t", amend(table(rows), {"general_increase": ["3%"]}), schedule=None)
    code, output = run("--strict", str(folder))
    assert code == 0, output
    assert "warning" not in output


def test_a_tas_own_schedule_by_year_is_checked_column_by_column(tmp_path: Path) -> None:
    # The sample's schedule by year, named by the costing file; the TA on 2.A gives 5%, 4%,
    # 3.5% from May 2, 2023, 2024, 2025. A TA of its own on 2.B prints two new years:
    # screenplay excluding treatment: 92,587 x 1.05 = 97,216.35; x 1.04 = 101,105.004 -> 101,105.00;
    # polish: 17,652 x 1.05 = 18,534.60; x 1.04 = 19,275.984 -> 19,275.98 (printed 19,275.99).
    folder = talks(tmp_path / "t", schedule="minimums.schedule")
    text = (
        "| Work | From May 2, 2022 | From May 2, 2023 | From May 2, 2024 |\n| --- | --- | --- | --- |\n"
        "| Screenplay, excluding treatment | $92,587 | $97,216.35 | $101,105.00 |\n"
        "| Polish of screenplay | $17,652 | $18,534.60 | $19,275.99 |\n"
    )
    path = folder / "negotiation.yaml"
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    manifest["tentative_agreements"].append(
        {
            "clause": "minimums.schedule",
            "date": "2023-04-30",
            "initials": {"guild": "MK", "producers": "CL"},
            "text": text,
        }
    )
    path.write_text(yaml.safe_dump(manifest, sort_keys=False, width=200), encoding="utf-8")
    code, output = run(str(folder))
    assert code == 0, output
    lines = [line for line in output.splitlines() if ": warning: TA 'minimums.schedule'" in line]
    assert len(lines) == 1, output
    assert lines[0].startswith(f"{path}:")
    assert lines[0].endswith(
        "the TA of 2023-04-30 amends 2.B Schedule of Minimums: 'From May 2, 2024': "
        "Polish of screenplay: $19,275.99 is not $18,534.60 + 4% = $19,275.98"
    )


def test_the_sample_gives_no_schedule_warning() -> None:
    code, output = run("--strict", str(SAMPLE))
    assert code == 0, output
    assert "warning" not in output


def test_an_increase_that_cannot_be_read_is_said_not_skipped(tmp_path: Path) -> None:
    folder = talks(tmp_path / "t", amend(table(RAISED_3), {"general_increase": ["lots"]}))
    code, output = run(str(folder))
    assert code == 0, output
    assert (
        "Article 13 Wages: general_increase: 'lots' is not a percentage such as 3%: "
        "its figures are not checked"
    ) in output


def test_a_column_dated_when_no_increase_takes_effect_is_said(tmp_path: Path) -> None:
    # 3% from May 2, 2023 (the costing file's base year starts May 2, 2022), and a column
    # dated July 1, 2023, when nothing takes effect.
    folder = talks(tmp_path / "t", schedule="minimums.schedule")
    text = (
        "| Work | From May 2, 2022 | From July 1, 2023 |\n| --- | --- | --- |\n"
        "| Polish of screenplay | $17,652 | $18,181.56 |\n"
    )
    item = {
        "clause": "minimums.schedule",
        "action": "amend",
        "text": text,
        "terms": {"general_increase": ["3%"]},
    }
    path = folder / "03-guild-2.yaml"
    proposal = yaml.safe_load(path.read_text(encoding="utf-8"))
    proposal["items"].append(item)
    path.write_text(yaml.safe_dump(proposal, sort_keys=False, width=200), encoding="utf-8")
    code, output = run(str(folder))
    assert code == 0, output
    assert (
        f"{where(folder, 'minimums.schedule')}: warning: item 'minimums.schedule': guild #2 "
        "amends 2.B Schedule of Minimums: its column 'From July 1, 2023' is dated when no "
        "stated increase takes effect: its figures are not checked"
    ) in output


def test_the_costing_file_given_alone_is_checked_with_its_schedule(tmp_path: Path) -> None:
    rows = [list(row) for row in RAISED_3]
    rows[0][0] = "41,201.00"  # not 40,000 x 1.03 = 41,200
    folder = talks(tmp_path / "t", amend(table(rows), {"general_increase": ["3%"]}))
    said = "Range 1 Step 1: $41,201 is not $40,000 + 3% = $41,200"
    code, output = run(str(folder / "costing.yaml"))
    assert code == 0 and said in output, output
    # the negotiation and its costing file together: said once
    code, output = run(str(folder), str(folder / "costing.yaml"))
    assert code == 0 and output.count(said) == 1, output


def test_a_schedule_clause_without_a_table_is_a_problem_at_the_costing_file(
    tmp_path: Path,
) -> None:
    folder = talks(tmp_path / "t", schedule="minimums.general-increase")
    code, output = run(str(folder))
    assert code == 2
    costing = folder / "costing.yaml"
    line = (
        costing.read_text(encoding="utf-8")
        .splitlines()
        .index("schedule: minimums.general-increase")
    )
    assert (
        f"{costing}:{line + 1}:11: clause 'minimums.general-increase' has no salary table"
    ) in output
