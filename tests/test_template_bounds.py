"""A user template cannot write a huge file, run forever or take all memory: format
widths, output, time and memory are bounded, each an error naming the template."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES, invoke

PROPOSAL = str(SAMPLES / "01-guild-1.yaml")


def packet(folder: Path, source: str) -> tuple[int, str, Path]:
    folder.mkdir(exist_ok=True)
    (folder / "packet.html.j2").write_text(source)
    out = folder.parent / "p.html"
    code, text = invoke("packet", PROPOSAL, "-o", str(out), "--templates", str(folder))
    return code, text, out


@pytest.mark.parametrize(
    "source",
    [
        "{{ '%1000000000s' % 'x' }}",
        "{{ '%.1000000000f' % 1 }}",
        "{{ '{:>1000000000}'.format('x') }}",
        "{{ '{0:1000000000}'.format_map({'0': 1}) }}",
        "{{ 'x'|center(1000000000) }}",
        "{{ 'a\\nb'|indent(1000000000) }}",
        "{{ 'a b'|wordwrap(1000000000) }}",
        "{{ '%1000000000d'|format(1) }}",
    ],
)
def test_a_format_too_wide_is_refused(tmp_path: Path, source: str) -> None:
    code, output, out = packet(tmp_path / "mine", source)
    assert code == 2
    assert output.startswith(f"{tmp_path / 'mine' / 'packet.html.j2'}:1:1: template error: ")
    assert "too" in output and ("too large" in output or "too wide" in output)
    assert not out.exists()


def test_a_format_of_a_sane_width_works(tmp_path: Path) -> None:
    code, output, out = packet(
        tmp_path / "mine",
        "{{ '%5s|' % 'x' }}{{ '{:>4}'.format(7) }}|{{ 'one two three'|wordwrap(7) }}",
    )
    assert code == 0, output
    assert out.read_text() == "    x|   7|one two\nthree"


def test_output_is_bounded(tmp_path: Path) -> None:
    source = (
        "{% set s = 'x' * 100000 %}{% for i in range(100000) %}{% for j in range(100000) %}"
        "{{ s }}{% endfor %}{% endfor %}"
    )
    code, output, out = packet(tmp_path / "mine", source)
    assert code == 2
    assert output.strip() == (
        f"{tmp_path / 'mine' / 'packet.html.j2'}: template error: wrote more than 50 MB; "
        "refused (a loop too long?)"
    )
    assert not out.exists()


def test_time_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from contracttools import templating

    monkeypatch.setattr(templating, "MAX_SECONDS", 1)
    source = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    code, output, out = packet(tmp_path / "mine", source)  # 10**10 steps, stopped after 1 s
    assert code == 2
    assert not out.exists()
    assert output.strip() == (
        f"{tmp_path / 'mine' / 'packet.html.j2'}: template error: ran longer than 1 s; "
        "refused (a loop too long?)"
    )


def test_memory_is_bounded(tmp_path: Path) -> None:
    source = (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s|length }}"
    )
    code, output, out = packet(tmp_path / "mine", source)
    assert code == 2
    assert "template error: took more than 1024 MB of memory; refused" in output
    assert not out.exists()
