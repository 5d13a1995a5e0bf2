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


_METHODS = frozenset({"search", "match", "fullmatch", "finditer", "findall", "sub", "split"})


class Rx:
    """A ``regex`` pattern compiled on first use, with the methods of a compiled pattern.

    The first use of a method binds the compiled pattern's own method on the instance, so
    later calls cost what calling the compiled pattern directly costs.
    """

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

    def _use(self, compiled: Any) -> None:
        """Use an already compiled pattern (from the cache); forget methods bound earlier."""
        self._compiled = compiled
        for name in _METHODS:
            self.__dict__.pop(name, None)

    def __getattr__(self, name: str) -> Any:
        if name not in _METHODS:
            raise AttributeError(name)
        method = getattr(self.compiled, name)
        self.__dict__[name] = method
        return method

    if TYPE_CHECKING:  # the methods __getattr__ provides, as a compiled pattern has them

        def search(self, string: str, *args: Any, **kwargs: Any) -> Any: ...
        def match(self, string: str, *args: Any, **kwargs: Any) -> Any: ...
        def fullmatch(self, string: str, *args: Any, **kwargs: Any) -> Any: ...
        def finditer(self, string: str, *args: Any, **kwargs: Any) -> Iterator[Any]: ...
        def findall(self, string: str, *args: Any, **kwargs: Any) -> list[Any]: ...
        def sub(self, replacement: Any, string: str, *args: Any, **kwargs: Any) -> str: ...
        def split(self, string: str, *args: Any, **kwargs: Any) -> list[str]: ...


def _key() -> str:
    from factcheck.cache import content_key

    return content_key(*(f"{rx.flags}\0{rx.source}" for rx in _REGISTRY))


def load(cache: Cache) -> bool:
    """Fill every pattern from the cache; return False if the cache had none to give."""
    compiled = cache.load_object("patterns", _key(), dict)
    if not compiled:
        return False
    for rx in _REGISTRY:
        found = compiled.get((rx.source, rx.flags))
        if found is not None:
            rx._use(found)
    return True


def store(cache: Cache) -> None:
    """Compile every pattern and keep them in the cache for the next process."""
    cache.store_object("patterns", _key(), {(rx.source, rx.flags): rx.compiled for rx in _REGISTRY})
