"""Place names in prose, recognised with the bundled gazetteer and the rules' own names."""

from __future__ import annotations

import bisect
import functools
import pathlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from factcheck.rx import Rx

_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae",
                          "Æ": "Ae", "ß": "ss", "đ": "d", "Đ": "D", "ð": "d", "þ": "th",
                          "œ": "oe", "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'"})

# A run of capitalised words, joined by spaces or hyphens, with the Arabic article and
# "of"/"de" allowed inside ("Deir ez-Zor", "al-Hamdaniya", "Isle of Man").
_JOINERS = r"(?:of|de|del|la|le|al|el|ez|ad|ash|on|upon|am|an|der)"
_RUN = Rx(
    r"(?<![\p{L}\p{N}'-])"
    r"(?:(?:al|el|ad|as|ar|an|at|az|ash|ad|ez|ed)-)?\p{Lu}[\p{L}\p{M}'’.]*(?:-\p{L}[\p{L}\p{M}'’.]*)*"
    rf"(?:[ ](?:{_JOINERS}[ -])?"
    r"(?:(?:al|el|ad|as|ar|an|at|az|ash|ez|ed)-)?\p{Lu}[\p{L}\p{M}'’.]*(?:-\p{L}[\p{L}\p{M}'’.]*)*)*"
)
_DESCRIPTOR = Rx(
    r"[ ](?:City|Province|Governorate|Region|District|Oblast|Municipality|County|State)$"
)
# Capitalised only because they start a sentence or heading: "The Beirut-based ...".
_LEADING_WORD = Rx(
    r"^(?:The|A|An|In|At|On|For|From|To|By|And|But|With|As|Of|After|Before|When|While|Since"
    r"|During|Near|Outside|Inside|Across|Both|Its|His|Her|Their|Our|This|That|These|Those"
    r"|Unlike|Like|Beyond|Via|Into|Onto|Over|Under|Than)[ ]"
)
_LOWER_TAIL = Rx(r"(?:-\p{Ll}[\p{L}\p{M}'’.]*)+$")  # "Beirut-based", "Aleppo-born"
_TRAILING_JOINER = Rx(r"[ ]\p{Ll}+$")
# A joining word inside a capitalised run ("Isle of Man", "Rostov on Don").
_JOINER = Rx(rf"[ -]{_JOINERS}[ -]")
_LOCATIVE = Rx(r"(?<![\p{L}])(?:in|at|near|inside|outside|into|to|from)[ ]+$", regex.I)
_POSSESSIVE = Rx(r"['’]s?$")
_DIRECTION = Rx(
    r"^(?:(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Greater|Old)[ -])+"
)


def fold(text: str) -> str:
    """Strip accents and fold special letters: "Çavuşoğlu" -> "Cavusoglu"."""
    if text.isascii():
        return text
    text = text.translate(_SPECIAL)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def key(text: str) -> str:
    """Return the lookup key of a name: accent-folded, lowercase, single-spaced."""
    return " ".join(fold(text).lower().replace("’", "'").split())


class Gazetteer:
    """The bundled place-name keys, kept sorted: a lookup is a binary search.

    Loading is one read and one split (a few milliseconds, which a commit hook notices);
    building a set of 80,000 names would cost several times that.
    """

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys

    def __contains__(self, name: object) -> bool:
        index = bisect.bisect_left(self.keys, name)  # type: ignore[call-overload]
        return bool(index < len(self.keys) and self.keys[index] == name)

    def __len__(self) -> int:
        return len(self.keys)


@functools.cache
def gazetteer() -> Gazetteer:
    """Return the bundled gazetteer (loaded once, on first use)."""
    path = pathlib.Path(__file__).resolve().parent.parent / "data" / "places.txt"
    # The file holds sorted keys (see tools/make_gazetteer.py); its first line is a comment.
    lines = path.read_text(encoding="utf-8").split("\n")
    return Gazetteer([line for line in lines[1:] if line])


# The world's countries by their common English names (accent-folded, lowercase): after a
# city, one of these is where the city lies ("Geneva, Switzerland"), not another place.
COUNTRIES = frozenset(
    name.strip() for name in """
    afghanistan, albania, algeria, andorra, angola, antigua and barbuda, argentina, armenia,
    australia, austria, azerbaijan, bahamas, the bahamas, bahrain, bangladesh, barbados,
    belarus, belgium, belize, benin, bhutan, bolivia, bosnia, bosnia and herzegovina,
    botswana, brazil, brunei, bulgaria, burkina faso, burundi, cambodia, cameroon, canada,
    cape verde, central african republic, chad, chile, china, colombia, comoros, congo,
    costa rica, croatia, cuba, cyprus, czech republic, czechia, denmark, djibouti, dominica,
    dominican republic, east timor, ecuador, egypt, el salvador, equatorial guinea, eritrea,
    estonia, eswatini, ethiopia, fiji, finland, france, gabon, gambia, georgia, germany,
    ghana, greece, grenada, guatemala, guinea, guinea-bissau, guyana, haiti, honduras,
    hungary, iceland, india, indonesia, iran, iraq, ireland, israel, italy, ivory coast,
    jamaica, japan, jordan, kazakhstan, kenya, kiribati, kosovo, kuwait, kyrgyzstan, laos,
    latvia, lebanon, lesotho, liberia, libya, liechtenstein, lithuania, luxembourg,
    madagascar, malawi, malaysia, maldives, mali, malta, marshall islands, mauritania,
    mauritius, mexico, micronesia, moldova, monaco, mongolia, montenegro, morocco,
    mozambique, myanmar, burma, namibia, nauru, nepal, netherlands, the netherlands,
    new zealand, nicaragua, niger, nigeria, north korea, north macedonia, macedonia, norway,
    oman, pakistan, palau, palestine, panama, papua new guinea, paraguay, peru, philippines,
    the philippines, poland, portugal, qatar, romania, russia, rwanda, saint lucia, samoa,
    san marino, saudi arabia, senegal, serbia, seychelles, sierra leone, singapore,
    slovakia, slovenia, solomon islands, somalia, south africa, south korea, south sudan,
    spain, sri lanka, sudan, suriname, sweden, switzerland, syria, taiwan, tajikistan,
    tanzania, thailand, togo, tonga, trinidad and tobago, tunisia, turkey, turkmenistan,
    tuvalu, uganda, ukraine, united arab emirates, uae, united kingdom, uk, britain,
    great britain, england, scotland, wales, united states, us, usa, america, uruguay,
    uzbekistan, vanuatu, vatican, venezuela, vietnam, yemen, zambia, zimbabwe
    """.split(",")
)


@dataclass(frozen=True)
class Place:
    """A place mention; offsets are relative to the text searched."""

    start: int
    end: int
    text: str


class PlaceFinder:
    """Finds places: gazetteer names, extra names from the rules, and phrase aliases."""

    def __init__(self, extra_names: Iterable[str] = (), phrases: Iterable[str] = ()) -> None:
        self.extra = frozenset(key(name) for name in extra_names)
        # Aliases can be lowercase descriptions ("the Kazakh capital"); they are found as
        # phrases, longest first, before capitalised runs are looked up.
        ordered = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
        self._phrases = (
            regex.compile(
                r"(?<![\p{L}\p{N}])(?:"
                + "|".join(_phrase_pattern(p) for p in ordered)
                + r")(?![\p{L}\p{N}])",
                regex.I,
            )
            if ordered
            else None
        )

    def is_place(self, text: str) -> bool:
        """Tell whether ``text`` is a known place name (case and accents ignored)."""
        k = key(text)
        return k in self.extra or k in gazetteer()

    def _lookup(self, run: str) -> tuple[int, int] | None:
        """Return the span of the place inside a capitalised segment, or None."""
        leading = _LEADING_WORD.match(run)
        if leading and not self.is_place(run):
            inner = self._lookup(run[leading.end():])
            return (inner[0] + leading.end(), inner[1] + leading.end()) if inner else None
        if self.is_place(run):
            return 0, len(run)
        trimmed = _DESCRIPTOR.search(run)
        if trimmed and self.is_place(run[: trimmed.start()]):
            return 0, trimmed.start()
        direction = _DIRECTION.match(run)
        if direction and self.is_place(run[direction.end():]):
            return direction.end(), len(run)
        return None

    def _in_segment(self, text: str, start: int, end: int, *, possessive: bool
                    ) -> Iterator[Place]:
        """The place a capitalised segment names, or those its pieces name."""
        span = self._lookup(text[start:end])
        if span is not None:
            if not possessive or _located(text, start, span):
                yield Place(start + span[0], start + span[1], text[start + span[0]:start + span[1]])
            return
        # "in Geneva on Monday" is a place and a day, not one name like "Isle of Man"
        for piece_start, piece_end in _pieces(text, start, end):
            inner = self._lookup(text[piece_start:piece_end])
            if inner is not None:
                place_start, place_end = piece_start + inner[0], piece_start + inner[1]
                yield Place(place_start, place_end, text[place_start:place_end])

    def find(self, text: str) -> list[Place]:
        """Find the places in ``text``."""
        found: list[Place] = []
        taken: list[tuple[int, int]] = []
        if self._phrases is not None:
            for match in self._phrases.finditer(text):
                found.append(Place(match.start(), match.end(), match.group()))
                taken.append(match.span())
        for match in _RUN.finditer(text):
            run_end = match.start() + len(match.group().rstrip("."))
            for low, high in _uncovered(text, match.start(), run_end, taken):
                for start, end, possessive in _segments(text[low:high], low):
                    found.extend(self._in_segment(text, start, end, possessive=possessive))
        found.sort(key=lambda p: p.start)
        return found


# Words that no place name holds, which a headline in title case or capitals capitalises:
# "Talks To Be Held In Geneva, Kremlin Says".
_TITLE_CASE_WORDS = frozenset(
    "in at to from for on by with and or near into onto after before over be is are was"
    " were will would says say said amid against between than but".split()
)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of ``text[start:end]`` between its joining words, if it has any."""
    cuts = [(m.start(), m.end()) for m in _JOINER.finditer(text, start, end)]
    if not cuts:
        return []
    bounds = [start, *(offset for cut in cuts for offset in cut), end]
    return [(low, high) for low, high in zip(bounds[::2], bounds[1::2], strict=True) if low < high]


def _located(text: str, start: int, span: tuple[int, int]) -> bool:
    """Tell whether a possessive place says where something is, not who owns it.

    "held in Almaty's new conference centre" places the talks; "Moscow's only foothold"
    and "Russia's naval base" name an owner, as a country always does.
    """
    place_start = start + span[0]
    if key(text[place_start:start + span[1]]) in COUNTRIES:
        return False
    return _LOCATIVE.search(text, max(0, place_start - 12), place_start) is not None


def _uncovered(text: str, start: int, end: int, taken: list[tuple[int, int]]
               ) -> list[tuple[int, int]]:
    """The stretches of ``text[start:end]`` outside the ``taken`` spans, spaces trimmed.

    A capitalised run goes on past an alias phrase in it: "Syria Peace Talks In Geneva",
    with "Syria" a rule's phrase, still names Geneva.
    """
    bounds = [start]
    for taken_start, taken_end in sorted(taken):
        if taken_start < end and start < taken_end:
            bounds.extend((taken_start, taken_end))
    bounds.append(end)
    stretches = []
    for low, high in zip(bounds[::2], bounds[1::2], strict=True):
        low = max(low, start)
        while low < high and text[low].isspace():
            low += 1
        while high > low and text[high - 1].isspace():
            high -= 1
        if low < high:
            stretches.append((low, high))
    return stretches


_TOKEN = Rx(r"\S+")


def _segments(run: str, offset: int) -> list[tuple[int, int, bool]]:
    """Cut a capitalised run where a place name cannot continue.

    A possessive before another name is its owner, not a place ("Moscow's Latakia base"
    names Latakia); one that ends the run, before lowercase words, says where something is
    ("Almaty's new conference centre") and is kept, marked as possessive. A lowercase
    hyphenated tail ends the name ("Beirut-based Syrian Observatory"), and so does a
    capitalised little word of a headline ("Held In Geneva").
    """
    segments = []
    start = 0
    for token in _TOKEN.finditer(run):
        word = token.group()
        possessive = _POSSESSIVE.search(word)
        if possessive or (word[0].isupper() and word.lower() in _TITLE_CASE_WORDS):
            if possessive and token.end() == len(run):
                end = token.start() + possessive.start()
                if end > start:
                    segments.append((offset + start, offset + end, True))
                return segments
            end = _without_joiner(run, start, token.start() - 1)
            if end > start:
                segments.append((offset + start, offset + end, False))
            start = token.end() + 1
            continue
        tail = _LOWER_TAIL.search(word)
        if tail and tail.start() > 0:
            segments.append((offset + start, offset + token.start() + tail.start(), False))
            start = token.end() + 1
    if start < len(run):
        segments.append((offset + start, offset + _without_joiner(run, start, len(run)), False))
    return segments


def _without_joiner(run: str, start: int, end: int) -> int:
    """Where ``run[start:end]`` ends without a joining word left at a cut ("Jableh on")."""
    joiner = _TRAILING_JOINER.search(run, start, end)
    return joiner.start() if joiner else end


_SPACES = Rx(r"\s+")


def _phrase_pattern(phrase: str) -> str:
    """Turn a phrase into a pattern tolerant of spacing, apostrophes and hyphens."""
    words = _SPACES.split(phrase.strip())
    escaped = [regex.escape(w).replace("'", "['’]").replace(r"\-", "[- ]") for w in words]
    return r"\s+".join(escaped)
