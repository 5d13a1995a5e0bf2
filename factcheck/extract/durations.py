"""Durations ("a five-month siege", "lasted 150 days") from quantulum3, with its slips fixed."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.extract import quantities
from factcheck.extract.numbers import hedge_before
from factcheck.rx import Rx

DAYS_PER_UNIT = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
    "fortnight": 14.0, "month": 30.4375, "year": 365.25, "decade": 3652.5, "century": 36525.0,
}
_UNIT_WORD = Rx(
    r"\b(?i:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?"
    r"|century|centuries)\b"
)
# quantulum3 reads "sixth year" as a sixth of a year; an ordinal is never a duration.
_LONG = Rx(r"-(?:long|old)\b")
_ORDINAL = Rx(
    r"^(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|\w+tieth|\d+(?:st|nd|rd|th))\b"
)


@dataclass(frozen=True)
class Duration:
    """A duration mention; offsets are relative to the sentence it was found in."""

    start: int  # hedge included
    end: int
    value_start: int
    low_days: float
    high_days: float
    hedge: str | None
    text: str


def needs_units(sentence: str) -> bool:
    """Tell whether a sentence names a unit of time (only then is quantulum3 worth calling)."""
    return _UNIT_WORD.search(sentence) is not None


def find_durations(sentence: str) -> list[Duration]:
    """Find durations in one sentence (this calls quantulum3 when a time unit is named)."""
    if not needs_units(sentence):
        return []
    found = []
    for q in quantities.parse(sentence):
        per_day = DAYS_PER_UNIT.get(q.unit)
        if q.entity != "time" or per_day is None or _ORDINAL.match(q.surface):
            continue
        spread = q.uncertainty or 0.0
        hedge, start = hedge_before(sentence, q.start)
        end = q.end
        suffix = _LONG.match(sentence, end)  # "a year-long siege": report "a year-long"
        if suffix:
            end = suffix.end()
        found.append(
            Duration(
                start=start,
                end=end,
                value_start=q.start,
                low_days=(q.value - spread) * per_day,
                high_days=(q.value + spread) * per_day,
                hedge=hedge,
                text=q.surface,
            )
        )
    return found
