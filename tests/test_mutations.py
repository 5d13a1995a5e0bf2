"""Mutation testing with hypothesis: break the seeds' true statements, or rephrase them.

Every breaking mutation must be flagged at the new value's line and column; every
preserving one must leave the sentence without a new finding. Sites are ordered by
sentence length, so a failure shrinks to the shortest sentence that shows it.
Set FACTCHECK_MUTATION_CORPUS to a directory of more correct articles for a deeper run.
"""

from __future__ import annotations

import json
import os
import pathlib

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from factcheck.cli import main
from factcheck.mutate import Mutant, find_sites, judge, mutants, number_words, sample
from factcheck.rulebook import load_rulebook

from .conftest import ROOT

BUNDLED = load_rulebook([ROOT / "rules"])
CORPORA = [ROOT / "seeds", *(pathlib.Path(p) for p in
                            os.environ.get("FACTCHECK_MUTATION_CORPUS", "").split(os.pathsep) if p)]
DOCUMENTS = [(str(p), p.read_text(encoding="utf-8")) for corpus in CORPORA
             for p in sorted(corpus.iterdir()) if p.suffix in (".txt", ".md")]
SITES = sorted(find_sites(DOCUMENTS, BUNDLED),
               key=lambda s: (s.sentence[1] - s.sentence[0], s.path, s.claim.start))


def mutants_of(breaking: bool) -> st.SearchStrategy[Mutant]:
    # Each site's mutants are made here, once, not while hypothesis draws: what runs inside
    # a strategy must leave the global random state alone, and the engine is no business
    # of the draw. A site is drawn first, so a site with many mutants counts as one.
    per_site = [group for site in SITES
                if (group := [m for m in mutants(site) if m.breaking is breaking])]
    return st.sampled_from(per_site).flatmap(st.sampled_from)


def test_the_seeds_state_every_kind_of_fact() -> None:
    assert {s.fact.kind for s in SITES} == {"entity", "quantity", "date", "duration", "person",
                                            "sum"}
    assert {s.fact.id for s in SITES} == {f.id for f in BUNDLED.facts}


@given(mutants_of(breaking=True))
def test_a_broken_statement_is_flagged_where_it_was_broken(mutant: Mutant) -> None:
    note(mutant.describe())
    assert judge(mutant, BUNDLED).flagged


@given(mutants_of(breaking=False))
def test_a_statement_said_another_way_raises_nothing(mutant: Mutant) -> None:
    note(mutant.describe())
    assert not judge(mutant, BUNDLED).flagged


@pytest.mark.parametrize(
    ("value", "words"),
    [(0, "zero"), (17, "seventeen"), (40, "forty"), (34000, "thirty-four thousand"),
     (35250, "thirty-five thousand two hundred and fifty"), (2001, "two thousand and one")],
)
def test_number_words(value: int, words: str) -> None:
    assert number_words(value) == words


def test_sampling_is_reproducible_and_spread_over_facts() -> None:
    first = sample(SITES, 120, seed=7)
    assert [m.describe() for m in first] == [m.describe() for m in sample(SITES, 120, seed=7)]
    assert [m.describe() for m in first] != [m.describe() for m in sample(SITES, 120, seed=8)]
    assert len({m.site.fact.id for m in first}) == len(BUNDLED.facts)
    assert {m.breaking for m in first} == {True, False}


def test_factcheck_mutate_reports_rates(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["mutate", str(ROOT / "seeds"), "--rules", str(ROOT / "rules"), "--count", "60"]
    assert main([*args, "--seed", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["fact", "caught", "rate", "flagged", "rate"]
    last = out[-1]
    assert last.startswith("detection ") and ", false alarms " in last
    assert main([*args, "--seed", "3", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["mutants"] == 60 and report["seed"] == 3
    assert f"detection {report['detection']:.2f} ({report['caught']}/{report['breaking']})" in last
    assert set(report["facts"]) == {f.id for f in BUNDLED.facts}
    assert main([*args, "--seed", "3", "--min-detection", "1.01"]) == 1


def test_a_corpus_without_claims_is_not_a_success(tmp_path: pathlib.Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.md").write_text("Nothing about Syria here.\n", encoding="utf-8")
    assert main(["mutate", str(tmp_path), "--rules", str(ROOT / "rules")]) == 2
    assert "nothing to mutate" in capsys.readouterr().err


def test_mutate_skips_what_lint_cannot_read_instead_of_waiting_on_it(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    import shutil

    shutil.copy(ROOT / "seeds" / "000_d3298a9f7c5e6a43.txt", tmp_path / "a.txt")
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "latin1.md").write_bytes("Caf\xe9 in Aleppo.\n".encode("latin-1"))
    args = ["mutate", str(tmp_path), "--rules", str(ROOT / "rules"), "--count", "10"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert f"{tmp_path / 'pipe.md'}: skipped: not a regular file" in err
    assert f"{tmp_path / 'latin1.md'}: skipped: " in err


@pytest.mark.parametrize("count", ["0", "-5", "many"])
def test_mutate_count_must_be_positive(count: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["mutate", str(ROOT / "seeds"), "--rules", str(ROOT / "rules"), "--count", count]
    assert main(args) == 2
    assert "--count: expected a whole number of at least 1" in capsys.readouterr().err
