"""The engine's shortcuts change how fast it answers, never what it answers.

Each shortcut skips work that cannot matter: a claim pattern whose anchor words a
sentence lacks, a claim pattern whose part before the value does not end at the value,
a search along the sentence for a pattern that can only start at the value, a subject
search in a sentence no claim pattern can match, a role pattern that matches
nowhere before a name, the words before a claim found backwards, a paragraph read (and cached) as runs of sentences rather than
whole. Here every claim the engine reads in real copy is compared with what it reads with
the shortcuts taken away.
"""

from __future__ import annotations

import dataclasses
import pathlib
import pickle
from collections.abc import Callable
from typing import Any

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from factcheck import analysis
from factcheck.checks.common import Claimed
from factcheck.claims import WORDS_BEFORE, ClaimSpec, compile_pattern, starts_at_value, words_before
from factcheck.document import Block, Document
from factcheck.engine import block_claims, lint_text, units
from factcheck.extract.roles import _BEFORE, _BEFORE_BACKWARDS
from factcheck.prefilter import Words
from factcheck.rulebook import Rulebook

from .conftest import ROOT, TALKS_FACT


def without_shortcuts(rulebook: Rulebook) -> Rulebook:
    """The same facts with no subject or claim anchors, backward heads or anchored starts:
    every fact is tried on every sentence, every pattern searched for everywhere."""
    facts = []
    for fact in rulebook.facts:
        claims = getattr(fact.spec, "claims", None)
        if claims is not None:
            slow = dataclasses.replace(claims, anchors=(), heads=(), value_first=())
            spec = dataclasses.replace(fact.spec, claims=slow, anchors=None)
            fact = dataclasses.replace(fact, spec=spec)
        facts.append(fact)
    return Rulebook(tuple(facts), rulebook.files, rulebook.digest + ":slow",
                    rulebook.place_names, rulebook.place_phrases)


def _corpus() -> list[pathlib.Path]:
    eval_root = ROOT / "tests" / "eval"
    dev = [p for p in sorted(eval_root.glob("dev*/*")) if p.suffix in (".md", ".txt")]
    return sorted((ROOT / "seeds").glob("*.txt")) + dev


def test_the_corpus_is_there() -> None:
    assert len(_corpus()) > 50


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shortcuts_read_the_same_claims(path: pathlib.Path, bundled: Rulebook) -> None:
    slow = without_shortcuts(bundled)
    document = Document.for_path(str(path), path.read_text(encoding="utf-8"))
    for block in document.blocks():
        fast_claims = list(block_claims(block, bundled))
        slow_claims = list(block_claims(block, slow))
        assert fast_claims == slow_claims, block.text


def test_examples_read_the_same_claims(bundled: Rulebook) -> None:
    slow = without_shortcuts(bundled)
    examples = [e.text for f in bundled.facts for e in f.examples]
    assert len(examples) > 100
    for text in examples:
        for block in Document.for_path("example.txt", text).blocks():
            assert list(block_claims(block, bundled)) == list(block_claims(block, slow)), text


# Rules and drafts where what the prefilter reads and what regex matches could part ways:
# case folding beyond ASCII, regex-only syntax, a claim starting inside a word, and
# characters regex counts as non-word. Each draft makes the claim.
_SPELLINGS = [
    ("subject: [incirlik talks]", "The İncirlik talks were held in Geneva."),
    ("subject: [ΣΥΝΟΜΙΛΙΕΣ]", "Οι συνομιλιες were held in Geneva."),
    ("subject: ['(?:hezbollah){e<=2} talks']", "Hizbullah talks were held in Geneva."),
    ("subject: ['[[:alpha:]]+ville talks']", "The Smallville talks were held in Geneva."),
    ("subject: ['[\\w[:digit:]]+ville talks']", "The Smallville talks were held in Geneva."),
    ("subject: [peace talks]\n    claims: ['held in {value}']",
     "The peace talks were \u16a0held in Geneva."),  # the engine's own name blocker
    ("subject: [peace talks]\n    claims: ['\u0345?held in {value}']",
     "The peace talks were \u0345held in Geneva."),  # U+0345 folds to a letter
    ("subject: ['(?x)peace talks']", "The peace talks were held in Geneva."),
    ("subject: [peace talks]\n    claims: ['held in {value}']",
     "The peace talks were held in Geneva."),
    ("subject: [peace talks]\n    claims: ['(?x)were held in {value}']",
     "The peace talks were held in Geneva."),
    ("subject: [peace talks]\n    claims: ['(?a)\\bvian {subject} ... in {value}']",
     "The Évian peace talks were held in Geneva."),
    ("subject: [peace talks]\n    claims: ['{subject} ... area\\W+fires ... in {value}']",
     "The peace talks on the area½fires were held in Geneva."),
]


@pytest.mark.parametrize(("rule", "text"), _SPELLINGS, ids=[t for _, t in _SPELLINGS])
def test_the_prefilter_never_hides_a_claim_regex_would_read(
        rules_from: Callable[[str], Rulebook], rule: str, text: str) -> None:
    fact = TALKS_FACT.replace("subject: [peace talks]", rule)
    if "claims:" in rule:
        fact = fact.replace('    claims: ["{subject} ... in {value}"]\n', "")
    rulebook = rules_from("facts:\n" + fact)
    (block,) = Document.for_path("draft.txt", text).blocks()
    slow = list(block_claims(block, without_shortcuts(rulebook)))
    assert [c.hit.found for _, c in slow if c.hit] == ["Geneva"]  # the claim is there to read
    assert list(block_claims(block, rulebook)) == slow


def test_claim_pattern_anchors_survive_pickling(bundled: Rulebook) -> None:
    # Workers and Dask get the rulebook pickled, and the cache keeps it pickled, warm.
    bundled.warm()
    copy = pickle.loads(pickle.dumps(bundled))
    words = Words("Rebels held the city for years.")
    # "{subject},? (?:which|that|where) (?:the )?{rebels} ... held" needs "which" as well.
    for rulebook in (bundled, copy):
        candidates = rulebook.claim_prefilter.candidates(words)
        assert ("aleppo-divided-since", 0) in candidates
        assert ("aleppo-divided-since", 8) not in candidates


def _by_units(block: Block, rulebook: Rulebook) -> set[tuple[str, Claimed]]:
    """The block's claims read run by run, at offsets relative to the block."""
    found = set()
    for unit in units(block, rulebook):
        shift = unit.start - block.start
        for fact, claim in block_claims(unit, rulebook):
            hit = claim.hit and dataclasses.replace(
                claim.hit, start=claim.hit.start + shift, end=claim.hit.end + shift)
            found.add((fact.id, dataclasses.replace(
                claim, start=claim.start + shift, end=claim.end + shift, hit=hit)))
    return found


def _whole(block: Block, rulebook: Rulebook) -> set[tuple[str, Claimed]]:
    return {(fact.id, claim) for fact, claim in block_claims(block, rulebook)}


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_runs_of_sentences_read_the_same_claims_as_whole_paragraphs(
        path: pathlib.Path, bundled: Rulebook) -> None:
    document = Document.for_path(str(path), path.read_text(encoding="utf-8"))
    for block in document.blocks():
        assert _by_units(block, bundled) == _whole(block, bundled), block.text


def test_examples_read_the_same_claims_run_by_run(bundled: Rulebook) -> None:
    examples = [e.text for f in bundled.facts for e in f.examples]
    for text in examples:
        for block in Document.for_path("example.txt", text).blocks():
            assert _by_units(block, bundled) == _whole(block, bundled), text


@pytest.mark.parametrize(("text", "runs"), [
    # Independent sentences are read apart, so each is cached on its own.
    ("Talks were held in Astana. War broke out in 2011. Aleppo fell.", 3),
    # A pronoun carries the subject of the sentence before it ...
    ("The war in Syria is long. It began in 2011.", 1),
    # ... and so may a definite description ("The base" for "Russia's naval base").
    ("Russia's naval base is to grow. The base is in Tartus.", 1),
    # A correction disowns the sentence before it.
    ("The talks were held in Geneva. That is not the case.", 1),
    # A sum's parts follow the sentence naming its total, as far as its reach.
    ("There were 25 ceasefire violations. Damascus had 17. Aleppo had 6. Hama had 2.", 1),
])
def test_a_paragraph_splits_where_no_claim_can_cross(text: str, runs: int,
                                                       bundled: Rulebook) -> None:
    (block,) = Document.for_path("draft.txt", text).blocks()
    assert len(list(units(block, bundled))) == runs


def test_an_answer_keeps_the_question_it_answers(bundled: Rulebook) -> None:
    document = Document.for_path("qa.md", "When did the war begin?\n\nIt began in 2012.\n")
    answer = document.blocks()[1]
    (unit,) = units(answer, bundled)
    assert unit.context == 1 and unit.text.startswith("When did the war begin?")
    (fact, claim), = block_claims(unit, bundled)
    assert fact.id == "war-start-year" and claim.hit is not None


# Sentences that link to their neighbours in every way the engine knows, and some that do
# not: any paragraph made of them must read the same run by run as whole.
_SENTENCES = st.sampled_from([
    "The peace talks will be held in Geneva.", "It will be held in Astana.",
    "That is not the case.", "This was wrong.", "The war in Syria began in 2012.",
    "It began in 2011.", "There were 25 ceasefire violations.", "Damascus had 17.",
    "Aleppo saw 7 and Hama 2.", "They were recorded in Aleppo (6).",
    "Some 35,000 people were evacuated from eastern Aleppo.", "Vladmir Putin spoke.",
    "Rebels have held the east of the city since 2013.", "Nothing happened on Friday.",
    "When did the war begin? In 2013.", "These figures were revised.",
])


@given(text=st.lists(_SENTENCES, min_size=1, max_size=10).map(" ".join))
def test_any_paragraph_reads_the_same_run_by_run(text: str, bundled: Rulebook) -> None:
    for block in Document.for_path("draft.txt", text).blocks():
        assert _by_units(block, bundled) == _whole(block, bundled), text


_ROLE_WORDS = st.sampled_from([
    "Foreign", "Minister", "minister", "Prime", "President", "Russian", "Turkey's", "Defence",
    "of", "the", "Syria", "spokesman", "U.N.", "Mr", "said", "deputy", "former", ",", "-",
    "Sergei", "army", "chief", "Hizballah", "leader", "and", "envoy", "Kremlin", "backing",
    "Theking", "-king",
])


@given(st.lists(_ROLE_WORDS, max_size=10).map(" ".join), st.integers(0, 90))
def test_roles_are_found_backwards_exactly_where_forwards(text: str, back: int) -> None:
    name_at = len(text) + 1
    text = text + " Sergei Shoigu"
    window = max(0, name_at - back)
    forwards = _BEFORE.search(text, window, name_at)
    backwards = _BEFORE_BACKWARDS.match(text, window, name_at)
    assert (forwards is None) == (backwards is None)


def _claims_of(paths: list[pathlib.Path], rulebook: Rulebook) -> dict[str, list[object]]:
    found: dict[str, list[object]] = {}
    for path in paths:
        document = Document.for_path(str(path), path.read_text(encoding="utf-8"))
        found[str(path)] = [list(block_claims(b, rulebook)) for b in document.blocks()]
    return found


def test_a_sentence_read_before_reads_the_same(bundled: Rulebook,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """What one sentence's text yields is kept with the text: reading it again elsewhere,
    after every other draft, gives what reading it afresh every time does."""
    corpus = _corpus()
    with monkeypatch.context() as patch:
        patch.setattr(analysis.Analysis, "local",
                      staticmethod(lambda sentence, key, compute: compute()))
        afresh = _claims_of(corpus, bundled)
    analysis._SENTENCES.clear()
    assert _claims_of(corpus[::-1], bundled) == afresh


class _Counting:
    """Counts the claim-pattern matching ClaimSpec.claimed does."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        original = ClaimSpec.claimed

        def counted(spec: ClaimSpec, *args: Any, **kwargs: Any) -> bool:
            self.calls += 1
            return original(spec, *args, **kwargs)

        monkeypatch.setattr(ClaimSpec, "claimed", counted)


def test_a_sentence_is_matched_once_whatever_run_it_turns_up_in(
        bundled: Rulebook, monkeypatch: pytest.MonkeyPatch) -> None:
    counting = _Counting(monkeypatch)
    analysis._SENTENCES.clear()
    claim = "The war in Syria began in March 2012."
    (first,) = units(Document.for_path("a.txt", f"{claim} It has killed many.").blocks()[0],
                     bundled)
    (later,) = units(Document.for_path("b.txt", f"{claim} It has displaced more.").blocks()[0],
                     bundled)
    first_claims = list(block_claims(first, bundled))
    assert counting.calls > 0 and [f.id for f, _ in first_claims] == ["war-start-year"]
    counting.calls = 0
    # A new run (its second sentence changed), but the claim sentence was read before.
    assert list(block_claims(later, bundled)) == first_claims
    assert counting.calls == 0
    analysis._SENTENCES.clear()
    assert list(block_claims(later, bundled)) == first_claims
    assert counting.calls > 0


@pytest.mark.parametrize("order", [1, -1])
def test_a_pronoun_standing_for_the_subject_is_part_of_what_a_sentence_claims(
        order: int, bundled: Rulebook) -> None:
    # The same sentence claims 2010 for the war when "It" stands for the war, and nothing
    # when it does not: whichever is read first, the other is not served its answer.
    sentence = "It began in 2010, long before the war in Syria drew in Russia."
    drafts = {"The war in Syria is long. ": ["2010"], "Nothing happened. ": []}
    analysis._SENTENCES.clear()
    for lead, found in list(drafts.items())[::order]:
        assert [f.found for f in lint_text(lead + sentence, bundled)] == found


_DEFINES = {"dated": "^{value}(?:,|:| -)?", "either": "(?:{value}|Geneva)"}


@pytest.mark.parametrize(("source", "first"), [
    ("{value} talks", True),
    ("{value}(?:'s)? (?:peace )?talks", True),
    ("{dated} ... talks", True),               # "^" and a group around the value
    ("talks ... in {value}", False),
    ("(?:in|at) {value} talks", False),
    ("{either} talks", False),                 # another alternative may start the match
    ("(?:{value} )?talks", False),             # a group that may be skipped
    ("(?:{value} ){1,2}talks", False),         # nor repeated
    ("(?:{value}[^])]*)? talks", False),       # a "]" or ")" opening a class is no bracket
    ("{value} people ... talks|talks numbered", False),  # an alternative after the value
])
def test_a_pattern_that_starts_at_its_value_is_tried_there_only(source: str,
                                                                first: bool) -> None:
    pattern = compile_pattern(source, _DEFINES, {}, gap=8, needs_value=True)
    assert starts_at_value(pattern) is first


@given(st.lists(st.sampled_from(["a", "bb", " ", "\n", "\r\n", ";", ":", "\t", ",", "é",
                                 "\ue000"]), max_size=30).map("".join), st.integers(0, 30))
def test_the_words_before_a_claim_are_found_backwards_where_a_search_finds_them(
        text: str, end: int) -> None:
    end = min(end, len(text))
    forwards = regex.compile(WORDS_BEFORE + "$").search(text, 0, end)
    assert forwards is not None and words_before(text, end) == forwards.start()
