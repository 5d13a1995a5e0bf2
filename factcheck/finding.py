"""Raw hits that checks yield and the immutable findings the engine builds from them."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from typing import Any

# The rules factcheck reports itself, beside the rulebook's facts; no fact may take their ids.
BUILT_IN_RULES = {
    "read-error": "The draft could not be read (missing, a directory, no permission).",
    "decode-error": "The draft is not UTF-8 or UTF-16 text (binary, or another encoding).",
    "too-large": "The draft is larger than the size limit (--max-file-size).",
    "internal-error": "factcheck failed on the draft (a bug in factcheck; please report it).",
    "pattern-timeout": "A rule's pattern took too long on a passage and gave up, so the passage"
                       " was not checked for that rule (a pathological pattern, or an"
                       " overloaded machine).",
    "unknown-rule": "A suppression comment names a rule that no rule file defines (a typo"
                    " silences nothing).",
}


class Severity(enum.IntEnum):
    """How serious a finding is; higher is worse, so levels compare naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Return the severity named by ``text`` (``error``, ``warning`` or ``info``)."""
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r} (expected error, warning or info)"
            ) from None


@dataclass(frozen=True)
class Hit:
    """What a check reports: a character span in the document and what is wrong there."""

    start: int
    end: int
    message: str
    expected: str
    found: str


@dataclass(frozen=True, order=True)
class Finding:
    """One lint finding; lines and columns are 1-based, ``end_column`` is exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: Severity
    message: str
    expected: str
    found: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as the JSON contract's object."""
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data
