"""Clause pairing follows the text: renumbering cascades, regenerated ids, containers, names."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracttools.readers import load_agreement
from contracttools.redline import compare
from contracttools.redline.align import Entry, match_clauses
from contracttools.redline.shingles import Words, candidates, shared
from contracttools.writers import json as json_writer
from contracttools.writers import markdown, terminal
from contracttools.writers.labels import AGAINST_ID
from contracttools.writers.options import Options
from tests.conftest import SAMPLES, invoke

COMMON = ["the", "employer", "shall", "union", "employee", "days", "of", "within", "pay"]


def _text(key: int, edited: bool = False) -> str:
    """Return section `key`'s text: words of its own and common ones; an edit changes one."""
    own = [f"w{key}x{n}" for n in range(8)]
    if edited:
        own[3] = f"e{key}"
    return " ".join(w for pair in zip(own, COMMON, strict=False) for w in pair) + "."


@st.composite
def successions(draw: st.DrawFn) -> tuple[list[Any], list[Any], dict[int, int]]:
    """Return (old articles, new articles, old section key -> its successor's key).

    An article is its origin (its index in the old term, -1 for a new one) and a list of
    section keys (with whether it was edited, in the new term); a key's text is `_text(key)`. The new term drops
    at most one section and inserts at most one in each article, edits some, may insert a
    whole new article anywhere; then everything is renumbered.
    """
    counter = iter(range(10_000))
    old = [
        [next(counter) for _ in range(draw(st.integers(2, 5)))]
        for _ in range(draw(st.integers(1, 4)))
    ]
    successor: dict[int, int] = {}
    new: list[tuple[int, list[tuple[int, bool]]]] = []
    for origin, article in enumerate(old):
        sections = [(key, draw(st.booleans())) for key in article]
        if draw(st.booleans()):
            sections.pop(draw(st.integers(0, len(sections) - 1)))
        for key, _edited in sections:
            successor[key] = key
        if draw(st.booleans()):
            sections.insert(draw(st.integers(0, len(sections))), (next(counter), False))
        new.append((origin, sections))
    if draw(st.booleans()):
        fresh = [(next(counter), False) for _ in range(draw(st.integers(1, 3)))]
        new.insert(draw(st.integers(0, len(new))), (-1, fresh))
    return list(enumerate(old)), new, successor


def _agreement(name: str, articles: list[Any], ids: str, edited: bool) -> Any:
    clauses = []
    for a, (origin, article) in enumerate(articles, 1):
        sections = []
        for s, section in enumerate(article, 1):
            key, is_edited = section if edited else (section, False)
            section_id = {"numbers": f"a{a}.s{s}", "stable": f"k{key}", "fresh": f"{name}{key}"}
            sections.append(
                {
                    "id": section_id[ids],
                    "number": f"{a}.{s}",
                    "title": "",
                    "text": _text(key, is_edited),
                }
            )
        stable = f"art{origin}" if origin >= 0 else f"added-{a}"
        article_id = {"numbers": f"a{a}", "stable": stable, "fresh": f"{name}-a{a}"}
        clauses.append(
            {"id": article_id[ids], "number": f"Article {a}", "title": "", "clauses": sections}
        )
    document = {"kind": "agreement", "id": name, "title": name, "clauses": clauses}
    return load_agreement(f"{name}.yaml", yaml.safe_dump(document).encode())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(successions(), st.sampled_from(["numbers", "fresh", "stable"]))
def test_pairing_follows_the_text(
    succession: tuple[list[Any], list[Any], dict[int, int]], ids: str
) -> None:
    old_articles, new_articles, successor = succession
    old = _agreement("old", old_articles, ids, edited=False)
    new = _agreement("new", new_articles, ids, edited=True)
    key_of_old = {c.id: int(c.text.split("x")[0][1:]) for c, _ in old.walk() if c.text}
    key_of_new = {c.id: int(c.text.split("x")[0][1:]) for c, _ in new.walk() if c.text}
    redline = compare(old, new)
    paired: dict[int, int] = {}
    for change in redline.clauses:
        if change.old and change.new and change.old.id in key_of_old:
            paired[key_of_old[change.old.id]] = key_of_new[change.new.id]
    for old_key, new_key in successor.items():
        assert paired.get(old_key) == new_key
    for old_key, new_key in paired.items():
        # The only other pairs: an id pair of a dropped section and an inserted one.
        assert successor.get(old_key, new_key) == new_key
        assert old_key in successor or new_key not in successor.values()
    if ids != "numbers":
        # With ids made from numbers, a dropped section and the one inserted in its place
        # share an id: whether their article moved or was rewritten is a reading, not a fact.
        assert redline.stats()["clauses"]["moved"] == 0
    articles = [c for c in redline.clauses if c.depth == 0]
    assert all(c.status != "deleted" for c in articles)


def _load(name: str, clauses: list[dict[str, Any]]) -> Any:
    document = {"kind": "agreement", "id": name, "title": name, "clauses": clauses}
    return load_agreement(f"{name}.yaml", yaml.safe_dump(document).encode())


CASCADE_OLD = [
    {"id": "s1", "number": "1", "title": "Membership", "text": _text(1)},
    {"id": "s2", "number": "2", "title": "Dues", "text": _text(2)},
]
CASCADE_NEW = [
    {"id": "s1", "number": "1", "title": "Orientation", "text": _text(9)},
    {"id": "s2", "number": "2", "title": "Membership", "text": _text(1)},
    {"id": "s3", "number": "3", "title": "Dues", "text": _text(2, edited=True)},
]


def test_match_id_keeps_every_id_pair() -> None:
    old, new = _load("old", CASCADE_OLD), _load("new", CASCADE_NEW)
    by_text = {(c.old.id, c.new.id) for c in compare(old, new).clauses if c.old and c.new}
    by_id = {(c.old.id, c.new.id) for c in compare(old, new, match="id").clauses if c.old and c.new}
    assert by_text == {("s1", "s2"), ("s2", "s3")}
    assert by_id == {("s1", "s1"), ("s2", "s2")}


def test_a_pair_against_the_ids_is_said_in_every_output() -> None:
    redline = compare(_load("old", CASCADE_OLD), _load("new", CASCADE_NEW))
    flagged = [c for c in redline.clauses if c.against_id]
    assert [(c.old.id, c.new.id) for c in flagged if c.old and c.new] == [
        ("s1", "s2"),
        ("s2", "s3"),
    ]
    assert terminal.write(redline, Options()).count(AGAINST_ID) == 2
    assert markdown.write(redline).count(AGAINST_ID) == 2
    data = json_writer.document(redline)
    assert [c["against_id"] for c in data["clauses"]] == [False, True, True]
    stat = terminal.write_stat(redline, Options())
    assert stat.count(AGAINST_ID) == 2


def test_a_rewrite_under_its_own_id_stays_paired() -> None:
    old = _load("old", [{"id": "s1", "number": "1", "title": "Pay", "text": _text(1)}])
    new = _load("new", [{"id": "s1", "number": "1", "title": "Pay", "text": _text(2)}])
    [change] = compare(old, new).clauses
    assert change.status == "modified" and not change.against_id


def test_a_proposal_item_keeps_its_clause() -> None:
    entries = [
        Entry("a", "1", "", _text(1), (), 0, None),
        Entry("b", "2", "", _text(2), (), 0, None),
    ]
    swapped = [
        Entry("a", "1", "", _text(2), (), 0, None, "amend"),
        Entry("b", "2", "", _text(1), (), 0, None, "amend"),
    ]
    assert match_clauses(entries, swapped) == {0: 0, 1: 1}


def test_candidates_are_bounded_and_scores_agree_with_similarity() -> None:
    from contracttools.redline.shingles import CANDIDATES
    from contracttools.redline.similar import similarity

    texts = {i: _text(i) for i in range(200)}
    old = {i: Words(t) for i, t in texts.items()}
    new = {i: Words(_text(i, edited=True)) for i in texts}
    found = candidates(old, new)
    assert all(len(c) <= CANDIDATES and c[0] == j for j, c in found.items())
    for i in (0, 7, 199):
        a, b = texts[i], _text(i, edited=True)
        assert shared(Words(a), Words(b)) == similarity(a, b)


def test_path_in_text_markdown_html_and_stat(tmp_path: Any) -> None:
    old = _load(
        "old",
        [
            {
                "id": "art",
                "number": "Article 4",
                "title": "Union Security",
                "clauses": [{"id": "dues", "number": "Section 5", "title": "Dues", "text": "ten"}],
            }
        ],
    )
    new = _load(
        "new",
        [
            {
                "id": "art",
                "number": "Article 4",
                "title": "Union Security",
                "clauses": [{"id": "dues", "number": "Section 5", "title": "Dues", "text": "five"}],
            }
        ],
    )
    redline = compare(old, new)
    path = "Article 4 \u203a Section 5 Dues"
    assert f"== {path}" in terminal.write(redline, Options())
    assert terminal.write_stat(redline, Options()).startswith(f" {path} ")
    assert f"### {path}" in markdown.write(redline)
    from contracttools.writers.html import write_redline

    html = write_redline(redline, Options())
    assert '<span class="context">Article 4 \u203a </span>Section 5' in html
    assert f">{path}</a></td>" in html
    within = json_writer.document(redline)["clauses"][1]["within"]
    assert within == [{"id": "art", "number": "Article 4", "title": "Union Security"}]


PRODUCERS_1 = str(SAMPLES / "02-producers-1.yaml")
AGREEMENT = str(SAMPLES / "agreement-2020.yaml")


def test_a_clause_only_a_proposal_has_is_named_by_number_and_title(tmp_path: Any) -> None:
    code, text = invoke("diff", AGREEMENT, PRODUCERS_1)
    assert code == 1
    assert "== Article 3 › 3.F Development Rooms  [REJECT]" in text
    assert "== Article 11 › 11.D Artificial Intelligence  [CONCEPT]" in text
    assert "episodic.development-rooms" not in text and "technology.ai" not in text
    _code, stat = invoke("diff", "--stat", AGREEMENT, PRODUCERS_1)
    assert " 3.F Development Rooms " in stat and "technology.ai" not in stat
    target = tmp_path / "r.md"
    invoke("diff", AGREEMENT, PRODUCERS_1, "-o", str(target))
    assert "### Article 3 › 3.F Development Rooms" in target.read_text(encoding="utf-8")
    target = tmp_path / "r.html"
    invoke("diff", AGREEMENT, PRODUCERS_1, "-o", str(target))
    page = target.read_text(encoding="utf-8")
    assert "3.F Development Rooms" in page and ">episodic.development-rooms<" not in page
    _code, output = invoke("diff", "--format", "json", AGREEMENT, PRODUCERS_1)
    rooms = next(
        c for c in json.loads(output)["clauses"] if c["new"]["id"] == "episodic.development-rooms"
    )
    assert (rooms["new"]["number"], rooms["new"]["title"]) == ("3.F", "Development Rooms")


def test_match_option(tmp_path: Any) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    for path, clauses in ((old, CASCADE_OLD), (new, CASCADE_NEW)):
        document = {"kind": "agreement", "id": path.stem, "title": "T", "clauses": clauses}
        path.write_text(yaml.safe_dump(document), encoding="utf-8")
    _code, auto = invoke("diff", str(old), str(new))
    _code, strict = invoke("diff", "--match", "id", str(old), str(new))
    assert AGAINST_ID in auto and AGAINST_ID not in strict
    assert "== 1 Orientation  [added]" in auto
    assert "== 3 Dues  [added]" in strict


def test_the_same_number_and_title_pair_before_content() -> None:
    # Two terms imported separately (no id in common): "14.1 Monthly Report", rewritten,
    # is still 14.1; the clause that took its old words under another heading is new.
    old = _load(
        "old", [{"id": "x1", "number": "14.1", "title": "Monthly Report", "text": _text(1)}]
    )
    new = _load(
        "new",
        [
            {"id": "y1", "number": "14.1", "title": "Monthly Report", "text": _text(2)},
            {"id": "y2", "number": "14.2", "title": "Quarterly Summary", "text": _text(1)},
        ],
    )
    pairs = {
        (c.old.id if c.old else None, c.new.id if c.new else None)
        for c in compare(old, new).clauses
    }
    assert pairs == {("x1", "y1"), (None, "y2")}
    # A title alone, or a number alone, is not the heading: 14.1 Pay and 14.1 Leave do not pair.
    other = _load("new", [{"id": "y1", "number": "14.1", "title": "Leave", "text": _text(2)}])
    assert {c.status for c in compare(old, other).clauses} == {"added", "deleted"}
