"""`conform --schedules`: the schedule the agreed increases make, written into the new
agreement after the schedule clause's text, every figure worked by hand here; and, for
generated schedules and increases, the tables it writes read back by check's reader as
following their increase, a figure a cent off as the one that does not."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from contracttools.cli import main
from contracttools.costing.schedules import Increase, Schedule, compare, project
from contracttools.costing.tables import first_table, read_table
from contracttools.documents.conformed import with_schedules
from contracttools.model import Agreement, Clause

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "wga-2023"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def clause_text(path: Path, clause_id: str) -> str:
    def walk(clauses: list[dict[str, object]]) -> str | None:
        for clause in clauses:
            if clause["id"] == clause_id:
                return str(clause.get("text", ""))
            found = walk(clause.get("clauses", []))  # type: ignore[arg-type]
            if found is not None:
                return found
        return None

    text = walk(yaml.safe_load(path.read_text(encoding="utf-8"))["clauses"])
    assert text is not None
    return text


def tables_by_heading(text: str) -> dict[str, dict[str, list[str]]]:
    """Return each table after a bold heading paragraph, its rows by their first cell."""
    found: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for line in text.splitlines():
        if line.startswith("**") and line.endswith("**"):
            current = found.setdefault(line.strip("*"), {})
        elif line.startswith("|") and current is not None:
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            current[cells[0]] = cells[1:]
    return found


def test_the_agreed_schedules_follow_the_schedule_clause(tmp_path: Path) -> None:
    out = tmp_path / "agreement-2023.yaml"
    code, output = run("conform", str(SAMPLE), "--schedules", "-o", str(out))
    assert code == 0, output
    assert "2.B Schedule of Minimums: the schedule effective May 2, 2023, May 2, 2024" in output
    text = clause_text(out, "minimums.schedule")
    # the clause's own text first, as it was
    assert text.startswith(clause_text(SAMPLE / "agreement-2020.yaml", "minimums.schedule"))
    tables = tables_by_heading(text)
    assert list(tables) == [
        "Effective May 2, 2023",
        "Effective May 2, 2024",
        "Effective May 2, 2025",
    ]
    # The TA: 5% from May 2, 2023, 4% from May 2, 2024, 3.5% from May 2, 2025, each on the
    # figure before it as printed, to the cent, halves up, from the May 2, 2022 column:
    # original screenplay 138,949 x 1.05 = 145,896.45; x 1.04 = 151,732.308 -> 151,732.31;
    #   x 1.035 = 157,042.94085 -> 157,042.94;
    # screenplay excluding treatment 92,587 x 1.05 = 97,216.35; x 1.04 = 101,105.004 ->
    #   101,105.00; x 1.035 = 104,643.675 -> 104,643.68 (a half cent, up);
    # story and teleplay, 30 minutes 27,900 x 1.05 = 29,295.00; x 1.04 = 30,466.80;
    #   x 1.035 = 31,533.138 -> 31,533.14.
    expected = {
        "Original screenplay, including treatment": ("$145,896.45", "$151,732.31", "$157,042.94"),
        "Screenplay, excluding treatment": ("$97,216.35", "$101,105.00", "$104,643.68"),
        "Story and teleplay, 30 minutes": ("$29,295.00", "$30,466.80", "$31,533.14"),
    }
    for row, figures in expected.items():
        assert [tables[heading][row] for heading in tables] == [[f] for f in figures]
    assert tables["Effective May 2, 2024"]["Work"] == ["From May 2, 2024"]
    assert all(len(t) == 1 + 1 + 8 for t in tables.values())  # heading, rule, eight kinds of work
    # still a valid agreement, the next round's base
    code, output = run("check", str(out))
    assert code == 0, output


def test_without_the_flag_nothing_changes(tmp_path: Path) -> None:
    plain, raised = tmp_path / "plain.yaml", tmp_path / "raised.yaml"
    assert run("conform", str(SAMPLE), "-o", str(plain))[0] == 0
    assert run("conform", str(SAMPLE), "--schedules", "-o", str(raised))[0] == 0
    assert "Effective May 2, 2023" not in plain.read_text(encoding="utf-8")
    before = yaml.safe_load(plain.read_text(encoding="utf-8"))
    after = yaml.safe_load(raised.read_text(encoding="utf-8"))
    changed = [
        (a["id"], b["id"])
        for x, y in zip(before["clauses"], after["clauses"], strict=True)
        for a, b in zip(x.get("clauses", []), y.get("clauses", []), strict=True)
        if a != b
    ]
    assert changed == [("minimums.schedule", "minimums.schedule")]


def test_the_blackline_marks_the_new_tables_inserted(tmp_path: Path) -> None:
    out = tmp_path / "blackline.html"
    code, output = run("conform", str(SAMPLE), "--schedules", "--redline", "-o", str(out))
    assert code == 0, output
    page = out.read_text(encoding="utf-8")
    heading = (
        '<p class="block-inserted"><ins><span class="cue">[+</span><strong>Effective May 2, 2025'
    )
    assert heading in page
    assert "$104,643.68" in page[page.index(heading) :]


def test_before_any_agreed_increase_it_says_so(tmp_path: Path) -> None:
    out = tmp_path / "agreement.yaml"
    code, output = run(
        "conform", str(SAMPLE), "--schedules", "--as-of", "2023-04-20", "-o", str(out)
    )
    assert code == 0, output
    assert (
        "no tentative agreement gives a general_increase: 2.B Schedule of Minimums is written as it is"
        in output
    )
    assert "Effective" not in clause_text(out, "minimums.schedule")


def test_without_a_schedule_named_it_stops(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    shutil.copytree(SAMPLE, folder)
    costing = folder / "costing.yaml"
    lines = costing.read_text(encoding="utf-8").splitlines(keepends=True)
    costing.write_text("".join(x for x in lines if not x.startswith("schedule:")), encoding="utf-8")
    out = tmp_path / "agreement.yaml"
    code, output = run("conform", str(folder), "--schedules", "-o", str(out))
    assert code == 2
    assert f"{costing}: --schedules: names no 'schedule'" in output
    assert "Traceback" not in output and not out.exists()


def with_ta(folder: Path, ta: dict[str, object], item: dict[str, str] | None = None) -> Path:
    """Copy the sample into `folder` with `ta` signed, and `item` in the Guild's second pass."""
    shutil.copytree(SAMPLE, folder)
    if item is not None:
        path = folder / "03-guild-2.yaml"
        proposal = yaml.safe_load(path.read_text(encoding="utf-8"))
        proposal["items"].append(item)
        path.write_text(yaml.safe_dump(proposal, sort_keys=False), encoding="utf-8")
    path = folder / "negotiation.yaml"
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    signed = {"date": "2023-04-30", "initials": {"guild": "MK", "producers": "CL"}}
    manifest["tentative_agreements"].append({**ta, **signed})
    path.write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    return folder


def test_a_schedule_clause_with_a_ta_of_its_own_gets_the_tables_after_it(tmp_path: Path) -> None:
    agreed = "The minimums are as set out below."
    folder = with_ta(tmp_path / "t", {"clause": "minimums.schedule", "text": agreed})
    out = tmp_path / "agreement.yaml"
    code, output = run("conform", str(folder), "--schedules", "-o", str(out))
    assert code == 0, output
    assert "2.B Schedule of Minimums has a tentative agreement of its own" in output
    text = clause_text(out, "minimums.schedule")
    assert text.startswith(agreed + "\n\n**Effective May 2, 2023**\n")
    # 138,949 x 1.05 = 145,896.45
    assert tables_by_heading(text)["Effective May 2, 2023"][
        "Original screenplay, including treatment"
    ] == ["$145,896.45"]


def test_a_struck_schedule_clause_gets_no_tables_and_it_says_so(tmp_path: Path) -> None:
    item = {"clause": "minimums.schedule", "action": "delete"}
    ta = {"clause": "minimums.schedule", "party": "guild", "proposal": 2}
    folder = with_ta(tmp_path / "t", ta, item)
    out = tmp_path / "agreement.yaml"
    code, output = run("conform", str(folder), "--schedules", "-o", str(out))
    assert code == 0, output
    assert "2.B Schedule of Minimums is not in the conformed agreement" in output
    assert "Effective May 2, 2023" not in out.read_text(encoding="utf-8")


# -- what conform writes, check reads back ---------------------------------------------

cents = st.decimals(min_value=Decimal("1"), max_value=Decimal("250000"), places=2)
percents = st.decimals(min_value=Decimal("0"), max_value=Decimal("12"), places=2)


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    ranges = draw(st.integers(1, 3))
    steps = draw(st.sampled_from([[""], ["1"], ["1", "2", "3"]]))
    rates = [[draw(cents) for _ in steps] for _ in range(ranges)]
    return Schedule.of("annual", [str(n) for n in range(1, ranges + 1)], steps, rates)


@settings(max_examples=60, deadline=None)
@given(schedules(), percents, st.sampled_from([Decimal(0), Decimal("0.25")]), st.data())
def test_the_tables_conform_writes_follow_their_increase_as_check_reads_them(
    base: Schedule, percent: Decimal, amount: Decimal, data: st.DataObject
) -> None:
    change = Increase(date(2023, 5, 2), percent, amount)
    (dated,) = project(base, [change])
    clause = Clause("wages", "13", "Wages", "Each employee is paid at least:")
    agreement = with_schedules(Agreement("a", "A", (clause,)), "wages", "Range", [dated])
    written = agreement.by_id["wages"].text
    assert written.startswith("Each employee is paid at least:\n\n**Effective May 2, 2023**\n")
    table = first_table(written)
    assert table is not None
    read = read_table(table).schedule()
    assert read.ranges == base.ranges and read.rates == dated.schedule.rates
    assert compare(base, replace(read, steps=base.steps), change) == []
    # one figure a cent off is the one mismatch, at its place
    r = data.draw(st.integers(0, len(base.ranges) - 1))
    s = data.draw(st.integers(0, len(base.steps) - 1))
    rates = [list(row) for row in read.rates]
    rates[r][s] += Decimal("0.01")
    off = Schedule.of("annual", read.ranges, base.steps, rates)
    (mismatch,) = compare(base, off, change)
    assert (mismatch.range, mismatch.step) == (base.ranges[r], base.steps[s])
    assert mismatch.expected == dated.schedule.rates[r][s]
