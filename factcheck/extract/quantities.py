"""quantulum3, imported on first use, called per sentence and cached.

quantulum3 costs milliseconds per sentence, more than linearly on long input, and over a
second on its first call (inflect instruments itself with typeguard at import, which
``python -O`` skips). So it is only ever given one sentence, only by checks that need
units, and each sentence's result is remembered (in memory here, on disk by the cache).
With a cache, its pattern of every unit is kept compiled there too.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from dataclasses import astuple, dataclass
from typing import Any

from factcheck.cache import Cache, content_key

CACHE_SIZE = 8192


@functools.cache
def _version() -> str:
    # importlib.metadata costs more to import than a commit hook can spare: ask on first use.
    from importlib import metadata

    try:
        return metadata.version("quantulum3")
    except metadata.PackageNotFoundError:  # pragma: no cover - quantulum3 is a dependency
        return "unknown"


@dataclass(frozen=True)
class Quantity:
    """One quantity quantulum3 found; offsets are relative to the parsed sentence."""

    start: int
    end: int
    value: float
    unit: str
    entity: str
    surface: str
    uncertainty: float | None


_parser: Callable[[str], list[Any]] | None = None
_disk: Cache | None = None
calls = 0  # how many sentences reached quantulum3 in this process (for the benchmark)


def _load() -> Callable[[str], list[Any]]:
    global _parser
    if _parser is None:
        with warnings.catch_warnings():
            # Without scikit-learn it warns that its classifier is not installed; the
            # word-overlap fallback is what factcheck wants anyway (see research notes).
            warnings.simplefilter("ignore")
            from quantulum3 import load, parser
            from quantulum3 import regex as patterns
        if _disk is not None:
            _keep_unit_pattern(patterns, _disk)
            _keep_unit_tables(load, _disk)

        def parse(text: str) -> list[Any]:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return list(parser.parse(text))

        _parser = parse
    return _parser


def _keep_unit_pattern(patterns: Any, cache: Cache) -> None:
    """Serve quantulum3 its pattern of every unit compiled once, from the cache.

    quantulum3's first parse in a process builds a 150 KB pattern of every unit and
    compiles it with Python's ``re``: a quarter of a second, which alone would break a
    commit hook's budget. ``regex`` compiles the same source (the two read it alike) to a
    program that pickles, so every later process loads it in milliseconds.
    """
    build = getattr(patterns, "units_regex", None)
    if build is None or getattr(build, "factcheck_cached", False):
        return  # another quantulum3 layout, or served already
    import regex

    key = content_key("quantulum3-units", _version(), regex.__version__)
    compiled = cache.load_object("quantulum3-units", key, regex.Pattern)
    if compiled is None:
        source = build("en_US")
        compiled = regex.compile(source.pattern, source.flags)
        cache.store_object("quantulum3-units", key, compiled)

    def units_regex(lang: str = "en_US") -> Any:
        return compiled if lang == "en_US" else build(lang)

    units_regex.factcheck_cached = True  # type: ignore[attr-defined]
    units_regex.original = build  # type: ignore[attr-defined]
    patterns.units_regex = units_regex


def _keep_unit_tables(load: Any, cache: Cache) -> bool:
    """Serve quantulum3 its tables of units and entities built once, from the cache.

    Its first parse in a process reads them from JSON and pluralises every unit's name
    with inflect: some 50-80 ms of a commit hook's budget, where unpickling takes 6 ms.
    quantulum3 keeps them in its own caches, under keys it computes itself; so it is
    asked to build them, with its builders standing in for a moment to hand over ours.
    Return whether the tables came from the cache.
    """
    units_type, entities_type = getattr(load, "Units", None), getattr(load, "Entities", None)
    if not (isinstance(units_type, type) and isinstance(entities_type, type)
            and callable(getattr(load, "units", None))
            and callable(getattr(load, "entities", None))):
        return False  # another quantulum3 layout: it builds its own tables
    key = content_key("quantulum3-tables", _version())
    stored = cache.load_object("quantulum3-tables", key, tuple)
    if stored is None or len(stored) != 2 or not isinstance(stored[0], units_type) \
            or not isinstance(stored[1], entities_type):
        # Built by quantulum3 as it would be anyway; kept for the next process.
        cache.store_object("quantulum3-tables", key, (load.units("en_US"), load.entities("en_US")))
        return False
    units, entities = stored
    try:
        load.Units = lambda *args, **kwargs: units
        load.Entities = lambda *args, **kwargs: entities
        load.entities("en_US")
        load.units("en_US")
    finally:
        load.Units, load.Entities = units_type, entities_type
    return load.units("en_US") is units


def use_disk_cache(cache: Cache | None) -> None:
    """Keep each sentence's quantities in ``cache`` too, so a sentence is parsed once ever."""
    global _disk
    _disk = cache


@functools.lru_cache(maxsize=CACHE_SIZE)
def parse(sentence: str) -> tuple[Quantity, ...]:
    """Return quantulum3's quantities for one sentence."""
    global calls
    key = content_key("quantulum3", _version(), sentence) if _disk is not None else ""
    if _disk is not None:
        stored = _disk.load_json("quantulum3", key)
        if isinstance(stored, list):
            try:
                return tuple(Quantity(*item) for item in stored)
            except TypeError:
                pass  # an entry from another layout: parse again and overwrite it
    calls += 1
    try:
        raw = _load()(sentence)
    except Exception:  # noqa: BLE001 - a quantulum3 bug on odd input must not stop the lint
        raw = []
    result = tuple(
        Quantity(
            start=q.span[0],
            end=q.span[1],
            value=float(q.value),
            unit=q.unit.name,
            entity=q.unit.entity.name,
            surface=q.surface,
            uncertainty=float(q.uncertainty) if q.uncertainty is not None else None,
        )
        for q in raw
    )
    if _disk is not None:
        _disk.store_json("quantulum3", key, [list(astuple(q)) for q in result])
    return result
