"""Blank out what is not prose (front matter, code, comments, markup) without moving offsets.

Every function here returns a string of exactly the input's length in which masked
characters became spaces and line breaks stayed where they were, so an offset found in the
masked text is the same offset in the original text: line and column numbers never drift.
"""

from __future__ import annotations

import itertools
import re

import regex

from factcheck.rx import Rx

_LINE = Rx(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FENCE_OPEN = Rx(r"^( {0,3})(`{3,}|~{3,})([^\r\n]*)")
_HTML_COMMENT = Rx(r"<!--.*?(?:-->|\Z)", regex.S)
# YAML (---) or TOML (+++) front matter; unterminated front matter is left as prose.
_FRONT_MATTER = Rx(
    r"\A(?:---[ \t]*\r?\n.*?^(?:---|\.\.\.)|\+\+\+[ \t]*\r?\n.*?^\+\+\+)[ \t]*(?:\r?\n|\Z)",
    regex.S | regex.M,
)
_BLANK = Rx(r"^[ \t]*$")
_LIST_ITEM = Rx(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_INLINE = Rx(
    r"""
      (?P<code>(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`))       # code span
    | (?P<image>!\[[^\]\n]*\]\([^)\n]*\))                             # image: all of it
    | (?P<autolink><(?:https?|mailto|ftp):[^>\s]*>)                    # <http://...>
    | (?P<url>\b(?:https?://|www\.)[^\s<>()\[\]]+)                     # bare URL
    | (?P<linktail>\]\((?:[^()\n]|\([^()\n]*\))*\))                    # ](target "title")
    | (?P<reftail>\]\[[^\]\n]*\])                                      # ][ref]
    | (?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)                # HTML tag
    | (?P<entity>&(?:[A-Za-z][A-Za-z0-9]{1,31}|\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6});)
    | (?P<escape>\\(?=[!-/:-@\[-`{-~]))                                # backslash escape
    | (?P<emph>\*+|(?<!\w)_+|_+(?!\w)|~~)                              # emphasis markers
    | (?P<footnote>\[\^[^\]\s]+\])                                     # footnote's mark
    # A link's opener. A bracket closed on its own line by none of "](", "][" and "]]" is
    # literal text (a citation like "[HB/D/3]"), so what follows it stays readable.
    | (?P<bracket>!?\[(?![^\[\]\n]*\](?![(\[\]])))
    """,
    regex.X,
)
_LINE_PREFIX = Rx(
    r"""^(?:
        [ \t]{0,3}\#{1,6}(?=[ \t]|$)                   # ATX heading marker
      | (?:[ \t]{0,3}>[ ]?)+                           # block quote markers
      | [ \t]{0,3}(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)     # list item marker
    )+""",
    regex.X,
)
# Only quote markers, then text that opens no block of its own (a heading, an item...).
_QUOTE_ONLY = Rx(r"(?:[ \t]{0,3}>[ ]?)+(?=[ \t]*[^\s#>*+\-\d])")
_CLOSING_HASHES = Rx(r"[ \t]+#+[ \t]*$")
_SETEXT_OR_RULE = Rx(r"^[ \t]{0,3}(?:=+|-{2,}|(?:[-*_][ \t]*){3,})[ \t]*$")
_TABLE_SEPARATOR = Rx(
    r"^[ \t]*\|?[ \t]*:?-{1,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*)+\|?[ \t]*$"
)
_REFERENCE_DEF = Rx(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$")
# A table whose first column a header such as "#" or "No." heads numbers its rows: "4.3"
# in "| 4.3 | How many people left? | ..." is the row's, not a figure the row gives.
_NUMBERING_HEADER = Rx(
    r"^[ \t]*\|?[ \t]*(?:\#|no\.?|nr\.?|n°|№|q\.?|qn|item|ref\.?|id|row|s/n)[ \t]*\|", regex.I
)
_ROW_NUMBER = Rx(
    r"^[ \t]*\|?[ \t]*(?P<number>[A-Za-z]?\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?\.?)[ \t]*(?=\|)"
)
# ... and so does a first column that counts its rows 1, 2, 3, whatever heads it
# ("| Panel | Caption |", then "| 1 | March 2011 - ... |").
COUNTED_ROWS = 2  # the fewest rows whose first cells count from 1 that number a table


def _counts_rows(text: str, start: int) -> bool:
    """Tell whether the table rows from ``start`` open with the cells 1, 2, 3 ... in turn."""
    count = 0
    for row in _LINE.finditer(text, start):
        line = row.group().rstrip("\r\n")
        if "|" not in line:
            break
        number = _ROW_NUMBER.match(line)
        if number is None or not number["number"].rstrip(".").isdigit() \
                or int(number["number"].rstrip(".")) != count + 1:
            return False
        count += 1
    return count >= COUNTED_ROWS


# Characters without which no inline markup can start: most prose lines have none, and
# a plain scan for them is far cheaper than trying every inline pattern everywhere.
_INLINE_TRIGGER = re.compile(r"[`!<\]\[&\\*_~]")
_NOT_LINE_BREAK = re.compile(r"[^\r\n]")


def blank(text: str, start: int, end: int) -> str:
    """Return ``text[start:end]`` with every character except line breaks turned into a space."""
    return _NOT_LINE_BREAK.sub(" ", text[start:end])


def _mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        parts.append(text[pos:start])
        parts.append(blank(text, start, end))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


# A checker's one-word verdict on what precedes it ('MS: "..." CHANGED.'), which disowns it
# (see factcheck.claims): in capitals at a line's start it is still no dateline.
VERDICTS = ("changed", "corrected", "amended", "wrong", "incorrect", "false", "untrue",
            "inaccurate")
VERDICT = "|".join(VERDICTS)  # the same, as a pattern's alternation
# A wire dateline opening a line: "MOSCOW, Dec 23 -", "**BEIRUT** —", "LONDON (Reuters) -".
_DATELINE = Rx(
    rf"(?m)^[ \t>*_]*(?!(?i:{VERDICT})\.)"
    r"\p{Lu}[\p{Lu}'.-]{2,}(?:[ ]\p{Lu}[\p{Lu}'.-]+){0,3}"
    r"(?:[ ]?\([^)\n]{1,30}\))?(?:,[ ][^\n—–]{3,25}?)?[*_ \t]*(?:—|–|--?|\.(?=[ \t]))"
)


def mask_datelines(text: str) -> str:
    """Blank wire datelines, which name where a story was filed, not what it claims."""
    # A dateline opens a line and never crosses one: trying each line start is what a
    # search would do, without the search stopping at every other position.
    spans = []
    at = 0
    while at >= 0:
        found = _DATELINE.match(text, at)
        if found:
            spans.append(found.span())
        at = text.find("\n", at)
        at = at + 1 if at >= 0 else -1
    return _mask_spans(text, spans)


# A plain-text rule: a line of one repeated character ("=====", "-----", "* * *").
_RULE_LINE = Rx(r"(?m)^[ \t]*([=\-*_~#+])(?:[ \t]*\1){2,}[ \t]*$")


def mask_rule_lines(text: str) -> str:
    """Blank plain-text rules, which set sections apart as a blank line would."""
    return _mask_spans(text, [m.span() for m in _RULE_LINE.finditer(text)])


# A leader of dots between a label and its value on one line: "Civil war began ..... 2011",
# or cut to two dots where a long label leaves no room: "Persons evacuated (ICRC) .. 45,000"
# (spaced on both sides, which an ellipsis of three is not read as).
_LEADER = Rx(r"(?<=[^\s.][ \t]*)(?:\.[ \t]?){4,}(?=[ \t]*[^\s.])"
             r"|(?<=[^\s.][ \t]+)\.\.(?=[ \t]+[^\s.])"
             r"|(?<=[^\s.…][ \t]*)…{2,}(?=[ \t]*[^\s.…])")


def mask_leaders(text: str) -> str:
    """Read a leader of dots as the colon it stands for ("war began : 2011"), not as stops."""
    # Any leader holds two dots side by side, or with a space or tab between them.
    if ".." not in text and ". ." not in text and ".\t." not in text and "……" not in text:
        return text
    return str(_LEADER.sub(lambda m: ":" + " " * (len(m.group()) - 1), text))


# A plain-text list item opening a line: "- The talks", "4) Our graphic gave ...", "(2) ...".
_LIST_ITEM = Rx(r"(?m)^[ \t]*(?:[-*•]|(?P<number>\d{1,3}[.)]|\(\d{1,3}\)))[ \t]+\S")


def mask_list_numbers(text: str) -> tuple[str, set[int]]:
    """Blank the numbers of a plain-text list's items, which count items and nothing else.

    Returns the masked text and the offsets where the list's items start.
    """
    items = list(_LIST_ITEM.finditer(text))
    numbers = [m.span("number") for m in items if m.start("number") >= 0]
    return _mask_spans(text, numbers), {m.start() for m in items}


# A transcript's or listing's line number opening a line: " 9        Q.   Let's start ...".
_LINE_NUMBER = Rx(r"(?m)^[ \t]*(\d{1,4})(?:[ \t]{2,}|\t)(?=\S)")
LINE_NUMBERED = 0.8  # the share of non-blank lines a line-numbered text numbers


def mask_line_numbers(text: str) -> str:
    """Blank the line numbers of a line-numbered text, such as a deposition's transcript.

    A text is line-numbered when most of its non-blank lines open with a number that
    counts up by one from the line before (or starts again at 1 on a new page); a figure
    that merely opens a line or two does not qualify.
    """
    numbers = list(_LINE_NUMBER.finditer(text))
    if len(numbers) < 5:
        return text
    lines = sum(1 for line in text.splitlines() if line.strip())
    counting = sum(1 for a, b in itertools.pairwise(numbers)
                   if int(b.group(1)) in (int(a.group(1)) + 1, 1))
    if len(numbers) < LINE_NUMBERED * lines or counting < LINE_NUMBERED * (len(numbers) - 1):
        return text
    return _mask_spans(text, [m.span(1) for m in numbers])


# A unified diff's hunk header, with the counts of old and new lines that follow it:
# "@@ -1,14 +1,16 @@ THE DEAL: ..." (git repeats a line of context after it).
_HUNK = Rx(r"(?m)^@@ -\d+(?:,(?P<old>\d+))? \+\d+(?:,(?P<new>\d+))? @@[^\r\n]*")


def mask_diff(text: str) -> str:
    """Read a patch of a draft (a unified diff) as the text it leaves behind.

    Hunk headers are blanked, and so is the one-character column that marks each line as
    kept (" ") or added ("+"). A removed line ("-") is no longer the draft's: it is blanked
    whole and opens with a form feed, so it is no blank line either, and the lines either
    side of it still read as one paragraph, as they do in the new text.
    """
    if "@@ -" not in text:
        return text
    spans: list[tuple[int, int]] = []
    removed: list[int] = []
    for hunk in _HUNK.finditer(text):
        spans.append(hunk.span())
        # An omitted count is one line; the counts, not the markers, say where a hunk ends,
        # so a signature's "-- " after the last hunk is not read as a removed line.
        old = int(hunk.group("old") or 1)
        new = int(hunk.group("new") or 1)
        at = _LINE.match(text, hunk.end()).end()
        # A "\ No newline at end of file" follows the line it is about, even the last one.
        while at < len(text) and (old > 0 or new > 0 or text[at] == "\\"):
            after = _LINE.match(text, at).end()
            marker = text[at] if text[at] not in "\r\n" else " "  # a trimmed empty line
            if marker not in " +-\\":
                break
            if marker in "-\\":
                spans.append((at, after))
                if marker == "-":
                    removed.append(at)
            else:
                spans.append((at, at + 1))
            old -= marker in " -"
            new -= marker in " +"
            at = after
    chars = list(_mask_spans(text, spans))
    for offset in removed:
        chars[offset] = "\f"
    return "".join(chars)


def mask_comments(text: str) -> str:
    """Blank HTML comments (``<!-- ... -->``; an unterminated one runs to the end)."""
    if "<!--" not in text:
        return text
    return _mask_spans(text, [m.span() for m in _HTML_COMMENT.finditer(text)])


def mask_markdown(text: str) -> tuple[str, set[int]]:
    """Blank Markdown's non-prose parts; also return the offsets where a new block starts.

    Block starts (headings, list items, table rows, quotes, text after code) end any
    sentence in progress, because Markdown lines there are not soft-wrapped prose.
    """
    text = mask_comments(text)
    spans: list[tuple[int, int]] = []
    commas: list[int] = []
    delimiter_rows: list[int] = []
    block_starts: set[int] = set()
    front = _FRONT_MATTER.match(text)
    if front:
        spans.append(front.span())
        block_starts.add(front.end())
    fence: tuple[str, int] | None = None
    previous_blank = True
    in_list = False
    quote_depth = 0  # of the quoted paragraph the line before belongs to (0: none)
    line = ""
    numbered_rows = False  # in a table whose first column numbers its rows
    for match in _LINE.finditer(text, front.end() if front else 0):
        line_start, line_end = match.span()
        if line_start == line_end:
            break
        header, line = line, match.group().rstrip("\r\n")
        # (a delimiter row holds a pipe, so most lines need no match at all)
        separator = "|" in line and _TABLE_SEPARATOR.match(line) is not None
        if separator:
            numbered_rows = (_NUMBERING_HEADER.match(header) is not None
                             or _counts_rows(text, line_end))
        elif numbered_rows and "|" in line:
            number = _ROW_NUMBER.match(line)
            if number is not None:
                start, end = number.span("number")
                spans.append((line_start + start, line_start + end))
        else:
            numbered_rows = False
        content_end = line_start + len(line)
        depth, quote_depth = quote_depth, 0
        if fence is not None:
            spans.append((line_start, content_end))
            closing = _FENCE_OPEN.match(line)
            if (closing and closing.group(2)[0] == fence[0]
                    and len(closing.group(2)) >= fence[1] and not closing.group(3).strip()):
                fence = None
                block_starts.add(line_end)
            continue
        opening = _FENCE_OPEN.match(line)
        # A backtick fence's info string may not contain backticks (CommonMark 4.5).
        if opening and not (opening.group(2)[0] == "`" and "`" in opening.group(3)):
            fence = (opening.group(2)[0], len(opening.group(2)))
            spans.append((line_start, content_end))
            block_starts.add(line_start)
            continue
        if line[:1].isalpha():
            # A line that opens with a letter is plain prose: no block markup can start it.
            in_list = in_list and not previous_blank
            previous_blank = False
            quote_depth = depth  # a lazy continuation line stays in the quote's paragraph
            _mask_inline(line_start, line, spans, block_starts, commas)
            continue
        if _BLANK.match(line):
            previous_blank = True
            continue
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
        if indent >= 4 and previous_blank and not in_list:
            # Indented code starts after a blank line; inside a list it is a continuation.
            spans.append((line_start, content_end))
            block_starts.add(line_end)
            continue
        if _LIST_ITEM.match(line):
            in_list = True
        elif indent == 0 and previous_blank:
            in_list = False
        previous_blank = False
        if separator:
            delimiter_rows.append(line_start)
        _mask_line(line_start, line, spans, block_starts, commas, separator=separator)
        quoted = _QUOTE_ONLY.match(line)
        if quoted is not None:
            quote_depth = quoted.group().count(">")
            # "> " before each wrapped line of one quoted paragraph: one paragraph still.
            if quote_depth == depth and line.count("|") < 2:
                block_starts.discard(line_start)
    masked = _mask_spans(text, spans)
    if commas or delimiter_rows:
        chars = list(masked)
        # A table row reads as a list: "| July 2016 | The siege begins |" is
        # "July 2016, The siege begins", so a value and its cell-mate stay one clause. The
        # comma goes right after the cell's text, as prose puts it.
        for offset in commas:
            at = offset
            while at > 0 and chars[at - 1] in " \t":
                at -= 1
            chars[offset] = " "
            # (a cell left empty at the row's start, as a masked row number leaves it, is
            # no item: "| 6 | When did ...? |" reads "When did ...?")
            if at > 0 and chars[at - 1] != "\n":
                chars[at] = ","
        # A table's delimiter row ("|---|---|") is no blank line: its header and rows
        # stay one paragraph, as "Violations recorded" heads the figures below it. A form
        # feed is whitespace to patterns and to the sentence splitter, yet no blank line.
        for offset in delimiter_rows:
            chars[offset] = "\f"
        masked = "".join(chars)
    return masked, block_starts


def _interior_pipes(line_start: int, line: str) -> list[int]:
    """Offsets of the pipes that separate two cells of a table row."""
    stripped = line.strip()
    first = line.index(stripped[0]) if stripped else 0
    last = first + len(stripped) - 1
    return [
        line_start + i for i, ch in enumerate(line)
        if ch == "|" and first < i < last and line[i - 1:i] != "\\"
    ]


def _mask_line(line_start: int, line: str, spans: list[tuple[int, int]],
               block_starts: set[int], commas: list[int], *, separator: bool) -> None:
    """Record the markup spans of one prose line and whether it starts a new block.

    ``separator`` says whether the line is a table's delimiter row, which the caller
    has already matched.
    """
    if separator or _SETEXT_OR_RULE.match(line) or _REFERENCE_DEF.match(line):
        spans.append((line_start, line_start + len(line)))
        block_starts.add(line_start)
        return
    prefix = _LINE_PREFIX.match(line)
    if prefix and prefix.end() > 0:
        spans.append((line_start, line_start + prefix.end()))
        block_starts.add(line_start)
        if "#" in prefix.group():
            closing = _CLOSING_HASHES.search(line)
            if closing:
                spans.append((line_start + closing.start(), line_start + closing.end()))
    _mask_inline(line_start, line, spans, block_starts, commas)


def _mask_inline(line_start: int, line: str, spans: list[tuple[int, int]],
                 block_starts: set[int], commas: list[int]) -> None:
    """Record a line's table pipes and inline markup (code, links, emphasis...)."""
    if line.count("|") >= 2:
        block_starts.add(line_start)
        spans.extend((line_start + i, line_start + i + 1) for i, ch in enumerate(line) if ch == "|")
        commas.extend(_interior_pipes(line_start, line))
    if _INLINE_TRIGGER.search(line) or "http" in line or "www." in line:
        spans.extend(
            (line_start + m.start(), line_start + m.end()) for m in _INLINE.finditer(line)
        )
