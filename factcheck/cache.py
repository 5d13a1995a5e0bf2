"""The on-disk cache: loaded rulebooks, and each draft's findings, safe to delete at any time.

Everything is keyed by content (rule files, draft bytes) plus the versions of factcheck,
Python and ``regex``, so a stale entry is never read: a changed input simply misses. A
corrupt, truncated or foreign entry is ignored and rewritten, and a cache that cannot be
written (read-only file system, no permission) is silently skipped.

The directory holds a ``.gitignore`` that ignores it and a ``CACHEDIR.TAG`` that backup
tools understand. Rulebooks are stored pickled because ``regex`` pickles a compiled
pattern as its compiled program: loading one takes milliseconds where compiling the
patterns again takes hundreds. The cache lives in the project's own working tree, and
anyone who can write there can already change the rules and the code that runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pathlib
import pickle
import sys
import tempfile
from collections.abc import Iterable, Sequence
from typing import Any

import regex

from factcheck import __version__

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

    def _prepare(self) -> bool:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            gitignore = self.directory / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# created by factcheck\n*\n", encoding="utf-8")
                (self.directory / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
        except OSError:
            return False
        return True

    def _write(self, name: str, data: bytes) -> None:
        """Write ``data`` to ``name`` atomically, or not at all."""
        if not self._prepare():
            return
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

    # -- per-draft findings ------------------------------------------------------------

    def load_json(self, kind: str, key: str) -> Any:
        """Return the JSON cached under ``key``, or None."""
        data = self._read(f"{kind}/{key[:2]}/{key}.json")
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return None

    def store_json(self, kind: str, key: str, value: Any) -> None:
        """Cache a JSON value under ``key``."""
        folder = f"{kind}/{key[:2]}"
        if not self._prepare():
            return
        with contextlib.suppress(OSError):
            (self.directory / folder).mkdir(parents=True, exist_ok=True)
        self._write(f"{folder}/{key}.json", json.dumps(value).encode())


def rule_files_key(files: Sequence[pathlib.Path], contents: Iterable[bytes]) -> str:
    """The cache key of a set of rule files: their names and bytes."""
    parts: list[bytes | str] = []
    for file, data in zip(files, contents, strict=True):
        parts.extend((str(file), data))
    return content_key(*parts)
