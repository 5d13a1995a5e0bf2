"""``kind: date`` — a year, a month or a day: "2011", "2011-03", "2016-12-15", "--12-15".

Keys (besides the common and claim keys): ``value``, the true date in one of the forms
above. A claimed date is a finding when a part it states (year, month or day) differs
from the same part of the value: with ``value: 2011-03``, "2011" and "March 2011" pass,
"April 2011" and "2012" fail. A year range ("2011-2016") is compared by its first year,
and a season or half of a year by its months: "the spring of 2011" passes, "the winter of
2011" fails.

PASS: ``The conflict, which began in March 2011, ...``
FAIL: ``The civil war broke out in 2012.``
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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
from factcheck.extract.dates import describe, parse_expected
from factcheck.rulebook import BuildContext, Fact
from factcheck.yamlload import MappingView, fail, scalar

KIND = "date"
KEYS = CLAIM_KEYS | {"value"}
REQUIRED = (*CLAIM_REQUIRED, "value")
DEFAULT_MESSAGE = 'expected {expected}, not "{found}"'


@dataclass(frozen=True)
class DateSpec(Claims):
    """A compiled date fact."""

    year: int | None
    month: int | None
    day: int | None

    @property
    def expected(self) -> str:
        """The value as findings show it."""
        return describe(self.year, self.month, self.day)


def build(view: MappingView, context: BuildContext) -> DateSpec:
    """Validate and compile a date fact."""
    node = view.required("value")
    value = scalar(node, view.path)  # a bare year reads as a number, any other date as text
    raw = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    parsed = parse_expected(raw)
    if parsed is None:
        fail(view.path, node, f"invalid date {raw!r} (use 2011, 2011-03, 2016-12-15 or --12-15)")
    claims = build_claim_spec(view, context)
    year, month, day = parsed
    return DateSpec(claims=claims.claims, anchors=claims.anchors, year=year, month=month, day=day)


def claims(fact: Fact, analysis: Analysis) -> Iterator[Claimed]:
    """Yield every claimed date; those that contradict the fact's date carry a hit."""
    spec: DateSpec = fact.spec
    for sentence, date in claimed_mentions(fact, analysis, "dates", analysis.dates):
        pairs = ((date.year, spec.year), (date.month, spec.month), (date.day, spec.day))
        right = all(found is None or want is None or found == want for found, want in pairs)
        if date.months is not None and date.month is None and spec.month is not None:
            right = right and spec.month in date.months  # "the spring of 2015" is no September
        yield value_claim(fact, sentence, date.start, date.end, date.text, spec.expected,
                          right=right)
