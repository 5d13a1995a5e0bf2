"""Rule files are validated strictly; every error names file:line:col and nothing is linted."""

from __future__ import annotations

import pathlib
from collections.abc import Callable

import pytest

from factcheck.errors import RuleFileError
from factcheck.rulebook import Rulebook, load_rulebook

from .conftest import TALKS_FACT

GOOD_FACT = TALKS_FACT


def error_of(rule_file: Callable[[str], pathlib.Path], text: str) -> str:
    path = rule_file(text, "r.yaml")
    with pytest.raises(RuleFileError) as caught:
        load_rulebook([path])
    return str(caught.value).replace(str(path.parent) + "/", "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("facts: []\n", "r.yaml:1:8: 'facts' must not be empty"),
        ("", "r.yaml:1:1: empty rule file"),
        ("version: 2\nfacts:\n" + GOOD_FACT, "r.yaml:1:10: unsupported version 2"),
        ("fact:\n" + GOOD_FACT, "r.yaml:1:1: unknown key 'fact' in the rule file"),
        ("facts:\n" + GOOD_FACT.replace("    value:", "    valeu:"),
         "r.yaml:8:5: unknown key 'valeu' in a fact"),
        ("facts:\n" + GOOD_FACT.replace("    value: Astana\n", ""),
         "r.yaml:2:5: a fact is missing required key 'value'"),
        ("facts:\n" + GOOD_FACT.replace("kind: entity", "kind: place"),
         "r.yaml:3:11: unknown kind 'place'"),
        ("facts:\n" + GOOD_FACT.replace("id: talks-venue", "id: Talks Venue"),
         "r.yaml:2:9: invalid id 'Talks Venue'"),
        ("facts:\n" + GOOD_FACT.replace("id: talks-venue", "id: pattern-timeout"),
         "r.yaml:2:9: fact id 'pattern-timeout' is the name of one of factcheck's own rules"),
        ("facts:\n" + GOOD_FACT + GOOD_FACT,
         "r.yaml:9:9: duplicate fact id 'talks-venue' (first at line 2)"),
        ("facts:\n" + GOOD_FACT.replace("    kind: entity\n", "    kind: entity\n    kind: date\n"),
         "r.yaml:4:5: duplicate key 'kind' (first at line 3)"),
        ("facts:\n" + GOOD_FACT.replace("sources: [https://example.com/story]", "sources: []"),
         "r.yaml:5:14: a fact needs at least one source"),
        ("facts:\n" + GOOD_FACT.replace("[peace talks]", "[peace (talks]"),
         "r.yaml:6:15: invalid regular expression"),
        # A bad claim pattern is explained in the words the rule wrote.
        ("facts:\n" + GOOD_FACT.replace('"{subject} ... in {value}"', '"{subject} (in|at {value}"'),
         "r.yaml:7:14: invalid regular expression: missing ) in '(in|at'"),
        ("facts:\n" + GOOD_FACT.replace('"{subject} ... in {value}"',
                                        '"{subject} (held in) ... [in {value}"'),
         "r.yaml:7:14: invalid regular expression: unterminated character set in '[in'"),
        ("facts:\n" + GOOD_FACT.replace('"{subject} ... in {value}"', '"{subject} ... in"'),
         "r.yaml:7:14: a claim pattern must contain {value} exactly once"),
        ("facts:\n" + GOOD_FACT.replace('"{subject} ... in {value}"', '"{subjet} in {value}"'),
         "r.yaml:7:14: unknown placeholder {subjet}"),
        ("facts:\n" + GOOD_FACT.replace("    value: Astana\n", "    value: Astana\n    gap: many\n"),
         "r.yaml:9:10: 'gap' must be a whole number"),
        ("facts:\n" + GOOD_FACT.replace("    value: Astana\n",
                                        "    value: Astana\n    message: 'not {foun}'\n"),
         "r.yaml:9:14: unknown field {foun} in message"),
        ("facts:\n" + GOOD_FACT.replace("    value: Astana\n",
                                        "    value: Astana\n    severity: fatal\n"),
         "r.yaml:9:15: unknown severity 'fatal'"),
        ("facts:\n" + GOOD_FACT.replace("    value: Astana\n",
                                        "    value: Astana\n    aliases: {a: b}\n"),
         "r.yaml:9:14: 'aliases' must be a list of strings, not a mapping"),
        ("define:\n  value: x\nfacts:\n" + GOOD_FACT,
         "r.yaml:2:3: invalid define name 'value'"),
        ("facts:\n" + GOOD_FACT.replace("    value: Astana\n",
                                        "    value: Astana\n    candidates: [company, brigade]\n"),
         "r.yaml:9:17: the value 'Astana' must be one of the candidates"),
        ("facts:\n" + GOOD_FACT.replace("    value: Astana\n",
                                        "    value: Astana\n    elsewhere: ['Geneva (talks']\n"),
         "r.yaml:9:17: invalid regular expression"),
        ("facts:\n" + GOOD_FACT.replace("    value: Astana\n",
                                        "    value: Astana\n    elsewhere: ['{venue} talks']\n"),
         "r.yaml:9:17: unknown placeholder {venue}"),
    ],
)
def test_rule_file_errors(rule_file: Callable[[str], pathlib.Path], text: str,
                          expected: str) -> None:
    assert error_of(rule_file, text).startswith(expected)


QUANTITY = """\
facts:
  - id: evacuees
    kind: quantity
    statement: 34,000 to 35,000 people were evacuated.
    sources: [s]
    subject: [evacuated]
    claims: ["{value} ... {subject}"]
"""


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("    min: 35000\n    max: 34000\n", "'min' is greater than 'max'"),
        ("    value: 34000\n    min: 34000\n", "give either 'value' or 'min' and 'max'"),
        ("    min: 34000\n", "a quantity needs 'value', or both 'min' and 'max'"),
        ("    value: lots\n", "'value' must be a number"),
        ("    value: 34000\n    tolerance: some\n", "'tolerance' must be a non-negative number"),
    ],
)
def test_quantity_errors(rule_file: Callable[[str], pathlib.Path], extra: str,
                         expected: str) -> None:
    assert expected in error_of(rule_file, QUANTITY + extra)


def test_sum_parts_must_add_up(rule_file: Callable[[str], pathlib.Path]) -> None:
    text = """\
    facts:
      - id: violations
        kind: sum
        statement: 25 = 17 + 6 + 2
        sources: [s]
        subject: [violations]
        claims: ["{value} {subject}"]
        total: 26
        parts: {Damascus: 17, Aleppo: 6, Hama: 2}
    """
    assert "r.yaml:8:12: the parts do not add up to 'total'" in error_of(rule_file, text)


def test_date_values_are_checked(rule_file: Callable[[str], pathlib.Path]) -> None:
    text = GOOD_FACT.replace("kind: entity", "kind: date").replace("value: Astana",
                                                                    "value: December 2011")
    assert "invalid date 'December 2011'" in error_of(rule_file, "facts:\n" + text)


def test_duplicate_ids_across_files_name_both(rule_file: Callable[[str], pathlib.Path]) -> None:
    first = rule_file("facts:\n" + GOOD_FACT, "a.yaml")
    second = rule_file("facts:\n" + GOOD_FACT, "b.yaml")
    with pytest.raises(RuleFileError) as caught:
        load_rulebook([first, second])
    assert str(caught.value) == (
        f"{second}:2:5: duplicate fact id 'talks-venue' (first defined at {first}:2)"
    )


def test_an_empty_rules_directory_is_an_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(RuleFileError, match="no rule files"):
        load_rulebook([tmp_path])


def test_a_missing_rules_path_is_an_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(RuleFileError, match="rule file or directory not found"):
        load_rulebook([tmp_path / "nope"])


def test_defines_may_be_lists_of_alternatives(rules_from: Callable[[str], Rulebook]) -> None:
    book = rules_from("""\
    define:
      began: [began, started, broke out]
    facts:
      - id: war-start
        kind: date
        statement: The war began in 2011.
        sources: [s]
        subject: [war]
        claims: ["{subject} {began} in {value}"]
        value: 2011
    """)
    from factcheck.engine import lint_text

    assert [f.found for f in lint_text("The war broke out in 2012.", book)] == ["2012"]
    assert lint_text("The war started in 2011.", book) == []


def test_a_define_may_hold_the_subject_and_value_slots(rules_from: Callable[[str], Rulebook]
                                                      ) -> None:
    # "{subject}" right after a lazy repeat would be read as a repeat of its own, were the
    # define checked as a regular expression with its placeholders in it.
    book = rules_from("""\
    define:
      label: "^(?:[\\\\w'-]+ ){0,3}?{subject}:\\\\s*{value}"
    facts:
      - id: naval-base
        kind: entity
        statement: Russia's naval facility is at Tartus.
        sources: [s]
        subject: [naval facility]
        claims: ["{label}"]
        value: Tartus
    """)
    from factcheck.engine import lint_text

    assert [f.found for f in lint_text("Russian naval facility: Latakia", book)] == ["Latakia"]
    assert lint_text("Russian naval facility: Tartus", book) == []


def test_rulebooks_pickle_for_worker_processes(bundled: Rulebook) -> None:
    import pickle

    from factcheck.engine import lint_text

    copy = pickle.loads(pickle.dumps(bundled))
    text = "Russian President Vladmir Putin spoke. The talks will be held in Geneva."
    assert lint_text(text, copy) == lint_text(text, bundled)


def _unpickled(rulebook: Rulebook) -> set[str]:
    """The facts whose claim patterns have been unpickled."""
    return {f.id for f in rulebook.facts
            if hasattr(f.spec, "claims") and "claims" in vars(f.spec.claims)}


def test_a_cached_rulebook_unpickles_a_facts_patterns_only_when_a_draft_may_claim_it(
        bundled: Rulebook) -> None:
    import pickle

    from factcheck.engine import lint_text

    bundled.warm()
    copy = pickle.loads(pickle.dumps(bundled))  # as the cache and worker processes get it
    assert _unpickled(copy) == set()  # a commit hook's start-up pays for none of them
    # Texts no other test lints: the process's caches of runs of sentences, which the
    # copy shares with the bundled rulebook, would answer them without any pattern.
    text = "The unpickling test's peace talks will be held in Geneva."
    assert [f.found for f in lint_text(text, copy)] == ["Geneva"]
    assert "ceasefire-talks-venue" in _unpickled(copy)
    assert "aleppo-evacuees" not in _unpickled(copy)
    # A rulebook pickled again half unpickled keeps both halves.
    again = pickle.loads(pickle.dumps(copy))
    text += " The unpickling test's 50,000 people were evacuated from eastern Aleppo."
    assert [f.found for f in lint_text(text, again)] == ["Geneva", "50,000"]


def test_threads_may_unpickle_a_facts_patterns_at_once(bundled: Rulebook) -> None:
    import pickle
    from concurrent.futures import ThreadPoolExecutor

    bundled.warm()
    for _ in range(20):
        copy = pickle.loads(pickle.dumps(bundled))
        specs = [f.spec.claims for f in copy.facts if hasattr(f.spec, "claims")]
        with ThreadPoolExecutor(8) as pool:
            counts = list(pool.map(lambda spec: len(spec.claims) + len(spec.heads),
                                   specs * 8))
        assert counts == [len(s.claims) + len(s.heads) for s in specs] * 8


def test_prefilter_anchors_come_from_the_subject_patterns(bundled: Rulebook) -> None:
    anchors = bundled.by_id["ceasefire-violations"].spec.anchors
    assert anchors is not None and "violations" in anchors
    # A draft that never mentions the subject does not evaluate the fact at all.
    from factcheck.engine import facts_for
    from factcheck.prefilter import Words

    ids = {f.id for f in facts_for(Words("Nothing about it here."), bundled)}
    assert "ceasefire-violations" not in ids



def test_two_processes_build_the_same_rulebook_as_one(bundled: Rulebook) -> None:
    from factcheck import rulebook

    assert sum(map(len, (pathlib.Path(f).read_text() for f in bundled.files))
               ) >= rulebook.PARALLEL_BUILD_CHARS  # large enough to be built in two
    names = list(bundled.files)
    texts = [pathlib.Path(name).read_text(encoding="utf-8-sig") for name in names]
    built = rulebook._build_in_two(names, texts)
    assert built is not None  # no fallback to building in one process
    assert tuple(f for _, facts in built for f in facts) == bundled.facts
    both = load_rulebook(bundled.files, jobs=2)
    assert both.facts == bundled.facts
    assert (both.place_names, both.place_phrases, both.digest) == (
        bundled.place_names, bundled.place_phrases, bundled.digest)
    text = "Russian President Vladmir Putin spoke. The talks will be held in Geneva."
    from factcheck.engine import lint_text

    assert lint_text(text, both) == lint_text(text, bundled) != []


def test_two_processes_report_the_first_bad_fact_as_one_does(
        rule_file: Callable[[str], pathlib.Path]) -> None:
    from factcheck import rulebook

    padding = "# " + "x" * rulebook.PARALLEL_BUILD_CHARS + "\n"
    facts = [GOOD_FACT.replace("talks-venue", f"venue-{i}") for i in range(4)]
    # The second fact (built by the other process) and the third (built by this one)
    # are both bad: the error names the second, the first in the file.
    facts[1] = facts[1].replace("[peace talks]", "[peace (talks]")
    facts[2] = facts[2].replace('"{subject} ... in {value}"', '"{subjet} in {value}"')
    path = rule_file(padding + "facts:\n" + "".join(facts), "big.yaml")
    errors = []
    for jobs in (1, 2):
        with pytest.raises(RuleFileError) as caught:
            load_rulebook([path], jobs=jobs)
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
    assert ":14:15: invalid regular expression" in errors[0]
