"""Tokens: what the redline treats as one indivisible piece of text.

A change never splits a token, so everything a lawyer marks whole is one token: a
word, a figure ("$70,000", "5.5%", "30th"), a parenthesised figure or label ("(30)",
"(a)"), a section reference ("12.3(a)", "13.B.1"), a date ("07/01/2025", "2025-07-01"),
a time with its a.m. or p.m. ("8:00 a.m."), an abbreviation ("U.S.A.", "e.g."), an
e-mail address and a URL.  Everything else is a run of white space or one character.
"""

from __future__ import annotations

import re

_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff"
_LETTER = rf"[^\W\d_{_CJK}]"
_ALNUM = rf"[^\W{_CJK}]"
_FIGURE = r"[$€£¥]?\d+(?:[.,]\d+)*"
_TLD = r"(?:com|org|net|gov|edu|int|mil|info|biz|io|us|uk|ca|au|nz|ie|eu|de|fr)"
_URL_END = r"[^\s<>\"'()\[\]{},.;:!?]"
_WORDLIKE = rf"""
      (?:https?://|www\.)[^\s<>\"]*{_URL_END}          # https://example.org/a/b
    | [\w.+\-]*\w@\w[\w\-]*(?:\.[\w\-]+)+             # lru@das.ca.gov
    | (?<![\w.@/])[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.{_TLD}(?![\w@])(?:/(?:[^\s<>\"]*{_URL_END})?)?
                                                      # example.org, das.ca.gov/forms
    | \d{{1,2}}(?::\d{{2}}){{0,2}}\ ?[AaPp]\.?[Mm]\.?(?!\w)  # 8:00 a.m., 9 PM, 10:30pm
    | \d{{1,2}}:\d{{2}}(?::\d{{2}})?(?!\d)                # 14:30
    | \d{{1,4}}[/\-]\d{{1,2}}[/\-]\d{{1,4}}(?![\d/\-])    # 07/01/2025, 2025-07-01
    | \((?:{_FIGURE}%?|{_LETTER}{{1,2}}|[ivxlcIVXLC]{{1,6}}|\d{{1,3}}{_LETTER}{{1,2}})\)
                                                      # (30) (5.5%) (a) (iv) (2nd)
    | {_FIGURE}(?:\.{_LETTER}(?:\.\d+)*)?(?:%|{_ALNUM}+)?(?:\((?:\d{{1,3}}|{_LETTER}{{1,2}}|[ivxlc]{{1,6}})\))*
                                        # 70,000 $70,000 2.4 5.5% 30th 2.C 13.B.1 12.3(a)(ii)
    | (?:{_LETTER}\.){{2,}}(?!{_ALNUM})                  # U.S.A. e.g. J.R.R.
    | {_ALNUM}+(?:['\u2019\-]{_ALNUM}+)*                # words, forty-five, writer's
    | [{_CJK}]                                        # one CJK character is one word
"""
_PLAIN_WORD = rf"(?:{_LETTER}{_ALNUM}*+(?:['\u2019\-]{_ALNUM}++)*+)(?![.@/:'\u2019\-])"
"""Most words: tried first, and cheaply, since nothing after them can make a longer token."""
TOKEN = re.compile(rf"{_PLAIN_WORD} | {_WORDLIKE} | \s+ | .", re.VERBOSE | re.DOTALL)
"""A word, a figure, a run of white space, or any other single character."""
WORD = re.compile(rf"{_PLAIN_WORD} | {_WORDLIKE}", re.VERBOSE)
"""The tokens that count as words."""


def tokenize(text: str) -> list[str]:
    """Return the tokens of a text; joined, they give the text back."""
    return TOKEN.findall(text)


def count_words(text: str) -> int:
    """Return how many words and figures a text holds ("5.5%" is one)."""
    return len(WORD.findall(text))
