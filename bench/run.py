"""The benchmark: factcheck beside the floor, quantulum3 and proselint, in one run.

    python bench/run.py [--files 2000] [--repeat 3] [--sample 40] [--work DIR]

Every figure is the median wall time of ``--repeat`` whole-process runs (after one
warm-up run that fills the operating system's file cache), measured in this run on this
machine, so the ratios between rows are what to read: machines differ and are noisy.
factcheck runs as the pre-commit hook runs it, under ``python -O``. quantulum3 whole-text
runs are slow, so they are measured on the first ``--sample`` drafts and scaled to the
corpus by bytes. proselint comes from ``pip install -e '.[bench]'``. Nothing here is a
test: CI never times anything.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402 - bench/ is not a package
import synthetic  # noqa: E402

PYTHON = sys.executable
ENV = {k: v for k, v in os.environ.items()
       if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONOPTIMIZE", "CI")}
ENV["PYTHONWARNINGS"] = "ignore"


@dataclass
class Run:
    """The median of several runs of one command."""

    seconds: float
    rss_mb: float
    output: bytes


def once(command: Sequence[str], cwd: pathlib.Path) -> tuple[float, float, bytes]:
    """Run a command; return its wall time, its peak memory (MB) and its standard output."""
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024, output


def measure(command: Sequence[str], cwd: pathlib.Path, repeat: int, *,
            before: Callable[[int], None] | None = None, warm_up: bool = True) -> Run:
    """Median wall time and peak memory of ``repeat`` runs (``before`` runs before each)."""
    if warm_up:
        if before is not None:
            before(-1)
        once(command, cwd)
    times, peaks, output = [], [], b""
    for index in range(repeat):
        if before is not None:
            before(index)
        seconds, rss, output = once(command, cwd)
        times.append(seconds)
        peaks.append(rss)
    return Run(statistics.median(times), max(peaks), output)


def probe(mode: str, *args: str, cwd: pathlib.Path, optimize: bool = False) -> dict[str, float]:
    """Run bench/probe.py once; return what it printed."""
    command = [PYTHON, *(["-O"] if optimize else []), str(HERE / "probe.py"), mode, *args]
    result: dict[str, float] = json.loads(once(command, cwd)[2])
    return result


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=40,
                        help="drafts for the quantulum3 whole-text and sentence rows")
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("/tmp/factcheck-bench"))
    args = parser.parse_args()
    work = args.work.resolve()
    big, one, hundred = work / "big", work / "one", work / "big100"
    if not big.is_dir() or len(list(big.iterdir())) != args.files:
        shutil.rmtree(big, ignore_errors=True)
        corpus.generate(big, args.files, 20240601)
    drafts = sorted(big.iterdir())
    size = sum(p.stat().st_size for p in drafts)
    mb = size / 1e6
    for folder, chosen in ((one, []), (hundred, drafts[:100])):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        for path in chosen:
            shutil.copy(path, folder / path.name)
    seed = (ROOT / "seeds" / "000_d3298a9f7c5e6a43.txt").read_text(encoding="utf-8")
    (one / "draft.md").write_text(seed, encoding="utf-8")
    run_dir = work / "run"
    run_dir.mkdir(exist_ok=True)
    cache = run_dir / ".factcheck_cache"

    def clear(_: int = 0) -> None:
        shutil.rmtree(cache, ignore_errors=True)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    factcheck = [PYTHON, "-O", "-m", "factcheck", "lint", "--no-config",
                 "--rules", str(ROOT / "rules"), "-q"]
    print(f"corpus: {len(drafts):,} drafts, {size:,} bytes; {cores} cores; "
          f"{args.repeat} runs each", file=sys.stderr)

    def step(label: str) -> None:
        print(f"  {label} ...", file=sys.stderr, flush=True)

    step("floor")
    floor = measure([PYTHON, str(HERE / "probe.py"), "floor", str(big)], run_dir, args.repeat)
    floor_one = measure([PYTHON, str(HERE / "probe.py"), "floor", str(one)], run_dir, args.repeat)
    step("factcheck, first run, 1 job")
    cold1 = measure([*factcheck, "-j", "1", str(big)], run_dir, args.repeat, before=clear)
    step(f"factcheck, first run, {cores} jobs")
    cold_n = measure([*factcheck, "-j", str(cores), str(big)], run_dir, args.repeat,
                     before=clear)
    # A new archive linted with rules compiled by an earlier run (the rulebook is built
    # once per rule change): the cache holds the rulebook and nothing of the archive.
    compiled = work / "cache-rules-only"
    clear()
    once([*factcheck, str(one)], run_dir)
    shutil.rmtree(compiled, ignore_errors=True)
    shutil.copytree(cache, compiled)

    def rules_only(_: int = 0) -> None:
        clear()
        shutil.copytree(compiled, cache)

    step("factcheck, new archive, rules compiled, 1 job")
    warm1 = measure([*factcheck, "-j", "1", str(big)], run_dir, args.repeat, before=rules_only)
    step(f"factcheck, new archive, rules compiled, {cores} jobs")
    warm_n = measure([*factcheck, "-j", str(cores), str(big)], run_dir, args.repeat,
                     before=rules_only)
    step("factcheck, re-lint")
    clear()
    cached = measure([*factcheck, str(big)], run_dir, args.repeat)
    step("factcheck, memory on 100 drafts")
    small_run = measure([*factcheck, "-j", "1", str(hundred)], run_dir, 1, before=clear)

    step("one draft")
    draft = one / "draft.md"

    def edit(extra: str) -> Callable[[int], None]:
        def write(index: int) -> None:
            draft.write_text(seed + extra.format(n=index + 10), encoding="utf-8")
        return write

    first_ever = measure([*factcheck, str(draft)], run_dir, args.repeat,
                         before=lambda i: (clear(), edit("")(i)))
    clear()
    once([*factcheck, str(draft)], run_dir)  # the rulebook and patterns are now cached
    new_draft = measure([*factcheck, str(draft)], run_dir, args.repeat,
                        before=edit("\nThe editor added note {n} today.\n"))
    with_duration = measure([*factcheck, str(draft)], run_dir, args.repeat,
                            before=edit("\nThe siege of Aleppo lasted {n} months.\n"))
    with_units = measure([*factcheck, str(draft)], run_dir, args.repeat,
                         before=edit("\nThe siege of Aleppo lasted {n}½ months.\n"))
    unchanged = measure([*factcheck, str(draft)], run_dir, args.repeat)
    edit("")(0)

    step("quantulum3")
    sample = [str(big), str(args.sample)]
    q_all = probe("q_all", *sample, cwd=run_dir, optimize=True)
    q_sentences = probe("q_sentences", *sample, cwd=run_dir, optimize=True)
    q_one = measure([PYTHON, "-O", str(HERE / "probe.py"), "q_all", str(one)], run_dir,
                    args.repeat)
    q_one_sentences = measure([PYTHON, "-O", str(HERE / "probe.py"), "q_sentences", str(one)],
                              run_dir, args.repeat)

    proselint = shutil.which("proselint", path=str(pathlib.Path(PYTHON).parent))
    prose = prose_one = None
    if proselint:
        step("proselint")
        prose = measure([proselint, "check", str(big)], run_dir, args.repeat)
        prose_one = measure([proselint, "check", str(draft)], run_dir, args.repeat)

    step("rule scaling")
    scaling = []
    for factor in (1, 10, 30):
        rules = work / f"rules-x{factor}"
        facts = synthetic.write(rules, factor)
        seconds = min(probe("engine", str(rules), str(big), "300", cwd=run_dir,
                            optimize=True)["seconds"] for _ in range(args.repeat))
        scaling.append((factor, facts, seconds))

    def row(name: str, seconds: float, one_file: str) -> list[str]:
        return [name, f"{seconds:.2f} s", f"{mb / seconds:.2f}", f"{seconds / floor.seconds:.0f}",
                one_file]

    def ms(run: Run | None) -> str:
        return f"{run.seconds * 1000:.0f} ms" if run else "–"

    rows = [
        row("Python read + one `regex` scan (the floor)", floor.seconds, ms(floor_one)),
        row("**factcheck**, first run, 1 job", cold1.seconds, ms(new_draft)),
        row(f"**factcheck**, first run, {cores} jobs", cold_n.seconds, ms(new_draft)),
        row("**factcheck**, new archive, rules compiled, 1 job", warm1.seconds, ms(new_draft)),
        row(f"**factcheck**, new archive, rules compiled, {cores} jobs", warm_n.seconds,
            ms(new_draft)),
        row("**factcheck**, re-lint (cached)", cached.seconds, ms(unchanged)),
    ]
    if prose and prose_one:
        rows.append(row("proselint", prose.seconds, ms(prose_one)))
    else:
        rows.append(["proselint", "not installed: pip install -e '.[bench]'", "", "", ""])
    rows.append(row(f"quantulum3 over whole files (scaled from {q_all['files']:.0f})",
                    q_all["seconds"] * size / q_all["bytes"], ms(q_one)))
    rows.append(row(f"quantulum3 on digit-bearing sentences (scaled from {q_all['files']:.0f})",
                    q_sentences["seconds"] * size / q_sentences["bytes"], ms(q_one_sentences)))
    print(f"Corpus: {len(drafts):,} seed-like drafts, {mb:.1f} MB (bench/corpus.py); "
          f"{cores} cores; median of {args.repeat} whole-process runs; `python -O`.\n")
    print(table(["what", f"{len(drafts):,} files", "MB/s", "× floor time",
                 "one 4 KB file"], rows))
    print()
    print(table(["factcheck compared", "ratio"], [
        ["speed, first run 1 job ÷ proselint",
         f"{prose.seconds / cold1.seconds:.1f}×" if prose else "–"],
        ["speed, first run 1 job ÷ quantulum3 whole text",
         f"{q_all['seconds'] * size / q_all['bytes'] / cold1.seconds:.0f}×"],
        [f"speed-up of {cores} jobs over 1", f"{cold1.seconds / cold_n.seconds:.2f}×"],
        [f"speed-up of {cores} jobs over 1, rules compiled",
         f"{warm1.seconds / warm_n.seconds:.2f}×"],
        [f"output of {cores} jobs identical to 1 job",
         "yes" if cold1.output == cold_n.output == warm1.output == warm_n.output else "NO"],
        ["re-lint speed-up over first run (1 job)", f"{cold1.seconds / cached.seconds:.1f}×"],
        ["peak memory, 100 drafts → all drafts (1 job)",
         f"{small_run.rss_mb:.0f} MB → {cold1.rss_mb:.0f} MB"],
    ]))
    print()
    print(table(["one draft (pre-commit)", "wall", "target"], [
        ["first run ever (empty cache)", ms(first_ever), ""],
        ["new draft, no sentence needs quantulum3", ms(new_draft), "150 ms"],
        ["new draft, a new duration factcheck reads itself (\"lasted 12 months\")",
         ms(with_duration), "150 ms"],
        ["new draft, a new sentence only quantulum3 reads (\"12½ months\")",
         ms(with_units), "300 ms"],
        ["unchanged draft (cached)", ms(unchanged), ""],
    ]))
    print()
    base = scaling[0][2]
    print(table(["rulebook", "facts", "time on 300 drafts", "ratio"], [
        [f"×{factor}", str(facts), f"{seconds:.2f} s", f"{seconds / base:.2f}"]
        for factor, facts, seconds in scaling
    ]))


if __name__ == "__main__":
    main()
