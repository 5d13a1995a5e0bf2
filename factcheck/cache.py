"""The on-disk cache: loaded rulebooks, and each draft's findings, safe to delete at any time.

Everything is keyed by content (rule files, draft bytes) plus the versions of factcheck,
Python and ``regex``, so a stale entry is never read: a changed input simply misses. A
corrupt, truncated or foreign entry is ignored and rewritten, and a cache that cannot be
written (read-only file system, no permission) is silently skipped.

The directory holds a ``.gitignore`` that ignores it and a ``CACHEDIR.TAG`` that backup
tools understand. Small entries (each draft's findings, quantulum3's reading of a
sentence) live in one SQLite database, which several processes can share (pre-commit
runs a hook in parallel) and which takes thousands of writes in one transaction, where a
file each would cost a file creation each. Rulebooks are stored pickled because
``regex`` pickles a compiled pattern as its compiled program: loading one takes
milliseconds where compiling the patterns again takes hundreds (and each fact's programs
are only unpickled when a draft first may claim it, see ``ClaimSpec``). The cache lives in
the project's own working tree, and anyone who can write there can already change the
rules and the code that runs.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import pathlib
import pickle
import sys
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import regex

from factcheck import __version__

if TYPE_CHECKING:
    import sqlite3

ENTRIES = "entries.sqlite"  # small entries, in one SQLite file: fast to write in bulk
COMMIT_EVERY = 500
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# factcheck cache (safe to delete)\n"


def _code_fingerprint() -> str:
    """Every module's name, size and modification time: an edited install misses old entries."""
    package = pathlib.Path(__file__).resolve().parent
    parts = []
    for module in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):
            stat = module.stat()
            parts.append(f"{module.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


_ENVIRONMENT = (
    f"factcheck {__version__} {_code_fingerprint()}|python {sys.version}|regex {regex.__version__}"
)


def content_key(*parts: bytes | str) -> str:
    """Hash the parts (and the environment) into a cache key."""
    digest = hashlib.sha256(_ENVIRONMENT.encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class Cache:
    """A cache directory; every method tolerates a missing, broken or read-only cache."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = pathlib.Path(directory)
        self._prepared = False  # the directory exists, with its .gitignore
        self._db: sqlite3.Connection | None = None
        self._db_failed = False
        # Writes wait here and go in one short transaction, so that no lock is held while
        # drafts are linted: other processes sharing the cache never wait long.
        self._pending: dict[tuple[str, str], str] = {}
        self._flushed = time.monotonic()
        self._pid = os.getpid()

    def _own(self) -> None:
        """Forget a connection and writes inherited across a fork: each process has its own.

        SQLite forbids using a connection in a child process, and the parent writes its
        own pending entries.
        """
        if self._pid != os.getpid():
            self._db, self._db_failed, self._pending = None, False, {}
            self._pid = os.getpid()

    def __getstate__(self) -> dict[str, Any]:
        # A connection stays in its process: a copy in another one opens its own.
        return {"directory": self.directory}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["directory"])  # type: ignore[misc]

    def _prepare(self) -> bool:
        if self._prepared:
            return True
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            gitignore = self.directory / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# created by factcheck\n*\n", encoding="utf-8")
                (self.directory / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
        except OSError:
            return False
        self._prepared = True
        return True

    def _write(self, name: str, data: bytes) -> None:
        """Write ``data`` to ``name`` atomically, or not at all."""
        if not self._prepare():
            return
        import tempfile  # only when writing: a run served from the cache never needs it

        try:
            fd, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, self.directory / name)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def _read(self, name: str) -> bytes | None:
        try:
            return (self.directory / name).read_bytes()
        except OSError:
            return None

    # -- rulebooks ----------------------------------------------------------------------

    def load_object(self, kind: str, key: str, expected: type) -> Any:
        """Return the cached object of ``kind`` under ``key`` if it is an ``expected``."""
        data = self._read(f"{kind}-{key}.pickle")
        if data is None:
            return None
        try:
            value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - any unreadable entry is simply a miss
            return None
        return value if isinstance(value, expected) else None

    def store_object(self, kind: str, key: str, value: Any) -> None:
        """Cache ``value`` under ``key``."""
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - something unpicklable: do without the cache
            return
        self._write(f"{kind}-{key}.pickle", data)

    # -- small entries: each draft's findings, quantulum3's readings ---------------------

    def _entries(self) -> sqlite3.Connection | None:
        """The database of small entries, opened on first use; None if it cannot be used."""
        self._own()
        if self._db is None and not self._db_failed:
            self._db = self._open_entries() or self._open_entries(replace=True)
            self._db_failed = self._db is None
            if self._db is not None:
                atexit.register(self.close)
        return self._db

    def _open_entries(self, *, replace: bool = False) -> sqlite3.Connection | None:
        import sqlite3  # only when the cache is used, not on every import of this module

        path = self.directory / ENTRIES
        if not self._prepare():
            return None
        try:
            if replace:  # corrupt, or not a database at all: start again
                for suffix in ("", "-wal", "-shm", "-journal"):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(f"{path}{suffix}")
            db = sqlite3.connect(path, timeout=10)
            with contextlib.suppress(sqlite3.Error):
                # Readers need not wait for a writer (several hook processes at once).
                db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS entries (kind TEXT, key TEXT, value TEXT,"
                       " PRIMARY KEY (kind, key)) WITHOUT ROWID")
            db.commit()
        except (sqlite3.Error, OSError):
            return None
        return db

    def _failed(self) -> None:
        """Stop using a database that went wrong mid-run (the next run rebuilds it)."""
        import sqlite3

        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db, self._db_failed = None, True

    def load_json(self, kind: str, key: str) -> Any:
        """Return the JSON cached under ``key``, or None."""
        self._own()
        value = self._pending.get((kind, key))
        if value is None:
            db = self._entries()
            if db is None:
                return None
            import sqlite3

            try:
                row = db.execute("SELECT value FROM entries WHERE kind = ? AND key = ?",
                                 (kind, key)).fetchone()
            except sqlite3.Error:
                return None
            value = row[0] if row else None
        try:
            return json.loads(value) if value is not None else None
        except (ValueError, TypeError):
            return None

    def store_json(self, kind: str, key: str, value: Any) -> None:
        """Cache a JSON value under ``key`` (written in batches; all of it by :meth:`close`)."""
        self._own()
        self._pending[(kind, key)] = json.dumps(value)
        if len(self._pending) >= COMMIT_EVERY or time.monotonic() - self._flushed > 1.0:
            self.flush()

    def flush(self) -> None:
        """Write the pending entries, in one transaction."""
        self._own()
        rows = [(kind, key, value) for (kind, key), value in self._pending.items()]
        self._pending.clear()
        self._flushed = time.monotonic()
        db = self._entries() if rows else None
        if db is None:
            return
        import sqlite3

        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            self._failed()

    def close(self) -> None:
        """Write what is pending and close the database."""
        self.flush()  # first, as it forgets a connection inherited from a parent process
        if self._db is not None:
            import sqlite3

            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None


def rule_files_key(files: Sequence[pathlib.Path], contents: Iterable[bytes]) -> str:
    """The cache key of a set of rule files: their names and bytes."""
    parts: list[bytes | str] = []
    for file, data in zip(files, contents, strict=True):
        parts.extend((str(file), data))
    return content_key(*parts)
