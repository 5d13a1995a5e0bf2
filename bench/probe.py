"""One measured workload, run as its own process by bench/run.py.

    python bench/probe.py floor DIR          read every draft, one regex scan each
    python bench/probe.py q_all DIR [N]      quantulum3 on each whole draft (first N drafts)
    python bench/probe.py q_sentences DIR [N]  quantulum3 on each digit-bearing sentence
    python bench/probe.py engine RULES DIR [N] the engine in-process, rulebook loaded first

Each prints one JSON object: the drafts, their bytes and the seconds the work took (for
``engine``, after loading the rulebook; the others include their imports).
"""

from __future__ import annotations

import json
import pathlib
import sys
import time

START = time.perf_counter()


def drafts(folder: str, limit: int | None) -> list[pathlib.Path]:
    found = sorted(p for p in pathlib.Path(folder).iterdir() if p.suffix in (".md", ".txt"))
    return found[:limit] if limit else found


def main() -> None:
    mode, rest = sys.argv[1], sys.argv[2:]
    if mode == "engine":
        rules, folder, *limit = rest
    else:
        folder, *limit = rest
    files = drafts(folder, int(limit[0]) if limit else None)
    size = 0
    if mode == "floor":
        import regex

        numbers = regex.compile(r"\d[\d,.]*")
        for path in files:
            data = path.read_bytes()
            size += len(data)
            sum(1 for _ in numbers.finditer(data.decode("utf-8")))
        seconds = time.perf_counter() - START
    elif mode in ("q_all", "q_sentences"):
        import warnings

        import regex

        warnings.simplefilter("ignore")
        from quantulum3 import parser

        split = regex.compile(r"(?<=[.!?])\s+|\n\s*\n")
        for path in files:
            text = path.read_text(encoding="utf-8")
            size += len(text.encode("utf-8"))
            if mode == "q_all":
                parser.parse(text)
            else:
                for sentence in split.split(text):
                    if any(ch.isdigit() for ch in sentence):
                        parser.parse(sentence)
        seconds = time.perf_counter() - START
    elif mode == "engine":
        from factcheck.engine import lint_path
        from factcheck.rulebook import load_rulebook

        rulebook = load_rulebook([rules])
        rulebook.warm()
        began = time.perf_counter()
        for path in files:
            size += path.stat().st_size
            lint_path(str(path), rulebook)
        seconds = time.perf_counter() - began
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps({"files": len(files), "bytes": size, "seconds": seconds}))


if __name__ == "__main__":
    main()
