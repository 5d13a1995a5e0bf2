"""The document model: decoding, the prose mask, line/column mapping, suppression comments."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.document import DecodeError, Document, decode
from factcheck.engine import lint_text
from factcheck.markup import (
    _DATELINE,
    _mask_spans,
    mask_comments,
    mask_datelines,
    mask_diff,
    mask_line_numbers,
    mask_markdown,
)
from factcheck.rulebook import Rulebook


def prose_of(markdown: str) -> str:
    return " ".join(Document("d.md", markdown, markdown=True).prose.split())


# --- decoding ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"Astana talks", "Astana talks"),
        (codecs.BOM_UTF8 + b"Astana talks", "Astana talks"),
        ("Astana talks".encode("utf-16"), "Astana talks"),  # with its BOM
        (codecs.BOM_UTF16_BE + "Çavuşoğlu".encode("utf-16-be"), "Çavuşoğlu"),
        ("Çavuşoğlu\r\n".encode(), "Çavuşoğlu\r\n"),
    ],
)
def test_utf8_and_utf16_with_bom_are_read(data: bytes, text: str) -> None:
    assert decode(data) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"caf\xe9 in Aleppo", "not valid UTF-8 (byte 0xe9 at line 1)"),
        (b"line one\nline \xff two", "byte 0xff at line 2"),
        (b"\x00\x01\x02binary", "binary file (contains NUL bytes)"),
        (b"text\x00with a NUL", "binary file (contains NUL bytes)"),
    ],
)
def test_undecodable_drafts_are_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        decode(data)


# --- line and column mapping -------------------------------------------------------------

def naive_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column by walking the text: CRLF, CR and LF each end a line."""
    line, column, i = 1, 1, 0
    while i < offset:
        if text[i] == "\r" and i + 1 < len(text) and text[i + 1] == "\n" and i + 1 < offset:
            i += 2
            line, column = line + 1, 1
            continue
        if text[i] in "\r\n":
            line, column = line + 1, 1
        else:
            column += 1
        i += 1
    return line, column


def pieces(*choices: str, max_size: int) -> st.SearchStrategy[str]:
    """Text made of the given pieces (which may be longer than one character)."""
    return st.lists(st.sampled_from(choices), max_size=max_size).map("".join)


@given(pieces("a", "é", "😀", " ", "\n", "\r", "\r\n", "x", max_size=60), st.data())
def test_position_counts_code_points_and_all_line_endings(text: str, data: st.DataObject) -> None:
    document = Document("d.txt", text)
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        offset -= 1  # the middle of a CRLF is not a character position
    assert document.position(offset) == naive_position(text, offset)


def test_columns_count_code_points_not_bytes_or_utf16_units() -> None:
    text = "😀 Çavuşoğlu met Vladmir Putin"
    document = Document("d.txt", text)
    assert document.position(text.index("Vladmir")) == (1, 17)


# --- the prose mask ------------------------------------------------------------------------

markdown_text = pieces(
    *"ab #>-*_`~|[]()!<>=:\n\r\t", "```", "~~~", "---", "<!--", "-->", "    ", "1. ", "\r\n",
    max_size=120,
)


@given(markdown_text)
def test_masking_keeps_every_offset_and_line_break(text: str) -> None:
    for masked in (mask_markdown(text)[0], mask_comments(text), mask_line_numbers(text)):
        assert len(masked) == len(text)
        assert all((a in "\r\n") == (b in "\r\n") for a, b in zip(text, masked, strict=True))
        # Blanked, kept, or a comma after a table cell; a table's delimiter row starts
        # with a form feed instead, so its table stays one paragraph.
        line_starts = {0} | {i + 1 for i, ch in enumerate(text) if ch in "\r\n"}
        assert all(
            b in (a, " ", ",") or a in "\r\n" or (b == "\f" and i in line_starts)
            for i, (a, b) in enumerate(zip(text, masked, strict=True))
        )


@pytest.mark.parametrize("row", ["|---|---|", "-|---", " :--- | ---: "])
def test_a_delimiter_row_opens_with_a_form_feed_and_is_otherwise_blank(row: str) -> None:
    masked = mask_markdown(f"| a | b |\n{row}\n| 1 | 2 |\n")[0]
    assert masked.split("\n")[1] == "\f" + " " * (len(row) - 1)


@pytest.mark.parametrize(("text", "kept"), [
    ("MOSCOW, Dec 23 - Russia said the talks would go ahead.", "Russia said the talks"),
    ("**BEIRUT** — Rebels left the city.", "Rebels left the city."),
    ("LONDON (Reuters) - The war began in 2011.", "The war began in 2011."),
    ("Intro line.\nDAMASCUS, Syria — Talks resumed.", "Talks resumed."),
    ("Intro line.\r\nANKARA - Talks resumed.", "Talks resumed."),
])
def test_a_wire_dateline_is_not_prose(text: str, kept: str) -> None:
    masked = mask_datelines(text)
    assert kept in masked and len(masked) == len(text)
    assert not any(city in masked for city in ("MOSCOW", "BEIRUT", "LONDON", "DAMASCUS", "ANKARA"))


@pytest.mark.parametrize("text", [
    "Officials in MOSCOW - and elsewhere - disagreed.",   # not at the start of a line
    "NATO said the talks would go ahead.",                # no dash after the place
    'MS: "Talks in Geneva."\nCHANGED. Talks in Astana.',   # a checker's verdict
])
def test_capitals_inside_prose_are_no_dateline(text: str) -> None:
    assert mask_datelines(text) == text


@given(pieces("MOSCOW", "BEIRUT (AFP)", ", Dec 23", " - ", " — ", ". ", "\n", "\r\n", "\r",
              "A", "b", "Talks", " ", "**", max_size=40))
def test_datelines_are_found_wherever_a_search_would_find_them(text: str) -> None:
    reference = _mask_spans(text, [m.span() for m in _DATELINE.finditer(text)])
    assert mask_datelines(text) == reference


@given(st.text(max_size=200))
def test_documents_of_any_text_have_consistent_sentences(text: str) -> None:
    for markdown in (False, True):
        document = Document("d.md" if markdown else "d.txt", text, markdown=markdown)
        assert len(document.prose) == len(text)
        previous_end = 0
        for start, end in document.sentences:
            assert previous_end <= start < end <= len(text)
            previous_end = end


def test_front_matter_code_and_comments_are_not_prose() -> None:
    text = (
        "---\ntitle: Talks in Geneva\n---\n"
        "# Talks in *Astana*\n\n"
        "Peace talks will be held in **Astana**, said [Putin](http://example.com/1999).\n\n"
        "```\ntalks in Geneva\n```\n\n"
        "    indented code in 2013\n\n"
        "<!-- talks in Geneva -->\n"
        "Inline `Geneva` code.\n"
    )
    prose = prose_of(text)
    assert "Geneva" not in prose
    assert "2013" not in prose and "1999" not in prose and "http" not in prose
    assert "Talks in Astana" in prose
    assert "Peace talks will be held in Astana , said Putin ." in prose


def test_unterminated_fence_runs_to_the_end_and_unterminated_front_matter_is_prose() -> None:
    assert "Geneva" not in prose_of("Intro.\n\n```\ntalks in Geneva\n")
    assert "Geneva" in prose_of("---\ntitle: talks in Geneva\n")


def test_footnote_marks_and_texts_are_not_prose() -> None:
    # A footnote's text is not read, as a link's reference definition is not: reading
    # them put a held-out set's precision under its floor.
    text = (
        "The war began in 2012.[^1] [Link][ref]\n\n"
        "[^1]: Some date it to the Deraa protests of March 2011.\n"
        "[ref]: http://example.com/talks-in-geneva\n"
    )
    assert prose_of(text) == "The war began in 2012. Link"


def test_a_bracketed_citation_is_text_and_a_link_opener_is_not() -> None:
    # A bracket that closes on its line with neither "(" nor "[" after it opens no link:
    # hiding its "[" alone once left "]" to cut an appositive off its name.
    assert prose_of("Figures from the Observatory [HB/D/3], based in Amman.\n") == (
        "Figures from the Observatory [HB/D/3], based in Amman."
    )
    assert prose_of("See [the talks](http://example.com) and [Tartus][t].\n") == (
        "See the talks and Tartus ."
    )
    # a wiki's link, as note-taking apps write it, is a link too
    assert "[" not in prose_of("Syrian President [[Bashar al-Assad]] spoke.\n")


def test_a_role_before_a_wiki_link_is_read(bundled: Rulebook) -> None:
    text = "In Beirut, Amal leader [[Hassan Nasrallah]] spoke on television.\n"
    assert [(f.rule, f.found) for f in lint_text(text, bundled, "d.md")] == [
        ("hassan-nasrallah", "Amal leader")
    ]


def test_a_citation_in_brackets_keeps_the_appositive_after_it(bundled: Rulebook) -> None:
    text = ("The figures come from the Syrian Observatory for Human Rights [HB/D/3], "
            "an organisation based in Amman.\n")
    assert [(f.rule, f.found) for f in lint_text(text, bundled, "d.md")] == [
        ("observatory-base", "Amman")
    ]


@pytest.mark.parametrize("header", ["#", "No.", "Q", "Item"])
def test_a_numbering_column_gives_no_figure(bundled: Rulebook, header: str) -> None:
    text = (f"| {header} | Question | Answer |\n|---|---|---|\n"
            "| 4.3 | Roughly how many people left eastern Aleppo? | About 35,000 |\n"
            "| 5 | How many ceasefire violations did Russia log? | 25 |\n")
    assert lint_text(text, bundled, "d.md") == []


def test_a_first_column_that_counts_its_rows_numbers_them(bundled: Rulebook) -> None:
    text = ("| Panel | Caption |\n|---|---|\n"
            "| 1 | March 2012 - the war in Syria begins |\n"
            "| 2 | 25 ceasefire violations logged on Friday |\n")
    assert [(f.rule, f.found) for f in lint_text(text, bundled, "d.md")] == [
        ("war-start-year", "March 2012")
    ]


def test_a_question_asked_in_a_numbered_row_is_answered_in_its_next_cell(
        bundled: Rulebook) -> None:
    # (the numbering cell, once blank, leaves no empty item before the question)
    text = ("| # | Question | Answer |\n|---|---|---|\n"
            "| 6 | When did Russia begin its air campaign in Syria? | October 2015 |\n")
    assert [(f.rule, f.found) for f in lint_text(text, bundled, "d.md")] == [
        ("russia-air-campaign-start", "October 2015")
    ]


def test_a_first_column_of_figures_still_gives_them(bundled: Rulebook) -> None:
    text = ("| Figure | What it counts |\n|---|---|\n"
            "| 27 | ceasefire violations logged on Friday |\n")
    assert [(f.rule, f.found) for f in lint_text(text, bundled, "d.md")] == [
        ("ceasefire-violations", "27")
    ]
    # ... and so does one whose figures only start from 1
    text = ("| Figure | What it counts |\n|---|---|\n"
            "| 1 | ceasefire violation logged in Hama |\n"
            "| 27 | ceasefire violations logged on Friday |\n")
    assert [(f.rule, f.found) for f in lint_text(text, bundled, "d.md")] == [
        ("ceasefire-violations", "27")
    ]
    # a numbering column ends with its table
    text = ("| # | Fact |\n|---|---|\n| 1 | The talks are in Astana |\n\n"
            "| 27 | ceasefire violations logged on Friday |\n")
    assert [(f.rule, f.found) for f in lint_text(text, bundled, "d.md")] == [
        ("ceasefire-violations", "27")
    ]


def test_an_indented_plain_text_line_in_lower_case_goes_on_with_the_sentence() -> None:
    text = ("  Map key: the naval facility on the coast,\n"
            "  which Putin has just ordered expanded, is at Tartus.\n"
            "  Next clue: the air base.\n")
    assert [" ".join(s.split()) for s in sentence_texts(text, "d.txt")] == [
        "Map key: the naval facility on the coast, which Putin has just ordered expanded,"
        " is at Tartus.",
        "Next clue: the air base.",
    ]


def test_an_indented_line_inside_a_list_is_prose_not_code() -> None:
    text = "- first item\n\n    continued in 2012\n"
    assert "continued in 2012" in prose_of(text)


def test_plain_text_is_only_stripped_of_comments() -> None:
    document = Document("d.txt", "# Not a heading\n    not code\n<!-- hidden -->\n")
    assert "# Not a heading" in document.prose
    assert "not code" in document.prose
    assert "hidden" not in document.prose


def test_a_plain_text_list_number_is_not_prose(bundled: Rulebook) -> None:
    text = "4) Our graphic put the evacuees at 35,000.\n(12) Next item\n2016. A year.\n"
    document = Document("d.txt", text)
    assert len(document.prose) == len(text)
    assert "4)" not in document.prose and "(12)" not in document.prose
    assert "2016." in document.prose  # a year is no item number
    # The item's number is not a figure of the evacuation.
    assert lint_text(text, bundled, "d.txt") == []


DEPOSITION = """\
 9        Q.   How many people were taken out of eastern
10   Aleppo in that operation?
11        A.   About 45,000 people were evacuated over
12   roughly a week, fighters and civilians together.
13        Q.   And your source for that?
14        A.   Agency copy.
"""


def test_a_line_numbered_transcript_is_read_without_its_numbers(bundled: Rulebook) -> None:
    document = Document("deposition.txt", DEPOSITION)
    assert len(document.prose) == len(DEPOSITION)
    assert not any(n in document.prose for n in ("9 ", "10", "11", "12", "13", "14"))
    # The numbers are no figures, and the wrapped answer reads as one sentence; the
    # finding is at the draft's own line and column, not the transcript's numbering.
    assert [(f.line, f.column, f.found) for f in lint_text(DEPOSITION, bundled, "d.txt")] == [
        (3, 22, "45,000")
    ]


PATCH = """\
From: Night Desk <desk@example.org>
Subject: [PATCH] factbox: final figures

--- a/factbox.txt
+++ b/factbox.txt
@@ -1,2 +1,3 @@
 KEY FACTS, compiled by the foreign desk and checked by
-the night editor. The war began in 2012.
+the night editor. Shoigu said a brigade of Russian
+military police was sent in.
@@ -9,2 +10,2 @@ The siege lasted 14 months.
 The evacuation is over.
-About 20,000 people left eastern Aleppo.
+About 50,000 people left eastern Aleppo.
\\ No newline at end of file
--\x20
2.11.0
"""


def test_a_patch_of_a_draft_is_read_as_the_text_it_leaves(bundled: Rulebook) -> None:
    document = Document("d.txt", PATCH)
    assert len(document.prose) == len(PATCH)
    # The removed line is no longer the draft's, and no blank line either: the kept line
    # before it and the added line after it are one sentence.
    assert "2012" not in document.prose
    assert "checked by the night editor" in " ".join(document.prose.split())
    # A hunk header (with git's line of context) is no prose; the signature after the
    # last hunk, which its line counts say is not part of it, is left as it is.
    assert "14 months" not in document.prose and "No newline" not in document.prose
    assert mask_diff(PATCH).endswith("\n-- \n2.11.0\n")
    assert [(f.line, f.column, f.rule, f.found) for f in lint_text(PATCH, bundled, "d.txt")] == [
        (9, 34, "military-police-unit", "brigade"),
        (14, 8, "aleppo-evacuees", "50,000"),
    ]


def test_text_without_a_hunk_header_is_no_patch() -> None:
    text = "+ Added: the war began in 2011.\n- Removed: nothing.\n"
    assert mask_diff(text) == text


diff_text = pieces(" ", "+", "-", "\\", "a b", "@@ -1,2 +1 @@ x", "@@ -3 +3,3 @@", "\n",
                   "\r\n", max_size=60)


@given(diff_text)
def test_reading_a_patch_keeps_every_offset_and_line_break(text: str) -> None:
    masked = mask_diff(text)
    assert len(masked) == len(text)
    assert all((a in "\r\n") == (b in "\r\n") for a, b in zip(text, masked, strict=True))
    # Blanked or kept; a removed line opens with a form feed instead.
    line_starts = {0} | {i + 1 for i, ch in enumerate(text) if ch in "\r\n"}
    assert all(b in (a, " ") or (b == "\f" and a == "-" and i in line_starts)
               for i, (a, b) in enumerate(zip(text, masked, strict=True)))


@pytest.mark.parametrize("text", [
    "12 people died.\n13 more were hurt.\nThe talks opened.\nThey ended.\nA.\nB.\n",
    # numbered lines that do not count up are figures, not line numbers
    "12   killed\n40   hurt\n7   missing\n300   displaced\n25   violations\n",
])
def test_figures_that_open_lines_are_no_line_numbers(text: str) -> None:
    assert Document("d.txt", text).prose == text


@pytest.mark.parametrize(
    ("text", "path", "found"),
    [
        # A piece of copy quoted in full after "read:" is that copy's, which the draft
        # examines: an agency snap, an article's passage complained of.
        ("The editor rewrote an agency snap that read, in full:\n\n"
         "> URGENT: 53,000 evacuated from east Aleppo - officials\n\nHe published it.\n",
         "case.md", []),
        ("Its central passage read:\n\n    \"No more than 5,000 people ever left the east.\"\n",
         "judgment.txt", []),
        # ... but not a statement a source made, nor a list after a colon.
        ("The ministry's statement read:\n\n> 53,000 people were evacuated from Aleppo.\n",
         "d.md", ["53,000"]),
        ("The tally:\n\n53,000 people were evacuated from east Aleppo.\n", "d.md", ["53,000"]),
        ("The ministry's bulletin read:\n\n53,000 people were evacuated from Aleppo.\n", "d.md",
         ["53,000"]),
    ],
)
def test_copy_quoted_in_full_is_not_linted(bundled: Rulebook, text: str, path: str,
                                           found: list[str]) -> None:
    assert [f.found for f in lint_text(text, bundled, path)] == found


# --- suppression comments -------------------------------------------------------------------

def suppressed_lines(text: str, rule: str, path: str = "d.md") -> list[int]:
    document = Document.for_path(path, text)
    return [
        number
        for number in range(1, len(document.line_starts) + 1)
        if document.suppressed(document.line_starts[number - 1], rule)
    ]


def test_disable_next_line_silences_only_the_next_line() -> None:
    text = "a\n<!-- factcheck-disable-next-line -->\nb\nc\n"
    assert suppressed_lines(text, "any-rule") == [3]


def test_disable_next_line_with_ids_silences_only_those_rules() -> None:
    text = "<!-- factcheck-disable-next-line war-start-year vladimir-putin -->\nb\n"
    assert suppressed_lines(text, "war-start-year") == [2]
    assert suppressed_lines(text, "vladimir-putin") == [2]
    assert suppressed_lines(text, "siege-duration") == []


def test_disable_and_enable_silence_a_region() -> None:
    text = "a\n<!-- factcheck-disable war-start-year -->\nb\nc\n<!-- factcheck-enable -->\nd\n"
    assert suppressed_lines(text, "war-start-year") == [3, 4]
    assert suppressed_lines(text, "siege-duration") == []


def test_an_unclosed_disable_runs_to_the_end() -> None:
    text = "a\n<!-- factcheck-disable -->\nb\nc\n"
    assert suppressed_lines(text, "x") == [3, 4]


def test_directives_work_in_plain_text_files_too() -> None:
    text = "<!-- factcheck-disable-next-line -->\nb\nc\n"
    assert suppressed_lines(text, "x", path="d.txt") == [2]


def test_disable_file() -> None:
    assert suppressed_lines("a\nb\n<!-- factcheck-disable-file war-start-year -->\n",
                            "war-start-year") == [1, 2, 3]


# --- questions answered by a fragment -----------------------------------------------------


def sentence_texts(text: str, path: str = "d.md") -> list[str]:
    document = Document.for_path(path, text)
    return [document.prose[a:b] for a, b in document.sentences]


@pytest.mark.parametrize(
    "text",
    [
        # A question and the fragment that answers it.
        "When did the war begin? In 2011, after protests.",
        "Q: When did the war begin? A: In March 2011.",
        "How many people left? Around 35,000.",
        "How long did the siege last? Five months.",
        "When did the air campaign begin? In late September 2015.",
        "When did it start? Back in 2012.",
        "When did it start? Spring 2012.",
        "How many people were evacuated? An estimated 50,000.",
        "How long did the siege last? Nearly a year.",
        "Where will the talks be held? Almaty.",
        # ... after a flashcard's separator, and then it may go on with a phrase.
        "Where is the naval base? :: Baniyas, on the coast.",
        "Where is the naval base? A: Baniyas, on the coast.",
        "How long did the siege last? :: Five months.",
        "When did the war begin? -> In 2011.",
        # A quiz sheet's answer in brackets after its question.
        "When was the local truce agreed? (December 13)",
        "How many violations were logged? (27 in all)",
        "Where will the talks be held? (Almaty)",
        # A point between digits.
        "Some 34.5 thousand people were evacuated from eastern Aleppo.",
        "Turkey, which hosts 2.7 million Syrians, said it would set up a camp.",
        "The ceasefire was signed on 29.12.2016 in Ankara.",
        "The buses left at 10.30 on Thursday.",
        # An abbreviation before a figure, as a security note's breakdown has it.
        "Violations: Damascus prov. 17, Aleppo prov. 6, Hama prov. 2.",
        # A word broken off and started again, as a transcript marks a stammer.
        'He read it as "Nasr-... Nasrallah" and went on.',
        "She said Vlad-… Vladimir Putin would decide.",
    ],
)
def test_each_is_one_sentence(text: str) -> None:
    for path in ("d.md", "d.txt"):
        assert sentence_texts(text, path) == [text]


@pytest.mark.parametrize(
    "text",
    [
        # A bare name that goes on with a phrase answers only after an answer's mark.
        "Where is the naval base? Baniyas, on the coast.",
        # A name that opens a clause of its own is no fragment.
        "Where will the talks be held? Moscow wants them at home.",
    ],
)
def test_a_question_before_no_answer_stays_a_sentence_of_its_own(text: str) -> None:
    question = text[: text.index("?") + 1]
    for path in ("d.md", "d.txt"):
        assert sentence_texts(text, path)[0] == question


def test_a_label_on_the_next_line_still_answers_in_plain_text() -> None:
    assert sentence_texts("Q: When did the war begin?\nA: In 2011.", "d.txt") == [
        "Q: When did the war begin?\nA: In 2011."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "PRIYA: When did they get involved from the air?\nDEV: January 2015.",
        "[00:01:05] PRIYA: When did they get involved?\n[00:01:09] DEV: In late 2015.",
        "HOST: Where will the talks be held?\nGUEST: Astana, in Kazakhstan.",
    ],
)
def test_the_next_speakers_turn_answers_a_question_asking_for_a_value(text: str) -> None:
    assert sentence_texts(text, "d.txt") == [text]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a question that asks for no value, or a turn that says more than a value
        ("HOST: Is that the same as Geneva?\nGUEST: Astana. They are separate.",
         ["HOST: Is that the same as Geneva?", "GUEST: Astana.", "They are separate."]),
        ("HOST: When did it begin?\nGUEST: Back in 2012, I was a student in Homs.",
         ["HOST: When did it begin?", "GUEST: Back in 2012, I was a student in Homs."]),
    ],
)
def test_a_turn_that_does_not_answer_with_a_value_stays_apart(
    text: str, sentences: list[str]
) -> None:
    assert [s.strip() for s in sentence_texts(text, "d.txt")] == sentences


@pytest.mark.parametrize(
    "text",
    [
        "## Where will the talks take place?\n\nIn Almaty, Kazakhstan.",
        "## When did the war begin?\n\nIn March 2011.",
        "How many people left?\n\nAround 35,000.",
    ],
)
def test_a_bare_fragment_in_the_next_paragraph_answers_a_heading_question(text: str) -> None:
    assert sentence_texts(text) == [text.removeprefix("## ")]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("## When did the war begin?\n\nMarch 2012, when protests spread. More followed.",
         ["When did the war begin?\n\nMarch 2012, when protests spread.", "More followed."]),
        ("In which city will the talks be held?\n\nMinsk. Putin said so.",
         ["In which city will the talks be held?\n\nMinsk.", "Putin said so."]),
        ("How long did the siege last?\n\nThree months. It ended in December.",
         ["How long did the siege last?\n\nThree months.", "It ended in December."]),
        ("How many people left?\n\n45,000 people, according to the ministry.",
         ["How many people left?\n\n45,000 people, according to the ministry."]),
    ],
)
def test_a_bare_value_in_the_next_paragraph_answers_a_question_asking_for_one(
    text: str, sentences: list[str]
) -> None:
    # a quiz's answers: the value or name alone, then what the quiz says about it
    assert [s.strip() for s in sentence_texts(text)] == sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("## Where will the talks be held?\n\nIn Astana, officials say. Geneva is out.",
         ["Where will the talks be held?", "In Astana, officials say.", "Geneva is out."]),
        ("What now? Moscow says the talks will go ahead.",
         ["What now?", "Moscow says the talks will go ahead."]),
        # A bracket after a question that holds a clause is an aside, not its answer.
        ("Will the talks open on time? (Officials in Minsk say so.)",
         ["Will the talks open on time?", "(Officials in Minsk say so.)"]),
        ("When did the war begin? Back in 2012, I was a student in Homs.",
         ["When did the war begin?", "Back in 2012, I was a student in Homs."]),
        ("Who is to blame?\n\nIn 2012, the rebels seized the east.",
         ["Who is to blame?", "In 2012, the rebels seized the east."]),
        ("- When did it start?\n- In 2011.", ["When did it start?", "In 2011."]),
        # Only a question asking for a value or a name takes a bare one as its answer.
        ("Is that the same as the Geneva talks?\n\nAstana. They are separate.",
         ["Is that the same as the Geneva talks?", "Astana.", "They are separate."]),
        ("What about the Geneva talks?\n\nNo. They are separate.",  # "No." for "number"
         ["What about the Geneva talks?", "No. They are separate."]),
        ("Will the talks be in Geneva?\n\nAstana. Officials said so.",
         ["Will the talks be in Geneva?", "Astana.", "Officials said so."]),
        ("## Where will the talks be held?\n\nMoscow, which brokered the deal, wants Astana.",
         ["Where will the talks be held?", "Moscow, which brokered the deal, wants Astana."]),
    ],
)
def test_full_sentences_new_paragraphs_and_list_items_are_no_fragment_answers(
    text: str, sentences: list[str]
) -> None:
    assert [s.strip() for s in sentence_texts(text)] == sentences


# --- decimals and other numbers with points ---------------------------------------------


@given(
    whole=st.integers(min_value=0, max_value=10**6),
    fraction=st.integers(min_value=0, max_value=999),
    opener=st.sampled_from(["", "(", '"']),
)
def test_a_decimal_never_splits_a_sentence_but_a_number_after_a_space_may(
    whole: int, fraction: int, opener: str
) -> None:
    first = f"Some {whole:,}.{fraction} million people left."
    second = f"{opener}{whole} more followed."
    assert sentence_texts(f"{first} {second}") == [first, second]


# --- tables and introduced lists ----------------------------------------------------------

TABLE = """\
| Province | Violations recorded |
|---|---|
| Damascus | 17 |
| **Total** | **25** |
"""


def test_a_table_row_reads_as_a_list_with_the_comma_after_each_cell() -> None:
    assert [" ".join(s.split()) for s in sentence_texts(TABLE)] == [
        "Province, Violations recorded", "Damascus, 17", "Total, 25"
    ]
    assert [s.split()[0] for s in sentence_texts(TABLE)] == ["Province,", "Damascus,", "Total,"]


def test_a_table_is_one_paragraph_despite_its_delimiter_row() -> None:
    [block] = Document.for_path("d.md", TABLE).blocks()
    assert len(block.sentences) == 3


@pytest.mark.parametrize("path", ["d.md", "d.txt"])
def test_a_paragraph_ending_with_a_colon_runs_on_into_the_next(path: str) -> None:
    text = "The tally:\n\n- Damascus: 17\n- Aleppo: 6\n\nA new paragraph.\n"
    blocks = Document.for_path(path, text).blocks()
    assert [len(b.sentences) for b in blocks] == [3, 1]


def test_a_suppression_comment_may_name_rules_by_glob() -> None:
    text = "<!-- factcheck-disable-next-line war-* -->\nb\n"
    assert suppressed_lines(text, "war-start-year") == [2]
    assert suppressed_lines(text, "siege-duration") == []


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_paragraphs_are_told_apart_whatever_the_line_ends(newline: str) -> None:
    text = newline.join(["The tally.", "", "A new paragraph.", "Its second sentence.", ""])
    blocks = Document.for_path("d.md", text).blocks()
    assert [len(b.sentences) for b in blocks] == [1, 2]


def test_a_quoted_paragraph_wrapped_over_quote_markers_is_one_paragraph() -> None:
    text = ("> Russia, which began air strikes in\n> September 2015, says it fights terror.\n"
            "> Tartus is its naval base.\n>\n> A second quoted paragraph.\n> - an item\n")
    assert [" ".join(s.split()) for s in sentence_texts(text)] == [
        "Russia, which began air strikes in September 2015, says it fights terror.",
        "Tartus is its naval base.",
        "A second quoted paragraph.",
        "an item",
    ]
    assert [len(b.sentences) for b in Document.for_path("d.md", text).blocks()] == [2, 2]


def test_a_claim_wrapped_over_quote_markers_is_read(bundled: Rulebook) -> None:
    text = "> Russia, which began air strikes in\n> September 2016, says it fights terror.\n"
    assert [(f.line, f.rule, f.found) for f in lint_text(text, bundled, "d.md")] == [
        (2, "russia-air-campaign-start", "September 2016")
    ]


@pytest.mark.parametrize("path", ["d.md", "d.txt"])
def test_a_leader_of_dots_is_a_label_separator_not_full_stops(path: str) -> None:
    text = "Start of the civil war ............ March 2011\n"
    assert [" ".join(s.split()) for s in sentence_texts(text, path)] == [
        "Start of the civil war : March 2011"
    ]
    # an ellipsis in prose is left alone
    assert sentence_texts("He left... Then he came back.", path) == [
        "He left...", "Then he came back."
    ]


@pytest.mark.parametrize("text", [
    "Start of the civil war ............ March 2012\n",
    "Civil war began . . . . . March 2012\n",
    "- Start of the civil war: March 2012\n",
    "  * Start of the uprising / civil war ..... March 2012\n",
])
def test_fact_box_lines_with_leaders_or_bullets_are_read_in_plain_text(
        bundled: Rulebook, text: str) -> None:
    assert [(f.rule, f.found) for f in lint_text(text, bundled, "d.txt")] == [
        ("war-start-year", "March 2012")
    ]


@pytest.mark.parametrize("rule", ["==========", "- - - - -", "*  *  *"])
def test_a_plain_text_rule_line_sets_sections_apart(rule: str) -> None:
    text = ("Notes for the quiz, wrapped at a fixed width as a typed sheet of notes\n"
            "is, and going on over a second line.\n"
            f"{rule}\nSECTION B\n{rule}\nThe war began in 2011.\n")
    blocks = Document.for_path("d.txt", text).blocks()
    assert [b.text.strip() for b in blocks][-2:] == ["SECTION B", "The war began in 2011."]


def test_leaders_are_read_however_their_dots_are_spaced_and_only_before_a_value() -> None:
    assert [" ".join(s.split()) for s in sentence_texts(
        "Civil war began .\t.\t.\t.\t. 2011\n", "d.txt")] == ["Civil war began : 2011"]
    # dots that end a line lead to nothing
    assert sentence_texts("The war goes on……\n", "d.txt") == ["The war goes on……"]
    # two spaced dots are a leader cut short by a long label; an ellipsis of three is not
    assert [" ".join(s.split()) for s in sentence_texts(
        "People evacuated (ICRC) .. 45,000\n", "d.txt")] == ["People evacuated (ICRC) : 45,000"]
    assert sentence_texts("We waited ... Then the buses came.", "d.txt") == [
        "We waited ...", "Then the buses came."
    ]


def test_a_possessive_in_capitals_is_no_part_of_a_name(bundled: Rulebook) -> None:
    assert lint_text("FRI 23  ASSAD'S ARMY TAKES ALL OF ALEPPO\n", bundled, "d.txt") == []
