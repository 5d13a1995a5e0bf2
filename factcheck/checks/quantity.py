"""``kind: quantity`` — a count or amount, exact or a range, with hedges taken into account.

Keys (besides the common and claim keys):

* ``value`` (a number) or ``min`` and ``max`` (a range): what is true;
* ``tolerance``: how far a plain figure may stray, as a number or a percentage ("2%");
* ``approx``: how wide "about", "some", "nearly"... make a figure (default "5%");
* ``unit``: the nouns the number counts (``[people, civilians]``), usable as ``{unit}``;
* ``money``: the value is a sum of money (default false). Only such a fact is claimed by
  a figure with a currency sign: "£540" counts no people.

A claimed figure is a finding when the values it allows, hedge included, cannot meet the
true range: "about 34,000" and "more than 30,000" agree with 34,000-35,000; "45,000" and
"fewer than 30,000" do not.

PASS: ``Some 34 000 people were evacuated.``
FAIL: ``About 45,000 people were evacuated.``
"""

from __future__ import annotations

import math
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
from factcheck.rulebook import BuildContext, Fact
from factcheck.rx import Rx
from factcheck.yamlload import MappingView, fail, scalar

_YEAR = Rx(r"(?:1[89]|20)\d\d")
KIND = "quantity"
KEYS = CLAIM_KEYS | {"value", "min", "max", "tolerance", "approx", "unit", "money"}
REQUIRED = CLAIM_REQUIRED
DEFAULT_MESSAGE = 'expected {expected}, not "{found}"'
DEFAULT_APPROX = 0.05


@dataclass(frozen=True)
class QuantitySpec(Claims):
    """A compiled quantity fact."""

    low: float
    high: float
    expected: str
    approx: float
    money: bool


def parse_tolerance(view: MappingView, key: str, default: float, *, relative_to: float
                    ) -> float:
    """Read a tolerance given as a number or "N%"; return it as an absolute amount."""
    node = view.node_of(key)
    if node is None:
        return default * relative_to
    value = scalar(node, view.path)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    if isinstance(value, str):
        match = regex.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", value)
        if match:
            return float(match.group(1)) / 100 * relative_to
    fail(view.path, node, f"{key!r} must be a non-negative number or a percentage like '5%'")


def format_number(value: float) -> str:
    """Format a number the way news copy does: 34,000 or 2.5."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def build(view: MappingView, context: BuildContext) -> QuantitySpec:
    """Validate and compile a quantity fact."""
    value, low, high = view.number("value"), view.number("min"), view.number("max")
    if value is not None and (low is not None or high is not None):
        fail(view.path, view.node_of("value") or view.node,
             "give either 'value' or 'min' and 'max'")
    if value is not None:
        low = high = value
    if low is None or high is None:
        fail(view.path, view.node, "a quantity needs 'value', or both 'min' and 'max'")
    if low > high:
        fail(view.path, view.node_of("min") or view.node, "'min' is greater than 'max'")
    tolerance = parse_tolerance(view, "tolerance", 0.0, relative_to=high)
    approx_node = view.node_of("approx")
    approx = DEFAULT_APPROX
    if approx_node is not None:
        approx = parse_tolerance(view, "approx", DEFAULT_APPROX, relative_to=1.0)
    units = [u for u, _ in view.strings("unit")]
    claims = build_claim_spec(view, context, units)
    expected = format_number(low) if low == high else f"{format_number(low)}-{format_number(high)}"
    return QuantitySpec(
        claims=claims.claims,
        anchors=claims.anchors,
        low=low - tolerance,
        high=high + tolerance,
        expected=expected,
        approx=approx,
        money=view.boolean("money", False),
    )


def agrees(low: float, high: float, spec: QuantitySpec) -> bool:
    """Tell whether the interval a mention allows meets the true interval."""
    return low <= spec.high and high >= spec.low and not (math.isinf(low) and math.isinf(high))


def claims(fact: Fact, analysis: Analysis) -> Iterator[Claimed]:
    """Yield every claimed figure; those that cannot be true carry a hit."""
    spec: QuantitySpec = fact.spec
    for sentence, number in claimed_mentions(fact, analysis, "numbers", analysis.numbers):
        # A bare year ("in 2016") is a date, not a count of people.
        if _YEAR.fullmatch(number.text):
            continue
        if number.currency and not spec.money:
            continue
        found = sentence.text[number.value_start:number.end]
        yield value_claim(fact, sentence, number.value_start, number.end, found,
                          spec.expected, right=agrees(*number.interval(spec.approx), spec))
