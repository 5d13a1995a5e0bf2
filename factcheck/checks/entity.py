"""``kind: entity`` — a fact whose value is a place or a term from a closed list.

Keys (besides id, statement, sources, severity, message, examples and the claim keys
subject, claims, exclude, gap):

* ``value``: the true value ("Astana");
* ``aliases``: other names of the same value ("the Kazakh capital");
* ``accept``: broader values that are also true (the country around a city);
* ``ignore``: names that sit in the same phrases without being values (the topic: "Syria
  peace talks" are about Syria, not held there);
* ``candidates``: ``places`` (default: any gazetteer place is a possible value) or a list
  of the terms a value can be (``[company, battalion, brigade]``);
* ``elsewhere``: phrases in which a name is another event's, not a value ("Geneva (?:peace
  )?talks": "the Geneva peace talks" is the UN's own process, wherever these talks are).

A claimed value that is neither the value, an alias nor accepted is a finding.

PASS: ``Peace talks will be held in the Kazakh capital.``
FAIL: ``Peace talks will be held in Geneva.``
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from factcheck.analysis import Analysis
from factcheck.checks.common import (
    CLAIM_KEYS,
    CLAIM_REQUIRED,
    Claimed,
    Claims,
    build_claim_spec,
    claimed,
    value_claim,
)
from factcheck.claims import (
    MATCH_TIMEOUT,
    TIMEOUTS,
    PatternError,
    compile_alternatives,
    refuse_backtracking,
)
from factcheck.extract.places import COUNTRIES, key
from factcheck.rulebook import BuildContext, Fact
from factcheck.rx import Rx
from factcheck.yamlload import MappingView, fail

KIND = "entity"
KEYS = CLAIM_KEYS | {"value", "aliases", "accept", "ignore", "candidates", "elsewhere"}
REQUIRED = (*CLAIM_REQUIRED, "value")
DEFAULT_MESSAGE = 'expected {expected}, not "{found}"'


@dataclass(frozen=True)
class EntitySpec(Claims):
    """A compiled entity fact."""

    value: str
    acceptable: frozenset[str]
    ignored: frozenset[str]
    terms: regex.Pattern[str] | None  # None: the candidates are places
    names: tuple[str, ...] = ()  # the value, aliases and accepted values, as written
    candidates: tuple[str, ...] = ()  # the terms a value can be, when not places
    broader: frozenset[str] = frozenset()  # the accepted values, which only contain the value
    nouns: frozenset[str] = frozenset()  # words the subject is written with ("talks")
    elsewhere: regex.Pattern[str] | None = None  # where a name is another event's


_COMMA = Rx(r"\s*,\s*")


_ARTICLE = Rx(r"^(?:the|a|an)\s+")


def _key(text: str) -> str:
    return str(_ARTICLE.sub("", key(text)))


def build(view: MappingView, context: BuildContext) -> EntitySpec:
    """Validate and compile an entity fact."""
    value = view.required_string("value")
    aliases = [a for a, _ in view.strings("aliases")]
    accept = [a for a, _ in view.strings("accept")]
    ignore = [a for a, _ in view.strings("ignore")]
    terms = None
    words: list[str] = []
    node = view.node_of("candidates")
    if node is not None and getattr(node, "value", None) != "places":
        words = [w for w, _ in view.strings("candidates")]
        if _key(value) not in {_key(w) for w in words}:
            fail(view.path, node, f"the value {value!r} must be one of the candidates")
        alternatives = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
        terms = regex.compile(rf"(?<![\p{{L}}])(?:{alternatives})(?:e?s)?(?![\p{{L}}])", regex.I)
    else:
        context.place_phrases.update([value, *aliases, *accept])
    claims = build_claim_spec(view, context)
    elsewhere = None
    phrases = view.strings("elsewhere")
    for source, node in phrases:
        try:
            refuse_backtracking(regex.compile(compile_alternatives([source], context.defines),
                                              regex.I))
        except PatternError as exc:
            fail(view.path, node, str(exc))
    if phrases:
        elsewhere = regex.compile(compile_alternatives([s for s, _ in phrases], context.defines),
                                  regex.I)
    return EntitySpec(
        claims=claims.claims,
        anchors=claims.anchors,
        value=value,
        acceptable=frozenset(_key(v) for v in (value, *aliases, *accept)),
        ignored=frozenset(_key(v) for v in ignore),
        terms=terms,
        names=(value, *aliases, *accept),
        candidates=tuple(words),
        broader=frozenset(_key(v) for v in accept),
        # The subject's anchor words, kept apart from the prefilter's: what they decide
        # here is no shortcut.
        nouns=claims.anchors or frozenset(),
        elsewhere=elsewhere,
    )


_PLURAL_END = Rx(r"(?<=[^s])e?s$")


def _singular(text: str) -> str:
    return str(_PLURAL_END.sub("", text))


_NEXT_WORD = Rx(r"[ \t]+(\p{L}+)")


def _topic(spec: EntitySpec, text: str, mention: tuple[int, int, str]) -> bool:
    """Tell whether a country's name is what the subject is about, not where it is.

    Before the subject's own noun, a country names a topic: "the Ukraine negotiations"
    were about Ukraine, wherever they were held.
    """
    _, end, name = mention
    if spec.terms is not None or not spec.nouns or key(name) not in COUNTRIES:
        return False
    after = _NEXT_WORD.match(text, end)
    return after is not None and after.group(1).lower().startswith(tuple(spec.nouns))


def _not_elsewhere(elsewhere: regex.Pattern[str], text: str,
                   mentions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop the mentions that lie inside a phrase naming another event ("the Geneva talks")."""
    named: list[tuple[int, int]] = TIMEOUTS.bounded(
        lambda: [m.span() for m in elsewhere.finditer(text, timeout=MATCH_TIMEOUT)], [])
    return [m for m in mentions if not any(s <= m[0] and m[1] <= e for s, e in named)]


def claims(fact: Fact, analysis: Analysis) -> Iterator[Claimed]:
    """Yield every value claimed for the fact; those not the fact's value carry a hit."""
    spec: EntitySpec = fact.spec
    for sentence in analysis.subject_sentences(fact, claiming=True):
        if spec.terms is not None:
            mentions = [(m.start(), m.end(), m.group()) for m in spec.terms.finditer(sentence.text)]
            kind = "terms:" + fact.id
        else:
            mentions = [(p.start, p.end, p.text) for p in analysis.places(sentence)]
            kind = "places"
        mentions = [m for m in mentions
                    if _key(m[2]) not in spec.ignored and not _topic(spec, sentence.text, m)]
        if spec.elsewhere is not None and mentions:
            mentions = _not_elsewhere(spec.elsewhere, sentence.text, mentions)
        spans = [(s, e) for s, e, _ in mentions]
        chosen = set(claimed(fact, analysis, kind, sentence, spans, names=True))
        # A broader true value does not stand between the subject and a place after it:
        # "The talks in Kazakhstan will be held in Almaty" claims Almaty too.
        narrow = [i for i, m in enumerate(mentions) if _key(m[2]) not in spec.broader]
        if 0 < len(narrow) < len(mentions):
            chosen.update(narrow[i] for i in claimed(fact, analysis, kind, sentence,
                                                     [spans[i] for i in narrow], names=True))
        values: list[tuple[int, int, bool]] = []
        for index in sorted(chosen, key=lambda i: spans[i][0]):
            start, end, text = mentions[index]
            right = _key(text) in spec.acceptable or _singular(_key(text)) in spec.acceptable
            if (values and not right and not values[-1][2] and key(text) in COUNTRIES
                    and _COMMA.fullmatch(sentence.text, values[-1][1], start)):
                # "Geneva, Switzerland": a wrong place and its country are one wrong value
                # (but "Geneva, Vienna or Almaty" lists three).
                values[-1] = (values[-1][0], end, right)
            else:
                values.append((start, end, right))
        for start, end, right in values:
            yield value_claim(fact, sentence, start, end, sentence.text[start:end], spec.value,
                              right=right)
