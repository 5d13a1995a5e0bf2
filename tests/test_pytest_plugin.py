"""The pytest plugin, run for real with pytester."""

from __future__ import annotations

import shutil

import pytest

from .conftest import ROOT
from .conftest import TALKS_RULES as RULES

WRONG = "# Draft\n\nThe peace talks will be held in Geneva.\n"
RIGHT = "The peace talks will be held in Astana.\n"


@pytest.fixture
def repo(pytester: pytest.Pytester) -> pytest.Pytester:
    """A repository of drafts with a rule file and an ini that names it."""
    pytester.makefile(".yaml", facts=RULES)
    pytester.mkdir("drafts")
    (pytester.path / "drafts" / "wrong.md").write_text(WRONG, encoding="utf-8")
    (pytester.path / "drafts" / "right.txt").write_text(RIGHT, encoding="utf-8")
    pytester.makeini("[pytest]\nfactcheck_rules = facts.yaml\n")
    return pytester


def test_it_does_nothing_unless_enabled(repo: pytest.Pytester) -> None:
    result = repo.runpytest("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_each_draft_is_an_item_and_failures_are_the_lint_lines(repo: pytest.Pytester) -> None:
    result = repo.runpytest("--factcheck", "-v")
    # facts.yaml is an item too; its fact has no examples, so it is skipped, not passed.
    result.assert_outcomes(passed=1, failed=1, skipped=1)
    result.stdout.fnmatch_lines([
        "drafts/right.txt::factcheck PASSED*",
        "drafts/wrong.md::factcheck FAILED*",
        "*_ factcheck: drafts/wrong.md _*",
        'drafts/wrong.md:3:33: error talks-venue: peace talks are held in Astana, not "Geneva" '
        "(source: https://example.com/story)",
        "FAILED drafts/wrong.md::factcheck - drafts/wrong.md:3:33: error talks-venue*",
    ])
    assert "Traceback" not in result.stdout.str()
    assert "raise FactcheckFailure" not in result.stdout.str()


def test_the_ini_switch_and_globs(repo: pytest.Pytester) -> None:
    repo.makeini("[pytest]\nfactcheck = true\nfactcheck_rules = facts.yaml\n"
                 "factcheck_globs = *.md\n")
    repo.runpytest().assert_outcomes(failed=1, skipped=1)


def test_fail_level_ini(repo: pytest.Pytester) -> None:
    repo.makefile(".yaml", facts=RULES.replace("message:", "severity: warning\n    message:"))
    repo.makeini("[pytest]\nfactcheck_rules = facts.yaml\nfactcheck_fail_level = error\n")
    repo.runpytest("--factcheck").assert_outcomes(passed=2, skipped=1)


def test_configuration_comes_from_pyproject_when_the_ini_is_silent(
    pytester: pytest.Pytester,
) -> None:
    pytester.makefile(".yaml", facts=RULES)
    pytester.makefile(".md", wrong=WRONG)
    pytester.makepyprojecttoml('[tool.factcheck]\nrules = ["facts.yaml"]\nignore = ["talks-venue"]\n')
    # The ignored fact is neither checked in the draft nor tested in facts.yaml.
    pytester.runpytest("--factcheck").assert_outcomes(passed=1)


def test_a_broken_rule_file_is_a_clear_usage_error(repo: pytest.Pytester) -> None:
    repo.makefile(".yaml", facts=RULES + "    valeu: x\n")
    result = repo.runpytest("--factcheck")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*factcheck: */facts.yaml:10:5: unknown key 'valeu' in a fact*"])
    assert "Traceback" not in result.stderr.str() + result.stdout.str()


def test_missing_rules_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makefile(".md", wrong=WRONG)
    result = pytester.runpytest("--factcheck")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*factcheck: no rules*"])


def test_junitxml_carries_the_lint_lines(repo: pytest.Pytester) -> None:
    repo.runpytest("--factcheck", "--junitxml=report.xml")
    xml = (repo.path / "report.xml").read_text(encoding="utf-8")
    assert 'classname="drafts.wrong.md"' in xml
    assert "drafts/wrong.md:3:33: error talks-venue: peace talks are held in Astana" in xml


def test_it_runs_under_xdist(repo: pytest.Pytester) -> None:
    result = repo.runpytest_subprocess("--factcheck", "-n", "2", "-p", "xdist")
    result.assert_outcomes(passed=1, failed=1, skipped=1)
    result.stdout.fnmatch_lines(["*drafts/wrong.md:3:33: error talks-venue*"])


def test_it_reports_what_factcheck_lint_reports(pytester: pytest.Pytester,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "rules", pytester.path / "rules")
    shutil.copytree(ROOT / "seeds", pytester.path / "seeds")
    pytester.makeini("[pytest]\nfactcheck_rules = rules\nfactcheck_globs = seeds/*.txt\n")
    result = pytester.runpytest("--factcheck", "-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4 + 17, failed=1)  # the seeds, and the facts' examples
    from factcheck.cli import main

    capsys.readouterr()  # drop what the in-process pytest run printed
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(pytester.path)
        assert main(["lint", "seeds", "--rules", "rules", "-q"]) == 1
    [lint_line] = capsys.readouterr().out.splitlines()
    result.stdout.fnmatch_lines([lint_line])
