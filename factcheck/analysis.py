"""Per-document analysis shared by every check: sentences and cached extractions."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

import regex

from factcheck.claims import (
    DISOWNING,
    MATCH_TIMEOUT,
    NAME_BLOCKER,
    PRIVATE,
    REREFERRED,
    TIMEOUTS,
    mask_variants,
)
from factcheck.document import (
    ANSWER,
    PARAGRAPH_BREAK,
    Document,
    ends_line,
    is_heading,
    is_label_line,
    is_turn,
    words_start,
)
from factcheck.extract.dates import DateMention, find_dates
from factcheck.extract.durations import Duration, find_durations
from factcheck.extract.names import NameMention
from factcheck.extract.numbers import Number, find_numbers
from factcheck.extract.places import Place
from factcheck.prefilter import Words
from factcheck.rx import Rx
from factcheck.sentences import QUESTION_JOIN

if TYPE_CHECKING:
    from factcheck.rulebook import Fact, Rulebook

T = TypeVar("T")


def _answered(text: str) -> str:
    """A sentence with the "?" (and "A:") between a question and its fragment answer blanked.

    "When did the war begin? A: In 2011." then reads "When did the war begin In 2011.",
    which claim patterns see as one clause. Blanking keeps every offset.
    """
    if "?" not in text:
        return text
    return str(QUESTION_JOIN.sub(lambda m: " " * len(m.group()), text))


def leans_back(text: str) -> bool:
    """Tell whether a sentence may change how the one before it reads.

    A sentence opening with a pronoun or a definite description ("The base") may carry
    the previous sentence's subject, and one like "That is not the case." disowns it;
    every other link between sentences runs forward from a subject sentence (see a check
    kind's ``REACH``).
    """
    text = _answered(text)
    return (ANSWER.match(text) is not None or DISOWNING.match(text) is not None
            or REREFERRED.match(text) is not None
            or DEFINITE.match(text) is not None or TOTAL_LABEL.match(text) is not None
            or _NAME_GIVEN.match(text) is not None)


# Sentences whose own findings (extractions, subject searches, claims) are remembered per
# process: copy repeats sentences in paragraphs that differ, and a run of sentences is
# read again whenever any one of them changes.
SENTENCE_CACHE_SIZE = 4_096
# How many lines of a fact box a heading above them may speak for.
HEADING_REACH = 12
_SPACES = Rx(r"\s+")
# A definite description opening a sentence, which may name again what the sentence
# before named: "Russia's naval base is to grow. The base is in Tartus."
DEFINITE = Rx(r"(?P<phrase>The\s+(?P<head>\p{L}+))(?![\p{L}'-])")
# A demonstrative that determines a noun, the verb after it: "Those districts had been
# held by the rebels since 2012." (a manner word after the demonstrative is no noun).
_DEMONSTRATIVE_NOUN = Rx(
    r"(?:This|That|These|Those)\s+"
    r"(?!(?:\p{L}+ly|also|too|alone|itself|themselves|all|both|then|now|again|never|still|"
    r"only|just)(?![\p{L}]))"
    r"(?P<noun>\p{Ll}[\p{L}'-]*)\s+(?:is|was|are|were|has|had|have|will|would|could|"
    r"can|may|might|must|did|does|do)(?![\p{L}'])"
)
# A label for a total that opens a sentence counts what the sentence before named, as a
# pronoun would: "The evacuation is complete. Final total: 35,000." (a running total is
# no total of it)
TOTAL_LABEL = Rx(
    r"(?P<pronoun>(?:(?:final|overall|grand)\s+)?(?:total|tally|count)(?:\s+[\p{L}'-]+){0,3}?)"
    r"(?=\s*:)",
    regex.I,
)
# A sentence that says what someone's name is may put right a spelling the one before
# quoted: 'quoted "Hezbollah leader Hassan Nasrullah" on Aleppo. The man's name is ...'
_NAME_GIVEN = Rx(
    r"(?:(?:The|His|Her|Their)\s+(?:[\p{L}-]+['’]s\s+)?(?:name|spelling)"
    r"|(?:The\s+)?(?:correct|right|proper)\s+spelling)\s+(?:is|was)(?![\p{L}])"
    r"|(?:It|He|She)\s+(?:is|was)\s+spel(?:led|t)(?![\p{L}])"
)
_SENTENCES: dict[tuple[str, str], dict[Any, Any]] = {}


def _sentence_memo(rulebook: Rulebook, text: str) -> dict[Any, Any]:
    """The store of what has been computed about a sentence's own text, under a rulebook."""
    key = (rulebook.digest, text)
    found = _SENTENCES.get(key)
    if found is None:
        if len(_SENTENCES) >= SENTENCE_CACHE_SIZE:
            _SENTENCES.clear()
        found = _SENTENCES[key] = {}
    return found


@dataclass(frozen=True)
class Sentence:
    """One sentence of the document: its offsets and its (normalised prose) text."""

    index: int
    start: int
    end: int
    text: str
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    """What has been computed from this sentence's text alone, shared by its repeats."""


def _subject_at(fact: Fact, text: str, at: int) -> bool:
    """Tell whether a mention of ``fact``'s subject starts at ``at`` in ``text``."""
    return TIMEOUTS.bounded(lambda: fact.spec.claims.subject.match(
        text, at, timeout=MATCH_TIMEOUT) is not None, False)


def _last_named_by(fact: Fact, sentence: Sentence, noun: str) -> bool:
    """Tell whether ``noun`` is the last word of the subject ``sentence`` last named ("base")."""
    named = fact.spec.claims.last_mention(sentence.text)
    return named is not None and named.group().split()[-1].lower() == noun.lower()


class Analysis:
    """Everything checks may ask about a stretch of prose, each computed at most once.

    What depends on one sentence's text alone (its dates, numbers, subject searches, the
    mentions it claims) is kept with that text and shared by every stretch it recurs in.
    """

    def __init__(self, prose: str, sentences: Sequence[tuple[int, int]], rulebook: Rulebook
                 ) -> None:
        self.prose = prose
        self.rulebook = rulebook
        # A speaker's label is not part of what the sentence says; whether it opened a
        # turn is still asked of the prose (see _refers_back).
        self._opened = [start for start, _ in sentences]
        spans = [(self._said_from(start, end), end) for start, end in sentences]
        self.sentences = [
            Sentence(i, start, end, _answered(prose[start:end]),
                     _sentence_memo(rulebook, prose[start:end]))
            for i, (start, end) in enumerate(spans)
        ]
        self._cache: dict[tuple[str, int], Any] = {}
        self._anaphors: dict[tuple[str, int], tuple[int, int]] = {}
        self._headed: set[tuple[str, int]] = set()
        self._understood: set[tuple[str, int]] = set()

    def _said_from(self, start: int, end: int) -> int:
        """Where the sentence's words start, after a speaker's label (see words_start).

        A label that names a fact's subject heads a fact-box line in capitals instead
        ("SIEGE: six months, from July to December") and stays.
        """
        at = words_start(self.prose, start, end)
        if at == start:
            return at
        label = self.prose[start:at]
        for fact in self.rulebook.prefilter.candidates(Words(label)):
            if fact.spec.claims.subject.search(label) is not None:
                return start
        return at

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding the prose offset ``offset``, if any."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    @classmethod
    def of(cls, document: Document, rulebook: Rulebook) -> Analysis:
        """Analyse a whole document at once."""
        return cls(document.prose, document.sentences, rulebook)

    @cached_property
    def all_words(self) -> Words:
        """The distinct words of the whole prose."""
        return Words(self.prose)

    def words(self, sentence: Sentence) -> Words:
        """The distinct words of a sentence."""
        if len(self.sentences) == 1 and sentence.text == self.prose:
            return self.all_words  # the prose is that sentence
        # Words of the text as read (an answered question's "A:" blanked), whatever run the
        # sentence is read in: what is computed from them is kept with the sentence.
        result: Words = self.local(sentence, "words", lambda: Words(sentence.text))
        return result

    def live(self, fact: Fact, sentence: Sentence) -> tuple[int, ...]:
        """The indexes of the fact's claim patterns whose anchor words the sentence has."""
        def compute() -> set[tuple[str, int]]:
            text = sentence.text
            # The engine's name blocker is a letter, but a space where claim patterns match.
            words = Words(text.translate(PRIVATE)) if NAME_BLOCKER in text else self.words(sentence)
            return set(self.rulebook.claim_prefilter.candidates(words))

        present: set[tuple[str, int]] = self.local(sentence, "claim-anchors", compute)
        return fact.spec.claims.live(fact.id, present)  # type: ignore[no-any-return]

    def names_subject(self, fact: Fact, sentence: Sentence) -> bool:
        """Tell whether a sentence names a claim-based fact's subject (memoised)."""

        def compute() -> bool:
            anchors = fact.spec.anchors
            if anchors is not None and not self.words(sentence).any_starts(anchors):
                return False
            # The sentence alone, as written: what it names is its own business. A search
            # that gives up finds nothing, and the engine reports the passage as unchecked.
            return TIMEOUTS.bounded(lambda: fact.spec.claims.subject.search(
                self.prose[sentence.start:sentence.end], timeout=MATCH_TIMEOUT
            ) is not None, False)

        return self.local(sentence, "subject:" + fact.id, compute)

    def stands_for(self, fact: Fact, sentence: Sentence) -> bool:
        """Tell whether a pronoun after ``sentence`` may stand for the fact's subject in it.

        The sentence must name the subject, and not only where ``exclude`` sets it aside.
        """
        if not self.names_subject(fact, sentence):
            return False
        claims = fact.spec.claims
        return not self.local(sentence, "set-aside:" + fact.id,
                              lambda: claims.set_aside(self.prose[sentence.start:sentence.end]))

    def disowned(self, sentence: Sentence) -> bool:
        """Tell whether the next sentence disowns this one ("That is not the case.")."""
        index = sentence.index + 1
        if index >= len(self.sentences):
            return False
        following = self.sentences[index].text
        return DISOWNING.match(following) is not None or (
            ('"' in sentence.text or "“" in sentence.text)
            and REREFERRED.match(following) is not None)

    def subject_sentences(self, fact: Fact, *, claiming: bool = False) -> list[Sentence]:
        """The sentences about a claim-based fact's subject.

        Those that name it, those that open with a pronoun standing for it (the next
        sentence of the paragraph, or the answer after a question: "It began in 2011"), and
        fact-box lines under a heading that names it ("The war", then "- Began: 2011").
        With ``claiming``, only sentences where one of the fact's claim patterns may match
        are considered, which spares the subject search everywhere else.
        """
        found = []
        for sentence in self.sentences:
            if claiming and not self.live(fact, sentence):
                continue
            heading = self.heading(sentence)
            if heading is not None and self.names_subject(fact, heading):
                # whatever else the line names: "Began: April 2011, with protests in Deraa"
                self._headed.add((fact.id, sentence.index))
            pronoun = self._refers_back(sentence)
            if pronoun is not None and self._names_other(fact, sentence, pronoun):
                pronoun = None
            if pronoun is not None:
                before = self.sentences[sentence.index - 1]
                if self.stands_for(fact, before):
                    self._anaphors[(fact.id, sentence.index)] = pronoun
                    found.append(sentence)
                    continue
                if self._names_again(fact, sentence, pronoun, before):
                    continue  # "That ceasefire": the one the sentence before set aside
            described = self._described_again(fact, sentence)
            if described is not None:
                self._anaphors[(fact.id, sentence.index)] = described
                found.append(sentence)
            elif self.names_subject(fact, sentence) or self.headed(fact, sentence):
                found.append(sentence)
            elif (fact.spec.claims.understood and self._continues(sentence)
                  and self.stands_for(fact, self.sentences[sentence.index - 1])):
                self._understood.add((fact.id, sentence.index))
                found.append(sentence)
        return found

    def _names_other(self, fact: Fact, sentence: Sentence, pronoun: tuple[int, int]) -> bool:
        """Tell whether "Those districts had ..." opens with a phrase of its own, not a pronoun.

        A demonstrative before a noun and a verb stands for the subject only when the noun
        is the subject's ("That truce was agreed ...", "These talks ...").
        """
        phrase = _DEMONSTRATIVE_NOUN.match(sentence.text, pronoun[0])
        if phrase is None:
            return False
        before = self.sentences[sentence.index - 1]
        return not (_last_named_by(fact, before, phrase["noun"])
                    or _subject_at(fact, sentence.text, phrase.start("noun")))

    def _described_again(self, fact: Fact, sentence: Sentence) -> tuple[int, int] | None:
        """The span of "The base" opening a sentence after one that named "Russia's naval base".

        A definite description by the last word of the subject the sentence before named
        stands for that subject, as a pronoun would.
        """
        opening = DEFINITE.match(sentence.text)
        if opening is None or not self._continues(sentence):
            return None
        before = self.sentences[sentence.index - 1]
        if not self.stands_for(fact, before):
            return None
        if not _last_named_by(fact, before, opening["head"]):
            return None
        # A description that is the subject in full reads as written: "The talks between
        # the government and the opposition ... opened in Almaty" after "the peace talks".
        if _subject_at(fact, sentence.text, 0):
            return None
        span: tuple[int, int] = opening.span("phrase")
        return span

    def _names_again(self, fact: Fact, sentence: Sentence, pronoun: tuple[int, int],
                     before: Sentence) -> bool:
        """Tell whether "That ceasefire" names the subject the sentence before named.

        Asked when that subject does not stand for the fact's (``exclude`` set it aside):
        "... a nationwide ceasefire was very close. That ceasefire was announced on 29
        December." dates the nationwide one. A sentence before that is about something
        else (``exclude-sentence``) names it by implication: "I was in Sarajevo in 1994.
        That siege lasted nearly four years."
        """
        subject = _SPACES.match(sentence.text, pronoun[1])
        if subject is None or not (self.names_subject(fact, before)
                                   or fact.spec.claims.about_something_else(before.text)):
            return False
        return _subject_at(fact, sentence.text, subject.end())

    def heading(self, sentence: Sentence) -> Sentence | None:
        """The heading a fact-box line stands under, if its lines reach down to this one."""

        def compute() -> Sentence | None:
            if not is_label_line(sentence.text):
                return None
            index = sentence.index
            while index and sentence.index - index < HEADING_REACH:
                before, line = self.sentences[index - 1].text, self.sentences[index].text
                # Each line down from the heading starts afresh: the one before it ends
                # without a closing point (the split was a line's end), or both are labels.
                if not ends_line(before) and not (is_label_line(before)
                                                  and is_label_line(line)):
                    return None
                if is_heading(before):
                    return self.sentences[index - 1]
                index -= 1
            return None

        # It looks at the sentences before: not its own text alone.
        result: Sentence | None = self._around(("heading", sentence.index), compute)
        return result

    def headed(self, fact: Fact, sentence: Sentence) -> bool:
        """Tell whether ``sentence`` takes ``fact``'s subject from the heading above it."""
        return (fact.id, sentence.index) in self._headed

    def understood(self, fact: Fact, sentence: Sentence) -> bool:
        """Tell whether ``sentence`` goes on about the subject the sentence before named."""
        return (fact.id, sentence.index) in self._understood

    def _refers_back(self, sentence: Sentence) -> tuple[int, int] | None:
        """The span of the pronoun opening a sentence that refers to the one before, if any."""
        if not self._continues(sentence):
            return None
        pronoun = ANSWER.match(sentence.text) or TOTAL_LABEL.match(sentence.text)
        return pronoun.span("pronoun") if pronoun else None

    def _continues(self, sentence: Sentence) -> bool:
        """Tell whether a sentence may speak of what the one before it named."""

        def compute() -> bool:
            if sentence.index == 0:
                return False
            previous = self.sentences[sentence.index - 1]
            between = self.prose[previous.end:sentence.start]
            # A new paragraph starts afresh, unless it answers a question or takes a
            # transcript's turn (the block holds the turn before only when Document.blocks
            # found both to be turns).
            return not (PARAGRAPH_BREAK.search(between)
                        and not previous.text.rstrip().endswith("?")
                        and not is_turn(self.prose, self._opened[sentence.index]))

        # It looks at the sentence before: not its own text alone.
        result: bool = self._around(("continues", sentence.index), compute)
        return result

    def _around(self, key: tuple[str, int], compute: Callable[[], T]) -> T:
        """Compute once per analysis what depends on a sentence's neighbours, unlike local."""
        if key not in self._cache:
            self._cache[key] = compute()
        result: T = self._cache[key]
        return result

    def anaphor(self, fact: Fact, sentence: Sentence) -> tuple[int, int] | None:
        """The span of the pronoun in ``sentence`` that stands for ``fact``'s subject."""
        return self._anaphors.get((fact.id, sentence.index))

    @staticmethod
    def local(sentence: Sentence, key: Any, compute: Callable[[], T]) -> T:
        """Compute something that depends on the sentence's own text alone, once per text.

        Whatever else looks at the sentence's neighbours (a pronoun's antecedent, a
        disowning sentence after it) must not go through here. A result that a pattern's
        timeout cut short is not kept: it depends on the machine's load, not on the text.
        """
        if key in sentence.memo:
            found: T = sentence.memo[key]
            return found
        before = TIMEOUTS.count
        result = compute()
        if TIMEOUTS.count == before:
            sentence.memo[key] = result
        return result

    def dates(self, sentence: Sentence) -> list[DateMention]:
        """Dates and years in a sentence."""
        result: list[DateMention] = self.local(sentence, "dates", lambda: find_dates(sentence.text))
        return result

    def numbers(self, sentence: Sentence) -> list[Number]:
        """Numbers in a sentence that are not part of a date."""

        def compute() -> list[Number]:
            skip = [(d.start, d.end) for d in self.dates(sentence) if d.month or d.year_end]
            return find_numbers(sentence.text, skip=skip)

        result: list[Number] = self.local(sentence, "numbers", compute)
        return result

    def durations(self, sentence: Sentence) -> list[Duration]:
        """Durations in a sentence (quantulum3 runs here, only when a time unit is named)."""
        result: list[Duration] = self.local(
            sentence, "durations", lambda: find_durations(sentence.text)
        )
        return result

    def places(self, sentence: Sentence) -> list[Place]:
        """Places in a sentence."""
        result: list[Place] = self.local(
            sentence, "places", lambda: self.rulebook.places.find(sentence.text)
        )
        return result

    def masks(self, kind: str, sentence: Sentence, spans: list[tuple[int, int]], blocker: str,
              anaphor: tuple[int, int] | None = None, *, headed: bool = False,
              understood: bool = False) -> list[str]:
        """The sentence masked once per mention (see :func:`factcheck.claims.mask_variants`)."""
        # Facts see different mentions of one kind (each entity fact ignores its own names).
        return self.local(
            sentence, ("masks", kind, blocker, anaphor, headed, understood, tuple(spans)),
            lambda: mask_variants(sentence.text, spans, blocker, anaphor, headed=headed,
                                  understood=understood),
        )

    @cached_property
    def names(self) -> list[NameMention]:
        """Every mention of a person the rules name, anywhere in the prose."""
        if not any(f.kind == "person" for f in self.rulebook.facts):
            return []
        return list(self.rulebook.names.scan(self.prose))
