"""The pytest plugin: drafts and rule examples become test items; inert unless enabled.

Enable with ``pytest --factcheck`` or ``factcheck = true`` in the ini file. Options (ini):

* ``factcheck_rules``: rule files or directories (default: the factcheck configuration);
* ``factcheck_globs``: which files are drafts (default ``*.md *.markdown *.txt``), matched
  against the file name and the path relative to the rootdir;
* ``factcheck_fail_level``: the lowest severity that fails a draft (default: configuration).

A failing draft's report is exactly the ``path:line:col: ...`` lines of ``factcheck lint``.
The configured rule files are collected too: each fact's examples are one item, which
fails with the ``factcheck test`` lines of the examples that did not hold.
"""

from __future__ import annotations

import fnmatch
import pathlib
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from factcheck.config import Config
    from factcheck.finding import Finding
    from factcheck.rulebook import Rulebook
    from factcheck.selection import Selection

DEFAULT_GLOBS = ["*.md", "*.markdown", "*.txt"]
_STATE = pytest.StashKey["_State"]()


class _State:
    """What the session loaded once: configuration, rulebook and selection."""

    def __init__(self, config: Config, rulebook: Rulebook, selection: Selection,
                 globs: list[str], root: pathlib.Path) -> None:
        self.config = config
        self.rulebook = rulebook
        self.selection = selection
        self.globs = globs
        self.root = root
        self.rule_files = {pathlib.Path(f).resolve() for f in rulebook.files}


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register --factcheck and the ini options."""
    group = parser.getgroup("factcheck", "fact-consistency linting of news drafts")
    group.addoption("--factcheck", action="store_true", default=False,
                    help="lint drafts (and test rule files) with factcheck")
    parser.addini("factcheck", type="bool", default=False,
                  help="enable factcheck without --factcheck")
    parser.addini("factcheck_rules", type="linelist", default=[],
                  help="factcheck rule files or directories (relative to the rootdir)")
    parser.addini("factcheck_globs", type="args", default=DEFAULT_GLOBS,
                  help="glob patterns of the drafts to lint")
    parser.addini("factcheck_fail_level", default="",
                  help="lowest severity that fails a draft: error, warning or info")


def _enabled(config: pytest.Config) -> bool:
    return bool(config.getoption("factcheck") or config.getini("factcheck"))


def pytest_configure(config: pytest.Config) -> None:
    """Load the rulebook once per session; a broken rule file is a usage error."""
    config.addinivalue_line("markers", "factcheck: a draft or rule-file check by factcheck")
    if not _enabled(config):
        return
    from factcheck.config import find_config, load_config
    from factcheck.errors import FactcheckError
    from factcheck.finding import BUILT_IN_RULES, Severity
    from factcheck.rulebook import load_rulebook
    from factcheck.selection import Selection

    root = config.rootpath
    try:
        settings = load_config(find_config(root))
        rules = [str(root / p) for p in config.getini("factcheck_rules")] or settings.rules
        if not rules:
            raise pytest.UsageError(
                "factcheck: no rules (set factcheck_rules in the ini file or 'rules' in "
                "[tool.factcheck])"
            )
        level = config.getini("factcheck_fail_level")
        if level:
            settings.fail_level = Severity.parse(level)
        selection = Selection(tuple(settings.select), tuple(settings.ignore),
                              dict(settings.severity))
        rulebook = load_rulebook(rules)
        selection.validate([*(f.id for f in rulebook.facts), *BUILT_IN_RULES])
    except (FactcheckError, ValueError) as exc:
        raise pytest.UsageError(f"factcheck: {exc}") from None
    config.stash[_STATE] = _State(settings, selection.apply(rulebook), selection,
                                  list(config.getini("factcheck_globs")), root)


def _relative(path: pathlib.Path, root: pathlib.Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def pytest_collect_file(file_path: pathlib.Path, parent: pytest.Collector) -> pytest.File | None:
    """Collect drafts that match the globs, and the rule files in use."""
    state = parent.config.stash.get(_STATE, None)
    if state is None:
        return None
    if file_path.resolve() in state.rule_files:
        rules: RuleFile = RuleFile.from_parent(parent, path=file_path)
        return rules
    relative = _relative(file_path, state.root)
    if not any(fnmatch.fnmatch(file_path.name, g) or fnmatch.fnmatch(relative, g)
               for g in state.globs):
        return None
    from factcheck.discovery import matches

    if matches(relative, state.config.exclude):
        return None
    draft: DraftFile = DraftFile.from_parent(parent, path=file_path)
    return draft


class RuleFile(pytest.File):
    """A rule file: one item per fact, which runs the fact's examples."""

    def collect(self) -> list[pytest.Item]:
        """Yield an item for each fact defined in this file."""
        state = self.config.stash[_STATE]
        here = self.path.resolve()
        items: list[pytest.Item] = []
        for fact in state.rulebook.facts:
            if pathlib.Path(fact.path).resolve() == here:
                item: FactItem = FactItem.from_parent(self, name=fact.id)
                item.add_marker("factcheck")
                items.append(item)
        return items


class ExamplesFailed(Exception):
    """Raised by a fact item with the example outcomes that failed."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(f"{len(lines)} examples failed")
        self.lines = lines


class FactItem(pytest.Item):
    """Runs one fact's examples through the engine."""

    def runtest(self) -> None:
        """Run the examples; fail with their ``factcheck test`` lines."""
        from factcheck.testing import run_examples

        state = self.config.stash[_STATE]
        fact = state.rulebook.by_id[self.name]
        outcomes = run_examples(state.rulebook, [fact])
        if not outcomes:
            pytest.skip(f"{fact.path}:{fact.line}: {fact.id} has no examples")
        failed = [o.line() for o in outcomes if not o.passed]
        if failed:
            raise ExamplesFailed(failed)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        """Report the failing examples, with no traceback."""
        if isinstance(excinfo.value, ExamplesFailed):
            return "\n".join(excinfo.value.lines)
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[pathlib.Path, int | None, str]:
        """Name the item after its fact."""
        return self.path, None, f"factcheck examples: {self.name}"


class FactcheckFailure(Exception):
    """Raised by a draft item with the findings that fail it."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} findings")
        self.findings = findings


class DraftFile(pytest.File):
    """A draft: one test item that lints it."""

    def collect(self) -> list[pytest.Item]:
        """Yield the draft's single item."""
        item: DraftItem = DraftItem.from_parent(self, name="factcheck")
        item.add_marker("factcheck")
        return [item]


class DraftItem(pytest.Item):
    """Lints one draft; fails with the lint lines when it has findings."""

    def runtest(self) -> None:
        """Lint the draft."""
        from factcheck.engine import lint_path

        state = self.config.stash[_STATE]
        findings = state.selection.filter(
            lint_path(str(self.path), state.rulebook, max_bytes=state.config.max_file_size,
                      display=_relative(self.path, state.root))
        )
        failing = [f for f in findings if f.severity >= state.config.fail_level]
        if failing:
            raise FactcheckFailure(findings)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        """Report the findings as lint lines, with no traceback."""
        if isinstance(excinfo.value, FactcheckFailure):
            from factcheck.formatters import text_line

            return "\n".join(text_line(f) for f in excinfo.value.findings)
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[pathlib.Path, int | None, str]:
        """Name the item after its draft."""
        return self.path, None, f"factcheck: {_relative(self.path, self.config.rootpath)}"
