"""Run the engine over many files, streaming each file's findings to a formatter."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from factcheck.engine import lint_path
from factcheck.finding import Finding, Severity
from factcheck.formatters import Formatter
from factcheck.rulebook import Rulebook
from factcheck.selection import Selection


@dataclass
class Summary:
    """What a run found, for the exit status and the closing line."""

    files: int = 0
    findings: int = 0
    by_severity: dict[Severity, int] = field(default_factory=dict)

    def count(self, findings: Sequence[Finding]) -> None:
        """Add one file's findings."""
        self.files += 1
        self.findings += len(findings)
        for finding in findings:
            self.by_severity[finding.severity] = self.by_severity.get(finding.severity, 0) + 1

    def fails(self, level: Severity) -> bool:
        """Tell whether any finding is at or above ``level``."""
        return any(n for severity, n in self.by_severity.items() if severity >= level)

    def describe(self) -> str:
        """One line such as "2 findings (1 error, 1 warning) in 5 files"."""
        plural = "s" if self.findings != 1 else ""
        parts = [
            f"{self.by_severity[s]} {s}{'s' if self.by_severity[s] != 1 else ''}"
            for s in sorted(self.by_severity, reverse=True)
        ]
        detail = f" ({', '.join(parts)})" if parts else ""
        files = f"{self.files} file{'s' if self.files != 1 else ''}"
        return f"{self.findings} finding{plural}{detail} in {files}"


def lint_files(paths: Sequence[str], rulebook: Rulebook, selection: Selection, *,
               max_bytes: int) -> Iterator[tuple[str, list[Finding]]]:
    """Yield ``(path, findings)`` for each path, in order."""
    for path in paths:
        yield path, selection.filter(lint_path(path, rulebook, max_bytes=max_bytes))


def run(paths: Sequence[str], rulebook: Rulebook, selection: Selection, formatter: Formatter,
        *, max_bytes: int) -> Summary:
    """Lint ``paths`` and write every file's findings to ``formatter``."""
    summary = Summary()
    formatter.begin()
    for path, findings in lint_files(paths, rulebook, selection, max_bytes=max_bytes):
        summary.count(findings)
        formatter.add(path, findings)
    formatter.end()
    return summary
