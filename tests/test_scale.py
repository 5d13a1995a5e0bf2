"""Archives: the results cache, worker processes, a Dask cluster, progress, flat memory.

Whatever runs the engine, the output is the same, in the same order. Nothing here is
timed; bench/run.py measures speed.
"""

from __future__ import annotations

import io
import multiprocessing
import pathlib
import pickle
import re
import socket
import sqlite3
from collections.abc import Iterator

import pytest

from factcheck import engine, runner
from factcheck.cache import Cache
from factcheck.checks.common import Claimed
from factcheck.cli import main
from factcheck.document import Block
from factcheck.engine import lint_text
from factcheck.progress import Progress, wanted
from factcheck.rulebook import Fact, Rulebook

from .conftest import ROOT

RULES = str(ROOT / "rules")


@pytest.fixture
def archive(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """Forty drafts made from the seeds, numbers varied, plus a binary and a missing file."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "archive"
    folder.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for index in range(40):
        text = seeds[index % len(seeds)].read_text(encoding="utf-8")
        text = re.sub(r"\b34,000\b", f"{30 + index},000", text)
        suffix = ".md" if index % 2 else ".txt"
        (folder / f"{index:03d}{suffix}").write_text(text, encoding="utf-8")
    (folder / "015.md").write_bytes(b"\x00\x01binary")
    return folder


def lint(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["lint", *args, "--rules", RULES, "-q"])
    return status, capsys.readouterr().out


def test_worker_processes_give_the_same_output_in_the_same_order(
    archive: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    serial = lint(["archive", "missing.md", "--no-cache", "-j", "1"], capsys)
    parallel = lint(["archive", "missing.md", "--no-cache", "-j", "2"], capsys)
    assert serial == parallel
    status, out = serial
    assert status == 1
    assert "archive/015.md:1:1: error decode-error" in out
    assert "missing.md:1:1: error read-error" in out
    paths = [line.split(":")[0] for line in out.splitlines()]
    assert paths == sorted(paths)  # files in order, whichever worker linted them


def test_workers_start_only_for_archives(monkeypatch: pytest.MonkeyPatch, bundled: Rulebook,
                                         tmp_path: pathlib.Path) -> None:
    started = []

    def backend() -> runner.Backend:
        started.append(True)
        return runner.ProcessBackend(linter, 2)

    linter = runner.Linter(bundled)
    few = []
    for index in range(runner.LOCAL_FIRST):
        path = tmp_path / f"{index}.txt"
        path.write_text("The talks will be held in Geneva.\n", encoding="utf-8")
        few.append(str(path))
    assert len(list(runner.lint_files(few, linter, jobs=2, backend=backend))) == len(few)
    assert started == []  # a commit's few drafts are linted without starting processes


def test_the_second_run_reads_every_result_from_the_cache(
    archive: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = lint(["archive", "-j", "1"], capsys)
    assert (archive.parent / ".factcheck_cache" / "entries.sqlite").is_file()

    def no_linting(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached draft was linted again")

    monkeypatch.setattr(runner, "lint_bytes", no_linting)
    assert lint(["archive", "-j", "1"], capsys) == first
    # A changed draft misses, and only it is linted again.
    monkeypatch.undo()
    monkeypatch.chdir(archive.parent)
    (archive / "003.md").write_text("The talks will be held in Vienna.\n", encoding="utf-8")
    status, out = lint(["archive", "-j", "1"], capsys)
    assert status == 1
    assert "archive/003.md:1:27: error ceasefire-talks-venue" in out


def test_a_corrupt_or_foreign_cache_entry_is_linted_again(
    archive: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = lint(["archive", "-j", "1"], capsys)
    database = archive.parent / ".factcheck_cache" / "entries.sqlite"
    with sqlite3.connect(database) as db:
        keys = [key for (key,) in db.execute("SELECT key FROM entries WHERE kind = 'findings'")]
        # One entry per distinct draft: same bytes read the same way share it.
        assert len(keys) == len({(p.read_bytes(), p.suffix) for p in archive.iterdir()})
        damaged = ["{not json", "[[1, 2]]", '{"a": 1}', "[]", '{"key": "other", "findings": []}',
                   "", None, '{"key": "%s", "findings": [[1, 2, 3]]}']
        for index, key in enumerate(keys):
            value = damaged[index % len(damaged)]
            db.execute("UPDATE entries SET value = ? WHERE key = ?",
                       (value % key if value and "%s" in value else value, key))
    db.close()
    assert lint(["archive", "-j", "1"], capsys) == first
    assert lint(["archive", "-j", "1"], capsys) == first  # and the rewritten entries serve
    database.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)  # a wrecked file
    assert lint(["archive", "-j", "1"], capsys) == first
    assert lint(["archive", "-j", "1"], capsys) == first


def test_no_cache_writes_nothing(archive: pathlib.Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    lint(["archive", "--no-cache"], capsys)
    assert not (archive.parent / ".factcheck_cache").exists()


def test_a_dask_cluster_gives_the_same_output(
    archive: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("dask.distributed")
    serial = lint(["archive", "--no-cache", "-j", "1"], capsys)
    assert lint(["archive", "--no-cache", "--executor", "dask", "-j", "2"], capsys) == serial


def test_a_local_dask_cluster_leaves_the_dashboard_port_alone(
    archive: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Another cluster (a notebook's, a second factcheck run) may already hold Dask's
    # default port 8787: the run must neither warn about it nor take it.
    pytest.importorskip("dask.distributed")
    with socket.socket() as taken:
        try:
            taken.bind(("127.0.0.1", 8787))
            taken.listen()
        except OSError:
            pass  # something else holds it already, which is the case under test too
        status = main(["lint", "archive", "--no-cache", "--executor", "dask", "-j", "1",
                       "--rules", RULES])
    assert status == 1
    assert "8787" not in capsys.readouterr().err


def test_a_scheduler_without_dask_executor_is_a_usage_error(
    archive: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", "archive", "--rules", RULES, "--scheduler", "tcp://x:1"]) == 2
    assert "--scheduler needs --executor dask" in capsys.readouterr().err


def test_the_dask_executor_without_dask_fails_before_linting(
    archive: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "distributed" else real(name, *a))
    assert main(["lint", "archive", "--rules", RULES, "--executor", "dask", "-j", "1"]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", "factcheck: --executor dask needs Dask: install factcheck with "
                              "its 'dask' extra\n")


def test_lint_text_and_the_rulebook_travel_to_other_processes(bundled: Rulebook) -> None:
    text = "The peace talks will be held in Geneva. Vladmir Putin agreed."
    copy = pickle.loads(pickle.dumps(bundled))
    assert lint_text(text, copy) == lint_text(text, bundled)
    # "spawn" starts a fresh interpreter, as other machines do: nothing is inherited.
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        remote = pool.apply(lint_text, (text, bundled))
    assert remote == lint_text(text, bundled)
    assert {f.rule for f in remote} == {"ceasefire-talks-venue", "vladimir-putin"}


def test_only_a_window_of_drafts_is_in_flight(bundled: Rulebook, tmp_path: pathlib.Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    real_read = runner.read_draft

    def counting_read(path: str, max_bytes: int) -> bytes | object:
        reads.append(path)
        return real_read(path, max_bytes)

    monkeypatch.setattr(runner, "read_draft", counting_read)
    draft = tmp_path / "draft.txt"
    draft.write_text("The talks will be held in Geneva.\n", encoding="utf-8")
    paths = [str(draft)] * 10_000
    results = runner.lint_files(paths, runner.Linter(bundled), jobs=1)
    next(results)
    assert len(reads) == 1  # one file read per result when nothing runs elsewhere
    for _ in range(99):
        next(results)
    assert len(reads) == 100
    results.close()


def test_progress_shows_files_rate_and_time_left_after_a_delay() -> None:
    now = [0.0]
    stream = io.StringIO()
    progress = Progress(200, stream, clock=lambda: now[0])
    progress(10)
    assert stream.getvalue() == ""  # short runs never show it
    now[0] = 2.0
    progress(50)
    line = stream.getvalue()
    assert line.startswith("\rfactcheck [######")
    assert "50/200 files  25%  25 files/s  0:06 left" in line
    now[0] = 2.05
    progress(51)
    assert stream.getvalue() == line  # redrawn at most ten times a second
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert wanted(_Terminal(), quiet=False)
    assert not wanted(_Terminal(), quiet=True)
    assert not wanted(io.StringIO(), quiet=False)
    monkeypatch.setenv("CI", "true")
    assert not wanted(_Terminal(), quiet=False)


def test_an_edited_draft_has_only_its_changed_sentences_read_again(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    seed = (ROOT / "seeds" / "002_31483f0e997c4fd1.txt").read_text(encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(seed, encoding="utf-8")
    engine._BLOCKS.entries.clear()  # each command below as if in a process of its own
    _, before = lint(["draft.txt"], capsys)
    assert "vladimir-putin" in before
    engine._BLOCKS.entries.clear()
    read = []
    real = engine.block_claims

    def counting(block: Block, rulebook: Rulebook,
                 gave_up: list[Fact] | None = None) -> Iterator[tuple[Fact, Claimed]]:
        read.append(block.text)
        return real(block, rulebook, gave_up)

    monkeypatch.setattr(engine, "block_claims", counting)
    # (a sentence opening "The talks" would be read with the one before: see units)
    draft.write_text(seed + "\nPeace talks will be held in Geneva.\n", encoding="utf-8")
    status, after = lint(["draft.txt"], capsys)
    assert read == ["Peace talks will be held in Geneva."]
    assert status == 1
    assert after.startswith(before)
    assert after.count("\n") == before.count("\n") + 1
    assert "ceasefire-talks-venue" in after.splitlines()[-1]


def test_damaged_runs_in_the_cache_are_read_again(
    archive: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = lint(["archive", "-j", "1", "--no-cache"], capsys)
    engine._BLOCKS.entries.clear()  # each command below as if in a process of its own
    lint(["archive", "-j", "1"], capsys)
    database = archive.parent / ".factcheck_cache" / "entries.sqlite"
    with sqlite3.connect(database) as db:
        db.execute("DELETE FROM entries WHERE kind = 'findings'")
        keys = [key for (key,) in db.execute("SELECT key FROM entries WHERE kind = 'run'")]
        assert len(keys) > 100
        damaged = ["{not json", "[[1, 2]]", '{"a": 1}', "[1]", '[["id", 1, 2, "m", "e"]]',
                   '[["id", "x", 2, "m", "e", "f"]]', None]
        for index, key in enumerate(keys):
            db.execute("UPDATE entries SET value = ? WHERE key = ?",
                       (damaged[index % len(damaged)], key))
    db.close()
    engine._BLOCKS.entries.clear()
    assert lint(["archive", "-j", "1"], capsys) == first


def test_an_archive_keeps_no_runs_of_sentences(
    archive: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner, "SMALL_RUN", 10)
    lint(["archive", "-j", "1"], capsys)
    with sqlite3.connect(archive.parent / ".factcheck_cache" / "entries.sqlite") as db:
        kinds = {kind for (kind,) in db.execute("SELECT DISTINCT kind FROM entries")}
    db.close()
    assert kinds == {"findings"}
    assert engine._BLOCKS.disk is None  # and nothing is kept once the run is over


def _write_in_child(cache: Cache) -> None:
    inherited = cache._db
    cache.store_json("test", "child", 2)
    cache.flush()
    assert cache._db is not None and cache._db is not inherited


def test_a_cache_used_before_a_fork_opens_its_own_database_in_the_child(
    tmp_path: pathlib.Path
) -> None:
    cache = Cache(tmp_path)
    cache.store_json("test", "parent", 1)
    cache.flush()  # the connection is open in this process
    child = multiprocessing.get_context("fork").Process(target=_write_in_child, args=(cache,))
    child.start()
    child.join()
    assert child.exitcode == 0
    assert (cache.load_json("test", "parent"), cache.load_json("test", "child")) == (1, 2)
