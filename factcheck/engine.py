"""The engine: run the checks a document needs and turn their hits into findings."""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import stat
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import regex

from factcheck.analysis import HEADING_REACH, Analysis, leans_back
from factcheck.cache import Cache, content_key
from factcheck.checks import KINDS, reach
from factcheck.checks.common import Claimed
from factcheck.claims import MATCH_TIMEOUT, TIMEOUTS
from factcheck.document import Block, DecodeError, Document, decode, is_heading
from factcheck.extract.dates import MONTH
from factcheck.finding import BUILT_IN_RULES, Finding, Hit, Severity
from factcheck.prefilter import Words
from factcheck.rulebook import Fact, Rulebook
from factcheck.rx import Rx

DEFAULT_MAX_BYTES = 10_000_000
BLOCK_CACHE_SIZE = 20_000  # runs of sentences remembered per process (about 1.2 KB each)
TRAITS_CACHE_SIZE = 20_000  # sentences whose links to their neighbours are remembered
CORRECTION_REACH = 2  # sentences after a quotation that may put it right
TIMEOUT_RULE = "pattern-timeout"  # one of BUILT_IN_RULES
UNKNOWN_RULE = "unknown-rule"  # one of BUILT_IN_RULES


def _finding(document: Document, hit: Hit, rule: str, severity: Severity,
             source: str) -> Finding:
    line, column = document.position(hit.start)
    end_line, end_column = document.position(max(hit.end, hit.start + 1))
    found, message = hit.found, hit.message
    if found and found == document.prose[hit.start:hit.end]:
        # Quote the draft as written, on one line: the prose view wraps lines into spaces
        # and reads a table's cells with commas ("March | 2012" reads "March,  2012").
        written = " ".join(document.text[hit.start:hit.end].split())
        if written != found:
            message = message.replace(f'"{found}"', f'"{written}"')
            found = written
    return Finding(
        path=document.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        rule=rule,
        severity=severity,
        message=message,
        expected=hit.expected,
        found=found,
        source=source,
    )


def file_finding(path: str, rule: str, message: str) -> Finding:
    """Return the finding that reports a draft factcheck could not lint."""
    return Finding(path, 1, 1, 1, 1, rule, Severity.ERROR, message, "", "", "")


def facts_for(words: Words, rulebook: Rulebook) -> list[Fact]:
    """The facts worth checking on prose with these words: prefilter candidates, all people."""
    wanted = {id(f) for f in rulebook.prefilter.candidates(words)}
    return [f for f in rulebook.facts if id(f) in wanted or f.kind == "person"]


def block_claims(block: Block, rulebook: Rulebook,
                 gave_up: list[Fact] | None = None) -> Iterator[tuple[Fact, Claimed]]:
    """Every claim a block makes (offsets relative to the block), right or wrong.

    Facts one of whose patterns gave up on the block (see :class:`Timeouts`) are added to
    ``gave_up``: their claims there may be missing. A wrong value the block quotes and
    then corrects is no claim of the draft (see :func:`corrected_quotes`).
    """
    analysis = Analysis(block.text, block.sentences, rulebook)
    own = block.own_start
    found: list[tuple[Fact, Claimed]] = []
    for fact in facts_for(analysis.all_words, rulebook):
        before = TIMEOUTS.count
        # A question given as context is its own block's business.
        found.extend((fact, claim) for claim in KINDS[fact.kind].claims(fact, analysis)
                     if claim.start >= own)
        if gave_up is not None and TIMEOUTS.count != before:
            gave_up.append(fact)
    quoted = corrected_quotes(block, found) if '"' in block.text else set()
    for index, item in enumerate(found):
        if index not in quoted:
            yield item


# What opens a sentence that says what a quoted name really is: 'Hmeymim is an air base.'
_COPULA = Rx(r"\s+(?:is|was|are|were|has\s+been|remains)(?![\p{L}])", regex.I)
# ... or what a quoted date or figure really was: 'says the protests "started in 2012". It
# was March 2011.'
_RESTATED = Rx(
    r"(?i:it|that|this)\s+(?i:is|was|were)\s+(?:(?i:in|on|about|around)\s+)?"
    rf"(?:\d|{MONTH}(?![\p{{L}}]))"
)
_FIGURES = frozenset({"date", "quantity", "duration", "sum"})


def corrected_quotes(block: Block, claims: Sequence[tuple[Fact, Claimed]]) -> set[int]:
    """The indexes of wrong claims inside a quotation that the block then corrects.

    'She told the court that "fifty thousand people were driven out". The Red Cross put it
    at about 35,000.' quotes a figure and puts it right, as a style list's '"Hmeymim naval
    base." Hmeymim is an air base.' does: the correction, in the sentence that closes the
    quotation or one of the next two (the next one, for a name), states the fact rightly or
    says what the quoted value is. A correction in a later sentence is seen when the
    quotation ends its own sentence: only then does the engine read them together (see
    :func:`units`).
    """
    text = block.text
    corrected: set[int] = set()
    for index, (fact, claim) in enumerate(claims):
        if claim.hit is None or text.count('"', 0, claim.start) % 2 == 0:
            continue
        closing = text.find('"', claim.end)
        if closing < 0:
            continue
        after = next((i for i, (_, end) in enumerate(block.sentences) if closing < end), None)
        if after is None:
            continue
        # Names recur: a right spelling of one two sentences on is no sign of a correction,
        # as a value restated in a claim of its own is.
        reach = 1 if fact.kind == "person" else CORRECTION_REACH
        stop = block.sentences[min(after + reach, len(block.sentences) - 1)][1]
        if any(other is fact and right.hit is None and right.part == claim.part
               and closing < right.start < stop for other, right in claims):
            corrected.add(index)
            continue
        opening = next((start for start, _ in block.sentences if closing < start), None)
        if opening is not None:
            words = text[opening:].lstrip(" \t\n\f")
            if ((words.startswith(claim.text) and _COPULA.match(words, len(claim.text)))
                    or (fact.kind in _FIGURES and _RESTATED.match(words))):
                corrected.add(index)
    return corrected


def _unchecked(block: Block, fact: Fact) -> tuple[str, Hit]:
    """The hit that reports a run of sentences a fact's patterns could not be matched on."""
    return TIMEOUT_RULE, Hit(
        block.own_start, len(block.text),
        f"a pattern of rule {fact.id} took over {MATCH_TIMEOUT} s here and gave up, so this "
        f"passage was not checked for {fact.id} (simplify the pattern, or lint again on a "
        "less loaded machine)",
        "", "",
    )


class _Traits:
    """How each sentence links to its neighbours, by its text (sentences recur in copy)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: dict[tuple[str, str], tuple[bool, int]] = {}

    def of(self, text: str, rulebook: Rulebook) -> tuple[bool, int]:
        """Whether the sentence leans on the one before, and how far forward it reaches."""
        key = (rulebook.digest, text)
        found = self.entries.get(key)
        if found is None:
            facts = rulebook.prefilter.candidates(Words(text))
            reaches = max((reach(f, text) for f in facts), default=0)
            if is_heading(text):  # it may name the subject of the fact-box lines below it
                reaches = max(reaches, HEADING_REACH)
            if facts and '"' in text.rstrip()[-3:]:
                # It ends on a quotation, which the sentences after it may correct (see
                # corrected_quotes); one that goes on after its quotation is read alone.
                reaches = max(reaches, CORRECTION_REACH)
            found = (leans_back(text), reaches)
            if len(self.entries) >= self.size:
                self.entries.clear()
            self.entries[key] = found
        return found


_TRAITS = _Traits(TRAITS_CACHE_SIZE)


def units(block: Block, rulebook: Rulebook) -> Iterator[Block]:
    """Split a paragraph into runs of sentences that read the same on their own.

    A sentence joins the run before it when it leans on its predecessor (a pronoun, a
    definite description such as "The base", a "That is not the case.") or lies within
    the reach of an earlier subject sentence (a sum's parts) or heading (a fact box's
    lines). Each run is then analysed, and cached, by its own text, so a sentence that
    recurs in other copy is read once, whatever paragraph it turns up in.
    """
    spans = block.sentences
    if len(spans) == 1:
        yield block
        return
    first = 0
    left = carried = 0
    for index, (start, end) in enumerate(spans):
        leans, reaches = _TRAITS.of(block.text[start:end], rulebook)
        if index and not leans and not left:
            yield from _unit(block, first, index)
            first = index
        if leans:  # a pronoun stands for the sentence before: it reaches as far
            reaches = max(reaches, carried)
        left, carried = max(left - 1, reaches), reaches
    yield from _unit(block, first, len(spans))


def _unit(block: Block, first: int, stop: int) -> Iterator[Block]:
    if stop <= block.context:
        return  # only the question an answer follows: that paragraph's own business
    base = block.sentences[first][0]
    yield Block(
        start=block.start + base,
        text=block.text[base:block.sentences[stop - 1][1]],
        sentences=tuple((a - base, b - base) for a, b in block.sentences[first:stop]),
        context=max(0, block.context - first),
    )


class _BlockCache:
    """Each run of sentences' hits, by its text: copy repeats sentences, archives repeat copy.

    With a disk cache (see :func:`keep_runs`), runs are also kept across processes, so a
    draft edited since the last lint has only its changed sentences read again.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[Any, ...], tuple[tuple[str, Hit], ...]] = OrderedDict()
        self.disk: Cache | None = None

    def hits(self, block: Block, rulebook: Rulebook) -> tuple[tuple[str, Hit], ...]:
        key = (rulebook.digest, block.text, block.sentences, block.context)
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
            return found
        disk_key = content_key("run", *map(str, key)) if self.disk is not None else ""
        found = self._recall(disk_key)
        if found is None:
            gave_up: list[Fact] = []
            found = tuple((fact.id, claim.hit)
                          for fact, claim in block_claims(block, rulebook, gave_up)
                          if claim.hit is not None)
            if gave_up:  # the machine's doing, not the text's: keep nothing, try again next time
                return found + tuple(_unchecked(block, fact) for fact in gave_up)
            if self.disk is not None:
                self.disk.store_json("run", disk_key, [
                    [fact_id, h.start, h.end, h.message, h.expected, h.found]
                    for fact_id, h in found
                ])
        self.entries[key] = found
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return found

    def _recall(self, disk_key: str) -> tuple[tuple[str, Hit], ...] | None:
        if self.disk is None:
            return None
        stored = self.disk.load_json("run", disk_key)
        if not isinstance(stored, list):
            return None
        try:
            return tuple((str(fact_id), Hit(int(start), int(end), str(message), str(expected),
                                             str(found)))
                         for fact_id, start, end, message, expected, found in stored)
        except (TypeError, ValueError):
            return None  # an entry of another layout: read the run again and overwrite it


_BLOCKS = _BlockCache(BLOCK_CACHE_SIZE)


def keep_runs(cache: Cache | None) -> None:
    """Keep each run of sentences' hits in ``cache`` too (None: in memory only).

    Worth it for a handful of drafts, such as a commit's; an archive's drafts are better
    served by the per-draft results alone, which do not fill the cache with every sentence.
    """
    _BLOCKS.disk = cache


def lint_document(document: Document, rulebook: Rulebook) -> list[Finding]:
    """Lint one document; findings come back sorted and without duplicates."""
    findings: set[Finding] = set()
    for block in (u for b in document.blocks() for u in units(b, rulebook)):
        for fact_id, hit in _BLOCKS.hits(block, rulebook):
            start = block.start + hit.start
            # A timeout says nothing about the text, so no comment in it silences one; it
            # must reach the results cache, which keeps no draft with one (--ignore may drop it).
            if fact_id == TIMEOUT_RULE or not document.suppressed(start, fact_id):
                shifted = dataclasses.replace(hit, start=start, end=block.start + hit.end)
                fact = rulebook.by_id.get(fact_id)
                if fact is None:  # one of factcheck's own rules
                    findings.add(_finding(document, shifted, fact_id, Severity.ERROR, ""))
                else:
                    findings.add(_finding(document, shifted, fact_id, fact.severity,
                                          fact.source))
    findings.update(_unknown_rules(document, rulebook))
    return sorted(findings)


def _unknown_rules(document: Document, rulebook: Rulebook) -> Iterator[Finding]:
    """Warn of suppression comments that name no rule: a typo would silence nothing."""
    # A rulebook built by hand, not loaded from files, may not list what it knows.
    known = rulebook.known | {f.id for f in rulebook.facts} | BUILT_IN_RULES.keys()
    for offset, name in document.named_rules():
        if not any(fnmatch.fnmatchcase(rule, name) for rule in known):
            hit = Hit(offset, offset + len(name), f"the suppression comment names no rule: "
                      f"{name!r}", "", name)
            yield _finding(document, hit, UNKNOWN_RULE, Severity.WARNING, "")


def lint_text(text: str, rulebook: Rulebook, path: str = "<text>") -> list[Finding]:
    """Lint a draft given as text; Markdown is read as such when ``path`` ends in .md."""
    return lint_document(Document.for_path(path, text), rulebook)


def lint_bytes(data: bytes, path: str, rulebook: Rulebook) -> list[Finding]:
    """Lint a draft given as bytes, reporting undecodable input as a finding."""
    try:
        text = decode(data)
    except DecodeError as exc:
        return [file_finding(path, "decode-error", str(exc))]
    try:
        return lint_text(text, rulebook, path)
    except RecursionError:
        return [file_finding(path, "internal-error", "the draft nests too deeply to analyse")]
    except Exception as exc:  # noqa: BLE001 - one draft's bug must not stop the others
        return [file_finding(path, "internal-error",
                             f"factcheck failed on this draft ({type(exc).__name__}: {exc}); "
                             "please report it")]


def read_draft(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | Finding:
    """Read a draft's bytes, or return the finding that says why it cannot be linted."""
    try:
        # A pipe or a device would block the open or never end: only regular files are read.
        if not stat.S_ISREG(os.stat(path).st_mode) and not os.path.isdir(path):
            return file_finding(path, "read-error", "not a regular file (a pipe, socket or device)")
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                return file_finding(
                    path, "too-large",
                    f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
                    "(raise it with --max-file-size)",
                )
            # Never more than the limit plus one byte, whatever the file claims its size is.
            data = handle.read(max_bytes + 1)
    except IsADirectoryError:
        try:
            os.scandir(path).close()
        except OSError as exc:
            return file_finding(path, "read-error",
                                f"cannot read directory: {exc.strerror or exc}")
        return file_finding(path, "read-error", "is a directory, not a draft")
    except OSError as exc:
        return file_finding(path, "read-error", f"cannot read: {exc.strerror or exc}")
    if len(data) > max_bytes:  # it grew while we read it, or it is a device
        return file_finding(path, "too-large", f"file is over the {max_bytes:,}-byte limit")
    return data


def lint_path(path: str, rulebook: Rulebook, *, max_bytes: int = DEFAULT_MAX_BYTES,
              display: str | None = None) -> list[Finding]:
    """Lint a draft on disk; unreadable, oversized or undecodable files become findings.

    Findings name the file as ``display`` (default: ``path`` as given).
    """
    if display is not None and display != path:
        return [dataclasses.replace(f, path=display)
                for f in lint_path(path, rulebook, max_bytes=max_bytes)]
    data = read_draft(path, max_bytes)
    if isinstance(data, Finding):
        return [data]
    return lint_bytes(data, path, rulebook)


def worst(findings: Iterable[Finding]) -> Severity | None:
    """Return the highest severity among ``findings``, or None."""
    return max((f.severity for f in findings), default=None)
