"""Progress on stderr for work that takes more than about a second.

A bar appears only when stderr is a terminal, `--quiet` was not given, and the work is
still running a second after it began; otherwise nothing is printed.  One line in a
command:

    with progress("Comparing", 3) as shown:   # 3 steps; shown.advance() after each
    with pages_progress():                    # a PDF being laid out, page by page
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

import click

DELAY = 1.0
"""Seconds of work before a bar appears: quick runs print nothing."""

QUIET = "contracttools.quiet"
"""The key of `--quiet` in the click context's `meta`."""


def _terminal() -> TextIO | None:
    """Return stderr when it is a terminal."""
    return sys.stderr if sys.stderr.isatty() else None


def wanted() -> bool:
    """Return whether to show progress: stderr is a terminal and `--quiet` was not given."""
    context = click.get_current_context(silent=True)
    if context is not None and context.meta.get(QUIET):
        return False
    return _terminal() is not None


def _uncounted() -> Iterator[int]:
    """An iterable of no known length: the bar then counts without a total."""
    yield from ()


class Progress:
    """One progress bar on stderr, drawn only once the work has taken `DELAY` seconds.

    With no `length`, the bar counts (pages, say) without a total.
    """

    def __init__(self, label: str, length: int | None, shown: bool) -> None:
        self.label = label
        self.length = length
        self.done = 0
        self._bar: Any = None
        self._closed = False
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        if shown and DELAY <= 0:
            self._show()
        elif shown:
            self._timer = threading.Timer(DELAY, self._show)
            self._timer.daemon = True
            self._timer.start()

    def _show(self) -> None:
        with self._lock:
            if self._closed or self._bar is not None:
                return
            self._bar = click.progressbar(
                _uncounted() if self.length is None else None,
                length=self.length,
                label=self.label,
                file=_terminal(),
                show_eta=self.length is not None,
            )
            self._bar.__enter__()
            self._bar.update(self.done)

    def advance(self, steps: int = 1, label: str | None = None) -> None:
        """Count `steps` more done, and name what is being done now."""
        self.update(self.done + steps, label)

    def update(self, done: int, label: str | None = None) -> None:
        """Set how much is done, and name what is being done now."""
        with self._lock:
            steps, self.done = done - self.done, done
            if label is not None:
                self.label = label
            if self._bar is None:
                return
            self._bar.label = self.label
            if steps > 0:
                self._bar.update(steps)
            else:
                self._bar.render_progress()

    def close(self) -> None:
        """Stop; end the bar's line if one was drawn."""
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._closed = True
            if self._bar is not None:
                self._bar.__exit__(None, None, None)


@contextmanager
def progress(label: str, length: int | None = None) -> Iterator[Progress]:
    """Show a progress bar while the block runs, when `wanted()`."""
    shown = Progress(label, length, wanted())
    try:
        yield shown
    finally:
        shown.close()


_STEP = re.compile(r"Step (\d)")
_PAGE = re.compile(r"Page (\d+)")


class _LayoutHandler(logging.Handler):
    """Turns WeasyPrint's progress messages into the bar: pages laid out, then writing."""

    def __init__(self, shown: Progress) -> None:
        super().__init__(logging.INFO)
        self.shown = shown

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        step = _STEP.match(message)
        if step is None:
            return
        number = int(step.group(1))
        page = _PAGE.search(message)
        if number == 5 and page is not None:
            done = max(self.shown.done, int(page.group(1)))
            self.shown.update(done, f"Laying out page {done}")
        elif number >= 6:
            self.shown.update(self.shown.done, f"Writing {self.shown.done} pages to PDF")
        elif self.shown.done == 0:
            self.shown.update(0, "Applying the styles")


@contextmanager
def pages_progress() -> Iterator[None]:
    """Show the pages of a PDF as WeasyPrint lays them out, when `wanted()`."""
    if not wanted():
        yield
        return
    logger = logging.getLogger("weasyprint.progress")
    level, propagate = logger.level, logger.propagate
    with progress("Preparing the PDF") as shown:
        handler = _LayoutHandler(shown)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        try:
            yield
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
            logger.propagate = propagate
