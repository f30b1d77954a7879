"""Schedules: table rows pair by their key (the first cell) before whole-row similarity."""

from __future__ import annotations

import re
import subprocess
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from xml.etree import ElementTree

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from contracttools.body import Table
from contracttools.redline.model import new_text, old_text
from contracttools.redline.tables import diff_tables
from tests.conftest import invoke
from tests.test_golden import agreement

CASES = Path(__file__).parent / "cases"
CENT = Decimal("0.01")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

HEADER = ("Range", "Step 1", "Step 2", "Step 3")
OLD = Table(
    rows=(
        HEADER,
        ("1", "$3,000.00", "$3,150.00", "$3,307.50"),
        ("2", "$3,200.00", "$3,360.00", "$3,528.00"),
        ("3", "$3,412.35", "$3,583.15", "$3,762.25"),
        ("4", "$3,650.50", "$3,833.05", "$4,024.70"),
    )
)
# Raised 3%, to the cent, half up, by hand: 3,000.00 x 1.03 = 3,090.00; 3,150.00 -> 3,244.50;
# 3,307.50 -> 3,406.725 -> 3,406.73; 3,412.35 -> 3,514.7205 -> 3,514.72; 3,583.15 ->
# 3,690.6445 -> 3,690.64; 3,762.25 -> 3,875.1175 -> 3,875.12; 3,650.50 -> 3,760.015 ->
# 3,760.02; 3,833.05 -> 3,948.0415 -> 3,948.04; 4,024.70 -> 4,145.441 -> 4,145.44.
# Range 2 is removed, range 5 added.
NEW = Table(
    rows=(
        HEADER,
        ("1", "$3,090.00", "$3,244.50", "$3,406.73"),
        ("3", "$3,514.72", "$3,690.64", "$3,875.12"),
        ("4", "$3,760.02", "$3,948.04", "$4,145.44"),
        ("5", "$3,900.00", "$4,095.00", "$4,299.75"),
    )
)


def test_a_wage_table_raised_three_percent_keeps_its_ranges_and_marks_each_figure() -> None:
    change = diff_tables(OLD, NEW)
    assert change.status == "modified"
    shown = [(row.status, row.cells[0].spans[0].text) for row in change.rows]
    assert shown == [
        ("equal", "Range"),
        ("modified", "1"),
        ("deleted", "2"),
        ("modified", "3"),
        ("modified", "4"),
        ("inserted", "5"),
    ]
    for row, old, new in [(1, 1, 1), (3, 3, 2), (4, 4, 3)]:
        cells = change.rows[row].cells
        assert cells[0].status == "equal"  # the range cell unchanged
        for step in (1, 2, 3):  # each figure struck and replaced, whole
            marks = [(s.op, s.text) for s in cells[step].spans]
            assert marks == [("delete", OLD.rows[old][step]), ("insert", NEW.rows[new][step])]


def schedule(ranges: int, steps: int, raise_by: Decimal) -> Table:
    """Return a ranges x steps wage schedule, every figure raised by `raise_by` (half up)."""
    header = ("Range", *(f"Step {s}" for s in range(1, steps + 1)))
    rows = [header]
    for r in range(1, ranges + 1):
        figures = []
        for s in range(1, steps + 1):
            base = Decimal(2500 + 41 * r + 17 * s) + Decimal((r * 7 + s * 3) % 100) / 100
            figures.append((base * (1 + raise_by)).quantize(CENT, ROUND_HALF_UP))
        rows.append((str(r), *(f"${f:,}" for f in figures)))
    return Table(rows=tuple(rows))


def test_a_120_range_schedule_raised_three_percent_keeps_every_range() -> None:
    old, new = schedule(120, 12, Decimal(0)), schedule(120, 12, Decimal("0.03"))
    change = diff_tables(old, new)
    body = change.rows[1:]
    assert [r.status for r in body].count("modified") == 120
    assert not [r for r in change.rows if r.status in ("inserted", "deleted")]
    for row, a, b in zip(body, old.rows[1:], new.rows[1:], strict=True):
        assert row.cells[0].status == "equal" and row.cells[0].spans[0].text == a[0]
        for cell, was, now in zip(row.cells[1:], a[1:], b[1:], strict=True):
            assert [(s.op, s.text) for s in cell.spans] == [("delete", was), ("insert", now)]


def test_a_schedule_transposed_pairs_by_its_step_column() -> None:
    # Steps down the side, ranges across: "Step" heads the key column; step 3 is
    # removed and every figure changes, so no row is alike by its words.
    old = Table(
        rows=(
            ("Step", "Range A", "Range B"),
            ("1", "$10.00", "$11.00"),
            ("2", "$10.50", "$11.55"),
            ("3", "$11.03", "$12.13"),
            ("4", "$11.58", "$12.74"),
        )
    )
    new = Table(
        rows=(
            ("Step", "Range A", "Range B"),
            ("1", "$10.30", "$11.33"),
            ("2", "$10.82", "$11.90"),
            ("4", "$11.93", "$13.12"),
        )
    )
    change = diff_tables(old, new)
    assert [(r.status, old_text(r.cells[0].spans)) for r in change.rows] == [
        ("equal", "Step"),
        ("modified", "1"),
        ("modified", "2"),
        ("deleted", "3"),
        ("modified", "4"),
    ]


def test_a_table_keyed_by_its_second_column_pairs_by_it() -> None:
    # The titles are rewritten and the rows put in order of title; the Class column,
    # second, is the key: every class is kept, none added or removed; C-201, put first, is
    # a moved row (struck at its old place, inserted at its new, each naming the other).
    old = Table(
        rows=(
            ("Title", "Class", "Annual"),
            ("Clerk I", "C-101", "$40,000.00"),
            ("Clerk II", "C-102", "$44,000.00"),
            ("Account Clerk", "C-201", "$46,000.00"),
        )
    )
    new = Table(
        rows=(
            ("Title", "Class", "Annual"),
            ("Accounts Assistant", "C-201", "$47,380.00"),
            ("Office Assistant I", "C-101", "$41,200.00"),
            ("Office Assistant II", "C-102", "$45,320.00"),
        )
    )
    change = diff_tables(old, new)
    assert [
        (r.status, old_text(r.cells[1].spans) or new_text(r.cells[1].spans)) for r in change.rows
    ] == [
        ("equal", "Class"),
        ("inserted", "C-201"),
        ("modified", "C-101"),
        ("modified", "C-102"),
        ("deleted", "C-201"),
    ]
    assert (change.rows[1].moved_from, change.rows[4].moved_to) == (3, 1)
    paired = {new_text(r.cells[1].spans): old_text(r.cells[1].spans) for r in change.rows[2:4]}
    assert paired == {"C-101": "C-101", "C-102": "C-102"}


def _pipe(table: Table) -> str:
    lines = ["| " + " | ".join(table.rows[0]) + " |", "|" + " --- |" * len(table.rows[0])]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in table.rows[1:]]) + "\n"


def test_the_pdf_of_a_120_range_schedule_prints_every_new_figure(tmp_path: Path) -> None:
    old, new = schedule(120, 12, Decimal(0)), schedule(120, 12, Decimal("0.03"))
    paths = []
    for side, table in (("old", old), ("new", new)):
        path = tmp_path / f"{side}.yaml"
        clause = {
            "id": "schedule",
            "number": "Appendix A",
            "title": "Salaries",
            "text": _pipe(table),
        }
        path.write_bytes(agreement(side, [clause]))
        paths.append(str(path))
    out = tmp_path / "redline.pdf"
    code, output = invoke("diff", *paths, "-o", str(out))
    assert code == 1, output
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    printed = set(re.findall(r"\$[\d,]+\.\d\d", text))
    figures = {cell for row in new.rows[1:] for cell in row[1:]}
    assert len(figures) > 1000
    assert figures <= printed, sorted(figures - printed)[:5]


keys = st.lists(st.integers(1, 60), min_size=1, max_size=12, unique=True)
figure = st.integers(100, 999_999).map(lambda c: f"${c // 100:,}.{c % 100:02d}")


@settings(max_examples=80, deadline=None)
@given(keys, st.data())
def test_a_table_whose_rows_keep_their_keys_pairs_every_row(
    ranges: list[int], data: st.DataObject
) -> None:
    # Random figures on each side (so any cell may change) and a few rows swapped with
    # their neighbours: every row still pairs with the row of its key, in place, or a row
    # moved out of order is struck where it was and inserted where it is, each half naming
    # the other's place (so Reject All and Accept All give each table in its order).
    width = data.draw(st.integers(1, 4))
    header = ("Range", *(f"Step {s}" for s in range(1, width + 1)))
    old_rows = [
        (str(k), *data.draw(st.lists(figure, min_size=width, max_size=width))) for k in ranges
    ]
    new_rows = [
        (str(k), *data.draw(st.lists(figure, min_size=width, max_size=width))) for k in ranges
    ]
    for _ in range(data.draw(st.integers(0, 2))):
        if len(new_rows) > 1:
            i = data.draw(st.integers(0, len(new_rows) - 2))
            new_rows[i], new_rows[i + 1] = new_rows[i + 1], new_rows[i]
    old, new = Table(rows=(header, *old_rows)), Table(rows=(header, *new_rows))
    change = diff_tables(old, new)
    in_order = [r[0] for r in new_rows] == [r[0] for r in old_rows]
    if in_order:  # one row a key, never deleted and inserted
        assert len(change.rows) == len(ranges) + 1
    olds = {row[0]: (i, row) for i, row in enumerate(old.rows)}
    news = {row[0]: (j, row) for j, row in enumerate(new.rows)}
    for row in change.rows:
        olds_text = [old_text(c.spans) for c in row.cells]
        news_text = [new_text(c.spans) for c in row.cells]
        if row.moved_to is not None:  # the struck half of a moved row, at its old place
            assert row.status == "deleted"
            key = olds_text[0]
            assert olds_text == list(olds[key][1]) and row.moved_to == news[key][0]
        elif row.moved_from is not None:  # its inserted half, at its new place
            assert row.status == "inserted"
            key = news_text[0]
            assert news_text == list(news[key][1]) and row.moved_from == olds[key][0]
        else:  # every other row pairs with the row of its key
            assert row.status in ("equal", "modified")
            assert news_text == list(news[news_text[0]][1])
            assert olds_text == list(olds[news_text[0]][1])
    # Dropping the inserted rows gives the old table, the deleted ones the new, in order.
    assert [
        tuple(old_text(c.spans) for c in r.cells) for r in change.rows if r.status != "inserted"
    ] == list(old.rows)
    assert [
        tuple(new_text(c.spans) for c in r.cells) for r in change.rows if r.status != "deleted"
    ] == list(new.rows)


def test_word_marks_a_raised_wage_table_cell_by_cell(tmp_path: Path) -> None:
    # Read back with the standard library: each figure is a w:del and a w:ins in its own
    # cell; the removed range is a deleted row (w:del in its w:trPr), the added one inserted.
    case = yaml.safe_load((CASES / "wage-table-raised-three-percent.yaml").read_text())
    paths = []
    for side in ("old", "new"):
        path = tmp_path / f"{side}.yaml"
        path.write_bytes(agreement(side, case[side]))
        paths.append(str(path))
    out = tmp_path / "redline.docx"
    code, output = invoke("diff", *paths, "-o", str(out))
    assert code == 1, output
    body = ElementTree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    table = body.findall(f".//{W}tbl")[-1]
    rows = []
    for tr in table.findall(f"{W}tr"):
        row_mark = tr.find(f"{W}trPr/{W}del"), tr.find(f"{W}trPr/{W}ins")
        cells = [
            (
                "".join(t.text or "" for t in tc.iter(f"{W}delText")),
                "".join(t.text or "" for ins in tc.iter(f"{W}ins") for t in ins.iter(f"{W}t")),
            )
            for tc in tr.findall(f"{W}tc")
        ]
        rows.append(
            ("del" if row_mark[0] is not None else "ins" if row_mark[1] is not None else "", cells)
        )
    assert rows[1:] == [
        (
            "",
            [
                ("", ""),
                ("$3,000.00", "$3,090.00"),
                ("$3,150.00", "$3,244.50"),
                ("$3,307.50", "$3,406.73"),
            ],
        ),
        ("del", [("2", ""), ("$3,200.00", ""), ("$3,360.00", ""), ("$3,528.00", "")]),
        (
            "",
            [
                ("", ""),
                ("$3,412.35", "$3,514.72"),
                ("$3,583.15", "$3,690.64"),
                ("$3,762.25", "$3,875.12"),
            ],
        ),
        (
            "",
            [
                ("", ""),
                ("$3,650.50", "$3,760.02"),
                ("$3,833.05", "$3,948.04"),
                ("$4,024.70", "$4,145.44"),
            ],
        ),
        ("ins", [("", "5"), ("", "$3,900.00"), ("", "$4,095.00"), ("", "$4,299.75")]),
    ]


def test_word_rejecting_a_moved_row_gives_the_old_order(tmp_path: Path) -> None:
    # Range 3 put first and raised: in document.xml, the rows without w:ins in their trPr,
    # read as deleted text where struck, are the old table in its order; the rows without
    # w:del, read as inserted text, the new table in its order.
    case = yaml.safe_load((CASES / "wage-table-row-moved.yaml").read_text())
    paths = []
    for side in ("old", "new"):
        path = tmp_path / f"{side}.yaml"
        path.write_bytes(agreement(side, case[side]))
        paths.append(str(path))
    out = tmp_path / "redline.docx"
    code, output = invoke("diff", *paths, "-o", str(out))
    assert code == 1, output
    body = ElementTree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    table = body.findall(f".//{W}tbl")[-1]
    rejected, accepted = [], []
    for tr in table.findall(f"{W}tr"):
        deleted = tr.find(f"{W}trPr/{W}del") is not None
        inserted = tr.find(f"{W}trPr/{W}ins") is not None
        old_cells, new_cells = [], []
        for tc in tr.findall(f"{W}tc"):
            kept = "".join(
                t.text or ""
                for r in tc.iter(f"{W}r")
                for t in r.findall(f"{W}t")
                if not any(r in list(ins) for ins in tc.iter(f"{W}ins"))
            )
            struck = "".join(t.text or "" for t in tc.iter(f"{W}delText"))
            added = "".join(t.text or "" for ins in tc.iter(f"{W}ins") for t in ins.iter(f"{W}t"))
            old_cells.append(kept + struck)
            new_cells.append(kept + added)
        if not inserted:
            rejected.append(old_cells)
        if not deleted:
            accepted.append(new_cells)
    old_rows = [["Range", "Step 1"], ["1", "$3,000.00"], ["2", "$3,200.00"], ["3", "$3,412.35"]]
    new_rows = [["Range", "Step 1"], ["3", "$3,514.72"], ["1", "$3,000.00"], ["2", "$3,200.00"]]
    assert rejected == old_rows
    assert accepted == new_rows
