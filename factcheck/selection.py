"""Which rules run and how severe they are: --select, --ignore and severity overrides."""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from factcheck.errors import UsageError
from factcheck.finding import Finding, Severity
from factcheck.rulebook import Rulebook


@dataclass(frozen=True)
class Selection:
    """Rule ids (or globs such as ``person-*``) to keep, to drop, and severity overrides.

    A rule's own severity override beats any glob; of the globs, the last that matches wins.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)

    @property
    def everything(self) -> bool:
        """Tell whether the selection keeps every rule at its own severity."""
        return not (self.select or self.ignore or self.severity)

    def allows(self, rule: str) -> bool:
        """Tell whether findings of ``rule`` are reported."""
        if self.select and not any(fnmatch.fnmatchcase(rule, p) for p in self.select):
            return False
        return not any(fnmatch.fnmatchcase(rule, p) for p in self.ignore)

    def severity_of(self, rule: str, default: Severity) -> Severity:
        """The severity of ``rule``: its own override, else the last glob that matches it."""
        if rule in self.severity:
            return self.severity[rule]
        level = default
        for pattern, override in self.severity.items():
            if fnmatch.fnmatchcase(rule, pattern):
                level = override
        return level

    def validate(self, known: Iterable[str]) -> None:
        """Fail on a pattern that names no known rule (a typo would silence nothing)."""
        ids = sorted(set(known))
        for option, patterns in (("--select", self.select), ("--ignore", self.ignore),
                                 ("severity", tuple(self.severity))):
            for pattern in patterns:
                if not any(fnmatch.fnmatchcase(i, pattern) for i in ids):
                    raise UsageError(f"{option}: no rule matches {pattern!r}")

    def apply(self, rulebook: Rulebook) -> Rulebook:
        """Return the rulebook with unselected facts dropped and severities overridden."""
        if self.everything:
            return rulebook  # keep its warmed indexes
        facts = tuple(
            dataclasses.replace(f, severity=self.severity_of(f.id, f.severity))
            for f in rulebook.facts
            if self.allows(f.id)
        )
        return dataclasses.replace(rulebook, facts=facts, digest=self.digest(rulebook.digest))

    def digest(self, base: str) -> str:
        """A cache key component that changes whenever the selection does."""
        levels = ",".join(f"{k}={v}" for k, v in sorted(self.severity.items()))
        return f"{base}|{','.join(self.select)}|{','.join(self.ignore)}|{levels}"

    def filter(self, findings: Sequence[Finding]) -> list[Finding]:
        """Apply the selection to findings (file-level rules are not in any rulebook)."""
        if self.everything:
            return list(findings)
        return [
            dataclasses.replace(f, severity=self.severity_of(f.rule, f.severity))
            for f in findings
            if self.allows(f.rule)
        ]
