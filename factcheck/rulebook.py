"""Loading and validating YAML rule files into an immutable, picklable rulebook.

A rule file::

    version: 1                 # optional; the schema version, only 1 exists
    define:                    # optional; named sub-patterns, used as {name} in patterns
      start: (?:began|started|erupted|broke out)
    places: [Hmeymim]          # optional; names to add to the gazetteer
    facts:                     # required, not empty
      - id: war-start-year
        kind: date             # entity | quantity | date | duration | person | sum
        statement: Syria's civil war began in March 2011.
        sources: [seeds/003_b8548251b1195867.txt:1]
        ...                    # the keys of the kind (see factcheck.checks)

Every error names the file, line and column of the YAML node at fault.
"""

from __future__ import annotations

import itertools
import os
import pathlib
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import regex

from factcheck.cache import Cache, rule_files_key
from factcheck.claims import SLOTS, without_placeholders
from factcheck.errors import RuleFileError
from factcheck.extract.names import NameIndex, PersonSpec
from factcheck.extract.places import PlaceFinder
from factcheck.finding import BUILT_IN_RULES, Severity
from factcheck.prefilter import Prefilter
from factcheck.rx import Rx
from factcheck.yamlload import (
    MappingView,
    compose,
    expect_string,
    expect_strings,
    fail,
    is_node,
    position,
    sequence,
)

if TYPE_CHECKING:
    import yaml

RULE_SUFFIXES = (".yaml", ".yml")
# Rule files this large are built by two processes when there are cores for it: below it,
# starting a process would cost more than it saves.
PARALLEL_BUILD_CHARS = 20_000
COMMON_KEYS = frozenset({"id", "kind", "statement", "sources", "severity", "message", "examples"})
_ID = Rx(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")
_DEFINE_NAME = Rx(r"[A-Za-z][A-Za-z0-9_-]*")
_RESERVED = frozenset(SLOTS)
_MESSAGE_FIELDS = frozenset({"expected", "found", "statement", "id"})


@dataclass(frozen=True)
class Example:
    """A sentence from a fact's ``examples``: it must (flag) or must not (pass) raise it."""

    text: str
    flag: bool
    found: str | None
    column: int | None
    line: int  # where the example sits in the rule file
    col: int


@dataclass(frozen=True)
class Fact:
    """One fact: what is true, where it is from, and how to recognise claims about it."""

    id: str
    kind: str
    statement: str
    sources: tuple[str, ...]
    severity: Severity
    message: str
    examples: tuple[Example, ...]
    path: str
    line: int
    column: int
    spec: Any = field(compare=False)

    @property
    def source(self) -> str:
        """The first source, as findings show it."""
        return self.sources[0]

    def format(self, *, expected: str, found: str) -> str:
        """Fill the fact's message template."""
        return self.message.format(
            expected=expected, found=found, statement=self.statement, id=self.id
        )


@dataclass
class BuildContext:
    """What a check kind's ``build`` may read and add to while a file is loaded."""

    path: str
    defines: dict[str, str]
    place_names: set[str] = field(default_factory=set)
    place_phrases: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Rulebook:
    """All facts of the loaded rule files, plus the shared indexes the checks use."""

    facts: tuple[Fact, ...]
    files: tuple[str, ...]
    digest: str
    place_names: frozenset[str] = frozenset()
    place_phrases: frozenset[str] = frozenset()
    known: frozenset[str] = frozenset()
    """The ids of every fact the rule files define, selected or not (suppression comments
    may name any of them)."""

    @cached_property
    def by_id(self) -> dict[str, Fact]:
        """Facts by id."""
        return {f.id: f for f in self.facts}

    @cached_property
    def places(self) -> PlaceFinder:
        """The place finder: gazetteer, the rules' place names, and alias phrases."""
        return PlaceFinder(self.place_names, self.place_phrases)

    @cached_property
    def names(self) -> NameIndex:
        """The index of the people the rules name."""
        people = [f.spec.person for f in self.facts if f.kind == "person"]
        return NameIndex(people)

    @cached_property
    def prefilter(self) -> Prefilter[Fact]:
        """The combined prefilter over every claim-based fact's subject anchors."""
        pre: Prefilter[Fact] = Prefilter()
        for fact in self.facts:
            anchors = getattr(fact.spec, "anchors", None)
            if anchors is not False:
                pre.add(fact, anchors)
        return pre

    @cached_property
    def claim_prefilter(self) -> Prefilter[tuple[str, int]]:
        """One prefilter over every claim pattern's anchor words: (fact id, pattern index)."""
        pre: Prefilter[tuple[str, int]] = Prefilter()
        for fact in self.facts:
            spec = getattr(fact.spec, "claims", None)
            for index, needed in enumerate(getattr(spec, "anchors", ())):
                if needed:
                    pre.add((fact.id, index), needed[0], also=needed[1:])
        return pre

    def select(self, ids: Iterable[str]) -> Rulebook:
        """Return a rulebook with only the facts whose ids are given (order kept)."""
        wanted = set(ids)
        return Rulebook(
            facts=tuple(f for f in self.facts if f.id in wanted),
            files=self.files,
            digest=self.digest + ":" + ",".join(sorted(wanted)),
            place_names=self.place_names,
            place_phrases=self.place_phrases,
            known=self.known,
        )

    def warm(self) -> None:
        """Build the shared indexes now, so that they travel with a pickled rulebook."""
        _ = self.places, self.names, self.prefilter, self.claim_prefilter, self.by_id


def rule_files(paths: Sequence[str | os.PathLike[str]]) -> list[pathlib.Path]:
    """Expand files and directories into the sorted list of rule files to load."""
    found: list[pathlib.Path] = []
    for raw in paths:
        path = pathlib.Path(raw)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file())
            )
        elif path.is_file():
            found.append(path)
        else:
            raise RuleFileError(str(raw), None, None, "rule file or directory not found")
    # A file named twice ("--rules rules --rules rules/people.yaml") is loaded once.
    unique: dict[pathlib.Path, pathlib.Path] = {}
    for file in found:
        unique.setdefault(file.resolve(), file)
    return list(unique.values())


def load_rulebook(paths: Sequence[str | os.PathLike[str]], *, cache: Cache | None = None,
                  jobs: int = 1) -> Rulebook:
    """Load rule files and directories into a rulebook, or raise RuleFileError.

    With a ``cache``, a rulebook already built from the very same files is loaded from it
    (validated and compiled last time), and a new one is stored there. With ``jobs`` over
    1, a large rulebook is built by two processes (see :func:`_build_in_two`).
    """
    files = rule_files(paths)
    if not files:
        where = ", ".join(str(p) for p in paths) or "(no paths given)"
        raise RuleFileError(where, None, None, "no rule files (*.yaml, *.yml) found")
    contents: list[bytes] = []
    for file in files:
        try:
            contents.append(file.read_bytes())
        except OSError as exc:
            raise RuleFileError(str(file), None, None, f"cannot read: {exc.strerror}") from None
    key = rule_files_key(files, contents)
    if cache is not None:
        cached = cache.load_object("rulebook", key, Rulebook)
        if cached is not None and cached.digest == key:
            return cached  # type: ignore[no-any-return]
    rulebook = _build(files, contents, key, jobs)
    if cache is not None:
        rulebook.warm()
        cache.store_object("rulebook", key, rulebook)
    return rulebook


def _build(files: Sequence[pathlib.Path], contents: Sequence[bytes], key: str,
           jobs: int = 1) -> Rulebook:
    texts: list[str] = []
    for file, data in zip(files, contents, strict=True):
        try:
            texts.append(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise RuleFileError(str(file), None, None, "not valid UTF-8") from None
    names = [str(f) for f in files]
    loaded = None
    if jobs > 1 and sum(map(len, texts)) >= PARALLEL_BUILD_CHARS:
        loaded = _build_in_two(names, texts)
    if loaded is None:
        loaded = [load_file(text, name) for name, text in zip(names, texts, strict=True)]
    facts: list[Fact] = []
    seen: dict[str, Fact] = {}
    place_names: set[str] = set()
    place_phrases: set[str] = set()
    for context, file_facts in loaded:
        for fact in file_facts:
            if fact.id in seen:
                first = seen[fact.id]
                raise RuleFileError(
                    fact.path, fact.line, fact.column,
                    f"duplicate fact id {fact.id!r} (first defined at {first.path}:{first.line})",
                )
            seen[fact.id] = fact
            facts.append(fact)
        place_names |= context.place_names
        place_phrases |= context.place_phrases
    return Rulebook(
        facts=tuple(facts),
        files=tuple(str(f) for f in files),
        digest=key,
        place_names=frozenset(place_names),
        place_phrases=frozenset(place_phrases),
        known=frozenset(seen),
    )


def _build_in_two(names: list[str], texts: list[str]
                  ) -> list[tuple[BuildContext, list[Fact]]] | None:
    """Build the facts of rule files in two processes: this one, and one started for it.

    Compiling claim patterns (``regex`` parses them in Python) is most of a first run's
    start, before any worker can lint a draft. This process builds every other fact, the
    other process the rest, and their facts are put back in file order. On any failure
    (a bad rule file, no process to be had) it returns None, and the caller builds
    everything here, in order, so that an error names the first bad node, as it would.
    """
    from concurrent.futures import ProcessPoolExecutor

    try:
        with ProcessPoolExecutor(1) as pool:
            other = pool.submit(_load_part, names, texts, 1)
            mine = _load_part(names, texts, 0)
            theirs = other.result()
    except Exception:  # noqa: BLE001 - whatever it was, the serial build reports it right
        return None
    loaded = []
    for (context, even), (other_context, odd) in zip(mine, theirs, strict=True):
        context.place_phrases |= other_context.place_phrases
        merged = [fact for pair in itertools.zip_longest(even, odd) for fact in pair
                  if fact is not None]
        loaded.append((context, merged))
    return loaded


def _load_part(names: list[str], texts: list[str], part: int
               ) -> list[tuple[BuildContext, list[Fact]]]:
    return [load_file(text, name, part=part) for name, text in zip(names, texts, strict=True)]


def load_file(text: str, path: str, *, part: int | None = None
              ) -> tuple[BuildContext, list[Fact]]:
    """Validate one rule file's text and build its facts.

    With ``part`` (0 or 1), every fact is validated but only every other one is built: the
    even-numbered facts, or the odd-numbered ones.
    """
    from factcheck.checks import KINDS

    root = compose(text, path)
    if root is None:
        raise RuleFileError(path, 1, 1, "empty rule file (expected a mapping with 'facts')")
    top = MappingView(root, path, "the rule file")
    top.check_keys({"version", "define", "places", "facts"}, required=("facts",))
    version = top.integer("version", 1)
    if version != 1:
        fail(path, top.node_of("version") or root, f"unsupported version {version} (only 1)")
    context = BuildContext(path=path, defines=_defines(top, path))
    context.place_names.update(name for name, _ in top.strings("places", single_ok=False))
    facts_node = top.required("facts")
    items = list(sequence(facts_node, path, "'facts'"))
    if not items:
        fail(path, facts_node, "'facts' must not be empty")
    facts: list[Fact] = []
    ids: dict[str, int] = {}
    for index, item in enumerate(items):
        view = MappingView(item, path, "a fact")
        kind = view.required_string("kind")
        module = KINDS.get(kind)
        if module is None:
            node = view.node_of("kind") or item
            fail(path, node, f"unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
        view.check_keys(COMMON_KEYS | module.KEYS, required=("id", "kind", *module.REQUIRED))
        fact_id = view.required_string("id")
        if not _ID.fullmatch(fact_id):
            fail(path, view.node_of("id") or item,
                 f"invalid id {fact_id!r} (use lowercase letters, digits and hyphens)")
        if fact_id in BUILT_IN_RULES:
            fail(path, view.node_of("id") or item,
                 f"fact id {fact_id!r} is the name of one of factcheck's own rules")
        if fact_id in ids:
            fail(path, view.node_of("id") or item,
                 f"duplicate fact id {fact_id!r} (first at line {ids[fact_id]})")
        line, column = position(item)
        ids[fact_id] = line
        statement = view.required_string("statement")
        sources = tuple(s for s, _ in view.strings("sources"))
        if not sources:
            fail(path, view.node_of("sources") or item, "a fact needs at least one source")
        try:
            severity = Severity.parse(view.string("severity") or "error")
        except ValueError as exc:
            fail(path, view.node_of("severity") or item, str(exc))
        message = view.string("message") or module.DEFAULT_MESSAGE
        _check_message(message, path, view.node_of("message") or item)
        if part is not None and index % 2 != part:
            continue
        spec = module.build(view, context)
        facts.append(
            Fact(
                id=fact_id,
                kind=kind,
                statement=statement,
                sources=sources,
                severity=severity,
                message=message,
                examples=_examples(view, path),
                path=path,
                line=line,
                column=column,
                spec=spec,
            )
        )
    return context, facts


def _defines(top: MappingView, path: str) -> dict[str, str]:
    node = top.node_of("define")
    if node is None:
        return {}
    view = MappingView(node, path, "'define'")
    defines: dict[str, str] = {}
    for name, (key_node, value_node) in view.items.items():
        if not _DEFINE_NAME.fullmatch(name) or name in _RESERVED:
            fail(path, key_node, f"invalid define name {name!r} (reserved or not a word)")
        # A list is a set of alternatives: long alternations read better one per line,
        # and a folded YAML string would slip a space into every line break.
        alternatives = expect_strings(value_node, path, f"define {name!r}")
        for source, node in alternatives:
            try:
                # A placeholder may stand where braces would be a repeat: "...?{subject}".
                regex.compile(without_placeholders(source))
            except regex.error as exc:
                fail(path, node, f"invalid regular expression in define {name!r}: {exc}")
        sources = [source for source, _ in alternatives]
        defines[name] = sources[0] if len(sources) == 1 else "|".join(sources)
    return defines


def _check_message(message: str, path: str, node: yaml.Node) -> None:
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(message) if f}
    except ValueError as exc:
        fail(path, node, f"invalid message template: {exc}")
    unknown = fields - _MESSAGE_FIELDS
    if unknown:
        known = ", ".join("{" + f + "}" for f in sorted(_MESSAGE_FIELDS))
        fail(path, node, f"unknown field {{{sorted(unknown)[0]}}} in message (known: {known})")


def _examples(view: MappingView, path: str) -> tuple[Example, ...]:
    node = view.node_of("examples")
    if node is None:
        return ()
    examples = MappingView(node, path, "'examples'")
    examples.check_keys({"flag", "pass"})
    out: list[Example] = []
    for key, flag in (("flag", True), ("pass", False)):
        items = examples.node_of(key)
        if items is None:
            continue
        for item in sequence(items, path, f"examples '{key}'"):
            line, col = position(item)
            if is_node(item, "scalar"):
                text = expect_string(item, path, "an example")
                out.append(Example(text, flag, None, None, line, col))
                continue
            entry = MappingView(item, path, "an example")
            allowed = {"text", "found", "column"} if flag else {"text"}
            entry.check_keys(allowed, required=("text",))
            text = entry.required_string("text")
            out.append(
                Example(text, flag, entry.string("found"), entry.integer("column", minimum=1),
                        line, col)
            )
    return tuple(out)


def person_spec(fact_id: str, canonical: str, variants: Iterable[str]) -> PersonSpec:
    """Build the name matcher's record of a person (canonical spelling first)."""
    ordered = [canonical, *(v for v in variants if v != canonical)]
    return PersonSpec(fact_id, canonical, tuple(ordered))
