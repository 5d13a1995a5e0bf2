"""The document model: decoded text, prose mask, line/column map, suppression comments."""

from __future__ import annotations

import bisect
import codecs
import fnmatch
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

import regex

from factcheck import markup, sentences
from factcheck.claims import COPY_PIECES
from factcheck.extract import places
from factcheck.extract.roles import opening_role
from factcheck.rx import Rx

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt"})
DRAFT_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES

# One-to-one replacements, so offsets in the normalised text are offsets in the original:
# typographic quotes and apostrophes, exotic spaces and hyphens all read as their ASCII twin.
_NORMALISE = {
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ",
    "\u2003": " ", "\u200a": " ", "\t": " ", "\u3000": " ",
    "\u2010": "-", "\u2011": "-", "\u2212": "-",
}


def normalise(text: str) -> str:
    """Replace typographic quotes, exotic spaces and hyphens by their ASCII twin, one for one."""
    # One C-speed scan per character is faster than str.translate or a regex callback.
    for char, twin in _NORMALISE.items():
        if char in text:
            text = text.replace(char, twin)
    return text
_LINE_BREAK = Rx(r"\r\n|\r|\n")
_DIRECTIVE = Rx(
    r"<!--[ \t]*factcheck-(?P<verb>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?P<rules>(?:[ \t,]+[A-Za-z0-9_*?.-]+)*)[ \t]*-->"
)
_RULE_NAME = Rx(r"[^ \t,]+")  # one rule id or glob in a directive


PARAGRAPH_BREAK = Rx(r"\n[ \t\r]*\n|\r[ \t]*\r")  # a blank line, with LF, CRLF or CR ends
# In soft-wrapped text a line break inside a paragraph is a space, so that what it wraps
# reads as written: "thirty-five\nthousand" is one number, "March\n2012" one date. (A
# CRLF is two spaces, so that offsets stay those of the original text.)
_SOFT_CRLF = Rx(r"(?<![\r\n][ \t]*)\r\n(?![ \t]*[\r\n])")
_SOFT_BREAK = Rx(r"(?<![\r\n][ \t]*)[\r\n](?![ \t]*[\r\n])")
# Who speaks a turn of an interview or transcript: "Q:", "A:", "KARIM:", "DR SMITH:".
_SPEAKER = (
    rf"(?:{sentences.ANSWER_LABEL}"
    rf"|(?:Q|(?P<speaker>{sentences.SPEAKER_NAME}))[ \t]*:[ \t]*)"
)
_TURN = Rx(_SPEAKER)
# Capitals and a colon that head a live blog's entry or a dateline, not a speaker's turn.
_NOT_SPEAKERS = frozenset({
    "update", "updated", "breaking", "breaking news", "note", "editor's note", "correction",
    "clarification", "analysis", "background", "context", "watch", "listen", "live", "flash",
    "urgent", "exclusive", "opinion", "photo", "video", "caption", "source", "sources",
    "read more", "related", "summary", "key facts", "fact check", "warning", "nb", "ps",
})
# A paragraph that opens by breaking down the figure of the one before: "Of those, 15 were
# in Damascus", "Most of them came from ...". Wire copy gives each sentence a paragraph.
CONTINUES = Rx(
    r"(?:Of|Among)[ ]+(?:those|them|these|which|the[ ]+total)(?![\p{L}])"
    r"|(?:Most|Some|All|Many|None|Nearly[ ]+all|Almost[ ]+all)[ ]+of[ ]+(?:them|those|these)"
    r"(?![\p{L}])"
)
# A paragraph that ends by introducing a piece of copy quoted after it ("an agency snap
# that read, in full:", "Its central passage read:"): the quotation is that copy, which
# the draft examines rather than asserts, as it does what "A Reuters story said" says.
_QUOTES_COPY = Rx(
    rf"(?<![\p{{L}}])(?:{COPY_PIECES}|snap|passage|flash|wire|copy)s?"
    r"(?:\s+[^\s.!?:]+){0,6}?\s+(?:read|reads|ran|runs)(?:,?\s+in\s+full)?\s*:\s*$",
    regex.I,
)
# A sentence opening with a pronoun (after a speaker's name) may continue the one before.
ANSWER = Rx(rf"(?:{_SPEAKER})?(?P<pronoun>It|They|This|That|These|Those|Which)(?![\p{{L}}])")


def is_turn(text: str, at: int = 0) -> bool:
    """Tell whether ``text`` at ``at`` opens a speaker's turn ("KARIM: It began in 2011.")."""
    label = _TURN.match(text, at)
    if label is None:
        return False
    speaker = label.group("speaker")
    return speaker is None or (speaker.lower() not in _NOT_SPEAKERS
                               and places.key(speaker) not in places.gazetteer())


# A subtitle's or script's cue before what is said: "[NARRATOR]", "(ANCHOR, in studio)";
# or a label in capitals and a colon, a speaker's or a caption's ("KARIM:", "CAPTION:").
# A transcript's or script's timecode may come first ("[03:05]", "00:17:02   CAPTION:"),
# and after either a quotation mark may open what is said ('CAPTION: "In 2013, ...'). A
# sentence that merely opens with a quotation mark keeps it: corrections and style notes
# quote what they name.
_LABEL = (
    rf"(?:\[\p{{Lu}}{{2,}}[^\]\n]{{0,40}}\]|\(\p{{Lu}}{{2,}}[^)\n]{{0,40}}\))[ \t]*|{_SPEAKER}"
)
_CUE = Rx(rf"(?:{sentences.TIMECODE}(?:{_LABEL})?|{_LABEL})[\"“‘]?")
# What a label may open: a sentence of at least five words, not a fact box's short line
# in capitals ("VENUE: Geneva", "DEATH TOLL: 6 killed in Hama").
_SAID = Rx(r"(?:\S+\s+){4}\S")


def words_start(text: str, start: int, end: int) -> int:
    """Where what is said starts in the sentence ``text[start:end]``, after any label.

    "KARIM: In 2013 rebels seized the east.", "CAPTION: Since 2013 the city ..." and
    "[NARRATOR] On December 11, a truce ..." say what they would say without the label,
    and a claim pattern's "^" means there. So does a line after its timecode ("[03:05]
    The rebels ..."), and a quotation after a label's or timecode's opening mark.
    """
    label = _CUE.match(text, start, end)
    if label is not None and _SAID.match(text, label.end(), end):
        return int(label.end())
    return start


# A heading: a few words on a line of their own, without a sentence's closing point ("The
# war", "Russia's role:"). A sentence the splitter ends without one ends at a line or block.
# (a symbol may mark a ranking's move: "Sergei Shoigu ▲3")
_HEADING = Rx(r"[\p{L}\p{N}][\p{L}\p{N}\p{So}'&-]*(?:[ ]+[\p{L}\p{N}\p{So}'&-]+){0,5}[ ]*:?")
# A fact-box line: a short label, a colon and what it says ("Began: April 2011").
_LABEL_LINE = Rx(r"[\p{L}\p{N}][\p{L}\p{N}'-]*(?:[ ]+[\p{L}\p{N}'-]+){0,5}[ ]*:[ ]*\S")
_FINISHED = Rx(r"[.!?…][\"')\]]*$")


def is_heading(text: str) -> bool:
    """Tell whether a sentence reads as a heading: a few words, no closing point."""
    return _HEADING.fullmatch(text) is not None


def is_label_line(text: str) -> bool:
    """Tell whether a sentence reads as a fact-box line ("Began: April 2011, in Deraa")."""
    return _LABEL_LINE.match(text) is not None


def ends_line(text: str) -> bool:
    """Tell whether a sentence ends without a closing point, so at a line's or block's end."""
    return _FINISHED.search(text) is None


_OPEN_END = Rx(r"[^.!?:;\"')\]”’]\s*$")
# A row of a fixed-width table: its columns are set apart by runs of spaces.
_ALIGNED = Rx(r"\S {3,}\S")
_REMOVED_LINE = Rx(r"(?m)^\f[^\r\n]*(?:\r\n|\r|\n)?")


def runs_on(prose: str, end: int, start: int) -> bool:
    """Tell whether text resuming at ``start`` is in the paragraph that stopped at ``end``.

    It is unless a blank line comes between, and even then when the paragraph ended with
    a colon: "The tally:" and, after a blank line, its list.
    """
    return PARAGRAPH_BREAK.search(prose, end, start) is None or prose[end - 1:end] == ":"


def _hard_wrapped(text: str) -> bool:
    """Tell whether plain text is wrapped at a fixed width, like an e-mail.

    Such text breaks sentences across lines, so its line breaks are soft. Copy that puts
    each paragraph, headline and caption on a line of its own has some lines longer than
    any wrapping width, and few long lines that stop in mid-sentence.
    """
    # A patch's removed line (see markup.mask_diff) stands between no two lines.
    lines = (_REMOVED_LINE.sub("", text) if "\f" in text else text).splitlines()
    # A wide table row says nothing of how the prose around it is wrapped.
    if len(lines) < 4 or any(len(line) > 100 and not _ALIGNED.search(line) for line in lines):
        return False
    joined = [a for a, b in itertools.pairwise(lines) if a.strip() and b.strip()]
    open_ends = sum(1 for a in joined if len(a.strip()) >= 40 and _OPEN_END.search(a))
    return open_ends >= 2 and open_ends * 3 >= len(joined)


def is_markdown(path: str) -> bool:
    """Tell whether a draft is read as Markdown (by its file name) rather than plain text."""
    return path.lower().endswith(tuple(MARKDOWN_SUFFIXES))


class DecodeError(ValueError):
    """The bytes of a draft are not text factcheck can read."""


def decode(data: bytes) -> str:
    """Decode a draft: UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is refused."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8" and b"\x00" in body:
            raise DecodeError("binary file (contains NUL bytes); not linted") from None
        line = body.count(b"\n", 0, exc.start) + 1
        raise DecodeError(
            f"not valid {encoding.upper()} (byte 0x{body[exc.start]:02x} at line {line}); "
            "save the draft as UTF-8"
        ) from None
    if "\x00" in text:
        raise DecodeError("binary file (contains NUL bytes); not linted")
    return text


@dataclass(frozen=True)
class Block:
    """A paragraph, or a run of its sentences: what factcheck analyses, and caches, alone.

    Everything a claim depends on lies inside its paragraph (a pronoun's antecedent, a
    correction's "That is not the case.", a sum's parts), except an answer's question,
    which a block carries as ``context`` sentences before its own. The engine cuts a
    paragraph into shorter runs where no claim can cross (see ``factcheck.engine.units``).
    """

    start: int  # offset of ``text`` in the document's prose
    text: str
    sentences: tuple[tuple[int, int], ...]  # spans relative to ``start``
    context: int = 0  # how many leading sentences are context only

    @property
    def own_start(self) -> int:
        """Where the block's own sentences start, relative to ``start``."""
        return self.sentences[self.context][0]


@dataclass(frozen=True)
class Region:
    """A stretch of the document, by character offsets, where some rules are silenced."""

    start: int
    end: int
    rules: frozenset[str] | None  # None silences every rule

    def covers(self, offset: int, rule: str) -> bool:
        """Tell whether a finding of ``rule`` at ``offset`` is silenced by this region.

        A comment may name rules by glob, as --select and --ignore do: "war-*".
        """
        return self.start <= offset < self.end and (
            self.rules is None or any(fnmatch.fnmatchcase(rule, name) for name in self.rules)
        )


@dataclass
class Document:
    """A draft as factcheck sees it: original text plus an offset-preserving prose view."""

    path: str
    text: str
    markdown: bool = False
    prose: str = field(init=False, repr=False)
    block_starts: set[int] = field(init=False, repr=False)
    soft_wraps: bool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.markdown:
            masked, self.block_starts = markup.mask_markdown(self.text)
            masked = markup.mask_leaders(markup.mask_datelines(masked))
            self.soft_wraps = True
        else:
            masked = markup.mask_leaders(markup.mask_datelines(markup.mask_line_numbers(
                markup.mask_rule_lines(markup.mask_diff(markup.mask_comments(self.text))))))
            self.soft_wraps = _hard_wrapped(masked)
            masked, items = markup.mask_list_numbers(masked)
            # In wrapped plain text a list item or numbered point still starts afresh.
            self.block_starts = items if self.soft_wraps else set()
        prose = normalise(masked)
        if self.soft_wraps:
            if "\r" in prose:
                prose = _SOFT_CRLF.sub("  ", prose)
            prose = _SOFT_BREAK.sub(" ", prose)
        self.prose = prose

    @classmethod
    def for_path(cls, path: str, text: str) -> Document:
        """Build a document, reading Markdown markup when the file name says so."""
        return cls(path, text, markdown=is_markdown(path))

    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets at which each line starts (CRLF, CR and LF all end a line)."""
        text = self.text
        if "\r" in text:
            return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        starts = [0]
        at = text.find("\n")
        while at >= 0:  # the common case, LF only, without the regex
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column (in code points) of a character offset."""
        starts = self.line_starts
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Return the offsets of the start and end (before its line break) of a 1-based line."""
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Spans of the prose's sentences."""
        return sentences.split(self.prose, soft_wraps=self.soft_wraps,
                               block_starts=self.block_starts)

    def blocks(self) -> list[Block]:
        """The document's paragraphs, each with the sentences it holds (see :func:`runs_on`)."""
        spans = self.sentences
        groups: list[list[tuple[int, int]]] = []
        quoted: set[int] = set()  # the groups that quote a piece of copy
        for span in spans:
            last = groups[-1][-1] if groups else None
            if last is None or not runs_on(self.prose, last[1], span[0]):
                groups.append([span])
            elif (PARAGRAPH_BREAK.search(self.prose, last[1], span[0])
                  and _QUOTES_COPY.search(self.prose, *last)):
                quoted.add(len(groups))
                groups.append([span])
            else:
                groups[-1].append(span)
        blocks = []
        for index, group in enumerate(groups):
            if index in quoted:
                continue  # not the draft's own claims
            context: list[tuple[int, int]] = []
            before = groups[index - 1] if index else []
            if (len(before) == 1 and is_label_line(self.prose[group[0][0]:group[0][1]])
                    and is_heading(self.prose[before[0][0]:before[0][1]])):
                context = before  # "## The war", then after a blank line "- Began: 2011"
            elif index and ANSWER.match(self.prose, group[0][0]):
                question = groups[index - 1][-1]
                # A question, or the turn before in a transcript ("DANA: Remind us how long
                # this war has gone on." "KARIM: It began in 2011."), is what "It" stands for.
                if (self.prose[question[0]:question[1]].rstrip().endswith("?")
                        or (is_turn(self.prose, group[0][0])
                            and is_turn(self.prose, groups[index - 1][0][0]))):
                    context = [question]
            elif index and CONTINUES.match(self.prose, group[0][0]):
                context = [groups[index - 1][-1]]  # the figure it breaks down
            elif (len(before) == 1 and is_heading(self.prose[before[0][0]:before[0][1]])
                  and opening_role(self.prose, *group[0]) is not None):
                context = before  # "### 4. Sergei Shoigu", then "Russia's defence minister ..."
            start, end = (context or group)[0][0], group[-1][1]
            blocks.append(Block(
                start=start,
                text=self.prose[start:end],
                sentences=tuple((a - start, b - start) for a, b in (*context, *group)),
                context=len(context),
            ))
        return blocks

    @cached_property
    def regions(self) -> list[Region]:
        """The regions silenced by ``<!-- factcheck-... -->`` comments."""
        return list(self._parse_directives())

    def suppressed(self, offset: int, rule: str) -> bool:
        """Tell whether a finding of ``rule`` starting at ``offset`` is silenced."""
        return any(region.covers(offset, rule) for region in self.regions)

    @cached_property
    def _directives(self) -> list[regex.Match[str]]:
        """The suppression comments of the draft, but not those quoted in code."""
        if "factcheck-" not in self.text:
            return []
        found = list(_DIRECTIVE.finditer(self.text))
        if not self.markdown or not found:
            return found
        # Markdown blanks a comment with the code block or span around it: put a word in
        # each comment's place and keep the comments whose word is still there.
        pieces, at = [], 0
        for match in found:
            pieces += [self.text[at:match.start()], "x" * (match.end() - match.start())]
            at = match.end()
        pieces.append(self.text[at:])
        masked, _ = markup.mask_markdown("".join(pieces))
        return [match for match in found if masked[match.start()] == "x"]

    def named_rules(self) -> Iterator[tuple[int, str]]:
        """Each rule name (or glob) a suppression comment gives, with its offset."""
        for match in self._directives:
            for name in _RULE_NAME.finditer(match.group("rules")):
                yield match.start("rules") + name.start(), name.group()

    def _parse_directives(self) -> Iterator[Region]:
        open_all: int | None = None
        open_rules: dict[str, int] = {}
        for match in self._directives:
            verb = match.group("verb")
            rules = frozenset(m.group() for m in _RULE_NAME.finditer(match.group("rules")))
            line, _ = self.position(match.start())
            if verb == "disable-file":
                yield Region(0, len(self.text), rules or None)
            elif verb == "disable-line":
                start, end = self.line_span(line)
                yield Region(start, end + 1, rules or None)
            elif verb == "disable-next-line":
                end_line, _ = self.position(match.end())
                if end_line < len(self.line_starts):
                    start, end = self.line_span(end_line + 1)
                    yield Region(start, end + 1, rules or None)
            elif verb == "disable":
                if not rules:
                    open_all = match.end() if open_all is None else open_all
                for rule in rules:
                    open_rules.setdefault(rule, match.end())
            else:  # enable
                closing = rules or frozenset(open_rules)
                if not rules and open_all is not None:
                    yield Region(open_all, match.start(), None)
                    open_all = None
                for rule in closing:
                    if rule in open_rules:
                        yield Region(open_rules.pop(rule), match.start(), frozenset({rule}))
        if open_all is not None:
            yield Region(open_all, len(self.text), None)
        for rule, start in open_rules.items():
            yield Region(start, len(self.text), frozenset({rule}))
