"""`factcheck test`: the rule examples are tests, and a broken rule fails them at its line."""

from __future__ import annotations

import pathlib
import shutil

import pytest

from factcheck.cli import main

from .conftest import ROOT, TALKS_FACT

SMALL = "facts:\n" + TALKS_FACT + """\
    examples:
      flag:
        - text: The peace talks will be held in Geneva.
          found: Geneva
          column: 33
      pass:
        - The peace talks will be held in Astana.
"""


def test_the_bundled_examples_all_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(ROOT / "rules")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["fact", "TP", "FP", "FN", "TN"]
    assert out[1].split() == ["ceasefire-talks-venue", "45", "0", "0", "64"]
    assert out[-1].endswith(" passed, 0 failed")
    assert int(out[-1].split()[0]) >= 17 * 6


def test_a_wrong_expected_value_fails_at_the_rule_files_lines(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    venue = rules / "aleppo-2016.yaml"
    venue.write_text(venue.read_text(encoding="utf-8").replace(
        "    value: Astana", "    value: Geneva", 1), encoding="utf-8")
    assert main(["test", str(rules)]) == 1
    out = capsys.readouterr().out
    lines = venue.read_text(encoding="utf-8").splitlines()

    def line_of(text: str) -> int:
        [number] = [n for n, line in enumerate(lines, 1) if text in line]
        return number

    flag = "Moscow wants the peace talks to be held in Geneva in the new year."
    passing = "Kazakhstan has agreed to host the ceasefire talks in Astana."
    assert (f"{venue}:{line_of(flag)}:11: ceasefire-talks-venue: example should raise it: "
            f"no finding: '{flag}'") in out
    assert (f"{venue}:{line_of(passing)}:11: ceasefire-talks-venue: example should not raise "
            'it: flagged "Astana" at column 54') in out
    # the other examples that name Astana fail too: "Where will ...? Astana.", "Putin named
    # Astana as the venue ...", "The planned talks in Kazakhstan will be held in Astana ...",
    # "The talks will be held in Astana, not in Minsk ...", "... to be hosted in Astana.",
    # "... agreed to sponsor, to be held in Astana, ...", "The talks between the government
    # ... are to be held in Astana.", "The main talks are due in Astana ...", "Astana was
    # named last week as the venue ...", "The negotiations Moscow and Ankara have been
    # preparing ... will be held in Astana.", "... want the government and the rebels to
    # meet in Astana next month.", "... delegations should meet for talks in Astana.",
    # 'Asked about the talks, Lavrov said: "They will open in Astana ..."', "The talks
    # Russia, Turkey and Iran are convening ... will take place in Astana.", "Next step:
    # peace talks between govt + opposition ... to be held in Astana.", "Now they say the
    # next big talks will be in Astana ...", "The three now want the Syrian government and
    # the armed opposition around one table in Astana.", "They want to bring the
    # government and the rebels together for talks in Astana.", "When the talks sponsored
    # by Russia, Turkey and Iran convene in Astana ...", "... The talks between the
    # government and the opposition, sponsored by ..., opened in Astana.", "Diplomats met
    # ahead of the conference on Syria sponsored by Iran, Russia and Turkey, which opens
    # ... in Astana.", "Our correspondent flies to Astana to cover the talks.", "Then come
    # talks in Astana, hosted by Kazakhstan.", "We fly on to Astana, where the peace talks
    # will open in January.", "Putin announced new peace talks, but said they would be
    # held in Astana.", "With the trio's talks now pencilled in for Astana, ..."
    # ... and so does the flag example "Geneva will host the peace talks, not the
    # ministers' meeting.", which now names the expected place.
    # (pass examples that claim no place, "It is a common mistake to think the talks were
    # in Geneva" and "What if the talks had been held in Geneva ...?", pass whatever the
    # value)
    assert ["ceasefire-talks-venue", "43", "29", "2", "35"] in [line.split()
                                                               for line in out.splitlines()]
    assert out.splitlines()[-1].endswith(" passed, 31 failed")


def test_a_wrong_found_or_column_fails(tmp_path: pathlib.Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(SMALL.replace("column: 33", "column: 30"), encoding="utf-8")
    assert main(["test", str(rules)]) == 1
    assert ('example should raise it: expected "Geneva" at column 30, got "Geneva" at '
            "column 33") in capsys.readouterr().out


def test_no_examples_is_not_success(tmp_path: pathlib.Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(SMALL.split("    examples:")[0], encoding="utf-8")
    assert main(["test", str(rules)]) == 2
    assert "no examples ran" in capsys.readouterr().err


def test_the_pytest_plugin_collects_each_facts_examples(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", facts=SMALL)
    pytester.makeini("[pytest]\nfactcheck_rules = facts.yaml\n")
    result = pytester.runpytest("--factcheck", "-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["facts.yaml::talks-venue PASSED*"])

    pytester.makefile(".yaml", facts=SMALL.replace("in Astana.\n", "in Vienna.\n"))
    result = pytester.runpytest("--factcheck")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*facts.yaml:15:11: talks-venue: example should not raise it: flagged \"Vienna\"*"
    ])
    assert "Traceback" not in result.stdout.str()


def test_pytest_tests_drafts_and_the_fact_base_together(pytester: pytest.Pytester) -> None:
    shutil.copytree(ROOT / "rules", pytester.path / "rules")
    pytester.makefile(".md", draft="Russian President Vladmir Putin spoke.\n")
    pytester.makeini("[pytest]\nfactcheck_rules = rules\n")
    result = pytester.runpytest("--factcheck", "-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=17, failed=1)
