"""One combined prefilter for every fact: literal anchor words and a word-prefix index.

A fact is only worth evaluating on a document that contains one of its *anchors*: a
literal word (or word prefix, such as ``evacuat``) that every match of its subject must
contain. Anchors are read off the subject patterns with Python's own regex parser. A
document's distinct words are looked up by their first three letters, so the cost of the
prefilter does not grow with the number of facts.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar

from factcheck.rx import Rx

# Python's own regex parser (the public sre_parse alias is deprecated since 3.11).
sre_parse: Any = importlib.import_module("re._parser")
sre_constants: Any = importlib.import_module("re._constants")

KEY_LENGTH = 3
# A word starts with a letter and runs over letters and digits, but not "²" or "½", which
# regex's \W and \b count as non-word characters.
_WORD = Rx(r"\p{L}[\p{L}\p{Nd}\p{Nl}]*")
_NOT_IN_A_WORD = Rx(r"[^\p{L}\p{Nd}\p{Nl}]+")
# regex.I equates "İ" and "ı" with "i"; casefold() would not (nor does lower(), which
# also spells a final sigma differently from any other).
_DOTTED_I = str.maketrans({"\u0130": "i", "\u0131": "i"})


def _in_a_word(folded: str) -> bool:
    """Tell whether a (folded) character may continue a word (U+0345 folds to a letter)."""
    return any(char.isalnum() for char in folded)


def fold(text: str) -> str:
    """Fold case as the anchors are folded, so a text's words and a pattern's literals meet."""
    return text.translate(_DOTTED_I).casefold()


T = TypeVar("T")


def _anchors_of(items: Any, at_word_start: bool) -> list[set[str]]:
    """Return candidate requirement sets for a parsed sequence (each set: one must occur)."""
    requirements: list[set[str]] = []
    run = ""
    run_word_start = at_word_start
    previous_literal_is_boundary = at_word_start

    def close() -> None:
        nonlocal run
        if run:
            requirements.extend(_fragments(run, run_word_start))
        run = ""

    for op, arg in items:
        if op is sre_constants.LITERAL:
            char = fold(chr(arg))
            if not run:
                run_word_start = previous_literal_is_boundary
            run += char
            previous_literal_is_boundary = not _in_a_word(char)
            continue
        close()
        before = previous_literal_is_boundary
        if op is sre_constants.SUBPATTERN:
            requirements.extend(_anchors_of(arg[-1], at_word_start=before))
        elif op is sre_constants.BRANCH:
            branch_sets = [_usable(_anchors_of(b, at_word_start=before)) for b in arg[1]]
            if all(branch_sets):
                requirements.append(set(_fewest(branch_sets)))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and arg[0] >= 1:
            requirements.extend(_anchors_of(arg[2], at_word_start=before))  # the first round
        previous_literal_is_boundary = _ends_at_boundary([(op, arg)], before)
    close()
    return requirements


def _ends_at_boundary(items: Any, start_is_boundary: bool) -> bool:
    """Tell whether every way through a parsed sequence ends just after a non-word character."""
    if not len(items):
        return start_is_boundary
    op, arg = items[-1]
    if op is sre_constants.LITERAL:
        return not _in_a_word(fold(chr(arg)))
    if op is sre_constants.IN:
        return _never_in_a_word(arg)
    if op is sre_constants.AT:
        return _is_boundary(arg)
    # What the last item may match nothing after depends on what comes before it.
    before = _ends_at_boundary(items[:-1], start_is_boundary)
    if op is sre_constants.SUBPATTERN:
        return _ends_at_boundary(arg[-1], before)
    if op is sre_constants.BRANCH:
        return all(_ends_at_boundary(b, before) for b in arg[1])
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, _high, inner = arg
        # The first time round starts where the sequence was; later rounds where it ended.
        ends = _ends_at_boundary(inner, before) and _ends_at_boundary(inner, True)
        return ends and (low >= 1 or before)
    return False


def _is_boundary(at: Any) -> bool:
    r"""Tell whether an anchor (^, \b, ...) followed by a letter puts it at a word start."""
    return at not in (sre_constants.AT_NON_BOUNDARY, sre_constants.AT_LOC_NON_BOUNDARY,
                      sre_constants.AT_UNI_NON_BOUNDARY)


def _never_in_a_word(members: Any) -> bool:
    r"""Tell whether a character class matches only characters that end a word (\s, [ ,])."""
    for op, arg in members:
        if op is sre_constants.LITERAL:
            if _in_a_word(fold(chr(arg))):
                return False
        elif op is not sre_constants.CATEGORY or arg not in (
            sre_constants.CATEGORY_SPACE, sre_constants.CATEGORY_NOT_WORD
        ):
            return False  # a negation, a range or a category that may hold letters
    return bool(members)


def _fragments(run: str, word_start: bool) -> list[set[str]]:
    """Split a literal run into usable word anchors (each must start a word of the text)."""
    # A word of the text (see Words) starts with a letter and holds letters and digits:
    # "_" splits words, and a part that starts with a digit starts none.
    parts = _NOT_IN_A_WORD.split(run)
    out = []
    for index, part in enumerate(parts):
        if not part or not part[0].isalpha() or (index == 0 and not word_start):
            continue
        out.append({part})
    return out


def _usable(requirements: Iterable[set[str]]) -> list[frozenset[str]]:
    """The requirement sets worth indexing, most selective first.

    The most selective has the longest shortest word, then the fewest words. A set that
    holds another is dropped: a text with a word of the smaller has one of it.
    """
    usable = dict.fromkeys(frozenset(r) for r in requirements
                           if r and min(len(a) for a in r) >= KEY_LENGTH)
    kept = [r for r in usable if not any(other < r for other in usable)]
    return sorted(kept, key=lambda r: (-min(len(a) for a in r), len(r)))


def _fewest(choices: Sequence[Sequence[frozenset[str]]]) -> frozenset[str]:
    """The words of one requirement set per alternative, chosen to be few.

    A set every alternative has serves them all; otherwise each alternative takes its
    most selective set, unless another of its sets is all words the other alternatives'
    choices hold already: "talks between the government and ..." beside "the talks" is
    anchored on "talks", not on "between", which most copy has.
    """
    # A set every alternative can use serves them all at once.
    shared = [r for r in choices[0] if all(r in usable for usable in choices[1:])]
    if shared:
        return shared[0]
    chosen = [usable[0] for usable in choices]
    changed = True
    while changed:  # each change takes a word out, so this ends
        changed = False
        for index, usable in enumerate(choices):
            others: frozenset[str] = frozenset().union(*chosen[:index], *chosen[index + 1:])
            if chosen[index] <= others:
                continue
            held = next((r for r in usable if r <= others), None)
            if held is not None:
                chosen[index] = held
                changed = True
    return frozenset().union(*chosen)


# What Python's parser would misread as literals or spaces: regex's fuzzy matching
# ("(?:hezbollah){e<=2}"), POSIX classes anywhere in a set ("[\\w[:digit:]]"), named
# characters, and the verbose and ASCII-only flags, which change what a space or a word
# boundary is.
_UNREADABLE = re.compile(r"\{[^}]*[A-Za-z]|\[:|\(\?[a-zA-Z-]*[ax][a-zA-Z-]*[:)]")


def _requirements(source: str, at_word_start: bool = True) -> list[set[str]] | None:
    """Every requirement set of a pattern, or None if Python's parser cannot read it."""
    if _UNREADABLE.search(source):
        return None
    try:
        return _anchors_of(sre_parse.parse(source, re.IGNORECASE), at_word_start=at_word_start)
    except (re.error, ValueError, OverflowError, RecursionError):
        return None  # regex-only syntax such as \p{L}


def anchors(subjects: Sequence[str]) -> set[str] | None:
    """Return the anchors of a list of alternative patterns, or None if some have none.

    Each alternative needs one of its requirement sets; where it has several, one the
    other alternatives already need is taken, so the fact's anchors stay few: "talks
    between the government and ..." is anchored on "talks", as "the talks" is, rather
    than on "between", which most copy has.
    """
    choices = []
    for source in subjects:
        usable = requirements(source)
        if not usable:
            return None  # this alternative may match anywhere: evaluate the fact everywhere
        choices.append(usable)
    return set(_fewest(choices)) or None


def requirements(source: str, *, at_word_start: bool = True) -> tuple[frozenset[str], ...]:
    """Every set of words one of which each match of a pattern holds, most selective first.

    Unless ``at_word_start``, a match may start inside a word. A set that holds another is
    dropped: a text with a word of the smaller has one of it.
    """
    # The first, the most selective, is the one indexed.
    return tuple(_usable(_requirements(source, at_word_start) or []))


class Words:
    """The distinct words of a text, to ask cheaply whether one begins with an anchor."""

    __slots__ = ("_by_key",)

    def __init__(self, text: str) -> None:
        self._by_key: dict[str, list[str]] = {}
        for word in set(_WORD.findall(fold(text))):
            self._by_key.setdefault(word[:KEY_LENGTH], []).append(word)

    def __iter__(self) -> Iterator[str]:
        for words in self._by_key.values():
            yield from words

    def any_starts(self, prefixes: Iterable[str]) -> bool:
        """Tell whether some word begins with one of ``prefixes`` (each KEY_LENGTH or longer)."""
        by_key = self._by_key
        # Plain loops: this runs for every candidate of every sentence, and generators cost.
        for prefix in prefixes:
            for word in by_key.get(prefix[:KEY_LENGTH], ()):
                if word.startswith(prefix):
                    return True
        return False


class Prefilter(Generic[T]):
    """Maps a document's words to the items (facts) whose anchors they start with."""

    def __init__(self) -> None:
        self._index: dict[str, list[tuple[str, T]]] = {}
        self._also: dict[T, Sequence[Iterable[str]]] = {}  # by item: ids do not pickle
        self.always: list[T] = []

    def add(self, item: T, item_anchors: Iterable[str] | None,
            also: Sequence[Iterable[str]] = ()) -> None:
        """Register an item; with no anchors it is a candidate for every document.

        ``also`` holds further sets of anchors, one of each of which a candidate needs too.
        """
        if item_anchors is None:
            self.always.append(item)
            return
        for anchor in item_anchors:
            self._index.setdefault(anchor[:KEY_LENGTH], []).append((anchor, item))
        if also:
            self._also[item] = also

    def candidates(self, words: Words) -> list[T]:
        """Return the items whose anchors begin one of ``words``, and the anchorless ones."""
        hits: dict[int, T] = {id(item): item for item in self.always}
        index = self._index
        # By the words' keys, in the order the words came: one lookup per key, not per word.
        for key, found in words._by_key.items():
            entries = index.get(key)
            if entries is None:
                continue
            for word in found:
                for anchor, item in entries:
                    if word.startswith(anchor):
                        hits.setdefault(id(item), item)
        if not self._also:
            return list(hits.values())
        kept = []
        for item in hits.values():
            for anchors in self._also.get(item, ()):
                if not words.any_starts(anchors):
                    break
            else:
                kept.append(item)
        return kept
