"""Split prose into sentence spans, knowing news abbreviations, initials and quotes."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from factcheck.extract.dates import MONTH
from factcheck.rx import Rx

# Words whose trailing period does not end a sentence (case-insensitive, without the dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof gen lt col maj capt cpt sgt cmdr adm brig rev fr sr jr st mt ft
    rep reps sen sens gov pres supt insp det amb hon messrs mme mlle
    no nos vol vols fig figs pp art sec ch para approx est ca cf vs viz al
    inc ltd co corp plc bros dept univ assn prov
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    u.s u.k u.n e.u u.s.a u.a.e d.c a.m p.m e.g i.e
    """.split()
)

# Short references that stand before a number ("p. 3", "l. 14"); alone, "l." may end one.
_BEFORE_NUMBER = frozenset({"p", "l", "ll"})
_NUMBER_NEXT = Rx(r"[ \t]*\d")

# A sentence may end at terminal punctuation, with closing quotes or brackets after it,
# when something that can start a sentence follows. A digit must be after whitespace:
# "2.5 million", "15.12.2016" and "10.30" are one sentence each.
_TERMINAL = Rx(
    r"[.!?…]+[\"'”’)\]]*(?=[ \t\u00a0]*(?:\r\n|\r|\n)?[ \t\u00a0]*[\"'“‘(\[]?\p{Lu}"
    r"|(?:[ \t\u00a0]|\r\n|\r|\n)[ \t\u00a0]*[\"'“‘(\[]?\p{N})"
)
# Longer "sentences" (a draft with no punctuation, a pasted table) are cut at whitespace:
# every check's work is per sentence, and quantulum3's grows faster than their length.
MAX_SENTENCE = 800  # news sentences rarely pass 400 characters
_WORD_BEFORE = Rx(r"([\p{L}][\p{L}.]*)\.?$")
_LINE_BREAK = Rx(r"\r\n|\r|\n")
_INDENT = Rx(r"[ \t]*")
_PARAGRAPH = Rx(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")

# An answer that is only a fragment completes the question before it: "When did the war
# begin? In 2011." says the war began in 2011. A fragment starts with a preposition or a
# hedge and then a value, or with a number: "Since 2013, when ...", "Around 50,000.",
# "A: In March 2015". The question and its answer are then read as one sentence.
_NUMBER_WORD = (
    r"(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|dozens?|half)"
    r"(?![\p{L}])"
)
_LEAD = (
    r"(?i:in|on|since|from|at|by|until|after|before|for|around|about|some|nearly|almost"
    r"|roughly|approximately|more[ \t]+than|fewer[ \t]+than|less[ \t]+than|over|under"
    r"|just|only|exactly|early|late|mid|back[ \t]+in|an[ \t]+estimated|estimated"
    r"|well[ \t]+over|well[ \t]+under|as[ \t]+many[ \t]+as|up[ \t]+to)"
)
# "In late September 2014.", "Nearly a year.", "Spring 2012."
_AMOUNT = (
    r"(?:(?i:the|a|an)[ \t]+)?(?:(?i:early|mid|late)[ \t-]+)?"
    rf"(?:\p{{N}}|\p{{Lu}}|{_NUMBER_WORD}|(?i:(?:year|month|week|day|decade)s?)(?![\p{{L}}]))"
)
_SEASON = r"(?i:spring|summer|autumn|fall|winter)[ \t]+(?:(?i:of)[ \t]+)?\p{N}"
# "March 2012, when protests spread", "December 15.", a chat's "Sept 2015"
_MONTH_DATE = rf"{MONTH}[ \t]+\p{{N}}"
FRAGMENT = rf"(?:{_LEAD}[ \t-]+{_AMOUNT}|{_SEASON}|{_MONTH_DATE}|\p{{N}}|{_NUMBER_WORD})"
# A name alone answers too: "Where will the talks be held? Almaty.", "... held? (Almaty)";
# a "No" does not, with or without a transcript's "A.": it denies what a yes/no question
# asks ("Q. Were the talks to be held in Geneva? / A. No."), which then claims nothing.
_DENIAL = r"(?:A\.[ \t]+)?(?i:no|nope|none|wrong|false)(?![\p{L}])"
_BARE_NAME = rf"(?!{_DENIAL})(?:\p{{Lu}}[\p{{L}}'-]*(?:,?[ \t]+(?=\p{{Lu}}))?){{1,3}}[.!?)\]]"
# (a quiz sheet may say whose answer it is: "Card answer: Tartus.")
ANSWER_LABEL = (
    r"(?:(?:A|(?:(?i:card|correct|model|expected|accepted|official)[ \t]+)?(?:Answer|answer))"
    r"[ \t]*:[ \t]*)"
)
# A transcript's or script's timecode ("[03:05]", "00:17:02.120") and a speaker's name in
# capitals ("KARIM", "DR. HALABI"); a turn's label is the name and a colon, after its
# timecode if any: "[00:01:09] DEV: ".
TIMECODE = r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?[ \t]+"
SPEAKER_NAME = r"\p{Lu}[\p{Lu}'.-]+(?:[ ]\p{Lu}[\p{Lu}'.-]+){0,2}"
_TURN_LABEL = rf"(?:{TIMECODE})?{SPEAKER_NAME}[ \t]*:[ \t]*"
# From a question mark to the fragment that answers it, within one paragraph; a flashcard
# puts an arrow or a double colon between its front and back: "... begin? :: 2011".
_ANSWER_MARK = r"(?:::|->|→)"
_SAME_PARAGRAPH_SPACE = rf"(?:[ \t,|]|{_ANSWER_MARK}|\r?\n(?![ \t]*\r?\n))"
# In the next paragraph (an explainer's question as a heading), only an answer that is
# nothing but the fragment counts: "In Almaty, Kazakhstan." but not "In 2012, the rebels
# seized the east."
_BARE_FRAGMENT = (
    rf"{_LEAD}[ \t-]+(?:the[ \t]+)?"
    r"(?:[\p{Lu}\p{N}][\p{L}\p{N}'.,-]*?(?:,?[ \t]+|(?=[.!?])))+[.!?]"
)
# ... or a value or name alone, ending there or going on with a phrase rather than a
# clause of its own: a quiz's "March 2012, when protests spread." or "Minsk. Putin said
# so on Friday." but not "Moscow, which brokered the deal, wants them in Astana."
_BARE_VALUE = (
    r"(?:(?i:the)[ \t]+)?(?!(?i:mr|mrs|ms|dr|st|gen|col|lt|prof)\.|(?i:yes|no|none)(?![\p{L}]))"
    r"(?:(?:[\p{Lu}\p{N}][\p{L}\p{N}'’.,-]*?(?:[ \t]+|(?=[.!?,]))){1,4}"
    # an amount and its unit: "Three months.", "34,000 people, according to ..."
    rf"|(?:{_NUMBER_WORD}|\p{{N}}[\p{{N}},.]*)(?:[ \t-]+\p{{Ll}}[\p{{L}}-]*){{1,2}}(?=[.!?,]))"
    r"(?:[.!?](?![\p{L}\p{N}])|,[ \t]+(?i:when|in|on|at|after|before|during|since|until"
    r"|according|amid|following|just|only|about|around|nearly|almost|roughly|not)[ \t])"
)
# What a question asking for a value or a name opens with, or holds ("in which city?").
_WH_WORD = r"(?<![\p{L}])(?i:when|where|which|what|how|who)(?![\p{L}])"
# A fragment that goes on into a clause of its own is no answer: "Back in 2012, I was a
# student in Homs."
_OWN_CLAUSE = r"(?![^.!?\n]*?,[ \t]*(?i:I|we|he|she|they|you)(?![\p{L}]))"
# A bare answer that goes on to a contrast is no answer: "Geneva, in the past; this time
# Astana."
_NO_CONTRAST = (
    r"(?![^.!?\n]*?(?:;|(?<![\p{L}])(?i:but|yet|though|although|whereas|instead"
    r"|this[ \t]+time)(?![\p{L}])))"
)
# The end of a question asking for a value or a name ("in which city?"), and the space
# after it on its line.
_ASKS_FOR_VALUE = rf"\?(?<={_WH_WORD}[^?.!]{{0,200}}\?)[\"'”’)\]*]*[ \t]*"
QUESTION_JOIN = Rx(
    # in a transcript, the next speaker's turn answers a question asking for a value or a
    # name: "PRIYA: When do they get involved? / [01:09] DEV: January 2015." (tried first:
    # a timecode's bracket and digits are no quiz's answer in brackets)
    rf"{_ASKS_FOR_VALUE}(?:\r?\n[ \t]*){{0,3}}{_TURN_LABEL}"
    rf"(?={FRAGMENT}{_OWN_CLAUSE}|{_BARE_NAME}|{_BARE_VALUE})|"
    # a quiz sheet may put the answer in brackets after its question: "... which date? (15
    # December)"
    rf"\?[\"'”’)\]*]*(?:{_SAME_PARAGRAPH_SPACE}*(?:[(\[][ \t]*)?{ANSWER_LABEL}?"
    rf"(?={FRAGMENT}{_OWN_CLAUSE}|{_BARE_NAME})"
    rf"|[ \t]*(?:\r?\n[ \t]*){{2,3}}{ANSWER_LABEL}?(?={_BARE_FRAGMENT}))"
    # only a question asking for a value or a name takes a bare one: "Is that the same as
    # the Geneva talks?" is answered "No.", not by a place; in the same paragraph, only
    # after a mark that says an answer follows, and not one going on to a contrast: "Where
    # is the base? :: Baniyas, on the coast." but not "Where are the talks? A: Geneva, in
    # the past; this time Astana."
    rf"|{_ASKS_FOR_VALUE}(?:(?:\r?\n[ \t]*){{2,3}}{ANSWER_LABEL}?(?={_BARE_VALUE})"
    rf"|{_SAME_PARAGRAPH_SPACE}*(?:{_ANSWER_MARK}|{ANSWER_LABEL})[ \t]*"
    rf"(?={_BARE_VALUE}){_NO_CONTRAST})"
)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Tell whether the period at ``dot`` closes an abbreviation or an initial."""
    if text[dot] != ".":
        return False
    word = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if word is None:
        return False
    token = word.group(1).lower().rstrip(".")
    if token in ABBREVIATIONS:
        return True
    # A page or line reference before its number: "p. 3, l. 14", "ll. 2-5".
    if token in _BEFORE_NUMBER and _NUMBER_NEXT.match(text, dot + 1):
        return True
    # A single capital letter is an initial ("J. Doe"), unless it is the pronoun "I".
    raw = word.group(1)
    return len(raw) == 1 and raw.isupper() and raw != "I"


def _broken_off(text: str, at: int) -> bool:
    """Tell whether the ellipsis at ``at`` trails a word broken off ("Nasr-... Nasrallah").

    A transcript marks a speaker who stops mid-word and starts again so; the word after
    is the same sentence's, however it is capitalised.
    """
    return (at > 0 and text[at - 1] == "-"
            and (text.startswith("...", at) or text.startswith("…", at)))


def split(prose: str, *, soft_wraps: bool, block_starts: Iterable[int] = ()
          ) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences in ``prose``, whitespace trimmed.

    With ``soft_wraps`` (Markdown) a single line break joins lines of one paragraph; without
    it (plain text) a line break ends a sentence unless the next line starts in lowercase,
    since plain-text news copy puts headlines, captions and paragraphs on their own lines.
    """
    block_starts = set(block_starts)
    cuts = {0, len(prose)}
    cuts.update(block_starts)
    for match in _PARAGRAPH.finditer(prose):
        cuts.add(match.end())
    if not soft_wraps:
        # A line that goes on in lower case continues the sentence; an indented one only
        # after a comma ("the naval facility on the coast,\n  which ..."), since a script's
        # or a report's indented lines are often cut short in mid-phrase.
        for match in _LINE_BREAK.finditer(prose):
            following = prose[match.end():match.end() + 1]
            if following.islower():
                continue
            if following in " \t" and _after_comma(prose, match.start()):
                indented = _INDENT.match(prose, match.end()).end()
                if prose[indented:indented + 1].islower():
                    continue
            cuts.add(match.end())
    for match in _TERMINAL.finditer(prose):
        end = match.end()
        if _is_abbreviation(prose, match.start()) and match.group().startswith("."):
            continue
        if _broken_off(prose, match.start()):
            continue
        cuts.add(end)
    for question in QUESTION_JOIN.finditer(prose):
        start, end = question.span()
        if not any(start < b <= end for b in block_starts):  # a new list item or row is no answer
            cuts.difference_update(c for c in list(cuts) if start < c <= end)
    spans: list[tuple[int, int]] = []
    ordered = sorted(c for c in cuts if 0 <= c <= len(prose))
    for start, end in itertools.pairwise(ordered):
        while start < end and prose[start].isspace():
            start += 1
        while end > start and prose[end - 1].isspace():
            end -= 1
        if start < end:
            spans.extend(_bounded(prose, start, end))
    return spans


def _after_comma(prose: str, end: int) -> bool:
    """Tell whether the line that stops at ``end`` ends with a comma (spaces aside)."""
    while end > 0 and prose[end - 1] in " \t":
        end -= 1
    return prose[end - 1:end] == ","


def _bounded(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span longer than MAX_SENTENCE into pieces, at the last space before each limit."""
    pieces = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(prose.rfind(" ", limit - MAX_SENTENCE // 4, limit),
                  prose.rfind("\n", limit - MAX_SENTENCE // 4, limit))
        cut = cut if cut > start else limit
        piece_end = cut
        while piece_end > start and prose[piece_end - 1].isspace():
            piece_end -= 1
        pieces.append((start, piece_end))
        start = cut
        while start < end and prose[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces
