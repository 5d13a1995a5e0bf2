"""Synthetic rulebooks for the rule-scaling figure: the bundled facts plus many more.

The extra facts are shaped like real ones (entity, quantity and date kinds, a subject,
claim patterns with gaps) and their subjects are real words of the seed articles, so
they fire on the corpus as facts about other stories sharing its vocabulary would.

    python bench/synthetic.py OUT_DIR --factor 10
"""

from __future__ import annotations

import argparse
import pathlib
import random
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
_PLACES = ["Vienna", "Geneva", "Ankara", "Tehran", "Beirut", "Cairo", "Doha", "Riyadh", "Amman"]
_TEMPLATES = {
    "entity": ['"{{subject}} ... (?:held|based|located|hosted|staged) in {{value}}"',
               '"{{value}}(?:\'s)? {{subject}}"'],
    "quantity": ['"{{value}} (?:[\\\\w-]+ ){{0,2}}?{{subject}}"',
                 '"{{subject}} ... (?:rose to|reached|totalled|numbered|stood at) {{value}}"'],
    "date": ['"{{subject}} ... (?:began|started|ended|opened|closed) (?:in|on) {{value}}"',
             '"{{value}},? ... {{subject}} (?:began|started|ended)"'],
}


def _vocabulary() -> list[str]:
    words: set[str] = set()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{6,}", seed.read_text("utf-8")))
    return sorted(words)


def facts(count: int, seed: int = 7) -> str:
    """YAML for ``count`` synthetic facts."""
    rng = random.Random(seed)
    vocabulary = _vocabulary()
    out = ["# Synthetic facts for bench/run.py: shaped like real ones, about nothing.",
           "facts:"]
    for index in range(count):
        kind = ("entity", "quantity", "date")[index % 3]
        subject = " ".join(rng.sample(vocabulary, 1 + index % 2))
        value = {"entity": rng.choice(_PLACES), "quantity": str(rng.randint(2, 90_000)),
                 "date": str(rng.randint(1990, 2016))}[kind]
        claims = "\n".join(f"      - {t.format()}" for t in _TEMPLATES[kind])
        out.append(
            f"  - id: synthetic-{index:04d}\n"
            f"    kind: {kind}\n"
            f"    statement: Synthetic fact {index}.\n"
            f"    sources: [https://example.org/synthetic/{index}]\n"
            f"    subject: [\"{subject}\"]\n"
            f"    claims:\n{claims}\n"
            f"    value: {value}"
        )
    return "\n".join(out) + "\n"


def write(out: pathlib.Path, factor: int) -> int:
    """Write the bundled rules and enough synthetic facts for ``factor`` times as many."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    bundled = 0
    for rule_file in sorted((ROOT / "rules").glob("*.yaml")):
        shutil.copy(rule_file, out / rule_file.name)
        bundled += len(re.findall(r"(?m)^  - id: ", rule_file.read_text("utf-8")))
    extra = bundled * (factor - 1)
    if extra:
        (out / "synthetic.yaml").write_text(facts(extra), encoding="utf-8")
    return bundled + extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--factor", type=int, default=10)
    args = parser.parse_args()
    print(f"{write(args.out, args.factor)} facts in {args.out}")


if __name__ == "__main__":
    main()
