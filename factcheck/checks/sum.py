"""``kind: sum`` — a total and the parts that add up to it (25 = 17 + 6 + 2).

Keys (besides the common and claim keys):

* ``total``: the true total; ``claims`` tie a ``{value}`` to the subject as the total;
* ``parts``: a mapping of part labels to their numbers (``{Damascus: 17, Aleppo: 6}``),
  which must add up to ``total``.

In a sentence that names the subject, and in the sentence after it in the same
paragraph, a number attached to a part label ("Damascus (17)", "17 in Damascus",
"Damascus: 17") is that part's figure, and a sum of exactly the rule's part figures
("17, 6 and 2 make 26", "17 + 6 + 2 = 26") gives a total. A claimed total or a part
figure that differs from the rule is a finding.

PASS: ``25 violations: 17 in Damascus, 6 in Aleppo and 2 in Hama.``
FAIL: ``25 violations: 17 in Damascus, 7 in Aleppo and 2 in Hama.``
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from factcheck.analysis import Analysis, Sentence
from factcheck.checks.common import (
    CLAIM_KEYS,
    CLAIM_REQUIRED,
    Claimed,
    Claims,
    build_claim_spec,
    claimed,
    value_claim,
)
from factcheck.checks.quantity import format_number
from factcheck.document import CONTINUES, runs_on
from factcheck.extract.numbers import Number
from factcheck.rulebook import BuildContext, Fact
from factcheck.rx import Rx
from factcheck.yamlload import MappingView, fail, scalar

KIND = "sum"
KEYS = CLAIM_KEYS | {"total", "parts"}
REQUIRED = (*CLAIM_REQUIRED, "total", "parts")
DEFAULT_MESSAGE = 'expected {expected}, not "{found}"'
# What may part a label from the number after it: "Damascus (17)", "Damascus: 17",
# "Damascus - 17", "Damascus prov 17", "Hama, with three"; not "Damascus, 6", which is the
# next item of a list.
_AREA_NOUN = r"\s*(?:(?:province|governorate|region|district|prov\.?)\s*)?"
_AFTER_LABEL = Rx(
    _AREA_NOUN + r"(?:alone\s+)?"
    r"(?:\(|:|[-–—]|(?:accounted for|had|saw|recorded|registered|reported|,?\s*with|for)(?=\s))?"
    r"\s*",
    regex.I,
)
_YEAR = Rx(r"(?:1[89]|20)\d\d")
_DETERMINER_BEFORE = Rx(r"(?<![\p{L}])(?:the|this|that|an?)\s+$", regex.I)
_PRONOUN_ONE = Rx(r"ones?", regex.I)
# How many sentences after a subject sentence its claims may draw on (the parts here).
REACH = 6
# "17 in Damascus", "17 of them in the province of Damascus", "15 around Damascus".
_TO_LABEL = (
    r"(?:in|from|at|for|around|near|across|within|inside)\s+(?:the\s+)?"
    r"(?:(?:province|governorate|region|area)\s+(?:of|around)\s+)?"
)
_BEFORE_LABEL = Rx(rf"\s+(?:[\p{{L}}']+\s+){{0,3}}?{_TO_LABEL}", regex.I)
# A number only a space (or "province") parts from the label before it, and which opens an
# item of its own ("... in damascus province six in aleppo", as unpunctuated transcripts
# run), counts that item, not the label.
_LOOSE_AFTER = Rx(_AREA_NOUN, regex.I)
_ITEM_OPENER = rf"\s+{_TO_LABEL}(?!(?:all|total)(?![\p{{L}}]))\p{{L}}"
_OPENS_ITEM = Rx(_ITEM_OPENER, regex.I)
_MORE_OPENS_ITEM = Rx(rf"(?:\s+(?:more|others?|further|again))?{_ITEM_OPENER}", regex.I)
# A part in brackets is the bracket's whole content: "Damascus (17)", "Aleppo (6 of them)".
_CLOSES = Rx(r"\s*(?:[\p{L}'-]+\s*){0,3}\)")
_ROW_CELL = Rx(rf"{_AREA_NOUN},\s*", regex.I)  # "| Aleppo province | 5 |"
_BARE_ITEM = Rx(r"[ \t]+")
_ITEM_END = Rx(r"\s*(?:[,;.)]|and(?![\p{L}])|$)")
# A number that goes on to name what it counts, other than the subject, is no part of it:
# "Aleppo, with 1.5 million people", "300 buses in Aleppo", "Hama, with 40 dead".
_COUNTS_OTHER = Rx(
    r"\s*(?:million|thousand|hundred|per\s*cent|percent|%|km|kilometres|kilometers|miles)"
    r"|\s+(?:[\p{L}-]+\s+)?(?:people|persons|residents|inhabitants|civilians|dead|killed"
    r"|deaths|casualties|wounded|injured|children|families|fighters|rebels|troops|soldiers"
    r"|buses|vehicles|trucks|lorries|convoys)(?![\p{L}])",
    regex.I,
)
# In a later sentence only words that say it is counted may come between: "Seventeen were
# recorded in Damascus" goes on with the breakdown, "3 died in Hama" counts something else.
_BEFORE_LABEL_LATER = Rx(
    r"\s+(?:(?:of\s+them|were|was|had\s+been|have\s+been|been|occurred|happened|took\s+place"
    rf"|recorded|registered|reported|logged|counted|noted|observed)\s+){{0,3}}?{_TO_LABEL}",
    regex.I,
)

# A later line of the breakdown that only labels its figure as the total: a table's last
# row ("| Total | 29 |", read as "Total, 29"), "Overall: 29".
_TOTAL_ROW = Rx(
    r"(?:(?:final|overall|grand)\s+)?(?:total|sum|in\s+all|altogether|overall)"
    r"\s*(?:[,:=]|[-–—])?\s*",
    regex.I,
)


# A sum written out: "17, 6 and 2 make 26", "17 + 6 + 2 = 26", "the 17, 6 and 2
# violations add up to 26", "17 in Damascus province + 6 in Aleppo + 2 in Hama = 26".
# A term may carry its label: up to three words or a bracket of words, no figures.
_TERM_LABEL = r"(?:\s*\([\p{L}' .-]{1,40}\)|(?:\s+\p{L}[\p{L}'.-]*){1,3}(?=\s*(?:\+|=)))?"
_PLUS = Rx(_TERM_LABEL + r"\s*(?:,\s*(?:and\s+)?|\+|(?:plus|and)(?=\s))\s*", regex.I)
_MAKES = Rx(
    _TERM_LABEL + r"\s*(?:\p{L}[\p{L}'-]*\s+){0,2}?"
    r"(?:=|makes?|made|(?:adds?|added)\s+up\s+to|totals?|totall?ed|(?:comes?|came)\s+to"
    r"|sums?\s+to|equals?|gives?|is|are)(?![\p{L}])\s*",
    regex.I,
)


@dataclass(frozen=True)
class SumSpec(Claims):
    """A compiled sum fact."""

    total: int
    parts: tuple[tuple[str, int, regex.Pattern[str]], ...]

    @property
    def breakdown(self) -> str:
        """The parts as findings show them: "Damascus 17 + Aleppo 6 + Hama 2"."""
        return " + ".join(f"{label} {format_number(n)}" for label, n, _ in self.parts)


def build(view: MappingView, context: BuildContext) -> SumSpec:
    """Validate and compile a sum fact."""
    total = view.integer("total", minimum=0)
    parts_view = MappingView(view.required("parts"), view.path, "'parts'")
    parts = []
    for label, (key_node, value_node) in parts_view.items.items():
        amount = scalar(value_node, view.path)
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
            fail(view.path, value_node, f"part {label!r} must be a whole number")
        words = r"\s+".join(regex.escape(w) for w in label.split())
        pattern = regex.compile(rf"(?<![\p{{L}}])(?:{words})(?![\p{{L}}])", regex.I)
        parts.append((label, amount, pattern))
        if not label.strip():
            fail(view.path, key_node, "part labels must not be empty")
    if not parts:
        fail(view.path, view.required("parts"), "'parts' needs at least one part")
    if total is None or sum(n for _, n, _ in parts) != total:
        fail(view.path, view.required("total"), "the parts do not add up to 'total'")
    claims = build_claim_spec(view, context)
    return SumSpec(claims=claims.claims, anchors=claims.anchors, total=total, parts=tuple(parts))


def _part_candidates(sentence: Sentence, numbers: list[Number]) -> list[Number]:
    """The numbers of ``sentence`` that may be a part's figure: no years, nothing else counted."""
    return [n for n in numbers if not _YEAR.fullmatch(n.text)
            and not _COUNTS_OTHER.match(sentence.text, n.end)]


def _part_number(sentence: Sentence, candidates: list[Number], start: int, end: int, *,
                 later: bool = False) -> Number | None:
    """Return the number among ``candidates`` attached to the part label at ``start:end``.

    ``later`` says the sentence follows the one that names the subject.
    """
    text = sentence.text
    # "the Aleppo one" is a pronoun for something named before, not Aleppo's count of one.
    pronoun = _DETERMINER_BEFORE.search(text, max(0, start - 8), start) is not None
    for number in candidates:
        if pronoun and number.start >= end and _PRONOUN_ONE.fullmatch(number.text):
            continue
        if number.start >= end and _AFTER_LABEL.fullmatch(text, end, number.start):
            if (_LOOSE_AFTER.fullmatch(text, end, number.start)
                    and _OPENS_ITEM.match(text, number.end)):
                continue
            # "Damascus province, with six more around Aleppo": the aside counts Aleppo's.
            if "," in text[end:number.start] and _MORE_OPENS_ITEM.match(text, number.end):
                continue
            if "(" in text[end:number.start] and not _CLOSES.match(text, number.end):
                continue  # "from eastern Aleppo (about 35,000, per the ICRC)" counts people
            return number
        # A row of a table (or a list) that ends with the number: "Aleppo, 9", "Aleppo
        # province, 9".
        if (number.start >= end and _ROW_CELL.fullmatch(text, end, number.start)
                and not text[number.end:].strip(" \t.;")):
            return number
    before = _BEFORE_LABEL_LATER if later else _BEFORE_LABEL
    for number in reversed(candidates):
        if number.end <= start and before.fullmatch(text, number.end, start):
            return number
        # An item of a terse list: "17 Damascus, 6 Aleppo, 3 Hama" (not "3 Aleppo districts").
        if (number.end <= start and _BARE_ITEM.fullmatch(text, number.end, start)
                and _ITEM_END.match(text, end)):
            return number
    return None


def _total_row(sentence: Sentence, numbers: list[Number]) -> Number | None:
    """Return the figure of a line that is only a label for the total and the total."""
    if len(numbers) != 1:
        return None
    [number] = numbers
    text = sentence.text
    if text[number.end:].strip(" \t.;") or not _TOTAL_ROW.fullmatch(text, 0, number.start):
        return None
    return number


def _sums(text: str, numbers: list[Number], amounts: list[int]
          ) -> Iterator[tuple[list[Number], Number]]:
    """Yield each sum written out of exactly the figures ``amounts``, with its total."""
    size = len(amounts)
    for first in range(len(numbers) - size):
        terms = numbers[first:first + size]
        total = numbers[first + size]
        if (sorted(n.low for n in terms) == sorted(amounts)
                and all(n.low == n.high and n.hedge is None for n in terms)
                and all(_PLUS.fullmatch(text, a.end, b.start)
                        for a, b in itertools.pairwise(terms))
                and _MAKES.fullmatch(text, terms[-1].end, total.value_start)):
            yield terms, total


def _paragraph_from(analysis: Analysis, sentence: Sentence) -> list[Sentence]:
    """The sentence and the ones after it in its paragraph (a list of parts, say).

    A paragraph that opens by breaking the figure down ("Of those, 15 were ...") goes on
    with it.
    """
    found = [sentence]
    for nxt in analysis.sentences[sentence.index + 1:sentence.index + 1 + REACH]:
        if (not runs_on(analysis.prose, found[-1].end, nxt.start)
                and CONTINUES.match(nxt.text) is None):
            break
        found.append(nxt)
    return found


def claims(fact: Fact, analysis: Analysis) -> Iterator[Claimed]:
    """Yield the claimed total and parts; a wrong total or a wrong part carries a hit."""
    spec: SumSpec = fact.spec
    reported: set[int] = set()
    for sentence in analysis.subject_sentences(fact):
        parts: dict[int, tuple[Sentence, Number, str, int]] = {}
        for part_sentence in _paragraph_from(analysis, sentence):
            part_numbers = analysis.numbers(part_sentence)
            for terms, total in _sums(part_sentence.text, part_numbers,
                                      [amount for _, amount, _ in spec.parts]):
                # The terms are the parts' own figures: none of them is a total.
                reported.update(part_sentence.start + n.value_start for n in terms)
                offset = part_sentence.start + total.value_start
                if offset not in reported:
                    reported.add(offset)
                    yield _total_claim(fact, part_sentence, total)
            # (the subject's own sentence gives its total by a claim pattern, below)
            row_total = (_total_row(part_sentence, part_numbers)
                         if part_sentence is not sentence else None)
            if row_total is not None:
                offset = part_sentence.start + row_total.value_start
                if offset not in reported:
                    reported.add(offset)
                    yield _total_claim(fact, part_sentence, row_total)
            candidates = _part_candidates(part_sentence, part_numbers)
            for label, amount, pattern in spec.parts:
                for match in pattern.finditer(part_sentence.text):
                    part = _part_number(part_sentence, candidates, *match.span(),
                                        later=part_sentence is not sentence)
                    if part is not None:
                        offset = part_sentence.start + part.value_start
                        parts.setdefault(offset, (part_sentence, part, label, amount))
        numbers = analysis.numbers(sentence)
        spans = [(n.start, n.end) for n in numbers]
        for index in claimed(fact, analysis, "numbers", sentence, spans):
            number = numbers[index]
            offset = sentence.start + number.value_start
            # "17 ceasefire violations in Damascus" is a part, not the total.
            if offset in parts or offset in reported:
                continue
            reported.add(offset)
            yield _total_claim(fact, sentence, number)
        for offset, (part_sentence, part, label, amount) in sorted(parts.items()):
            if offset in reported:
                continue
            reported.add(offset)
            yield _claimed(fact, label, part_sentence, part, f"{label} {format_number(amount)}",
                           right=part.low <= amount <= part.high)


def _total_claim(fact: Fact, sentence: Sentence, number: Number) -> Claimed:
    """The claim that ``number`` is the sum's total."""
    spec: SumSpec = fact.spec
    return _claimed(fact, "total", sentence, number,
                    f"{format_number(spec.total)} ({spec.breakdown})",
                    right=number.low <= spec.total <= number.high)


def _claimed(fact: Fact, part: str, sentence: Sentence, number: Number, expected: str, *,
             right: bool) -> Claimed:
    found = sentence.text[number.value_start:number.end]
    return value_claim(fact, sentence, number.value_start, number.end, found, expected,
                       right=right, part=part)
