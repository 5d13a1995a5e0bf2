"""Spread drafts over a Dask cluster (``pip install factcheck[dask]``).

The linter (rulebook included) is sent to every worker once; batches of drafts travel
as bytes, so workers need no access to the drafts' file system. Results come back in
order through :func:`factcheck.runner.lint_files`, which also keeps the results cache
on this machine.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from factcheck.errors import UsageError
from factcheck.finding import Finding
from factcheck.runner import Linter

_PREPARED: set[str] = set()


def lint_batch(linter: Linter, batch: list[tuple[str, bytes]]) -> list[list[Finding]]:
    """Lint a batch on a worker, setting the worker up on its first batch of a rulebook."""
    if linter.rulebook.digest not in _PREPARED:
        linter.prepare()
        _PREPARED.add(linter.rulebook.digest)
    return linter.lint_batch(batch)


_MISSING = "--executor dask needs Dask: install factcheck with its 'dask' extra"


def require_dask() -> None:
    """Raise UsageError if Dask is missing: said before any draft is read, not mid-run."""
    import importlib.util

    if importlib.util.find_spec("dask") is None or importlib.util.find_spec("distributed") is None:
        raise UsageError(_MISSING)


class DaskBackend:
    """A Dask cluster: the one at ``scheduler``, or a local one with ``workers`` processes."""

    def __init__(self, linter: Linter, *, scheduler: str | None, workers: int) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise UsageError(_MISSING) from None
        self.cluster: Any = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                # Without a dashboard the scheduler still serves HTTP, by default on
                # 8787: a free local port keeps two clusters from contending for it.
                self.cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    dashboard_address=None,
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
                self.client = Client(self.cluster)
        except OSError as exc:
            raise UsageError(f"--scheduler: cannot reach {scheduler}: {exc}") from None
        # Workers may sit on other machines: they keep no cache of their own.
        remote = dataclasses.replace(linter, cache_dir=None)
        [self.linter] = self.client.scatter([remote], broadcast=True)

    def submit(self, batch: list[tuple[str, bytes]]) -> Any:
        """Start linting a batch on some worker."""
        return self.client.submit(lint_batch, self.linter, batch, pure=False)

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this backend started one."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
