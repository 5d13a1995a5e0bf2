"""Output formats. Formatters receive findings file by file and write as they go.

Only this module and the CLI write to streams; checks and the engine never print.
"""

from __future__ import annotations

import json
import os
import pathlib
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import IO, Any, ClassVar

from factcheck import __version__
from factcheck.finding import Finding, Severity

INFORMATION_URI = "https://github.com/factcheck/factcheck"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass(frozen=True)
class RuleInfo:
    """What formats that describe rules (SARIF) need to know about one rule."""

    id: str
    statement: str
    sources: tuple[str, ...]
    severity: Severity
    help: str


class Formatter:
    """Base class: ``begin``, then ``add`` once per linted file in order, then ``end``."""

    name: ClassVar[str] = ""

    def __init__(self, stream: IO[str], *, rules: Sequence[RuleInfo] = (), color: bool = False
                 ) -> None:
        self.stream = stream
        self.rules = list(rules)
        self.color = color

    def begin(self) -> None:
        """Write whatever comes before the first file."""

    def add(self, path: str, findings: Sequence[Finding]) -> None:
        """Write the findings of one file (called for clean files too)."""

    def end(self) -> None:
        """Write whatever comes after the last file."""


_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def quoteattr(text: str) -> str:
    """Quote an XML attribute value (what xml.sax.saxutils does, without its imports)."""
    return '"' + escape(text, quote=True).replace("\n", "&#10;").replace("\r", "&#13;") + '"'


def text_line(finding: Finding, *, color: bool = False) -> str:
    """Return the ``path:line:col: severity rule-id: message (source: ...)`` line."""
    where = f"{finding.path}:{finding.line}:{finding.column}:"
    severity, rule = str(finding.severity), finding.rule
    source = f" (source: {finding.source})" if finding.source else ""
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        severity = f"{_COLORS[finding.severity]}{severity}{_RESET}"
        rule = f"{_DIM}{rule}{_RESET}"
    return f"{where} {severity} {rule}: {finding.message}{source}"


class TextFormatter(Formatter):
    """One line per finding, the way compilers and editors expect."""

    name = "text"

    def add(self, path: str, findings: Sequence[Finding]) -> None:
        for finding in findings:
            self.stream.write(text_line(finding, color=self.color) + "\n")


class JsonFormatter(Formatter):
    """A JSON array of finding objects (the contract: see README, "JSON output")."""

    name = "json"

    def begin(self) -> None:
        self._first = True
        self.stream.write("[")

    def add(self, path: str, findings: Sequence[Finding]) -> None:
        for finding in findings:
            self.stream.write("\n  " if self._first else ",\n  ")
            self.stream.write(json.dumps(finding.to_dict(), ensure_ascii=False))
            self._first = False

    def end(self) -> None:
        self.stream.write("]\n" if self._first else "\n]\n")


class JsonLinesFormatter(Formatter):
    """One JSON object per finding per line."""

    name = "jsonl"

    def add(self, path: str, findings: Sequence[Finding]) -> None:
        for finding in findings:
            self.stream.write(json.dumps(finding.to_dict(), ensure_ascii=False) + "\n")


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


class GithubFormatter(Formatter):
    """GitHub Actions workflow commands, which become annotations on the pull request."""

    name = "github"
    _LEVELS: ClassVar[dict[Severity, str]] = {
        Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice",
    }

    def add(self, path: str, findings: Sequence[Finding]) -> None:
        for f in findings:
            props = {
                "file": f.path, "line": str(f.line), "col": str(f.column),
                "endLine": str(f.end_line), "endColumn": str(f.end_column),
                "title": f"factcheck {f.rule}",
            }
            joined = ",".join(f"{k}={_github_escape(v, prop=True)}" for k, v in props.items())
            source = f" (source: {f.source})" if f.source else ""
            self.stream.write(
                f"::{self._LEVELS[f.severity]} {joined}::{_github_escape(f.message + source)}\n"
            )


def _source_root() -> pathlib.Path:
    """The repository's top folder (the nearest holding .git), else the working directory.

    Code scanning reads SARIF locations relative to the repository, wherever the
    command ran from.
    """
    cwd = pathlib.Path.cwd()
    for folder in (cwd, *cwd.parents):
        if (folder / ".git").exists():
            return folder
    return cwd


def _artifact(path: str, root: pathlib.Path) -> dict[str, str]:
    """A SARIF artifact location: relative to %SRCROOT%, or an absolute URI outside it."""
    absolute = pathlib.Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": urllib.parse.quote(relative.as_posix()), "uriBaseId": "%SRCROOT%"}


class SarifFormatter(Formatter):
    """SARIF 2.1.0, as GitHub code scanning accepts it."""

    name = "sarif"
    _LEVELS: ClassVar[dict[Severity, str]] = {
        Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note",
    }

    def begin(self) -> None:
        self._index = {rule.id: i for i, rule in enumerate(self.rules)}
        self._results: list[str] = []
        self._root = _source_root()

    def add(self, path: str, findings: Sequence[Finding]) -> None:
        for f in findings:
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "level": self._LEVELS[f.severity],
                "message": {"text": f.message + (f" (source: {f.source})" if f.source else "")},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": _artifact(f.path, self._root),
                        "region": {
                            "startLine": f.line, "startColumn": f.column,
                            "endLine": f.end_line, "endColumn": f.end_column,
                        },
                    }
                }],
                "properties": {"expected": f.expected, "found": f.found, "source": f.source},
            }
            if f.rule in self._index:
                result["ruleIndex"] = self._index[f.rule]
            self._results.append(json.dumps(result, ensure_ascii=False))

    def end(self) -> None:
        rules = [
            {
                "id": rule.id,
                "name": "".join(part.capitalize() for part in rule.id.split("-")),
                "shortDescription": {"text": rule.statement},
                "fullDescription": {
                    "text": rule.statement + (
                        " Sources: " + "; ".join(rule.sources) + "." if rule.sources else ""
                    )
                },
                "help": {"text": rule.help},
                "defaultConfiguration": {"level": self._LEVELS[rule.severity]},
            }
            for rule in self.rules
        ]
        head: dict[str, Any] = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "factcheck",
                    "version": __version__,
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"uri": self._root.as_uri() + "/"}},
                "results": ["__RESULTS__"],
            }],
        }
        text = json.dumps(head, ensure_ascii=False, indent=2)
        results = ",\n".join(self._results)
        self.stream.write(text.replace('"__RESULTS__"', results) + "\n")


class JunitFormatter(Formatter):
    """JUnit XML: one test case per linted file, failed when it has findings."""

    name = "junit"

    def begin(self) -> None:
        self._cases: list[str] = []
        self._failures = 0

    def add(self, path: str, findings: Sequence[Finding]) -> None:
        name = quoteattr(path)
        if not findings:
            self._cases.append(f'    <testcase classname="factcheck" name={name}/>')
            return
        self._failures += 1
        lines = "\n".join(text_line(f) for f in findings)
        summary = f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
        self._cases.append(
            f'    <testcase classname="factcheck" name={name}>\n'
            f"      <failure message={quoteattr(summary)} type=\"factcheck\">"
            f"{escape(lines, quote=False)}"
            f"</failure>\n    </testcase>"
        )

    def end(self) -> None:
        tests, failures = len(self._cases), self._failures
        self.stream.write(
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<testsuites name="factcheck" tests="{tests}" failures="{failures}">\n'
            f'  <testsuite name="factcheck" tests="{tests}" failures="{failures}" errors="0">\n'
            + "".join(case + "\n" for case in self._cases)
            + "  </testsuite>\n</testsuites>\n"
        )


FORMATTERS: dict[str, type[Formatter]] = {
    cls.name: cls
    for cls in (TextFormatter, JsonFormatter, JsonLinesFormatter, SarifFormatter,
                GithubFormatter, JunitFormatter)
}


def use_color(stream: IO[str]) -> bool:
    """Colour only on a terminal, never with NO_COLOR, always with FORCE_COLOR."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
