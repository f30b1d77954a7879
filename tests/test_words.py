"""The word diff on very long paragraphs: a real word diff, never all deleted and all inserted."""

from __future__ import annotations

import json
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from contracttools.redline import diff_words, new_text, old_text
from contracttools.redline import words as words_module
from contracttools.redline.model import count_words
from tests.conftest import invoke
from tests.test_golden import agreement

VOCABULARY = [
    "the", "Producer", "shall", "pay", "each", "writer", "within", "days", "of", "notice",
    "and", "any", "such", "Guild", "Employer", "program", "term", "rate", "week", "written",
]  # fmt: skip


def long_pair(words: int, edits: int, seed: int, figures: float = 0.05) -> tuple[str, str]:
    rng = random.Random(seed)
    old = [
        f"${rng.randint(1, 99999):,}" if rng.random() < figures else rng.choice(VOCABULARY)
        for _ in range(words)
    ]
    new = list(old)
    for index in sorted(rng.sample(range(words), edits), reverse=True):
        new[index] = rng.choice(VOCABULARY)
    return " ".join(old), " ".join(new)


@pytest.mark.parametrize("figures", [0.05, 0.0], ids=["with-figures", "twenty-words-only"])
def test_a_long_paragraph_with_scattered_edits_is_a_real_word_diff(figures: float) -> None:
    # With twenty distinct words and no figures, no token is found once: runs anchor it.
    old, new = long_pair(6000, 900, 1, figures)
    assert (len(old.split()) * 4) * 1800 > words_module.WORK  # cut at anchors, not the library's
    spans = diff_words(old, new)
    assert old_text(spans) == old and new_text(spans) == new
    assert count_words(spans, "equal") > 4500
    assert sum(1 for s in spans if s.op != "equal") > 100


def test_no_clock_the_same_redline_on_a_slow_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    # A machine so slow that every reading of the clock is an hour later than the last.
    import time

    old, new = long_pair(1500, 300, 2)
    expected = diff_words(old, new)
    hour = iter(range(0, 10**9, 3600))
    monkeypatch.setattr(time, "time", lambda: float(next(hour)))
    monkeypatch.setattr(time, "perf_counter", lambda: float(next(hour)))
    assert diff_words(old, new) == expected


def schedule(rate: Decimal) -> str:
    """Return a 120-range, 12-step salary schedule as one paragraph (what a PDF import of a
    wage table gives): "Range 1 Step 1 at $30,000.00 $2,500.00 ... Step 2 at ..."."""
    rows = []
    for grade in range(1, 121):
        cells = [f"Range {grade}"]
        for step in range(1, 13):
            annual = Decimal(30000 + grade * 900 + step * 450)
            figures = [annual, annual / 12, annual / 26, annual / 24, annual / 260, annual / 2080]
            figures.append(annual * Decimal("1.5") / 2080)
            cent = Decimal("0.01")
            shown = " ".join(f"${(f * rate).quantize(cent, ROUND_HALF_UP):,}" for f in figures)
            cells.append(f"Step {step} at {shown}")
        rows.append(" ".join(cells))
    return " ".join(rows)


def test_a_schedule_paragraph_with_every_figure_changed_keeps_its_labels() -> None:
    old, new = schedule(Decimal(1)), schedule(Decimal("1.03"))
    # By hand: each range has "Range N" and twelve "Step S at": 2 + 12 x 3 = 38 unchanged
    # words, and 12 x 7 = 84 figures, every one raised 3%.
    assert len(old.split()) == 120 * (38 + 84) == 14_640
    spans = diff_words(old, new)
    assert old_text(spans) == old and new_text(spans) == new
    assert count_words(spans, "equal") >= 3_500  # of 120 x 38 = 4,560
    assert count_words(spans, "delete") >= 0.95 * 120 * 84
    assert any("Range 77 Step 1 at" in s.text for s in spans if s.op == "equal")


def test_a_long_paragraph_with_few_edits_is_diffed_as_it_always_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old, new = long_pair(2000, 10, 3)
    cut = diff_words(old, new)
    monkeypatch.setattr(words_module, "LONG", 10**9)
    assert diff_words(old, new) == cut


def test_white_space_alone_exits_0_with_no_words(tmp_path: Path) -> None:
    texts = [
        "Paid on the (2nd ) day of rest , at the rate.",
        "Paid on the (2nd) day of rest, at the rate.",
    ]
    paths = []
    for name, text in zip(("old", "new"), texts, strict=True):
        path = tmp_path / f"{name}.yaml"
        clause = {"id": "pay", "number": "1", "title": "Pay", "text": text}
        path.write_bytes(agreement(name, [clause]))
        paths.append(str(path))
    code, output = invoke("diff", *paths, "--format", "json")
    assert code == 0
    data = json.loads(output)
    assert data["stats"]["words"] == {"inserted": 0, "deleted": 0}
    spans = data["clauses"][0]["blocks"][0]["spans"]
    assert "".join(s["text"] for s in spans if s["op"] != "insert") == texts[0]
    assert "".join(s["text"] for s in spans if s["op"] != "delete") == texts[1]


def test_a_wage_schedule_flattened_to_a_paragraph_keeps_every_row_label() -> None:
    # 120 ranges x 12 steps, "Range N Step S" and six figures a step: 14,400 words.  Every
    # figure is raised 3% (no figure of the new text equals the one it replaces, though a
    # few equal some other figure of the old text), the labels are kept: 4 words a step.
    from benchmarks.schedule_paragraph import schedule

    old = schedule(120, 12, Decimal(1))
    new = schedule(120, 12, Decimal("1.03"))
    assert len(old.split()) == 14_400
    spans = diff_words(old, new)
    assert old_text(spans) == old and new_text(spans) == new
    assert count_words(spans, "equal") == 4 * 120 * 12  # 5,760: "Range", N, "Step", S
    assert count_words(spans, "delete") == count_words(spans, "insert") == 6 * 120 * 12
