"""What the claim-based check kinds share: their keys, pattern building and claim matching."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

import regex

from factcheck.analysis import Analysis, Sentence
from factcheck.claims import (
    ANAPHOR,
    DEFAULT_GAP,
    HEADING,
    NAME_BLOCKER,
    REPORTING,
    SLOTS,
    UNDERSTOOD,
    VALUE_BLOCKER,
    ClaimSpec,
    PatternError,
    compile_alternatives,
    compile_head,
    compile_pattern,
    expand,
    join_tokens,
    opens_with_literal,
    refuse_backtracking,
    starts_at_value,
    subject_source,
)
from factcheck.finding import Hit
from factcheck.prefilter import anchors, requirements
from factcheck.rulebook import BuildContext, Fact
from factcheck.rx import Rx
from factcheck.yamlload import MappingView, fail

CLAIM_KEYS = frozenset({"subject", "claims", "exclude", "exclude-sentence", "gap"})
CLAIM_REQUIRED = ("statement", "sources", "subject", "claims")
# An appositive right after a claimed value names the same thing ("Astana, Kazakhstan").
_APPOSITION = Rx(r"\s*(?:,|\(|-|–|—)\s*(?:the\s+)?$", regex.I)
# ... unless a verb follows it, which makes it (or the noun it qualifies) the subject of a
# clause of its own: "held in Astana, Moscow said" or "..., Geneva officials said"
# attributes the claim rather than restating the place.
_CLAUSE_SUBJECT = Rx(
    rf"\s+(?:(?-i:\p{{Ll}})[\p{{L}}'-]*\s+)?(?:\p{{L}}+ly\s+)?(?:{REPORTING}|say"
    r"|confirmed|confirms|reported|reports|stated|states|insisted|insists|noted|notes"
    r"|claimed|claims|agreed|agrees|argued|argues|warned|warns|is|was|were|are|has|have|had"
    r"|will|would|could|can|may|might|must|should|did|does|do)(?![\p{L}\p{N}])",
    regex.I,
)


@dataclass(frozen=True)
class Claimed:
    """A value a draft states for a fact, right or wrong, and its finding if wrong.

    Checks report every claim they read, not only the wrong ones, so that mutation
    testing can find correct statements to break.
    """

    part: str  # what the value is: "value", "name", "role", "total" or a sum part's label
    start: int  # document offsets of the value itself
    end: int
    text: str
    hit: Hit | None


def value_claim(fact: Fact, sentence: Sentence, start: int, end: int, found: str,
                expected: str, *, right: bool, part: str = "value") -> Claimed:
    """The claim of the value at ``start:end`` of a sentence, with its finding unless ``right``."""
    start, end = sentence.start + start, sentence.start + end
    hit = None if right else Hit(start, end, fact.format(expected=expected, found=found),
                                 expected, found)
    return Claimed(part, start, end, found, hit)


@dataclass(frozen=True)
class Claims:
    """A claim-based fact's compiled patterns and its prefilter anchors."""

    claims: ClaimSpec
    anchors: frozenset[str] | None


def build_claim_spec(view: MappingView, context: BuildContext, units: Sequence[str] = ()
                     ) -> Claims:
    """Compile a fact's ``subject``, ``claims``, ``exclude``, ``exclude-sentence``, ``gap``."""
    gap = view.integer("gap", DEFAULT_GAP, minimum=0)
    if gap is None or gap > 30:
        fail(view.path, view.node_of("gap") or view.node, "'gap' must be between 0 and 30 words")
    subjects = view.strings("subject")
    claims = view.strings("claims")
    if not subjects:
        fail(view.path, view.required("subject"), "'subject' needs at least one phrase")
    if not claims:
        fail(view.path, view.required("claims"), "'claims' needs at least one pattern")
    final: dict[str, str] = {}
    try:
        for source, node in subjects:
            current = node
            refuse_backtracking(
                regex.compile(compile_alternatives([source], context.defines), regex.I)
            )
        subject = compile_alternatives([s for s, _ in subjects], context.defines)
        final["subject"] = f"(?:{ANAPHOR}+|{subject})"
        final["heading"] = HEADING
        final["understood"] = UNDERSTOOD
        if units:
            final["unit"] = compile_alternatives(units, context.defines)
        compiled_claims = []
        claim_anchors = []
        for source, node in claims:
            current = node
            compiled_claims.append(
                compile_pattern(source, context.defines, final, gap=gap, needs_value=True)
            )
            refuse_backtracking(compiled_claims[-1])
            claim_anchors.append(literal_words(source, context.defines))
        excludes: dict[str, list[regex.Pattern[str]]] = {"exclude": [], "exclude-sentence": []}
        for key, compiled in excludes.items():
            for source, node in view.strings(key):
                current = node
                compiled.append(
                    compile_pattern(source, context.defines, final, gap=gap, needs_value=False)
                )
                refuse_backtracking(compiled[-1])
    except PatternError as exc:
        fail(view.path, current, str(exc))
    found = anchors([subject_source(s, context.defines) for s, _ in subjects])
    return Claims(
        claims=ClaimSpec(
            subject=regex.compile(subject, regex.I),
            claims=tuple(compiled_claims),
            exclude=tuple(excludes["exclude"]),
            exclude_sentence=tuple(excludes["exclude-sentence"]),
            sources={
                key: tuple(s for s, _ in view.strings(key))
                for key in ("subject", "claims", "exclude", "exclude-sentence")
            },
            anchors=tuple(claim_anchors),
            heads=tuple(compile_head(p) for p in compiled_claims),
            value_first=tuple(starts_at_value(p) for p in compiled_claims),
            understood=any(UNDERSTOOD in p.pattern for p in compiled_claims),
        ),
        anchors=frozenset(found) if found else None,
    )


def literal_words(source: str, defines: Mapping[str, str]) -> tuple[frozenset[str], ...]:
    """Sets of words, one of each of which every match of a claim pattern contains."""
    # Slots become a non-word character, so the words beside them still start words; a gap
    # always begins and ends with a separator, so it reads as whitespace.
    blank = dict.fromkeys(SLOTS, "\x00")
    return requirements(join_tokens(source, r"\s+", lambda t: expand(t, defines, blank)),
                        at_word_start=opens_with_literal(source, defines))


class _Mention(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


M = TypeVar("M", bound=_Mention)


def claimed_mentions(fact: Fact, analysis: Analysis, kind: str,
                     mentions: Callable[[Sentence], Sequence[M]]) -> Iterator[tuple[Sentence, M]]:
    """Yield each value mention (dates, numbers, durations...) that a sentence claims for ``fact``.

    ``kind`` names the mentions for the analysis's memo; ``mentions`` finds them in a sentence.
    """
    for sentence in analysis.subject_sentences(fact, claiming=True):
        found = mentions(sentence)
        spans = [(m.start, m.end) for m in found]
        for index in claimed(fact, analysis, kind, sentence, spans):
            yield sentence, found[index]


def claimed(fact: Fact, analysis: Analysis, kind: str, sentence: Sentence,
            spans: list[tuple[int, int]], *, names: bool = False) -> list[int]:
    """Return the indexes of the mention ``spans`` that the sentence claims for ``fact``.

    ``names`` says the mentions are names (places, terms) rather than numbers or dates,
    which decides how other mentions block a pattern (see :mod:`factcheck.claims`).
    """
    if not spans or analysis.disowned(sentence):
        return []
    anaphor = analysis.anaphor(fact, sentence)
    headed = analysis.headed(fact, sentence)
    understood = analysis.understood(fact, sentence)
    # Which mentions the sentence claims depends on its own text alone (and on the
    # pronoun, heading or sentence before standing for the subject): a sentence seen
    # before is not matched again.
    return analysis.local(
        sentence, ("claimed", fact.id, kind, names, anaphor, headed, understood, tuple(spans)),
        lambda: _claimed_here(fact, analysis, kind, sentence, spans, names, anaphor, headed,
                              understood),
    )


def _claimed_here(fact: Fact, analysis: Analysis, kind: str, sentence: Sentence,
                  spans: list[tuple[int, int]], names: bool, anaphor: tuple[int, int] | None,
                  headed: bool, understood: bool) -> list[int]:
    spec: ClaimSpec = fact.spec.claims
    if spec.about_something_else(sentence.text):
        return []
    blocker = NAME_BLOCKER if names else VALUE_BLOCKER
    live = analysis.live(fact, sentence)
    if not live:
        return []
    variants = analysis.masks(kind, sentence, spans, blocker, anaphor, headed=headed,
                              understood=understood)
    chosen = {i for i, masked in enumerate(variants) if spec.claimed(masked, live)}
    # Extend over appositions: "in the Kazakh capital, Almaty" claims both names. A figure
    # after a figure is no second name for it but the next item or cell: "45,000, 2". A
    # name said again, as a script's pronunciation note does ("Minsk (MINSK)"), is one claim.
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    text = sentence.text
    for a, b in itertools.pairwise(order):
        if (a in chosen and kind != "numbers"
                and text[slice(*spans[a])].casefold() != text[slice(*spans[b])].casefold()
                and _APPOSITION.fullmatch(text, spans[a][1], spans[b][0])
                and not _CLAUSE_SUBJECT.match(text, spans[b][1])
                and not spec.excluded_around(text, *spans[b], before=False)):
            chosen.add(b)
    return sorted(chosen, key=lambda i: spans[i][0])
