"""People's names in prose: exact and misspelled forms, and the roles written beside them.

Misspellings are found with a symmetric-deletion index (the SymSpell idea): every name
part and every capitalised word of the draft is reduced to the strings obtained by
deleting up to ``d`` characters, and two words can be within edit distance ``d`` only if
those sets meet. A lookup costs the same however many people the rules name.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from factcheck.extract.places import fold, gazetteer
from factcheck.rx import Rx

PARTICLES = frozenset({"al", "el", "ad", "as", "ar", "an", "at", "az", "ash", "bin", "ibn", "abu",
                       "van", "von", "de", "da", "di", "du", "le", "la", "ben"})
HONORIFICS = (
    r"(?:Mr|Mrs|Ms|Dr|Prof|Sayyed|Sayyid|Sheikh|Sheik|Gen|General|Sir|Lord|Lady|Dame|Emir"
    r"|Imam|Ayatollah|Colonel|Col|Marshal|Comrade)\.?"
)
# An Arabic article joined to a name: "al-Assad", "as-Sham", and with a space only "al"
# and "el" ("Bashar al Assad"), since "as", "at" and "an" before a name are English words.
_ARTICLE = r"(?i:(?:al|el)[ ]|(?:al|el|ad|as|ar|an|at|az|ash)-)"
_TOKEN = Rx(
    rf"(?<![\p{{L}}\p{{N}}'-])(?:\[)?(?:{_ARTICLE}(?=\p{{Lu}}))?"
    # (a possessive is no part of the name, in capitals too: "ASSAD'S ARMY")
    r"\p{Lu}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*|'(?![sS]\b)\p{L}[\p{L}\p{M}]*)*(?:\])?"
)
# A capitalised word just before a surname that is not a title, honorific or adjective is
# another person's first name: "Hafez al-Assad" is not Bashar, "Sergey Lavrov" not Shoigu.
_NOT_A_FIRST_NAME = Rx(
    r"(?:President|Presidents|Minister|Ministers|Leader|Chief|Secretary|General|Premier"
    r"|Chancellor|King|Emir|Prince|Envoy|Ambassador|Spokesman|Spokeswoman|Commander|Mr|Mrs|Ms"
    r"|Dr|Sayyed|Sayyid|Sheikh|Gen|Lt|Col|Colonel|Marshal|Imam|Ayatollah|Sir|Kremlin|Defen[cs]e"
    r"|Foreign|Interior|Prime|Vice|Deputy|Former|Late|Then|The|And|But|When|After|Before|As"
    r"|While|Both|Said|Says|Told|Asked|Urged|Called|Thanked|Met|With|By|For|From|To|Of|In|On"
    r"|At|That|Meanwhile|However|Also|Earlier|Later|Speaking|Following|Under|Against|Only"
    r"|Afghan|German|Kazakh|Uzbek|Turkmen|Arab"
    # a nationality ("Syrian", "Mexican", "Korean"), but not a name such as "Khan" or "Ivan"
    r"|\p{L}+(?:[ei]an|can|ish|ese|i|ic|'s|s'))\.?",
)
_GAP = Rx(r"[ ]+|[ ]*\n[ ]*")


def normalise_part(token: str) -> str:
    """Lowercase, fold accents and drop a leading Arabic article: "Al-Assad" -> "assad"."""
    text = fold(token).lower().strip("[]")
    text = regex.sub(rf"^{_ARTICLE}(?=\w)", "", text)
    return str(text).replace("'", "")


def max_distance(word: str) -> int:
    """The edit distance tolerated for a name part of this length."""
    return 1 if len(word) <= 7 else 2


def _deletes(word: str, distance: int) -> set[str]:
    """All strings made by deleting up to ``distance`` characters from ``word``."""
    results = {word}
    frontier = {word}
    for _ in range(distance):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        results |= frontier
    return results


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment)."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


@dataclass(frozen=True)
class PersonSpec:
    """What the name matcher needs to know about one person."""

    id: str
    canonical: str
    variants: tuple[str, ...]  # accepted spellings, canonical included


@dataclass(frozen=True)
class NameMention:
    """A run of name parts that belongs to one person; offsets are in the searched text."""

    person: PersonSpec
    start: int
    end: int
    text: str
    misspelled: bool
    full: bool  # the run contains the surname, so it names this person and no other


@dataclass(frozen=True)
class _Part:
    person: PersonSpec
    word: str
    surname: bool


class NameIndex:
    """Finds the people of the rules in prose, spelled right or nearly right."""

    def __init__(self, people: Iterable[PersonSpec]) -> None:
        self.people = tuple(people)
        self.exact: dict[str, list[_Part]] = {}
        self._deleted: dict[str, set[str]] = {}
        for person in self.people:
            for variant in person.variants:
                tokens = [t for t in _split(variant) if t not in PARTICLES]
                for position, token in enumerate(tokens):
                    part = _Part(person, token, surname=position == len(tokens) - 1)
                    if part not in self.exact.setdefault(token, []):
                        self.exact[token].append(part)
        for word in self.exact:
            for deleted in _deletes(word, max_distance(word)):
                self._deleted.setdefault(deleted, set()).add(word)
        self._surnames: dict[str, list[_Part]] = {}
        for parts in self.exact.values():
            for part in parts:
                if part.surname:
                    self._surnames.setdefault(part.person.id, []).append(part)

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - the index lives as long as its rulebook
    def lookup(self, token: str) -> tuple[tuple[_Part, ...], bool]:
        """Return the name parts ``token`` spells (exactly, or else nearly) and if it was exact."""
        word = normalise_part(token)
        if word in self.exact:
            return tuple(self.exact[word]), True
        if len(word) < 4:
            return (), False
        candidates: set[str] = set()
        for deleted in _deletes(word, 2 if len(word) > 7 else 1):
            candidates |= self._deleted.get(deleted, set())
        near = [
            part
            for candidate in sorted(candidates)
            if abs(len(candidate) - len(word)) <= max_distance(candidate)
            and edit_distance(word, candidate) <= max_distance(candidate)
            for part in self.exact[candidate]
        ]
        return tuple(near), False

    def scan(self, text: str) -> Iterator[NameMention]:
        """Yield the mentions of known people in ``text``, misspelled ones marked."""
        tokens = list(_TOKEN.finditer(text))
        i = 0
        while i < len(tokens):
            parts, exact = self.lookup(tokens[i].group())
            if not parts:
                i += 1
                continue
            # Extend the run over following tokens that spell parts of the same person.
            run = [(tokens[i], parts, exact)]
            j = i + 1
            while j < len(tokens) and _GAP.fullmatch(text, tokens[j - 1].end(), tokens[j].start()):
                more, more_exact = self.lookup(tokens[j].group())
                people = {p.person for p in more} & {p.person for _, ps, _ in run for p in ps}
                if not people:
                    surname = self._near_surname(run, tokens[j].group())
                    if surname:
                        run.append((tokens[j], surname, False))
                        j += 1
                    break
                run.append((tokens[j], more, more_exact))
                j += 1
            mention = self._judge(text, run)
            if mention is not None:
                yield mention
            i = j

    def _near_surname(self, run: list[tuple[regex.Match[str], tuple[_Part, ...], bool]],
                      token: str) -> tuple[_Part, ...]:
        """After a first name spelled right, a word a few edits from the surname is the surname.

        "Vladimir Poutine" is Putin misspelled even though "poutine" is too far from "putin"
        to be recognised on its own; a long surname may be three edits off when its first
        letters are right ("Hassan Nasrula").
        """
        _, parts, exact = run[-1]
        if not exact or any(p.surname for p in parts):
            return ()
        word = normalise_part(token)
        if len(word) < 4:
            return ()
        near = [
            surname
            for person in {p.person for p in parts}
            for surname in self._surnames.get(person.id, [])
            if edit_distance(word, surname.word) <= _near_limit(word, surname.word)
        ]
        return tuple(near)

    def _judge(self, text: str, run: list[tuple[regex.Match[str], tuple[_Part, ...], bool]]
               ) -> NameMention | None:
        """Decide whose name a run of tokens is, and whether it is misspelled."""
        people = set.intersection(*({p.person for p in parts} for _, parts, _ in run))
        if not people:
            return None
        start, end = run[0][0].start(), run[-1][0].end()
        if text[start] == "[":
            start += 1
        if text[end - 1] == "]" and "[" not in text[start:end]:
            end -= 1
        given_name = any(not p.surname for _, parts, _ in run for p in parts)
        if not given_name and _preceded_by_first_name(text, start):
            return None
        surface = text[start:end]
        if any(_respelled(token.group()) for token, _, _ in run):
            return None  # a pronunciation guide's "BA-shar al-ASS-ad" spells no name
        for person in sorted(people, key=lambda p: p.id):
            full = any(p.surname and p.person == person for _, parts, _ in run for p in parts)
            misspelled = any(not exact for _, _, exact in run)
            if not misspelled:
                return NameMention(person, start, end, surface, misspelled=False, full=full)
            # Misspelled, a name still counts when some part is spelled right, when both
            # given name and surname are near misses of this person's, or when it is a long
            # surname on its own.
            anchored = (
                any(exact for _, _, exact in run)
                or (len(run) >= 2 and full)
                or self._lone_misspelling(run, person)
            )
            if anchored and full and surface not in person.variants:
                if len(run) == 1 and self._family(text, start, surface, person):
                    return None  # "the Assads" are his family, not his name misspelled
                return NameMention(person, start, end, surface, misspelled=True, full=full)
        return None

    def _family(self, text: str, start: int, surface: str, person: PersonSpec) -> bool:
        """Tell whether a lone word is the plural of the person's surname after "the"."""
        if not _THE_BEFORE.search(text, max(0, start - 8), start):
            return False
        word = normalise_part(surface.removesuffix("'"))
        surnames = {part.word for part in self._surnames.get(person.id, [])}
        return word.removesuffix("s") in surnames or word.removesuffix("es") in surnames

    def _lone_misspelling(self, run: list[tuple[regex.Match[str], tuple[_Part, ...], bool]],
                          person: PersonSpec) -> bool:
        """A single misspelled word counts only if it is a long surname and not a place."""
        if len(run) != 1:
            return False
        token, parts, _ = run[0]
        word = normalise_part(token.group())
        has_particle = word != fold(token.group()).lower().strip("[]")
        is_surname = any(p.surname and p.person == person for p in parts)
        return is_surname and (len(word) >= 5 or has_particle) and fold(
            token.group()).lower() not in gazetteer()


def _respelled(token: str) -> bool:
    """Tell whether a word is a pronunciation respelling: stressed syllables in capitals.

    "BA-shar", "al-ASS-ad" and "pu-TEEN" mix a syllable in capitals with one in lowercase
    (an Arabic article aside); "al-Assad" and "AL-ASSAD" do not. Only a leading syllable
    is taken for an article: the "ar" of "BASH-ar" is the name's own.
    """
    syllables = token.strip("[]").split("-")
    while syllables and syllables[0].lower() in PARTICLES:
        syllables.pop(0)
    return (len(syllables) >= 2
            and any(len(s) >= 2 and s.isupper() for s in syllables)
            and any(len(s) >= 2 and s.islower() for s in syllables))


_THE_BEFORE = Rx(r"(?<![\p{L}])the[ ]+$", regex.I)


def _near_limit(word: str, surname: str) -> int:
    """How many edits a word after a right first name may be from the surname it stands for."""
    return 3 if len(surname) >= 8 and word[:2] == surname[:2] else 2


# A first name and its surname are one space apart; a run of spaces is blanked markup
# between a heading or list item and the next ("FOR ASTANA    Putin: next stop").
_WORD_BEFORE = Rx(r"(\p{Lu}[\p{L}\p{M}'-]*)[ ]$")


def _preceded_by_first_name(text: str, start: int) -> bool:
    """Tell whether a capitalised word that could be a first name sits right before ``start``."""
    # A word that ends a sentence ("Moscow.") or heading is not a first name.
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    return _NOT_A_FIRST_NAME.fullmatch(before.group(1)) is None


def _split(name: str) -> list[str]:
    """Split a name into normalised parts, keeping "al-Assad" as one part ("assad")."""
    words = regex.findall(rf"{_ARTICLE}?[\p{{L}}\p{{M}}'-]+", name)
    return [normalise_part(w) for w in words if normalise_part(w)]
