"""Strict, safe YAML loading with the position of every node kept for error messages."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, NoReturn

from factcheck.errors import RuleFileError

if TYPE_CHECKING:
    import yaml

MAX_DEPTH = 40
MAX_BYTES = 4_000_000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

Scalar = str | int | float | bool | None


@cache
def _strict_loader() -> Any:
    """The loader class, built on first use: PyYAML is only imported when YAML is read."""
    import yaml

    class StrictLoader(yaml.SafeLoader):
        """SafeLoader with YAML 1.2 core-schema scalars, no aliases and bounded nesting.

        PyYAML's YAML 1.1 resolvers turn ``NO`` into False, ``10:30`` into 630 and dates
        into ``datetime.date``; rule authors write country codes and times, so only the 1.2
        core forms are recognised and everything else stays a string.
        """

        yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's own attribute

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self._depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.MarkedYAMLError(
                    problem="aliases are not allowed in factcheck files (write the value out)",
                    problem_mark=event.start_mark,
                )
            self._depth += 1
            try:
                if self._depth > MAX_DEPTH:
                    event = self.peek_event()  # type: ignore[no-untyped-call]
                    raise yaml.MarkedYAMLError(
                        problem=f"nesting deeper than {MAX_DEPTH} levels",
                        problem_mark=event.start_mark,
                    )
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

    # The YAML 1.2 core-schema resolvers: null, bool, int, float.
    resolvers = [
        (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
        (_INT, r"^[-+]?[0-9]+$", list("-+0123456789")),
        (
            _FLOAT,
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
            list("-+0123456789."),
        ),
    ]
    for tag, pattern, first in resolvers:
        StrictLoader.add_implicit_resolver(tag, re.compile(pattern), first)
    return StrictLoader


def is_node(node: Any, kind: str) -> bool:
    """Tell whether a node is a "scalar", "sequence" or "mapping" (without importing PyYAML)."""
    return getattr(node, "id", None) == kind


def compose(text: str, path: str) -> yaml.Node | None:
    """Parse ``text`` into a node tree, raising RuleFileError at the offending position."""
    if len(text) > MAX_BYTES:
        raise RuleFileError(path, None, None, f"file is larger than {MAX_BYTES} bytes")
    import yaml

    try:
        # The reader checks every character as it starts, before any parsing.
        loader = _strict_loader()(text)
    except yaml.reader.ReaderError as exc:
        row = text.count("\n", 0, exc.position) + 1
        column = exc.position - text.rfind("\n", 0, exc.position)
        raise RuleFileError(
            path, row, column, f"YAML error: character U+{exc.character:04X} is not allowed"
        ) from None
    try:
        node: yaml.Node | None = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise RuleFileError(path, line, col, f"YAML error: {problem}") from None
    except yaml.YAMLError as exc:
        raise RuleFileError(path, None, None, f"YAML error: {exc}") from None
    except RecursionError:
        raise RuleFileError(path, None, None, "YAML error: document nested too deeply") from None
    finally:
        loader.dispose()
    if node is not None:
        _check_tree(node, path)
    return node


def _check_tree(node: yaml.Node, path: str) -> None:
    """Reject explicit tags and duplicate keys anywhere in the tree."""
    stack = [node]
    while stack:
        current = stack.pop()
        if is_node(current, "mapping"):
            if current.tag != _MAP:
                fail(path, current, f"tag {current.tag!r} is not allowed")
            seen: dict[Any, yaml.Node] = {}
            for key_node, value_node in current.value:
                if not is_node(key_node, "scalar"):
                    fail(path, key_node, "mapping keys must be plain strings")
                key = scalar(key_node, path)
                if key in seen:
                    first = seen[key].start_mark.line + 1
                    fail(path, key_node, f"duplicate key {key!r} (first at line {first})")
                seen[key] = key_node
                stack.append(value_node)
        elif is_node(current, "sequence"):
            if current.tag != _SEQ:
                fail(path, current, f"tag {current.tag!r} is not allowed")
            stack.extend(current.value)
        elif is_node(current, "scalar"):
            scalar(current, path)


def position(node: yaml.Node) -> tuple[int, int]:
    """Return the 1-based line and column where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def fail(path: str, node: yaml.Node, message: str) -> NoReturn:
    """Raise a RuleFileError located at ``node``."""
    line, col = position(node)
    raise RuleFileError(path, line, col, message)


def scalar(node: yaml.Node, path: str) -> Scalar:
    """Return the Python value of a scalar node under the YAML 1.2 core schema."""
    if not is_node(node, "scalar"):
        fail(path, node, "expected a single value")
    text = node.value
    if node.tag == _STR:
        return str(text)
    if node.tag == _NULL:
        return None
    if node.tag == _BOOL:
        return str(text).lower() == "true"
    if node.tag == _INT:
        return int(text, 10)
    if node.tag == _FLOAT:
        low = str(text).lower()
        if low.endswith("inf"):
            return -math.inf if low.startswith("-") else math.inf
        if low.endswith("nan"):
            return math.nan
        return float(text)
    fail(path, node, f"tag {node.tag!r} is not allowed")


def to_python(node: yaml.Node, path: str) -> Any:
    """Convert a (checked) node tree into plain Python lists, dicts and scalars."""
    if is_node(node, "mapping"):
        return {str(scalar(k, path)): to_python(v, path) for k, v in node.value}
    if is_node(node, "sequence"):
        return [to_python(item, path) for item in node.value]
    return scalar(node, path)


def type_name(node: yaml.Node) -> str:
    """Describe a node's type for error messages ("a list", "a number", ...)."""
    if is_node(node, "mapping"):
        return "a mapping"
    if is_node(node, "sequence"):
        return "a list"
    return {
        _STR: "a string",
        _INT: "a number",
        _FLOAT: "a number",
        _BOOL: "a boolean",
        _NULL: "null",
    }.get(node.tag, "a value")


class MappingView:
    """Checked access to a mapping node's keys, each error pointing at its node."""

    def __init__(self, node: yaml.Node, path: str, what: str) -> None:
        if not is_node(node, "mapping"):
            fail(path, node, f"{what} must be a mapping, not {type_name(node)}")
        self.node = node
        self.path = path
        self.what = what
        self.items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            self.items[str(scalar(key_node, path))] = (key_node, value_node)

    def check_keys(self, allowed: set[str] | frozenset[str], required: tuple[str, ...] = ()
                   ) -> None:
        """Fail on the first unknown key, then on the first missing required key."""
        for key, (key_node, _) in self.items.items():
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                fail(self.path, key_node, f"unknown key {key!r} in {self.what} (known: {known})")
        for key in required:
            if key not in self.items:
                fail(self.path, self.node, f"{self.what} is missing required key {key!r}")

    def __contains__(self, key: str) -> bool:
        return key in self.items

    def node_of(self, key: str) -> yaml.Node | None:
        """Return the value node of ``key`` or None."""
        pair = self.items.get(key)
        return pair[1] if pair else None

    def key_node(self, key: str) -> yaml.Node:
        """Return the key node of ``key`` (for errors about the key itself)."""
        return self.items[key][0]

    def required(self, key: str) -> yaml.Node:
        """Return the value node of a key that must be present."""
        node = self.node_of(key)
        if node is None:
            fail(self.path, self.node, f"{self.what} is missing required key {key!r}")
        return node

    def required_string(self, key: str) -> str:
        """Return the non-empty string value of a key that must be present."""
        return expect_string(self.required(key), self.path, f"{key!r}")

    def string(self, key: str, default: str | None = None) -> str | None:
        """Return a non-empty string value, or ``default`` when the key is absent."""
        node = self.node_of(key)
        if node is None:
            return default
        return expect_string(node, self.path, f"{key!r}")

    def strings(self, key: str, *, single_ok: bool = True) -> list[tuple[str, yaml.Node]]:
        """Return a list of non-empty strings (a single string counts as a list of one)."""
        node = self.node_of(key)
        if node is None:
            return []
        return expect_strings(node, self.path, f"{key!r}", single_ok=single_ok)

    def integer(self, key: str, default: int | None = None, *, minimum: int | None = None
                ) -> int | None:
        """Return an integer value, rejecting booleans and floats."""
        node = self.node_of(key)
        if node is None:
            return default
        value = scalar(node, self.path)
        if not isinstance(value, int) or isinstance(value, bool):
            fail(self.path, node, f"{key!r} must be a whole number, not {type_name(node)}")
        if minimum is not None and value < minimum:
            fail(self.path, node, f"{key!r} must be at least {minimum}")
        return value

    def number(self, key: str) -> float | None:
        """Return a finite number value."""
        node = self.node_of(key)
        if node is None:
            return None
        value = scalar(node, self.path)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            fail(self.path, node, f"{key!r} must be a number, not {type_name(node)}")
        if not math.isfinite(value):
            fail(self.path, node, f"{key!r} must be a number, not {type_name(node)}")
        return float(value)

    def boolean(self, key: str, default: bool) -> bool:
        """Return a boolean value (only true/false are booleans)."""
        node = self.node_of(key)
        if node is None:
            return default
        value = scalar(node, self.path)
        if not isinstance(value, bool):
            fail(self.path, node, f"{key!r} must be true or false, not {type_name(node)}")
        return value


def expect_string(node: yaml.Node, path: str, what: str) -> str:
    """Return the string of a scalar string node, failing on other types or empty text."""
    if not is_node(node, "scalar"):
        hint = (" (quote text that contains ': ', such as '(?: ')"
                if is_node(node, "mapping") else "")
        fail(path, node, f"{what} must be a string, not {type_name(node)}{hint}")
    value = scalar(node, path)
    if not isinstance(value, str):
        fail(path, node, f"{what} must be a string, not {type_name(node)}")
    if not value.strip():
        fail(path, node, f"{what} must not be empty")
    return value


def expect_strings(node: yaml.Node, path: str, what: str, *, single_ok: bool = True
                   ) -> list[tuple[str, yaml.Node]]:
    """Return ``(string, node)`` pairs from a list of strings (or one string if allowed)."""
    if is_node(node, "scalar") and single_ok:
        return [(expect_string(node, path, what), node)]
    if not is_node(node, "sequence"):
        fail(path, node, f"{what} must be a list of strings, not {type_name(node)}")
    return [(expect_string(item, path, f"each item of {what}"), item) for item in node.value]


def sequence(node: yaml.Node, path: str, what: str) -> Iterator[yaml.Node]:
    """Iterate the items of a sequence node, failing if it is something else."""
    if not is_node(node, "sequence"):
        fail(path, node, f"{what} must be a list, not {type_name(node)}")
    yield from node.value
