"""Exceptions that carry enough context to print one precise line."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class for every error factcheck reports without a traceback."""


class UsageError(FactcheckError):
    """A bad command line: unknown rule id, missing path, bad option value."""


class ConfigError(FactcheckError):
    """A bad configuration or rule file, located at a file, line and column."""

    def __init__(self, path: str, line: int | None, column: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class RuleFileError(ConfigError):
    """A rule file that cannot be loaded: YAML, schema or pattern error."""
