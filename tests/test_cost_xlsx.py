"""The cost workbook: live formulas over an Inputs sheet, cached at the report's figures.

Read back by independent readers: openpyxl for the formulas and the cached values, and
LibreOffice, told to recalculate every formula on loading, for what the formulas compute.
Every expected figure is worked by hand here (the worked examples of docs/costing.md).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import subprocess
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from contracttools.cli import main
from contracttools.costing.model import LumpSum, Placement, Position, Setup, yearly
from contracttools.costing.schedules import Increase, Schedule
from contracttools.costing.terms import position
from contracttools.documents.cost_report import CostReport, assemble, cost_column
from contracttools.writers.cost import write_cost
from contracttools.writers.options import PLAIN

D = Decimal
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "wga-2023"
MILLION = Setup(date(2022, 7, 1), (Placement("Clerk", salary=D(50000), count=20),))
ROLLED = Setup(MILLION.base_start, MILLION.roster, rollup=D("17.15"))
SCHEDULE = Schedule.of("annual", ["1"], ["1", "2", "3"], [["40000", "42000", "44100"]])
PLACED = Setup(
    date(2022, 7, 1),
    (
        Placement("Aide", range="1", step="1", count=2),
        Placement("Aide", range="1", step="2"),
        Placement("Aide", range="1", step="3"),
        Placement("Clerk", salary=D(50000), count=2),
    ),
    rollup=D(10),
    schedule=SCHEDULE,
    steps="yearly",
)
RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop>
</item>
</oor:items>
"""
"""LibreOffice's setting 'recalculate formulas on loading an XLSX: always'."""


def report(setup: Setup, *positions: tuple[str, Position]) -> CostReport:
    return assemble("Test", "2023-06-30", setup, [cost_column(setup, *p) for p in positions])


def workbook(tmp_path: Path, the_report: CostReport, name: str = "cost.xlsx") -> Path:
    out = tmp_path / name
    out.write_bytes(write_cost(the_report, PLAIN))
    return out


def figures(path: Path, formulas: bool = False) -> dict[str, list[object]]:
    """Return the Cost sheet's rows by their label (cached values, or formulas)."""
    sheet = openpyxl.load_workbook(path, data_only=not formulas)["Cost"]
    rows: dict[str, list[object]] = {}
    for row in sheet.iter_rows(values_only=True):
        if isinstance(row[0], str):
            rows.setdefault(row[0], list(row[1:]))
    return rows


def dollars(values: list[object]) -> list[int]:
    return [round(float(str(v))) for v in values if v is not None]


def test_three_three_three_on_a_million_is_live_formulas(tmp_path: Path) -> None:
    # 1,000,000 x 0.03 = 30,000; x (1.03^2 - 1) = 60,900; x (1.03^3 - 1) = 92,727.
    # With a 17.15% roll-up: 35,145, 71,344.35 and 108,629.68.
    three = ("3/3/3", Position(yearly(ROLLED, [D(3), D(3), D(3)])))
    out = workbook(tmp_path, report(ROLLED, three))
    cached = figures(out)
    assert dollars(cached["Year 1 general increases"]) == [30000]
    assert dollars(cached["Year 2 general increases"]) == [60900]
    assert dollars(cached["Year 3 general increases"]) == [92727]
    assert dollars(cached["Term general increases"]) == [183627]
    assert [dollars(cached[f"Year {y} total"]) for y in (1, 2, 3)] == [[35145], [71344], [108630]]
    written = figures(out, formulas=True)
    for label in ("Year 1 general increases", "Year 3 total", "Term total", "Term % of base"):
        (formula,) = [f for f in written[label] if f is not None]
        assert str(formula).startswith("="), label
    assert "Inputs!" in str(written["Year 2 general increases"][0])
    assert "Inputs!" in str(written["Term % of base"][0])
    inputs = openpyxl.load_workbook(out)["Inputs"]
    values = [cell for row in inputs.iter_rows(values_only=True) for cell in row]
    assert 1000000 in values and 0.1715 in values and 0.03 in values and 2080 in values


def test_every_sheet_is_stamped_and_the_file_is_owner_only(tmp_path: Path) -> None:
    sample = tmp_path / "wga"
    shutil.copytree(SAMPLE, sample)
    out = tmp_path / "cost.xlsx"
    result = CliRunner().invoke(main, ["cost", str(sample), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Cost", "Inputs"]
    assert "CONFIDENTIAL" in (book.properties.title or "")
    for sheet in book.worksheets:
        assert str(sheet["A1"].value).startswith("CONFIDENTIAL")
        assert "CONFIDENTIAL" in sheet.oddHeader.right.text
        assert "CONFIDENTIAL" in sheet.oddFooter.right.text
    # No roster row reaches the workbook: figures are by classification.
    text = " ".join(
        str(c) for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r
    )
    assert "group-a" not in text


def test_the_cached_values_are_the_reports_figures(tmp_path: Path) -> None:
    sample = tmp_path / "wga"
    shutil.copytree(SAMPLE, sample)
    out, data = tmp_path / "cost.xlsx", tmp_path / "cost.json"
    for target in (out, data):
        assert CliRunner().invoke(main, ["cost", str(sample), "-o", str(target)]).exit_code == 0
    reported = json.loads(data.read_text())["columns"]
    cached = figures(out)
    # 6% of the base payroll 2,348,182,000 (worked in test_cost_cli): 140,890,920.
    assert cached["Year 1 general increases"][0] == 140890920
    for index, column in enumerate(reported):
        for year, figures_of_year in enumerate(column["years"], start=1):
            for name, label in (("general", "general increases"), ("total", "total")):
                got = D(str(cached[f"Year {year} {label}"][index]))
                assert abs(got - D(figures_of_year[name])) < D("0.01"), (column["label"], year)
        assert abs(D(str(cached["Term total"][index])) - D(column["term"]["total"])) < D("0.01")


def test_a_split_year_is_built_month_by_month(tmp_path: Path) -> None:
    # 3% in January, 2% more in July, in the contract year from 2024-01-01:
    # (6 x 1.03 + 6 x 1.03 x 1.02) / 12 - 1 = 0.0403: 40,300 on 1,000,000; then 5.06%.
    setup = Setup(date(2023, 1, 1), MILLION.roster, years=2)
    split = Position((Increase(date(2024, 1, 1), D(3)), Increase(date(2024, 7, 1), D(2))))
    out = workbook(tmp_path, report(setup, ("split", split)))
    assert dollars(figures(out)["Year 1 general increases"]) == [40300]
    assert dollars(figures(out)["Year 2 general increases"]) == [50600]
    formula = str(figures(out, formulas=True)["Year 1 general increases"][0])
    assert "6*" in formula and "/12" in formula


def test_schedule_rows_are_formulas_over_the_schedule_and_the_placements(
    tmp_path: Path,
) -> None:
    # Base: 2 x 40,000 + 42,000 + 44,100 on the schedule, 2 x 50,000 by salary = 266,100.
    # 3% in year 1: on the schedule 2 x 42,000 x 0.03 + 2 x 44,100 x 0.03 = 5,166; by
    # salary 100,000 x 0.03 = 3,000: 8,166. Steps: 2 x 2,000 + 2,100 = 6,100.
    # Roll-up 10%: (8,166 + 6,100) x 0.1 = 1,426.60; total 15,692.60.
    three = ("3%", Position(yearly(PLACED, [D(3)])))
    out = workbook(tmp_path, report(PLACED, three))
    cached = figures(out)
    assert dollars(cached["Year 1 general increases"]) == [8166]
    assert dollars(cached["Year 1 steps"]) == [6100]
    assert dollars(cached["Year 1 total"]) == [15693]
    written = figures(out, formulas=True)
    assert "SUMPRODUCT(Schedules!" in str(written["Year 1 general increases"][0])
    assert "SUMPRODUCT(" in str(written["Year 1 steps"][0])
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Cost", "Inputs", "Schedules"]
    schedules = book["Schedules"]
    assert str(schedules["A1"].value).startswith("CONFIDENTIAL")
    # 44,100 x 1.03 = 45,423.00, a formula rounding to the cent.
    raised = [
        c
        for row in schedules.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=ROUND(")
    ]
    cached_schedule = openpyxl.load_workbook(out, data_only=True)["Schedules"]
    assert 45423 in [cached_schedule[c.coordinate].value for c in raised]


def test_cents_an_hour_and_lump_sums_are_inputs(tmp_path: Path) -> None:
    # $0.25 an hour in year 1 on 20 FTE: 0.25 x 2,080 x 20 = 10,400 a year.
    # 3% in year 2 on top: 1,000,000 x 0.03 + 20 x 520 x 1.03 = 30,000 + 10,712 = 40,712.
    # A $750 lump sum in year 1: 750 x 20 = 15,000, once.
    pos, problems = position(
        MILLION, {"general_increase": ("0%", "3%"), "cents_per_hour": ("$0.25",)}
    )
    assert problems == []
    pos = Position(pos.increases, (LumpSum(1, D(750)),))
    out = workbook(tmp_path, report(MILLION, ("cents", pos)))
    cached = figures(out)
    assert dollars(cached["Year 1 general increases"]) == [10400]
    assert dollars(cached["Year 2 general increases"]) == [40712]
    assert dollars(cached["Year 1 lump sums"]) == [15000]
    assert dollars(cached["Year 2 lump sums"]) == [0]


# -- LibreOffice recalculates ------------------------------------------------------------


def recalculated(path: Path, tmp_path: Path) -> dict[str, list[str]]:
    """Return the Cost sheet as LibreOffice computes it, every formula recalculated."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE)
    folder = tmp_path / "recalculated"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            # comma, quote, UTF-8, from line 1, ..., values not as shown, every sheet
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(folder),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = (folder / f"{path.stem}-Cost.csv").read_text(encoding="utf-8")
    rows: dict[str, list[str]] = {}
    for row in csv.reader(io.StringIO(text)):
        if row and row[0]:
            rows.setdefault(row[0], [cell for cell in row[1:] if cell])
    return rows


def computed(values: list[str]) -> list[int]:
    return [round(float(v)) for v in values]


@pytest.mark.client
def test_libreoffice_computes_the_worked_example(tmp_path: Path) -> None:
    three = ("3/3/3", Position(yearly(ROLLED, [D(3), D(3), D(3)])))
    seen = recalculated(workbook(tmp_path, report(ROLLED, three)), tmp_path)
    assert computed(seen["Year 1 general increases"]) == [30000]
    assert computed(seen["Year 2 general increases"]) == [60900]
    assert computed(seen["Year 3 general increases"]) == [92727]
    assert [computed(seen[f"Year {y} total"]) for y in (1, 2, 3)] == [[35145], [71344], [108630]]


@pytest.mark.client
def test_libreoffice_follows_a_changed_input(tmp_path: Path) -> None:
    # The analyst makes year 1 4% instead of 3% on the Inputs sheet:
    # 1,000,000 x 0.04 = 40,000; x (1.04 x 1.03 - 1) = 71,200; x (1.04 x 1.03^2 - 1) = 103,336.
    # The roll-up made 20%: 48,000; 85,440; 124,003.20.
    three = ("3/3/3", Position(yearly(ROLLED, [D(3), D(3), D(3)])))
    out = workbook(tmp_path, report(ROLLED, three))
    book = openpyxl.load_workbook(out)
    inputs = book["Inputs"]
    percent_cells = [c for row in inputs.iter_rows() for c in row if c.value == 0.03]
    percent_cells[0].value = 0.04
    (rollup,) = [c for row in inputs.iter_rows() for c in row if c.value == 0.1715]
    rollup.value = 0.2
    changed = tmp_path / "changed.xlsx"
    book.save(changed)
    seen = recalculated(changed, tmp_path)
    assert computed(seen["Year 1 general increases"]) == [40000]
    assert computed(seen["Year 2 general increases"]) == [71200]
    assert computed(seen["Year 3 general increases"]) == [103336]
    assert [computed(seen[f"Year {y} total"]) for y in (1, 2, 3)] == [[48000], [85440], [124003]]


def matches_the_markdown(sample: Path, tmp_path: Path) -> None:
    """Check that LibreOffice computes every figure of the report's table to the dollar."""
    out, data = tmp_path / "cost.xlsx", tmp_path / "cost.md"
    for target in (out, data):
        assert CliRunner().invoke(main, ["cost", str(sample), "-o", str(target)]).exit_code == 0
    seen = recalculated(out, tmp_path)
    shown = {
        line.split(" | ")[0].strip("| "): [c.strip(" |") for c in line.split(" | ")[1:]]
        for line in data.read_text().splitlines()
        if line.startswith("| Year") or line.startswith("| Term")
    }
    assert len(shown) == 3 * 5 + 5 + 2  # five figures a year, the term, % and per FTE
    for label, cells in shown.items():
        if label == "Term % of base":
            got = [f"{D(v.rstrip('%')):.2f}%" for v in seen[label]]
        else:
            got = [f"${D(v).quantize(D(1), ROUND_HALF_UP):,}" for v in seen[label]]
        assert got == cells, label


@pytest.mark.client
def test_libreoffice_gives_the_reports_figures_to_the_dollar(tmp_path: Path) -> None:
    sample = tmp_path / "wga"
    shutil.copytree(SAMPLE, sample)
    matches_the_markdown(sample, tmp_path)


@pytest.mark.client
def test_libreoffice_gives_the_figures_of_rows_on_the_schedule(tmp_path: Path) -> None:
    # The sample's minimums table as the schedule (its columns made steps, moved yearly),
    # half the roster placed on it; the Guild's second pass split mid-year, with a lump sum
    # and an amount an hour.
    sample = tmp_path / "wga"
    shutil.copytree(SAMPLE, sample)
    agreement = sample / "agreement-2020.yaml"
    agreement.write_text(
        agreement.read_text().replace(
            "| Work | From May 2, 2020 | From May 2, 2021 | From May 2, 2022 |",
            "| Work | Step 1 | Step 2 | Step 3 |",
        )
    )
    costing = sample / "costing.yaml"
    text = costing.read_text().replace("steps: none", "steps: yearly")
    costing.write_text(text)
    (sample / "roster.csv").write_text(
        "classification,salary,range,step,count,fte\n"
        "Staff writer,92587,,,1200,1\n"
        'Staff writer,,"Screenplay, excluding treatment",1,800,1\n'
        'Story editor,,"Rewrite of screenplay",2,300,0.5\n'
        'Co-producer,,"Story or treatment",3,100,1\n'
    )
    guild = sample / "03-guild-2.yaml"
    guild.write_text(
        guild.read_text().replace(
            'terms: {general_increase: ["5.5%", "4.5%", "4%"]}',
            'terms: {general_increase: ["5.5%", "4.5%", "4%"], lump_sum: "$500", '
            'general_increase_effective: ["2023-05-02", "2023-11-01", "2025-05-02"], '
            'cents_per_hour: ["$0.25", "$0.10"]}',
        )
    )
    assert "lump_sum" in guild.read_text()
    matches_the_markdown(sample, tmp_path)
    shown = (tmp_path / "cost.md").read_text()
    assert (
        "| Year 1 steps | $0 |" not in shown and "| Year 1 lump sums | $0 | $0 | $0 |" not in shown
    )
    assert "Schedules" in openpyxl.load_workbook(tmp_path / "cost.xlsx").sheetnames


@pytest.mark.client
def test_libreoffice_recalculates_rather_than_reading_the_cache(tmp_path: Path) -> None:
    # The guard of the tests above: cached at 3/3/3's figures, formulas over 4/3/3's
    # inputs; what LibreOffice shows is 4/3/3's (40,000, 71,200), so it did recompute.
    three = cost_column(ROLLED, "mixed", Position(yearly(ROLLED, [D(3), D(3), D(3)])))
    mixed = replace(three, position=Position(yearly(ROLLED, [D(4), D(3), D(3)])))
    out = workbook(tmp_path, assemble("Test", "2023-06-30", ROLLED, [mixed]))
    assert dollars(figures(out)["Year 1 general increases"]) == [30000]
    seen = recalculated(out, tmp_path)
    assert computed(seen["Year 1 general increases"]) == [40000]
    assert computed(seen["Year 2 general increases"]) == [71200]


@pytest.mark.client
def test_libreoffice_computes_split_years_and_amounts_an_hour(tmp_path: Path) -> None:
    # Split: 3% from 2023-07-01, 2% more from 2024-01-01, on 1,000,000 from 2022-07-01:
    # (6 x 1.03 + 6 x 1.0506) / 12 - 1 = 0.0403: 40,300; then 5.06%: 50,600.
    # Amounts: $0.25 an hour from 2023-07-01 (0.25 x 2,080 = 520 a year per FTE), then 3%
    # and $0.10 more from 2024-01-01 (520 x 1.03 + 0.10 x 2,080 = 743.60 per FTE). Year 1 is
    # half of each: 20 x (520 + 743.60) / 2 + 1,000,000 x 0.03 / 2 = 12,636 + 15,000 = 27,636;
    # year 2: 20 x 743.60 + 30,000 = 44,872.
    split = Position((Increase(date(2023, 7, 1), D(3)), Increase(date(2024, 1, 1), D(2))))
    terms = {
        "general_increase": ("0%", "3%"),
        "general_increase_effective": ("2023-07-01", "2024-01-01"),
        "cents_per_hour": ("$0.25", "$0.10"),
    }
    cents, problems = position(MILLION, terms)
    assert problems == []
    out = workbook(tmp_path, report(MILLION, ("split", split), ("cents", cents)))
    seen = recalculated(out, tmp_path)
    assert computed(seen["Year 1 general increases"]) == [40300, 27636]
    assert computed(seen["Year 2 general increases"]) == [50600, 44872]


@pytest.mark.client
def test_libreoffice_follows_a_changed_schedule(tmp_path: Path) -> None:
    # As above (8,166 general, 6,100 steps, 15,693 in all in year 1), then the analyst makes
    # Step 3 $45,100 on the Inputs sheet. Year 1: the two reaching Step 2, 2 x 1,260 =
    # 2,520; the two at Step 3, 45,100 x 1.03 = 46,453, 2 x 1,353 = 2,706; by salary 3,000:
    # 8,226. Steps: 2 x 2,000 + (45,100 - 42,000) = 7,100. Roll-up 10%: 1,532.60; 16,858.60.
    three = ("3%", Position(yearly(PLACED, [D(3)])))
    out = workbook(tmp_path, report(PLACED, three))
    seen = recalculated(out, tmp_path)
    assert computed(seen["Year 1 general increases"]) == [8166]
    assert computed(seen["Year 1 steps"]) == [6100]
    assert computed(seen["Year 1 total"]) == [15693]
    book = openpyxl.load_workbook(out)
    (top,) = [c for row in book["Inputs"].iter_rows() for c in row if c.value == 44100]
    top.value = 45100
    changed = tmp_path / "changed.xlsx"
    book.save(changed)
    seen = recalculated(changed, tmp_path)
    assert computed(seen["Year 1 general increases"]) == [8226]
    assert computed(seen["Year 1 steps"]) == [7100]
    assert computed(seen["Year 1 total"]) == [16859]
