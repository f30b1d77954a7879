"""The bargaining book: a folder that asks for nothing outside itself, every link resolving,
accessible pages, written whole or not at all, and read by a real browser."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.conftest import SAMPLES
from tests.conftest import invoke as run
from tests.test_summary import planted  # noqa: F401  (a fixture)


class Page(HTMLParser):
    """The links, sources and headings of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.headings: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "srcset", "poster", "data") and value is not None:
                self.refs.append(value)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("book") / "book"
    code, output = run("book", str(SAMPLES), "-o", str(out))
    assert code == 0, output
    return out


def test_the_folder(site: Path) -> None:
    names = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert "index.html" in names
    assert "clauses/minimums.general-increase.html" in names
    assert [n for n in names if n.startswith("packets/")] == [
        "packets/guild-1.html",
        "packets/guild-2.html",
        "packets/producers-1.html",
    ]
    assert len([n for n in names if n.startswith("clauses/")]) == 11
    assert not list(site.parent.glob(".contracttools-*"))  # no temporary folder left


def test_every_link_resolves_inside_the_folder(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    checked = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(?!data:)", text), path  # no CSS fetch
        assert "@import" not in text
        for ref in parse(path).refs:
            parsed = urlparse(ref)
            assert not parsed.scheme and not parsed.netloc, f"{path}: {ref} leaves the folder"
            if not parsed.path:
                continue  # a link within the page
            target = (path.parent / unquote(parsed.path)).resolve()
            assert target.is_relative_to(site.resolve()), f"{path}: {ref}"
            assert target.is_file(), f"{path}: {ref} does not resolve"
            if parsed.fragment and target.suffix == ".html":
                assert f'id="{parsed.fragment}"' in target.read_text(encoding="utf-8")
            checked += 1
    assert checked > 40
    for sheet in site.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        assert "url(" not in text and "@import" not in text, sheet


def test_the_index_links_every_row_and_histories_link_back(site: Path) -> None:
    index = parse(site / "index.html")
    histories = {r for r in index.refs if r.startswith("clauses/")}
    assert len(histories) == 11
    assert {"packets/guild-1.html", "packets/producers-1.html"} <= set(index.refs)
    page = parse(site / "clauses" / "credits.paid-ads.html")
    assert "../index.html" in page.refs
    assert set(page.refs) >= {"../packets/producers-1.html", "../packets/guild-2.html"}
    assert "../packets/guild-1.html" not in page.refs  # the Guild's first pass left 5.D alone


def test_pages_are_accessible(site: Path) -> None:
    for path in [site / "index.html", *sorted((site / "clauses").glob("*.html"))]:
        text = path.read_text(encoding="utf-8")
        assert '<html lang="en">' in text and 'name="viewport"' in text
        levels = parse(path).headings
        assert levels[0] == 1 and levels.count(1) == 1, path
        assert all(b - a <= 1 for a, b in pairwise(levels)), path
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<th scope="col">Status</th>' in index and '<th scope="row">' in index
    assert 'class="status status-tentatively-agreed"' in index
    assert "tentatively agreed April 30, 2023 (MK / CL)" in index  # in words, not colour alone
    history = (site / "clauses" / "minimums.general-increase.html").read_text(encoding="utf-8")
    assert '<del><span class="cue">[-</span>four<span class="cue">-]</span></del>' in history
    assert "How to read the marks" in history


def test_nothing_internal_in_any_page_unless_a_team_copy(
    planted: tuple[Path, list[str]],  # noqa: F811
    tmp_path: Path,
) -> None:
    folder, _ = planted
    members = tmp_path / "book"
    assert run("book", str(folder), "-o", str(members))[0] == 0
    for path in members.rglob("*"):
        if path.is_file():
            assert b"LEAKMARK" not in path.read_bytes(), path
            assert b"CONFIDENTIAL" not in path.read_bytes(), path
    team = tmp_path / "team"
    assert run("book", str(folder), "-o", str(team), "--team-copy")[0] == 0
    found = [p for p in team.rglob("*.html") if b"LEAKMARK" in p.read_bytes()]
    assert team / "index.html" in found and team / "packets" / "guild-1.html" in found
    assert b"CONFIDENTIAL" in (team / "index.html").read_bytes()


def test_as_of_builds_the_book_as_things_stood(tmp_path: Path) -> None:
    out = tmp_path / "book"
    assert run("book", str(SAMPLES), "-o", str(out), "--as-of", "guild-1")[0] == 0
    assert sorted(p.name for p in (out / "packets").glob("*.html")) == ["guild-1.html"]
    assert "As of March 20, 2023" in (out / "index.html").read_text(encoding="utf-8")


def test_an_earlier_book_is_replaced_other_folders_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "book"
    assert run("book", str(SAMPLES), "-o", str(out), "--as-of", "guild-1")[0] == 0
    assert run("book", str(SAMPLES), "-o", str(out))[0] == 0
    assert len(list((out / "packets").glob("*.html"))) == 3
    other = tmp_path / "mine"
    other.mkdir()
    (other / "letter.txt").write_text("keep me", encoding="utf-8")
    code, output = run("book", str(SAMPLES), "-o", str(other))
    assert code == 2 and "holds other files" in output
    assert [p.name for p in other.iterdir()] == ["letter.txt"]
    # An earlier book with a file of the user's added is not the tool's alone any more.
    (out / "clauses" / "my-notes.txt").write_text("keep me", encoding="utf-8")
    code, output = run("book", str(SAMPLES), "-o", str(out))
    assert code == 2 and "holds other files" in output
    assert (out / "clauses" / "my-notes.txt").read_text(encoding="utf-8") == "keep me"
    copy = tmp_path / "talks"
    shutil.copytree(SAMPLES, copy)
    code, output = run("book", str(copy), "-o", str(copy))
    assert code == 2 and "input files" in output


def test_a_failed_run_leaves_no_half_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "book"
    assert run("book", str(SAMPLES), "-o", str(out), "--as-of", "guild-1")[0] == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    written: list[Path] = []
    real = Path.write_bytes

    def fail_midway(self: Path, data: bytes) -> int:
        written.append(self)
        if len(written) == 5:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", fail_midway)
    code, output = run("book", str(SAMPLES), "-o", str(out))
    assert code == 2 and "No space left on device" in output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book"]
    fresh = tmp_path / "fresh"
    written.clear()
    code, _ = run("book", str(SAMPLES), "-o", str(fresh))
    assert code == 2 and not fresh.exists()


# -- in a real browser ----------------------------------------------------------------


def chromium(profile: Path, *args: str) -> str:
    """Run headless Chromium with no network, no sync, a throwaway profile; return stdout."""
    done = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout


@pytest.mark.client
def test_chromium_renders_the_index_and_a_history(site: Path, tmp_path: Path) -> None:
    index = (site / "index.html").as_uri()
    dom = chromium(tmp_path / "p1", "--dump-dom", index)
    assert dom.count('<table class="chart">') == 8  # a table per article with a clause on the table
    assert len(re.findall(r'<th scope="row"><a href="clauses/[^"]+\.html">', dom)) == 11
    assert "tentatively agreed April 30, 2023 (MK / CL)" in dom
    history = (site / "clauses" / "minimums.general-increase.html").as_uri()
    dom = chromium(tmp_path / "p2", "--dump-dom", history)
    assert '<a href="../index.html">← Tracking chart</a>' in dom
    assert dom.count('<section class="step"') == 3 and 'class="step agreed"' in dom
    assert "<del>" in dom and "<ins>" in dom
    for name, url, size in [
        ("index-wide", index, "1400,1000"),
        ("index-phone", index, "390,844"),
        ("history-phone", history, "390,1600"),
    ]:
        shot = tmp_path / f"{name}.png"
        chromium(tmp_path / f"s-{name}", f"--screenshot={shot}", f"--window-size={size}", url)
        assert shot.stat().st_size > 10_000
    # A phone-wide page scrolls its tables sideways, not the whole page.
    dom = chromium(tmp_path / "p3", "--window-size=390,844", "--dump-dom", index)
    assert 'class="scroll" role="region"' in dom


MEASURE = """<script>
const over = [...document.querySelectorAll(".scroll")].filter(e => e.scrollWidth > e.clientWidth);
const page = document.querySelector("table.index .page");
document.body.dataset.measured = [
  over.length,
  page ? getComputedStyle(page).display : "",
  Math.round(document.querySelector("h1").getBoundingClientRect().left),
].join(" ");
</script></body>"""


def measured(page: Path, profile: Path, width: int) -> list[str]:
    """Return what MEASURE finds on a page shown `width` pixels wide."""
    probe = page.with_name("measured-" + page.name)
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE), "utf-8")
    try:
        dom = chromium(profile, f"--window-size={width},900", "--dump-dom", probe.as_uri())
    finally:
        probe.unlink()
    found = re.search(r'data-measured="([^"]*)"', dom)
    assert found, dom[:200]
    return found.group(1).split(" ")


@pytest.mark.client
def test_a_desktop_screen_shows_every_column_and_packets_have_margins(
    site: Path, tmp_path: Path
) -> None:
    tables_too_wide, _, _ = measured(site / "index.html", tmp_path / "p1", 1200)
    assert tables_too_wide == "0"
    # A phone stacks each row instead (tests/test_book_phone.py): nothing scrolls.
    assert measured(site / "index.html", tmp_path / "p2", 390)[0] == "0"
    _, page_column, left = measured(site / "packets" / "guild-2.html", tmp_path / "p3", 1200)
    assert page_column == "none" and int(left) >= 16


def test_packet_pages_leave_paper_furniture_to_paper(site: Path) -> None:
    page = (site / "packets" / "guild-2.html").read_text(encoding="utf-8")
    screen = page[page.index("@media screen") :]
    assert "table.index .page, table.changes .page { display: none; }" in screen
    assert '<th scope="col" class="page">Page</th>' in page
    assert page.count('<td class="page">') == 6


def test_each_packet_page_links_back_to_the_chart(site: Path) -> None:
    packets = sorted((site / "packets").glob("*.html"))
    assert packets and all(
        'href="../index.html"' in page.read_text(encoding="utf-8") for page in packets
    )


def test_a_site_that_looks_like_a_book_but_is_not_one_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "clauses").mkdir(parents=True)
    (site / "index.html").write_text("<p>our own web site</p>", encoding="utf-8")
    code, output = run("book", str(SAMPLES), "-o", str(site))
    assert code == 2 and "holds other files" in output
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>our own web site</p>"


@pytest.mark.parametrize("team_copy", [False, True])
def test_book_modes_follow_the_umask_and_a_team_copy_is_the_owners_alone(
    tmp_path: Path, team_copy: bool
) -> None:
    out = tmp_path / "book"
    extra = ("--team-copy",) if team_copy else ()
    previous = os.umask(0o077 if team_copy else 0o027)
    try:
        assert run("book", str(SAMPLES), "-o", str(out), *extra)[0] == 0
    finally:
        os.umask(previous)
    files = {stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*") if p.is_file()}
    folders = {stat.S_IMODE(p.stat().st_mode) for p in [out, *out.rglob("*")] if p.is_dir()}
    # By hand: 0666 and 0777 less the umask 027; a team copy 0600 and 0700 whatever the umask.
    assert (files, folders) == (({0o600}, {0o700}) if team_copy else ({0o640}, {0o750}))
