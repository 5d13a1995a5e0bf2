"""factcheck: a fact-consistency linter and test suite for news-article drafts."""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Public names, imported on first use: the pytest plugin imports this package in every
# pytest run, and a run that does not enable factcheck should not pay for the engine.
_EXPORTS = {
    "ConfigError": "factcheck.errors",
    "FactcheckError": "factcheck.errors",
    "RuleFileError": "factcheck.errors",
    "UsageError": "factcheck.errors",
    "Finding": "factcheck.finding",
    "Severity": "factcheck.finding",
    "Rulebook": "factcheck.rulebook",
    "load_rulebook": "factcheck.rulebook",
    "lint_text": "factcheck.engine",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
