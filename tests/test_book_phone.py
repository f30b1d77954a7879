"""The book in headless Chromium at a phone's width (390 px) and a desktop's (1280 px):
every table of the chart shows each row's Status on screen, and the cues around marks are
visually hidden (the legend: "unprinted, for screen readers and copied text")."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, invoke
from tests.test_book import chromium

pytestmark = [
    pytest.mark.client,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed"),
]

PROBE = """<script>
const width = document.documentElement.clientWidth;
const rows = [...document.querySelectorAll("table.chart tbody tr")];
const outside = box => box.width === 0 || box.left < 0 || box.right > width + 0.5;
const hidden = rows.filter(row => outside(row.querySelector("td.status").getBoundingClientRect())).length
  + [...document.querySelectorAll("table.counts td")].filter(td => outside(td.getBoundingClientRect())).length;
const cues = [...document.querySelectorAll(".cue")].filter(cue => {
  const box = cue.getBoundingClientRect();
  return box.width >= 1 && getComputedStyle(cue).color !== "rgba(0, 0, 0, 0)";
}).length;
const scrolled = [...document.querySelectorAll(".scroll")].filter(e => e.scrollWidth > e.clientWidth).length;
const page = document.documentElement.scrollWidth > width ? 1 : 0;
document.body.dataset.probe = [rows.length, hidden, cues, scrolled, page, document.querySelectorAll(".cue").length].join(" ");
</script></body>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("book") / "book"
    code, output = invoke("book", str(SAMPLES), "-o", str(out))
    assert code == 0, output
    return out


def _probe(page: Path, profile: Path, width: int) -> list[int]:
    probe = page.with_name("probe-" + page.name)
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE), "utf-8")
    try:
        dom = chromium(profile, f"--window-size={width},900", "--dump-dom", probe.as_uri())
    finally:
        probe.unlink()
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found, dom[:300]
    return [int(n) for n in found.group(1).split()]


@pytest.mark.parametrize("width", [390, 1280])
def test_every_row_shows_its_status_and_no_cue_shows(
    site: Path, tmp_path: Path, width: int
) -> None:
    rows, hidden, cues, scrolled, page, _ = _probe(site / "index.html", tmp_path / "p", width)
    assert rows == 11  # the sample's eleven clauses on the table
    assert hidden == 0, f"{hidden} rows have their Status out of sight at {width} px"
    assert scrolled == 0 and page == 0  # nothing needs scrolling sideways to be read
    assert cues == 0
    history = site / "clauses" / "minimums.general-increase.html"
    *_, cues, _, page, present = _probe(history, tmp_path / "h", width)
    assert present > 0 and cues == 0 and page == 0
    shot = tmp_path / f"index-{width}.png"
    chromium(
        tmp_path / "s",
        f"--screenshot={shot}",
        f"--window-size={width},900",
        (site / "index.html").as_uri(),
    )
    assert shot.stat().st_size > 10_000
