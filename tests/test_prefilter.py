"""The prefilter's anchors: words one of which every match of a pattern holds.

A fact is only tried on prose that has one of its anchors, so an anchor a match can lack
would hide that fact's claims: anchors must be sound first, and selective second.
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import assume, given
from hypothesis import strategies as st

from factcheck.prefilter import Prefilter, Words, anchors, requirements


def required(source: str) -> frozenset[str] | None:
    """The set the prefilter indexes a pattern by: its most selective."""
    found = requirements(source)
    return found[0] if found else None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("peace talks", {"peace"}),
        # Rule phrases have their spaces read as \s+: the words after them still start words.
        (r"the\s+kremlin", {"kremlin"}),
        (r"(?:russia|the\s+kremlin)\s+(?:began|started)\s+bombing", {"bombing"}),
        (r"air[ ,]+strikes", {"strikes"}),
        (r"cease\W?fire", {"cease"}),
        # Words of the text start with a letter and stop at "_": "3rd" starts no word there.
        (r"3rd\s+division", {"division"}),
        (r"ceasefire_violations", {"violations"}),
        # A letter class or a word character may join what follows to the word before.
        (r"\w+ing\s+talks", {"talks"}),
        (r"un[a-z]armed", None),
        (r"(?:peace\s+)?talks", {"talks"}),
        (r"talks?", {"talk"}),
        (r"\d+\s+[a-z]+", None),
    ],
)
def test_required_words(source: str, expected: set[str] | None) -> None:
    found = required(source)
    assert (set(found) if found else None) == expected


def test_alternatives_pool_their_anchors_and_one_without_any_spoils_them() -> None:
    assert anchors(["peace talks", r"the\s+truce"]) == {"peace", "truce"}
    assert anchors(["peace talks", r"\w+"]) is None


def test_alternatives_share_the_words_they_can() -> None:
    # "talks between ..." could be anchored on "between", its most selective word, or on
    # "talks", which the other alternative needs anyway: the fact needs only "talks".
    assert anchors([r"the\s+talks", r"talks\s+between\s+(?:rebels|government)"]) == {"talks"}
    # ... and so do the branches of one pattern's alternation, which all hold "talks".
    assert requirements(r"(?:peace\s+talks|talks\s+between\s+rebels)")[0] == {"talks"}
    # Where no choice is shared, each keeps its most selective set.
    assert anchors([r"peace\s+talks", r"the\s+truce"]) == {"peace", "truce"}


_WORDS = ["talks", "peace", "kremlin", "3rd", "ceasefire", "un", "city_hall", "évacués", "x"]
_SEPARATORS = [" ", r"\s+", r"\s*", "[ ,]", "[ ,]+", r"\W", "-", ",? ", "", r"\w", "[a-z]", r"\b", "_"]


@st.composite
def _sources(draw: st.DrawFn, depth: int = 0) -> str:
    """Patterns built from words, separators, optional groups and alternations."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        choice = draw(st.integers(0, 5 if depth < 2 else 3))
        if choice <= 2:
            parts.append(draw(st.sampled_from(_WORDS)))
        elif choice == 3:
            parts.append(draw(st.sampled_from(_SEPARATORS)))
        elif choice == 4:
            parts.append(f"(?:{draw(_sources(depth + 1))})?")
        else:
            parts.append(f"(?:{draw(_sources(depth + 1))}|{draw(_sources(depth + 1))})")
    return "".join(parts)


def test_a_pattern_requires_a_word_of_each_of_its_parts() -> None:
    source = r"(?:rebels|fighters)\s+(?:seized|captured)\s+the\s+city\s+(?:in|since)"
    assert requirements(source) == (
        frozenset({"fighters", "rebels"}), frozenset({"captured", "seized"}),
        frozenset({"city"}), frozenset({"the"}),
    )  # not "since": "in" is too short to look up, so a match may hold neither
    assert anchors([source]) == requirements(source)[0]  # a subject's anchors: the same set
    # A set that holds another adds nothing: a text with "seized" has one of both.
    assert requirements(r"seized\s+(?:seized|took)") == (frozenset({"seized"}),)


def test_a_candidate_needs_one_anchor_of_each_further_set() -> None:
    prefilter: Prefilter[str] = Prefilter()
    prefilter.add("captured", {"captured", "seized"}, also=[{"rebels", "fighters"}])
    prefilter.add("anywhere", None)
    assert prefilter.candidates(Words("Rebels seized the city.")) == ["anywhere", "captured"]
    assert prefilter.candidates(Words("The army seized the city.")) == ["anywhere"]
    assert prefilter.candidates(Words("Rebels held the city.")) == ["anywhere"]


@given(st.data())
def test_every_match_holds_a_word_that_starts_with_an_anchor_of_each_set(
    data: st.DataObject,
) -> None:
    source = data.draw(_sources())
    needed = requirements(source)
    if not needed:
        assert anchors([source]) is None
        return
    text = data.draw(st.from_regex(re.compile(source, re.IGNORECASE), fullmatch=True))
    # Generated with re; the engine matches with regex, whose \W leaves out marks (U+0345).
    assume(regex.fullmatch(source, text, regex.IGNORECASE) is not None)
    words = Words(text)
    for anchors_ in needed:
        assert words.any_starts(anchors_), (source, text, anchors_)


# Letters whose case regex.I equates in ways str.lower() alone does not: dotted and
# dotless i, long s, final sigma, the micro and Kelvin signs, Greek symbol forms...
_TRICKY = "aiksIKSıİſßẞσςΣµμKÅåϐβϑθϕφϖπϰκϱρϵεǅǄǆЁёΩΩ"
_ALPHABET = sorted(set(_TRICKY + "abcdefghijklmnopqrstuvwxyzαβγδжщ"))


def _variants(char: str) -> list[str]:
    """The single characters regex.I matches ``char`` with, among its case mappings."""
    found = {char, char.lower(), char.upper(), char.casefold(), char.title(), *_TRICKY}
    return sorted(v for v in found
                  if len(v) == 1 and regex.fullmatch(regex.escape(char), v, regex.I))


@given(st.data())
def test_a_word_in_any_case_regex_equates_still_meets_its_anchor(data: st.DataObject) -> None:
    word = "".join(data.draw(st.lists(st.sampled_from(_ALPHABET), min_size=3, max_size=8)))
    text = "".join(data.draw(st.sampled_from(_variants(char))) for char in word)
    assert regex.fullmatch(regex.escape(word), text, regex.I)
    found = required(regex.escape(word))
    assert found is not None and Words(f"the {text} talks").any_starts(found), (word, text)
