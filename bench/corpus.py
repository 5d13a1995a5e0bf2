"""Generate the benchmark corpus: seed-like articles, all different, deterministically.

Each article is a seed with its numbers perturbed (years stay plausible), its paragraphs
shuffled after the headline, some paragraphs' sentences shuffled, and 0-2 paragraphs
repeated, so that no content-keyed cache can serve one article for another. The same
seed and seed files always give byte-identical output.

    python bench/corpus.py OUT_DIR [--files 2000] [--seed 20240601]
"""

from __future__ import annotations

import argparse
import pathlib
import random
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def _perturb(token: str, rng: random.Random) -> str:
    if len(token) == 4 and token.isdigit() and token[:2] in ("19", "20"):
        return str(int(token) + rng.randint(-3, 3))
    return "".join(
        str(rng.randint(1 if i == 0 else 0, 9)) if ch.isdigit() else ch
        for i, ch in enumerate(token)
    )


def variant(text: str, rng: random.Random, index: int) -> str:
    """One article derived from a seed."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    title, body = paragraphs[0], paragraphs[1:]
    shuffled = []
    for paragraph in body:
        sentences = _SENTENCE_END.split(paragraph)
        if len(sentences) > 2 and rng.random() < 0.4:
            rng.shuffle(sentences)
        shuffled.append(" ".join(sentences))
    rng.shuffle(shuffled)
    for _ in range(rng.choice((0, 1, 1, 2))):
        if body:
            shuffled.insert(rng.randrange(len(shuffled) + 1), rng.choice(body))
    out = f"# {title} (variant {index})\n\n" + "\n\n".join(shuffled) + "\n"
    return _NUMBER.sub(lambda m: _perturb(m.group(), rng), out)


def generate(out: pathlib.Path, files: int, seed: int) -> int:
    """Write ``files`` articles into ``out``; return the total bytes written."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [s.read_text(encoding="utf-8") for s in seeds]
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    total = 0
    for index in range(files):
        article = variant(texts[index % len(texts)], rng, index)
        data = article.encode("utf-8")
        (out / f"{index:05d}.md").write_bytes(data)
        total += len(data)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()
    total = generate(args.out, args.files, args.seed)
    print(f"{args.files} files, {total:,} bytes in {args.out}")


if __name__ == "__main__":
    main()
