"""Configuration: ``[tool.factcheck]`` in pyproject.toml or ``.factcheck.yaml``, found upward.

The nearest directory (from the working directory up to the repository root) holding
either file wins; ``.factcheck.yaml`` is preferred when both are there. Paths in the file
are relative to the file's directory. Command-line options override the file, and every
value remembers where it came from (``factcheck config`` prints it).
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from factcheck.errors import ConfigError
from factcheck.finding import Severity
from factcheck.yamlload import MappingView, compose, is_node, position, scalar, to_python

CONFIG_FILES = (".factcheck.yaml", ".factcheck.yml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules",
                   "__pycache__", ".factcheck_cache", ".pytest_cache", ".mypy_cache",
                   ".ruff_cache", "*.egg-info", "build", "dist")
FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit")


@dataclass
class Config:
    """The effective configuration, with the origin of every value."""

    rules: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_level: Severity = Severity.INFO
    severity: dict[str, Severity] = field(default_factory=dict)
    format: str = "text"
    jobs: int = 0
    max_file_size: int = 10_000_000
    cache: bool = True
    cache_dir: str = ".factcheck_cache"
    file: str | None = None
    origins: dict[str, str] = field(default_factory=dict)

    def origin(self, key: str) -> str:
        """Where the value of ``key`` came from ("default" if nowhere)."""
        return self.origins.get(key, "default")


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) and v for v in value):
        return list(value)
    return None


def _severity(value: Any) -> Severity | None:
    if isinstance(value, str):
        try:
            return Severity.parse(value)
        except ValueError:
            return None
    return None


def _format(value: Any) -> str | None:
    return value if value in FORMATS else None


def _int(minimum: int) -> Callable[[Any], int | None]:
    def convert(value: Any) -> int | None:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= minimum
        return value if ok else None

    return convert


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _path(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


# key -> (attribute, converter, description of the expected value)
SCHEMA: dict[str, tuple[str, Callable[[Any], Any], str]] = {
    "rules": ("rules", _strings, "a path or a list of paths"),
    "include": ("include", _strings, "a list of glob patterns"),
    "exclude": ("exclude", _strings, "a list of glob patterns"),
    "select": ("select", _strings, "a list of rule ids"),
    "ignore": ("ignore", _strings, "a list of rule ids"),
    "fail-level": ("fail_level", _severity, "error, warning or info"),
    "format": ("format", _format, "one of " + ", ".join(FORMATS)),
    "jobs": ("jobs", _int(0), "a whole number (0 means all cores)"),
    "max-file-size": ("max_file_size", _int(1), "a size in bytes"),
    "cache": ("cache", _bool, "true or false"),
    "cache-dir": ("cache_dir", _path, "a directory path"),
}
PATH_KEYS = frozenset({"rules", "cache-dir"})


def find_config(start: pathlib.Path | None = None) -> pathlib.Path | None:
    """Find the nearest configuration file from ``start`` up to the repository root."""
    directory = (start or pathlib.Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
        if (folder / ".git").exists():
            return None
    return None


def _has_tool_table(path: pathlib.Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    # TOML spells the table many ways ("[tool.factcheck]", '["tool".factcheck]', a dotted
    # key, an inline table under [tool]): only tomllib can tell, and only a file that
    # names factcheck at all is worth parsing.
    if "factcheck" not in text:
        return False
    import tomllib

    try:
        tool = tomllib.loads(text).get("tool")
        return isinstance(tool, dict) and "factcheck" in tool
    except tomllib.TOMLDecodeError:
        return True  # a broken file that seems to configure factcheck: report it, not skip it


def load_config(path: pathlib.Path | None) -> Config:
    """Read and validate a configuration file (None gives the defaults)."""
    config = Config()
    if path is None:
        return config
    config.file = str(path)
    base = path.parent
    # The cache belongs beside the configuration, wherever factcheck is run from.
    config.cache_dir = os.path.normpath(base / config.cache_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, None, f"cannot read configuration: {exc}") from None
    if path.name == "pyproject.toml":
        _load_toml(text, str(path), base, config)
    else:
        _load_yaml(text, str(path), base, config)
    return config


def _apply(config: Config, key: str, value: Any, where: Callable[[str], tuple[int, int]],
           path: str, base: pathlib.Path) -> None:
    if key == "severity":
        if not isinstance(value, Mapping):
            line, col = where(key)
            raise ConfigError(path, line, col,
                              "'severity' must map rule ids to error, warning or info")
        for rule, level in value.items():
            parsed = _severity(level)
            if parsed is None:
                line, col = where(f"severity.{rule}")
                raise ConfigError(path, line, col,
                                  f"severity of {rule!r} must be error, warning or info")
            config.severity[str(rule)] = parsed
        line, _ = where(key)
        config.origins["severity"] = f"{path}:{line}"
        return
    if key not in SCHEMA:
        line, col = where(key)
        known = ", ".join(sorted([*SCHEMA, "severity"]))
        raise ConfigError(path, line, col, f"unknown configuration key {key!r} (known: {known})")
    attribute, convert, expected = SCHEMA[key]
    converted = convert(value)
    if converted is None:
        line, col = where(key)
        raise ConfigError(path, line, col, f"{key!r} must be {expected}")
    if key in PATH_KEYS:
        converted = (
            [os.path.normpath(base / p) for p in converted]
            if isinstance(converted, list) else os.path.normpath(base / converted)
        )
    setattr(config, attribute, converted)
    line, _ = where(key)
    config.origins[key] = f"{path}:{line}"


def _load_yaml(text: str, path: str, base: pathlib.Path, config: Config) -> None:
    root = compose(text, path)
    if root is None:
        return
    view = MappingView(root, path, "the configuration")
    positions: dict[str, tuple[int, int]] = {}
    for key, (key_node, value_node) in view.items.items():
        positions[key] = position(key_node)
        if key == "severity" and is_node(value_node, "mapping"):
            for rule_key, _ in value_node.value:
                positions[f"severity.{scalar(rule_key, path)}"] = position(rule_key)
    for key, (_, value_node) in view.items.items():
        value = to_python(value_node, path)
        _apply(config, key, value, _position_lookup(positions, key), path, base)


def _position_lookup(positions: dict[str, tuple[int, int]], key: str
                     ) -> Callable[[str], tuple[int, int]]:
    """Look up a key's position, defaulting to the position of ``key``."""

    def where(name: str) -> tuple[int, int]:
        return positions.get(name, positions[key])

    return where


def _load_toml(text: str, path: str, base: pathlib.Path, config: Config) -> None:
    import tomllib  # only pyproject.toml users pay for it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's tomllib gives the position only in its message.
        where = regex.search(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$",
                             str(exc))
        if where is None:
            raise ConfigError(path, None, None, f"TOML error: {exc}") from None
        lines = text.splitlines() or [""]
        line, column = ((int(where.group(1)), int(where.group(2))) if where.group(1)
                        else (len(lines), len(lines[-1]) + 1))
        raise ConfigError(path, line, column,
                          f"TOML error: {str(exc)[:where.start()]}") from None
    table = data.get("tool", {}).get("factcheck")
    if table is None:
        return
    if not isinstance(table, dict):
        raise ConfigError(path, None, None, "[tool.factcheck] must be a table")
    for key, value in table.items():
        _apply(config, key, value, lambda k: _toml_position(text, k), path, base)


def _toml_position(text: str, dotted: str) -> tuple[int, int]:
    """Find the line and column of a key of [tool.factcheck] (tomllib keeps no positions)."""
    parts = dotted.split(".")
    lines = text.splitlines()
    table = None
    for number, line in enumerate(lines, 1):
        header = regex.match(r"\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$", line)
        if header:
            table = regex.sub(r"""[ \t"']""", "", header.group(1))
            if table == "tool.factcheck." + parts[0] and len(parts) == 1:
                return number, 1
            continue
        key = regex.match(r"(\s*)([\"']?)([\w.-]+)\2\s*=", line)
        if not key:
            continue
        name = key.group(3)
        if (table == "tool.factcheck" and name in (parts[0], dotted)) or (
            table == "tool.factcheck." + parts[0] and len(parts) > 1 and name == parts[1]
        ):
            return number, len(key.group(1)) + 1
    return 1, 1
