"""``kind: duration`` — how long something lasted: "5 months", "150 days", "2 years".

Keys (besides the common and claim keys): ``value`` ("5 months"), ``tolerance`` (a
percentage, default "10%"), ``approx`` (the width of a hedge, default "10%"). Durations
in other units are converted ("20 weeks" is about 4.6 months); quantulum3 reads them,
only in sentences that name the subject and a unit of time.

PASS: ``after a five-month siege``
FAIL: ``the siege, which lasted three months``
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from factcheck.analysis import Analysis
from factcheck.checks.common import (
    CLAIM_KEYS,
    CLAIM_REQUIRED,
    Claimed,
    Claims,
    build_claim_spec,
    claimed_mentions,
    value_claim,
)
from factcheck.checks.quantity import format_number, parse_tolerance
from factcheck.extract.durations import DAYS_PER_UNIT
from factcheck.rulebook import BuildContext, Fact
from factcheck.yamlload import MappingView, fail

KIND = "duration"
KEYS = CLAIM_KEYS | {"value", "tolerance", "approx"}
REQUIRED = (*CLAIM_REQUIRED, "value")
DEFAULT_MESSAGE = 'expected {expected}, not "{found}"'
_VALUE = regex.compile(
    r"\s*(\d+(?:\.\d+)?)\s*(second|minute|hour|day|week|fortnight|month|year|decade|century)s?\s*"
)


@dataclass(frozen=True)
class DurationSpec(Claims):
    """A compiled duration fact, in days."""

    low_days: float
    high_days: float
    expected: str
    approx: float


def build(view: MappingView, context: BuildContext) -> DurationSpec:
    """Validate and compile a duration fact."""
    text = view.required_string("value")
    match = _VALUE.fullmatch(text)
    if match is None:
        fail(view.path, view.required("value"), f"invalid duration {text!r} (like '5 months')")
    amount = float(match.group(1))
    days = amount * DAYS_PER_UNIT[match.group(2)]
    tolerance = parse_tolerance(view, "tolerance", 0.10, relative_to=days)
    approx = parse_tolerance(view, "approx", 0.10, relative_to=1.0)
    claims = build_claim_spec(view, context)
    unit = match.group(2) + ("" if amount == 1 else "s")
    return DurationSpec(
        claims=claims.claims,
        anchors=claims.anchors,
        low_days=days - tolerance,
        high_days=days + tolerance,
        expected=f"{format_number(amount)} {unit}",
        approx=approx,
    )


def claims(fact: Fact, analysis: Analysis) -> Iterator[Claimed]:
    """Yield every claimed duration; those outside the fact's tolerance carry a hit."""
    spec: DurationSpec = fact.spec
    for sentence, duration in claimed_mentions(fact, analysis, "durations", analysis.durations):
        low, high = duration.low_days, duration.high_days
        if duration.hedge is not None:
            low, high = low * (1 - spec.approx), high * (1 + spec.approx)
            if duration.hedge in ("at-least", "above"):
                high = float("inf")
            elif duration.hedge in ("at-most", "below"):
                low = 0.0
        found = sentence.text[duration.value_start:duration.end]
        yield value_claim(fact, sentence, duration.value_start, duration.end, found,
                          spec.expected, right=low <= spec.high_days and high >= spec.low_days)
