"""Our Word packet, returned by the other side with their changes: read as their counter.

The Guild's opening packet (samples/wga-2023/01-guild-1.yaml, 9 items) is written to Word;
each test edits its XML as the Producers would in Word (their own tracked changes, or typed
underline and strikethrough), imports it with `--party producers`, and checks the items
against what the edit did.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from contracttools.loading import load_proposal
from tests.conftest import SAMPLES, invoke

THEIRS = 'w:author="Alliance of Screen and Streaming Producers" w:date="2023-04-12T17:00:00Z"'
AGREEMENT = str(SAMPLES / "agreement-2020.yaml")
THEIR_PASS = ("--party", "producers", "--number", "1", "--passed-at", "2023-04-12T10:00:00-07:00")


def _packet(tmp_path: Path, *options: str) -> Path:
    out = tmp_path / "guild-1.docx"
    code, output = invoke("packet", str(SAMPLES / "01-guild-1.yaml"), "-o", str(out), *options)
    assert code == 0, output
    return out


def _edited(packet: Path, edit: Callable[[str], str]) -> Path:
    out = packet.with_name("returned.docx")
    with zipfile.ZipFile(packet) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                before = data.decode("utf-8")
                after = edit(before)
                assert after != before, "the edit changed nothing"
                data = after.encode("utf-8")
            target.writestr(info, data)
    return out


def _import(document: Path, *options: str) -> tuple[int, str, Path]:
    out = document.with_name("producers-1.yaml")
    code, output = invoke(
        "import", str(document), "--amends", AGREEMENT, *THEIR_PASS, "-o", str(out), *options
    )
    return code, output, out


def _replace(old: str, new: str) -> Callable[[str], str]:
    """Return an edit that strikes `old` inside a run and inserts `new` after it, tracked."""

    def edit(xml: str) -> str:
        pattern = re.compile(rf"(<w:t(?: [^>]*)?>)([^<]*?){re.escape(old)}([^<]*)</w:t></w:r>")
        replacement = (
            rf'\1\2</w:t></w:r><w:del w:id="90001" {THEIRS}><w:r><w:delText xml:space="preserve">'
            rf'{old}</w:delText></w:r></w:del><w:ins w:id="90002" {THEIRS}><w:r>'
            rf'<w:t xml:space="preserve">{new}</w:t></w:r></w:ins>'
            r'<w:r><w:t xml:space="preserve">\3</w:t></w:r>'
        )
        return pattern.sub(replacement, xml, count=1)

    return edit


def test_only_the_items_they_changed_come_back_and_keep_our_ids(tmp_path: Path) -> None:
    # They change the general increase (item 1) and our new development rooms (item 6).
    packet = _packet(tmp_path)

    def edit(xml: str) -> str:
        xml = _replace("(6%)", "(4%)")(xml)
        return _replace("six (6) writers", "four (4) writers")(xml)

    code, output, out = _import(_edited(packet, edit))
    assert code == 0, output
    # Our new clause is no clause of the agreement: the file checks after the packet adding it.
    counter = load_proposal(out, added_before=["episodic.development-rooms"])
    assert [(i.clause, i.action) for i in counter.items] == [
        ("minimums.general-increase", "amend"),
        ("episodic.development-rooms", "amend"),
    ]
    assert "percent (4%) effective May 2, 2023" in (counter.items[0].text or "")
    assert "not fewer than four (4) writers" in (counter.items[1].text or "")
    # The other seven items came back as we sent them: listed, not made theirs.
    assert "7 items returned without change: left open" in output
    for untouched in ("2.C", "2.D", "4.B", "3.B", "6.B", "8.B", "11.D"):
        assert untouched in output


def test_an_untouched_packet_is_no_counter(tmp_path: Path) -> None:
    packet = _packet(tmp_path)
    moved = _edited(packet, lambda xml: xml.replace("<w:body>", "<w:body><w:p/>", 1))
    code, output, out = _import(moved)
    assert code == 2
    assert "every item of Screen Writers Guild's Proposal No. 1 came back without change" in output
    assert not out.exists()


def test_our_deletion_undone_is_status_quo_and_a_struck_item_is_rejected(tmp_path: Path) -> None:
    packet = _packet(tmp_path)

    def edit(xml: str) -> str:
        # Item 8 (delete 8.B): they reject our deletion, so the text stands again.
        start = xml.index('w:name="_TocItem8"')
        end = xml.index('w:name="_TocItem9"')
        middle = xml[start:end]
        middle = re.sub(r"<w:del [^>]*/>", "", middle)
        middle = re.sub(r"<w:del [^>]*>(.*?)</w:del>", r"\1", middle)
        middle = middle.replace("w:delText", "w:t")
        xml = xml[:start] + middle + xml[end:]
        # Item 9 (our AI concept): they strike the whole item, heading and text.
        start = xml.index('w:name="_TocItem9"')
        head = xml.rindex("<w:p>", 0, start)
        stop = xml.index("<w:sectPr", start)
        struck = xml[head:stop]
        struck = struck.replace("<w:pPr>", f'<w:pPr><w:rPr><w:del w:id="90010" {THEIRS}/></w:rPr>')
        struck = struck.replace("<w:p><w:r>", "<w:p><w:pPr></w:pPr><w:r>")
        struck = struck.replace(
            "<w:pPr></w:pPr>", f'<w:pPr><w:rPr><w:del w:id="90011" {THEIRS}/></w:rPr></w:pPr>'
        )
        struck = re.sub(r"(<w:r>.*?</w:r>)", rf'<w:del w:id="90012" {THEIRS}>\1</w:del>', struck)
        struck = struck.replace("<w:t", "<w:delText").replace("</w:t>", "</w:delText>")
        return xml[:head] + struck + xml[stop:]

    code, output, out = _import(_edited(packet, edit))
    assert code == 0, output
    counter = load_proposal(out, added_before=["technology.ai"])
    assert [(i.clause, i.action) for i in counter.items] == [
        ("payments.deferral", "status-quo"),
        ("technology.ai", "reject"),
    ]
    assert "item 9 (11.D Artificial Intelligence) was struck: rejected" in output


def test_their_new_item_is_an_add(tmp_path: Path) -> None:
    packet = _packet(tmp_path)
    new = "".join(
        f'<w:p><w:pPr>{style}<w:rPr><w:ins w:id="{90020 + n}" {THEIRS}/></w:rPr></w:pPr>'
        f'<w:ins w:id="{90030 + n}" {THEIRS}><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins></w:p>'
        for n, (style, text) in enumerate(
            [
                ('<w:pStyle w:val="Heading2"/>', "Item 10. 11.E Screening Rooms NEW"),
                ("", "Each writer shall be given a screening of the cut."),
            ]
        )
    )
    code, output, out = _import(
        _edited(packet, lambda xml: xml.replace("<w:sectPr", new + "<w:sectPr", 1))
    )
    assert code == 0, output
    counter = load_proposal(out)
    assert [(i.clause, i.action, i.number) for i in counter.items] == [
        ("technology.screening-rooms", "add", "11.E")
    ]
    assert counter.items[0].after == "technology.training"


def test_typed_marks_on_a_visual_packet_are_read_the_same_way(tmp_path: Path) -> None:
    packet = _packet(tmp_path, "--redline", "visual")

    def edit(xml: str) -> str:
        # They strike "six (6)" and type "four (4)" underlined, by hand.
        pattern = re.compile(
            r"(<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t(?: [^>]*)?>)([^<]*?)six \(6\) writers"
        )
        match = pattern.search(xml)
        assert match is not None
        run_start = match.group(1)
        return pattern.sub(
            lambda m: (
                f"{m.group(1)}{m.group(2)}</w:t></w:r>"
                '<w:r><w:rPr><w:strike/></w:rPr><w:t xml:space="preserve">six (6)</w:t></w:r>'
                '<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">four (4)</w:t></w:r>'
                f"{run_start} writers"
            ),
            xml,
            count=1,
        )

    code, output, out = _import(_edited(packet, edit), "--marks", "underline-strike")
    assert code == 0, output
    counter = load_proposal(out, added_before=["episodic.development-rooms"])
    assert [(i.clause, i.action) for i in counter.items] == [
        ("episodic.development-rooms", "amend")
    ]
    assert "not fewer than four (4) writers" in (counter.items[0].text or "")
    assert "8 items returned without change" in output


def test_the_packet_carries_its_items(tmp_path: Path) -> None:
    """The record is a custom document property: the ids and actions of 01-guild-1.yaml."""
    from contracttools.readers.word import read_word
    from contracttools.readers.word.record import PROPERTY, from_json

    source = read_word(str(_packet(tmp_path)))
    record = from_json(dict(source.properties)[PROPERTY])
    assert record is not None
    assert (record.party, record.name, record.number) == ("guild", "Screen Writers Guild", 1)
    sent = load_proposal(SAMPLES / "01-guild-1.yaml")
    assert [(i.clause, i.action) for i in record.items] == [
        (i.clause, i.action) for i in sent.items
    ]


def test_a_clause_they_write_into_an_item_is_their_add(tmp_path: Path) -> None:
    packet = _packet(tmp_path)
    new = "".join(
        f'<w:p><w:pPr><w:rPr><w:ins w:id="{90040 + n}" {THEIRS}/></w:rPr></w:pPr>'
        f'<w:ins w:id="{90050 + n}" {THEIRS}><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins></w:p>'
        for n, text in enumerate(["3.G Room Ventilation", "Each room shall be ventilated."])
    )

    def edit(xml: str) -> str:
        # After the last paragraph of item 6 (our new 3.F), before item 7's heading.
        at = xml.index('w:name="_TocItem7"')
        head = xml.rindex("<w:p>", 0, at)
        return xml[:head] + new + xml[head:]

    code, output, out = _import(_edited(packet, edit))
    assert code == 0, output
    counter = load_proposal(out)
    assert [(i.clause, i.action, i.number, i.title) for i in counter.items] == [
        ("episodic.room-ventilation", "add", "3.G", "Room Ventilation")
    ]
    assert counter.items[0].text == "Each room shall be ventilated.\n"
    assert "9 items returned without change" in output  # our 3.F is not changed by it
