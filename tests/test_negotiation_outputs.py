"""Every output reads what a proposal means from the negotiation layer: checked on the
samples where the outputs once disagreed."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from contracttools.body import Paragraph
from contracttools.loading import load_in_context
from contracttools.negotiation import draft
from tests.conftest import SAMPLES, invoke
from tests.test_docx import W, read_back

AGREEMENT = str(SAMPLES / "agreement-2020.yaml")
PRODUCERS_1 = str(SAMPLES / "02-producers-1.yaml")
GUILD_2 = str(SAMPLES / "03-guild-2.yaml")


def fold(text: str) -> str:
    return " ".join(text.split())


def test_an_accept_shows_the_accepted_language_against_the_current_text() -> None:
    code, output = invoke("diff", AGREEMENT, PRODUCERS_1, "--color", "never")
    assert code == 1
    accepted = output.split("== Article 6 › 6.B Health Fund Contributions  [ACCEPT]")[1].split(
        "=="
    )[0]
    assert "[-eleven-]{+twelve+} and one-half percent [-(11.5%)-]{+(12.5%)+}" in accepted


def test_a_later_pass_carries_forward_what_it_does_not_restate() -> None:
    code, output = invoke("diff", PRODUCERS_1, GUILD_2, "--color", "never")
    assert code == 1
    heads = [line for line in output.splitlines() if line.lstrip().startswith("== ")]
    assert not any("deleted" in head for head in heads), heads
    assert (
        "  == Article 2 › 2.C High Budget Streaming Programs  [was STATUS QUO, carried forward, AMEND]"
        in (heads)
    )
    # The Guild accepts the Producers' paid-ads language: nothing to mark there.
    credits = output.split("== Article 5 › 5.D Credit in Paid Advertising  [was AMEND, ACCEPT]")[1]
    assert "{+" not in credits.split("==")[0] and "[-" not in credits.split("==")[0]
    # An item new to the conversation is a change to the current language.
    rooms = output.split("== Article 3 › 3.F Development Rooms  [added, NEW]")[1].split("==")[0]
    assert "not fewer than five (5) writers" in rooms


def test_a_packet_against_their_proposal_tracks_only_our_changes(tmp_path: Path) -> None:
    out = tmp_path / "guild-2.docx"
    code, output = invoke("packet", GUILD_2, "--against", PRODUCERS_1, "-o", str(out))
    assert code == 0, output
    producers, negotiation = load_in_context(PRODUCERS_1)
    guild, _ = load_in_context(GUILD_2)
    theirs, _ = draft(producers, negotiation)  # type: ignore[arg-type]
    ours, _ = draft(guild, negotiation)  # type: ignore[arg-type]
    rejected = fold(" ".join(read_back(out, "reject")))
    accepted = fold(" ".join(read_back(out, "accept")))
    for item in guild.items:  # type: ignore[union-attr]
        if item.action in ("withdraw", "reject", "concept"):
            continue
        before, after = theirs.by_id.get(item.clause), ours.by_id.get(item.clause)
        for clause, text in ((before, rejected), (after, accepted)):
            for block in clause.blocks if clause is not None else ():
                if isinstance(block, Paragraph):
                    assert fold(block.text) in text, item.clause
    with zipfile.ZipFile(out) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    inserted = " ".join("".join(ins.itertext()) for ins in root.iter(f"{W}ins"))
    assert "advertising on social media" not in inserted  # the Producers' own words


def test_the_demo_summary_shows_the_compromise(tmp_path: Path) -> None:
    out = tmp_path / "summary.md"
    code, _ = invoke("summary", str(SAMPLES), "--with-language", "-o", str(out))
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert "5% this year, then 4% and 3.5%" in text
    language = text.split("## Tentatively agreed language")[1]
    assert "{++(3.5%)++}" in language and "2.A General Increases" in language


def test_the_draft_of_the_next_pass_may_answer_clauses_earlier_passes_added(
    tmp_path: Path,
) -> None:
    import shutil

    folder = tmp_path / "talks"
    shutil.copytree(SAMPLES, folder)
    draft_pass = (folder / "02-producers-1.yaml").read_text(encoding="utf-8")
    draft_pass = draft_pass.replace("number: 1\n", "number: 2\n", 1)
    draft_pass = draft_pass.replace("passed_at: 2023-04-12", "passed_at: 2023-04-29", 1)
    (folder / "04-producers-2.yaml").write_text(draft_pass, encoding="utf-8")
    code, output = invoke("check", str(folder / "04-producers-2.yaml"))
    assert code == 0, output  # it rejects the Guild's development rooms: not unknown
    broken = draft_pass.replace("clause: technology.ai", "clause: technology.aj")
    (folder / "04-producers-2.yaml").write_text(broken, encoding="utf-8")
    code, output = invoke("check", str(folder / "04-producers-2.yaml"))
    assert code == 2 and "unknown clause 'technology.aj'; did you mean 'technology.ai'?" in output
