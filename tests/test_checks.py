"""Each check kind, by example: sentences that must raise a finding and sentences that must not.

The rules here are small and written for the tests, so they document the rule schema too;
the bundled fact base has its own examples (tests/test_bundled_rules.py).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.document import words_start
from factcheck.rulebook import Rulebook

from .conftest import TALKS_FACT, findings_for

ENTITY = """\
define:
  held: held|hosted|take place|convene
facts:
  - id: talks-venue
    kind: entity
    statement: The Syria peace talks are held in Astana.
    sources: [seeds/000_d3298a9f7c5e6a43.txt:14]
    subject: ["(?:peace|ceasefire) talks"]
    claims:
      - "{subject} ... (?:{held}) ... in {value}"
      - "{subject} in {value}"
      - "{value} (?:will|would) host ... {subject}"
    exclude: [earlier|previous|past]
    value: Astana
    aliases: [the Kazakh capital, Kazakhstan's capital]
    accept: [Kazakhstan]
    message: ceasefire talks are held in {expected}, not "{found}"
"""


@pytest.fixture(scope="module")
def entity(tmp_path_factory: pytest.TempPathFactory) -> Rulebook:
    from factcheck.rulebook import load_rulebook

    path = tmp_path_factory.mktemp("entity") / "rules.yaml"
    path.write_text(ENTITY, encoding="utf-8")
    return load_rulebook([path])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The peace talks will be held in Geneva next month.", "Geneva"),
        ("Ceasefire talks in Moscow are planned for January.", "Moscow"),
        ("Vienna would host the next round of peace talks.", "Vienna"),
        ("The peace talks will be held in the Kazakh capital, Almaty.", "Almaty"),
        ("The ceasefire talks, Putin said, will be held in Geneva.", "Geneva"),
        # A clause after a condition that takes the subject up again still claims.
        ("Moscow says that, if the peace talks go ahead, they will be held in Geneva.",
         "Geneva"),
        ("The peace talks, if they go ahead, will be held in Geneva.", "Geneva"),
        # Words before another conjunct, or before a time preposition, are not the
        # subject's: this meeting is the earlier one, and the delegates arrived earlier.
        ("The earlier meeting and the peace talks will be held in Geneva.", "Geneva"),
        ("Delegates arrived earlier, before the peace talks in Geneva opened.", "Geneva"),
        ("The peace talks will be held in the Kazakh capital, Almaty, officials said.",
         "Almaty"),
        # A negation in an aside, in an earlier clause or about another place negates
        # nothing of the claim.
        ("The peace talks, which Washington will not attend, will be held in Geneva.",
         "Geneva"),
        ("Officials did not say when, but the peace talks will be held in Geneva.", "Geneva"),
        ("Instead of Astana, the peace talks will be held in Geneva.", "Geneva"),
        ("Rather than in Astana, the peace talks will be held in Geneva.", "Geneva"),
        # Not knowing what is so still takes it as so.
        ("I never realised the peace talks would be held in Geneva.", "Geneva"),
        ("I didn't know the peace talks would be held in Geneva.", "Geneva"),
        ("We hadn't noticed that the peace talks are to be held in Geneva.", "Geneva"),
        # A passive reporting verb opens no clause of its own.
        ("The peace talks were announced on Monday and will be held in Geneva.", "Geneva"),
        # A question that goes on past the place takes it as given.
        ("A panel asks whether the peace talks in Geneva can produce a truce.", "Geneva"),
        # Notes' "+" and "&" join words of a gap, as "and" does.
        ("The ceasefire talks, govt + opposition, to be held in Geneva.", "Geneva"),
        ("Notes: ceasefire talks + Russia + Turkey & Iran + both sides held in Geneva.",
         "Geneva"),
        # "not ... but" sets one place aside for another, which is claimed.
        ("The peace talks will be held not in Astana but in Geneva.", "Geneva"),
        ("The peace talks will be held not in Astana, but in Geneva.", "Geneva"),
        ("The peace talks will be held NOT in Astana BUT in Geneva.", "Geneva"),
        # What the subject is set apart from ends with its noun phrase.
        ("The peace talks are separate from the truce and will be held in Geneva.", "Geneva"),
        # A wrong place and its country are one wrong value.
        ("The peace talks will be held in Geneva, Switzerland, next month.",
         "Geneva, Switzerland"),
        ("Russia would like the peace talks to be held in Geneva.", "Geneva"),  # a verb
        ("After months of delay, the peace talks will be held in Geneva.", "Geneva"),
        # "may conclude" ends the talks somewhere; it is no misreading someone could make
        ("Negotiators may conclude the peace talks in Geneva next month.", "Geneva"),
        # An accepted broader place does not stand between the subject and a wrong one.
        ("The peace talks in Kazakhstan will be held in Almaty.", "Almaty"),
        ("The peace talks won't be held in Astana but in Geneva.", "Geneva"),
        ("The peace talks will not be held in Astana, but rather in Geneva.", "Geneva"),
        # A negation after the subject denies something else; "not only" denies nothing.
        ("Geneva will host the peace talks, not the ministers' meeting.", "Geneva"),
        ("Geneva will host the summit and not only the peace talks.", "Geneva"),
        # A condition after the claim leaves it standing.
        ("The peace talks will be held in Geneva, if they happen at all.", "Geneva"),
        ("If all goes well, the peace talks will be held in Geneva.", "Geneva"),
    ],
)
def test_entity_flags_another_place(entity: Rulebook, text: str, found: str) -> None:
    [finding] = findings_for(text, entity)
    assert finding.found == found
    assert finding.message == f'ceasefire talks are held in Astana, not "{found}"'
    assert finding.column == text.index(found) + 1


NAVAL = """\
facts:
  - id: naval-facility
    kind: entity
    statement: Russia's naval facility in Syria is at Tartus.
    sources: [seeds/000_d3298a9f7c5e6a43.txt:18]
    subject: ["naval (?:facility|base)"]
    claims: ["{subject} (?:at|in) {value}"]
    exclude: [air base|Hmeymim]
    value: Tartus
"""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # An apposition after the claimed place is claimed too ...
        ("The naval facility at Tartus, Latakia, will be expanded.", ["Latakia"]),
        # ... unless exclude sets it aside where it stands: a list goes on to the air base.
        ("Russia's role: the naval facility at Tartus, the Hmeymim air base and the jets.", []),
    ],
)
def test_an_apposition_is_claimed_unless_exclude_sets_it_aside(
    rules_from: Callable[[str], Rulebook], text: str, found: list[str]
) -> None:
    assert [f.found for f in findings_for(text, rules_from(NAVAL))] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The peace talks will be held in Geneva, Switzerland, officials said.",
         ["Geneva, Switzerland"]),
        # A list of cities is no city and its country.
        ("The peace talks will be held in Geneva, Vienna, or Almaty.", ["Geneva", "Vienna"]),
    ],
)
def test_a_wrong_city_and_its_country_are_one_finding(entity: Rulebook, text: str,
                                                      found: list[str]) -> None:
    assert [f.found for f in findings_for(text, entity)] == found


def test_a_name_said_again_in_brackets_is_one_finding(entity: Rulebook) -> None:
    # a radio script's pronunciation note repeats the name: one wrong statement
    text = "The peace talks will be held in Minsk (MINSK), the capital of Belarus."
    assert [f.found for f in findings_for(text, entity)] == ["Minsk"]


def test_a_later_clause_that_does_not_disown_the_claim_leaves_it(entity: Rulebook) -> None:
    text = "The peace talks will be held in Geneva; officials confirmed it on Friday."
    assert [f.found for f in findings_for(text, entity)] == ["Geneva"]


def test_a_heading_question_answered_by_a_fragment_is_a_claim(entity: Rulebook) -> None:
    text = "## Where will the peace talks be held?\n\nIn Geneva.\n"
    [finding] = findings_for(text, entity, path="explainer.md")
    assert (finding.line, finding.column, finding.found) == (3, 4, "Geneva")


def test_a_flashcards_answer_after_its_question_is_a_claim(entity: Rulebook) -> None:
    text = "- **Where will the peace talks be held?** :: In Minsk.\n"
    [finding] = findings_for(text, entity, path="deck.md")
    assert (finding.line, finding.column, finding.found) == (1, 49, "Minsk")


@pytest.mark.parametrize(
    "text",
    [
        "The peace talks will be held in Astana.",
        "The peace talks will be held in the Kazakh capital.",
        "Peace talks will take place in Astana, Kazakhstan's capital.",
        "The peace talks will be held in Kazakhstan.",
        # The non-claims: a different meeting, an earlier round.
        "Moscow hosted the foreign ministers on Tuesday.",
        "Earlier rounds of peace talks in Geneva achieved little.",
        # Negated and contrasted values are not claims.
        "The peace talks will not be held in Geneva.",
        "The peace talks will be held in Astana rather than in Geneva.",
        "The peace talks will be held in Astana, not Geneva.",
        "The peace talks will be held not in Geneva but in Astana.",
        # A negation between the place and the subject gives the place to something else.
        "Moscow will host the ministers' meeting, not the peace talks.",
        "Geneva will host the envoys' dinner - rather than the peace talks - on Friday.",
        "The peace talks will not be held in Geneva but in Astana.",
        "The peace talks won't be in Geneva.",
        # A plan said not to exist claims nothing of what it would do.
        "There is no plan to hold the peace talks in Geneva.",
        "Officials are not aware of any plan to hold the peace talks in Geneva.",
        "Moscow ruled out any proposal to move the peace talks to Geneva.",
        # What the subject is set apart from is another case.
        "The Astana track is distinct from the peace talks in Geneva.",
        # A claim does not run from a phrase that opens the sentence into its main clause.
        "After the peace talks, the delegation was held in Geneva for a day.",
        "As the peace talks ended, the delegation was held in Geneva for a day.",
        # ... nor from a condition or time set off by commas into the clause after it.
        "Next year we will be in Astana, if the peace talks are held at all, and in Geneva.",
        "The envoy, once the peace talks are held, will stay on in Vienna for a trade fair.",
        # What is called a mistake to think is not claimed.
        "It is a common mistake to think the peace talks were in Geneva.",
        "The misconception that the peace talks are held in Geneva persists.",
        # A clause that only supposes claims nothing, whether it opens the sentence or not.
        "If they had held the peace talks in Tartus, I would have sold them fish.",
        "Had the peace talks been held in Minsk, the rebels would have stayed away.",
        "Unless the peace talks take place in Geneva, the rebels will stay away.",
        "What if the peace talks had been held in Geneva instead, under the UN?",
        "What if the peace talks had been held in Geneva?",
        "The rebels said that, if the peace talks were held in Minsk, they would stay away.",
        # Geneva is there, but not tied to the talks.
        "Diplomats flew in from Geneva; the peace talks will be held in Astana.",
        "Putin spoke in Moscow about the peace talks.",
        # A name after the value that starts a clause of its own says who claims it.
        "The peace talks will be held in Astana, Moscow said on Friday.",
        "The peace talks will be held in Astana, Geneva diplomats have confirmed.",
        # A later clause of the sentence disowns what another paper claimed.
        "A daily insisted the peace talks would be held in Istanbul; nothing in the official "
        "statements supports that.",
        "A tabloid said the peace talks would be held in Geneva, but that is not the case.",
        # A correction names the piece that placed them wrongly.
        "A graphic placed the peace talks in Geneva.",
        # A question someone asks, or nobody can answer yet, that ends on the place.
        "You asked whether the peace talks would be held in Geneva.",
        "It is still unclear if the peace talks will be held in Geneva or Vienna.",
    ],
)
def test_entity_stays_silent(entity: Rulebook, text: str) -> None:
    assert findings_for(text, entity) == []


QUANTITY = """\
facts:
  - id: evacuees
    kind: quantity
    statement: About 34,000 to 35,000 people were evacuated from eastern Aleppo.
    sources: [seeds/003_b8548251b1195867.txt:1]
    subject: [evacuat\\w*]
    unit: [people, civilians, fighters, residents]
    claims:
      - "{value} (?:\\\\w+ ){0,2}?{unit} ... {subject}"
      - "{subject} (?:of )?{value} (?:\\\\w+ ){0,2}?{unit}"
    min: 34000
    max: 35000
    approx: 5%
"""


@pytest.mark.parametrize(
    "text",
    [
        "About 45,000 people were evacuated.",
        "Some 20 000 civilians were evacuated.",
        "More than 40,000 people were evacuated.",
        "Fewer than 30,000 people were evacuated.",
        "The evacuation of 50k fighters and civilians ended on Thursday.",
        "Twenty thousand residents were evacuated.",
    ],
)
def test_quantity_flags_figures_outside_the_range(rules_from: Callable[[str], Rulebook],
                                                  text: str) -> None:
    [finding] = findings_for(text, rules_from(QUANTITY))
    assert finding.expected == "34,000-35,000"


@pytest.mark.parametrize(
    "text",
    [
        "About 34,000 people were evacuated.",
        "Some 35 000 fighters and civilians were evacuated.",
        "Nearly 35,000 people were evacuated.",
        "More than 30,000 people were evacuated.",
        "Thirty-four thousand people were evacuated.",
        "Between 34,000 and 35,000 people were evacuated.",
        "The evacuation of about 36,000 people ended on Thursday.",  # within the hedge
        "The city had 2 million residents before the war.",  # no subject
        "Some 10,000 shells fell while people were evacuated.",  # not the counted noun
        # A part of the figure is not the whole.
        "About 34,000 people, including 4,000 fighters, were evacuated.",
        "Some 35,000 civilians were evacuated, among them about 3,000 fighters.",
    ],
)
def test_quantity_accepts_hedged_and_reformatted_figures(rules_from: Callable[[str], Rulebook],
                                                         text: str) -> None:
    assert findings_for(text, rules_from(QUANTITY)) == []


MONEY = """\
facts:
  - id: appeal
    kind: quantity
    statement: The winter appeal raised 2,000 pounds.
    sources: [seeds/003_b8548251b1195867.txt:1]
    subject: [winter appeal]
    claims: ["{subject} raised {value}"]
    value: 2000
    money: true
"""


def test_a_sum_of_money_claims_only_a_fact_about_money(
        rules_from: Callable[[str], Rulebook]) -> None:
    # "£540" counts no people ...
    assert findings_for("The evacuation of $45,000 in residents' savings was blocked.",
                        rules_from(QUANTITY)) == []
    # ... but it is what a money fact is about
    assert [f.found for f in findings_for("The winter appeal raised £5,000.",
                                          rules_from(MONEY))] == ["£5,000"]
    assert findings_for("The winter appeal raised £2,000.", rules_from(MONEY)) == []


DATE = """\
define:
  began: began|started|erupted|broke out
facts:
  - id: war-start
    kind: date
    statement: The war began in March 2011.
    sources: [seeds/003_b8548251b1195867.txt:1]
    subject: ["(?:civil )?war", conflict]
    claims: ["{subject} ... (?:{began}) (?:\\\\w+ ){0,3}?in {value}"]
    value: 2011-03
"""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The civil war broke out in 2012.", "2012"),
        ("The conflict, which began in April 2011, goes on.", "April 2011"),
        ("The war started back in mid-2013.", "mid-2013"),
        # An aside with a decimal point in it is still one word of the gap.
        ("The war, which has forced 4.8 million people to flee, began in 2012.", "2012"),
        ("The war - which has cost 1.5 million homes - began in 2012.", "2012"),
        # ... and so is one set off by typewriter dashes.
        ("The civil war -- the years in which no road to the coast was open and no fuel"
         " came in -- began in 2012.", "2012"),
        # A correction's own clause ends where the claim starts.
        ("An earlier version misspelled a name, but the civil war broke out in 2012.", "2012"),
        ("Our earlier report was right: the war began in 2012.", "2012"),
        # An attribution set off by commas is an aside.
        ("The war, the monitor said on Friday, began in 2012.", "2012"),
        # ... and so is a reference in square brackets, as a court bundle cites its pages.
        ("The civil war [HB/D/3] with its many fronts began in 2012.", "2012"),
        # A comparison reaches to its comma only.
        ("The civil war, like the Arab Spring, began in 2012.", "2012"),
        # A reporting verb inside a relative clause leaves the claim to the clause's subject.
        ("The civil war, which the UN says began in 2012, goes on.", "2012"),
        ("The war, historians told reporters on Friday, began in 2012.", "2012"),
        # A reporting verb that opens no clause: a relative clause without "that" ends on
        # it and the main verb follows, or it is a passive.
        ("The war the historians said was over began in 2012.", "2012"),
        ("The war the monitor announced was over began in 2012.", "2012"),
        # An aside inside an opening phrase belongs to it.
        ("During the civil war, which began in 2012, Aleppo was divided.", "2012"),
        ("The civil war broke out not in March 2011 but in 2012.", "2012"),
        # A question that goes on past the value takes it as given.
        ("Will the war that began in 2012 ever end?", "2012"),
        # A season of the right year is wrong when the month is not in it.
        ("The civil war broke out in the winter of 2011.", "the winter of 2011"),
        # "No" that opens a sentence of another kind rebuts nothing.
        ("The civil war broke out in 2012. No one saw it coming.", "2012"),
        ("The civil war broke out in 2012. No. 10 said so on Friday.", "2012"),
        ("The civil war broke out in 2012. I think that's right.", "2012"),
        ("My uncle says the civil war broke out in 2012. I told him that is right.", "2012"),
        ("The civil war broke out in 2012, which confused many of us at first.", "2012"),
        ("The civil war broke out in 2012, and we kept posting updates.", "2012"),
        ("The civil war broke out in 2012, no doubt about it.", "2012"),
        # A claim of the writer's own, put after a colon, is no claim examined.
        ("Claim 3: the civil war broke out in 2012.", "2012"),
        # A question that is not about it asks nothing of it.
        ("The civil war broke out in 2012. Is that why they left?", "2012"),
        # A yes/no question answered "Yes" affirms what it asks.
        ("Q. Is it true the civil war began in 2012?\nA. Yes.", "2012"),
        # A condition opening the sentence leaves the claim after it standing, and so does
        # an "and" that goes on to something else.
        ("If you ask me, the civil war broke out in 2012.", "2012"),
        ("The civil war broke out in 2012, and that was only the start.", "2012"),
        # Saying what someone meant picks out which thing, unless it follows their quoted
        # words.
        ("A pundit says the civil war broke out in 2012. He means the war, not the protests.",
         "2012"),
        # A line that is named, or whose timecode is given, is still said when nothing
        # corrects it.
        ('Her best line, "the war began in 2012", got a laugh.', "2012"),
    ],
)
def test_date_flags_another_year_or_month(rules_from: Callable[[str], Rulebook], text: str,
                                          found: str) -> None:
    [finding] = findings_for(text, rules_from(DATE))
    assert (finding.found, finding.expected) == (found, "March 2011")


@pytest.mark.parametrize(
    "text",
    [
        "The civil war broke out in 2011.",
        "The conflict, which began in March 2011, goes on.",
        "The civil war broke out in the spring of 2011.",
        "The city had 2 million residents before the war.",  # the non-claim
        "The war began in 2011 and reached Aleppo in 2012.",  # 2012 is not the start
        # A comparison names another case.
        "The civil war was the local version of the wave that started in Tunisia in 2010.",
        "In 2013 the war spread east.",
        "The civil war broke out not in 2012 but in 2011.",
        # A contraction negates as its two words do.
        "The civil war hasn't, as some say, started in 2012.",
        "The civil war hadn’t started in 2010.",
        # Corrections quote what a story used to say.
        "An earlier version of this story said the civil war broke out in 2012.",
        "This article has been corrected. It originally said the war began in 2012.",
        "A previous version of this report misstated that the war began in 2012.",
        "We also said the war, now in its sixth year, broke out in 2012.",
        # ... and so does a corrections list, naming the piece.
        "A profile on Sunday said the Syrian war began in 2012. It began in March 2011.",
        "Our timeline graphic said the civil war broke out in 2012.",
        "A timeline in our weekend edition said the civil war broke out in 2012.",
        # ... and a fact-check's heading, the claim it examines.
        '## Claim 3: "The civil war broke out in 2012"',
        "The sub caught a standfirst on page one that said the civil war broke out in 2012.",
        # A claim someone made, then denied in a sentence of its own.
        "A pundit claimed the civil war broke out in 2012. It did not.",
        # ... and an editor's query, naming the copy.
        "Para 16 has the civil war breaking out in 2012; it began in March 2011.",
        'Filed copy had "the war began in 2012". Changed to 2011.',
        # A that-clause under a denial is not asserted, nor are a few quoted words a style
        # note names.
        "The report does not say, as others did, that the civil war broke out in 2012.",
        "The report doesn't say that the civil war broke out in 2012.",
        "It isn’t true that the civil war broke out in 2012.",
        'Avoid "the war began in 2012" in headlines.',
        'Please don\'t let anyone write "the war began in 2012" again.',
        # ... or that people habitually write.
        'Students often write "the war began in 2012" in their essays.',
        # A relative clause that dates the war is no aside to skip to a later date.
        "The civil war, which broke out in 2011, and the uprising that started in 2012.",
        # A misreading someone could make; copy a reviewer names by page and line; a
        # manuscript under review.
        "A reader could think the civil war broke out in 2012.",
        'p. 3, l. 14: "the war began in 2012" - please check.',
        # ... or that a producer's or sub's note corrects by its line or timecode, or says
        # what it meant.
        'The script\'s line "the war began in 2012" at 19\'02" should read "began in 2011".',
        '"The war began in 2012" on page 4 should read "2011".',
        'Cut "the war began in 2012" from the intro.',
        'Please replace "the war began in 2012" with something vaguer.',
        'The host mentions "the war began in 2012" at 12:40. He is referring to the first'
        " sieges, not the war.",
        "The manuscript states that the civil war broke out in 2012.",
        "A reader says our 07:00 story said the civil war broke out in 2012.",
        # An embedded question asks what it would otherwise claim.
        "You asked whether the handout is right that the civil war broke out in 2012.",
        # A presenter's card prepares for what a guest might say.
        "If a guest says the civil war broke out in 2012: it began in March 2011.",
        "If a guest cites a report that the civil war broke out in 2012, correct it.",
        # A correction's "That total was wrong." disowns the sentence before it.
        "A briefing said the civil war broke out in 2012. That date was wrong.",
        "A briefing said the civil war broke out in 2012. That was a typo.",
        # ... and so does someone's verdict on it.
        "An agency says the civil war broke out in 2012. Our fixer says that is nonsense.",
        # ... or someone who puts it right.
        "A neighbour says the civil war broke out in 2012. Her son corrects her at once.",
        "The caller insisted the civil war broke out in 2012. The host quickly corrected him.",
        # ... or the writer who tells the speaker otherwise.
        "My uncle insists the civil war broke out in 2012. I told him that was the year of"
        " the first sieges.",
        # ... or a checker's bare verdict on it.
        'MS: "The civil war broke out in 2012." CHANGED. It began in March 2011.',
        "A reader says the civil war broke out in 2012. Wrong.",
        # ... or the writer's doubt of it.
        "A reader says the civil war broke out in 2012. I don't think that's right.",
        "Your pitch says the civil war broke out in 2012. I do not think that holds.",
        # ... or a question that puts it in doubt.
        "I read somewhere that the civil war broke out in 2012. Is that wrong?",
        # ... or a flat "No." rebutting it, as a briefing rebuts what a guest may say.
        '- "The civil war broke out in 2012." No. It began in March 2011.',
        '- "The civil war broke out in 2012." No, it began in March 2011.',
        'MS: "the civil war broke out in 2012 and" CHANGED.',
        # ... or a verdict naming what was wrong, after a dash.
        'The template read "the civil war broke out in 2012" - wrong year; fixed.',
        # ... or the next sentence giving the value it should have.
        "A briefing said the civil war broke out in 2012. The true date was March 2011.",
        # What others took for granted is theirs.
        "It surprised people who assumed the civil war broke out in 2012.",
        # What others keep repeating, or should check before they post, is theirs.
        'Readers keep posting "the civil war broke out in 2012" under our story.',
        'Check a timeline before posting "the civil war broke out in 2012" again.',
        # A clause after the claim that calls it wrong.
        "A caller said the civil war broke out in 2012, which is just wrong.",
        # ... or that says it takes one thing for another.
        'One panel says the civil war "broke out in 2012", which mixes up the war with the'
        " first sieges.",
        "A caller said the civil war broke out in 2012, which confuses it with the battle"
        " for Aleppo.",
        # A value its speaker takes back at once.
        "The civil war broke out in 2012 - no, sorry, in March 2011.",
        "A listener writes: I thought the civil war broke out in 2012. When did it start?",
        "We had always assumed that the civil war broke out in 2012.",
        # What nobody expects or says is not claimed.
        "Nobody I speak to expects the civil war to have broken out in 2012.",
        "No one seriously thinks the civil war broke out in 2012.",
        # A hypothetical supposes it.
        "Is there any scenario in which the civil war broke out in 2012, as some say?",
        "In the event that the civil war broke out in 2012, the archive is wrong.",
        # ... and so does a condition, or what did not happen.
        "If the civil war broke out in 2012, the archive is wrong.",
        "If the civil war had broken out in 2012, she would have finished school first.",
        "Had the civil war broken out in 2012, the family would have left sooner.",
        "Officials said that, unless the civil war broke out in 2012, the papers are forged.",
        # A yes/no question asks what it ends on.
        "Is it true that the civil war broke out in 2012?",
        # ... and so does an embedded one.
        "You asked whether the civil war broke out in 2012.",
        # ... and one answered "No" denies it, in a transcript too.
        "Is it true the civil war began in 2012? No.",
        "Q. Is it true the civil war began in 2012?\nA. No. It began in March 2011.",
        # A denial that goes on to the fact.
        "A caller said the civil war broke out in 2012. It did not: it began in March 2011.",
        # A speaker who puts their own figure right.
        "A guest claimed the civil war broke out in 2012 and then corrected herself to 2011.",
        # A first draft's slip, reported.
        "His first draft said the civil war broke out in 2012; he fixed it himself.",
        # ... or someone who puts the speaker right, in the same sentence.
        "My uncle always said the civil war broke out in 2012, and every time my aunt"
        " corrected him.",
        # In notes, a date that closes an item belongs to that item: the sieges' date is
        # not the war's.
        "Timeline notes: civil war March 2011, sieges started in 2012, Russian jets in 2015.",
        'CALLER: "Did the war begin in 2012 or 2013?" We said March 2011.',
        # What follows a reporting verb is a clause of its own.
        "The war monitor said fighting began in 2012 in Idlib.",
        "The war monitor reported that fighting began in 2012 in Idlib.",
    ],
)
def test_date_stays_silent(rules_from: Callable[[str], Rulebook], text: str) -> None:
    assert findings_for(text, rules_from(DATE)) == []


@pytest.mark.parametrize(("verdict", "found"), [("FALSE", []), ("UNTRUE", []),
                                                 # ... or a review sheet's decision
                                                 ("REJECT", []), ("REJECTED", []),
                                                 ("VERIFIED", ["2012"]), ("ACCEPT", ["2012"])])
def test_a_fact_check_tables_verdict_disowns_its_row(
    rules_from: Callable[[str], Rulebook], verdict: str, found: list[str]
) -> None:
    text = ("| # | Claim | Verdict | Note |\n|---|---|---|---|\n"
            f"| 7 | A post says the civil war broke out in 2012 | {verdict} | Checked. |\n")
    assert [f.found for f in findings_for(text, rules_from(DATE), path="log.md")] == found


@pytest.mark.parametrize(
    ("rules", "text", "found"),
    [
        # A quotation the next sentence puts right, by stating the fact ...
        (ENTITY, 'A caller insisted that "the peace talks will be held in Geneva". In fact'
                 " the peace talks will be held in Astana.", []),
        (QUANTITY, 'She told the court that "50,000 people were evacuated". About 35,000'
                   " people were evacuated, the Red Cross says.", []),
        (ENTITY, 'One guest said "the peace talks are in Geneva, not Astana", but the peace'
                 " talks are in Astana.", []),
        # ... within two sentences, when the quotation ends its own sentence ...
        (ENTITY, 'A caller insisted that "the peace talks will be held in Geneva." The host'
                 " thanked him. The peace talks will be held in Astana.", []),
        # ... or by saying what the quoted name really is.
        (NAVAL, 'Avoid: "the naval base at Latakia." Latakia is a port city and a province.',
         []),
        # ... or, for a date or a figure, by saying what it really was.
        (DATE, 'Her father says the war "broke out in 2012". It was March 2011, and he'
               " knows it.", []),
        (QUANTITY, 'The leaflet says "50,000 people were evacuated". It was about 35,000.', []),
        (DATE, 'Her father says the war "broke out in 2012". It was marked by protests.',
         ["2012"]),
        (ENTITY, 'A caller insisted that "the peace talks will be held in Geneva". It was'
                 " 2016.", ["Geneva"]),
        # A quotation left standing, or "corrected" with another wrong value, is a claim.
        (ENTITY, 'A caller insisted that "the peace talks will be held in Geneva". The caller'
                 " hung up.", ["Geneva"]),
        (ENTITY, 'A caller insisted that "the peace talks will be held in Geneva". In fact'
                 " the peace talks will be held in Vienna.", ["Geneva", "Vienna"]),
        # (A flat "No," rebuts the quotation whatever follows: the draft claims Vienna.)
        (ENTITY, 'A caller insisted that "the peace talks will be held in Geneva". No, the'
                 " peace talks will be held in Vienna.", ["Vienna"]),
        (NAVAL, 'Avoid: "the naval base at Latakia." Latakia hosts the air base.', ["Latakia"]),
        # Three sentences on is too far.
        (ENTITY, 'A caller insisted that "the peace talks will be held in Geneva." The host'
                 " thanked him. He hung up. The peace talks will be held in Astana.", ["Geneva"]),
        (ENTITY, "A caller insisted that the peace talks will be held in Geneva. Latakia is a"
                 " port.", ["Geneva"]),
        # A quotation its attribution follows is read on its own (a known limit).
        (ENTITY, '"The peace talks will be held in Geneva," a caller insisted. In fact the'
                 " peace talks will be held in Astana.", ["Geneva"]),
    ],
)
def test_a_quotation_the_draft_then_corrects_is_not_its_claim(
    rules_from: Callable[[str], Rulebook], rules: str, text: str, found: list[str]
) -> None:
    assert [f.found for f in findings_for(text, rules_from(rules))] == found


TRUCE = """\
facts:
  - id: truce-date
    kind: date
    statement: The local truce took effect on December 15, 2016.
    sources: [seeds/004_a55dd7fcd1a46178.txt:19]
    subject: ["(?:local )?truce"]
    claims: ["{subject} ... took effect on {value}"]
    exclude: [nationwide|countrywide]
    exclude-sentence: [Idlib]
    value: 2016-12-15
"""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Talks produced a local truce. It took effect on 13 December 2016.", ["13 December 2016"]),
        # A bracket after the claim is an aside: exclude does not look into it.
        ("The local truce took effect on 13 December 2016 (a nationwide one came later).",
         ["13 December 2016"]),
        # A pronoun does not stand for a subject that exclude sets aside where it is named.
        ("Ankara talked up a nationwide truce. It took effect on 30 December 2016.", []),
        # ... unless the sentence names the subject elsewhere as well.
        ("After a nationwide truce was floated, a truce was agreed for Aleppo. It took effect"
         " on 13 December 2016.", ["13 December 2016"]),
        # Nor does "that truce" after one exclude sets aside; it does after the subject.
        ("Ankara talked up a nationwide truce. That truce took effect on 30 December 2016.", []),
        ("Talks produced a local truce. That truce took effect on 13 December 2016.",
         ["13 December 2016"]),
        # ... and "that truce" in the same sentence as one exclude sets aside is that one.
        ("Ankara talked up a nationwide truce through the autumn and on into the winter, and"
         " that truce took effect on 30 December 2016.", []),
        ("Talks produced a local truce through the autumn and on into the winter, and that"
         " truce took effect on 13 December 2016.", ["13 December 2016"]),
        # "That truce" after a sentence about something else is that thing's truce.
        ("Fighting flared in Idlib. That truce took effect on 30 December 2016.", []),
        ("Fighting flared in Hama. That truce took effect on 30 December 2016.",
         ["30 December 2016"]),
    ],
)
def test_a_pronoun_stands_only_for_a_subject_not_set_aside(
    rules_from: Callable[[str], Rulebook], text: str, found: list[str]
) -> None:
    assert [f.found for f in findings_for(text, rules_from(TRUCE))] == found


BASE = """\
facts:
  - id: naval-base
    kind: entity
    statement: Russia's naval base in Syria is at Tartus.
    sources: [https://example.com/story]
    subject: ["naval base"]
    claims: ["{subject} is in {value}"]
    value: Tartus
"""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # "The base" names again the naval base the sentence before named ...
        ("Russia's naval base is to be enlarged. The base is in Latakia.", ["Latakia"]),
        ("Russia's naval base is to be enlarged. The base is in Tartus.", []),
        # ... but not another thing, nor across a paragraph break.
        ("Russia's naval base is to be enlarged. The port is in Latakia.", []),
        ("Russia's naval base is to be enlarged.\n\nThe base is in Latakia.", []),
    ],
)
def test_a_definite_description_names_again_the_subject_before_it(
    rules_from: Callable[[str], Rulebook], text: str, found: list[str]
) -> None:
    assert [f.found for f in findings_for(text, rules_from(BASE))] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Speech and notes open a sentence with a relative "Which" that goes on about
        # what the sentence before named, as "It" would.
        ("Putin ordered the naval base enlarged. Which is in Latakia, on the coast.",
         ["Latakia"]),
        ("Putin ordered the naval base enlarged. Which is in Tartus, on the coast.", []),
        # ... within the paragraph only.
        ("Putin ordered the naval base enlarged.\n\nWhich is in Latakia, on the coast.", []),
    ],
)
def test_a_sentence_opening_with_which_goes_on_about_the_one_before(
    rules_from: Callable[[str], Rulebook], text: str, found: list[str]
) -> None:
    assert [f.found for f in findings_for(text, rules_from(BASE))] == found


def test_that_before_a_plural_joins_a_clause_and_names_nothing_again(
    rules_from: Callable[[str], Rulebook],
) -> None:
    talks = (
        "facts:\n" + TALKS_FACT.replace("subject: [peace talks]", "subject: [talks]")
        + "    exclude: [failed]\n"
    )
    text = ("The failed talks in Geneva dragged on through the autumn and the winter, and"
            " Moscow has now announced that talks will open in Minsk.")
    assert [f.found for f in findings_for(text, rules_from(talks))] == ["Minsk"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # In a transcript, "It" in a turn stands for what the turn before was about.
        ("DANA: Remind us how long the civil war has gone on.\n\n"
         "KARIM: It broke out in 2013, with protests.\n", ["2013"]),
        ("DANA: Remind us how long the civil war has gone on.\n\n"
         "KARIM: It broke out in 2011, with protests.\n", []),
        ("Q: Remind us how long the civil war has gone on.\n\n"
         "A: It broke out in 2013, with protests.\n", ["2013"]),
        # Without speakers, a new paragraph is a new subject: "It" is not the war.
        ("The civil war has gone on for years.\n\nIt broke out in 2013, some say.\n", []),
        # A live blog's entry labels and a dateline are no speakers.
        ("BREAKING: The civil war has reached the coast.\n\n"
         "UPDATE: It broke out in 2013 on the outskirts, residents say.\n", []),
        ("DAMASCUS: The civil war has reached the coast.\n\n"
         "BEIRUT: It broke out in 2013 on the outskirts, residents say.\n", []),
    ],
)
def test_a_pronoun_answers_the_turn_before_in_a_transcript(
    rules_from: Callable[[str], Rulebook], text: str, found: list[str]
) -> None:
    assert [f.found for f in findings_for(text, rules_from(DATE))] == found


WAR_START = """\
facts:
  - id: war-start
    kind: date
    statement: The war began in March 2011.
    sources: [seeds/003_b8548251b1195867.txt:1]
    subject: ["(?:civil )?war"]
    claims: [CLAIM]
    value: 2011-03
"""


def war_start(claim: str) -> str:
    """A rule file with one fact, the war's start, claimed by the (YAML-quoted) ``claim``."""
    return WAR_START.replace("CLAIM", claim)


FRONTED = war_start('"^(?:in )?{value},? (?:the )?{subject} (?:began|broke out)"')


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("In 2012, the war broke out in the south.", ["2012"]),
        # A speaker's label or a subtitle's cue comes before what the sentence says.
        ("KARIM: In 2012, the war broke out in the south.", ["2012"]),
        ("[NARRATOR] In 2012, the war broke out in the south.", ["2012"]),
        ("12\n00:00:48,200 --> 00:00:52,700\n(VOICEOVER, archive) In 2012,\n"
         "the war broke out in the south.", ["2012"]),
        # So do a script's timecode and a quotation's opening mark.
        ('00:00:24    CAPTION: "In 2012, the war broke out in the south."', ["2012"]),
        ("[03:05] In 2012, the war broke out in the south, as I said.", ["2012"]),
    ],
)
def test_a_speakers_label_is_not_part_of_the_sentence(
    rules_from: Callable[[str], Rulebook], text: str, found: list[str]
) -> None:
    assert [f.found for f in findings_for(text, rules_from(FRONTED))] == found


DATED_FIRST = war_start('"(?:in|on) {value},? ... {subject} (?:began|broke out)"')


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("In 2012 the war broke out.", ["2012"]),
        # A phrase the comma closes dates nothing: the value is still the war's.
        ("In 2012, after months of protest, the war broke out.", ["2012"]),
        # A value set before or after the event is another event's.
        ("In 2013, two years after the war broke out, the family fled.", []),
        ("Our house burned in May 2012, weeks after the war broke out.", []),
        ("The school closed in 2014, just before the civil war began in earnest.", []),
    ],
)
def test_a_value_dated_from_the_event_is_not_its_date(
    rules_from: Callable[[str], Rulebook], text: str, found: list[str]
) -> None:
    assert [f.found for f in findings_for(text, rules_from(DATED_FIRST))] == found


def test_a_label_in_capitals_naming_the_subject_heads_a_fact_box_line(
    rules_from: Callable[[str], Rulebook]
) -> None:
    rules = rules_from(war_start('"^{subject}:\\\\s*{value}"'))
    text = "CIVIL WAR: April 2012, with the first protests in the south."
    assert [f.found for f in findings_for(text, rules)] == ["April 2012"]


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("KARIM: In 2012, the war broke out.", "In 2012, the war broke out."),
        ("[WOMAN, in Arabic] They told us to leave at once.", "They told us to leave at once."),
        # A fact box's short line in capitals keeps its label.
        ("VENUE: Geneva", "VENUE: Geneva"),
        ("DEATH TOLL: 6 killed in Hama", "DEATH TOLL: 6 killed in Hama"),
        ("CAPTION: Since 2013 the city had been cut in two.",
         "Since 2013 the city had been cut in two."),
        ("[1] Figures are from the UN and the Red Cross.",
         "[1] Figures are from the UN and the Red Cross."),
        ('00:17:02    CAPTION: "On 13 December a truce was agreed."',
         'On 13 December a truce was agreed."'),
        ("[01:30] Let me start with the chronology.", "Let me start with the chronology."),
        ('KARIM: "They told us to leave at once," she said.',
         'They told us to leave at once," she said.'),
        # A quotation that opens a sentence keeps its mark: a correction quotes its error.
        ('"Vladimir Puttin" in the alt text was corrected.',
         '"Vladimir Puttin" in the alt text was corrected.'),
        # A time that is what the line says stays: "10:30 Talks resume" is too short to
        # be a cue's words.
        ("10:30 Talks resume", "10:30 Talks resume"),
    ],
)
def test_what_a_sentence_says_starts_after_a_speakers_label(sentence: str, said: str) -> None:
    assert sentence[words_start(sentence, 0, len(sentence)):] == said


FACT_BOX = war_start('"^{heading} (?:began|started):\\\\s*{value}"')


@pytest.mark.parametrize(
    ("text", "path", "found"),
    [
        # A fact box's heading names what its lines are about.
        ("**The war**\n- Began: April 2013, with protests in Deraa\n", "box.md", ["April 2013"]),
        ("**The war**\n- Began: March 2011, with protests in Deraa\n", "box.md", []),
        ("## The war\n\n- Started: 2013\n- Deaths: many\n", "box.md", ["2013"]),
        ("The war\nBegan: 2013\n", "box.txt", ["2013"]),
        # ... down through its other lines, whatever they say,
        ("**The war**\n- Deaths: many\n- Now in its sixth year, with no end in sight\n"
         "- Began: 2013\n", "box.md", ["2013"]),
        # ... but not past a sentence of prose, nor from a heading about something else.
        ("The war\nMany fled in 2014, residents said. Began: 2013\n", "box.txt", []),
        ("**The siege**\n- Began: 2013\n", "box.md", []),
        # Without a heading, {heading} matches nothing.
        ("Began: 2013\n", "box.txt", []),
        ("The war has raged for years.\nBegan: 2013\n", "box.txt", []),
    ],
)
def test_a_heading_names_the_subject_of_the_fact_box_below_it(
    rules_from: Callable[[str], Rulebook], text: str, path: str, found: list[str]
) -> None:
    assert [f.found for f in findings_for(text, rules_from(FACT_BOX), path=path)] == found


UNDERSTOOD = war_start('"^{understood} (?:fighting|it all) (?:began|started) in {value}"')


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # The sentence before names the subject; this one goes on about it.
        ("Nobody foresaw the war. Fighting began in 2013 in Deraa.", ["2013"]),
        ("Nobody foresaw the civil war. Fighting began in March 2011.", []),
        # ... and the engine reads the two together wherever the first one recurs,
        ("Rain fell. Nobody foresaw the war. Fighting began in 2013.", ["2013"]),
        # ... but not across a paragraph, nor after a sentence about something else,
        ("Nobody foresaw the war.\n\nFighting began in 2013.", []),
        ("Nobody foresaw the drought. Fighting began in 2013.", []),
        # ... nor two sentences on, nor without the sentence before.
        ("Nobody foresaw the war. Rain fell. Fighting began in 2013.", []),
        ("Fighting began in 2013.", []),
        # A sentence that names the subject itself is read as itself.
        ("Nobody foresaw it. The war began in 2013.", []),
    ],
)
def test_a_sentence_may_go_on_about_the_subject_the_one_before_named(
    rules_from: Callable[[str], Rulebook], text: str, found: list[str]
) -> None:
    assert [f.found for f in findings_for(text, rules_from(UNDERSTOOD), path="u.txt")] == found


def test_understood_is_not_the_subject_written_out(rules_from: Callable[[str], Rulebook]) -> None:
    # Patterns without {understood} read the sentence after as before: on its own.
    rules = rules_from(war_start('"^(?:fighting|it all) (?:began|started) in {value}"'))
    assert findings_for("Nobody foresaw the war. Fighting began in 2013.", rules) == []


TIMELINE = """\
define:
  dated: "^{value}(?:,|:| -| –| —)?"
facts:
  - id: truce-date
    kind: date
    statement: The truce was reached on December 15, 2016.
    sources: [seeds/004_a55dd7fcd1a46178.txt:19]
    subject: [truce]
    claims: ["{dated} (?:[\\\\w'-]+ ){0,3}?{subject}"]
    value: 2016-12-15
"""


def test_a_date_across_table_cells_is_quoted_as_written(
    rules_from: Callable[[str], Rulebook]
) -> None:
    table = "| Month | Year | Event |\n|---|---|---|\n| March | 2016 | Local truce reached |\n"
    [finding] = findings_for(table, rules_from(TIMELINE), path="t.md")
    assert finding.found == "March | 2016"
    assert finding.message.endswith('not "March | 2016"')


@pytest.mark.parametrize(("day", "found"), [("18 Dec", ["18 Dec"]), ("15 Dec", [])])
def test_a_timeline_row_dates_its_event(rules_from: Callable[[str], Rulebook], day: str,
                                        found: list[str]) -> None:
    table = f"| Date | Event |\n|:--|:--|\n| {day} | Local truce reached |\n"
    assert [f.found for f in findings_for(table, rules_from(TIMELINE), path="t.md")] == found


DURATION = """\
facts:
  - id: siege
    kind: duration
    statement: The siege lasted five months.
    sources: [seeds/001_2837ae8c19e6739a.txt:23]
    subject: [siege]
    claims: ["{value}(?:-long)? {subject}", "{subject} (?:lasted|of) {value}"]
    value: 5 months
"""


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Defences collapsed after a three-month siege.", "flag"),
        ("The siege lasted a year.", "flag"),
        ("The siege lasted 20 days.", "flag"),
        ("The siege lasted 2.5 months.", "flag"),
        ("The siege lasted 4.9 months.", "pass"),
        ("Defences collapsed after a five-month siege.", "pass"),
        ("The siege lasted 150 days.", "pass"),
        ("The siege lasted 22 weeks.", "pass"),
        ("The siege lasted about five months.", "pass"),
        ("Five years after the siege, the city is rebuilt.", "pass"),
    ],
)
def test_duration_converts_units(rules_from: Callable[[str], Rulebook], text: str,
                                 verdict: str) -> None:
    assert bool(findings_for(text, rules_from(DURATION))) == (verdict == "flag")


PERSON = """\
facts:
  - id: sergei-shoigu
    kind: person
    statement: Sergei Shoigu is Russia's defence minister.
    sources: [seeds/000_d3298a9f7c5e6a43.txt:10]
    name: Sergei Shoigu
    variants: [Sergey Shoigu, Shoigu]
    role: Russian defence minister
    titles: [defence minister, minister]
    of: [Russia, Russian]
"""


@pytest.mark.parametrize(
    ("text", "found", "message"),
    [
        ("Sergei Shoygu told Putin.", "Sergei Shoygu",
         'the name is spelled "Sergei Shoigu", not "Sergei Shoygu"'),
        ("Foreign Minister Sergei Shoigu said.", "Foreign Minister",
         'Sergei Shoigu is Russian defence minister, not "Foreign Minister"'),
        ("Turkish Defence Minister Sergei Shoigu said.", "Turkish Defence Minister",
         'Sergei Shoigu is Russian defence minister, not "Turkish Defence Minister"'),
        ("Shoigu, the interior minister, said.", "interior minister",
         'Sergei Shoigu is Russian defence minister, not "interior minister"'),
        # "as" and "at" before a name are English words, not an Arabic article.
        ("Reporters at Sergei Shoygu's briefing asked.", "Sergei Shoygu",
         'the name is spelled "Sergei Shoigu", not "Sergei Shoygu"'),
        ("The minister, known as Sergei Shoygu, said.", "Sergei Shoygu",
         'the name is spelled "Sergei Shoigu", not "Sergei Shoygu"'),
        # A negation does not make a misspelling right.
        ("It was not Sergei Shoygu who spoke.", "Sergei Shoygu",
         'the name is spelled "Sergei Shoigu", not "Sergei Shoygu"'),
        ("Unlike Sergei Shoygu, Lavrov stayed away.", "Sergei Shoygu",
         'the name is spelled "Sergei Shoigu", not "Sergei Shoygu"'),
        # Only a quoted spelling is one the next sentence may call a typo.
        ("The agency wrote to Sergei Shoygu. That is a typo in its letter.", "Sergei Shoygu",
         'the name is spelled "Sergei Shoigu", not "Sergei Shoygu"'),
        ("As we reported on Monday, Sergei Shoygu flew in.", "Sergei Shoygu",
         'the name is spelled "Sergei Shoigu", not "Sergei Shoygu"'),
        # Writing to someone is no spelling of the name.
        ("He wrote Sergei Shoygu a note.", "Sergei Shoygu",
         'the name is spelled "Sergei Shoigu", not "Sergei Shoygu"'),
        ("In the English edition we write Sergei Shoygu.", "Sergei Shoygu",
         'the name is spelled "Sergei Shoigu", not "Sergei Shoygu"'),
        # Headlines abbreviate titles: "PM" is the prime minister, "FM" the foreign one.
        ("RUSSIA: PM Sergei Shoigu flies in.", "PM",
         'Sergei Shoigu is Russian defence minister, not "PM"'),
        ("Russian FM Sergei Shoigu flies in.", "Russian FM",
         'Sergei Shoigu is Russian defence minister, not "Russian FM"'),
    ],
)
def test_person_flags_misspellings_and_wrong_roles(rules_from: Callable[[str], Rulebook],
                                                   text: str, found: str, message: str) -> None:
    [finding] = findings_for(text, rules_from(PERSON))
    assert (finding.found, finding.message) == (found, message)
    assert finding.column == text.index(found) + 1


@pytest.mark.parametrize(("text", "found"), [
    ('The caption read "Sergei Shoygu at the peace talks." It is Shoigu, sorry.', []),
    # A name recurs whether or not anyone puts it right: two sentences on, its right
    # spelling is no correction, as a value restated in a claim of its own would be.
    ('The caption read "Sergei Shoygu at the peace talks." Run it. Shoigu flew home.',
     ["Sergei Shoygu"]),
    # A quotation inside its sentence is put right by a sentence that says what the name
    # is, which is read with the one before ...
    ('A reader quoted "minister Sergei Shoygu" on Aleppo. The man\'s name is Sergei Shoigu.',
     []),
    ('A reader quoted "minister Sergei Shoygu" on Aleppo. His name is spelled Shoigu.', []),
    # ... and by no other.
    ('A reader quoted "minister Sergei Shoygu" on Aleppo. Shoigu flew home.',
     ["Sergei Shoygu"]),
])
def test_a_quoted_misspelling_is_corrected_only_by_the_next_sentence(
    rules_from: Callable[[str], Rulebook], text: str, found: list[str]
) -> None:
    # With the talks' fact too, the quotation is read with the two sentences after it.
    book = rules_from(ENTITY + PERSON.removeprefix("facts:\n"))
    assert [f.found for f in findings_for(text, book)] == found


@pytest.mark.parametrize(
    "text",
    [
        "Defence Minister Sergei Shoigu said.",
        "Russian Defense Minister Sergey Shoigu said.",
        "Shoigu, the Russian defence minister, said.",
        "Foreign Minister Sergei Lavrov said.",  # another Sergei
        "Mr Shoigu said.",
        # Corrections and negations set a name or a title aside.
        "He is Sergei Shoigu, not Sergei Shoygu.",
        "An earlier version of this story misspelled his name as Sergei Shoygu.",
        "Not Foreign Minister Sergei Shoigu, as we wrote, but Defence Minister Sergei Shoigu.",
        # A title a correction says a story gave him, or a clock's time before his name.
        'A caption on Monday described him as "Interior Minister Sergei Shoigu". He is'
        " the defence minister.",
        "At 4:30 PM Sergei Shoigu spoke.",
        # A quoted error its sentence says was put right.
        '- "Sergei Shoygu" in the photo caption corrected.',
        # A spelling named rather than used.
        "Some agencies write Shoygu; we write Shoigu.",
        "Russian sources spell his name as Sergei Shoygu.",
        # A slip someone made in reading the name aloud.
        'Reading error on "Shoigu": he said "Sergei Shoygu" and went on.',
        "The presenter mispronounced it as Sergei Shoygu twice.",
        # ... with a word broken off and started again.
        'A speech error on "Shoigu" ("Sho-... Shoygu"), corrected at once.',
        # A source's spelling, quoted, that the next sentence calls a typo.
        'The agency spells the name "Sergei Shoygu" once. That is a typo in the source.',
    ],
)
def test_person_stays_silent(rules_from: Callable[[str], Rulebook], text: str) -> None:
    assert findings_for(text, rules_from(PERSON)) == []


def test_a_role_is_read_in_its_own_table_row(rules_from: Callable[[str], Rulebook]) -> None:
    from factcheck.document import Document
    from factcheck.engine import block_claims

    # The role ending one row is not the title of the name opening the next, even when the
    # rows are read together (as one paragraph, not as the runs the engine cuts it into).
    table = ("| Name | Role |\n|---|---|\n| Sergei Lavrov | Russia's foreign minister |\n"
             "| Sergei Shoigu | Russia's defence minister |\n")
    [paragraph] = Document.for_path("people.md", table).blocks()
    roles = [claim.text for _, claim in block_claims(paragraph, rules_from(PERSON))
             if claim.part == "role"]
    assert roles == ["Russia's defence minister"]


SUM = """\
facts:
  - id: violations
    kind: sum
    statement: 25 ceasefire violations = Damascus 17 + Aleppo 6 + Hama 2.
    sources: [seeds/004_a55dd7fcd1a46178.txt:45]
    subject: [ceasefire violations]
    claims: ["{value} {subject}"]
    total: 25
    parts: {Damascus: 17, Aleppo: 6, Hama: 2}
"""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("There were 27 ceasefire violations in Damascus (17), Aleppo (8) and Hama (2).", ["27", "8"]),
        ("There were 25 ceasefire violations: Damascus (17 of them), Aleppo (8 of them) and"
         " Hama (2).", ["8"]),
        ("There were 25 ceasefire violations: 15 in Damascus, 8 in Aleppo and 2 in Hama.",
         ["15", "8"]),
        ("The ministry counted 25 ceasefire violations. Of these, 17 were in Damascus, "
         "six in Aleppo and four in Hama.", ["four"]),
        ("The ministry counted 25 ceasefire violations. Seventeen were recorded in Damascus. "
         "Seven were in Aleppo.", ["Seven"]),
        # A table headed by the subject, and a list that a colon introduces.
        ("| Province | Ceasefire violations |\n|---|---|\n| Damascus | 17 |\n| Aleppo | 8 |\n",
         ["8"]),
        ("| Province | Ceasefire violations |\n|---|---|\n| Damascus province | 17 |\n"
         "| Aleppo province | 8 |\n", ["8"]),
        ("Ceasefire violations by province:\n\n- Damascus: 17\n- Aleppo: 8\n", ["8"]),
        # A terse list, as a push alert writes it.
        ("25 ceasefire violations in 24 hours: 17 Damascus, 6 Aleppo, 3 Hama.", ["3"]),
        # An unpunctuated transcript: "six in aleppo" is Aleppo's, not Damascus's, count.
        ("they logged 25 ceasefire violations seventeen in damascus province six in aleppo "
         "three in hama", ["three"]),
        ("Ceasefire violations: Damascus province 15 in all, Aleppo 6.", ["15"]),
        # A paragraph that opens by breaking the figure down goes on with it.
        ("The ministry counted 25 ceasefire violations.\n\nOf those, 15 were in Damascus, "
         "six in Aleppo and two in Hama.\n", ["15"]),
        ("The ministry counted 27 ceasefire violations.\n\nOf those, 17 were in Damascus, "
         "six in Aleppo and two in Hama.\n", ["27"]),
        # A sum of exactly the parts' figures, written out, gives its total.
        ("The ministry listed its ceasefire violations by province. 17, 6 and 2 make 26, so "
         "one figure is out.", ["26"]),
        ("Ceasefire violations: 2 + 17 + 6 = 24.", ["24"]),
        ("The 17, 6 and 2 ceasefire violations add up to 27.", ["27"]),
        # Its terms may carry their labels.
        ("Ceasefire violations: 17 in Damascus province + 6 in Aleppo + 2 in Hama = 27 in "
         "total.", ["27"]),
        ("Ceasefire violations: 6 (Aleppo) + 17 (Damascus) + 2 (Hama) = 26.", ["26"]),
        # A table's last row, or a later line, that labels its figure as the total.
        ("| Province | Ceasefire violations |\n|---|---|\n| Damascus | 17 |\n| Aleppo | 6 |\n"
         "| Hama | 2 |\n| **Total** | **29** |\n", ["29"]),
        ("Ceasefire violations by province: Damascus 17, Aleppo 6, Hama 2. Total: 27.", ["27"]),
        # A part given in an aside after its label.
        ("There were 25 ceasefire violations. Damascus, with 17, came first; Hama, with "
         "three of the 25, came last.", ["three"]),
        # ... but a figure in that aside that opens an item of its own is the next item's.
        ("There were 25 ceasefire violations: 17 in Damascus province, with five more in "
         "Aleppo and 3 in Hama.", ["five", "3"]),
    ],
)
def test_sum_flags_a_wrong_total_or_part(rules_from: Callable[[str], Rulebook], text: str,
                                         found: list[str]) -> None:
    assert [f.found for f in findings_for(text, rules_from(SUM), path="draft.md")] == found


@pytest.mark.parametrize(
    "text",
    [
        "There were 25 ceasefire violations in Damascus (17), Aleppo (6) and Hama (2).",
        "There were 25 ceasefire violations: 17 in Damascus, six in Aleppo and two in Hama.",
        "Ceasefire violations were registered in three provinces.",
        "Two people died in Hama.",  # no subject
        # A later sentence that counts something else is no part of the breakdown.
        "There were 25 ceasefire violations, 17 of them in Damascus. In Aleppo, shelling "
        "wounded 9 people, and 3 died in Hama.",
        "There were 25 ceasefire violations in a day. Shelling killed 4 people in Aleppo.",
        "| Province | Ceasefire violations |\n|---|---|\n| Damascus | 17 |\n| Aleppo | 6 |\n",
        "Ceasefire violations by province:\n\n- Damascus: 17\n- Aleppo: 6\n",
        "25 ceasefire violations in 24 hours: 17 Damascus, 6 Aleppo, 2 Hama.",
        "they logged 25 ceasefire violations seventeen in damascus province six in aleppo "
        "two in hama",
        # A number before a part's name that goes on with a noun counts something else.
        "There were 25 ceasefire violations, with shelling in 3 Aleppo districts.",
        # A new paragraph that does not say so counts something else.
        "The ministry counted 25 ceasefire violations.\n\nShelling killed 3 people in Hama.\n",
        "The ministry counted 25 ceasefire violations.\n\nOf those, 17 were in Damascus, "
        "six in Aleppo and two in Hama.\n",
        # A bracket that goes on past its figure counts what the words before it name.
        "Our numbers page lists evacuees from eastern Aleppo (about 35,000, per the ICRC),"
        " ceasefire violations and casualties.\n",
        "The 17, 6 and 2 ceasefire violations add up to 25.",
        "Ceasefire violations: 17 in Damascus province + 6 in Aleppo + 2 in Hama = 25.",
        "Ceasefire violations: 6 (Aleppo) + 17 (Damascus) + 2 (Hama) = 25.",
        "| Province | Ceasefire violations |\n|---|---|\n| Damascus | 17 |\n| Aleppo | 6 |\n"
        "| Hama | 2 |\n| **Total** | **25** |\n",
        "Ceasefire violations by province: Damascus 17, Aleppo 6, Hama 2. Overall: 25.",
        # A total row must be only the label and its figure.
        "Ceasefire violations were counted in three provinces. Total: 40 people were hurt.",
        # A label between terms that holds a figure is no label: these are not the sum.
        "Ceasefire violations: 17 in 2 provinces + 6 in Aleppo = 23 reports.",
        # "the Aleppo one" is a pronoun for something named before, not Aleppo's count.
        "The ministry counted 25 ceasefire violations: 17 in Damascus, 6 in Aleppo and 2 in "
        "Hama. A smaller evacuation ran alongside the Aleppo one.",
        # Other figures' sums are not the parts'.
        "Ceasefire violations were logged in three provinces. 12, 6 and 2 make 20 shells.",
        # A figure that names what it counts, other than the subject, is no part.
        "There were 25 ceasefire violations. Aleppo, with 1.5 million people, was calm.",
        "There were 25 ceasefire violations; Aleppo had 300 buses waiting.",
        "There were 25 ceasefire violations, and Hama, with 40 dead, was the worst hit.",
    ],
)
def test_sum_stays_silent(rules_from: Callable[[str], Rulebook], text: str) -> None:
    assert findings_for(text, rules_from(SUM), path="draft.md") == []


def test_a_suppression_comment_naming_no_rule_is_a_warning(entity: Rulebook) -> None:
    text = ("<!-- factcheck-disable-next-line talks-venu -->\n"
            "The peace talks will be held in Geneva.\n"
            "<!-- factcheck-disable-line talks-* read-error -->\n")
    found = [(f.line, f.column, f.rule, f.severity.name, f.found)
             for f in findings_for(text, entity)]
    assert found == [(1, 34, "unknown-rule", "WARNING", "talks-venu"),
                     (2, 33, "talks-venue", "ERROR", "Geneva")]
    # Facts left out by --select are still known: naming them is no typo.
    assert findings_for("<!-- factcheck-disable-line talks-venue -->\n",
                        entity.select([])) == []


def test_a_suppression_comment_quoted_in_code_does_nothing(entity: Rulebook) -> None:
    # A how-to that shows the comments: in a code block or span they are text, not markup.
    text = ("To silence a line, write:\n\n```\n<!-- factcheck-disable-next-line venue -->\n"
            "```\n\nor, for the rest of the draft, `<!-- factcheck-disable -->`.\n\n"
            "The peace talks will be held in Geneva.\n")
    found = [(f.line, f.rule, f.found) for f in findings_for(text, entity, path="how-to.md")]
    assert found == [(9, "talks-venue", "Geneva")]


def test_terms_entity_for_a_closed_vocabulary(rules_from: Callable[[str], Rulebook]) -> None:
    book = rules_from("""\
    facts:
      - id: unit
        kind: entity
        statement: The unit was a battalion.
        sources: [s]
        subject: [military police]
        candidates: [company, battalion, brigade]
        claims: ["{value} of (?:\\\\w+ )?{subject}", "{subject} {value}"]
        value: battalion
    """)
    assert [f.found for f in findings_for("A brigade of Russian military police arrived.", book)] \
        == ["brigade"]
    assert findings_for("A battalion of Russian military police arrived.", book) == []
    assert findings_for("The military police battalions arrived.", book) == []
    assert findings_for("The company said military police arrived.", book) == []


def test_each_entity_fact_ignores_only_its_own_names(rules_from: Callable[[str], Rulebook]
                                                      ) -> None:
    # Two facts read one sentence's places: the talks fact passes over Turkey, the base
    # fact does not, and neither may be handed the other's reading.
    book = rules_from("""\
    facts:
      - id: talks-venue
        kind: entity
        statement: The peace talks are held in Astana.
        sources: [s]
        subject: [peace talks]
        claims: ["{subject} ... in {value}"]
        ignore: [Turkey]
        value: Astana
      - id: naval-base
        kind: entity
        statement: Russia's naval base is at Tartus.
        sources: [s]
        subject: [naval base]
        claims: ["{subject} ... in {value}"]
        value: Tartus
    """)
    text = "The peace talks in Turkey and the naval base in Latakia were discussed."
    found = {(f.rule, f.found) for f in findings_for(text, book)}
    assert found == {("talks-venue", "Latakia"), ("naval-base", "Latakia")}


@pytest.mark.parametrize(("text", "found"), [
    ("The Geneva peace talks resumed in February.", []),
    ("Delegates at the Geneva peace talks said little.", []),
    ("The Minsk peace talks resumed in February.", ["Minsk"]),
    ("The peace talks will be held in Geneva.", ["Geneva"]),
    # the phrase sets aside its own mention of the place, no other
    ("Unlike the Geneva peace talks, the peace talks will be held in Minsk.", ["Minsk"]),
])
def test_a_place_that_names_another_event_is_no_value(rules_from: Callable[[str], Rulebook],
                                                      text: str, found: list[str]) -> None:
    fact = TALKS_FACT.replace('"{subject} ... in {value}"]',
                              '"{subject} ... in {value}", "{value} (?:peace )?talks"]\n'
                              '    elsewhere: ["Geneva (?:peace )?talks"]')
    book = rules_from("facts:\n" + fact)
    assert [f.found for f in findings_for(text, book)] == found


def test_a_claim_pattern_alternative_without_the_value_claims_nothing(
        rules_from: Callable[[str], Rulebook]) -> None:
    # The "|" splits the whole pattern: its second half matches with no value in it, and
    # a value is only claimed where the {value} slot lands on it.
    book = rules_from("""\
    facts:
      - id: evacuees
        kind: quantity
        statement: About 34,000 people were evacuated.
        sources: [s]
        subject: [evacuees]
        claims: ["{value} people ... {subject}|{subject} numbered"]
        value: 34000
    """)
    assert findings_for("The evacuees numbered 45,000 by Friday.", book) == []
    assert [f.found for f in findings_for("Some 45,000 people joined the evacuees.", book)] \
        == ["45,000"]


@pytest.mark.parametrize(("claims", "text", "found"), [
    ("held in {value}", "The peace talks will be held in Geneva.", ["Geneva"]),
    ("held in {value}", "The peace talks, upheld in Geneva, resume.", []),
    ("(?:in|at) {value} ... {subject}", "In Geneva the peace talks resume.", ["Geneva"]),
    ("(?:in|at) {value} ... {subject}", "Talks within Geneva, and the peace talks resume.", []),
    ("{subject} ... in {value}", "Rebels won the peace talks in Geneva.", ["Geneva"]),
    # A pattern opening with punctuation, a space or a gap may follow a word.
    (", held in {value}", "The peace talks, held in Geneva, resume.", ["Geneva"]),
    ("(?:, |^)held in {value}", "The peace talks, held in Geneva, resume.", ["Geneva"]),
    ("... held in {value}", "The peace talks were held in Geneva.", ["Geneva"]),
])
def test_a_claim_pattern_starting_with_words_starts_at_a_word(
        rules_from: Callable[[str], Rulebook], claims: str, text: str, found: list[str]) -> None:
    book = rules_from("facts:\n" + TALKS_FACT.replace('"{subject} ... in {value}"', f'"{claims}"'))
    assert [f.found for f in findings_for(text, book)] == found


def test_markdown_markup_does_not_hide_or_invent_claims(entity: Rulebook) -> None:
    text = (
        "---\ntitle: peace talks in Geneva\n---\n\n"
        "The **peace talks** will be held in *Vienna*.\n\n"
        "```\nThe peace talks will be held in Geneva.\n```\n"
    )
    [finding] = findings_for(text, entity, path="draft.md")
    assert (finding.line, finding.column, finding.found) == (5, 38, "Vienna")


def test_suppression_comments_silence_findings(entity: Rulebook) -> None:
    text = (
        "<!-- factcheck-disable-next-line talks-venue -->\n"
        "The peace talks will be held in Geneva.\n"
        "The peace talks will be held in Vienna.\n"
    )
    assert [f.line for f in findings_for(text, entity, path="draft.md")] == [3]


@given(st.lists(st.sampled_from(["talks", "Russia", "which", "who", "and", "agreed", ",", " ",
                                 " - ", "(", ")", "1.5", ";", "\ue001", "\u16a0", "held in"]),
                max_size=14))
def test_a_gap_matches_what_its_spelled_out_form_matches(pieces: list[str]) -> None:
    # gap_regex writes its aside once; the form with it twice is the reference.
    import regex

    from factcheck import claims

    sep, word, aside = claims._GAP_SEPARATOR, claims._GAP_WORD, claims._ASIDE
    reference = rf"(?:{sep}(?:{word}|{aside})|{aside}){{0,4}}?{sep}"
    text = "talks" + "".join(pieces) + " in \ue000"
    spans = []
    for gap in (claims.gap_regex(4), reference):
        pattern = regex.compile(rf"talks{gap}in\s+\ue000", regex.I | regex.V0)
        found = pattern.search(text)
        spans.append(found.span() if found else None)
    assert spans[0] == spans[1]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Nearly thirty-five\nthousand people were evacuated.", []),
        ("About 45\nthousand people were evacuated.", [(1, 7, 2, "45 thousand")]),
        ("Some 20 000 civilians\nwere evacuated.", [(1, 6, 1, "20 000")]),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_line_break_inside_a_markdown_paragraph_is_a_space(
    rules_from: Callable[[str], Rulebook], text: str, found: list[tuple[int, int, int, str]],
    newline: str,
) -> None:
    findings = findings_for(text.replace("\n", newline), rules_from(QUANTITY), path="d.md")
    # What was found is quoted as the draft has it, on one line.
    assert [(f.line, f.column, f.end_line, f.found) for f in findings] == found
    assert all(f'"{f.found}"' in f.message for f in findings)


def test_emphasis_around_a_subject_leaves_its_apposition_read(bundled: Rulebook) -> None:
    # The masked "**" leaves spaces between the name and its comma.
    text = "3. **The Syrian Observatory for Human Rights**, the Damascus-based monitor, said.\n"
    assert [f.found for f in findings_for(text, bundled, path="d.md")] == ["Damascus"]


def test_a_date_wrapped_across_lines_is_one_date(rules_from: Callable[[str], Rulebook]) -> None:
    [finding] = findings_for("The civil war broke out in March\n2012, after protests.",
                             rules_from(DATE), path="draft.md")
    assert (finding.line, finding.column, finding.end_line) == (1, 28, 2)
