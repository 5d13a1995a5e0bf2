"""Dates and years in prose: "December 15", "15 Dec. 2016", "March 2011", "mid-2011", "2011".

quantulum3 reads "December 15" as the number 15 and "March 2011" as 2011; this module owns
calendar expressions so the number layer can skip them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from factcheck.rx import Rx

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)

# Full names match in any case; abbreviations only capitalised or in capitals, so "mar"
# and "may" the verbs, or "sep" in a word, are not months.
MONTH = (
    r"(?:(?i:january|february|march|april|june|july|august|september|october|november"
    r"|december)|May|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
    # ... or in capitals, as a caption or a chyron writes them: "TRUCE OF DEC 12"
    r"|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)\.?)"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d|21\d\d)"
# Days written as ordinal words: "the eleventh of December", "December twenty-first".
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
             " thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
             " twentieth").split()
ORDINAL_DAYS = {
    **{word: day for day, word in enumerate(_ORDINALS, 1)},
    **{f"twenty-{word}": 21 + i for i, word in enumerate(_ORDINALS[:9])},
    "thirtieth": 30, "thirty-first": 31,
}
_ORDINAL_WORD = "(?i:" + "|".join(
    word.replace("-", "[- ]") for word in sorted(ORDINAL_DAYS, key=len, reverse=True)
) + ")"
# Years of the 2010s as they are spoken, and as transcripts and quotations write them:
# "twenty twelve", "Twenty-Eleven". ("Two thousand and eleven" is left alone: it is as
# often a count.)
_SPOKEN_TEENS = ("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen"
                 " nineteen").split()
SPOKEN_YEARS = {f"twenty {word}": 2010 + i for i, word in enumerate(_SPOKEN_TEENS)}
_SPOKEN_YEAR = r"(?i:twenty[ -](?:" + "|".join(_SPOKEN_TEENS) + "))"
# Written with [ ]+ because _DATE is a verbose pattern, where a plain space means nothing.
_QUALIFIER = (
    r"(?:(?i:(?:the[ ]+)?(?:(?:early|mid|late)[ -]+(?:summer|winter|spring|autumn|fall)"
    r"(?:[ ]+of)?|early|mid|late|end[ ]+of|beginning[ ]+of|start[ ]+of|middle[ ]+of"
    r"|summer[ ]+of|winter[ ]+of|spring[ ]+of|autumn[ ]+of|fall[ ]+of|first[ ]+half[ ]+of"
    r"|second[ ]+half[ ]+of)|summer|winter|spring|autumn|fall)(?:-|[ ]+))"
)

_DATE = Rx(
    rf"""
    (?:(?<=\p{{L}},)|(?<![\w.,-]))  # after a word and a comma: "|east|2013|" reads "east,2013"
    (?:
        (?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])
      | (?P<n1>[0-3]?\d)(?P<sep>[/.])(?P<n2>[01]?\d)(?P=sep)(?P<ny>{_YEAR})
        # a day in words only after a capitalised month: "December first", not "march first"
      | (?P<q1>{_QUALIFIER})?(?P<m1>{MONTH})[ ]+
        (?:(?i:the)[ ]+(?=\d\d?(?:st|nd|rd|th)|{_ORDINAL_WORD}))?  # "December the 16th"
        (?P<d1>{_DAY}|(?<=\p{{Lu}}\p{{L}}*[ ]+(?:(?i:the)[ ]+)?){_ORDINAL_WORD})
        (?:[ ]*[-–][ ]*{_DAY})?(?![\d,]\d)(?:,?[ ]+(?P<y1>{_YEAR}))?
        # "on the 12th of December": the article is part of the date, so "on {{value}}" reads it
      | (?:(?i:the)[ ]+(?=\d\d?(?:st|nd|rd|th)))?(?P<d2>{_DAY})(?:[ ]+of)?[ ]+(?P<m2>{MONTH})
        (?:,?[ ]+(?P<y2>{_YEAR}))?
        # a day in words takes "of": "the eleventh of December" (but "the second December
        # truce" is the month's second truce)
      | (?:(?i:the)[ ]+)?(?P<d10>{_ORDINAL_WORD})[ ]+of[ ]+(?P<m10>{MONTH})
        (?:,?[ ]+(?P<y10>{_YEAR}))?
        # the first day of a range, in the month that closes it: "15-22 December" is one
        # mention (as "December 15-22" is, above); in "between 15 and 22 December", "15"
        # and "22 December" are two
      | (?P<d8>{_DAY})[ ]*[-–][ ]*{_DAY}(?:[ ]+of)?[ ]+(?P<m8>{MONTH})(?:,?[ ]+(?P<y8>{_YEAR}))?
      | (?P<d9>{_DAY})(?=[ ]+(?:and|to|until|till|through|or)[ ]+(?:the[ ]+)?{_DAY}(?:[ ]+of)?
        [ ]+(?P<m9>{MONTH})(?:,?[ ]+(?P<y9>{_YEAR}))?)
      | (?P<q3>{_QUALIFIER})?(?P<m3>{MONTH})(?:[ ]+of)?,?[ ]+(?P<y3>{_YEAR})
      | (?P<q4>{_QUALIFIER})(?P<m4>{MONTH})
        # "in the year 2013" says no more than "in 2013"
      | (?:(?i:the[ ]+year)[ ]+)?(?P<q5>{_QUALIFIER})?(?P<y5>{_YEAR})(?:[-–](?P<y5b>\d\d(?:\d\d)?))?
      | (?P<q7>{_QUALIFIER})?(?P<y7>{_SPOKEN_YEAR})
      | (?<=\b(?i:in|since|until|by|from|of|during|early|late|mid|before|after)[ ]+)
        (?P<m6>{MONTH})
    )
    (?![\w-]|,\d|\.\d|/\d)
    """,
    regex.X,
)

# Where a date can start: a digit, or the first letters of a month or of a qualifier. A
# plain scan for these is far cheaper than trying the whole date pattern at every
# position, and ``_DATE`` itself then decides.
_DATE_START = re.compile(
    r"(?<![A-Za-z0-9])(?:[0-9]|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|the|ear"
    r"|mid|lat|end|beg|sta|sum|win|spr|aut|fal|fir|sec"
    # a day in words: the ordinals whose first letters those do not cover
    r"|thi(?:rd|rteenth|rtieth|rty)|fou(?:rth|rteenth)|fif(?:th|teenth)|six(?:th|teenth)"
    r"|seven(?:th|teenth)|eigh(?:th|teenth)|nin(?:th|eteenth)|tenth|eleventh"
    r"|twe(?:lfth|ntieth|nty)))"
)


@dataclass(frozen=True)
class DateMention:
    """A calendar mention; any of year, month and day may be unknown (None)."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    text: str
    year_end: int | None = None  # the end of a year range ("2011-2016")
    months: frozenset[int] | None = None
    """The months a year's season or half allows ("the spring of 2015": March to May)."""

    def describe(self) -> str:
        """Return the mention in a canonical form such as "December 15, 2016"."""
        return describe(self.year, self.month, self.day)


def describe(year: int | None, month: int | None, day: int | None) -> str:
    """Format a partial date as "December 15, 2016", "March 2011", "December 15" or "2011"."""
    parts = []
    if month:
        parts.append(MONTH_NAMES[month - 1])
    if day:
        parts.append(str(day))
    text = " ".join(parts)
    if year:
        text = f"{text}, {year}" if day else f"{text} {year}".strip()
    return text


_NOT_DIGIT = Rx(r"\D")


def _day(text: str | None) -> int | None:
    if not text:
        return None
    word = ORDINAL_DAYS.get("-".join(text.lower().split()).replace("--", "-"))
    return word if word is not None else int(_NOT_DIGIT.sub("", text))


def _month(text: str | None) -> int | None:
    return MONTHS[text.lower().rstrip(".")] if text else None


def _days_in(year: int, month: int) -> int:
    """The number of days in a month, as calendar.monthrange gives it.

    Written out because importing calendar (with datetime and locale) costs a commit hook
    about 5 ms.
    """
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _day_and_month(first: int, second: int) -> tuple[int | None, int | None]:
    """(month, day) of a numeric date: 13/12 is European, 12/13 American, 5/12 unknown."""
    if 1 <= second <= 12 < first <= 31:
        return second, first
    if 1 <= first <= 12 < second <= 31:
        return first, second
    if first == second and 1 <= first <= 12:
        return first, first
    return None, None  # either reading is possible: only the year is certain


def _date_matches(text: str) -> Iterator[regex.Match[str]]:
    """Exactly what ``_DATE.finditer`` yields, trying ``_DATE`` only where a date can start."""
    end = 0
    for candidate in _DATE_START.finditer(text):
        if candidate.start() < end:
            continue
        match = _DATE.match(text, candidate.start())
        if match is not None:
            yield match
            end = match.end()


def find_dates(text: str) -> list[DateMention]:
    """Find the dates and years in ``text``; offsets are relative to ``text``."""
    found = []
    for match in _date_matches(text):
        g = match.group
        year: int | None
        month: int | None
        day: int | None
        if g("iso_y"):
            year, month, day = int(g("iso_y")), int(g("iso_m")), int(g("iso_d"))
        elif g("ny"):
            year, (month, day) = int(g("ny")), _day_and_month(int(g("n1")), int(g("n2")))
            if month and day and day > _days_in(year, month):
                month = day = None  # 31.04.2016 is no date: only the year is certain
        elif g("m1"):
            year, month, day = _day(g("y1")), _month(g("m1")), _day(g("d1"))
        elif g("m2"):
            year, month, day = _day(g("y2")), _month(g("m2")), _day(g("d2"))
        elif g("m10"):
            year, month, day = _day(g("y10")), _month(g("m10")), _day(g("d10"))
        elif g("m8"):
            year, month, day = _day(g("y8")), _month(g("m8")), _day(g("d8"))
        elif g("m9"):
            year, month, day = _day(g("y9")), _month(g("m9")), _day(g("d9"))
        elif g("m3"):
            year, month, day = int(g("y3")), _month(g("m3")), None
        elif g("m4"):
            year, month, day = None, _month(g("m4")), None
        elif g("y5"):
            year, month, day = int(g("y5")), None, None
        elif g("y7"):
            spoken = " ".join(g("y7").lower().replace("-", " ").split())
            year, month, day = SPOKEN_YEARS[spoken], None, None
        else:
            year, month, day = None, _month(g("m6")), None
        year_end = None
        if g("y5b"):
            tail = g("y5b")
            year_end = int(tail) if len(tail) == 4 else int(g("y5")[:2] + tail)
            if year_end <= (year or 0):
                year_end = None
        qualifier = g("q5") or g("q7")
        months = _months_of(qualifier) if qualifier else None
        found.append(DateMention(match.start(), match.end(), year, month, day, match.group(),
                                 year_end, months))
    return found


# The months of a season (as the northern hemisphere's weather reckons them) or of half a
# year; "early" or "late" reaches one month further out ("late summer": into September).
_SEASONS = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2),
    "first half": (1, 6), "second half": (7, 12),
}
_SEASON = Rx(r"(?i:(?P<edge>early|late)[ -]+)?(?P<season>spring|summer|autumn|fall|winter"
             r"|first[ ]+half|second[ ]+half)(?![\p{L}])")


# The start or end of a year, reckoned generously, since writers stretch them: "early
# 2015" is not September, nor is "late 2011" March. ("mid-2011" is left open: some put
# May there, some September.)
_EDGE_OF_YEAR = Rx(
    r"(?i:(?:the[ ]+)?(?:(?P<early>early|beginning|start)|(?P<late>late|end)))(?![\p{L}])"
)
_EARLY_MONTHS = frozenset(range(1, 6))
_LATE_MONTHS = frozenset(range(8, 13))


def _months_of(qualifier: str) -> frozenset[int] | None:
    """The months a qualifier of a year allows, if it names a season, a half or an edge."""
    match = _SEASON.search(qualifier.lower())
    if match is None:
        edge = _EDGE_OF_YEAR.match(qualifier.strip())
        if edge is None:
            return None
        return _EARLY_MONTHS if edge.group("early") else _LATE_MONTHS
    first, last = _SEASONS[" ".join(match.group("season").split())]
    if match.group("edge") == "early":
        first = (first - 2) % 12 + 1
    elif match.group("edge") == "late":
        last = last % 12 + 1
    span = (last - first) % 12 + 1
    return frozenset((first - 1 + i) % 12 + 1 for i in range(span))


def parse_expected(text: str) -> tuple[int | None, int | None, int | None] | None:
    """Parse a rule's date value: "2011", "2011-03", "2016-12-15" or "--12-15" (no year)."""
    match = regex.fullmatch(
        r"(?:(?P<y>\d{4})(?:-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>0[1-9]|[12]\d|3[01]))?)?"
        r"|--(?P<m2>0[1-9]|1[0-2])-(?P<d2>0[1-9]|[12]\d|3[01]))",
        text.strip(),
    )
    if match is None:
        return None
    if match.group("m2"):
        return None, int(match.group("m2")), int(match.group("d2"))
    return (
        int(match.group("y")),
        int(match.group("m")) if match.group("m") else None,
        int(match.group("d")) if match.group("d") else None,
    )
