"""Module-level regular expressions, compiled on first use or loaded compiled from the cache.

``regex`` compiles patterns with a parser written in Python, and factcheck's extraction
patterns would take well over 100 ms to compile at import: too slow for a commit hook.
Each pattern is therefore an :class:`Rx`, compiled when first used. The command line
also loads every engine pattern, already compiled, from the cache (``regex`` pickles a
compiled pattern as its compiled program) and stores them there after a first run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import regex

if TYPE_CHECKING:
    from factcheck.cache import Cache

_REGISTRY: list[Rx] = []


class Rx:
    """A ``regex`` pattern compiled on first use, with the methods of a compiled pattern."""

    __slots__ = ("_compiled", "flags", "source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: Any = None
        _REGISTRY.append(self)

    @property
    def compiled(self) -> Any:
        """The compiled ``regex`` pattern."""
        if self._compiled is None:
            self._compiled = regex.compile(self.source, self.flags)
        return self._compiled

    @property
    def pattern(self) -> str:
        """The pattern's source."""
        return self.source

    def search(self, string: str, *args: Any, **kwargs: Any) -> Any:
        """Like ``regex.Pattern.search``."""
        return self.compiled.search(string, *args, **kwargs)

    def match(self, string: str, *args: Any, **kwargs: Any) -> Any:
        """Like ``regex.Pattern.match``."""
        return self.compiled.match(string, *args, **kwargs)

    def fullmatch(self, string: str, *args: Any, **kwargs: Any) -> Any:
        """Like ``regex.Pattern.fullmatch``."""
        return self.compiled.fullmatch(string, *args, **kwargs)

    def finditer(self, string: str, *args: Any, **kwargs: Any) -> Iterator[Any]:
        """Like ``regex.Pattern.finditer``."""
        return iter(self.compiled.finditer(string, *args, **kwargs))

    def findall(self, string: str, *args: Any, **kwargs: Any) -> list[Any]:
        """Like ``regex.Pattern.findall``."""
        return list(self.compiled.findall(string, *args, **kwargs))

    def sub(self, replacement: Any, string: str, *args: Any, **kwargs: Any) -> str:
        """Like ``regex.Pattern.sub``."""
        return str(self.compiled.sub(replacement, string, *args, **kwargs))

    def split(self, string: str, *args: Any, **kwargs: Any) -> list[str]:
        """Like ``regex.Pattern.split``."""
        return list(self.compiled.split(string, *args, **kwargs))


def _key() -> str:
    from factcheck.cache import content_key

    return content_key(*(f"{rx.flags}\0{rx.source}" for rx in _REGISTRY))


def load(cache: Cache) -> bool:
    """Fill every pattern from the cache; return False if the cache had none to give."""
    compiled = cache.load_object("patterns", _key(), dict)
    if not compiled:
        return False
    for rx in _REGISTRY:
        rx._compiled = compiled.get((rx.source, rx.flags), rx._compiled)
    return True


def store(cache: Cache) -> None:
    """Compile every pattern and keep them in the cache for the next process."""
    cache.store_object("patterns", _key(), {(rx.source, rx.flags): rx.compiled for rx in _REGISTRY})
