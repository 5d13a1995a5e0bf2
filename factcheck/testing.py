"""Rule examples as tests: every example runs through the real engine (``factcheck test``).

A ``flag`` example must raise its fact's finding (with the ``found`` text and ``column``
it names, if any); a ``pass`` example must not. Outcomes are counted the way a classifier
is judged: true and false positives, true and false negatives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.engine import lint_text
from factcheck.rulebook import Example, Fact, Rulebook

TP, FP, FN, TN = "TP", "FP", "FN", "TN"


@dataclass(frozen=True)
class Outcome:
    """What one example did."""

    fact: Fact
    example: Example
    verdict: str  # TP, FP, FN or TN
    detail: str

    @property
    def passed(self) -> bool:
        """True and false are judged against the example: TP and TN pass."""
        return self.verdict in (TP, TN)

    def line(self) -> str:
        """``file:line:col: fact: what went wrong``, pointing at the example in the rule file."""
        wanted = "should raise it" if self.example.flag else "should not raise it"
        return (f"{self.fact.path}:{self.example.line}:{self.example.col}: {self.fact.id}: "
                f"example {wanted}: {self.detail}: {self.example.text!r}")


def run_example(fact: Fact, example: Example, rulebook: Rulebook) -> Outcome:
    """Run one example of ``fact`` through the engine."""
    findings = [f for f in lint_text(example.text, rulebook, "example.txt") if f.rule == fact.id]
    if not example.flag:
        if findings:
            got = ", ".join(f'"{f.found}" at column {f.column}' for f in findings)
            return Outcome(fact, example, FP, f"flagged {got}")
        return Outcome(fact, example, TN, "no finding")
    if not findings:
        return Outcome(fact, example, FN, "no finding")
    for finding in findings:
        if ((example.found is None or finding.found == example.found)
                and (example.column is None or finding.column == example.column)):
            return Outcome(fact, example, TP, "flagged")
    got = ", ".join(f'"{f.found}" at column {f.column}' for f in findings)
    want = " at column ".join(
        part for part in (
            f'"{example.found}"' if example.found is not None else "",
            str(example.column) if example.column is not None else "",
        ) if part
    )
    return Outcome(fact, example, FN, f"expected {want}, got {got}")


def run_examples(rulebook: Rulebook, facts: Iterable[Fact] | None = None) -> list[Outcome]:
    """Run the examples of ``facts`` (all facts by default) through the engine."""
    chosen = rulebook.facts if facts is None else tuple(facts)
    return [run_example(fact, example, rulebook) for fact in chosen for example in fact.examples]


def table(outcomes: Iterable[Outcome], facts: Iterable[Fact]) -> list[str]:
    """Per-fact counts of TP, FP, FN and TN, as aligned text lines."""
    outcomes = list(outcomes)
    facts = list(facts)
    width = max((len(f.id) for f in facts), default=4)
    lines = [f"{'fact':<{width}}  {'TP':>3} {'FP':>3} {'FN':>3} {'TN':>3}"]
    for fact in facts:
        mine = [o.verdict for o in outcomes if o.fact.id == fact.id]
        counts = " ".join(f"{mine.count(v):>3}" for v in (TP, FP, FN, TN))
        lines.append(f"{fact.id:<{width}}  {counts}")
    return lines
