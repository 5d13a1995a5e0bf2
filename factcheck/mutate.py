"""Mutation testing of a fact base: break true statements, or say them differently.

A *site* is a claim that a corpus of correct articles states rightly. A *breaking*
mutation makes it wrong (a number out of tolerance or out of scale, another real place,
a shifted year or date, a misspelled name, a wrong role, a wrong part of a sum): the
linter must flag it, at the new value's line and column. A *preserving* mutation says the
same thing another way (a number reformatted, a hedge within tolerance, an alias or
transliteration, a date reformatted, clauses reordered): the linter must stay silent.

Mutations are enumerated deterministically, so ``factcheck mutate --seed N`` samples the
same ones every time and the test suite can draw them with hypothesis.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

import regex

from factcheck.checks.common import Claimed
from factcheck.claims import MATCH_TIMEOUT
from factcheck.document import Document
from factcheck.engine import TIMEOUT_RULE, block_claims, lint_text
from factcheck.errors import FactcheckError
from factcheck.extract.dates import MONTH_NAMES, find_dates
from factcheck.extract.names import PARTICLES
from factcheck.extract.numbers import find_numbers, words_value
from factcheck.extract.places import key
from factcheck.finding import Finding
from factcheck.rulebook import Fact, Rulebook

# Real places that are no venue, base or facility of the bundled story.
OTHER_PLACES = ("Geneva", "Vienna", "Moscow", "Ankara", "Tehran", "Riyadh", "Doha", "Beirut",
                "Baghdad", "Cairo", "Paris", "Berlin", "Istanbul", "Amman", "Homs", "Latakia")
WRONG_TITLES = ("foreign minister", "prime minister", "defence minister", "interior minister",
                "vice-president", "army chief", "finance minister")
APPROX_HEDGES = ("about", "some", "roughly", "around", "an estimated")
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_FRONTED = regex.compile(
    r"^(In|On|Since|By|During|After|Before) ([^,]{3,40}), (\p{Lu}[^,]+?)([.!?])$"
)
_REPORTED = regex.compile(
    r"^(?P<clause>[^\"“”,]{20,}?), (?P<who>(?:the |a )?[\p{Lu}][\w' -]{1,50}?|he|she|they)"
    r" (?P<verb>said|says|reported|added)(?P<end>[.!?])$"
)
# A pattern that gave up (see Timeouts) says the machine was busy, not what the text
# claims, and nothing read then is remembered: the document is read again, this often.
ATTEMPTS = 3
_COMMON_FIRST = frozenset("the a an some about nearly more many most several rockets".split())


@dataclass(frozen=True)
class Site:
    """A claim a correct document states rightly: where a mutation can be applied."""

    path: str
    text: str
    fact: Fact
    claim: Claimed
    sentence: tuple[int, int]

    @property
    def value(self) -> str:
        """The claimed value as the original text writes it."""
        return self.text[self.claim.start:self.claim.end]


@dataclass(frozen=True)
class Mutant:
    """One mutation of one site: replace ``text[start:end]`` with ``replacement``."""

    site: Site
    operator: str
    breaking: bool
    start: int
    end: int
    replacement: str

    @property
    def text(self) -> str:
        """The mutated document."""
        return self.site.text[:self.start] + self.replacement + self.site.text[self.end:]

    @property
    def sentence(self) -> str:
        """The mutated sentence, for reports (and for hypothesis to print when shrinking)."""
        start, end = self.site.sentence
        delta = len(self.replacement) - (self.end - self.start)
        return self.text[start:end + delta]

    def __repr__(self) -> str:
        # The site holds the whole document and fact; a failing example must print short.
        return f"<Mutant {self.describe()}>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # Pretty printers (hypothesis's, IPython's) spell a dataclass field by field.
        printer.text(repr(self))

    def describe(self) -> str:
        """``fact operator: "before" -> "after"``."""
        kind = "breaking" if self.breaking else "preserving"
        return (f"{self.site.fact.id} {kind} {self.operator}: "
                f"{self.site.text[self.start:self.end]!r} -> {self.replacement!r} in "
                f"{self.sentence!r}")


@dataclass(frozen=True)
class Verdict:
    """What the linter did with a mutant."""

    mutant: Mutant
    flagged: bool  # a finding of the fact where it should (breaking) or anywhere (preserving)

    @property
    def correct(self) -> bool:
        """Breaking mutants should be flagged; preserving ones should not."""
        return self.flagged == self.mutant.breaking


def find_sites(documents: Iterable[tuple[str, str]], rulebook: Rulebook) -> list[Site]:
    """Every claim the (correct) documents state rightly."""
    sites: list[Site] = []
    for path, text in documents:
        for _ in range(ATTEMPTS):
            found, gave_up = _sites_in(path, text, rulebook)
            if not gave_up:
                break
        else:
            _incomplete(f"{path}: a pattern of rule {gave_up[0].id} took over "
                        f"{MATCH_TIMEOUT} s and gave up, {ATTEMPTS} times")
        sites.extend(found)
    return sites


def _sites_in(path: str, text: str, rulebook: Rulebook) -> tuple[list[Site], list[Fact]]:
    """The sites of one document, and the facts whose patterns gave up on some block."""
    sites: list[Site] = []
    gave_up: list[Fact] = []
    document = Document.for_path(path, text)
    for block in document.blocks():
        for fact, claim in block_claims(block, rulebook, gave_up):
            if claim.hit is not None:
                continue
            sentence = next(s for s in block.sentences if s[0] <= claim.start < s[1])
            moved = dataclasses.replace(claim, start=block.start + claim.start,
                                        end=block.start + claim.end)
            span = (block.start + sentence[0], block.start + sentence[1])
            sites.append(Site(path, text, fact, moved, span))
    return sites, gave_up


# --- number formatting -------------------------------------------------------------------


def number_words(value: int) -> str:
    """Spell a whole number below a million: 34000 -> "thirty-four thousand"."""
    def below_thousand(n: int) -> str:
        parts = []
        if n >= 100:
            parts.append(f"{_UNITS[n // 100]} hundred")
            n %= 100
            if n:
                parts.append("and")
        if n >= 20:
            parts.append(_TENS[n // 10 - 2] + (f"-{_UNITS[n % 10]}" if n % 10 else ""))
        elif n or not parts:
            parts.append(_UNITS[n])
        return " ".join(parts)

    if value >= 1000:
        thousands, rest = divmod(value, 1000)
        tail = "" if not rest else (" and " if rest < 100 else " ") + below_thousand(rest)
        return f"{below_thousand(thousands)} thousand{tail}"
    return below_thousand(value)


def _like(original: str, value: float) -> str:
    """Write ``value`` the way ``original`` writes numbers (words, grouping, plain)."""
    number = round(value)
    if original[:1].isalpha():
        words = number_words(number)
        return words[0].upper() + words[1:] if original[0].isupper() else words
    if " " in original.strip():
        return f"{number:,}".replace(",", " ")
    if "," in original or number >= 10_000:
        return f"{number:,}"
    return str(number)


# --- operators ---------------------------------------------------------------------------


def _entity(site: Site) -> Iterator[Mutant]:
    spec = site.fact.spec
    start, end = site.claim.start, site.claim.end
    if spec.candidates:
        for term in spec.candidates:
            if key(term) not in spec.acceptable:
                yield Mutant(site, "other-term", True, start, end, term)
        return
    for place in OTHER_PLACES:
        if key(place) not in spec.acceptable and key(place) not in spec.ignored:
            yield Mutant(site, "other-place", True, start, end, place)
    current = regex.sub(r"^(?:the|a|an)\s+", "", key(site.value))
    for name in spec.names:
        if regex.sub(r"^(?:the|a|an)\s+", "", key(name)) != current:
            yield Mutant(site, "alias", False, start, end, name)


def _quantity(site: Site) -> Iterator[Mutant]:
    spec = site.fact.spec
    numbers = find_numbers(site.text[site.sentence[0]:site.sentence[1]])
    base = site.sentence[0]
    number = next((n for n in numbers if base + n.value_start == site.claim.start), None)
    if number is None or number.low != number.high:
        return
    value, original = number.low, site.value
    start, end = site.claim.start, site.claim.end
    for factor in (0.4, 0.5, 1.5, 2.0, 3.0):
        new = value * factor
        if not (new * (1 - spec.approx) <= spec.high and new * (1 + spec.approx) >= spec.low):
            yield Mutant(site, f"times-{factor:g}", True, start, end, _like(original, new))
    for scale in (10, 0.1):
        yield Mutant(site, f"scale-{scale:g}", True, start, end, _like(original, value * scale))
    if value >= 1000 and value == int(value):
        whole = int(value)
        for name, text in (("space-grouped", f"{whole:,}".replace(",", " ")),
                           ("comma-grouped", f"{whole:,}"),
                           ("words", number_words(whole)),
                           ("k-suffix", f"{whole // 1000}k" if whole % 1000 == 0 else "")):
            if text and text != original:
                yield Mutant(site, name, False, start, end,
                             text[0].upper() + text[1:] if original[0].isupper() else text)
    hedge_start = base + number.start
    if number.hedge == "approx":
        current = site.text[hedge_start:start].strip()
        for hedge in APPROX_HEDGES:
            if hedge != current.lower():
                replacement = hedge.capitalize() if current[:1].isupper() else hedge
                yield Mutant(site, "other-hedge", False, hedge_start, start, replacement + " ")
    elif number.hedge is None and not site.text[max(0, start - 2):start].strip():
        yield Mutant(site, "add-hedge", False, start, end, "about " + original)


def _date(site: Site) -> Iterator[Mutant]:
    dates = find_dates(site.value)
    if len(dates) != 1:
        return
    date = dates[0]
    start, end = site.claim.start, site.claim.end
    text = site.value
    if date.year is not None:
        for shift in (-3, -1, 1, 2):
            shifted = regex.sub(str(date.year), str(date.year + shift), text, count=1)
            yield Mutant(site, f"year{shift:+d}", True, start, end, shifted)
    if date.day is not None and date.month is not None:
        for shift in (-2, 1, 3):
            day = date.day + shift
            if 1 <= day <= 28:
                shifted = regex.sub(rf"(?<!\d){date.day}(?!\d)", str(day), text, count=1)
                yield Mutant(site, f"day{shift:+d}", True, start, end, shifted)
        month = MONTH_NAMES[date.month - 1]
        year = f", {date.year}" if date.year else ""
        year_after = f" {date.year}" if date.year else ""
        forms = (f"{month} {date.day}{year}", f"{date.day} {month}{year_after}",
                 f"{month[:3]}. {date.day}{year}")
        for form in forms:
            if form != text and not text.lower().startswith(("mid", "early", "late")):
                yield Mutant(site, "reformat", False, start, end, form)
    elif date.month is not None:
        if date.year is not None and text == f"{MONTH_NAMES[date.month - 1]} {date.year}":
            short = MONTH_NAMES[date.month - 1][:3] + ("t." if date.month == 9 else ".")
            yield Mutant(site, "reformat", False, start, end, f"{short} {date.year}")
        other = MONTH_NAMES[(date.month + 2) % 12]
        month_text = regex.search(r"\p{L}+", text)
        if month_text:
            yield Mutant(site, "other-month", True, start, end,
                         text.replace(month_text.group(), other, 1))


_DURATION = regex.compile(r"^(?P<n>[\p{L}]+|\d+)(?P<sep>[- ])(?P<unit>\p{L}+)(?P<rest>.*)$")


def _duration(site: Site) -> Iterator[Mutant]:
    match = _DURATION.match(site.value)
    if match is None:
        return
    number_text = match.group("n")
    value = words_value(number_text) if number_text.isalpha() else float(number_text)
    if not value or value != int(value):
        return
    start, end = site.claim.start, site.claim.end
    rest = match.group("sep") + match.group("unit") + match.group("rest")
    for other in (2, 3, 8, 12):
        if other != value:
            yield Mutant(site, "other-length", True, start, end, _like(number_text, other) + rest)
    if number_text.isalpha():
        yield Mutant(site, "digits", False, start, end, str(int(value)) + rest)
    else:
        yield Mutant(site, "words", False, start, end, number_words(int(value)) + rest)


def _misspellings(word: str) -> list[str]:
    """A few one-edit misspellings that keep a name readable (no first letter changes)."""
    out = []
    if len(word) >= 6:
        out.append(word[:3] + word[4:])  # drop a letter
    if len(word) >= 4:
        out.append(word[:2] + word[3] + word[2] + word[4:])  # swap two letters
    vowels = "aeiou"
    for i in range(1, len(word)):
        if word[i] in vowels:
            out.append(word[:i] + vowels[(vowels.index(word[i]) + 1) % 5] + word[i + 1:])
            break
    return [w for w in out if w != word]


def _person(site: Site) -> Iterator[Mutant]:
    spec = site.fact.spec
    start, end = site.claim.start, site.claim.end
    text = site.value
    if site.claim.part == "name":
        words = list(regex.finditer(r"[\p{L}]+", text))
        for match in words:
            word = match.group()
            if word.lower() in PARTICLES or len(word) < 4:
                continue
            for wrong in _misspellings(word):
                mutated = text[:match.start()] + wrong + text[match.end():]
                if mutated not in spec.person.variants:
                    yield Mutant(site, "misspell", True, start, end, mutated)
        for variant in spec.person.variants:
            if variant != text and len(variant.split()) == len(text.split()):
                yield Mutant(site, "variant", False, start, end, variant)
        return
    title_words = regex.search(r"(?i)(?:(?:prime|foreign|defen[cs]e|interior|vice)[ -])?"
                               r"(?:president|minister|leader|chief|head|secretary-general)$",
                               text)
    if title_words is None:
        return
    prefix = text[:title_words.start()]
    capital = title_words.group()[:1].isupper()
    for title in WRONG_TITLES:
        if title not in spec.titles:
            new = title.title() if capital else title
            yield Mutant(site, "wrong-role", True, start, end, prefix + new)
    for title in sorted(spec.titles):
        if title.replace("defence", "defense") != title_words.group().lower() and \
                title != title_words.group().lower() and " " not in title:
            yield Mutant(site, "other-title", False, start, end,
                         prefix + (title.title() if capital else title))


def _sum(site: Site) -> Iterator[Mutant]:
    numbers = find_numbers(site.value)
    if len(numbers) != 1:
        return
    value = numbers[0].low
    start, end = site.claim.start, site.claim.end
    for shift in (-2, 2, 5):
        if value + shift > 0:
            shifted = _like(site.value, value + shift)
            yield Mutant(site, f"shift{shift:+d}", True, start, end, shifted)
    if value <= 19 and site.value.isdigit():
        yield Mutant(site, "words", False, start, end, _UNITS[int(value)])


def _reorder(site: Site) -> Iterator[Mutant]:
    """Reorder clauses: move a fronted phrase to the end, or the reporting clause forward.

    "In 2015, X did Y." becomes "X did Y in 2015."; "X did Y, the ministry said." becomes
    "The ministry said X did Y.".
    """
    start, end = site.sentence
    sentence = site.text[start:end]
    if "\n" in sentence:
        return
    fronted = _FRONTED.match(sentence)
    if fronted:
        clause = fronted.group(3)
        moved = (f"{clause[0].upper()}{clause[1:]} {fronted.group(1).lower()} "
                 f"{fronted.group(2)}{fronted.group(4)}")
        yield Mutant(site, "reorder", False, start, end, moved)
    reported = _REPORTED.match(sentence)
    if reported:
        clause, who = reported.group("clause"), reported.group("who")
        first = clause.split()[0]
        if first.lower() in _COMMON_FIRST:
            clause = clause[0].lower() + clause[1:]
        verb, end_mark = reported.group("verb"), reported.group("end")
        moved = f"{who[0].upper()}{who[1:]} {verb} {clause}{end_mark}"
        yield Mutant(site, "reorder", False, start, end, moved)


_OPERATORS = {"entity": _entity, "quantity": _quantity, "date": _date, "duration": _duration,
              "person": _person, "sum": _sum}


def mutants(site: Site) -> list[Mutant]:
    """Every mutation of a site, in a fixed order."""
    found = list(_OPERATORS[site.fact.kind](site))
    found.extend(_reorder(site))
    return found


def judge(mutant: Mutant, rulebook: Rulebook) -> Verdict:
    """Lint the mutated document and decide whether the linter did the right thing.

    A breaking mutant must be flagged where the new value starts. A preserving mutant is
    flagged if its sentence gained a finding of the fact that the original did not have.
    """
    site = mutant.site
    findings = [f for f in _lint(mutant.text, rulebook, site.path) if f.rule == site.fact.id]
    document = Document(site.path, mutant.text)
    if mutant.breaking:
        line, column = document.position(mutant.start)
        return Verdict(mutant, any((f.line, f.column) == (line, column) for f in findings))
    start, end = site.sentence
    end += len(mutant.replacement) - (mutant.end - mutant.start)
    first, last = document.position(start)[0], document.position(max(start, end - 1))[0]
    before = {(f.line, f.found) for f in _findings(site.path, site.text, rulebook)
              if f.rule == site.fact.id}
    after = {(f.line, f.found) for f in findings if first <= f.line <= last}
    return Verdict(mutant, bool(after - before))


def _findings(path: str, text: str, rulebook: Rulebook) -> list[Finding]:
    """The original document's findings (a corpus of correct articles may still have some)."""
    key = (path, hash(text), rulebook.digest)
    if key not in _ORIGINAL_FINDINGS:
        _ORIGINAL_FINDINGS[key] = _lint(text, rulebook, path)
    return _ORIGINAL_FINDINGS[key]


def _lint(text: str, rulebook: Rulebook, path: str) -> list[Finding]:
    """Lint a document whose every claim must be read: a pattern that gave up stops the run."""
    for _ in range(ATTEMPTS):
        findings = lint_text(text, rulebook, path)
        gave_up = [f for f in findings if f.rule == TIMEOUT_RULE]
        if not gave_up:
            return findings
    first = gave_up[0]
    _incomplete(f"{path}:{first.line}:{first.column}: {first.message}, {ATTEMPTS} times")


def _incomplete(problem: str) -> NoReturn:
    raise FactcheckError(f"{problem}; mutation testing needs every claim read")


_ORIGINAL_FINDINGS: dict[tuple[str, int, str], list[Finding]] = {}


def sample(sites: Sequence[Site], count: int, seed: int) -> list[Mutant]:
    """Pick ``count`` mutants, spread evenly over facts and over breaking/preserving."""
    rng = random.Random(seed)
    groups: dict[tuple[str, bool], list[Mutant]] = {}
    for site in sites:
        for mutant in mutants(site):
            groups.setdefault((site.fact.id, mutant.breaking), []).append(mutant)
    for group in groups.values():
        rng.shuffle(group)
    chosen: list[Mutant] = []
    order = sorted(groups)
    while len(chosen) < count and any(groups.values()):
        for group_key in order:
            if groups[group_key] and len(chosen) < count:
                chosen.append(groups[group_key].pop())
    return chosen


@dataclass(frozen=True)
class Report:
    """Detection and false-alarm rates, per fact and overall."""

    verdicts: tuple[Verdict, ...]
    seed: int

    @classmethod
    def of(cls, verdicts: Iterable[Verdict], *, seed: int) -> Report:
        """Build a report from verdicts."""
        return cls(tuple(verdicts), seed)

    def _counts(self, fact: str | None = None) -> tuple[int, int, int, int]:
        chosen = [v for v in self.verdicts if fact is None or v.mutant.site.fact.id == fact]
        breaking = [v for v in chosen if v.mutant.breaking]
        preserving = [v for v in chosen if not v.mutant.breaking]
        return (len(breaking), sum(v.flagged for v in breaking),
                len(preserving), sum(v.flagged for v in preserving))

    @property
    def detection(self) -> float:
        """Share of breaking mutants flagged where they should be."""
        breaking, caught, _, _ = self._counts()
        return caught / breaking if breaking else 1.0

    @property
    def false_alarms(self) -> float:
        """Share of preserving mutants that raised a finding."""
        _, _, preserving, flagged = self._counts()
        return flagged / preserving if preserving else 0.0

    def facts(self) -> list[str]:
        """The facts mutated, in the order first met."""
        return list(dict.fromkeys(v.mutant.site.fact.id for v in self.verdicts))

    def failures(self) -> list[Verdict]:
        """Breaking mutants missed and preserving ones flagged."""
        return [v for v in self.verdicts if not v.correct]

    def text(self) -> str:
        """The report as text; the last line is the overall summary."""
        width = max(len(f) for f in self.facts())
        lines = [f"{'fact':<{width}}  {'caught':>12}  {'rate':>5}  {'flagged':>12}  {'rate':>5}"]
        for fact in self.facts():
            breaking, caught, preserving, flagged = self._counts(fact)
            detection = f"{caught / breaking:.2f}" if breaking else "-"
            alarms = f"{flagged / preserving:.2f}" if preserving else "-"
            lines.append(f"{fact:<{width}}  {f'{caught}/{breaking}':>12}  {detection:>5}  "
                         f"{f'{flagged}/{preserving}':>12}  {alarms:>5}")
        failures = self.failures()
        if failures:
            lines.append("")
            lines.extend(
                ("missed   " if v.mutant.breaking else "flagged  ") + v.mutant.describe()
                for v in failures
            )
        breaking, caught, preserving, flagged = self._counts()
        lines.append("")
        lines.append(f"detection {self.detection:.2f} ({caught}/{breaking}), "
                     f"false alarms {self.false_alarms:.2f} ({flagged}/{preserving})")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        """The report as JSON-ready data."""
        facts: dict[str, object] = {}
        for fact in self.facts():
            breaking, caught, preserving, flagged = self._counts(fact)
            facts[fact] = {
                "breaking": breaking, "caught": caught,
                "detection": caught / breaking if breaking else None,
                "preserving": preserving, "flagged": flagged,
                "false_alarms": flagged / preserving if preserving else None,
            }
        breaking, caught, preserving, flagged = self._counts()
        return {
            "seed": self.seed, "mutants": len(self.verdicts),
            "breaking": breaking, "caught": caught, "detection": self.detection,
            "preserving": preserving, "flagged": flagged, "false_alarms": self.false_alarms,
            "facts": facts,
            "failures": [v.mutant.describe() for v in self.failures()],
        }
