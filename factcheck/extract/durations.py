"""Durations: "a five-month siege", "lasted 150 days", "about two years", "a year and a half".

A number followed by a unit of time is read here, with the number layer's hedges and
ranges: that is nearly every duration news copy writes, and it costs microseconds.
Spelled numbers joined to their unit ("a five-month siege") and halves ("two and a half
years", "a year and a half") are read here too. quantulum3 is called only for a sentence
where a unit of time follows something number-like that this layer could not read ("1½
years"); it costs milliseconds, and over 300 ms the first time in a process.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factcheck.extract import quantities
from factcheck.extract.numbers import (
    NUMBER_WORDS,
    Number,
    find_numbers,
    hedge_before,
    words_value,
)
from factcheck.rx import Rx

DAYS_PER_UNIT = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
    "fortnight": 14.0, "month": 30.4375, "year": 365.25, "decade": 3652.5, "century": 36525.0,
}
_UNITS = (
    r"seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|century"
    r"|centuries"
)
_UNIT_WORD = Rx(rf"\b(?i:{_UNITS})\b")
# Right after a number: "five months", "five-month", "150 days".
_UNIT_AFTER = Rx(rf"[ \t]*-?[ \t]*(?P<unit>(?i:{_UNITS}))\b")
# "a month", "an hour", "a year-long siege": one unit.
# ... or a fraction of one: "half a century", "a quarter of a century".
_FRACTIONS = {"half": 0.5, "a quarter of": 0.25, "a third of": 1 / 3, "three quarters of": 0.75}
_ONE_UNIT = Rx(
    rf"(?<![\w-])(?:(?P<fraction>(?i:half|a[ \t]+(?:quarter|third)[ \t]+of"
    rf"|three[ \t]+quarters[ \t]+of))[ \t]+)?(?i:an?)[ \t]+(?P<unit>(?i:{_UNITS}))\b"
)
# ... or "the" and a unit made an adjective: "the year-long siege", "its week-long truce",
# "the whole year-long siege", or such an adjective as a predicate: "The siege was year-long".
_THE_UNIT_LONG = Rx(
    rf"(?<=(?<![\w-])(?i:the|its|their|this|that|was|is|were|are|been|be)[ \t]+"
    rf"(?:(?i:whole|entire|full)[ \t]+)?)"
    rf"(?P<unit>(?i:{_UNITS}))(?<![sS])-long\b"
)
# quantulum3 reads "sixth year" as a sixth of a year; an ordinal is never a duration.
_LONG = Rx(r"-(?:long|old)\b")
_ORDINAL = Rx(
    r"^(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|\w+tieth|\d+(?:st|nd|rd|th))\b"
)
# Something a number could be made of, just before a unit this layer did not read.
_NUMBER_LIKE_BEFORE = Rx(
    r"(?i:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty"
    r"|thirty|forty|fifty|sixty|hundred|thousand|half|quarter|dozen)\b)[^.;:!?]{0,24}$"
)
_AND_A_HALF = Rx(r"[ \t]+and[ \t]+a[ \t]+half\b", regex.I)
# "two and a half years", "four-and-a-half-month": half a unit more than the number.
_HALF_UNIT = Rx(rf"[ \t-]+and[ \t-]+a[ \t-]+half[ \t]*-?[ \t]*(?P<unit>(?i:{_UNITS}))\b", regex.I)
# The number layer leaves "five-" alone ("five-star", "one-sided"), but before a unit of
# time ("a five-month siege", "four-and-a-half years") it is a duration's number.
_SPELLED = Rx(rf"(?<![\w-])(?P<words>{NUMBER_WORDS})(?=-)", regex.I)


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
    """Tell whether a sentence names a unit of time at all."""
    return _UNIT_WORD.search(sentence) is not None


def _unit_days(unit: str) -> float:
    name = unit.lower()
    name = "century" if name == "centuries" else name.removesuffix("s")
    return DAYS_PER_UNIT[name]


def _with_long(sentence: str, end: int) -> int:
    suffix = _LONG.match(sentence, end)  # "a year-long siege": report "a year-long"
    return suffix.end() if suffix else end


def _unit_after(sentence: str, end: int) -> tuple[regex.Match[str] | None, float]:
    """The unit of time right after a number, and how much it adds ("and a half": 0.5)."""
    half = _HALF_UNIT.match(sentence, end)
    if half is not None:
        return half, 0.5
    return _UNIT_AFTER.match(sentence, end), 0.0


def _read(sentence: str, numbers: list[Number]) -> list[Duration]:
    """The durations this layer reads: a number, or "a"/"an", then a unit of time."""
    found = []
    for number in numbers:
        unit, extra = _unit_after(sentence, number.end)
        if unit is None:
            continue
        per_day = _unit_days(unit.group("unit"))
        found.append(Duration(
            start=number.start, end=_with_long(sentence, unit.end()),
            value_start=number.value_start, low_days=(number.low + extra) * per_day,
            high_days=(number.high + extra) * per_day, hedge=number.hedge,
            text=sentence[number.value_start:unit.end()],
        ))
    for spelled in _SPELLED.finditer(sentence):
        value = words_value(spelled.group("words"))
        unit, extra = _unit_after(sentence, spelled.end())
        if unit is None or value is None:
            continue
        value += extra
        per_day = _unit_days(unit.group("unit"))
        hedge, start = hedge_before(sentence, spelled.start())
        found.append(Duration(
            start=start, end=_with_long(sentence, unit.end()), value_start=spelled.start(),
            low_days=value * per_day, high_days=value * per_day, hedge=hedge,
            text=sentence[spelled.start():unit.end()],
        ))
    for one in _ONE_UNIT.finditer(sentence):
        per_day = _unit_days(one.group("unit"))
        fraction = one.group("fraction")
        amount = _FRACTIONS[" ".join(fraction.lower().split())] if fraction else 1.0
        end = one.end()
        half = _AND_A_HALF.match(sentence, end)  # "a year and a half"
        if half:
            amount, end = 1.5, half.end()
        hedge, start = hedge_before(sentence, one.start())
        found.append(Duration(
            start=start, end=_with_long(sentence, end), value_start=one.start(),
            low_days=amount * per_day, high_days=amount * per_day, hedge=hedge,
            text=sentence[one.start():end],
        ))
    for one in _THE_UNIT_LONG.finditer(sentence):
        per_day = _unit_days(one.group("unit"))
        found.append(Duration(
            start=one.start(), end=one.end(), value_start=one.start(),
            low_days=per_day, high_days=per_day, hedge=None, text=one.group(),
        ))
    return found


def _from_quantulum3(sentence: str) -> list[Duration]:
    found = []
    for q in quantities.parse(sentence):
        per_day = DAYS_PER_UNIT.get(q.unit)
        if q.entity != "time" or per_day is None or _ORDINAL.match(q.surface):
            continue
        spread = q.uncertainty or 0.0
        hedge, start = hedge_before(sentence, q.start)
        found.append(Duration(
            start=start, end=_with_long(sentence, q.end), value_start=q.start,
            low_days=(q.value - spread) * per_day, high_days=(q.value + spread) * per_day,
            hedge=hedge, text=q.surface,
        ))
    return found


def find_durations(sentence: str) -> list[Duration]:
    """Find durations in one sentence (quantulum3 only for what this layer cannot read)."""
    if not needs_units(sentence):
        return []
    found = _read(sentence, find_numbers(sentence))
    unread = [
        unit for unit in _UNIT_WORD.finditer(sentence)
        if not any(d.value_start <= unit.start() < d.end for d in found)
        and _NUMBER_LIKE_BEFORE.search(sentence, max(0, unit.start() - 30), unit.start())
        and not _ORDINAL.match(sentence[_word_start(sentence, unit.start()):])
    ]
    if unread:
        found.extend(d for d in _from_quantulum3(sentence)
                     if not any(d.start < o.end and o.start < d.end for o in found))
    return sorted(found, key=lambda d: d.start)


def _word_start(sentence: str, unit_start: int) -> int:
    """Where the word before a unit word starts ("sixth" in "sixth year")."""
    end = unit_start
    while end > 0 and sentence[end - 1] in " \t-":
        end -= 1
    start = end
    while start > 0 and (sentence[start - 1].isalnum()):
        start -= 1
    return start
