"""The word diff on very long paragraphs: a real word diff, never all deleted and all inserted."""

from __future__ import annotations

import json
import random
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


def test_the_time_limit_never_gives_all_deleted_all_inserted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old, new = long_pair(600, 60, 2)
    expected_kept = count_words(diff_words(old, new), "equal")
    monkeypatch.setattr(words_module._DMP, "Diff_Timeout", 1e-9)
    spans = diff_words(old, new)
    assert old_text(spans) == old and new_text(spans) == new
    assert count_words(spans, "equal") > 0.9 * expected_kept


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
