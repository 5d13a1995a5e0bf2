"""``kind: person`` — a person's spelling and role.

Keys (besides id, statement, sources, severity, message, examples):

* ``name``: the canonical spelling ("Vladimir Putin");
* ``variants``: other accepted spellings and short forms ("Putin", "Nazarbaev");
* ``role``: the role in words, for messages ("Russian president");
* ``titles``: the titles that are right for the person ("president", "leader");
* ``of``: the countries, demonyms or organisations a title may name ("Russia", "Russian").

A name within a small edit distance of the canonical name or a variant, but equal to
none of them, is a misspelling ("Vladmir Putin"). A title written beside the name that is
not among ``titles``, or names a place or nation not in ``of``, is a wrong role
("Foreign Minister Sergei Shoigu", "Turkish Defence Minister Sergei Shoigu").

PASS: ``Defence Minister Sergei Shoigu said``
FAIL: ``Russian President Vladmir Putin said``
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from factcheck.analysis import Analysis, Sentence
from factcheck.checks.common import Claimed
from factcheck.claims import SLIPS, misnamed, negated_here, retracted
from factcheck.document import is_heading
from factcheck.extract.names import PersonSpec
from factcheck.extract.roles import (
    Role,
    normalise_qualifier,
    normalise_title,
    opening_role,
    role_of,
)
from factcheck.finding import Hit
from factcheck.rulebook import BuildContext, Fact, person_spec
from factcheck.rx import Rx
from factcheck.yamlload import MappingView

KIND = "person"
KEYS = frozenset({"name", "variants", "role", "titles", "of"})
REQUIRED = ("statement", "sources", "name")
DEFAULT_MESSAGE = 'the name is spelled "{expected}", not "{found}"'


@dataclass(frozen=True)
class PersonFact:
    """A compiled person fact."""

    person: PersonSpec
    role: str | None
    titles: frozenset[str]
    qualifiers: frozenset[str]
    anchors: bool = False  # people are found by the name index, not by the prefilter


def build(view: MappingView, context: BuildContext) -> PersonFact:
    """Validate and compile a person fact."""
    name = view.required_string("name")
    variants = [v for v, _ in view.strings("variants")]
    fact_id = view.required_string("id")
    return PersonFact(
        person=person_spec(fact_id, name, variants),
        role=view.string("role"),
        titles=frozenset(normalise_title(t) for t, _ in view.strings("titles")),
        qualifiers=frozenset(normalise_qualifier(q) for q, _ in view.strings("of")),
    )


# The sentence after a quoted misspelling that names it one.
_A_TYPO = Rx(rf"\s*(?:that|this|it)\s+(?:is|was)\s+an?\s+(?:{SLIPS})(?![\p{{L}}])", regex.I)


def _set_aside(analysis: Analysis, start: int, *, right_spelling: str | None = None) -> bool:
    """Tell whether a correction or a negation in its sentence sets the mention aside.

    A title right after a negation is not claimed ("Not Prime Minister Vladimir Putin").
    A misspelled name is only set aside by a correction that names the error, or by a
    negation after the right spelling ("He is Sergei Shoigu, not Sergei Shoygu", "Shoigu,
    not Shoygu"): "It was not Vladmir Putin who ..." still misspells him.
    """
    sentence = analysis.sentence_at(start)
    if sentence is None:
        return False
    at = start - sentence.start
    if misnamed(sentence.text, at):
        return True
    # A title a correction quotes from a story: 'A caption described him as "Prime
    # Minister Nursultan Nazarbayev".' (unquoted, it may be what a caption says now; and
    # a misspelling there may be the correction's own), or a quoted statement the next
    # sentence judges: '"Hassan Nasrallah is the president of Iran." Verdict: FALSE.'
    if (right_spelling is None and sentence.text.count('"', 0, at) % 2
            and (retracted(sentence.text, at) or analysis.disowned(sentence))):
        return True
    if (right_spelling is not None and analysis.prose[start - 1:start] in ('"', "“")
            and analysis.disowned(sentence)
            and _A_TYPO.match(analysis.sentences[sentence.index + 1].text)):
        return True  # a source's spelling, quoted: 'spells it "Vladmir Putin". That is a typo.'
    if not negated_here(sentence.text, at):
        return False
    # The right spelling of the surname is enough: "house style is Shoigu, not Shoygu".
    return (right_spelling is None
            or right_spelling.split()[-1].lower() in sentence.text[:at].lower())


# What may stand between a heading's name and the paragraph under it when Markdown runs
# them together: a ranking's move ("Sergei Shoigu ▲3 Russia's interior minister ...").
_UNDER_HEADING = Rx(r"[ \t\p{So}\p{N}]*[ \t]")


def _role_below(analysis: Analysis, sentence: Sentence, name: tuple[int, int]) -> Role | None:
    """The role opening the paragraph under a heading that names only this person.

    A profile or a ranking names its person in the heading and describes them in the
    paragraph below: "### 4. Sergei Shoigu", then "Russia's interior minister delivered ...".
    Without a blank line between, the heading and the paragraph's first sentence are one.
    """
    prose = analysis.prose
    gap = _UNDER_HEADING.match(prose, name[1], sentence.end)
    # The name must open the sentence that runs on past the heading.
    if gap is not None and not prose[sentence.start:name[0]].strip(" 0123456789.)"):
        role = opening_role(prose, gap.end(), sentence.end)
        if role is not None:
            return role
    if (sentence.index + 1 >= len(analysis.sentences) or not is_heading(sentence.text)
            or sum(sentence.start <= m.start < sentence.end for m in analysis.names) != 1):
        return None
    below = analysis.sentences[sentence.index + 1]
    return opening_role(prose, below.start, below.end)


def claims(fact: Fact, analysis: Analysis) -> Iterator[Claimed]:
    """Yield the person's names and roles; misspellings and wrong roles carry a hit."""
    spec: PersonFact = fact.spec
    prose = analysis.prose
    for mention in analysis.names:
        if mention.person.id != fact.id or (
            mention.misspelled
            and _set_aside(analysis, mention.start, right_spelling=spec.person.canonical)
        ):
            continue
        hit = None
        if mention.misspelled:
            hit = Hit(
                start=mention.start,
                end=mention.end,
                message=fact.format(expected=spec.person.canonical, found=mention.text),
                expected=spec.person.canonical,
                found=mention.text,
            )
        if mention.full or mention.misspelled:
            yield Claimed("name", mention.start, mention.end, mention.text, hit)
        if not mention.full or not spec.titles:
            continue
        # A role is written in the name's own sentence: in a table of people, the role
        # ending one row is not the title of the name opening the next.
        sentence = analysis.sentence_at(mention.start)
        low, high = (sentence.start, sentence.end) if sentence else (0, len(prose))
        role = role_of(prose, mention.start, mention.end, low, high)
        if role is None and sentence is not None:
            role = _role_below(analysis, sentence, (mention.start, mention.end))
        if role is None or role.past or _set_aside(analysis, role.start):
            continue
        wrong_title = role.title not in spec.titles
        wrong_place = (
            role.qualifier_checkable
            and bool(spec.qualifiers)
            and not role.qualifier_accepted(spec.qualifiers)
        )
        hit = None
        if wrong_title or wrong_place:
            described = spec.role or ", ".join(sorted(spec.titles))
            hit = Hit(
                start=role.start,
                end=role.end,
                message=f'{spec.person.canonical} is {described}, not "{role.text}"',
                expected=f"{spec.person.canonical}, {described}",
                found=role.text,
            )
        yield Claimed("role", role.start, role.end, role.text, hit)
