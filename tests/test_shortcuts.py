"""The engine's shortcuts change how fast it answers, never what it answers.

Each shortcut skips work that cannot matter: a claim pattern whose anchor words a
sentence lacks, a claim pattern whose part before the value does not end at the value, a
subject search in a sentence no claim pattern can match, a role pattern that matches
nowhere before a name. Here every claim the engine reads in real copy is compared with
what it reads with the shortcuts taken away.
"""

from __future__ import annotations

import dataclasses
import pathlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.document import Document
from factcheck.engine import block_claims
from factcheck.extract.roles import _BEFORE, _BEFORE_BACKWARDS
from factcheck.rulebook import Rulebook

from .conftest import ROOT


def without_shortcuts(rulebook: Rulebook) -> Rulebook:
    """The same facts with no claim anchors and no backward heads: every pattern is tried."""
    facts = []
    for fact in rulebook.facts:
        claims = getattr(fact.spec, "claims", None)
        if claims is not None:
            slow = dataclasses.replace(claims, anchors=(), heads=())
            fact = dataclasses.replace(fact, spec=dataclasses.replace(fact.spec, claims=slow))
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


_ROLE_WORDS = st.sampled_from([
    "Foreign", "Minister", "minister", "Prime", "President", "Russian", "Turkey's", "Defence",
    "of", "the", "Syria", "spokesman", "U.N.", "Mr", "said", "deputy", "former", ",", "-",
    "Sergei", "army", "chief", "Hizballah", "leader", "and", "envoy", "Kremlin",
])


@given(st.lists(_ROLE_WORDS, max_size=10).map(" ".join), st.integers(0, 90))
def test_roles_are_found_backwards_exactly_where_forwards(text: str, back: int) -> None:
    name_at = len(text) + 1
    text = text + " Sergei Shoigu"
    window = max(0, name_at - back)
    forwards = _BEFORE.search(text, window, name_at)
    backwards = _BEFORE_BACKWARDS.match(text, window, name_at)
    assert (forwards is None) == (backwards is None)
