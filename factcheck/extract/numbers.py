"""Numbers in prose: digits, grouping, k/m/bn scales, number words, hedges and ranges.

This is the layer quantulum3 lacks for news copy: "34k" is 34,000 people (not 34 kelvin),
"about 35 000" keeps its hedge, "between 34,000 and 35,000" is a range, and "thirty-four
thousand" is a number. Years and dates are left to :mod:`factcheck.extract.dates`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import regex

from factcheck.rx import Rx

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SUFFIX_SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "tn": 1e12, "trillion": 1e12,
}

_UNIT_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_WORD = "|".join(_TENS)
# Words of a number are joined by a hyphen or by spaces (two after a wrapped line break).
_JOIN = r"(?:-|[ ]+)"
_SMALL = rf"(?:(?:{_TENS_WORD})(?:{_JOIN}(?:{_UNIT_WORD}))?|{_UNIT_WORD})"
_HUNDREDS = rf"(?:(?:a|{_UNIT_WORD}){_JOIN}hundred(?:{_JOIN}(?:and{_JOIN})?{_SMALL})?|{_SMALL})"
_SCALE_WORD = "thousand|million|billion|trillion"
NUMBER_WORDS = (  # spelled-out numbers, lower case
    rf"half{_JOIN}a{_JOIN}(?:{_SCALE_WORD})|(?:a|{_SMALL}){_JOIN}dozen"
    rf"|(?:{_HUNDREDS}|a){_JOIN}(?:{_SCALE_WORD})"
    rf"(?:,?{_JOIN}(?:and{_JOIN})?{_HUNDREDS}(?:{_JOIN}(?:{_SCALE_WORD}))?)*"
    rf"|{_HUNDREDS}"
)
# Thousands grouped with points, as translated copy writes them ("34.000", "1.200.000"),
# where a decimal reading is implausible: two groups or more, or one ending in "00".
_POINT_GROUPED = r"[1-9]\d{0,2}(?:(?:\.\d{3}){2,}|\.\d00)(?![\d.,])"
_DIGITS = (
    rf"(?:{_POINT_GROUPED}|(?:\d{{1,3}}(?:,\d{{3}})+(?!,?\d)"
    rf"|\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?![\d,])|\d+)(?:\.\d+)?)"
)

HEDGES: dict[str, str] = {
    # approximately the value
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "approx.": "approx", "approx": "approx", "some": "approx", "circa": "approx", "ca.": "approx",
    "an estimated": "approx", "estimated": "approx", "~": "approx", "close to": "near-below",
    # just below the value
    "nearly": "near-below", "almost": "near-below", "just under": "near-below",
    "just shy of": "near-below", "not quite": "near-below", "just below": "near-below",
    "a little under": "near-below", "a little less than": "near-below",
    "slightly under": "near-below", "slightly less than": "near-below",
    "slightly fewer than": "near-below", "a little fewer than": "near-below",
    # just above the value
    "just over": "near-above", "just above": "near-above", "slightly more than": "near-above",
    "a little over": "near-above", "a little more than": "near-above",
    "slightly over": "near-above", "a bit over": "near-above", "a bit more than": "near-above",
    # bounds
    "at least": "at-least", "no fewer than": "at-least", "no less than": "at-least",
    "a minimum of": "at-least",
    "more than": "above", "over": "above", "above": "above", "upwards of": "above",
    "in excess of": "above", "exceeding": "above", "well over": "above",
    # "as many as 50,000" and "up to 50,000" say the figure reached about 50,000.
    "as many as": "near-below", "up to": "near-below",
    "at most": "at-most", "no more than": "at-most", "a maximum of": "at-most",
    "less than": "below", "fewer than": "below", "under": "below", "below": "below",
}
_HEDGE = "|".join(regex.escape(h) for h in sorted(HEDGES, key=len, reverse=True))
_POSTFIX = {"or so": "approx", "or more": "at-least", "or fewer": "at-most", "or less": "at-most",
            "-plus": "at-least", "plus": "at-least", "+": "at-least"}

_NUMBER = (
    rf"(?P<cur>(?:US|A|C|NZ)?[$£€¥])?"
    rf"(?:(?P<digits>{_DIGITS})(?:[ \u00a0]?(?P<suffix>k|K|mn|mln|m|M|bn|b|B|tn)(?![\w-])"
    rf"|{_JOIN}(?P<scale>{_SCALE_WORD})s?(?![\w-]))?"
    rf"|(?P<words>{NUMBER_WORDS})(?![\w-]))"
)
# A comma after a word still starts a number: a table row without spaces reads
# "Length of the siege,eight months" (but "1,500" is one number, not 1 and 500).
_NUMBER_RE = Rx(rf"(?:(?<=\p{{L}},)|(?<![\w.,:/$£€¥-]|\d[.,])){_NUMBER}", regex.I)
_NUMBER_AT = Rx(_NUMBER, regex.I)  # the second end of a range, after "-" or "to"
# Where a number can start: a digit, a currency, or the first letters of a number word. A
# plain scan for these is far cheaper than trying the whole number pattern everywhere.
_NUMBER_START = re.compile(
    r"(?<![A-Za-z0-9])(?:[\d$£€¥]|(?i:a[ -]|us[$£€¥]|c[$£€¥]|nz[$£€¥]|one|two|thr|fou|fiv"
    r"|six|sev|eig|nin|ten|ele|twe|thi|fif|for|zer|hal))"
)
# A hedge word is followed by a space; a tilde may touch its figure ("~36,000").
_HEDGE_BEFORE = Rx(rf"(?:^|(?<=[\s(]))(?P<hedge>{_HEDGE})(?:[ ]+|(?<=~))$", regex.I)
_POSTFIX_AFTER = Rx(
    r"(?:[ ]+(?P<a>or so|or more|or fewer|or less)\b|(?P<b>-plus\b|\+))", regex.I
)
_RANGE_JOIN = Rx(r"(?:[ ]*(?:-|–|—|to)[ ]*|[ ]+(?:and|or)[ ]+)", regex.I)
_ORDINAL_AFTER = Rx(r"^(?:st|nd|rd|th)\b", regex.I)
_TIME_OR_SCORE = Rx(r"^(?::\d|/\d|\.\d+\.)")
_ONE_OF = Rx(r"one[ ]+of[ ]", regex.I)
# A question's marks in brackets, as a worksheet or quiz gives them: "(1 mark)", "[2 pts]"
_MARKS_AFTER = Rx(r"[ ]*(?:marks?|pts?|points?)\.?[ ]*[)\]]", regex.I)

# Words that are numbers only in some contexts ("one of them", "some say"): a lone "one"
# is kept, because "one person was killed" is a count; these never are.
_NOT_ALONE = frozenset({"a"})


@dataclass(frozen=True)
class Number:
    """A number mention; offsets are relative to the text it was found in."""

    start: int  # first character of the mention, hedge included
    end: int
    value_start: int  # first character of the number itself
    low: float  # the stated number (the lower end of a stated range)
    high: float  # the upper end of a stated range, else equal to ``low``
    hedge: str | None  # a category from HEDGES ("approx", "above", ...) or None
    currency: str | None
    percent: bool
    text: str

    def interval(self, approx: float) -> tuple[float, float]:
        """Return the interval of values the mention allows, ``approx`` being the hedge width."""
        low, high = self.low, self.high
        return {
            None: (low, high),
            "approx": (low * (1 - approx), high * (1 + approx)),
            "near-below": (low * (1 - approx), high),
            "near-above": (low, high * (1 + approx)),
            "at-least": (low, math.inf),
            "above": (low, math.inf),
            "at-most": (-math.inf, high),
            "below": (-math.inf, high),
        }[self.hedge]


_WORD_SPLIT = Rx(r"[\s,-]+")


def words_value(text: str) -> float | None:
    """Return the value of spelled-out number words ("thirty-four thousand"), or None."""
    tokens = [t for t in _WORD_SPLIT.split(text.lower()) if t and t != "and"]
    if not tokens:
        return None
    if tokens[0] == "half" and len(tokens) == 3 and tokens[2] in _SCALES:
        return 0.5 * _SCALES[tokens[2]]
    total = 0.0
    current = 0.0
    for token in tokens:
        if token == "dozen":
            current = max(current, 1.0) * 12
        elif token == "a":
            current = 1.0
        elif token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = max(current, 1.0) * 100
        elif token in _SCALES:
            total += max(current, 1.0) * _SCALES[token]
            current = 0.0
        else:
            return None
    return total + current


_GROUPING = Rx(r"[,\s\u00a0\u202f]")
_POINT_GROUPED_RE = Rx(_POINT_GROUPED)


def _digits_value(digits: str) -> float:
    if _POINT_GROUPED_RE.fullmatch(digits):
        return float(digits.replace(".", ""))
    return float(_GROUPING.sub("", digits))


def _parse(match: regex.Match[str]) -> float | None:
    if match.group("words") is not None:
        if match.group("words").lower() in _NOT_ALONE:
            return None
        return words_value(match.group("words"))
    value = _digits_value(match.group("digits"))
    suffix = match.group("suffix") or match.group("scale")
    if suffix:
        key = suffix.lower()
        # "m" after a bare count is ambiguous with metres; news uses it for millions only
        # with money or in headlines, which is exactly where this layer is called.
        value *= _SUFFIX_SCALES[key]
    return value


def hedge_before(text: str, start: int) -> tuple[str | None, int]:
    """Return the hedge category written just before offset ``start`` and where it begins."""
    before = _HEDGE_BEFORE.search(text, max(0, start - 24), start)
    if before is None:
        return None, start
    return HEDGES[before.group("hedge").lower()], before.start()


def _next_number(text: str, pos: int) -> regex.Match[str] | None:
    """Exactly ``_NUMBER_RE.search(text, pos)``, trying it only where a number can start."""
    for candidate in _NUMBER_START.finditer(text, pos):
        match = _NUMBER_RE.match(text, candidate.start())
        if match is not None:
            return match
    return None


_PERCENT_AFTER = Rx(r"[ ]?%|[ ]+(?:per ?cent|percent)\b")


def find_numbers(text: str, *, skip: list[tuple[int, int]] | None = None) -> list[Number]:
    """Find number mentions in ``text``, ignoring any that overlap the ``skip`` spans (dates)."""
    skip = skip or []
    found: list[Number] = []
    pos = 0
    while True:
        match = _next_number(text, pos)
        if match is None:
            break
        pos = match.end()
        start, end = match.span()
        if any(s < end and start < e for s, e in skip):
            continue
        rest = text[end:end + 8]
        if _ORDINAL_AFTER.match(rest) or _TIME_OR_SCORE.match(rest):
            continue
        if match.group("words") is not None and _ONE_OF.match(text, start, end + 8):
            continue  # "one of the civilians evacuated" counts nothing
        if _MARKS_AFTER.match(text, end, end + 10):
            continue  # (its opening bracket may be masked: a question's mark before it is)
        value = _parse(match)
        if value is None:
            continue
        low = high = value
        mention_end = end
        # A range: "34,000 to 35,000", "34,000-35,000", "between 34,000 and 35,000".
        join = _RANGE_JOIN.match(text, end)
        if join:
            second = _NUMBER_AT.match(text, join.end())
            if second is not None and not any(
                s < second.end() and second.start() < e for s, e in skip
            ):
                upper = _parse(second)
                if upper is not None and upper >= value:
                    # "34 to 35 thousand": the scale written once applies to both ends.
                    unscaled = not (match.group("suffix") or match.group("scale"))
                    if upper >= 1000 > value and unscaled:
                        scale = 10 ** (len(str(int(upper))) - len(str(int(value))))
                        value = value * scale if value * scale <= upper else value
                    low, high = value, upper
                    mention_end = second.end()
                    pos = mention_end
        hedge, hedge_start = hedge_before(text, start)
        if hedge is None and text[max(0, start - 8):start].lower().endswith("between "):
            hedge_start = start - 8
        post = _POSTFIX_AFTER.match(text, mention_end)
        if post:
            key = (post.group("a") or post.group("b")).lower()
            hedge = hedge or _POSTFIX[key]
            mention_end = post.end()
        percent = _PERCENT_AFTER.match(text, mention_end) is not None
        found.append(
            Number(
                start=hedge_start,
                end=mention_end,
                value_start=start,
                low=low,
                high=high,
                hedge=hedge,
                currency=match.group("cur"),
                percent=percent,
                text=text[start:mention_end],
            )
        )
    return found
