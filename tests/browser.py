"""The HTML as a browser shows it: headless Chromium, axe-core's accessibility rules, and
whether anything is cut off at a given width."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.test_book import chromium

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core, installed by `npm ci` from the project's package.json (`make test-clients`)."""

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
"""The axe-core rule sets the pages must pass: WCAG 2.0, 2.1 and 2.2 at levels A and AA,
and axe's best practices (landmarks, heading order, one h1, ...); docs/summaries.md."""

RUN_AXE = """<script>%s</script><script>
axe.run(document, {runOnly: {type: "tag", values: %s}}).then(result => {
  document.body.setAttribute("data-axe", JSON.stringify({
    violations: result.violations.map(v => [v.id, v.nodes.map(n => n.target.join(" "))]),
    passes: result.passes.map(p => p.id),
  }));
});
</script></body>"""

MEASURE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>probe</title></head>
<body style="margin:0"><iframe id="shown" src="%s" style="width:%dpx;height:900px;border:0"></iframe>
<script>
window.addEventListener("load", () => {
  const frame = document.getElementById("shown").contentWindow;
  const page = frame.document, root = page.documentElement;
  const all = [...page.querySelectorAll("body *")];
  const cut = all.filter(e => e.scrollWidth > e.clientWidth + 1
    && frame.getComputedStyle(e).overflowX !== "visible");
  document.body.setAttribute("data-measured", JSON.stringify({
    width: frame.innerWidth, scroll: root.scrollWidth, client: root.clientWidth,
    cut: cut.map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")),
    widest: Math.max(...all.map(e => e.getBoundingClientRect().right)),
    beyond: all.filter(e => e.getBoundingClientRect().right > (page.querySelector("main") || page.body).getBoundingClientRect().right + 0.5).map(e => e.tagName.toLowerCase() + ":" + e.textContent.slice(0, 30)),
    column: (page.querySelector("main") || page.body).getBoundingClientRect().width,
  }));
});
</script></body></html>"""
"""A page that shows another in a frame of a given width (headless Chromium's window is
never narrower than 500 px) and measures it there."""


def need_chromium() -> None:
    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (scripts/system-packages.sh test installs it)")


def _probe(page: Path, script: str, profile: Path, *args: str) -> dict[str, Any]:
    """Return what `script`, added at the end of a copy of `page`, leaves in the DOM."""
    probe = page.with_name(f"probe-{page.name}")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", script), "utf-8")
    try:
        dom = chromium(profile, *args, "--dump-dom", probe.as_uri())
    finally:
        probe.unlink()
    found = re.search(r'data-axe="([^"]*)"', dom)
    assert found, dom[-300:]
    result: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return result


def axe(page: Path, profile: Path) -> dict[str, Any]:
    """Return axe-core's violations and passed rules on a page shown in Chromium."""
    need_chromium()
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run `npm ci` (make test-clients does)")
    source = AXE.read_text(encoding="utf-8").replace("</script", "<\\/script")
    script = RUN_AXE % (source, json.dumps(list(AXE_TAGS)))
    return _probe(page, script, profile, "--virtual-time-budget=30000")


def measured(page: Path, profile: Path, width: int) -> dict[str, Any]:
    """Return the page's widths shown `width` pixels wide, and the elements that cut off
    their content (wider inside than they show, and not made to scroll)."""
    need_chromium()
    host = page.with_name(f"measure-{page.name}")
    host.write_text(MEASURE % (page.name, width), encoding="utf-8")
    try:
        dom = chromium(profile, "--allow-file-access-from-files", "--dump-dom", host.as_uri())
    finally:
        host.unlink()
    found = re.search(r'data-measured="([^"]*)"', dom)
    assert found, dom[-300:]
    result: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return result


PICK_EVERY = """<script>
window.addEventListener("load", () => {
  const row = document.getElementById("pay-row"), step = document.getElementById("pay-step");
  const result = document.getElementById("pay-result");
  const seen = {form_hidden: document.getElementById("pay-finder").hidden, live: result.getAttribute("aria-live"), picks: []};
  for (const r of row.options) {
    for (const s of (step ? [...step.options] : [null])) {
      row.value = r.value; row.dispatchEvent(new Event("change"));
      if (s) { step.value = s.value; step.dispatchEvent(new Event("change")); }
      seen.picks.push([r.value, s ? s.value : null, result.innerText]);
    }
  }
  document.body.setAttribute("data-axe", JSON.stringify(seen));
});
</script></body>"""
"""Pick every place on the pay page in turn, as a member would, and note what it says."""


def pick_every(page: Path, profile: Path) -> dict[str, Any]:
    """Return what the pay page says for each place picked, in Chromium."""
    need_chromium()
    return _probe(page, PICK_EVERY, profile)
