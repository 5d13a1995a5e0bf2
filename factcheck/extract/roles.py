"""Roles written beside a name: "Foreign Minister Sergei Shoigu", "Assad, the Syrian president"."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factcheck.extract.names import HONORIFICS
from factcheck.extract.places import gazetteer, key
from factcheck.rx import Rx

_MINISTRIES = (
    r"foreign|defen[cs]e|interior|finance|economy|energy|oil|justice|health|information|home"
    r"|war|trade|intelligence|emergenc(?:y|ies)|agriculture|education|culture|transport"
    r"|communications|industry|labou?r|environment|tourism|housing|water|electricity|media"
    r"|eu|eu[ ]affairs|european[ ]affairs|european[ ]union"
    r"|reconciliation|sports?|youth|religious[ ]affairs|social[ ]affairs"
)
_TITLE = r"""(?i:
    (?:(?:deputy|vice|acting|interim|first|former|then|ex|longtime|veteran)[- ])?
    (?:
        prime[ ]minister | premier | vice[- ]president | president | chancellor
        # the headline abbreviations, not a clock's "4:30 PM"
      | (?<!\d[ ]?)(?-i:PM|FM)
      | crown[ ]prince | king | queen | emir | sultan | supreme[ ]leader
      | (?:""" + _MINISTRIES + r""")[ ](?:minister|secretary|chief)
      | minister[ ](?:of|for)[ ](?:the[ ])?(?:foreign[ ]affairs|""" + _MINISTRIES + r""")
      | minister | secretary[- ]general | general[ ]secretary
      | secretary[ ]of[ ](?:state|defen[cs]e)
      | chief[ ]of[ ](?:the[ ])?(?:general[ ])?staff | army[ ]chief | military[ ]chief
      | commander(?:[- ]in[- ]chief)? | head[ ]of[ ]state | party[ ]leader | leader | chief | head
      | spokes(?:man|woman|person) | ambassador | envoy | mayor | governor | cleric | preacher
    )
)"""
_TITLE_WORDS = (
    r"(?-i:PM|FM)(?![\p{L}-])|"
    r"(?i:prime|premier|vice|president|chancellor|crown|prince|king|queen|emir|sultan|supreme"
    rf"|{_MINISTRIES}|minister|secretary|general|chief|army|military|commander|head"
    r"|party|leader|spokes(?:man|woman|person)|ambassador|envoy|mayor|governor|cleric|preacher"
    r"|deputy|acting|interim|first|former|then|ex|longtime|veteran)(?![\p{L}-])"
)
# One to three capitalised words that are not themselves part of a title ("Turkey's",
# "Russian", "Hizballah"), so "Foreign Minister" stays one title; nor a negation or an
# article that opens a sentence ("Not Prime Minister Vladimir Putin, but President
# Vladimir Putin", "The Iranian cleric Hassan Nasrallah").
_QUALIFIER_WORD = (
    rf"(?!{_TITLE_WORDS}|(?i:not|never|nor|the|an?)(?![\p{{L}}-]))"
    r"(?:\p{Lu}(?:\.\p{Lu})+\.?|\p{Lu}[\p{L}-]*)(?:'s)?"
)
_QUALIFIER = rf"(?:{_QUALIFIER_WORD}(?:[ ]{_QUALIFIER_WORD}){{0,2}})"
# The country or organisation a title is "of", with what the organisation calls itself:
# "president of Kazakhstan", "head of Lebanon's Amal movement", "of Iran's Revolutionary Guard".
_OF_ORGANISATION = (
    r"(?:[ ]+of[ ]+(?:the[ ]+)?(?P<of>\p{Lu}[\p{L}'-]*(?:[ ]\p{Lu}[\p{L}'-]*)?"
    r"(?:[ ](?:movement|party|militia|group|organi[sz]ation|front"
    r"|[Gg]uards?(?:[ ][Cc]orps)?|[Cc]orps))?))"
)
# What a group is, between its nation and its leader's title: "Iraqi militia leader".
_GROUP_KIND = r"(?:(?:militia|party|rebel|opposition|movement|group|guerrilla|armed[ ]group)[ ]+)"
_BEFORE_SOURCE = (
    # A role starts a word: "backing Assad" names no king.
    rf"(?<![\p{{L}}\p{{N}}'-])(?:(?P<qual>{_QUALIFIER})[ ]+{_GROUP_KIND}?)?(?P<title>{_TITLE})"
    rf"{_OF_ORGANISATION}?"
    rf"(?P<comma>[ ]*,)?[ ]+(?:{HONORIFICS}[ ]+)?$"
)
_BEFORE = Rx(_BEFORE_SOURCE, regex.X)
# The same, matched backwards from the name: one anchored attempt tells whether any role
# ends there, where the forward search tries every position of the window.
_BEFORE_BACKWARDS = Rx(_BEFORE_SOURCE, regex.X | regex.REVERSE)
# (after a determiner, a possessive one too: "Sergei Shoigu, our foreign minister"; after a
# glossary's bracketed full name: "*Nasrallah* (Hassan Nasrallah): head of ..."; and after
# a verb that says what someone is now: "Shoigu is in fact Russia's foreign minister")
_AFTER = Rx(
    rf"(?:'s)?\)?(?:[ ]*(?:,|::?|->|→|=|[ ][-–—])|[ ]+(?P<verb>is|remains|serves[ ]as)"
    rf"(?:[ ]+(?:in[ ]fact|actually|now|still|currently))?)"
    rf"[ ]+(?:(?i:the|a|an|our|their|your|his|her|its)[ ]+)?"
    rf"(?P<role>(?:(?P<qual>{_QUALIFIER})[ ]+)?"
    rf"(?P<title>{_TITLE})"
    rf"{_OF_ORGANISATION}?)"
    rf"(?=[ ]*(?:[,.;:)!?\"]|$|[ ]+(?!\p{{Lu}})))",
    regex.X,
)
# (its qualifier a nation or a group of one or two words, not an opening phrase: "On
# Friday Russia's interior minister spoke" does not open with a role)
_OPENING_QUALIFIER = (
    rf"(?!(?i:on|in|at|by|for|from|with|after|before|during|since|when|while|as|last|this"
    rf"|next|yesterday|today)[ ]){_QUALIFIER_WORD}(?:[ ]{_QUALIFIER_WORD})?"
)
# A sentence that opens with a role and goes straight on to its verb, as a profile under a
# heading that names its person does: "Russia's interior minister delivered ...", "The Amal
# movement leader used ..."
_OPENING = Rx(
    rf"(?:(?i:the)[ ]+)?(?P<role>(?:(?P<qual>{_OPENING_QUALIFIER})[ ]+{_GROUP_KIND}?)?"
    rf"(?P<title>{_TITLE}))(?=[ ]+\p{{Ll}})",
    regex.X,
)
# Demonyms mostly end in -an, -ish, -ese, -i or -ic; the rest are listed.
_DEMONYM = Rx(
    r"\p{Lu}\p{L}+(?:an|ish|ese|i|ic)|Uzbek|Kazakh|Tajik|Kyrgyz|Turkmen|Dutch|French|Swiss|Greek"
    r"|Thai|Czech|Slovak|Welsh|Irish|Cypriot|Filipino|Arab|Argentine|Kosovar|Basque|Scots"
)
# Words that do not change what the role is; "deputy" and "vice" do, so they stay.
_PREFIXES = Rx(r"^(?:(?:acting|interim|former|then|ex|longtime|veteran|first)[- ])+", regex.I)
_SYNONYMS = (
    (Rx(r"defense"), "defence"),
    (Rx(r"(?<![a-z])pm$"), "prime minister"),
    (Rx(r"(?<![a-z])fm$"), "foreign minister"),
    # "Minister of Defence", "Minister for Foreign Affairs", "Minister for EU Affairs"
    (Rx(r"^minister (?:of|for) (?:the )?foreign affairs$"), "foreign minister"),
    (Rx(r"^minister (?:of|for) (?:the )?(.+)$"), r"\1 minister"),
    (Rx(r"^(?:secretary general|general secretary)$"), "secretary-general"),
    (Rx(r"^vice president$"), "vice-president"),
    (Rx(r"^spokes(?:man|woman)$"), "spokesperson"),
)


def normalise_title(title: str) -> str:
    """Return a title's comparable form: "Minister of Defense" -> "defence minister"."""
    text = " ".join(title.lower().split())
    for pattern, replacement in _SYNONYMS:
        text = pattern.sub(replacement, text)
    return text


_POSSESSIVE_END = Rx(r"'s?$")


def normalise_qualifier(qualifier: str) -> str:
    """Return a qualifier's comparable form: "Turkey's" -> "turkey"."""
    text = key(qualifier)
    return str(_POSSESSIVE_END.sub("", text))


@dataclass(frozen=True)
class Role:
    """A role phrase beside a name; offsets are in the searched text."""

    start: int
    end: int
    text: str
    title: str  # normalised
    qualifier: str | None  # normalised country, organisation or demonym
    # The qualifier names a place, a people, or (after "of") an organisation, so a
    # person's known list can judge it; any other capitalised word might be anything.
    qualifier_checkable: bool
    # A role held once ("former", "then", or with the years held): the rules state what
    # someone is now, so it says nothing they can judge.
    past: bool = False

    def qualifier_accepted(self, accepted: frozenset[str]) -> bool:
        """Tell whether the qualifier, or one of its words, is among ``accepted``."""
        if self.qualifier is None:
            return True
        words = {self.qualifier, *self.qualifier.split()}
        return bool(words & accepted) or bool(words & _STATE_WORDS)


# Parties, armed groups and international bodies that news copy puts before a title
# ("Amal leader", "Hamas chief", "NATO Secretary-General"), as qualifier keys. A role
# naming one of them is checkable against a person's known organisations, as a country is.
ORGANISATIONS = frozenset(
    name.strip() for name in """
    hezbollah, hizbollah, hizballah, hizbullah, amal, hamas, fatah, plo, islamic jihad,
    al-qaeda, al-qaida, al qaeda, islamic state, isis, isil, daesh, nusra, nusra front,
    al-nusra, jabhat al-nusra, jabhat fateh al-sham, hayat tahrir al-sham, hts, ahrar al-sham,
    jaish al-islam, free syrian army, fsa, ypg, ypj, pkk, sdf, syrian democratic forces,
    taliban, houthi, houthis, muslim brotherhood, kataib hezbollah, hashd al-shaabi, baath,
    likud, nato, un, u.n., united nations, eu, european union, arab league, african union,
    opec, opcw, icrc, red cross, red crescent, unhcr, unicef, wfp, imf, world bank, amnesty,
    human rights watch, msf
    """.split(",")
)

# Words of formal state names that say nothing about which state: "the Republic of ...".
_STATE_WORDS = frozenset("republic federation kingdom state islamic arab people's democratic "
                         "government".split())


# What an organisation's name may end with in copy: "the Amal Movement", "Fatah party".
_ORGANISATION_NOUN = Rx(r"[ ]+(?:movement|party|front|group|militia|organi[sz]ation)$")


def _checkable(qualifier: str) -> bool:
    """Tell whether a qualifier names a place, a people or a known organisation."""
    base = normalise_qualifier(qualifier)
    return (base in gazetteer() or base in ORGANISATIONS
            or _ORGANISATION_NOUN.sub("", base) in ORGANISATIONS
            or _DEMONYM.fullmatch(qualifier.removesuffix("'s")) is not None)


def _checkable_tail(qualifier: str) -> int:
    """Where the qualifier's checkable last words start, if only they are checkable.

    A capitalised word that opens a sentence is no part of the qualifier after it: in
    "Get Hamas leader Hassan Nasrallah's quote", the leader is Hamas's.
    """
    if " " not in qualifier or _checkable(qualifier):
        return 0
    at = qualifier.find(" ")
    while at >= 0:
        if _checkable(qualifier[at + 1:]):
            return at + 1
        at = qualifier.find(" ", at + 1)
    return 0


def _role(text: str, start: int, end: int, title: str, qualifier: str | None, *,
          organisation: bool = False, past: bool = False) -> Role:
    bare = _PREFIXES.sub("", title)
    checkable = (organisation or _checkable(qualifier)) if qualifier else False
    return Role(
        start=start,
        end=end,
        text=text[start:end],
        title=normalise_title(bare),
        qualifier=normalise_qualifier(qualifier) if qualifier else None,
        qualifier_checkable=checkable,
        past=past or _FORMER.match(title) is not None,
    )


_FORMER = Rx(r"(?:former|then|ex)[- ]", regex.I)
# A question about what someone is: "whether Shoigu is", "if Putin is still".
_ASKS_WHETHER = Rx(
    r"(?<![\p{L}])(?i:whether|if)[ ]+(?:(?:Mr|Mrs|Ms|Dr)\.?[ ]+)?(?:\p{Lu}[\p{L}'-]*[ ]+){0,2}$"
)
# A role given with the years someone held it is a past one: "Putin, prime minister from
# 2008 to 2012" (not "since 2012", which runs to now).
_PAST = Rx(r"[ ]+(?:from|between|until|till|in|during|before)[ ]+(?:(?:early|mid|late)[- ]?)?"
           r"(?:1[89]|20)\d\d(?!\d)", regex.I)
# What may follow a name that closes an apposition: "the Turkish foreign minister, Mevlut
# Cavusoglu, said" (or the sentence's end).
_CLOSES_APPOSITION = Rx(r"(?:'s)?[ ]{0,3}(?:[,.;:)]|$)")


def opening_role(text: str, start: int = 0, end: int | None = None) -> Role | None:
    """Return the role a sentence at ``text[start:end]`` opens with, before its verb."""
    found = _OPENING.match(text, start, len(text) if end is None else end)
    if found is None:
        return None
    return _role(text, found.start("role"), found.end("role"), found.group("title"),
                 found.group("qual"))


def role_of(text: str, start: int, end: int, low: int = 0, high: int | None = None
            ) -> Role | None:
    """Return the role written just before or just after the name at ``start:end``.

    The role is looked for within ``text[low:high]``, the name's sentence.
    """
    high = len(text) if high is None else high
    window = max(low, start - 80)
    before = (_BEFORE.search(text, window, start)
              if _BEFORE_BACKWARDS.match(text, window, start) is not None else None)
    # "the Turkish foreign minister, Mevlut Cavusoglu, said": with a comma between role and
    # name, the name must close the apposition or the role belongs to someone else.
    if before is not None and (
        not before.group("comma") or _CLOSES_APPOSITION.match(text, end, high) is not None
    ):
        qual = before.group("qual")
        if qual and _PREFIXES.match(qual + " "):
            qual = None
        role_start = before.start("qual") if qual else before.start("title")
        if qual:
            tail = _checkable_tail(qual)
            qual, role_start = qual[tail:], role_start + tail
        role_end = before.end("of") if before.group("of") else before.end("title")
        return _role(text, role_start, role_end, before.group("title"),
                     qual or before.group("of"), organisation=not qual and bool(before.group("of")))
    after = _AFTER.match(text, end, high)
    if after is None or (after.group("verb") and _ASKS_WHETHER.search(
            text, max(low, start - 40), start) is not None):
        return None  # "Asked whether Shoigu is prime minister, he laughed" claims no role
    qual = after.group("qual") or after.group("of")
    return _role(text, after.start("role"), after.end("role"), after.group("title"), qual,
                 organisation=not after.group("qual") and bool(after.group("of")),
                 past=_PAST.match(text, after.end(), high) is not None)
