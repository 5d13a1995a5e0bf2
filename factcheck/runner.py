"""Run the engine over many files: cached results, worker processes or a Dask cluster.

Files are read, and looked up in the results cache, in this process and in order; only
drafts the cache has not seen are linted, here or by workers, a batch at a time. Results
come back in the order of the files whatever the number of workers, and only a bounded
window of files is in flight, so memory stays flat however large the archive.
"""

from __future__ import annotations

import collections
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from factcheck import rx
from factcheck.cache import Cache, content_key
from factcheck.document import is_markdown
from factcheck.engine import DEFAULT_MAX_BYTES, TIMEOUT_RULE, keep_runs, lint_bytes, read_draft
from factcheck.extract import quantities
from factcheck.finding import Finding, Severity
from factcheck.formatters import Formatter
from factcheck.progress import Progress
from factcheck.rulebook import Rulebook
from factcheck.selection import Selection

BATCH = 8  # drafts per task sent to a worker: fewer round trips, still fine-grained
LOCAL_FIRST = 8  # drafts linted here before starting workers: small runs never start any
SMALL_RUN = 50  # up to this many drafts (a commit's), runs of sentences are cached on disk


def cpu_count() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class Summary:
    """What a run found, for the exit status and the closing line."""

    files: int = 0
    findings: int = 0
    by_severity: dict[Severity, int] = field(default_factory=dict)

    def count(self, findings: Sequence[Finding]) -> None:
        """Add one file's findings."""
        self.files += 1
        self.findings += len(findings)
        for finding in findings:
            self.by_severity[finding.severity] = self.by_severity.get(finding.severity, 0) + 1

    def fails(self, level: Severity) -> bool:
        """Tell whether any finding is at or above ``level``."""
        return any(n for severity, n in self.by_severity.items() if severity >= level)

    def describe(self) -> str:
        """One line such as "2 findings (1 error, 1 warning) in 5 files"."""
        plural = "s" if self.findings != 1 else ""
        parts = [
            f"{self.by_severity[s]} {s}{'s' if self.by_severity[s] != 1 else ''}"
            for s in sorted(self.by_severity, reverse=True)
        ]
        detail = f" ({', '.join(parts)})" if parts else ""
        files = f"{self.files} file{'s' if self.files != 1 else ''}"
        return f"{self.findings} finding{plural}{detail} in {files}"


@dataclass(frozen=True)
class Linter:
    """Everything linting a draft needs; picklable, so other processes and machines get it."""

    rulebook: Rulebook
    max_bytes: int = DEFAULT_MAX_BYTES
    cache_dir: str | None = None

    @cached_property
    def cache(self) -> Cache | None:
        """The cache, if there is one."""
        return Cache(self.cache_dir) if self.cache_dir is not None else None

    def prepare(self) -> None:
        """Set this process up: compiled patterns and quantulum3's readings from the cache."""
        quantities.use_disk_cache(self.cache)
        if self.cache is not None:
            rx.load(self.cache)

    def key(self, path: str, data: bytes) -> str:
        """The results-cache key of a draft: its bytes, how it is read, the rulebook."""
        kind = "markdown" if is_markdown(path) else "text"
        return content_key("findings", self.rulebook.digest, kind, data)

    def recall(self, key: str, path: str) -> list[Finding] | None:
        """The findings cached for a draft, or None."""
        if self.cache is None:
            return None
        stored = self.cache.load_json("findings", key)
        # An entry names its own key, so a damaged or misplaced file is never taken for it.
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        findings = []
        try:
            for row in stored["findings"]:
                line, column, end_line, end_column, rule, level, message, expected, found, \
                    source = row
                findings.append(Finding(path, line, column, end_line, end_column, rule,
                                        Severity(level), message, expected, found, source))
        except (KeyError, TypeError, ValueError):
            return None  # an entry of another layout: lint again and overwrite it
        return findings

    def remember(self, key: str, findings: Sequence[Finding]) -> None:
        """Cache a draft's findings (without its path, which the key does not cover).

        Not when a pattern timed out on it: the next run may well finish the match.
        """
        if self.cache is not None and not any(f.rule == TIMEOUT_RULE for f in findings):
            rows = [[f.line, f.column, f.end_line, f.end_column, f.rule, int(f.severity),
                     f.message, f.expected, f.found, f.source] for f in findings]
            self.cache.store_json("findings", key, {"key": key, "findings": rows})

    def lint_batch(self, batch: Sequence[tuple[str, bytes]]) -> list[list[Finding]]:
        """Lint drafts given as (path, bytes)."""
        return [lint_bytes(data, path, self.rulebook) for path, data in batch]


class Backend(Protocol):
    """Where batches of drafts are linted: worker processes or a Dask cluster."""

    def submit(self, batch: list[tuple[str, bytes]]) -> Any:
        """Start linting a batch; return a future whose ``result()`` is its findings."""

    def close(self) -> None:
        """Stop the workers."""


_WORKER: Linter | None = None


def _start_worker(linter: Linter) -> None:
    global _WORKER
    # Ctrl-C reaches the whole process group; the parent alone handles it, stopping us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    keep_runs(None)  # workers serve large runs, which keep no runs of sentences on disk
    linter.prepare()
    _WORKER = linter


def _lint_in_worker(batch: list[tuple[str, bytes]]) -> list[list[Finding]]:
    if _WORKER is None:
        raise RuntimeError("factcheck worker used before it was started")
    findings = _WORKER.lint_batch(batch)
    if _WORKER.cache is not None:
        _WORKER.cache.flush()  # a worker ends without running exit handlers: write now
    return findings


class ProcessBackend:
    """Worker processes on this machine, each given the linter once, at start."""

    def __init__(self, linter: Linter, jobs: int) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(linter,))

    def submit(self, batch: list[tuple[str, bytes]]) -> Any:
        """Start linting a batch in a worker."""
        return self.pool.submit(_lint_in_worker, batch)

    def close(self) -> None:
        """Stop the workers, dropping queued batches."""
        self.pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class _Pending:
    path: str
    findings: list[Finding] | None = None
    future: Any = None
    index: int = 0
    key: str | None = None


def lint_files(paths: Sequence[str], linter: Linter, *, jobs: int = 1,
               backend: Callable[[], Backend] | None = None, local_first: int = LOCAL_FIRST
               ) -> Iterator[tuple[str, list[Finding]]]:
    """Yield ``(path, findings)`` for each path, in order.

    Drafts missing from the cache are linted here at first; once ``local_first`` have been
    and more than a batch remain, a ``backend`` (by default, ``jobs`` worker processes)
    takes the rest.
    """
    if backend is None and jobs > 1:
        def backend() -> Backend:
            return ProcessBackend(linter, jobs)
    window = max(jobs, 1) * BATCH * 4
    # An edited draft then has only its changed sentences read again; an archive's
    # sentences would fill the cache for little gain over its per-draft results.
    keep_runs(linter.cache if len(paths) <= SMALL_RUN else None)
    pending: collections.deque[_Pending] = collections.deque()
    batch: list[tuple[str, bytes]] = []
    batch_entries: list[_Pending] = []
    workers: Backend | None = None
    linted_here = 0

    def flush(workers: Backend) -> None:
        future = workers.submit(list(batch))
        for index, entry in enumerate(batch_entries):
            entry.future, entry.index = future, index
        batch.clear()
        batch_entries.clear()

    def finish(entry: _Pending) -> tuple[str, list[Finding]]:
        if entry.findings is None:
            entry.findings = entry.future.result()[entry.index]
            if entry.key is not None:
                linter.remember(entry.key, entry.findings)
        return entry.path, entry.findings

    try:
        for position, path in enumerate(paths):
            entry = _Pending(path)
            pending.append(entry)
            data = read_draft(path, linter.max_bytes)
            if isinstance(data, Finding):
                entry.findings = [data]
            else:
                entry.key = linter.key(path, data)
                entry.findings = linter.recall(entry.key, path)
                if entry.findings is None and workers is None:
                    remaining = len(paths) - position
                    if backend is not None and linted_here >= local_first and remaining > BATCH:
                        workers = backend()
                    else:
                        entry.findings = lint_bytes(data, path, linter.rulebook)
                        linter.remember(entry.key, entry.findings)
                        linted_here += 1
                if entry.findings is None:
                    batch.append((path, data))
                    batch_entries.append(entry)
                    if workers is not None and len(batch) >= BATCH:
                        flush(workers)
            while pending and (pending[0].findings is not None or len(pending) > window):
                if workers is not None and pending[0].future is None and batch:
                    flush(workers)  # the oldest draft waits in an unsent batch
                yield finish(pending.popleft())
        if workers is not None and batch:
            flush(workers)
        while pending:
            yield finish(pending.popleft())
    finally:
        keep_runs(None)
        if workers is not None:
            workers.close()
        if linter.cache is not None:
            linter.cache.close()  # write the results of this run now, not at exit


def run(paths: Sequence[str], linter: Linter, selection: Selection, formatter: Formatter, *,
        jobs: int = 1, backend: Callable[[], Backend] | None = None, local_first: int = LOCAL_FIRST,
        progress: Progress | None = None) -> Summary:
    """Lint ``paths`` and write every file's findings to ``formatter``, in order."""
    summary = Summary()
    formatter.begin()
    try:
        for done, (path, findings) in enumerate(
            lint_files(paths, linter, jobs=jobs, backend=backend, local_first=local_first),
            start=1,
        ):
            selected = selection.filter(findings)
            summary.count(selected)
            if progress is not None and selected:
                progress.clear()  # a finding printed on the same terminal starts its own line
            formatter.add(path, selected)
            if progress is not None:
                progress(done)
    finally:
        if progress is not None:
            progress.close()
    formatter.end()
    return summary
