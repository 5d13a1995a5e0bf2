"""Which files to lint: explicit files as given, directories walked with include/exclude globs."""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from collections.abc import Iterable, Iterator, Sequence


def matches(path: str, patterns: Iterable[str]) -> bool:
    """Tell whether a relative path, or any of its parts, matches one of the globs."""
    glob = _globs(tuple(patterns))
    if glob is None:
        return False
    normal = os.path.normcase(path.replace(os.sep, "/"))
    return glob.match(normal) is not None or any(
        glob.match(part) is not None for part in normal.split("/")
    )


@functools.lru_cache(maxsize=32)
def _globs(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """The globs as one pattern, as fnmatch reads each (an archive's walk tries every file)."""
    if not patterns:
        return None
    return re.compile("|".join(fnmatch.translate(os.path.normcase(p)) for p in patterns))


def _relative(path: str, base: str, root: str | None = None) -> str | None:
    """``path`` as exclude patterns see it: relative to ``base``, their directory.

    Folders above ``base`` never count ("build" must not drop everything below a
    /srv/build/ checkout): a path outside it is seen from the walk's ``root``, and one
    named outside it (no root) is not matched at all.
    """
    relative = os.path.relpath(os.path.abspath(path), base)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None if root is None else os.path.relpath(path, root)
    return relative


def _walk(root: str, include: Sequence[str], exclude: Sequence[str], base: str,
          unreadable: list[str]) -> Iterator[str]:
    # Symlinked directories are not followed, so a link loop cannot trap the walk. A
    # directory that cannot be listed is kept, for the engine to report as unreadable.
    def failed(error: OSError) -> None:
        if error.filename:
            unreadable.append(str(error.filename))

    for directory, subdirs, files in os.walk(root, followlinks=False, onerror=failed):
        relative_dir = _relative(directory, base, root) or os.curdir
        subdirs[:] = sorted(
            d for d in subdirs
            if not matches(os.path.normpath(os.path.join(relative_dir, d)), exclude)
        )
        for name in sorted(files):
            relative = os.path.normpath(os.path.join(relative_dir, name))
            if matches(name, include) and not matches(relative, exclude):
                yield os.path.join(directory, name) if directory != "." else name


def discover(paths: Sequence[str], include: Sequence[str], exclude: Sequence[str],
             base: str | None = None) -> list[str]:
    """Return the drafts to lint, sorted and without duplicates.

    A path given explicitly is linted whatever its name (pre-commit has already chosen
    it) unless ``exclude`` names it; a missing one is kept so the engine reports it.
    Directories are walked for files matching ``include`` and not ``exclude``. Exclude
    patterns are relative to ``base`` (the configuration file's directory; by default
    the working directory), and a pattern without a slash matches any part of a path.
    """
    base = os.path.abspath(base or os.curdir)
    found: set[str] = set()
    unreadable: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found.update(os.path.normpath(p) for p in _walk(path, include, exclude, base,
                                                            unreadable))
        else:
            relative = _relative(path, base)
            if relative is None or not matches(relative, exclude):
                found.add(os.path.normpath(path))
    found.update(os.path.normpath(p) for p in unreadable)
    return sorted(found)
