"""`publish:` in the costing file: what members see of the costing, and nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.conftest import invoke as run
from tests.test_roster_never_public import roster_words, text_of

FORMATS = (".md", ".html", ".pdf", ".docx")


def sample(tmp_path: Path, publish: str | None, ta: str | None = None) -> Path:
    """A copy of the sample negotiation whose costing file ends with `publish` instead of
    the sample's own (none: no `publish:`), its TA of the general increase (5% / 4% /
    3.5%) made `ta` where given."""
    folder = tmp_path / "negotiation"
    shutil.copytree(SAMPLES, folder)
    costing = folder / "costing.yaml"
    lines = costing.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = "".join(x for x in lines if not x.startswith("publish:"))  # the sample's own
    costing.write_text(kept + (publish or ""), encoding="utf-8")
    if ta is not None:
        manifest = folder / "negotiation.yaml"
        text = manifest.read_text(encoding="utf-8")
        assert 'general_increase: ["5%", "4%", "3.5%"]' in text
        manifest.write_text(text.replace('["5%", "4%", "3.5%"]', ta), encoding="utf-8")
    return folder


def summary(folder: Path, tmp_path: Path, suffix: str, *more: str) -> str:
    out = tmp_path / f"summary{suffix}"
    code, output = run("summary", str(folder), "-o", str(out), *more)
    assert code == 0, output
    return " ".join(text_of(out).split())  # a PDF's lines joined again


def test_three_percent_three_years_compounds_to_9_27(tmp_path: Path) -> None:
    folder = sample(tmp_path, "publish: [compounded_increase]\n", '["3%", "3%", "3%"]')
    text = summary(folder, tmp_path, ".md")
    # 1.03 x 1.03 x 1.03 = 1.092727, so 9.2727%; half up to a hundredth of a percent: 9.27%
    assert (
        "- Tentatively agreed general increases: 3% + 3% + 3% = 9.27% compounded over the term."
        in text.replace(" - ", "\n- ")
    )


@pytest.mark.parametrize("suffix", FORMATS)
def test_each_format_shows_the_published_increase_and_no_roster_word(
    tmp_path: Path, suffix: str
) -> None:
    folder = sample(tmp_path, "publish: [compounded_increase, total_value]\n")
    text = summary(folder, tmp_path, suffix)
    assert "Total value of the tentative agreements over the term: $" in text
    # The sample's TA: 1.05 x 1.04 = 1.092, x 1.035 = 1.13022: 13.022%, so 13.02%
    assert "Pay in figures" in text
    assert (
        "Tentatively agreed general increases: 5% + 4% + 3.5% = 13.02% compounded over the term."
        in text
    )
    assert "CONFIDENTIAL" not in text and "Computed cost" not in text
    found = sorted(word for word in roster_words() if word in text)
    assert found == []


def test_before_a_ta_each_side_current_position_is_compounded(tmp_path: Path) -> None:
    folder = sample(tmp_path, "publish: [compounded_increase]\n")
    text = summary(folder, tmp_path, ".md", "--as-of", "producers-1")
    # Guild 1: 1.06 x 1.05 x 1.05 = 1.16865: 16.865%, half up 16.87%
    assert (
        "The Guild's general increases (proposal 1, March 20, 2023): 6% + 5% + 5% = 16.87% "
        "compounded over the term." in text
    )
    # Producers 1: 1.04 x 1.03 x 1.02 = 1.092624: 9.2624%, so 9.26%
    assert (
        "The Producers' general increases (proposal 1, April 12, 2023): 4% + 3% + 2% = 9.26% "
        "compounded over the term." in text
    )
    assert "Tentatively agreed general increases" not in text


def test_nothing_to_publish_yet_is_said(tmp_path: Path) -> None:
    folder = sample(tmp_path, "publish: [compounded_increase]\n")
    code, output = run("summary", str(folder), "--as-of", "2023-03-01")
    assert code == 0, output
    assert "summary: publish: compounded_increase: no general increase on the table yet" in output
    assert "Pay in figures" not in output


@pytest.mark.parametrize("suffix", FORMATS)
def test_without_publish_no_figure_section(tmp_path: Path, suffix: str) -> None:
    text = summary(sample(tmp_path, None), tmp_path, suffix)
    assert "Pay in figures" not in text and "13.02% compounded" not in text


@pytest.mark.parametrize(
    ("publish", "expected"),
    [
        (
            "publish: [totl_value]\n",
            "costing.yaml:8:11: unknown 'publish' entry 'totl_value' (one of: "
            "compounded_increase, total_value, schedule); did you mean 'total_value'?",
        ),
        (
            "publish: [schedule, schedule]\n",
            "costing.yaml:8:21: 'publish' lists 'schedule' twice",
        ),
        ("publish: schedule\n", "costing.yaml:8:10: 'publish' must be a list, not 'schedule'"),
    ],
)
@pytest.mark.parametrize("command", ["summary", "kit", "check"])
def test_a_wrong_publish_is_an_error_at_its_place(
    tmp_path: Path, publish: str, expected: str, command: str
) -> None:
    folder = sample(tmp_path, publish)
    args = [command, str(folder)] + (["-o", str(tmp_path / "kit")] if command == "kit" else [])
    code, output = run(*args)
    assert code == 2
    assert expected in output
    assert "Traceback" not in output
    assert not (tmp_path / "kit").exists()


def test_the_kit_summary_shows_what_is_published(tmp_path: Path) -> None:
    folder = sample(tmp_path, "publish: [compounded_increase]\n")
    kit = tmp_path / "kit"
    code, output = run("kit", str(folder), "-o", str(kit))
    assert code == 0, output
    text = " ".join(text_of(kit / "summary.pdf").split())
    assert "5% + 4% + 3.5% = 13.02% compounded over the term." in text
    assert sorted(word for word in roster_words() if word in text) == []


def tiny(folder: Path, rollup: str | None) -> None:
    """Put a two-person roster (50,000 and 70,000) under `folder`, with `rollup` or none."""
    (folder / "roster.csv").write_text(
        "classification,salary,count,fte,id\nStaff writer,50000,1,1,a\nStory editor,70000,1,1,b\n",
        encoding="utf-8",
    )
    costing = folder / "costing.yaml"
    lines = costing.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [x for x in lines if not x.startswith("rollup:")]
    costing.write_text("".join(kept) + (f"rollup: {rollup}\n" if rollup else ""), "utf-8")


# The TA, 5% / 4% / 3.5%, on a base payroll of 120,000, each increase on an anniversary of
# the base year: year 1 120,000 x 0.05 = 6,000; year 2 120,000 x (1.05 x 1.04 - 1 = 0.092)
# = 11,040; year 3 120,000 x (1.092 x 1.035 - 1 = 0.13022) = 15,626.40; term 32,666.40.
# With a 10% roll-up: 35,933.04. Rounded half up to the dollar: $32,666 and $35,933.
@pytest.mark.parametrize(("rollup", "total"), [(None, "$32,666"), ("10%", "$35,933")])
@pytest.mark.parametrize("suffix", FORMATS)
def test_total_value_is_one_figure_computed_by_hand(
    tmp_path: Path, suffix: str, rollup: str | None, total: str
) -> None:
    folder = sample(tmp_path, "publish: [total_value]\n")
    tiny(folder, rollup)
    text = summary(folder, tmp_path, suffix)
    assert f"Total value of the tentative agreements over the term: {total} in all" in text
    assert ("(roll-up)" in text) == (rollup is not None)
    # nothing else computed from the roster: no year, no side's cost, no base payroll
    for figure in ("$6,000", "$11,040", "$15,626", "$6,600", "$120,000", "$36,486", "$24,459"):
        assert figure not in text, figure
    assert "13.02% compounded over the term" not in text  # not listed, not published
    assert "Staff writer" not in text and "Story editor" not in text


def test_total_value_before_any_ta_on_pay_is_said_not_shown(tmp_path: Path) -> None:
    folder = sample(tmp_path, "publish: [total_value]\n")
    code, output = run("summary", str(folder), "--as-of", "producers-1")
    assert code == 0, output
    assert "summary: publish: total_value: no tentative agreement on pay yet" in output
    assert "Total value" not in output


def test_the_new_schedule_by_year_is_the_agreements_raised_by_the_ta(tmp_path: Path) -> None:
    folder = sample(tmp_path, "publish: [schedule]\n")
    text = summary(folder, tmp_path, ".md")
    lines = text.replace(" | ", "|").replace("| ", "|").replace(" |", "|")
    assert (
        "2.B Schedule of Minimums: the rates under the tentative agreements, to the cent." in text
    )
    assert "|Work|Now|From May 2, 2023 (5%)|From May 2, 2024 (4%)|From May 2, 2025 (3.5%)|" in lines
    # by hand, each on the figure before it as printed, to the cent, half up:
    # 138,949 x 1.05 = 145,896.45; x 1.04 = 151,732.308 -> 151,732.31;
    # x 1.035 = 157,042.94085 -> 157,042.94
    assert (
        "|Original screenplay, including treatment|$138,949.00|$145,896.45|$151,732.31"
        "|$157,042.94|" in lines
    )
    # 27,900 x 1.05 = 29,295; x 1.04 = 30,466.80; x 1.035 = 31,533.138 -> 31,533.14
    assert "|Story and teleplay, 30 minutes|$27,900.00|$29,295.00|$30,466.80|$31,533.14|" in lines
    assert "Total value" not in text and "compounded over the term." not in text


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_schedule_of_steps_is_a_table_per_date_in_every_format(
    tmp_path: Path, suffix: str
) -> None:
    from tests.test_kit_pay import with_steps

    folder = with_steps(tmp_path / "talks")
    costing = folder / "costing.yaml"
    lines = costing.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = "".join(x for x in lines if not x.startswith("publish:"))
    costing.write_text(kept + "publish: [schedule]\n", "utf-8")
    text = summary(folder, tmp_path, suffix)
    assert "Article 13 Wages from July 1, 2023: 3%, to the cent." in text
    assert "Article 13 Wages from July 1, 2024: 3%, to the cent." in text
    # by hand: 40,000 x 1.03 = 41,200; 42,000 x 1.03 = 43,260; 44,100 x 1.03 = 45,423;
    # then 41,200 x 1.03 = 42,436; 43,260 x 1.03 = 44,557.80; 45,423 x 1.03 = 46,785.69;
    # 50,715 x 1.03 = 52,236.45, x 1.03 = 53,803.5435 -> 53,803.54
    for figure in ("$41,200.00", "$43,260.00", "$45,423.00", "$42,436.00", "$44,557.80"):
        assert figure in text, figure
    for figure in ("$46,785.69", "$52,236.45", "$53,803.54"):
        assert figure in text, figure
    assert "Range 1" in text and "Step 3" in text
    assert sorted(word for word in roster_words() if word in text) == []


def test_a_schedule_before_any_ta_on_pay_is_said_not_shown(tmp_path: Path) -> None:
    folder = sample(tmp_path, "publish: [schedule]\n")
    code, output = run("summary", str(folder), "--as-of", "producers-1")
    assert code == 0, output
    assert "summary: publish: schedule: no tentatively agreed general increase yet" in output
    assert "Pay in figures" not in output


def test_a_schedule_without_a_schedule_clause_is_said_not_shown(tmp_path: Path) -> None:
    folder = sample(tmp_path, "publish: [schedule]\n")
    costing = folder / "costing.yaml"
    lines = costing.read_text(encoding="utf-8").splitlines(keepends=True)
    costing.write_text("".join(x for x in lines if not x.startswith("schedule:")), "utf-8")
    code, output = run("summary", str(folder))
    assert code == 0, output
    assert (
        "summary: publish: schedule: the costing file names no salary schedule ('schedule:')"
        in output
    )
    assert "Pay in figures" not in output


def test_the_sample_publishes_all_three(tmp_path: Path) -> None:
    code, output = run("summary", str(SAMPLES))
    assert code == 0, output
    assert "5% + 4% + 3.5% = 13.02% compounded over the term." in output
    assert "Total value of the tentative agreements over the term: $" in output
    assert "2.B Schedule of Minimums: the rates under the tentative agreements" in output
