"""The kit's pay page, from the files: the agreement's salary schedule raised by the agreed
increases, every rate checked against the inputs and a hand computation, in a browser at
a phone's width and a desktop's, and nothing of the roster anywhere in the kit."""

from __future__ import annotations

import html
import json
import re
import shutil
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser import axe, measured, need_chromium
from tests.conftest import SAMPLES
from tests.conftest import invoke as run
from tests.test_book import chromium
from tests.test_kit import every_part, tags

CENT = Decimal("0.01")


def cents(amount: str) -> Decimal:
    """Return "$138,949" or "$145,896.45" as an amount."""
    return Decimal(amount.strip().removeprefix("$").replace(",", ""))


def shown(amount: Decimal) -> str:
    """Return an amount as the page shows it: "$145,896.45"."""
    return f"${amount:,.2f}"


def raised(rate: Decimal, percent: str) -> Decimal:
    """Return a rate raised by `percent`, rounded to the cent with halves up: the rule the
    page states (each raise on the rate as printed)."""
    return (rate * (1 + Decimal(percent) / 100)).quantize(CENT, rounding=ROUND_HALF_UP)


class Rates(HTMLParser):
    """The pay table as a reader gets it: each body row's header and its cells' amounts
    (a cell's first text, before the rise under it)."""

    def __init__(self) -> None:
        super().__init__()
        self.head: list[str] = []
        self.rows: dict[str, list[str]] = {}
        self.where: str | None = None
        self.part = ""
        self.text: list[str] = []
        self.row: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("thead", "tbody"):
            self.part = tag
        elif tag in ("th", "td"):
            self.where, self.text = tag, []
        elif tag == "span" and self.where == "td":
            self.where = "rise"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self.where is not None:
            self.row.append(" ".join("".join(self.text).split()))
            self.where = None
        elif tag == "tr":
            if self.part == "thead":
                self.head = self.row
            elif self.part == "tbody":
                self.rows[self.row[0]] = self.row[1:]
            self.row = []

    def handle_data(self, data: str) -> None:
        if self.where in ("th", "td"):
            self.text.append(data)


def rates(page: Path) -> Rates:
    parser = Rates()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def sample_schedule() -> dict[str, Decimal]:
    """Return the sample's schedule of minimums as it reads in the YAML: the current
    column (from May 2, 2022) of each row of clause 2.B's table."""
    agreement = yaml.safe_load((SAMPLES / "agreement-2020.yaml").read_text(encoding="utf-8"))
    stack, text = list(agreement["clauses"]), ""
    while stack:
        clause = stack.pop()
        if clause["id"] == "minimums.schedule":
            text = clause["text"]
        stack.extend(clause.get("clauses", []))
    lines = [line for line in text.splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    assert header[-1] == "From May 2, 2022"
    return {
        cells[0]: cents(cells[-1])
        for line in lines[2:]
        if (cells := [c.strip() for c in line.strip("|").split("|")])
    }


def sample_increases() -> list[str]:
    """Return the agreed general increases, from the sample's TA log."""
    manifest = yaml.safe_load((SAMPLES / "negotiation.yaml").read_text(encoding="utf-8"))
    (ta,) = (
        t for t in manifest["tentative_agreements"] if "general_increase" in t.get("terms", {})
    )
    return [p.rstrip("%") for p in ta["terms"]["general_increase"]]


def expected_sample() -> dict[str, list[str]]:
    """Return, for each kind of work, the rate now and from each effective date."""
    out = {}
    for work, rate in sample_schedule().items():
        figures = [rate]
        for percent in sample_increases():
            figures.append(raised(figures[-1], percent))
        out[work] = [shown(f) for f in figures]
    return out


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kit") / "kit"
    code, output = run("kit", str(SAMPLES), "-o", str(out), "--schedule", "minimums.schedule")
    assert code == 0, output
    assert "pay page" not in output  # nothing to say: a page was written
    return out


def test_every_rate_is_the_schedule_raised_by_the_agreed_increases(kit: Path) -> None:
    expected = expected_sample()
    # by hand, from the YAML: 2.B's current original screenplay minimum is $138,949 and the
    # TA gives 5%, 4%, 3.5%: 138,949 x 1.05 = 145,896.45; x 1.04 = 151,732.308 -> .31;
    # 151,732.31 x 1.035 = 157,042.94085 -> .94
    assert expected["Original screenplay, including treatment"] == [
        "$138,949.00",
        "$145,896.45",
        "$151,732.31",
        "$157,042.94",
    ]
    # 17,652 x 1.05 = 18,534.60; x 1.04 = 19,275.984 -> .98; x 1.035 = 19,950.6393 -> .64
    assert expected["Polish of screenplay"] == [
        "$17,652.00",
        "$18,534.60",
        "$19,275.98",
        "$19,950.64",
    ]
    table = rates(kit / "pay.html")
    assert table.head == [
        "Work",
        "Now (from May 2, 2022)",
        "From May 2, 2023",
        "From May 2, 2024",
        "From May 2, 2025",
    ]
    assert len(table.rows) == 8
    assert table.rows == expected


def test_the_page_states_its_rounding_rule_and_works_without_script(kit: Path) -> None:
    page = (kit / "pay.html").read_text(encoding="utf-8")
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "rounded to the cent (half a cent rounds up)" in words
    assert "Original screenplay, including treatment: $138,949.00 + 5% = $145,896.45." in words
    found = tags(page)
    assert not [a for t, a in found if t == "script" and "src" in a]
    assert not [a for t, a in found if t in ("link", "img", "iframe", "object")]
    assert "://" not in page and "@import" not in page and "url(" not in page
    assert ("form", {"id": "pay-finder", "hidden": None}) in found  # the script shows it
    assert ("label", {"for": "pay-row"}) in found and ("select", {"id": "pay-row"}) in found
    assert ("div", {"id": "pay-result", "role": "status", "aria-live": "polite"}) in found
    heads = [a for t, a in found if t == "th"]
    assert heads and all(a.get("scope") in ("col", "row") for a in heads)
    assert sum(a.get("scope") == "row" for a in heads) == 8


def test_the_message_links_the_pay_page(kit: Path) -> None:
    page = (kit / "message.html").read_text(encoding="utf-8")
    hrefs = [a["href"] for t, a in tags(page) if t == "a"]
    assert hrefs.count("pay.html") == 2  # among the documents, and under "Your pay"
    assert (kit / "pay.html").is_file()
    text = (kit / "message.txt").read_text(encoding="utf-8")
    flat = " ".join(text.split())
    assert "Your pay (HTML): find your rate now and in each year. pay.html" in flat
    assert "Find your own rate on the pay page: pay.html" in flat
    lead = "Every rate of 2.B Schedule of Minimums rises 5% from May 2, 2023"
    assert lead in flat and lead in " ".join(page.split())


def test_link_base_reaches_the_pay_page(tmp_path: Path) -> None:
    out = tmp_path / "kit"
    base = "https://union.example/ratify/"
    args = ("--schedule", "minimums.schedule", "--link-base", base)
    assert run("kit", str(SAMPLES), "-o", str(out), *args)[0] == 0
    assert f'href="{base}pay.html"' in (out / "message.html").read_text(encoding="utf-8")


def test_without_a_schedule_no_pay_page_and_it_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    shutil.copytree(SAMPLES, folder)
    costing = folder / "costing.yaml"
    lines = costing.read_text(encoding="utf-8").splitlines(keepends=True)
    costing.write_text("".join(x for x in lines if not x.startswith("schedule:")), encoding="utf-8")
    out = tmp_path / "kit"
    code, output = run("kit", str(folder), "-o", str(out))
    assert code == 0, output
    assert "kit: no pay page: no salary schedule named (give --schedule CLAUSE" in output
    assert not (out / "pay.html").exists()
    assert "pay.html" not in (out / "message.html").read_text(encoding="utf-8")
    assert "pay.html" not in (out / "message.txt").read_text(encoding="utf-8")


def test_without_an_agreed_increase_no_pay_page_and_it_says_so(tmp_path: Path) -> None:
    out = tmp_path / "kit"
    args = ("--schedule", "minimums.schedule", "--as-of", "producers-1")
    code, output = run("kit", str(SAMPLES), "-o", str(out), *args)
    assert code == 0, output
    assert "kit: no pay page: no tentative agreement gives a general_increase" in output
    assert not (out / "pay.html").exists()


def test_a_schedule_that_is_not_one_is_an_error(tmp_path: Path) -> None:
    code, output = run(
        "kit", str(SAMPLES), "-o", str(tmp_path / "a"), "--schedule", "minimums.nothing"
    )
    assert code == 2 and "--schedule names clause 'minimums.nothing'" in output
    code, output = run(
        "kit", str(SAMPLES), "-o", str(tmp_path / "b"), "--schedule", "minimums.general-increase"
    )
    assert code == 2
    assert re.search(
        r"agreement-2020\.yaml:\d+:\d+: clause 'minimums.general-increase' has no", output
    )
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("[wages]", "'schedule' must be a clause id, not a list"),
        ("wagez", "'schedule' names clause 'wagez', which the agreement lacks"),
    ],
)
def test_a_costing_files_schedule_that_names_no_clause_is_an_error(
    tmp_path: Path, value: str, said: str
) -> None:
    folder = tmp_path / "talks"
    shutil.copytree(SAMPLES, folder)
    costing = folder / "costing.yaml"
    lines = [
        x for x in costing.read_text(encoding="utf-8").splitlines() if not x.startswith("schedule:")
    ]
    costing.write_text("\n".join([*lines, f"schedule: {value}", ""]), encoding="utf-8")
    code, output = run("kit", str(folder), "-o", str(tmp_path / "kit"))
    assert code == 2
    assert f"costing.yaml:{len(lines) + 1}:11: {said}" in output, output
    assert not (tmp_path / "kit").exists()


# -- a schedule of ranges and steps, named by the costing file --------------------------

WAGES = """\
Each employee shall be paid at least the rate of their range and step.

| Range | Step 1 | Step 2 | Step 3 |
| --- | --- | --- | --- |
| 1 | $40,000.00 | $42,000.00 | $44,100.00 |
| 2 | $46,000.00 | $48,300.00 | $50,715.00 |
"""


TERMS = {
    "general_increase": ["3%", "3%"],
    "general_increase_effective": ["2023-07-01", "2024-07-01"],
}


def with_steps(
    folder: Path,
    roster: str | None = None,
    wages: str = WAGES,
    terms: dict[str, list[str]] = TERMS,
) -> Path:
    """Copy the sample into `folder` with a clause `wages` holding the table `wages` (by
    default ranges by steps), named by the costing file, and the TA's terms `terms` (by
    default 3% on July 1, 2023 and 3% on July 1, 2024); `roster`: its roster. The sample's
    `publish:` is dropped: the pay page alone is under test."""
    shutil.copytree(SAMPLES, folder)
    path = folder / "agreement-2020.yaml"
    agreement = yaml.safe_load(path.read_text(encoding="utf-8"))
    agreement["clauses"].append(
        {"id": "wages", "number": "Article 13", "title": "Wages", "text": wages}
    )
    path.write_text(yaml.safe_dump(agreement, sort_keys=False), encoding="utf-8")
    path = folder / "negotiation.yaml"
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    for ta in manifest["tentative_agreements"]:
        if "general_increase" in ta.get("terms", {}):
            ta["terms"] = terms
    path.write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    costing = folder / "costing.yaml"
    text = costing.read_text(encoding="utf-8")
    text = "".join(x for x in text.splitlines(keepends=True) if not x.startswith("publish:"))
    costing.write_text(
        text.replace("schedule: minimums.schedule", "schedule: wages"), encoding="utf-8"
    )
    if roster is not None:
        (folder / "roster.csv").write_text(roster, encoding="utf-8")
    return folder


def test_ranges_and_steps_from_the_costing_files_schedule(tmp_path: Path) -> None:
    folder = with_steps(tmp_path / "talks")
    out = tmp_path / "kit"
    code, output = run("kit", str(folder), "-o", str(out))
    assert code == 0, output
    table = rates(out / "pay.html")
    assert table.head == ["Range and step", "Now", "From July 1, 2023", "From July 1, 2024"]
    # by hand: 44,100.00 x 1.03 = 45,423.00; x 1.03 = 46,785.69
    #          40,000.00 x 1.03 = 41,200.00; x 1.03 = 42,436.00
    #          50,715.00 x 1.03 = 52,236.45; x 1.03 = 53,803.5435 -> 53,803.54
    #          48,300.00 x 1.03 = 49,749.00; x 1.03 = 51,241.47
    assert table.rows["Range 1, Step 3"] == ["$44,100.00", "$45,423.00", "$46,785.69"]
    assert table.rows["Range 1, Step 1"] == ["$40,000.00", "$41,200.00", "$42,436.00"]
    assert table.rows["Range 2, Step 3"] == ["$50,715.00", "$52,236.45", "$53,803.54"]
    assert table.rows["Range 2, Step 2"] == ["$48,300.00", "$49,749.00", "$51,241.47"]
    assert len(table.rows) == 6
    page = (out / "pay.html").read_text(encoding="utf-8")
    assert '<label for="pay-step">Your step</label>' in page
    assert '<option value="Range 2">Range 2</option>' in page
    assert '<option value="Step 3">Step 3</option>' in page


def test_a_dated_column_from_the_new_agreement_is_left_out_and_named(tmp_path: Path) -> None:
    wages = (
        "| Title | From July 1, 2022 | From July 1, 2023 |\n| --- | --- | --- |\n"
        "| Clerk | $30,000 | $31,000 |\n| Analyst | $52,500 | $54,000 |\n"
    )
    folder = with_steps(tmp_path / "talks", wages=wages)
    out = tmp_path / "kit"
    code, output = run("kit", str(folder), "-o", str(out))
    assert code == 0, output
    assert "kit: Article 13: column(s) 'From July 1, 2023' left out" in output
    table = rates(out / "pay.html")
    assert table.head == [
        "Title",
        "Now (from July 1, 2022)",
        "From July 1, 2023",
        "From July 1, 2024",
    ]
    # by hand: 30,000 x 1.03 = 30,900; x 1.03 = 31,827. 52,500 x 1.03 = 54,075; x 1.03 = 55,697.25
    assert table.rows == {
        "Clerk": ["$30,000.00", "$30,900.00", "$31,827.00"],
        "Analyst": ["$52,500.00", "$54,075.00", "$55,697.25"],
    }


@pytest.mark.parametrize(
    ("wages", "said"),
    [
        (
            "| Range | Step 1 | From July 1, 2023 |\n| --- | --- | --- |\n| 1 | $1 | $2 |\n",
            "clause 'wages': salary table: its columns are neither all steps nor all dates",
        ),
        (
            "| Range | Step 1 | Step 2 |\n| --- | --- | --- |\n| 1 | $40,000 | n/a |\n",
            "clause 'wages': salary table: 'n/a' (Range 1, Step 2) is not an amount",
        ),
        ("No table here.\n", "clause 'wages' has no salary table"),
    ],
)
def test_a_table_the_page_cannot_read_is_an_error_at_its_clause(
    tmp_path: Path, wages: str, said: str
) -> None:
    folder = with_steps(tmp_path / "talks", wages=wages)
    code, output = run("kit", str(folder), "-o", str(tmp_path / "kit"))
    assert code == 2
    assert re.search(r"agreement-2020\.yaml:\d+:\d+: " + re.escape(said), output), output
    assert not (tmp_path / "kit").exists()


@pytest.mark.parametrize(
    ("terms", "said"),
    [
        (
            {"general_increase": ["3%"], "cents_per_hour": ["$0.25"]},
            "adds cents_per_hour, which the pay page cannot apply",
        ),
        (
            {"general_increase": ["three"]},
            "general_increase: 'three' is not a percentage such as 3%",
        ),
    ],
)
def test_increases_the_page_cannot_apply_leave_no_pay_page_and_say_why(
    tmp_path: Path, terms: dict[str, list[str]], said: str
) -> None:
    folder = with_steps(tmp_path / "talks", terms=terms)
    out = tmp_path / "kit"
    code, output = run("kit", str(folder), "-o", str(out))
    assert code == 0, output
    assert "kit: no pay page: the TA on minimums.general-increase" in output
    assert said in output
    assert not (out / "pay.html").exists()


def test_no_roster_name_id_or_salary_in_any_kit_file(tmp_path: Path) -> None:
    people = [
        ("Zebulon Quartermaine", "EMP-90817", "Rosterclass Alpha", "61234.57", "1", "2"),
        ("Ysolde Farnsworth-Okafor", "EMP-55123", "Rosterclass Beta", "", "2", "3"),
        ("Xavier Plumtree", "EMP-77001", "Rosterclass Gamma", "73456.89", "", ""),
    ]
    roster = "name,id,classification,salary,range,step,fte,count\n" + "".join(
        f"{n},{i},{c},{s},{r},{st},1,1\n" for n, i, c, s, r, st in people
    )
    folder = with_steps(tmp_path / "talks", roster)
    assert run("check", str(folder))[0] == 0  # the roster is one the costing reads
    out = tmp_path / "kit"
    code, output = run("kit", str(folder), "-o", str(out))
    assert code == 0, output
    assert (out / "pay.html").is_file()
    files = sorted(p for p in out.iterdir() if not p.name.startswith("."))
    assert len(files) == 7
    secrets = []
    for name, ident, classification, salary, _, _ in people:
        secrets += [name, name.split()[0], ident, classification]
        if salary:
            amount = Decimal(salary)
            secrets += [salary, f"{amount:,}", f"{amount:,.0f}", f"{amount:.0f}"]
    for path in files:
        content = every_part(path)
        for secret in secrets:
            assert secret.encode() not in content, (path.name, secret)
    assert all(secret not in output for secret in secrets)


# -- in a real browser ------------------------------------------------------------------

AT_WIDTH = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>probe</title>
</head><body style="margin:0"><iframe id="shown" src="%s" style="width:%dpx;height:900px;border:0">
</iframe><script>
window.addEventListener("load", () => {
  const frame = document.getElementById("shown").contentWindow, page = frame.document;
  const row = page.getElementById("pay-row"), result = page.getElementById("pay-result");
  const picks = [];
  for (const option of row.options) {
    row.value = option.value;
    row.dispatchEvent(new Event("change"));
    picks.push([option.value, result.innerText]);
  }
  row.selectedIndex = 3;
  row.dispatchEvent(new Event("change"));
  // the table's head row is there for screen readers alone on a phone (each rate says
  // what it is for): it is hidden on purpose, not cut off
  const all = [...page.querySelectorAll("body *")].filter(e => !e.closest("thead"));
  document.body.setAttribute("data-seen", JSON.stringify({
    width: frame.innerWidth,
    scroll: page.documentElement.scrollWidth,
    client: page.documentElement.clientWidth,
    beyond: all.filter(e => e.getBoundingClientRect().right > frame.innerWidth + 0.5
      && e.getBoundingClientRect().width > 1)
      .map(e => e.tagName.toLowerCase() + ":" + e.textContent.slice(0, 30)),
    hidden: all.filter(e => e.scrollWidth > e.clientWidth + 1
      && frame.getComputedStyle(e).overflowX === "hidden")
      .map(e => e.tagName.toLowerCase() + ":" + e.textContent.slice(0, 30)),
    cell: frame.getComputedStyle(page.querySelector("#pay-table td")).display,
    form: !page.getElementById("pay-finder").hidden,
    picks: picks,
  }));
});
</script></body></html>"""
"""Show the pay page in a frame `width` pixels wide (headless Chromium's window is never
narrower than 500 px), pick every place in turn as a member would, and measure it."""


def at_width(page: Path, profile: Path, width: int) -> dict[str, Any]:
    host = page.with_name(f"at-{width}-{page.name}")
    host.write_text(AT_WIDTH % (page.name, width), encoding="utf-8")
    try:
        dom = chromium(profile, "--allow-file-access-from-files", "--dump-dom", host.as_uri())
    finally:
        host.unlink()
    found = re.search(r'data-seen="([^"]*)"', dom)
    assert found, dom[-300:]
    seen: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return seen


def screenshot(page: Path, profile: Path, width: int, shot: Path) -> None:
    """Write a screenshot of the page `width` pixels wide (in a frame, below 500 px)."""
    if width >= 500:
        chromium(profile, f"--screenshot={shot}", f"--window-size={width},1900", page.as_uri())
        return
    host = page.with_name(f"shot-{width}-{page.name}")
    host.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>shot</title>'
        f'</head><body style="margin:0"><iframe src="{page.name}" '
        f'style="width:{width}px;height:1900px;border:0"></iframe></body></html>',
        encoding="utf-8",
    )
    try:
        chromium(
            profile,
            "--allow-file-access-from-files",
            f"--screenshot={shot}",
            "--window-size=500,1900",
            host.as_uri(),
        )
    finally:
        host.unlink()


@pytest.mark.client
@pytest.mark.parametrize("width", [390, 1280])
def test_a_member_finds_their_rate_on_a_phone_and_a_desktop(
    kit: Path, tmp_path: Path, width: int
) -> None:
    need_chromium()
    page = tmp_path / "pay.html"
    shutil.copy(kit / "pay.html", page)
    seen = at_width(page, tmp_path / "p", width)
    assert seen["width"] == width and seen["form"] is True
    expected = expected_sample()
    periods = ["Now (from May 2, 2022)", "From May 2, 2023", "From May 2, 2024", "From May 2, 2025"]
    assert [work for work, _ in seen["picks"]] == list(expected)
    for work, said in seen["picks"]:
        lines = [line for line in said.split("\n") if line]
        assert lines[0] == f"{work}:"
        assert [line.split(" (+")[0] for line in lines[1:]] == [
            f"{period}: {rate}" for period, rate in zip(periods, expected[work], strict=True)
        ], said
    assert seen["scroll"] <= seen["client"], seen  # no sideways scrolling
    assert seen["beyond"] == [] and seen["hidden"] == [], seen  # nothing cut off
    assert seen["cell"] == ("block" if width < 600 else "table-cell")  # stacked on a phone
    shot = tmp_path / f"pay-{width}.png"
    screenshot(page, tmp_path / "s", width, shot)
    assert shot.stat().st_size > 20_000


@pytest.mark.client
def test_the_sample_pay_page_passes_axe(kit: Path, tmp_path: Path) -> None:
    page = tmp_path / "pay.html"
    shutil.copy(kit / "pay.html", page)
    found = axe(page, tmp_path / "axe")
    assert found["violations"] == []
    assert {"select-name", "th-has-data-cells", "aria-allowed-role"} <= set(found["passes"])


@pytest.mark.client
@pytest.mark.parametrize("width", [390, 1280])
def test_the_message_with_its_pay_section_fits_and_passes_axe(
    kit: Path, tmp_path: Path, width: int
) -> None:
    shown = measured(kit / "message.html", tmp_path / "m", width)
    assert shown["scroll"] <= shown["client"] and shown["cut"] == [], shown
    assert shown["widest"] <= width and shown["beyond"] == [], shown
    if width == 390:
        assert axe(kit / "message.html", tmp_path / "axe")["violations"] == []


def test_a_schedule_with_a_ta_of_its_own_is_raised_and_named(tmp_path: Path) -> None:
    folder = with_steps(tmp_path / "talks")
    path = folder / "negotiation.yaml"
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    manifest["tentative_agreements"].append(
        {
            "clause": "wages",
            "date": "2023-04-30",
            "initials": {"guild": "MK", "producers": "CL"},
            "text": WAGES.replace("$44,100.00", "$45,000.00"),
        }
    )
    path.write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    out = tmp_path / "kit"
    code, output = run("kit", str(folder), "-o", str(out))
    assert code == 0, output
    assert "kit: Article 13 has a tentative agreement of its own" in output
    assert rates(out / "pay.html").rows["Range 1, Step 3"][0] == "$44,100.00"
