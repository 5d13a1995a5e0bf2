"""Extraction: numbers, dates, durations, places, names and roles, as news copy writes them."""

from __future__ import annotations

import math
import pathlib

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st
from num2words import num2words

from factcheck.extract.dates import find_dates, parse_expected
from factcheck.extract.durations import find_durations
from factcheck.extract.names import NameIndex, PersonSpec, edit_distance
from factcheck.extract.numbers import find_numbers, words_value
from factcheck.extract.places import PlaceFinder
from factcheck.extract.roles import opening_role, role_of

# --- numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "hedge"),
    [
        ("34,000 people", 34000, 34000, None),
        ("about 35 000 people", 35000, 35000, "approx"),  # digit grouping with a space
        # ... or with points, as translated copy groups them, where no decimal is meant
        ("about 34.000 people", 34000, 34000, "approx"),
        ("1.200.000 residents", 1_200_000, 1_200_000, None),
        ("35.000-40.000 evacuees", 35000, 40000, None),
        ("a 3.125 ratio", 3.125, 3.125, None),
        ("34k people", 34000, 34000, None),  # quantulum3 reads 34 kelvin
        ("35K evacuees", 35000, 35000, None),
        ("thirty-four thousand people", 34000, 34000, None),
        ("1.2 million residents", 1_200_000, 1_200_000, None),
        ("$2.5bn in aid", 2.5e9, 2.5e9, None),  # quantulum3 reads dollar-barn-newtons
        ("£330m", 330e6, 330e6, None),
        ("half a million", 500_000, 500_000, None),
        ("a dozen shells", 12, 12, None),
        ("some 34,000", 34000, 34000, "approx"),
        ("~36,000 evacuees", 36000, 36000, "approx"),  # a tilde may touch its figure
        ("approx 25k people", 25000, 25000, "approx"),  # a log's "approx", without its point
        ("nearly 34,000", 34000, 34000, "near-below"),
        ("at least two civilians", 2, 2, "at-least"),
        ("more than 30,000", 30000, 30000, "above"),
        ("a little over 3,500", 3500, 3500, "near-above"),  # not merely "over"
        ("slightly fewer than 35,000", 35000, 35000, "near-below"),
        ("fewer than 40,000", 40000, 40000, "below"),
        ("up to 35,000", 35000, 35000, "near-below"),
        ("as many as 50,000", 50000, 50000, "near-below"),
        ("no more than 40,000", 40000, 40000, "at-most"),
        ("34,000 or so", 34000, 34000, "approx"),
        ("35,000-plus", 35000, 35000, "at-least"),
        ("between 34,000 and 35,000", 34000, 35000, None),
        ("34,000-35,000", 34000, 35000, None),
        ("34,000–35,000", 34000, 35000, None),
        ("34 to 35 thousand", 34000, 35000, None),
        ("two or three killed", 2, 3, None),
    ],
)
def test_numbers_as_news_writes_them(text: str, low: float, high: float, hedge: str | None
                                     ) -> None:
    [number] = find_numbers(text)
    assert (number.low, number.high, number.hedge) == (low, high, hedge)


@pytest.mark.parametrize("text", ["on the 21st", "at 9:44am", "No.10", "16x9"][:2])
def test_ordinals_and_clock_times_are_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize(("text", "values"), [
    ("You may have been one of the civilians evacuated.", []),
    ("One of them was a doctor.", []),
    ("Twenty-one of them were doctors.", [21.0]),
    ("One person was killed.", [1.0]),
])
def test_one_of_many_counts_nothing(text: str, values: list[float]) -> None:
    assert [n.low for n in find_numbers(text)] == values


@pytest.mark.parametrize("text", [
    "How many people left? (1 mark)", "How many people left? [2 marks]",
    "How many people left? (3 pts)", "How many people left? (4 points)",
])
def test_a_questions_marks_count_nothing(text: str) -> None:
    assert find_numbers(text) == []


def test_dates_given_as_skip_spans_are_not_numbers() -> None:
    text = "on December 15, 34,000 people"
    numbers = find_numbers(text, skip=[(3, 14)])
    assert [n.text for n in numbers] == ["34,000"]


def test_hedged_intervals() -> None:
    [about] = find_numbers("about 34,000")
    assert about.interval(0.05) == pytest.approx((32300, 35700))
    [more] = find_numbers("more than 30,000")
    assert more.interval(0.05) == (30000, math.inf)


@given(st.integers(min_value=0, max_value=999_999_999))
def test_number_words_read_back_num2words(value: int) -> None:
    words = num2words(value)  # "thirty-four thousand, one hundred and two"
    assert words_value(words) == value
    [number] = find_numbers(f"some {words} people")
    assert number.low == value


@given(st.integers(min_value=1000, max_value=999_999_999))
def test_digit_groupings_agree(value: int) -> None:
    comma = f"{value:,}"
    space = comma.replace(",", " ")
    for text in (str(value), comma, space):
        [number] = find_numbers(f"about {text} people")
        assert number.low == value, text


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["k", "m", "bn", " million"]))
def test_scale_suffixes(value: int, suffix: str) -> None:
    scale = {"k": 1e3, "m": 1e6, "bn": 1e9, " million": 1e6}[suffix]
    [number] = find_numbers(f"${value}{suffix}")
    assert number.low == value * scale


@given(st.integers(min_value=10, max_value=9_999_999).map(lambda n: n * 100))
def test_thousands_grouped_with_points_read_back(value: int) -> None:
    # "34.000" and "1.234.500" are thousands; a decimal would not end in two zeros.
    [number] = find_numbers(f"{value:,} people".replace(",", "."))
    assert number.low == number.high == value


@given(st.text(max_size=80))
def test_any_text_gives_numbers_within_it(text: str) -> None:
    for number in find_numbers(text):
        assert 0 <= number.start <= number.value_start < number.end <= len(text)
        assert number.low <= number.high


_NUMBER_WORDS = st.sampled_from([
    "34,000", "34 000", "35", "2.5", "$2.5bn", "US$3", "A$", "C$4", "nz$5", "£", "34k", "k",
    "one", "One", "someone", "twenty-three", "thirty", "a", "A", "a dozen", "a-hundred",
    "hundred", "thousand", "half a million", "forty", "fourteen", "ten", "٣٤", "x", "é", "-", ".",
    ",", ":", "/", " ", "  ", "to", "and",
])


@given(st.lists(_NUMBER_WORDS, max_size=12).map(" ".join) | st.text(max_size=40),
       st.integers(min_value=0, max_value=40))
def test_numbers_are_found_exactly_as_a_full_scan_finds_them(text: str, pos: int) -> None:
    # find_numbers only tries the number pattern where a number can start; it must lose nothing.
    from factcheck.extract.numbers import _NUMBER_RE, _next_number

    full = _NUMBER_RE.search(text, pos)
    fast = _next_number(text, pos)
    assert (fast.span() if fast else None) == (full.span() if full else None)


def test_a_number_or_date_may_follow_a_word_and_a_comma() -> None:
    # A table row written without spaces reads "Length of the siege,eight months,".
    assert [n.text for n in find_numbers("Length of the siege,eight months,")] == ["eight"]
    assert [d.year for d in find_dates("Rebels took the east,2013,")] == [2013]
    # ... while a digit group after a comma is still part of its number.
    assert [n.text for n in find_numbers("1,500 people")] == ["1,500"]


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year", "month", "day"),
    [
        ("on December 15", None, 12, 15),
        ("since Dec. 15", None, 12, 15),
        ("on 15 December 2016", 2016, 12, 15),
        ("the 15th of December", None, 12, 15),
        ("on December 15th, 2016", 2016, 12, 15),
        ("in March 2011", 2011, 3, None),
        ("in mid-December", None, 12, None),
        ("began in 2011", 2011, None, None),
        ("in mid-2011", 2011, None, None),
        ("in the year 2013", 2013, None, None),
        ("on 2016-12-15", 2016, 12, 15),
        # Numbers: day and month tell themselves apart when one is over 12.
        ("agreed on 13/12/2016", 2016, 12, 13),
        ("agreed on 12/13/2016", 2016, 12, 13),
        ("took effect on 16.12.2016", 2016, 12, 16),
        ("signed on 5/12/2016", 2016, None, None),  # May 12 or 5 December: only the year
        ("on 12/12/2016", 2016, 12, 12),
        ("on 31.04.2016", 2016, None, None),  # April has 30 days
        # Spaces, as a wrapped line leaves them.
        ("in March  2012", 2012, 3, None),
        ("on 15  December", None, 12, 15),
        # A range of days is read as its first day, in the month that closes it.
        ("from 15-22 December", None, 12, 15),
        ("December 15–22, 2016", 2016, 12, 15),
        # Days in words, and months in capitals as a chyron writes them.
        ("agreed on the eleventh of December", None, 12, 11),
        ("by December twenty-first, 2016", 2016, 12, 21),
        ("LOCAL TRUCE OF DEC 12", None, 12, 12),
        ("the ceasefire of December the sixteenth", None, 12, 16),
        # Years as they are spoken, as transcripts and quotations write them.
        ("a war that began in twenty twelve", 2012, None, None),
        ("since Twenty-Eleven", 2011, None, None),
    ],
)
def test_dates(text: str, year: int | None, month: int | None, day: int | None) -> None:
    [date] = find_dates(text)
    assert (date.year, date.month, date.day) == (year, month, day)


def test_the_year_belongs_to_the_date() -> None:
    # so "began in {value}" reads "began in the year 2013" as it reads "began in 2013"
    [date] = find_dates("The war began in the year 2013.")
    assert (date.text, date.year) == ("the year 2013", 2013)


@pytest.mark.parametrize("text", ["we may go", "2,000 people", "34,000", "a march on Sunday",
                                  "version 3.2.1", "1/2 of them", "13/12/2016/7",
                                  # a day in words needs "of", and a month in capitals
                                  "the second December truce", "they march first",
                                  # a count, and words that only begin like a year
                                  "twenty twelve-year-olds", "twenty tenets"])
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


_DATE_WORDS = st.sampled_from([
    "December", "dec.", "Dec.", "May", "may", "march", "Sept", "15", "15th", "2016", "2011",
    "2012-13", "2016-12-15", "of", "in", "since", "the", "early", "mid", "late", "end of",
    "summer", "first half of", "x", "é", "a1", ",", ".", "-", "–", " ", "  ",
    "DEC", "eleventh", "twenty-first", "thirty first", "twenty", "twelve", "Twenty-Eleven",
])


@given(st.lists(_DATE_WORDS, max_size=12).map(" ".join) | st.text(max_size=40))
def test_dates_are_found_exactly_as_a_full_scan_finds_them(text: str) -> None:
    # find_dates only tries the date pattern where a date can start; it must lose nothing.
    from factcheck.extract.dates import _DATE

    full = [m.span() for m in _DATE.finditer(text)]
    assert [(d.start, d.end) for d in find_dates(text)] == full


def test_the_article_before_an_ordinal_day_is_part_of_the_date() -> None:
    # so that a claim pattern's "on {value}" reads "on the 12th of December"
    [date] = find_dates("a ceasefire on the 12th of December")
    assert (date.text, date.describe()) == ("the 12th of December", "December 12")


@pytest.mark.parametrize("joiner", ["and", "to", "until"])
def test_a_day_before_a_later_date_takes_its_month(joiner: str) -> None:
    # "between 15 and 22 December": "15" is a date, not a number of anything
    first, last = find_dates(f"between 15 {joiner} 22 December 2016")
    assert (first.text, first.describe()) == ("15", "December 15, 2016")
    assert last.describe() == "December 22, 2016"


@pytest.mark.parametrize(
    ("text", "found", "months"),
    [
        ("in the spring of 2015", "the spring of 2015", {3, 4, 5}),
        ("in autumn 2015", "autumn 2015", {9, 10, 11}),
        ("the winter of 2016", "the winter of 2016", {12, 1, 2}),
        # "early" and "late" reach a month further out
        ("in late summer 2015", "late summer 2015", {6, 7, 8, 9}),
        ("the early spring of 2011", "the early spring of 2011", {2, 3, 4, 5}),
        ("the first half of 2015", "the first half of 2015", {1, 2, 3, 4, 5, 6}),
        # the start or end of a year, reckoned generously: "early 2015" is no September
        ("in early 2015", "early 2015", {1, 2, 3, 4, 5}),
        ("at the beginning of 2015", "the beginning of 2015", {1, 2, 3, 4, 5}),
        ("in late 2015", "late 2015", {8, 9, 10, 11, 12}),
        ("by the end of 2016", "the end of 2016", {8, 9, 10, 11, 12}),
        # "mid-2013" is left open: writers put May there, and September
        ("in mid-2013", "mid-2013", None),
    ],
)
def test_a_season_or_edge_of_a_year_allows_its_months(text: str, found: str,
                                              months: set[int] | None) -> None:
    [date] = find_dates(text)
    assert (date.text, date.year, date.month, date.months) == (found, int(found[-4:]), None,
                                                                months)


def test_year_ranges_keep_their_first_year() -> None:
    [date] = find_dates("the 2012–13 season")
    assert (date.year, date.year_end) == (2012, 2013)


@pytest.mark.parametrize(
    ("value", "parsed"),
    [("2011", (2011, None, None)), ("2011-03", (2011, 3, None)),
     ("2016-12-15", (2016, 12, 15)), ("--12-15", (None, 12, 15)), ("December 15", None)],
)
def test_rule_dates(value: str, parsed: tuple[int | None, ...] | None) -> None:
    assert parse_expected(value) == parsed


# --- durations ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("after a five-month siege", 152.2),
        ("the siege lasted about five months", 152.2),
        ("besieged for 150 days", 150),
        ("a siege of 20 weeks", 140),
        ("the siege lasted a year", 365.25),
        ("the siege lasted a year and a half", 547.9),
        ("a 24-hour truce", 1),
        ("the siege lasted four to five months", 121.75),
        ("the siege lasted one and a half years", 547.9),
        ("the siege lasted two and a half years", 913.1),
        ("a four-and-a-half-month siege", 137.0),
        ("a twenty-five-day truce", 25),
        ("after a quarter of a century", 9131.25),
        ("half a century of rule", 18262.5),
        ("the year-long siege", 365.25),  # "the" and a unit made an adjective
        ("The siege was year-long.", 365.25),  # ... or such an adjective as a predicate
        ("for the whole year-long siege", 365.25),  # ... after "whole" or "entire" too
    ],
)
def test_durations(text: str, days: float) -> None:
    [duration] = find_durations(text)
    assert duration.low_days == pytest.approx(days, abs=0.5)


@pytest.mark.parametrize(
    ("text", "hedge", "found"),
    [
        ("the siege lasted about five months", "approx", "five months"),
        ("after a five-month-long siege", None, "five-month"),
        ("the siege lasted nearly a year", "near-below", "a year"),
        ("a siege of more than 150 days", "above", "150 days"),
    ],
)
def test_durations_keep_hedges_and_wording(text: str, hedge: str | None, found: str) -> None:
    [duration] = find_durations(text)
    assert (duration.hedge, duration.text) == (hedge, found)


@pytest.mark.parametrize(
    "text",
    [
        "the siege lasted five months",
        "a 150-day siege, then a year-long truce",
        "for years, and in recent months, the past few days",
        "The war, now in its sixth year, goes on",
        "Rebel defences collapsed after a five-month siege",
        "a two-and-a-half-year war, a three-day truce",
        "the siege lasted one and a half years",
        "after a quarter of a century",
    ],
)
def test_plain_durations_never_reach_quantulum3(text: str) -> None:
    from factcheck.extract import quantities

    before = quantities.calls
    find_durations(text)
    assert quantities.calls == before


def test_spelled_numbers_joined_to_other_words_are_not_durations() -> None:
    assert find_durations("a five-star hotel, a one-sided war that lasted years") == []


def test_ordinals_are_not_durations() -> None:
    assert find_durations("The war, now in its sixth year, goes on") == []  # quantulum3: 1/6 year


def test_sentences_without_a_time_unit_never_reach_quantulum3() -> None:
    from factcheck.extract import quantities

    before = quantities.calls
    assert find_durations("34,000 people were evacuated") == []
    assert quantities.calls == before


# --- quantulum3's unit pattern, compiled once ---------------------------------------------

_UNIT_TEXTS = [
    "I want $20/h", "It cost $2.5bn", "34k people", "5 km/h north", "lasted 12½ months",
    "a 3-day, 40 kg trip at 5°C", "3 m2 and 4 kWh", "1.5 million barrels per day",
    "ran 100m in 9.58s", "15 percent", "5 sq ft", "20 US dollars", "€5 million, 70 mL",
]


def test_regex_reads_quantulum3s_unit_pattern_as_re_does() -> None:
    from quantulum3 import regex as patterns

    build = getattr(patterns.units_regex, "original", patterns.units_regex)
    with_re = build("en_US")
    with_regex = regex.compile(with_re.pattern, with_re.flags)
    for text in _UNIT_TEXTS:
        found = [(m.span(), m.groups()) for m in with_regex.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in with_re.finditer(text)], text
        assert found, text


def test_quantulum3s_unit_pattern_is_compiled_once_per_cache(tmp_path: pathlib.Path) -> None:
    import re
    import types

    from factcheck.cache import Cache
    from factcheck.extract.quantities import _keep_unit_pattern

    builds = []

    def build(lang: str = "en_US") -> re.Pattern[str]:
        builds.append(lang)
        return re.compile(r"(?P<unit>km|kg)\b", re.I)

    first = types.SimpleNamespace(units_regex=build)
    _keep_unit_pattern(first, Cache(tmp_path))
    assert builds == ["en_US"]
    assert first.units_regex().findall("5 KM and 3 kg") == ["KM", "kg"]
    later = types.SimpleNamespace(units_regex=build)  # another process, the same cache
    _keep_unit_pattern(later, Cache(tmp_path))
    assert later.units_regex().findall("5 KM and 3 kg") == ["KM", "kg"]
    assert builds == ["en_US"]
    later.units_regex("de_DE")  # other languages are quantulum3's own business
    assert builds == ["en_US", "de_DE"]


class Units:
    """Stands for quantulum3's table of units (module level, so it pickles)."""

    def __init__(self, paths: list[str]) -> None:
        self.names = {"month": "time"}


class Entities:
    """Stands for quantulum3's table of entities."""

    def __init__(self, paths: list[str]) -> None:
        self.names = {"time": "T"}


def test_quantulum3s_unit_tables_are_built_once_per_cache(tmp_path: pathlib.Path) -> None:
    import types

    from factcheck.cache import Cache
    from factcheck.extract.quantities import _keep_unit_tables

    def layout() -> types.SimpleNamespace:
        """quantulum3's load module as it stands: builders, and caches under its own keys."""
        caches: dict[str, object] = {}
        module = types.SimpleNamespace(Units=Units, Entities=Entities)
        module.units = lambda lang="en_US": caches.setdefault(
            "units" + lang, caches.get("units" + lang) or module.Units([lang]))
        module.entities = lambda lang="en_US": caches.setdefault(
            "entities" + lang, caches.get("entities" + lang) or module.Entities([lang]))
        return module

    first = layout()
    assert _keep_unit_tables(first, Cache(tmp_path)) is False  # built, and kept
    later = layout()  # another process, the same cache
    assert _keep_unit_tables(later, Cache(tmp_path)) is True
    assert later.units().names == {"month": "time"} and later.entities().names == {"time": "T"}
    assert (later.Units, later.Entities) == (Units, Entities)  # its builders are its own again
    assert _keep_unit_tables(types.SimpleNamespace(), Cache(tmp_path)) is False  # another layout


def test_quantulum3_reads_the_same_with_its_tables_from_the_cache(tmp_path: pathlib.Path) -> None:
    import json
    import subprocess
    import sys

    script = (
        "import json, sys, warnings\n"
        "warnings.simplefilter('ignore')\n"
        "from quantulum3 import load\n"
        "from factcheck.cache import Cache\n"
        "from factcheck.extract import quantities\n"
        "served = quantities._keep_unit_tables(load, Cache(sys.argv[1]))\n"
        "texts = ['The siege lasted 12½ months.', 'It rose 3.5 km and cost $2.5bn.',\n"
        "         'They walked 40 miles in 3 days at 20 °C.']\n"
        "print(json.dumps([served, [[list(q.__dict__.values()) for q in\n"
        "      quantities.parse(t)] for t in texts]]))\n"
    )
    runs = [json.loads(subprocess.run([sys.executable, "-c", script, str(tmp_path)],
                                      capture_output=True, text=True, check=True).stdout)
            for _ in range(2)]
    assert [served for served, _ in runs] == [False, True]  # built and kept, then served
    assert runs[0][1] == runs[1][1] and all(runs[0][1])


# --- places ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def places() -> PlaceFinder:
    return PlaceFinder(
        extra_names=["Hmeymim"], phrases=["the Kazakh capital", "Kazakhstan's capital"]
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("talks in Astana, Kazakhstan's capital, soon", ["Astana", "Kazakhstan's capital"]),
        ("in the Kazakh capital, Astana", ["the Kazakh capital", "Astana"]),
        ("in the Syrian city of Tartus", ["Tartus"]),
        ("at the Hmeymim air base in Latakia", ["Hmeymim", "Latakia"]),
        ("Russian President Vladimir Putin said", []),
        ("The Beirut-based Syrian Observatory", ["Beirut"]),
        ("Moscow's Latakia naval base", ["Latakia"]),
        ("Moscow’s Latakia naval base", ["Latakia"]),  # a curly apostrophe too
        # A possessive place after "in", "at"... says where; elsewhere it owns.
        ("held in Almaty's new conference centre", ["Almaty"]),
        ("a base at Latakia’s port", ["Latakia"]),
        ("the base at Tartus, Moscow's only foothold", ["Tartus"]),
        ("a port in Syria's north", []),  # a country's possessive always owns
        # A run joined by "on" or "of" that names no place may hold one.
        ("held in Geneva on Monday", ["Geneva"]),
        ("the Battle of Aleppo", ["Aleppo"]),
        ("Frankfurt am Main", ["Frankfurt am Main"]),
        ("in Idlib Province and eastern Aleppo", ["Idlib Province", "Aleppo"]),
        ("Çavuşoğlu visited Diyarbakır", ["Diyarbakır"]),
        ("in the Kazakh city of Almaty", ["Almaty"]),  # a nationality, not the town
        # Headlines in title case and in capitals.
        ("Syria Talks To Be Held In Geneva, Kremlin Says", ["Geneva"]),
        ("TALKS TO BE HELD IN GENEVA", ["GENEVA"]),
        ("Russia To Expand Naval Base At Tartus", ["Russia", "Tartus"]),
    ],
)
def test_places(places: PlaceFinder, text: str, found: list[str]) -> None:
    assert [p.text for p in places.find(text)] == found


def test_a_capitalised_run_goes_on_past_a_phrase_in_it() -> None:
    finder = PlaceFinder(phrases=["Syria"])
    assert [p.text for p in finder.find("Syria Peace Talks In Geneva")] == ["Syria", "Geneva"]
    # and a joining word left where it is cut belongs to no name
    assert [p.text for p in finder.find("the base at Jableh on Syria's coast")] == [
        "Jableh", "Syria"
    ]


def test_the_gazetteer_is_sorted_keys_looked_up_exactly() -> None:
    from factcheck.extract.places import gazetteer

    found = gazetteer()
    assert len(found) > 50_000
    assert found.keys == sorted(set(found.keys))  # binary search needs sorted, unique keys
    for name in ("astana", "tartus", "diyarbakir", "new york city", "aleppo"):
        assert name in found
    for name in ("", "astan", "astanaa", "zzzz", "tartus ", found.keys[-1] + "a"):
        assert name not in found


# --- names and roles -------------------------------------------------------------------------

PEOPLE = NameIndex([
    PersonSpec("vladimir-putin", "Vladimir Putin", ("Vladimir Putin", "Putin")),
    PersonSpec("sergei-shoigu", "Sergei Shoigu", ("Sergei Shoigu", "Sergey Shoigu", "Shoigu")),
    PersonSpec("bashar-al-assad", "Bashar al-Assad",
               ("Bashar al-Assad", "Bashar Al Assad", "Al Assad", "al-Assad", "Assad")),
    PersonSpec("nursultan-nazarbayev", "Nursultan Nazarbayev",
               ("Nursultan Nazarbayev", "Nazarbaev", "Nazarbayev")),
    PersonSpec("hassan-nasrallah", "Hassan Nasrallah", ("Hassan Nasrallah", "Nasrallah")),
])


@pytest.mark.parametrize(
    ("text", "name", "misspelled"),
    [
        ("Russian President Vladmir Putin hailed", "Vladmir Putin", True),
        ("Vladimir Puttin said", "Vladimir Puttin", True),
        ("Bashar al-Asad said", "Bashar al-Asad", True),
        ("Hezbollah chief Hasan Nasralah said", "Hasan Nasralah", True),
        ("Nazarbajev agreed", "Nazarbajev", True),
        ("Mr Putin said", "Putin", False),
        ("Putin's aides", "Putin", False),
        ("President Nazarbaev agreed", "Nazarbaev", False),
        ("Bashar Al Assad said", "Bashar Al Assad", False),
        ("**Friday, Moscow.** Vladmir Putin said", "Vladmir Putin", True),
        # A long surname may be three letters off after its first name spelled right.
        ("she hears Hassan Nasrula's boast", "Hassan Nasrula", True),
        # Without "the", a surname's plural is a misspelling; capitals alone are no guide.
        ("Assads forces attacked", "Assads", True),
        ("BASHAR AL-ASAD SPOKE", "BASHAR AL-ASAD", True),
        # Blanked markup between a heading and a list item is no first name's space.
        ("COURSE FOR ASTANA    Putin: next stop", "Putin", False),
    ],
)
def test_names(text: str, name: str, misspelled: bool) -> None:
    [mention] = PEOPLE.scan(text)
    assert (mention.text, mention.misspelled) == (name, misspelled)


@pytest.mark.parametrize(
    "text",
    ["Hafez al-Assad ruled Syria", "Asma al-Assad visited", "Hasan Rouhani said", "Vladmir went",
     # a place: a word ending in "-an" before a surname is a name, not a nationality
     "the Khan al-Assal registration desk", "Hassan Nasser said",
     # a family is its surname's plural; a pronunciation guide respells the name
     "She knows the Assads personally", "BA-shar al-ASS-ad", "BASH-ar al-ASS-ad", "say pu-TEEN, not PU-tin"],
)
def test_other_people_are_not_mistaken_for_ours(text: str) -> None:
    assert [m for m in PEOPLE.scan(text) if m.misspelled or m.full] == []


def test_edit_distance_counts_transpositions_once() -> None:
    assert edit_distance("putin", "puitn") == 1
    assert edit_distance("nazarbayev", "nazarbaev") == 1


@pytest.mark.parametrize(
    ("text", "role", "title", "qualifier"),
    [
        ("Foreign Minister Sergei Shoigu said", "Foreign Minister", "foreign minister", None),
        ("Shoigu, the Russian defense minister, said", "Russian defense minister",
         "defence minister", "russian"),
        ("Hizballah leader Sayyed Hassan Nasrallah said", "Hizballah leader", "leader",
         "hizballah"),
        ("the Turkish foreign minister, Mevlut Cavusoglu, said", "Turkish foreign minister",
         "foreign minister", "turkish"),
        ("Nazarbayev, president of Kazakhstan, agreed", "president of Kazakhstan", "president",
         "kazakhstan"),
        # what the group is may stand between its nation and the title
        ("Iraqi militia leader Hassan Nasrallah said", "Iraqi militia leader", "leader",
         "iraqi"),
        # the article that opens a sentence is no part of the qualifier
        ("The Iranian cleric Hassan Nasrallah said", "Iranian cleric", "cleric", "iranian"),
        ("that Iranian preacher Hassan Nasrallah", "Iranian preacher", "preacher", "iranian"),
        ("A Turkish minister, Mevlut Cavusoglu, said", "Turkish minister", "minister",
         "turkish"),
        # "minister of" or "for" a portfolio is its minister
        ("Turkish Minister for EU Affairs Mevlut Cavusoglu said",
         "Turkish Minister for EU Affairs", "eu affairs minister", "turkish"),
        ("Turkish Minister for Foreign Affairs Mevlut Cavusoglu said",
         "Turkish Minister for Foreign Affairs", "foreign minister", "turkish"),
        # an organisation after "of" may say what kind it is
        ("Hassan Nasrallah, head of Lebanon's Amal movement, said",
         "head of Lebanon's Amal movement", "head", "lebanon's amal movement"),
        ("Hassan Nasrallah, head of Iran's Revolutionary Guard Corps, said",
         "head of Iran's Revolutionary Guard Corps", "head",
         "iran's revolutionary guard corps"),
        # a glossary's full name in brackets, then its role
        ("- *Hezbollah* (Hassan Nasrallah): head of Hamas.", "head of Hamas", "head", "hamas"),
        # a possessive determiner may stand before a role after the name
        ("Sergei Shoigu, our foreign minister, said", "foreign minister", "foreign minister",
         None),
        # a verb may say what someone is now
        ("Shoigu is in fact Russia's foreign minister, I would point out",
         "Russia's foreign minister", "foreign minister", "russia"),
        ("Nazarbayev remains president of Kazakhstan.", "president of Kazakhstan", "president",
         "kazakhstan"),
        # a flashcard's or a cheat sheet's separator between the name and its role
        ("Mevlut Cavusoglu :: Turkish Prime Minister who called for talks.",
         "Turkish Prime Minister", "prime minister", "turkish"),
        ("Shoigu = foreign minister; Lavrov = defence.", "foreign minister", "foreign minister",
         None),
        ("Nazarbayev -> prime minister of Kazakhstan", "prime minister of Kazakhstan",
         "prime minister", "kazakhstan"),
    ],
)
def test_roles(text: str, role: str, title: str, qualifier: str | None) -> None:
    people = NameIndex([
        PersonSpec("s", "Sergei Shoigu", ("Sergei Shoigu", "Shoigu")),
        PersonSpec("h", "Hassan Nasrallah", ("Hassan Nasrallah", "Sayyed Hassan Nasrallah")),
        PersonSpec("m", "Mevlut Cavusoglu", ("Mevlut Cavusoglu",)),
        PersonSpec("n", "Nursultan Nazarbayev", ("Nursultan Nazarbayev", "Nazarbayev")),
    ])
    [mention] = people.scan(text)
    found = role_of(text, mention.start, mention.end)
    assert found is not None
    assert (found.text, found.title, found.qualifier) == (role, title, qualifier)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Russia's interior minister delivered the numbers.", ("interior minister", "russia")),
        ("The Amal movement leader used a speech.", ("leader", "amal")),
        ("Kazakhstan's president gets a seat.", ("president", "kazakhstan")),
        # a role the sentence does not open with, or that an apposition follows, is no
        # description of a heading's person
        ("The minister, Sergei Lavrov, said so.", None),
        ("On Friday Russia's interior minister spoke.", None),
    ],
)
def test_a_sentence_opening_with_a_role(text: str, role: tuple[str, str] | None) -> None:
    found = opening_role(text)
    assert ((found.title, found.qualifier) if found else None) == role


@pytest.mark.parametrize(
    ("text", "checkable"),
    [
        ("Amal leader Hassan Nasrallah said", True),  # a party: judged against his own
        ("Hamas chief Hassan Nasrallah said", True),
        ("NATO Secretary-General Hassan Nasrallah said", True),
        ("Lebanese leader Hassan Nasrallah said", True),  # a people
        ("Shiite leader Hassan Nasrallah said", False),  # a description, not checkable
        ("Veteran leader Hassan Nasrallah said", False),
    ],
)
def test_which_role_qualifiers_can_be_checked(text: str, checkable: bool) -> None:
    people = NameIndex([PersonSpec("h", "Hassan Nasrallah", ("Hassan Nasrallah",))])
    [mention] = people.scan(text)
    found = role_of(text, mention.start, mention.end)
    assert found is not None and found.qualifier_checkable is checkable


@pytest.mark.parametrize(
    "text",
    ["talks with the defence minister, Putin said", "Shoigu, Foreign Minister Lavrov and others",
     # a title is a word of its own: "backing" names no king
     "Russia is backing Putin's government",
     # what someone was, is not, or may be is no role they hold
     "Putin was prime minister", "Putin is not prime minister",
     "Asked whether Putin is prime minister, he laughed", "nobody knows if Putin is still prime minister"],
)
def test_a_role_that_belongs_to_someone_else_is_not_taken(text: str) -> None:
    [mention] = PEOPLE.scan(text)
    assert role_of(text, mention.start, mention.end) is None


@pytest.mark.parametrize(
    ("text", "past"),
    [
        ("Putin, the Russian prime minister from 2008 to 2012, spoke", True),
        ("Putin, prime minister between 2008 and 2012, spoke", True),
        ("Putin, prime minister until 2012, spoke", True),
        ("Putin, then prime minister, spoke", True),
        ("Former Prime Minister Vladimir Putin spoke", True),
        ("the ex-prime minister, Putin, spoke", True),
        # "since" runs to now
        ("Putin, prime minister since 2012, spoke", False),
        ("Putin, the prime minister, spoke in 2010", False),
    ],
)
def test_a_role_held_in_years_gone_by_is_a_past_one(text: str, past: bool) -> None:
    [mention] = PEOPLE.scan(text)
    found = role_of(text, mention.start, mention.end)
    assert found is not None and (found.title, found.past) == ("prime minister", past)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("held in Newark on Trent, officials said", ["Newark on Trent"]),  # a lowercase "on"
        ("held in Dar As Salam.", ["Dar As Salam"]),
    ],
)
def test_only_a_headlines_capitalised_little_words_cut_a_place(text: str, found: list[str]
                                                                ) -> None:
    assert [p.text for p in PlaceFinder().find(text)] == found
