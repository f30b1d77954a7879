"""The redline engine: two documents in, the change model out.  Pure: no files, no clock."""

from contracttools.redline.compare import compare, compare_entries
from contracttools.redline.model import (
    BlockChange,
    CellChange,
    ClauseChange,
    ClauseRef,
    ParagraphChange,
    Redline,
    RowChange,
    Side,
    Span,
    TableChange,
    new_text,
    old_text,
)
from contracttools.redline.tokens import tokenize
from contracttools.redline.words import diff_words

__all__ = [
    "BlockChange",
    "CellChange",
    "ClauseChange",
    "ClauseRef",
    "ParagraphChange",
    "Redline",
    "RowChange",
    "Side",
    "Span",
    "TableChange",
    "compare",
    "compare_entries",
    "diff_words",
    "new_text",
    "old_text",
    "tokenize",
]
