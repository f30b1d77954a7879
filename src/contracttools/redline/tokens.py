"""Tokens: what the redline treats as one indivisible piece of text."""

from __future__ import annotations

import re

_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORDLIKE = rf"""
      [$€£¥]?\d+(?:[.,]\d+)*(?:\.[A-Za-z](?:\.\d+)*)?(?:%|[^\W{_CJK}]+)?
                                                # 70,000 $70,000 2.4 5.5% 30th 2.C 13.B.1
    | [^\W{_CJK}]+(?:['\u2019\-][^\W{_CJK}]+)*    # words, forty-five, writer's
    | [{_CJK}]                                  # one CJK character is one word
"""
TOKEN = re.compile(rf"{_WORDLIKE} | \s+ | .", re.VERBOSE | re.DOTALL)
"""A word, a figure, a run of white space, or any other single character."""
WORD = re.compile(_WORDLIKE, re.VERBOSE)
"""The tokens that count as words."""


def tokenize(text: str) -> list[str]:
    """Return the tokens of a text; joined, they give the text back."""
    return TOKEN.findall(text)


def count_words(text: str) -> int:
    """Return how many words and figures a text holds ("5.5%" is one)."""
    return len(WORD.findall(text))
