"""The bundled fact base: its examples hold, and the seed articles lint as they should."""

from __future__ import annotations

import pytest

from factcheck.engine import lint_path, lint_text
from factcheck.rulebook import Example, Fact, Rulebook, load_rulebook

from .conftest import ROOT

BUNDLED = load_rulebook([ROOT / "rules"])
REQUIRED_FACTS = {
    "ceasefire-talks-venue", "russia-naval-facility", "war-start-year", "aleppo-divided-since",
    "aleppo-evacuees", "local-ceasefire-date", "siege-duration", "russia-air-campaign-start",
    "ceasefire-violations", "vladimir-putin", "sergei-shoigu", "bashar-al-assad",
    "mevlut-cavusoglu", "nursultan-nazarbayev", "hassan-nasrallah", "observatory-base",
    "military-police-unit",
}


def test_every_required_fact_is_there_with_a_source() -> None:
    assert set(BUNDLED.by_id) >= REQUIRED_FACTS
    for fact in BUNDLED.facts:
        assert fact.sources, fact.id
        for source in fact.sources:
            path, _, line = source.partition(":")
            if path.startswith("seeds/"):
                lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
                assert 1 <= int(line) <= len(lines), source


@pytest.mark.parametrize("fact", BUNDLED.facts, ids=lambda f: f.id)
def test_every_fact_has_three_examples_each_way(fact: Fact) -> None:
    assert sum(e.flag for e in fact.examples) >= 3
    assert sum(not e.flag for e in fact.examples) >= 3


CASES = [(fact, example) for fact in BUNDLED.facts for example in fact.examples]


@pytest.mark.parametrize(
    ("fact", "example"), CASES,
    ids=[f"{f.id}:{'flag' if e.flag else 'pass'}:{e.line}" for f, e in CASES],
)
def test_bundled_example(fact: Fact, example: Example, bundled: Rulebook) -> None:
    findings = [f for f in lint_text(example.text, bundled, "example.txt") if f.rule == fact.id]
    if not example.flag:
        assert findings == []
        return
    assert findings, f"{fact.id} should flag: {example.text}"
    if example.found is not None:
        assert findings[0].found == example.found
    if example.column is not None:
        assert findings[0].column == example.column


GOLDEN = (
    "seeds/002_31483f0e997c4fd1.txt:14:19: error vladimir-putin: the name is spelled "
    '"Vladimir Putin", not "Vladmir Putin" (source: seeds/000_d3298a9f7c5e6a43.txt:8)'
)


def test_the_seeds_give_exactly_their_one_real_error(bundled: Rulebook) -> None:
    from factcheck.formatters import text_line

    lines = [
        text_line(f)
        for path in sorted((ROOT / "seeds").iterdir())
        for f in lint_path(str(path.relative_to(ROOT)), bundled)
    ]
    assert lines == [GOLDEN]


@pytest.mark.parametrize(
    "text",
    [
        # The seeds disagree on these; both figures are within the fact's range.
        "He said some 34,000 people had been evacuated from eastern Aleppo.",
        "The Red Cross said about 35,000 people, mostly civilians, had departed.",
        # 2, 3 or 6 killed in one attack: not a fact of the base, so never a finding.
        "Rockets killed at least two civilians; the Observatory said six people were killed.",
        "State television said at least three people died.",
    ],
)
def test_documented_disagreements_are_not_findings(text: str, bundled: Rulebook) -> None:
    assert lint_text(text, bundled) == []


TIMELINE_TABLE = """\
| Event | Date | Source |
|---|---|---|
| Protests begin; start of the civil war | March 2011 | UN |
| Rebels take the east; Aleppo divided | {divided} | Various |
| Local ceasefire allowing evacuation | {truce} | Russia, Turkey |
| Aleppo falls to the army | December 2016 | Various |
"""


def test_a_table_row_without_spaces_is_read(bundled: Rulebook) -> None:
    text = "| What | Figure |\n|---|---|\n|Length of the siege|eight months|\n"
    assert [(f.rule, f.found) for f in lint_text(text, bundled, "table.md")] == [
        ("siege-duration", "eight months"),
    ]


# A data-extraction sheet: each row's value cell, not the page number after it.
EXTRACTION_TABLE = """\
| Variable | Value in paper | Page |
|---|---|---|
| Eastern Aleppo held by opposition groups since | {divided} | 1 |
| People evacuated from eastern Aleppo, all convoys combined | approx. {evacuated} | 2 |
"""


@pytest.mark.parametrize(
    ("table", "right", "wrong", "found"),
    [
        (TIMELINE_TABLE, {"divided": "2012", "truce": "15/12/2016"},
         {"divided": "2014", "truce": "16/12/2016"},
         [("aleppo-divided-since", "2014"), ("local-ceasefire-date", "16/12/2016")]),
        (EXTRACTION_TABLE, {"divided": "2012", "evacuated": "35,000"},
         {"divided": "2014", "evacuated": "45,000"},
         [("aleppo-divided-since", "2014"), ("aleppo-evacuees", "45,000")]),
    ],
    ids=["timeline", "extraction-sheet"],
)
def test_a_markdown_table_is_checked_row_by_row(
    bundled: Rulebook, table: str, right: dict[str, str], wrong: dict[str, str],
    found: list[tuple[str, str]],
) -> None:
    assert lint_text(table.format(**right), bundled, "table.md") == []
    assert [(f.rule, f.found)
            for f in lint_text(table.format(**wrong), bundled, "table.md")] == found


@pytest.mark.parametrize(("total", "found"), [("approx 25k", ["25k"]), ("approx 35k", []),
                                              ("25,000.", ["25,000"])])
def test_a_total_label_counts_what_the_line_before_named(bundled: Rulebook, total: str,
                                                        found: list[str]) -> None:
    text = f"23:48 Last buses in. East Aleppo evac COMPLETE. Final total all days: {total}\n"
    assert [f.found for f in lint_text(text, bundled, "log.txt")] == found


def test_a_running_total_is_no_total(bundled: Rulebook) -> None:
    text = "The evacuation of eastern Aleppo goes on. Running total: 25,000.\n"
    assert lint_text(text, bundled, "log.txt") == []


FILING = """\
    Registrant provided media-relations and outreach services to the foreign
    principal. In December 2016 this work centred on the Syria talks that Russia,
    Turkey and Iran propose to hold in {venue} between the Syrian government and
    the armed opposition. Registrant's activities consisted of briefings.

    Date        Official / office                         Method    Subject
    {row}
"""
ROW = ("12/28/2016  Staff, House Foreign Affairs Cttee        Meeting   "
       "Syria talks; nationwide ceasefire")


def test_a_wide_table_row_leaves_wrapped_prose_wrapped(bundled: Rulebook) -> None:
    # The table's row is over 100 characters wide; the prose above it is still wrapped.
    assert len(FILING.format(venue="Astana", row=ROW).splitlines()[-1]) > 100
    assert lint_text(FILING.format(venue="Astana", row=ROW), bundled, "filing.txt") == []
    wrong = FILING.format(venue="Tashkent", row=ROW)
    assert [(f.line, f.found) for f in lint_text(wrong, bundled, "filing.txt")] == [
        (3, "Tashkent")]


RANKINGS = """\
### 4. Sergei Shoigu ▲3
{shoigu} delivered the week's most useful numbers.

### 5. Hassan Nasrallah ▼1

{nasrallah} used a televised speech to declare the goal of toppling the regime had failed.

### 6. Sergei Lavrov ▼2
Russia's foreign minister chaired the Moscow meeting.
"""


def test_a_role_opening_the_paragraph_under_a_persons_heading_is_theirs(
    bundled: Rulebook,
) -> None:
    # Below the heading, or run into it when no blank line parts them.
    right = RANKINGS.format(shoigu="Russia's defence minister", nasrallah="The Hezbollah leader")
    assert lint_text(right, bundled, "rankings.md") == []
    wrong = RANKINGS.format(shoigu="Russia's interior minister",
                            nasrallah="The Amal movement leader")
    assert [(f.line, f.rule, f.found) for f in lint_text(wrong, bundled, "rankings.md")] == [
        (2, "sergei-shoigu", "Russia's interior minister"),
        (6, "hassan-nasrallah", "Amal movement leader"),
    ]


def test_a_role_under_a_heading_naming_two_people_is_nobodys(bundled: Rulebook) -> None:
    text = "### Putin meets Shoigu\n\nRussia's interior minister was not there.\n"
    assert lint_text(text, bundled, "rankings.md") == []


def test_a_markdown_timeline_list_with_bold_dates_is_read(bundled: Rulebook) -> None:
    # the bold markers read as spaces: "16/12/2016  : Local ceasefire reached"
    text = "- **16/12/2016**: Local ceasefire reached; the first buses leave.\n"
    assert [(f.rule, f.found) for f in lint_text(text, bundled, "timeline.md")] == [
        ("local-ceasefire-date", "16/12/2016"),
    ]


QUIZ = """\
## Round four: Syria

**2. In which month and year did the uprising that grew into Syria's civil war begin?**

{war}, when protests spread outwards from the south.

**3. Where did the president say the next round of Syria talks would be held?**

{venue}. He told his year-end news conference that all three sponsors agreed.

**8. How long had government forces kept eastern Aleppo under siege before it fell?**

{siege}. The encirclement was completed in July.
"""


def test_a_quizs_answers_are_read_with_their_questions(bundled: Rulebook) -> None:
    right = QUIZ.format(war="March 2011", venue="Astana", siege="Five months")
    assert lint_text(right, bundled, "quiz.md") == []
    wrong = QUIZ.format(war="March 2012", venue="Minsk", siege="Three months")
    assert [(f.rule, f.found, f.line) for f in lint_text(wrong, bundled, "quiz.md")] == [
        ("war-start-year", "March 2012", 5), ("ceasefire-talks-venue", "Minsk", 9),
        ("siege-duration", "Three months", 13),
    ]
