"""A progress line on a terminal for long runs: files done, rate and time left."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import IO

DELAY = 1.0  # seconds before the line first appears: short runs never show it
INTERVAL = 0.1  # seconds between redraws
WIDTH = 24  # characters of the bar itself


def wanted(stream: IO[str], *, quiet: bool) -> bool:
    """Tell whether to show progress: on a terminal, not in CI, not with --quiet."""
    if quiet or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Redraws one line on ``stream`` as files are done; erases it when closed."""

    def __init__(self, total: int, stream: IO[str], *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.drawn_at: float | None = None
        self.shown = False

    def __call__(self, done: int) -> None:
        """Record that ``done`` files are finished, redrawing at most every INTERVAL."""
        now = self.clock()
        if now - self.started < DELAY or (
            self.drawn_at is not None and now - self.drawn_at < INTERVAL and done < self.total
        ):
            return
        self.drawn_at = now
        self.shown = True
        self.stream.write("\r" + self.line(done, now - self.started) + "\033[K")
        self.stream.flush()

    def line(self, done: int, elapsed: float) -> str:
        """The progress line for ``done`` files after ``elapsed`` seconds."""
        fraction = done / self.total if self.total else 1.0
        filled = int(fraction * WIDTH)
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (self.total - done) / rate if rate > 0 else 0.0
        return (f"factcheck [{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{self.total} files"
                f" {fraction:4.0%}  {rate:,.0f} files/s  {_clock(left)} left")

    def clear(self) -> None:
        """Erase the line (before other output); the next call draws it again."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
            self.drawn_at = None

    close = clear


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
