"""Shared fixtures: the bundled rulebook, small rule files written on the fly, lint helpers."""

from __future__ import annotations

import os
import pathlib
import textwrap
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, settings

from factcheck.engine import lint_text
from factcheck.finding import Finding
from factcheck.rulebook import Rulebook, load_rulebook

pytest_plugins = ["pytester"]

ROOT = pathlib.Path(__file__).resolve().parent.parent

# One small fact, the rule file many tests start from (with their own keys added).
TALKS_FACT = """\
  - id: talks-venue
    kind: entity
    statement: The peace talks are held in Astana.
    sources: [https://example.com/story]
    subject: [peace talks]
    claims: ["{subject} ... in {value}"]
    value: Astana
"""
# ... with a message, for tests that run factcheck from outside: pre-commit, the plugin.
TALKS_RULES = "facts:\n" + TALKS_FACT + '    message: peace talks are held in {expected}, not "{found}"\n'

# Property tests run a bounded number of examples on every CI run; set
# FACTCHECK_HYPOTHESIS_PROFILE=deep for a longer search.
settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "deep", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("FACTCHECK_HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def bundled() -> Rulebook:
    """The bundled fact base in rules/."""
    return load_rulebook([ROOT / "rules"])


@pytest.fixture
def rule_file(tmp_path: pathlib.Path) -> Callable[[str], pathlib.Path]:
    """Write a rule file from a dedented YAML string and return its path."""
    counter = iter(range(1000))

    def write(text: str, name: str | None = None) -> pathlib.Path:
        path = tmp_path / (name or f"rules{next(counter)}.yaml")
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def rules_from(rule_file: Callable[[str], pathlib.Path]) -> Callable[[str], Rulebook]:
    """Load a rulebook from a dedented YAML string."""

    def load(text: str) -> Rulebook:
        return load_rulebook([rule_file(text)])

    return load


def findings_for(text: str, rulebook: Rulebook, rule: str | None = None,
                 path: str = "draft.txt") -> list[Finding]:
    """Lint ``text`` and keep the findings of ``rule`` (all when None)."""
    return [f for f in lint_text(text, rulebook, path) if rule is None or f.rule == rule]
