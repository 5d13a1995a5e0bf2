"""The pre-commit hooks, run for real with `pre-commit try-repo` against this repository.

These build a fresh hook environment (pip install of factcheck), so they are slow; CI
runs them all the same.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

from .conftest import ROOT
from .conftest import TALKS_RULES as RULES

pytestmark = pytest.mark.slow



def git(repo: pathlib.Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """A git repository of drafts that configures factcheck in its pyproject.toml."""
    repo = tmp_path_factory.mktemp("newsroom")
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "desk@example.com")
    git(repo, "config", "user.name", "Desk")
    (repo / "rules").mkdir()
    (repo / "rules" / "facts.yaml").write_text(RULES, encoding="utf-8")
    (repo / "rules" / "broken.yaml").write_text(RULES + "    valeu: x\n", encoding="utf-8")
    (repo / "pyproject.toml").write_text('[tool.factcheck]\nrules = ["rules/facts.yaml"]\n',
                                         encoding="utf-8")
    (repo / "drafts").mkdir()
    (repo / "drafts" / "wrong.md").write_text("The peace talks will be held in Geneva.\n",
                                              encoding="utf-8")
    (repo / "drafts" / "right.md").write_text("The peace talks will be held in Astana.\n",
                                              encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "drafts")
    return repo


def try_repo(newsroom: pathlib.Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(newsroom.parent / "pre-commit-home"),
           "NO_COLOR": "1", "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--verbose",
         "--files", *files],
        cwd=newsroom, capture_output=True, text=True, env=env, check=False, timeout=900,
    )


def test_the_hook_fails_a_wrong_draft_with_its_position(newsroom: pathlib.Path) -> None:
    result = try_repo(newsroom, "factcheck", "drafts/wrong.md", "drafts/right.md")
    assert result.returncode == 1, result.stdout + result.stderr
    assert ('drafts/wrong.md:1:33: error talks-venue: peace talks are held in Astana, not '
            '"Geneva" (source: https://example.com/story)') in result.stdout
    assert "drafts/right.md:" not in result.stdout


def test_the_hook_passes_a_correct_draft(newsroom: pathlib.Path) -> None:
    result = try_repo(newsroom, "factcheck", "drafts/right.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_the_rules_hook_reports_a_broken_rule_file(newsroom: pathlib.Path) -> None:
    result = try_repo(newsroom, "factcheck-rules", "rules/facts.yaml", "rules/broken.yaml")
    # pre-commit itself exits 1 for any failed hook; the hook's own status was 2.
    assert result.returncode == 1, result.stdout + result.stderr
    assert "- exit code: 2" in result.stdout
    assert "rules/broken.yaml:10:5: unknown key 'valeu' in a fact" in result.stdout
