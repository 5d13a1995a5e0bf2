"""Which files a walk lints: include and exclude globs, read as fnmatch reads them."""

from __future__ import annotations

import fnmatch
import os
import pathlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.config import Config
from factcheck.discovery import discover, matches

DEFAULTS = Config()


@pytest.mark.parametrize(
    ("path", "patterns", "expected"),
    [
        ("drafts/story.md", ["*.md"], True),
        ("drafts/story.md", ["drafts/*.md"], True),
        ("drafts/story.txt", ["*.md", "*.markdown"], False),
        ("node_modules/pkg/readme.md", ["node_modules"], True),  # any part of the path
        ("factcheck.egg-info/PKG-INFO", ["*.egg-info"], True),
        ("drafts/story.md", [], False),
        ("a/b.md", ["[!a]*"], True),  # "b.md" is a part that matches
        ("a.md", ["[!a]*"], False),
    ],
)
def test_globs(path: str, patterns: list[str], expected: bool) -> None:
    assert matches(path, patterns) is expected


def _reference(path: str, patterns: list[str]) -> bool:
    parts = path.split("/")
    return any(fnmatch.fnmatch(path, p) or any(fnmatch.fnmatch(x, p) for x in parts)
               for p in patterns)


_NAME = st.text(st.sampled_from("ab.-_*?[]!/ "), max_size=8)


@given(st.lists(_NAME.filter(lambda n: n.strip("/")), min_size=1, max_size=4),
       st.lists(_NAME, max_size=4))
def test_globs_read_as_fnmatch_reads_each(parts: list[str], patterns: list[str]) -> None:
    path = "/".join(parts)
    assert matches(path, patterns) == _reference(path, patterns)


def test_a_walk_keeps_drafts_and_skips_excluded_directories(tmp_path: pathlib.Path) -> None:
    for name in ("a.md", "notes.txt", "b.markdown", "script.py", ".git/c.md",
                 "node_modules/d.md", "sub/e.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [pathlib.Path(p).relative_to(tmp_path).as_posix()
             for p in discover([str(tmp_path)], DEFAULTS.include, DEFAULTS.exclude)]
    assert found == ["a.md", "b.markdown", "notes.txt", "sub/e.md"]


def _tree(root: pathlib.Path, *names: str) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")


def test_exclude_patterns_are_relative_to_the_configuration_and_apply_to_named_files(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path, "drafts/new.md", "drafts/old-2015/a.md", "drafts/old-x.md", "archive/b.md")
    exclude = ["archive", "drafts/old-*"]
    monkeypatch.chdir(tmp_path / "drafts")  # a walk from a subfolder reads them the same
    assert discover(["."], DEFAULTS.include, exclude, base=str(tmp_path)) == ["new.md"]
    monkeypatch.chdir(tmp_path)  # and so do files named one by one, as pre-commit names them
    named = ["drafts/new.md", "drafts/old-x.md", "archive/b.md", "drafts/old-2015/a.md"]
    assert discover(named, DEFAULTS.include, exclude, base=str(tmp_path)) == ["drafts/new.md"]


def test_a_directory_that_cannot_be_listed_is_kept_for_the_engine_to_report(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from factcheck.engine import read_draft

    _tree(tmp_path, "open/a.md", "locked/b.md")
    locked = str(tmp_path / "locked")
    real_scandir = os.scandir

    def scandir(path: str = ".") -> object:
        if os.path.abspath(path) == locked:  # as chmod 000 does to anyone but root
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert discover([str(tmp_path)], DEFAULTS.include, DEFAULTS.exclude) == [
        locked, str(tmp_path / "open" / "a.md")
    ]
    finding = read_draft(locked)
    assert not isinstance(finding, bytes)
    assert (finding.rule, finding.message) == ("read-error",
                                               "cannot read directory: Permission denied")


def test_folders_above_the_configuration_never_match_an_exclude(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path, "build/drafts/a.md", "project/x.md", "build/drafts/build/b.md")
    monkeypatch.chdir(tmp_path / "project")  # the configuration's folder is a sibling
    base = str(tmp_path / "project")
    walked = discover([str(tmp_path / "build" / "drafts")], DEFAULTS.include, DEFAULTS.exclude,
                      base=base)
    assert walked == [str(tmp_path / "build" / "drafts" / "a.md")]  # its own build/ is skipped
    named = discover(["../build/drafts/a.md"], DEFAULTS.include, DEFAULTS.exclude, base=base)
    assert named == [os.path.normpath("../build/drafts/a.md")]
