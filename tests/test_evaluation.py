"""How well factcheck does on drafts written without sight of its rules (tests/eval/).

The bar of the core issue: precision and recall of at least 0.9 on independently written
drafts. The held-out sets are scored here together and never tuned on; the development
sets, which were, must stay at least as good as they are.
"""

from __future__ import annotations

import pathlib

import pytest

from factcheck.rulebook import Rulebook

from .conftest import ROOT
from .evaluation import Score, score

EVAL = ROOT / "tests" / "eval"


def pooled(folders: list[pathlib.Path], rulebook: Rulebook) -> Score:
    total = Score()
    for folder in folders:
        result = score(folder, rulebook)
        total.true_positives += result.true_positives
        total.false_positives += result.false_positives
        total.false_negatives += result.false_negatives
    return total


def test_held_out_drafts_meet_the_bar(bundled: Rulebook) -> None:
    folders = sorted(EVAL.glob("heldout*"))
    assert len(folders) >= 3
    result = pooled(folders, bundled)
    assert result.true_positives + len(result.false_negatives) > 150
    assert result.precision >= 0.9, result.false_positives
    assert result.recall >= 0.9, result.false_negatives


@pytest.mark.parametrize("folder", sorted(p.name for p in EVAL.glob("dev*")))
def test_development_drafts_keep_their_scores(folder: str, bundled: Rulebook) -> None:
    result = score(EVAL / folder, bundled)
    assert result.precision >= 0.98, result.false_positives
    assert result.recall >= 0.94, result.false_negatives
