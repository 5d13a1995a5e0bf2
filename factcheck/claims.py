"""Claim patterns: when a sentence ties a value to what a fact is about.

A fact's ``claims`` are patterns such as ``{subject} ... (held|hosted) in {value}``:

* ``{value}`` is the slot for one extracted value (a place, a number, a date...);
* ``{subject}`` stands for the fact's subject phrases and ``{unit}`` for its counted nouns;
* ``{name}`` stands for a pattern defined under ``define:`` in the rule file;
* ``...`` is a gap of up to ``gap`` words inside one clause: it never crosses ``;``, ``:``,
  a dash, a clause-opening conjunction ("but", "while", "although"...) or another value
  of the same kind, so a value is only claimed when nothing closer fills the slot;
* a space matches any run of whitespace, and everything else is a regular expression
  (``regex`` syntax, case-insensitive).

Before matching, each value mention in the sentence is replaced by one private-use
character: the candidate becomes ``TARGET`` and the others a blocker. A pattern
matches only if its ``{value}`` slot lands on the candidate.
"""

from __future__ import annotations

import pickle
import threading
from collections.abc import Callable, Container, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, TypeVar

import regex

from factcheck.markup import VERDICT
from factcheck.rx import Rx

T = TypeVar("T")

TARGET = "\ue000"
# Other mentions of the same kind become a blocker. Names (places, terms) become a letter,
# a runic one never seen in news copy, so a rule's own word patterns such as [\w'-]+ pass
# over them ("talks between Damascus and the rebels"); numbers and dates become a
# private-use character that no word pattern matches, so "24 hours 25 violations" cannot
# claim 24 for the 25's place.
NAME_BLOCKER = "\u16a0"
VALUE_BLOCKER = "\ue001"
BLOCKERS = NAME_BLOCKER + VALUE_BLOCKER
# A pronoun standing for the subject named in the sentence before ("The war ...? It began
# in 2012"), which {subject} matches as if the subject were written there.
ANAPHOR = "\ue002"
# The subject a heading names, put before a fact-box line beneath it that leaves it out
# ("The war" above "- Began: April 2011"); only {heading} matches it.
HEADING = "\ue003"
# The subject the sentence before named, put before a sentence that goes on about it
# without naming it ("The evacuation ended on Thursday. About 45,000 people had left.");
# only {understood} matches it.
UNDERSTOOD = "\ue004"
# These characters in a draft itself are blanked before matching: they mean the above.
PRIVATE = str.maketrans(dict.fromkeys(TARGET + BLOCKERS + ANAPHOR + HEADING + UNDERSTOOD, " "))
# The placeholders the engine fills in, not defines: the claimed value, the fact's subject
# (or a pronoun standing for it), its unit, the subject named by a heading, and the one
# the sentence before named.
SLOTS = ("value", "subject", "unit", "heading", "understood")
DEFAULT_GAP = 8
MATCH_TIMEOUT = 0.25  # seconds; a pathological pattern must not hang a commit hook
CLAIM_REACH = 400  # characters either side of a value that its claim may span


class Timeouts(threading.local):
    """How many rule-pattern matches have given up on MATCH_TIMEOUT in this thread.

    A match cut short says nothing about the text, only about the machine's load at the
    time: whatever was computed while the count moved must not be remembered, and the
    passage is reported as unchecked rather than passed in silence. Counted per thread, so
    a Dask worker's threads never blame each other's timeouts.
    """

    def __init__(self) -> None:
        self.count = 0

    def tick(self) -> None:
        """Count one match that gave up."""
        self.count += 1

    def bounded(self, attempt: Callable[[], T], gave_up: T) -> T:
        """Run a match made with a timeout; if it gives up, count it and return ``gave_up``.

        The caller passes the timeout itself, so each module's ``MATCH_TIMEOUT`` stays its own.
        """
        try:
            return attempt()
        except TimeoutError:
            self.tick()
            return gave_up


TIMEOUTS = Timeouts()

# A reporting verb ends a gap too: what follows "The Observatory said" or "... reports
# that" is another clause with its own subject ("... rebels operating in Idlib"). An
# attribution set off by commas (", Putin said,") is an aside instead.
REPORTING = r"(?:said|says|told|tells|added|adds|announced|announces)"
_REPORTING_THAT = (
    r"(?:reported|reports|believes|believed|thinks|thought|claims|claimed|insists|insisted"
    r"|argues|argued|stated|states|noted|notes|warned|warns|confirmed|confirms)\s+that"
)
# ... unless it reports inside a relative clause, whose subject is the one before it:
# "The civil war, which the UN says began in 2012".
_IN_RELATIVE = r"(?<!(?<![\p{L}])(?:which|that|who|whom)\s+(?:[\p{L}'.-]+\s+){0,3})"
# ... or it opens no clause of its own: a passive "announced by Moscow", or the end of a
# relative clause without "that", which the main clause's verb follows at once ("The talks
# they have since announced will take place in ...").
_NO_CLAUSE = r"\s+(?:by|will|would|are|is|were|was|have|has|had|could|should|might|may)(?![\p{L}])"
# ... nor a passive one, whose subject it is: "Those talks were announced for Almaty".
_PASSIVE = r"(?<!(?<![\p{L}])(?:was|were|is|are|been|be|being)\s+)"
_STOP_WORDS = (
    r"(?:but|while|whilst|whereas|although|though|however|meanwhile|yet|unlike"
    rf"|{_IN_RELATIVE}(?:{_PASSIVE}{REPORTING}(?!{_NO_CLAUSE})|{_REPORTING_THAT}))"
)
# Commas, quotes, brackets and dashes may sit inside a gap (appositions and asides), and
# so may notes' "+" and "&" ("talks between govt + opposition, run by Russia, Turkey &
# Iran"); semicolons and colons end a clause.
_GAP_SEPARATOR = r"(?:[\s,\"'()]|(?<=\s)[-–—+&](?=\s))+"
# Another value may sit in a gap ("talks between Damascus and the rebels will be held in
# Astana") unless a preposition introduces it: "began in 2011 and spread in 2012" offers
# 2011 for the slot first, so 2012 is not what "began in" refers to. Nor does a figure or
# date that closes a list's item: in notes' "Aleppo split 2012, Russia bombing since
# September 2015" the split has its year, and the next item its own.
_SLOT_PREPOSITION = r"(?:in|at|on|since|from|during|near|by|of)"
_GAP_WORD = (
    rf"(?!{_STOP_WORDS}(?![\p{{L}}\p{{N}}]))"
    rf"(?:[{BLOCKERS}](?<!(?<![\p{{L}}]){_SLOT_PREPOSITION}\s+[{BLOCKERS}]|{VALUE_BLOCKER}(?=,))"
    rf"|(?![{BLOCKERS}])[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}'.&/-]*)"
)
# A character of the same clause: no clause or sentence punctuation, save a decimal point.
_IN_CLAUSE = r"(?:[^.;:!?]|(?<=\d)\.(?=\d))"
# Words that set aside what follows them: "not Geneva", "rather than 2012".
_NEGATORS = r"(?:not|never|rather than|instead of|nor|as opposed to)"
# A contraction's "n't" ends the word it starts in ("won't", "didn't"), so unlike "not" it
# is not looked for at a word's start.
_NT = r"n['’]t"
_NOT = rf"(?:(?<![\p{{L}}])(?:not|never)|{_NT})"
_NEGATION = Rx(
    rf"(?:(?<![\p{{L}}])(?:{_NEGATORS}|no longer"
    r"|denied|deny|denies|false(?:ly)?|wrongly|incorrectly|erroneously|mistakenly|contrary to"
    rf"|rumou?rs?)|{_NT})(?![\p{{L}}])",
    regex.I,
)
# Not knowing what is so still takes it as so: "I never realised the base was at Latakia".
_FACTIVE = Rx(
    r"\s+(?:(?:really|even|ever|fully|quite)\s+)?(?:realised|realized|realise|realize|knew|know"
    r"|known|noticed|notice|understood|understand|appreciated|appreciate)(?![\p{L}])",
    regex.I,
)
# A comparison names another case, up to its comma: "The talks, like those in Geneva, ...",
# "It was Syria's version of the wave that began in Tunisia in 2010", "... these talks as
# a replacement for Geneva".
_COMPARISON = Rx(
    r"(?<![\p{L}])(?:(?<=(?:^|,)\s*)like|unlike|similar to|(?:just )?as (?:in|with)"
    r"|version of|counterpart (?:of|to)|equivalent of|replacement for|substitute for"
    r"|alternative to)(?![\p{L}])",
    regex.I,
)
# So does what the subject is set apart from, up to the end of that noun phrase: "The
# Astana track is distinct from the talks held in Moscow", but not "The monitor is
# separate from the opposition and based in Beirut".
_SET_APART = Rx(r"(?<![\p{L}])(?:(?:distinct|different|separate|apart) from|unrelated to)"
                r"(?![\p{L}])", regex.I)
_PHRASE_END = Rx(r",|(?<![\p{L}])(?:and|but|or|while)(?![\p{L}])", regex.I)
# What a correction says a story used to say, anywhere earlier in the value's clause: "An
# earlier version of this story said the talks would be held in Almaty", "We also said
# the evacuation followed a ceasefire agreed on December 13."
# Where a clause ends, for what comes before it to stop mattering: "Officials did not say
# when, but the talks ...".
_CLAUSE_END = r"[;:]|(?<![\p{L}])(?:but|however|whereas|although|though|yet|instead)(?![\p{L}])"
_CLAUSE_BREAK = Rx(_CLAUSE_END, regex.I)
# Pieces of copy, which say what a story said rather than what a source did.
COPY_PIECES = (
    r"profile|caption|graphic|headline|story|article|piece|obituary|map|chart|timeline"
    r"|fact\s?box|sidebar|explainer|newsletter|item|manuscript|chapter|submission|essay|thesis"
    r"|standfirst|strapline|subhead|passage|alert"
)
# A piece of the paper's own copy that said something, as a corrections list puts it: "A
# profile on Sunday said ...", "Our Aleppo graphic gave the number of evacuees as ...".
_OWN_PIECE = (
    r"(?:our|a|an|the|one|this|that|yesterday's|last\s+week's|\p{L}+day's)\s+"
    rf"(?:[\p{{L}}\d:-]+\s+){{0,2}}?(?:{COPY_PIECES})s?"
    # (its date and title between: 'An article on 24 December ("Aleppo empties") said')
    r"(?:\s+(?:\([^()\n]{1,60}\)|[^\s,;:]+)){0,4}?\s+(?:said|says|stated|states|gave|gives"
    r"|described|describes"
    r"|called|calls|listed|lists|put|puts|referred\s+to|refers\s+to|wrote|writes|claimed"
    r"|claims|had|has|placed|places|located|locates|dated|dates|labell?ed|labels)"
    # ... or as an editor's query names the copy: "Para 16 has", "Filed copy had"
    r"|(?:(?:the|our|this|filed|original|subbed|reporter's|writer's)\s+)?(?:copy|intro"
    r"|standfirst|strap(?:line)?|para(?:graph)?\s*\d+|line\s*\d+)"
    r"\s+(?:has|had|says|said|reads|read|gives|gave|states|stated)"
)
_RETRACTED = Rx(
    r"(?<![\p{L}])(?:(?:(?:earlier|previous|prior|original)\s+(?:version|report|story"
    rf"|article|edition|draft|post)s?|first\s+(?:draft|version|edition)s?|{_OWN_PIECE}"
    r"|originally\s+(?:said|stated|reported|gave|put|listed|named)"
    r"|we\s+(?:also\s+)?(?:had\s+|have\s+)?(?:reported|said|stated|wrote|gave)"
    # (not a piece the writers made: "We wrote this after reading about the siege")
    r"(?!(?<=wrote)\s+(?:this|these|it|them)(?![\p{L}]))"
    r"|misstated|misreported)(?![\p{L}])"
    # ... or a fact-check's heading quoting what it examines: 'Claim 1: "Half a million ..."'
    # (its number may be masked as another value)
    r"|claim(?:\s+(?:no\.\s*)?[^\s:]{1,4})?\s*:\s*[\"“])"
    rf"(?:(?!{_CLAUSE_END}).)*$",
    regex.I | regex.S,
)
# What a slip of the pen is called: "That is a typo in the source."
SLIPS = r"typo|misprint|misspelling"
# A sentence that disowns the one before it, as corrections do: "That is not the case."
_DISOWNS = (
    r"\s*(?:(?:that|this|it|(?:the|that|this) (?:report|figure|claim|number|date|name|story|total"
    r"|tally|count|estimate|headline|quote))"
    r" (?:is|was|were|has been|had been) (?:not (?:the case|correct|true|right|accurate|so)"
    r"|incorrect|wrong|false|untrue|inaccurate|mistaken"
    rf"|an? (?:error|mistake|slip|{SLIPS}))"
    # ... or, after a claim someone made, a bare denial that ends the sentence: "They had not."
    rf"|(?:they|it|he|she|that|this) (?:had|has|have|did|does|do|was|were|is|are)(?: not|{_NT})"
    # (or the denial and then the fact: "It is not: Hmeymim is the air base.")
    r"\s*(?:[.!]?\s*$|[:;]|\s[–—-]\s)"
    # ... or the writer's doubt of it: "I don't think that's right.", "... that holds."
    r"|(?:I|we)\s+(?:do\s+not|did\s+not|don[’']t|didn[’']t)\s+think\s+(?:that|this|it)"
    r"(?:(?:[’']s|\s+is|\s+was)\s+(?:right|correct|true|accurate)"
    r"|\s+(?:holds|stands|adds\s+up|stacks\s+up))(?![\p{L}])"
    # ... or a question that puts it in doubt: "I read that it lasted a year. Is that wrong?"
    r"|(?:is|was)\s+(?:that|this|it)\s+(?:right|wrong|true|correct|accurate|so)\s*\?"
    # ... or someone's verdict on it: "Your fixer says that is nonsense."
    r"|(?:[\p{L}'-]+\s+){1,3}?(?:says?|said|insists?|insisted)\s+(?:that|this|it)\s+(?:is|was)\s+"
    r"(?:nonsense|rubbish|untrue|false|wrong|not\s+true|baseless)\s*[.!]?\s*$"
    # ... or the writer telling the speaker otherwise: "I told him that is the air base."
    r"|(?:I|we)\s+(?:told|tell|reminded|remind)\s+(?:him|her|them)\s+(?:that\s+)?"
    r"(?:that|this|it)(?:[’']s|\s+is|\s+was)\s+(?!(?:right|true|correct|accurate|so|fine)"
    r"(?![\p{L}]))"
    # ... or someone who puts the speaker right: "Sami corrects her in the next line."
    r"|(?:[\p{L}'-]+\s+){1,4}?(?:(?:quickly|promptly|immediately|gently|later)\s+)?"
    r"(?:corrects?|corrected)\s+(?:him|her|them|it|this|that)(?![\p{L}])"
    # ... or a checker's bare verdict on it: 'MS: "..." CHANGED.', "Wrong.", or a quiz
    # card's under its label: 'Statement: "..."' and then "Verdict: FALSE."
    r"|(?:(?:verdict|answer|ruling|rating|result|call|assessment|decision)\s*[:=]\s*)?"
    rf"(?:{VERDICT}|not\s+true)\s*[.!]?\s*$"
    # ... or the value it should have given: "Our report said 45,000 people had been bussed
    # out. The true figure was lower, roughly 34,000 to 35,000."
    r"|the\s+(?:true|real|actual|correct|right)\s+(?:figure|number|total|count|tally|date"
    r"|year|name|place|venue|length)\s+(?:is|was|were|had\s+been)(?![\p{L}])"
    # ... or a flat "No." answering it, as a briefing rebuts a claim it quotes: "No, it is
    # run from Coventry." (not "No one ...", "No evacuation ...", nor "No. 10 said ...")
    r"|no\s*(?:[.!]\s*(?:$|(?-i:\p{Lu}))|[,:;]\s))"
)
DISOWNING = Rx(_DISOWNS, regex.I)
# A sentence that says what a quotation before it meant instead disowns the quoted words:
# 'Dan mentions "the talks in Moscow". He is referring to the ministers' meeting, not the
# planned negotiations.' (Without the quotation it may only pick out which talks.)
REREFERRED = Rx(
    r"\s*(?:he|she|they|it|that|this)\s+(?:(?:is|was|were|are)\s+(?:referring|talking)\s+"
    r"(?:to|about)|(?:means?|meant))\s[^.;!?]*?,\s*not\s",
    regex.I,
)
# A clause after the claim that disowns it: "A daily said the talks would be in Istanbul;
# nothing in the official statements supports that", "...; that is wrong."
_DISOWNED_LATER = Rx(
    # (or ", and": "she said 2012, and every time he corrected her")
    rf"{_IN_CLAUSE}*?(?:;|,?\s+but(?![\p{{L}}])|,\s*and(?![\p{{L}}]))(?:{_DISOWNS}"
    r"|\s*(?:nothing|no\s+one|nobody|none\s+of\s+them|no(?:\s+[\p{L}-]+)?\s+(?:evidence"
    r"|source|official|statement|document|record)s?)(?![\p{L}])[^.;:!?]{0,80}?(?<![\p{L}])"
    r"(?:supports?|backs?(?:\s+up)?|confirms?|bears?\s+(?:that\s+)?out|corroborates?"
    r"|suggests?)\s+(?:that|this|it|the\s+(?:claim|report|figure|date|name))(?![\p{L}])"
    r"|\s*there\s+(?:is|was)\s+no\s+(?:evidence|sign|record)\s+(?:of|for)\s+(?:that|this|it)"
    r"(?![\p{L}]))"
    # ... or a fact-check table's verdict in a cell of its own: "| Document claiming 50,000
    # evacuated | FALSE |" (a row reads as a comma-separated list), or a review sheet's
    # decision: "| planned venue | Moscow | REJECT |"
    rf"|{_IN_CLAUSE}*?,\s*(?-i:FALSE|UNTRUE|INCORRECT|WRONG|DEBUNKED|MISLEADING|NOT TRUE|FAKE"
    r"|REJECT|REJECTED)"
    r"\s*(?:,|$)"
    # ... or a checker's verdict right after the quotation it judges: 'MS: "..." CHANGED.',
    # '"... began in 2013, ..." - wrong year in template; corrected to 2011'
    rf'|[^"]*"\s*(?:(?:{VERDICT})\s*[.!]?\s*$'
    rf"|(?:[-–—:(,]\s*)?(?:{VERDICT})\s+(?:year|date|month|day|figure|number|total|count|name"
    r"|spelling|place|city|venue|title|role|unit)s?(?![\p{L}]))",
    regex.I,
)
# "{name}", but not the "{L}" of "\p{L}" or the "{...}" of "\N{...}".
# A value the same clause goes on to disown is not claimed: "reports of 50,000 evacuees
# turned out to be exaggerated".
_DISCLAIMED = Rx(
    _IN_CLAUSE + r"*?(?<![\p{L}])(?:(?:turned out|proved|proven|was|were|is|are|been|being)"
    r"(?: later)?(?: to be)?(?: (?:grossly|wildly|greatly|much|badly|just|simply|plainly"
    r"|clearly|completely|totally))? (?:exaggerated|overstated"
    r"|inflated|inaccurate|false|untrue|wrong|incorrect|mistaken|erroneous|premature|unfounded)"
    r"|(?:was|were|has been|have been) (?:denied|disputed|debunked|retracted|corrected"
    r"|dismissed|revised)"
    # ... or its speaker puts it right: "claimed 100,000 and then corrected herself to 35,000"
    r"|(?:corrected|corrects|revised|revises|amended|amends)\s+(?:herself|himself|themselves"
    r"|itself|myself|ourselves|it|that|the\s+(?:figure|number|date|claim))\s+(?:down\s+|up\s+)?to"
    # ... or says it takes one thing for another: '"lasted five years", which mixes up the
    # siege with the length of the war'
    r"|(?:mix(?:es|ed)?\s+up|muddl(?:es|ed)(?:\s+up)?|conflat(?:es|ed))\s[^.;:!?]{1,80}?"
    r"(?<![\p{L}])(?:with|and)|confus(?:es|ed)\s[^.;:!?]{1,80}?(?<![\p{L}])with)(?![\p{L}])",
    regex.I,
)
# A value put forward as a wrong option is no claim: a quiz "offered 2012 as a trick answer
# for the start of the war".
_DECOY = Rx(
    r"\s+as\s+(?:a|an|the)\s+(?:trick|wrong|incorrect|false|decoy|dummy|distractor)\s+"
    r"(?:answer|option|choice|alternative)s?(?![\p{L}])"
    # ... and so is one its speaker takes back at once: "in 2013 - no, sorry, summer 2012"
    r"|\s*[-–—,]\s*(?:no\s*[,.!]|sorry\s*[,.!]|I\s+mean(?![\p{L}])|(?:or\s+)?rather(?![\p{L}])"
    r"|wait\s*[,.!])",
    regex.I,
)
_PLACEHOLDER = Rx(r"(?<!\\[pPN])\{([A-Za-z][A-Za-z0-9_-]*)\}")
# Up to four words before a claim, within its clause (a colon or semicolon ends the look).
WORDS_BEFORE = r"(?:[^\s;:]+\s+){0,4}"
# Matched backwards from the claim: a forward search for them would try every position.
_WORDS_BEFORE_BACKWARDS = Rx(WORDS_BEFORE, regex.REVERSE)
# A demonstrative right before a subject, as a name given again: "and that war ..."
_DEMONSTRATIVE_BEFORE = Rx(r"(?<![\p{L}])(?:that|this|the same)\s+$", regex.I)
# A conjunct just before a subject is another thing, with words of its own: in "the Hmeymim
# air base and Russia's naval facility", "air base" is not said of the naval facility. So
# is what a time preposition follows: in "They left on the third day, after the truce",
# "third" is the day's.
_CONJUNCT_BEFORE = Rx(
    r"(?<![\p{L}])(?:and|or|after|before|since|following|until)\s+"
    r"(?:(?:the|a|an|its|their|\p{L}+['’]s)\s+)?$",
    regex.I,
)
# (An opening bracket ends them: what it holds is an aside about something else.)
_WORDS_AFTER = Rx(r"(?:[ \t\"']*[^\s,;:.!?(]+){0,4}")


def words_before(text: str, end: int) -> int:
    """Where the (up to four) words of the clause that end at ``end`` start.

    The same offset a search for ``WORDS_BEFORE + "$"`` in ``text[:end]`` finds.
    """
    start: int = _WORDS_BEFORE_BACKWARDS.match(text, 0, end).start()
    if start == end and end and text[end - 1] == "\n":
        return end - 1  # "$" also matches before a final line break
    return start


class PatternError(ValueError):
    """A claim, subject or exclude pattern that cannot be compiled."""


# An aside counts as one word of a gap: ", which Russia, Iran and Turkey sponsor," or
# ", Putin said," or ", however," or "(the third round)" or "- now in its sixth year -". It
# stays in its clause, where a point is only a decimal one ("which has forced 4.8 million
# people to flee,").
# A relative clause that dates or counts with a preposition gives its own value for the
# slot ("The war, which broke out in 2010, and the campaign, launched in 2015"): it is no
# aside to skip on the way to a later one.
# (The test sits on the blocker itself, so the other characters cost what they did.)
_RELATIVE_CHAR = (
    rf"(?:[^.;:!?{VALUE_BLOCKER}]|(?<=\d)\.(?=\d)"
    rf"|(?<!(?<![\p{{L}}]){_SLOT_PREPOSITION}\s+){VALUE_BLOCKER})"
)
_ASIDE = (
    rf"(?:,\s*(?:which|who|whom|whose|that|where|when|as)\b{_RELATIVE_CHAR}{{1,120}}?(?=,)"
    rf"|,\s*(?:\p{{L}}[\p{{L}}\p{{N}}'.&-]*\s+){{1,4}}?{REPORTING}(?:\s+\p{{L}}+){{0,4}}(?=,)"
    r"|,\s*(?:however|though|meanwhile|moreover|indeed|of\s+course|in\s+fact)(?=,)"
    r"|\([^()\n]{1,120}\)|\[[^\[\]\n]{1,40}\]|(?<=\s)(?:--|[-–—])\s(?:[^-–—;:.!?\n]|(?<=\d)\.(?=\d)){1,100}?\s(?:--|[-–—])"
    r"(?=\s))"
)


def gap_regex(words: int) -> str:
    """Return the regular expression for a gap of at most ``words`` words (an aside is one)."""
    # "(?:SEP WORD|(?:SEP)? ASIDE)" tries what "(?:SEP (?:WORD|ASIDE)|ASIDE)" tries, in the
    # same order, with the long aside written (and compiled) once.
    word = rf"(?:{_GAP_SEPARATOR}{_GAP_WORD}|(?:{_GAP_SEPARATOR})?{_ASIDE})"
    return rf"{word}{{0,{words}}}?{_GAP_SEPARATOR}"


def expand(source: str, defines: Mapping[str, str], final: Mapping[str, str] | None = None,
           *, depth: int = 0) -> str:
    """Replace ``{name}`` placeholders: defines are expanded in turn, ``final`` values verbatim."""
    if depth > 8:
        raise PatternError("placeholders nest too deeply (a define refers to itself?)")
    final = final or {}

    def replace(match: regex.Match[str]) -> str:
        name = match.group(1)
        if name in final:
            return final[name]
        if name not in defines:
            known = ", ".join("{" + n + "}" for n in sorted({*defines, *final}))
            raise PatternError(f"unknown placeholder {{{name}}} (known: {known})")
        # A space in a define means any whitespace, as it does in patterns.
        body = regex.sub(r"[ ]+", r"\\s+", defines[name])
        return "(?:" + expand(body, defines, final, depth=depth + 1) + ")"

    return str(_PLACEHOLDER.sub(replace, source))


def without_placeholders(source: str) -> str:
    """The source with each ``{name}`` as a plain group: its own syntax, checkable alone."""
    return str(_PLACEHOLDER.sub("(?:x)", source))


def join_tokens(source: str, gap: str, expand_token: Callable[[str], str]) -> str:
    """Join a pattern's tokens as regex source: a space is any whitespace, "..." is ``gap``."""
    tokens = source.split()
    parts: list[str] = []
    for index, token in enumerate(tokens):
        if token == "...":
            parts.append(gap)
            continue
        if index and tokens[index - 1] != "...":
            parts.append(r"\s+")
        parts.append(expand_token(token))
    return "".join(parts)


# Not inside a word: a pattern opening with a letter starts a word, one opening with ", "
# or a space may still follow one.
_WORD_START = r"(?:(?<![\p{L}\p{N}])|(?![\p{L}\p{N}]))"
_SLOT = "\x00"


def opens_with_literal(source: str, defines: Mapping[str, str]) -> bool:
    """Tell whether a claim pattern starts with words of its own, which then start a word.

    One that opens with a slot ({subject}, {value}, {unit}) or "^" starts where that does.
    """
    first = expand(source.split()[0], defines, dict.fromkeys(SLOTS, _SLOT))
    return not first.lstrip("(?:").startswith((_SLOT, "^"))


def subject_source(phrase: str, defines: Mapping[str, str]) -> str:
    """One subject phrase as regex source, its spaces any whitespace."""
    return r"\s+".join(expand(t, defines) for t in phrase.split())


def compile_pattern(source: str, defines: Mapping[str, str], final: Mapping[str, str], *,
                    gap: int, needs_value: bool) -> regex.Pattern[str]:
    """Compile one claim or exclude pattern into a case-insensitive regular expression."""
    if not source.split():
        raise PatternError("empty pattern")
    slots = {**final, "value": f"(?P<value>{TARGET})"}
    body = join_tokens(source, gap_regex(gap), lambda token: expand(token, defines, slots))
    # Counted after expansion: a define such as {dated} may carry the slot.
    count = body.count("(?P<value>")
    if needs_value and count != 1:
        raise PatternError("a claim pattern must contain {value} exactly once")
    if not needs_value and count:
        raise PatternError("{value} is only allowed in claims")
    if not needs_value:
        # Exclusions name words or phrases; "UN" must not fire inside "until".
        body = rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])"
    elif opens_with_literal(source, defines):
        # "held in {value}" must not read "upheld in Geneva", nor "in {value}" "within 2012".
        body = _WORD_START + (body if _top_level(body, len(body)) else f"(?:{body})")
    try:
        return regex.compile(body, regex.I | regex.V0)
    except regex.error as exc:
        raise PatternError(f"invalid regular expression: {_culprit(source, defines, exc)}"
                           ) from None


def _culprit(source: str, defines: Mapping[str, str], exc: regex.error) -> str:
    """Say what is wrong in the words the rule wrote, not at an offset of the expansion."""
    reason = str(exc).split(" at position ")[0]
    stand_in = dict.fromkeys(SLOTS, "x")
    for token in source.split():
        if token == "...":
            continue
        try:
            regex.compile(expand(token, defines, stand_in), regex.V0)
        except regex.error as own:
            # A group may open in one word and close in another: blame a word only for
            # the error of the whole.
            if str(own).split(" at position ")[0] == reason:
                return f"{reason} in {token!r}"
        except PatternError:
            break
    return reason


_VALUE_GROUP = f"(?P<value>{TARGET})"
_SHORT_LOOKAHEAD = Rx(r"\(\?=(?:\\.|\[[^\]]*\]|[^()\\\[])\)")


def _syntax(source: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
    """The group brackets and bars of a regex source, outside escapes and character classes.

    Yields each "(", ")" and "|" with its offset, then ``(end, "[")`` if a character
    class is still open at ``end``.
    """
    end = len(source) if end is None else end
    index = start
    in_class = False
    while index < end:
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 1
            index += source[index:index + 1] == "^"
            index += source[index:index + 1] == "]"  # "[]...]" and "[^]...]" hold a "]"
            continue
        elif char in "()|":
            yield index, char
        index += 1
    if in_class:
        yield end, "["


def _top_level(source: str, end: int) -> bool:
    """Tell whether ``source[:end]`` closes every group it opens and has no top-level ``|``."""
    depth = 0
    for _, char in _syntax(source, 0, end):
        if char == "[" or (char == "|" and depth == 0):
            return False
        depth += 1 if char == "(" else -1 if char == ")" else 0
    return depth == 0


def compile_head(pattern: regex.Pattern[str]) -> regex.Pattern[str] | None:
    """The part of a claim pattern up to its value, compiled to match backwards, or None.

    A sentence can only make the claim if this part matches ending exactly at the
    candidate value, and checking that backwards from the value costs one anchored
    attempt where searching for the whole pattern tries every position. None when the
    value is not at the pattern's top level, starts the pattern, or a lookahead before it
    could see past it.
    """
    source = pattern.pattern
    at = source.find(_VALUE_GROUP)
    # A one-character lookahead (the gaps' "(?=,)") looks at most at the value itself.
    if at <= 0 or "(?=" in _SHORT_LOOKAHEAD.sub("", source[:at]) or not _top_level(source, at):
        return None
    try:
        return regex.compile(source[:at + len(_VALUE_GROUP)], pattern.flags | regex.REVERSE)
    except regex.error:
        return None


def starts_at_value(pattern: regex.Pattern[str]) -> bool:
    """Tell whether every match of a claim pattern starts with its value.

    Such a pattern ("{value} ... {subject}", "^{value}: ...") can only match at the
    candidate value, so one anchored attempt there answers what a search over the whole
    sentence would. Only the simplest form is recognised: a pattern without alternatives
    ("|") at its top level whose value group is preceded by nothing but "^" and
    non-capturing groups that hold no alternative and may not be skipped.
    """
    source = pattern.pattern
    if not _top_level(source, len(source)):
        return False  # "{value} ... {subject}|{subject} numbered" may match elsewhere
    at = 0
    opened: list[int] = []  # where each group opened before the value starts
    while not source.startswith(_VALUE_GROUP, at):
        if source.startswith("(?:", at):
            opened.append(at)
            at += 3
        elif source.startswith("^", at):
            at += 1
        else:
            return False
    return all(_closes_plainly(source, start) for start in opened)


def _closes_plainly(source: str, start: int) -> bool:
    """Tell whether the group opening at ``start`` has no top-level ``|`` and no quantifier."""
    depth = 0
    for index, char in _syntax(source, start):
        if char == "|" and depth == 1:
            return False
        depth += 1 if char == "(" else -1 if char == ")" else 0
        if char == ")" and depth == 0:
            # A group that may be skipped or repeated lets a match start elsewhere.
            return source[index + 1:index + 2] not in ("?", "*", "{", "+")
    return False


# Strings that make nested repeats such as (a+)+ or (\w+\s?)+ try every way of
# splitting them before failing: a pattern that needs more than BACKTRACK_LIMIT on one is
# refused when the rules are loaded, rather than left to stall a commit hook.
BACKTRACK_LIMIT = 0.5  # seconds; sound patterns take microseconds on these
_PROBES = tuple(
    unit * (60 // len(unit)) + "!"
    for unit in ("a", " ", "a ", "1", "a1", "ab", "a,", "\u00e9", TARGET, TARGET + " ", "A.")
)


def refuse_backtracking(pattern: regex.Pattern[str]) -> None:
    """Raise PatternError if ``pattern`` backtracks catastrophically on a probe string."""
    for probe in _PROBES:
        try:
            pattern.search(probe, timeout=BACKTRACK_LIMIT)
        except TimeoutError:
            raise PatternError(
                "the pattern backtracks catastrophically (it took over "
                f"{BACKTRACK_LIMIT} s on {len(probe)} characters); rewrite nested repeats "
                "such as (\\w+\\s?)+ or (a|a)+"
            ) from None


def compile_alternatives(sources: Sequence[str], defines: Mapping[str, str]) -> str:
    """Join subject phrases into one word-bounded alternation (as regex source)."""
    alternatives = []
    for source in sources:
        pattern = subject_source(source, defines)
        try:
            regex.compile(pattern)
        except regex.error as exc:
            raise PatternError(f"invalid regular expression {source!r}: {exc}") from None
        alternatives.append(pattern)
    return r"(?<![\p{L}\p{N}])(?:" + "|".join(alternatives) + r")(?![\p{L}\p{N}])"


_PATTERN_FIELDS = ("subject", "claims", "exclude", "exclude_sentence", "heads")
_BLOB = "_patterns"  # where a ClaimSpec keeps its pickled patterns until first used


@dataclass(frozen=True)
class ClaimSpec:
    """The compiled claim patterns of one fact."""

    subject: regex.Pattern[str]
    claims: tuple[regex.Pattern[str], ...]
    exclude: tuple[regex.Pattern[str], ...]
    exclude_sentence: tuple[regex.Pattern[str], ...] = ()
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The patterns as the rule file wrote them, by key."""
    anchors: tuple[tuple[frozenset[str], ...], ...] = ()
    """For each claim pattern, sets of words a sentence needs one of each of to match it."""
    heads: tuple[regex.Pattern[str] | None, ...] = ()
    """For each claim pattern, its part up to the value, matched backwards (see compile_head)."""
    value_first: tuple[bool, ...] = ()
    """For each claim pattern, whether it starts at its value (see starts_at_value)."""
    understood: bool = False
    """Whether a claim pattern reads a sentence after one naming the subject ({understood})."""

    def __getstate__(self) -> dict[str, object]:
        # The compiled patterns travel as one blob, unpickled on first use (__getattr__): a
        # commit's draft needs only the facts its changed sentences may claim, and loading
        # every fact's programs would cost most of a hook's run.
        state = dict(self.__dict__)
        blob = state.pop(_BLOB, None)
        loaded = tuple(state.pop(name, None) for name in _PATTERN_FIELDS)
        state[_BLOB] = blob if blob is not None else pickle.dumps(
            loaded, protocol=pickle.HIGHEST_PROTOCOL)
        return state

    if not TYPE_CHECKING:  # mypy would take any misspelt attribute for a pattern

        def __getattr__(self, name: str) -> object:
            if name in _PATTERN_FIELDS:
                blob = self.__dict__.get(_BLOB)
                if blob is not None:
                    loaded = dict(zip(_PATTERN_FIELDS, pickle.loads(blob), strict=True))
                    self.__dict__.update(loaded)
                    self.__dict__.pop(_BLOB, None)
                    return loaded[name]
                if name in self.__dict__:  # another thread has just unpickled them
                    return self.__dict__[name]
            raise AttributeError(name)

    def live(self, fact_id: str, present: Container[tuple[str, int]]) -> tuple[int, ...]:
        """The indexes of the claim patterns worth trying on a sentence.

        ``present`` holds the (fact id, pattern index) pairs whose anchor words the sentence
        has (see :attr:`factcheck.rulebook.Rulebook.claim_prefilter`).
        """
        return tuple(
            index for index, needed in enumerate(self.anchors or ((),) * len(self.claims))
            if not needed or (fact_id, index) in present
        )

    def set_aside(self, sentence: str) -> bool:
        """Tell whether each mention of the subject in ``sentence`` is one ``exclude`` sets aside.

        "Ankara had begun talking up a nationwide truce." names a truce, but not the one
        a local ceasefire's fact is about: a pronoun in the next sentence does not stand
        for it.
        """
        if self.about_something_else(sentence):
            return True
        mentions: list[regex.Match[str]] = TIMEOUTS.bounded(
            lambda: list(self.subject.finditer(sentence, timeout=MATCH_TIMEOUT)), [])
        return bool(mentions) and all(
            self.excluded_around(sentence, mention.start(), mention.end())
            for mention in mentions
        )

    def excluded_around(self, text: str, start: int, end: int, *, before: bool = True) -> bool:
        """Tell whether an ``exclude`` pattern occurs in ``text[start:end]`` or the words around.

        That is up to four words of its clause before it (unless ``before`` is false) and
        four after. Without the words before, it says whether a value after an apposition's
        comma is set aside: in "the naval facility at Tartus, the Hmeymim air base", Hmeymim
        is still the air base.
        """
        low = words_before(text, start) if before else start
        if low < start and _CONJUNCT_BEFORE.search(text, low, start) is not None:
            low = start
        window = text[low:_WORDS_AFTER.match(text, end).end()]
        return any(self._excluded(p, window) for p in self.exclude)

    def about_something_else(self, sentence: str) -> bool:
        """Tell whether an ``exclude-sentence`` pattern occurs anywhere in the sentence."""
        return any(self._excluded(p, sentence) for p in self.exclude_sentence)

    def claimed(self, masked: str, indexes: Sequence[int] | None = None) -> bool:
        """Tell whether ``masked`` (the candidate as TARGET) reads as a claim of this fact.

        ``indexes`` narrows the claim patterns tried (see :meth:`live`).
        """
        value_end = masked.find(TARGET) + 1
        # A claim lies within CLAIM_REACH characters of its value: in a very long sentence
        # only that stretch is searched, so the cost of a sentence stays linear in its length.
        low = max(0, value_end - CLAIM_REACH)
        high = min(len(masked), value_end + CLAIM_REACH)
        for index in range(len(self.claims)) if indexes is None else indexes:
            match = TIMEOUTS.bounded(
                partial(self._claim_at, index, masked, low, value_end, high), None)
            if match is None:
                continue
            value_at = match.start("value")
            if value_at < 0:
                continue  # an alternative without the slot ("...|{subject} numbered") ties no value
            fronted = _FRONTED.match(masked)
            if fronted is not None and match.start() < fronted.end() <= value_at:
                continue  # "After the talks, the delegation flew back to Istanbul"
            if (_out_of_condition(masked, match.start(), value_at)
                    or _supposed(masked, match.start(), value_at)):
                continue
            window_start = words_before(masked, match.start())
            if (_negated(masked, max(window_start, match.start() - 60), match.start(), value_at)
                    or retracted(masked, value_at)
                    or _NOT_SAID.search(masked, 0, match.start())
                    or _NO_PLAN.search(masked, max(0, match.start() - 80), match.start())
                    or _PART_OF.search(masked, max(0, value_at - 80), value_at)):
                continue
            if (_DISCLAIMED.match(masked, match.end())
                    or _DECOY.match(masked, match.end("value"))
                    or _DISOWNED_LATER.match(masked, match.end())
                    or _asked(masked, value_at)
                    or _asked_whether(masked, value_at)
                    or _mentioned(masked, value_at)
                    or _into_dated_aside(masked, value_at, match.end())
                    or _dated_from_event(masked, value_at, match.end())):
                continue
            if (self.excluded_around(masked, match.start(), match.end())
                    or self._points_back_to_set_aside(masked, match.start())
                    or self._subject_denied(masked, value_end, match.end())):
                continue
            return True
        return False

    def _subject_denied(self, text: str, after: int, end: int) -> bool:
        """Tell whether the subject a claim names after its value is denied at once.

        "Moscow hosted the ministers' meeting, not the talks" gives Moscow as the host of
        something else: the negation stands between the value and the subject.
        """
        mention = self.last_mention(text, end)
        return (mention is not None and mention.start() >= after
                and _DENIED_SUBJECT.search(text, after, mention.start()) is not None)

    def _points_back_to_set_aside(self, text: str, start: int) -> bool:
        """Tell whether "that war" at ``start`` stands for a subject set aside before it.

        In "the air war against Islamic State costs ..., and that war has been running
        since 2014", the demonstrative names the air war again, which ``exclude`` sets
        aside where it is first named.
        """
        if _DEMONSTRATIVE_BEFORE.search(text, max(0, start - 12), start) is None:
            return False
        # "that" before a plural joins a clause: "announced that talks would open in Minsk"
        named = TIMEOUTS.bounded(
            lambda: self.subject.match(text, start, timeout=MATCH_TIMEOUT), None)
        if named is None or named.group().lower().endswith("s"):
            return False
        earlier = self.last_mention(text, start)
        return earlier is not None and self.excluded_around(text, *earlier.span())

    def last_mention(self, text: str, end: int | None = None) -> regex.Match[str] | None:
        """The last mention of the subject in ``text`` (before ``end``), if any."""
        stop = len(text) if end is None else end
        mentions: list[regex.Match[str]] = TIMEOUTS.bounded(
            lambda: list(self.subject.finditer(text, 0, stop, timeout=MATCH_TIMEOUT)), [])
        return mentions[-1] if mentions else None

    def _claim_at(self, index: int, masked: str, low: int, value_end: int, high: int
                  ) -> regex.Match[str] | None:
        """Match claim pattern ``index`` around the value that ends at ``value_end``."""
        pattern = self.claims[index]
        if self.value_first and self.value_first[index]:
            return pattern.match(masked, max(value_end - 1, 0), high, timeout=MATCH_TIMEOUT)
        head = self.heads[index] if self.heads else None
        # The part up to the value, matched first, rules most sentences out cheaply.
        if head is not None and head.match(masked, low, value_end,
                                           timeout=MATCH_TIMEOUT) is None:
            return None
        return pattern.search(masked, low, high, timeout=MATCH_TIMEOUT)

    @staticmethod
    def _excluded(pattern: regex.Pattern[str], window: str) -> bool:
        return TIMEOUTS.bounded(
            lambda: pattern.search(window, timeout=MATCH_TIMEOUT) is not None, False)


_ASIDES = Rx(_ASIDE, regex.I)
# A negation that opens a phrase of its own and runs into the subject: ", not the talks",
# "- rather than the peace talks" (but not "not only the talks").
_DENIED_SUBJECT = Rx(
    r"(?:[,;]|\s[-–—])\s*(?:but\s+|and\s+)?(?:not(?!\s+(?:only|just|merely|least|yet)"
    r"(?![\p{L}]))|never|rather\s+than|instead\s+of)\s+(?:[\p{L}'’-]+\s+){0,3}$",
    regex.I,
)
# The words that open a clause which only supposes: "if", "unless", "whether".
_SUPPOSING = "if|unless|whether"
# A phrase that opens a sentence and ends at its first comma ("After the talks,", "Before
# heading to Astana,", "As the rebels retreated,"): a claim does not run from inside it
# into the main clause, whose subject is another.
_FRONTED = Rx(
    rf"\s*(?:after|before|following|ahead of|during|despite|until|when|while|once|{_SUPPOSING}"
    r"|as)(?![\p{L}])"
    # An aside inside the phrase belongs to it: "During the war, which began in 2012, ...",
    # and so does a list of names: "When the talks sponsored by Russia, Turkey and Iran open"
    r"(?:[^,;:]|,(?=\s*(?:which|who|whom|whose|that|where|when|(?-i:\p{Ll}+ed))(?![\p{L}]))"
    r"|(?<=(?-i:\p{Lu})[\p{L}'-]*),(?=\s*(?-i:\p{Lu})[\p{L}'-]*(?:,\s*(?-i:\p{Lu})[\p{L}'-]*)*,?"
    r"\s+(?:and|or|&)\s))*,"
    # ... and so does a phrase set off right after it: "When Russia began its campaign, in
    # the spring of 2015, analysts ..."
    r"(?:\s*(?:in|on|during|at|from|since|by)\s[^,;:.!?]{1,40},)?",
    regex.I,
)
# A that-clause under a denial is not asserted: "She does not say, as one broadcaster
# did, that the talks will be in Riyadh", "It is not true that ...". Nor is a misreading
# someone could make: "a reader could think the talks were held in Moscow".
_NOT_SAID = Rx(
    rf"(?:(?:{_NOT}\s+(?:[\p{{L}}]+\s+)?(?:say|said|says|claim"
    r"|claimed|claims|suggest|suggested|suggests|report|reported|reports|state|stated|states"
    r"|mean|meant|means|imply|implied|implies|write|wrote|writes)"
    rf"|(?<![\p{{L}}])(?:is|was|are|were)(?:\s+not|{_NT})\s+"
    r"(?:true|the\s+case|correct|right))(?:\s*,[^,;:.!?]{1,80},)?\s+that"
    # ... nor what others keep repeating, or should check before they do: 'People keep
    # posting "50,000 evacuated"', 'Do the math before posting "four years of siege"'
    r"|(?<![\p{L}])(?:(?:keep|keeps|kept)\s+(?:on\s+)?|(?:before|instead\s+of|rather\s+than"
    r"|stop|quit)\s+)(?:posting|writing|saying|repeating|sharing|claiming|tweeting|quoting)"
    # ... nor what others took for granted: "people who assumed the talks would return to
    # Geneva"
    r"|(?<![\p{L}])(?:who|which|that|many|some|others)\s+(?:had\s+)?(?:assumed|presumed"
    r"|supposed|imagined)(?:\s+that)?"
    # ... nor what nobody expects or says: "Nobody I speak to expects these talks to end up
    # in Geneva"
    r"|(?<![\p{L}])(?:nobody|no\s+one|none\s+of\s+(?:us|them))(?:\s+[\p{L}'’]+){0,4}?\s+"
    r"(?:expects?|expected|thinks?|thought|believes?|believed|predicts?|predicted|imagines?"
    r"|imagined|says?|said|suggests?|suggested)"
    # ... nor a hypothetical: "Is there any scenario in which the talks move to Geneva?"
    r"|(?<![\p{L}])(?:any|a|the|what)\s+(?:scenario|circumstances?)\s+(?:in\s+which|where"
    r"|under\s+which)|(?<![\p{L}])(?:in\s+the\s+event\s+that|supposing|hypothetically)"
    # ... nor what a writer says they had believed: "I thought the talks were always in Geneva"
    r"|(?<![\p{L}])(?:I|we)\s+(?:had\s+)?(?:always\s+)?(?:thought|assumed|presumed|supposed"
    r"|imagined|believed)(?:\s+that)?"
    # ... nor what a guest might say, which a presenter's card prepares for: "If a guest
    # says the war began in 2012: ..."
    r"|(?<![\p{L}])(?:if|should|in\s+case)\s+(?:a|an|the|any|some)?\s*(?:[\p{L}-]+\s+)?"
    r"(?:says?|claims?|suggests?|asserts?|insists?|argues?|tells\s+you|cites?|quotes?"
    r"|repeats?|mentions?|brings?\s+up)(?:\s+that)?"
    # ... nor one a question asks about: "whether the handout is right that ..."
    r"|(?<![\p{L}])(?:whether|if)\s[^;:.!?]{0,80}?(?:is|was|are|were)\s+(?:right|correct|true"
    r"|accurate)(?:\s+to\s+say)?\s+that"
    # ... nor what is called a mistake to think: "It is a common mistake to think the talks
    # were in Geneva", "the misconception that ..."
    r"|(?<![\p{L}])(?:mistake|error|misconception|myth|fallacy|misapprehension)\s+"
    r"(?:(?:to|of)\s+(?:think|thinking|believe|believing|assume|assuming|say|saying|suppose"
    r"|supposing)|that)(?![\p{L}])"
    # ("conclude" is left out: "may conclude the talks in Geneva" says where they end)
    r"|(?<![\p{L}])(?:could|might|would|may)\s+(?:easily\s+|well\s+)?(?:think|believe|assume"
    r"|infer|suppose|imagine)(?:\s+that)?)\s[^;:.!?]*$",
    regex.I,
)
# A plan denied or said not to exist is no claim of what it would do: "There is no plan to
# hold the talks in London", "officials ruled out any proposal to move the talks to Minsk".
_NO_PLAN = Rx(
    r"(?:(?<![\p{L}])no|(?:(?<![\p{L}])(?:not|never|denied|denies|deny|ruled\s+out|rules\s+out"
    rf"|rejected|rejects|dismissed|dismisses)|{_NT})\s+(?:[\p{{L}}]+\s+){{0,3}}?any)"
    r"\s+(?:plans?|intention|proposals?|suggestions?|prospect|question)\s+(?:to|of)\s+"
    r"(?:[\p{L}'-]+\s+){1,2}$",
    regex.I,
)
# A few quoted words that a style note names rather than says ('No "five-year siege"
# wording', 'avoid "Nur-Sultan"'), or that another outlet's ticker or headline ran ('a
# rival channel ran a flat "50,000 evacuated"'), as a corrections list quotes a story.
_QUOTED = Rx(r"[\"“]([^\"“”\n]{1,60})[\"”]")
_NAMED_BEFORE = Rx(
    r"(?<![\p{L}])(?:no|not|never|avoid|avoiding|instead\s+of"
    # "Don't use", "Please don't let anyone write"
    r"|(?:don't|do\s+not|never)\s+(?:let\s+(?:\p{L}+\s+){1,2}?)?(?:use|write|say|call\s+it)"
    r"|rather\s+than|(?:the|a|its|(?:[\p{L}-]+['’]s))\s+"
    r"(?:phrase|term|word|wording|spelling|expression|line)"
    # ... or an edit names the words it changes: 'Change "talks in Moscow" to ...'
    r"|(?<![\p{L}])(?:change|replace|cut|delete|strike|remove|reword|rephrase)"
    # ... or what people habitually write: 'Candidates often write "Hmeymim naval base".'
    r"|(?:often|usually|always|frequently|commonly|routinely|sometimes|tend\s+to)"
    r"\s+(?:write|writes|say|says|type|types|use|uses|put|puts)"
    r"|(?:ran|carried|aired|flashed|displayed|tweeted|posted|headlined|splashed)"
    r"(?:\s+(?:a|an|the|its|their))?(?:\s+\p{L}+)?"
    # ... or an editor's or reviewer's note names it by page and line: 'p. 3, l. 14: "..."'
    r"|(?:p|pp|l|ll|page|line|para|col)\.?\s*\d+[a-z]?\s*[:,]?)\s*$",
    regex.I,
)
_NAMED_AFTER = Rx(
    r"\s*(?:wording|phrasing|spelling|formulation)(?![\p{L}])"
    # ... or a correction puts other words in their place, by timecode or page as a
    # producer's or sub's notes do: '"the talks in Moscow" at 19'02" should read ...'
    r"|(?:\s+(?:at|on|in)\s+(?:p(?:age)?\.?\s*\d+|l(?:ine)?\.?\s*\d+"
    r"|\d{1,2}(?::\d{2}){1,2}|\d{1,3}['’]\s?\d{2}[\"”]?))?"
    r"\s*(?:,\s*)?(?:should|must|ought\s+to)\s+(?:read|say|be\s+(?:changed|corrected)\s+to)"
    r"(?![\p{L}])",
    regex.I,
)


# A condition or time set off by commas inside a sentence ("Next year we will be in Astana,
# if the talks happen, and in Aleppo") is a clause of its own, like a fronted one.
_CONDITION = Rx(
    rf",\s*(?:{_SUPPOSING}|once|when|whenever|while|until|before|after)(?![\p{{L}}])"
    r"[^,;:.!?]{1,80},",
    regex.I,
)
# ... unless the clause after it takes the subject up again: "Moscow says that, if the
# talks go ahead, they will be in Minsk".
_TAKEN_UP = Rx(r"\s*(?:they|it|these|those)(?![\p{L}])", regex.I)


def _out_of_condition(masked: str, start: int, value_at: int) -> bool:
    """Tell whether a claim runs from inside a comma-bounded condition out to a value after it."""
    if "," not in masked[start:value_at]:
        return False
    return any(
        aside.start() < start < aside.end() <= value_at
        and _TAKEN_UP.match(masked, aside.end()) is None
        for aside in _CONDITION.finditer(masked, max(0, start - 90), value_at)
    )


# A clause that only supposes: "If they had held the talks in Tartus, ...", "Had the war
# begun in 2013, ...", "..., unless the talks move to Minsk, ...", "What if the talks had
# been held in Geneva?".
_SUPPOSED = Rx(
    rf"(?:^|,)\s*(?:(?:(?:even|what)\s+)?(?:{_SUPPOSING})(?![\p{{L}}])"
    r"|(?<=^\s*)had(?!\s+to(?![\p{L}]))(?![\p{L}]))[^,;:.!?]*[,?]",
    regex.I,
)


def _supposed(masked: str, start: int, value_at: int) -> bool:
    """Tell whether a claim lies wholly inside a clause that only supposes it."""
    return any(clause.start() <= start and value_at < clause.end()
               for clause in _SUPPOSED.finditer(masked, 0, value_at + 120))


def _into_dated_aside(masked: str, value_at: int, end: int) -> bool:
    """Tell whether a claim runs from its value into a parenthesis that gives its own value.

    "In the summer of 2016 government forces (Russia having begun its air campaign in
    September 2015) encircled ...": the campaign's date is in the brackets, not before them.
    """
    opened = masked.rfind("(", value_at, end)
    if opened < 0 or masked.find(")", opened, end) >= 0:
        return False
    closing = masked.find(")", end)
    return VALUE_BLOCKER in masked[opened:closing if closing >= 0 else len(masked)]


# A value placed before or after the event is another event's: "destroyed in February
# 2016, a few months after Russia began its air campaign" dates the strike, not the campaign.
_RELATIVE_TO = Rx(
    r",?\s+(?:(?:a|an|some|just|only|shortly|soon|not|long|few|several|couple|of|\p{N}+"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hours?|days?|weeks?"
    r"|months?|years?|decades?)\s+){0,4}(?:after|before)\s",
    regex.I,
)


def _dated_from_event(masked: str, value_at: int, end: int) -> bool:
    """Tell whether a claim runs from its value into a clause that dates it from the event.

    The clause must hold the rest of the claim: in "In September 2015, shortly after the
    Iran deal, Russia began its campaign" the comma closes the phrase, and the value dates
    the campaign.
    """
    relative = _RELATIVE_TO.match(masked, value_at + 1)
    return (relative is not None and relative.end() < end
            and not any(mark in masked[relative.end():end] for mark in ",;:"))


def _mentioned(masked: str, value_at: int) -> bool:
    """Tell whether the value is in a few quoted words a style note names, not a claim."""
    if '"' not in masked and "“" not in masked:
        return False
    for quote in _QUOTED.finditer(masked, max(0, value_at - 60), value_at + 60):
        if quote.start() < value_at < quote.end() and len(quote.group(1).split()) <= 5:
            return (_NAMED_BEFORE.search(masked, max(0, quote.start() - 32), quote.start())
                    is not None or _NAMED_AFTER.match(masked, quote.end()) is not None)
    return False


# A yes/no question asks what it would otherwise claim when the value is what it ends on:
# "Is the Observatory based in Syria?", "Did the siege last a year (or less)?". One that
# goes on past the value takes it as given: "Will the talks in Geneva succeed?". The
# question opens the sentence, a quotation or what follows a label's colon.
_YES_NO = Rx(
    # (a transcript's "Q." may open it)
    r"(?:^(?-i:Q\.)?|(?<=[\"“‘(]|:[ \t]))[ \t]*(?:is|are|was|were|did|does|do|has|have|had"
    rf"|will|would|can|could|should|shall|may|might|must)(?:{_NT})?\s[^.!?\"”]*\?",
    regex.I,
)

_ASKED_END = Rx(r"[^\p{L}\p{N}?]*(?:(?:or|and)\s[^?]{0,40})?\?", regex.I)


# What someone asks, or nobody knows, ending on the value: "You asked whether the peace
# talks would be in Geneva", "It is still unclear if they open in Minsk". One that goes on
# past the value takes it as given, as a yes/no question does: "A panel asks whether next
# month's talks in Minsk can produce a truce".
_ASKED_WHETHER = Rx(
    r"(?<![\p{L}])(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering|inquired"
    r"|enquired|queried|(?:want|wants|wanted)\s+to\s+know|unclear|unsure|uncertain|undecided"
    r"|not\s+(?:sure|clear|known))\s+(?:[\p{L}'’]+\s+){0,3}?(?:whether|if)\s[^;:.!?]*$",
    regex.I,
)
_ASKED_WHETHER_END = Rx(r"[^\p{L}\p{N}.;:!?]*(?:(?:or|and)\s[^.;:!?]{0,40})?(?:[.;:!?]|$)",
                        regex.I)


def _asked_whether(masked: str, value_at: int) -> bool:
    """Tell whether the value ends a question someone asks or nobody can answer yet."""
    return (_ASKED_WHETHER.search(masked, 0, value_at) is not None
            and _ASKED_WHETHER_END.match(masked, value_at + 1) is not None)


def _asked(masked: str, value_at: int) -> bool:
    """Tell whether the value lies in a yes/no question, which claims nothing."""
    if "?" not in masked:
        return False
    return any(q.start() <= value_at < q.end()
               and _ASKED_END.fullmatch(masked, value_at + 1, q.end()) is not None
               for q in _YES_NO.finditer(masked))


# A value given as part of another is not the whole: "34,000 people, including 4,000
# rebels, were evacuated" claims 34,000.
_PART_OF = Rx(
    r"(?<![\p{L}])(?:including|among (?:them|whom)|of (?:them|whom)"
    # "Among the 35,000 evacuated were 4,000 fighters": a part of the value named first
    rf"|among\s+(?:the|those|these|some)?\s*[{BLOCKERS}][^.;:!?{TARGET}]{{0,40}}?"
    r"\s(?:were|was|are|is|included|includes))\s+"
    r"(?:(?:about|around|some|nearly|almost|roughly|more than|over|at least|an estimated)\s+)?$",
    regex.I,
)
# A name or title written just after a negation is the one set aside: "He is Sergei
# Shoigu, not Sergei Shoygu."
_NEGATED_HERE = Rx(rf"(?:(?<![\p{{L}}]){_NEGATORS}|{_NT})\s+(?:the\s+)?$", regex.I)
# What a correction of a name or title says was wrong: "misspelled his name as ...".
_MISNAMED = Rx(
    r"(?<![\p{L}])(?:misspel\w*|mis-spel\w*|misidentif\w*|misnamed|misstated"
    r"|(?:wrongly|incorrectly) (?:spelled|spelt|named|identified|described|called)"
    # a reader's or speaker's slip, as a speech therapist's notes record one
    r"|mispronounc\w*|misread(?:s|ing)?|misheard"
    r"|(?:speech|reading|spelling|typing|paraphasic) (?:errors?|slips?)|slips? of the tongue)"
    r"(?![\p{L}])",
    regex.I,
)
# What names a spelling just before it: "Some agencies write", "spell his name as" (but
# what the draft says it writes is its own spelling: "In the English edition we write").
_SPELLING_NAMED = Rx(
    r"(?<![\p{L}])(?<!(?<![\p{L}])(?:we|i)\s+)"
    r"(?:write|writes|spell|spells|spelled|spelt|transliterate|transliterates|transliterated"
    r"|render|renders|rendered)\s+(?:(?:it|him|her|his\s+name|her\s+name|the\s+name"
    r"|the\s+surname)\s+)?(?:as\s+)?$",
    regex.I,
)


# A negation right before another value of the same kind is about that one: "Instead of
# Astana, the talks will be held in Geneva" and "not in Astana but in Geneva" claim Geneva.
_ON_ANOTHER_VALUE = Rx(rf"\s*(?:{_SLOT_PREPOSITION}\s+)?(?:the\s+)?[{BLOCKERS}]")


def _negated(masked: str, lead: int, start: int, value_at: int) -> bool:
    """Tell whether a claim matched at ``start`` is negated or contrasted ("not Geneva").

    A negation counts from ``lead`` (a few words before the match) up to the value, but
    not in a clause that ends before the match, not inside an aside of the match ("which
    Washington will not attend") and not when it is about another value. A comparison
    ("like those in Geneva") reaches only to the next comma: in "The war, like the Arab
    Spring, began in 2012" the year is claimed.
    """
    for clause_break in _CLAUSE_BREAK.finditer(masked, lead, start):
        lead = clause_break.end()
    asides = [m.span() for m in _ASIDES.finditer(masked, start, value_at)]
    for negation in _NEGATION.finditer(masked, lead, value_at):
        if any(a <= negation.start() and negation.end() <= b for a, b in asides):
            continue
        if _ON_ANOTHER_VALUE.match(masked, negation.end()) or _FACTIVE.match(
                masked, negation.end()):
            continue
        return True
    return any("," not in masked[comparison.end():value_at]
               for comparison in _COMPARISON.finditer(masked, lead, value_at)) or any(
        _PHRASE_END.search(masked, apart.end(), value_at) is None
        for apart in _SET_APART.finditer(masked, lead, value_at))


def negated_here(text: str, at: int) -> bool:
    """Tell whether what starts at ``at`` in ``text`` comes right after a negation."""
    return _NEGATED_HERE.search(text, 0, at) is not None


def retracted(text: str, at: int) -> bool:
    """Tell whether what is at ``at`` is what a correction says a story used to say."""
    return _RETRACTED.search(text, 0, at) is not None


def misnamed(text: str, at: int) -> bool:
    """Tell whether a correction says the name or title at ``at`` was given wrongly.

    "An earlier version misspelled his name as Nursultan Nazarbayez" quotes the error
    after the correction; a changelog's '"Vladimir Puttin" in the alt text corrected'
    quotes it before. A spelling that is named rather than used ("Some agencies write
    Shoygu", "Russian sources spell it Shoygu") is set aside too.
    """
    if (_MISNAMED.search(text, 0, at) is not None
            or _SPELLING_NAMED.search(text, 0, at) is not None):
        return True
    return at > 0 and text[at - 1] in "\"“'‘" and _CORRECTED_AFTER.search(text, at) is not None


# A quoted error that the rest of its sentence says was put right.
_CORRECTED_AFTER = Rx(
    r"[\"”'’][^.;:!?]{0,80}?(?<![\p{L}])(?:corrected|fixed|amended|changed|removed)(?![\p{L}])",
    regex.I,
)


# "not ... but" sets one value aside for another: "held not in Geneva but in Astana" and
# "will not be held in Geneva but in Astana" say what "held in Astana" says, so all but the
# verb between is blanked before claim patterns look.
_SET_ASIDE = Rx(
    rf"{_NOT}\s+(?P<verb>(?:[\p{{L}}'-]+\s+){{0,3}}?)"
    rf"(?:{_SLOT_PREPOSITION}\s+)?(?:the\s+)?[{BLOCKERS}][\s,]*but\s+(?:rather\s+)?"
    rf"(?=(?:{_SLOT_PREPOSITION}\s+)?(?:the\s+)?{TARGET})",
    regex.I,
)


def _keep_verb(match: regex.Match[str]) -> str:
    """Blank a set-aside "not ... but", keeping the verb it negated ("be held")."""
    start, end = match.span("verb")
    blanked: str = " " * (start - match.start()) + match.group("verb") + " " * (match.end() - end)
    return blanked


def mask_variants(sentence: str, spans: Sequence[tuple[int, int]], blocker: str,
                  anaphor: tuple[int, int] | None = None, *, headed: bool = False,
                  understood: bool = False) -> list[str]:
    """Return, for each mention span, the sentence with it as TARGET and the rest as blocker.

    An ``anaphor`` span (a pronoun standing for the subject) becomes ANAPHOR; a ``headed``
    sentence (a fact-box line whose heading names the subject) opens with HEADING, and an
    ``understood`` one (after a sentence that names it) with UNDERSTOOD.
    """
    sentence = sentence.translate(PRIVATE)
    if anaphor is not None:
        start, end = anaphor
        sentence = sentence[:start] + ANAPHOR * (end - start) + sentence[end:]
    ordered = sorted(range(len(spans)), key=lambda i: spans[i][0])
    variants = []
    for target in range(len(spans)):
        pieces = []
        pos = 0
        for i in ordered:
            start, end = spans[i]
            if start < pos:
                continue
            pieces.append(sentence[pos:start])
            pieces.append(TARGET if i == target else blocker)
            pos = end
        pieces.append(sentence[pos:])
        variant = "".join(pieces)
        if "but" in variant or "BUT" in variant or "But" in variant:
            variant = _SET_ASIDE.sub(_keep_verb, variant)
        if understood:
            variant = UNDERSTOOD + " " + variant
        variants.append(HEADING + " " + variant if headed else variant)
    return variants
