"""Score factcheck against the annotated evaluation drafts in tests/eval/.

Run ``python tests/evaluation.py tests/eval/dev`` to see every miss and false alarm.
A finding matches an expected one when the rules agree, the finding spans the expected
line (a wrapped "Syrian\nprime minister" starts a line early) and either ``found`` text
contains the other (annotators mark "Foreign Minister" where factcheck may report
"Turkish Foreign Minister").
"""

from __future__ import annotations

import pathlib
import sys
from dataclasses import dataclass, field

import yaml

from factcheck.engine import lint_path
from factcheck.rulebook import Rulebook, load_rulebook

ROOT = pathlib.Path(__file__).resolve().parent.parent


@dataclass
class Score:
    """Counts and the unmatched items, for reporting."""

    true_positives: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + len(self.false_positives)
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + len(self.false_negatives)
        return self.true_positives / expected if expected else 1.0


def _same(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    return a in b or b in a


def score(folder: pathlib.Path, rulebook: Rulebook) -> Score:
    """Lint every draft in ``folder`` and compare with its ``.expect.yaml``."""
    result = Score()
    for draft in sorted(folder.iterdir()):
        if draft.suffix not in (".md", ".txt"):
            continue
        expect_file = draft.with_name(draft.stem + ".expect.yaml")
        expected = yaml.safe_load(expect_file.read_text(encoding="utf-8"))["findings"] or []
        findings = lint_path(str(draft), rulebook)
        unmatched = list(expected)
        for finding in findings:
            match = next(
                (e for e in unmatched
                 if e["rule"] == finding.rule and finding.line <= e["line"] <= finding.end_line
                 and _same(str(e["found"]), finding.found)),
                None,
            )
            if match is None:
                where = f"{draft.name}:{finding.line}:{finding.column}"
                result.false_positives.append(f"{where}: {finding.rule} {finding.found!r}")
            else:
                unmatched.remove(match)
                result.true_positives += 1
        result.false_negatives.extend(
            f"{draft.name}:{e['line']}: {e['rule']} {e['found']!r}" for e in unmatched
        )
    return result


def main(argv: list[str]) -> int:
    rulebook = load_rulebook([ROOT / "rules"])
    for name in argv or ["tests/eval/dev"]:
        result = score(ROOT / name, rulebook)
        print(f"{name}: precision {result.precision:.3f}, recall {result.recall:.3f} "
              f"({result.true_positives} right, {len(result.false_positives)} false alarms, "
              f"{len(result.false_negatives)} missed)")
        for line in result.false_positives:
            print("  false alarm:", line)
        for line in result.false_negatives:
            print("  missed:     ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
