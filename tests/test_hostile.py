"""Hostile input and faults: a finding or one clear line, never a traceback, a hang or a touched draft.

Every class of bad input the README lists under "Bad input and limits" is tried here:
drafts, the file system, rule files and configuration, and faults (Ctrl-C, a read-only
cache, a corrupt cache). Property tests then feed arbitrary text, Markdown and bytes to
the engine and the command line.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import engine
from factcheck.cli import main
from factcheck.document import decode
from factcheck.engine import lint_bytes, lint_text
from factcheck.errors import RuleFileError
from factcheck.finding import BUILT_IN_RULES, Finding
from factcheck.rulebook import Rulebook, load_rulebook

from .conftest import ROOT, TALKS_FACT

RULES = str(ROOT / "rules")
CLAIM = "The peace talks will be held in Geneva."

# name -> (file name, bytes): drafts no one should write, and some everyone will.
DRAFTS: dict[str, tuple[str, bytes]] = {
    "binary": ("binary.md", bytes(range(256)) * 8),
    "nul in text": ("nul.txt", CLAIM.encode() + b"\x00\n"),
    "invalid UTF-8": ("invalid.txt", b"Talks \xff\xfe in Geneva.\n"),
    "truncated UTF-8": ("truncated.txt", "Talks in Çavuşoğlu".encode()[:-1]),
    "UTF-8 surrogate": ("surrogate.txt", b"Talks \xed\xa0\x80 in Geneva.\n"),
    "Latin-1": ("latin1.txt", "Café talks in Genève.\n".encode("latin-1")),
    "UTF-16 LE with BOM": ("utf16le.txt", CLAIM.encode("utf-16")),
    "UTF-16 BE with BOM": ("utf16be.md", codecs.BOM_UTF16_BE + CLAIM.encode("utf-16-be")),
    "UTF-8 with BOM": ("bom.md", codecs.BOM_UTF8 + CLAIM.encode()),
    "only a BOM": ("onlybom.txt", codecs.BOM_UTF8),
    "empty": ("empty.md", b""),
    "only whitespace": ("blank.txt", b"\n\n  \t \r\n\r"),
    "CR line endings": ("cr.txt", b"Headline\r\r" + CLAIM.encode() + b"\rMore.\r"),
    "control characters": ("control.txt", bytes(range(1, 32)) * 20 + CLAIM.encode()),
    "bidi and zero-width": ("bidi.md", f"\u202e\u200b\u200d {CLAIM}\ufeff\u2066".encode()),
    "combining marks": ("combining.txt", ("e" + "\u0301" * 20_000 + " " + CLAIM).encode()),
    "emoji": ("emoji.md", ("🙂" * 2000 + " " + CLAIM).encode()),
    "a 20,000-digit number": ("digits.txt",
                              ("9" * 20_000 + " people were evacuated from eastern Aleppo.")
                              .encode()),
    "deeply nested list": ("list.md", "".join("  " * i + f"- {CLAIM}\n"
                                              for i in range(400)).encode()),
    "deeply nested quote": ("quote.md", (">" * 50_000 + " " + CLAIM + "\n").encode()),
    "nested brackets": ("brackets.txt", ("(" * 20_000 + CLAIM + ")" * 20_000).encode()),
    "unterminated fence": ("fence.md", f"{CLAIM}\n```python\nGeneva = 1\n".encode()),
    "unterminated front matter": ("front.md", f"---\ntitle: x\n{CLAIM}\n".encode()),
    "unterminated comment": ("comment.md", f"<!-- never closed\n{CLAIM}\n".encode()),
    "unbalanced HTML": ("html.md", ("<div>" * 20_000 + CLAIM).encode()),
    "a table 5,000 cells wide": ("table.md", ("|" + "Geneva|" * 5000 + "\n").encode()),
    "5,000 suppression comments": ("directives.md",
                                   ("<!-- factcheck-disable -->" * 5000 + CLAIM).encode()),
    "a 1 MB line without punctuation": ("line.txt",
                                        ("the talks went on and on " * 40_000)[:1_000_000]
                                        .encode()),
    # Dense claims cost about 10 s a megabyte (README, "Bad input and limits"): 200 KB here.
    "a 200 KB line of claims": ("claims.md", (f"{CLAIM[:-1]} and " * 5_000)[:200_000].encode()),
    "a 1 MB word": ("word.txt", b"a" * 1_000_000),
}


def digest(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lines_of(data: bytes) -> list[str] | None:
    """The lines of a draft as factcheck counts them, or None if it does not decode."""
    try:
        text = decode(data)
    except ValueError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def assert_positions_within(finding: Finding, lines: list[str] | None) -> None:
    if lines is None or finding.rule in BUILT_IN_RULES:
        assert (finding.line, finding.column) == (1, 1)
        return
    assert 1 <= finding.line <= len(lines)
    assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1
    assert (finding.end_line, finding.end_column) >= (finding.line, finding.column)
    assert finding.end_line <= len(lines)


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, data in DRAFTS.values():
        (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize("case", sorted(DRAFTS))
def test_a_hostile_draft_gets_findings_with_true_positions(case: str, hostile_dir: pathlib.Path,
                                                            bundled: Rulebook) -> None:
    name, data = DRAFTS[case]
    path = hostile_dir / name
    before = digest(path)
    findings = engine.lint_path(str(path), bundled)
    assert digest(path) == before  # drafts are never touched
    lines = lines_of(data)
    for finding in findings:
        assert_positions_within(finding, lines)
    if lines is None:
        assert [f.rule for f in findings] == ["decode-error"]
    assert not any(f.rule == "internal-error" for f in findings)


def test_every_hostile_draft_at_once_through_the_command_line(
    hostile_dir: pathlib.Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(hostile_dir)
    status = main(["lint", ".", "--rules", RULES, "--no-cache", "-j", "1", "--format", "json"])
    captured = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in captured.err
    assert captured.err.endswith(f"in {len(DRAFTS)} files\n")


def test_decoded_hostile_drafts_still_have_their_claims_found(hostile_dir: pathlib.Path,
                                                               bundled: Rulebook) -> None:
    for name in ("utf16le.txt", "utf16be.md", "bom.md", "cr.txt", "control.txt", "bidi.md",
                 "fence.md", "front.md", "list.md", "quote.md"):
        rules = {f.rule for f in engine.lint_path(str(hostile_dir / name), bundled)}
        assert "ceasefire-talks-venue" in rules, name


def test_what_is_not_prose_stays_silent(hostile_dir: pathlib.Path, bundled: Rulebook) -> None:
    # An unterminated fence runs to the end; an unterminated comment hides the rest.
    fence = engine.lint_path(str(hostile_dir / "fence.md"), bundled)
    assert [f.line for f in fence] == [1]
    assert engine.lint_path(str(hostile_dir / "comment.md"), bundled) == []


# --- the file system ----------------------------------------------------------------


def test_a_100_mb_draft_is_refused_without_being_read(tmp_path: pathlib.Path,
                                                      bundled: Rulebook) -> None:
    huge = tmp_path / "huge.md"
    with huge.open("wb") as handle:
        handle.truncate(100_000_000)  # sparse: nothing is written, nothing need be read
    [finding] = engine.lint_path(str(huge), bundled)
    assert finding.rule == "too-large"
    assert "100,000,000 bytes, over the 10,000,000-byte limit (raise it with --max-file-size)" \
        in finding.message


def test_the_size_limit_can_be_raised(tmp_path: pathlib.Path, bundled: Rulebook) -> None:
    draft = tmp_path / "d.md"
    draft.write_text(CLAIM + " " * 2000, encoding="utf-8")
    assert [f.rule for f in engine.lint_path(str(draft), bundled, max_bytes=1000)] == ["too-large"]
    rules = [f.rule for f in engine.lint_path(str(draft), bundled, max_bytes=10_000)]
    assert rules == ["ceasefire-talks-venue"]


def test_an_unreadable_draft_is_a_read_error(tmp_path: pathlib.Path, bundled: Rulebook,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    draft = tmp_path / "secret.md"
    draft.write_text(CLAIM, encoding="utf-8")
    draft.chmod(0)
    if os.access(draft, os.R_OK):  # root reads everything: make open() refuse instead
        real_open = open

        def refusing_open(file: object, *args: object, **kwargs: object) -> object:
            if str(file) == str(draft):
                raise PermissionError(13, "Permission denied")
            return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr("builtins.open", refusing_open)
    [finding] = engine.lint_path(str(draft), bundled)
    assert (finding.rule, finding.message) == ("read-error", "cannot read: Permission denied")


def test_a_draft_that_disappears_during_the_run(tmp_path: pathlib.Path,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    for index in range(3):
        (tmp_path / "drafts" / f"{index}.md").write_text(CLAIM, encoding="utf-8")
    from factcheck import cli

    real_discover = cli.discover

    def discover_then_delete(*args: object) -> list[str]:
        paths = real_discover(*args)  # type: ignore[arg-type]
        (tmp_path / "drafts" / "1.md").unlink()
        return paths

    monkeypatch.setattr(cli, "discover", discover_then_delete)
    assert main(["lint", "drafts", "--rules", RULES, "-q", "--no-cache"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "drafts/1.md:1:1: error read-error: cannot read: No such file or directory" in out
    assert sum("ceasefire-talks-venue" in line for line in out) == 2


def test_symlink_loops_are_reported_or_skipped(tmp_path: pathlib.Path,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.md").symlink_to("b.md")
    (drafts / "b.md").symlink_to("a.md")
    (drafts / "again").symlink_to(drafts, target_is_directory=True)  # a directory loop
    (drafts / "real.md").write_text(CLAIM, encoding="utf-8")
    assert main(["lint", "drafts", "--rules", RULES, "-q", "--no-cache"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "drafts/a.md:1:1: error read-error: cannot read: Too many levels of symbolic links",
        "drafts/b.md:1:1: error read-error: cannot read: Too many levels of symbolic links",
        'drafts/real.md:1:33: error ceasefire-talks-venue: ceasefire talks are held in Astana, '
        'not "Geneva" (source: seeds/000_d3298a9f7c5e6a43.txt:14)',
    ]


def test_pipes_and_devices_are_not_read(tmp_path: pathlib.Path, bundled: Rulebook) -> None:
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)  # opening it would wait for a writer forever
    for path in (str(pipe), os.devnull):
        [finding] = engine.lint_path(path, bundled)
        assert finding.message == "not a regular file (a pipe, socket or device)"


def test_thousands_of_files(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for index in range(3000):
        (drafts / f"{index:04d}.txt").write_text(
            CLAIM if index % 500 == 0 else f"Note {index}.", encoding="utf-8"
        )
    assert main(["lint", "drafts", "--rules", RULES, "--no-cache"]) == 1
    captured = capsys.readouterr()
    assert captured.err == "6 findings (6 errors) in 3000 files\n"
    assert [line[:15] for line in captured.out.splitlines()] == [
        f"drafts/{i:04d}.txt" for i in range(0, 3000, 500)
    ]


# --- rule files and configuration ---------------------------------------------------


def rule_error(tmp_path: pathlib.Path, text: str, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "d.md").write_text(CLAIM, encoding="utf-8")
    status = main(["lint", str(tmp_path / "d.md"), "--rules", str(path), "--no-cache"])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""  # nothing is linted
    assert "Traceback" not in captured.err
    assert captured.err.count("\n") == 1
    return captured.err.replace(str(tmp_path) + "/", "")


GOOD = "facts:\n" + TALKS_FACT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
         "r.yaml:2:8: YAML error: aliases are not allowed in factcheck files"),
        ("facts: !!python/object/apply:os.system ['echo owned']\n",
         "r.yaml:1:8: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
        ("facts: " + "[" * 100 + "]" * 100 + "\n", "r.yaml:1:47: YAML error: nesting deeper than 40 levels"),
        ("# padding\n" * 500_000, "r.yaml: file is larger than 4000000 bytes"),
        (GOOD.replace("subject: [peace talks]", "subject: ['(a|aa)+$']"),
         "r.yaml:6:15: the pattern backtracks catastrophically"),
        (GOOD.replace("value: Astana", "value: Astana\n    colour: red"),
         "r.yaml:9:5: unknown key 'colour'"),
        ("", "r.yaml:1:1: empty rule file (expected a mapping with 'facts')"),
        ("facts: []\n", "r.yaml:1:8: 'facts' must not be empty"),
    ],
    ids=["alias bomb", "python tag", "deep nesting", "huge file", "catastrophic pattern",
         "unknown key", "empty file", "no facts"],
)
def test_a_hostile_rule_file_stops_the_run_with_its_position(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    assert rule_error(tmp_path, text, capsys).startswith(expected)


def _wrong(value: object) -> object:
    """A value of the wrong type for a key that held ``value``."""
    return [1, [2]] if isinstance(value, dict) else {"wrong": [1]}


def _keys_of_every_kind() -> list[tuple[str, str]]:
    cases = []
    seen = set()
    for rule_file in sorted((ROOT / "rules").glob("*.yaml")):
        for fact in yaml.safe_load(rule_file.read_text(encoding="utf-8"))["facts"]:
            for key in fact:
                if (fact["kind"], key) not in seen:
                    seen.add((fact["kind"], key))
                    cases.append((fact["id"], key))
    return cases


@pytest.mark.parametrize(("fact_id", "key"), _keys_of_every_kind())
def test_a_wrong_type_at_every_key_is_an_error_at_that_key(tmp_path: pathlib.Path, fact_id: str,
                                                           key: str) -> None:
    broken, position = "", 0
    for rule_file in sorted((ROOT / "rules").glob("*.yaml")):
        document = yaml.safe_load(rule_file.read_text(encoding="utf-8"))
        for index, fact in enumerate(document["facts"]):
            if fact["id"] == fact_id:
                fact[key] = _wrong(fact[key])
                broken, position = rule_file.name, index
        (tmp_path / rule_file.name).write_text(yaml.safe_dump(document, sort_keys=False),
                                               encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rulebook([tmp_path])
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / broken}:")
    line = int(message.split(":")[1])
    # The error points into the broken fact: at the key, or at its value.
    root = yaml.compose((tmp_path / broken).read_text(encoding="utf-8"))
    facts = next(value for key_node, value in root.value if key_node.value == "facts")
    fact_node = facts.value[position]
    assert fact_node.start_mark.line + 1 <= line <= fact_node.end_mark.line + 1


def test_a_configuration_with_hostile_values(tmp_path: pathlib.Path,
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    for text, expected in [
        ("rules: &r [x]\ninclude: *r\n", ".factcheck.yaml:2:10: YAML error: aliases"),
        ("jobs: -3\n", ".factcheck.yaml:1:1: 'jobs' must be a whole number (0 means all cores)"),
        ("cache: NO\n", ".factcheck.yaml:1:1: 'cache' must be true or false"),
        ("rules: [missing]\n", "missing: rule file or directory not found"),
    ]:
        (tmp_path / ".factcheck.yaml").write_text(text, encoding="utf-8")
        assert main(["lint", "."]) == 2
        err = capsys.readouterr().err
        assert expected in err, err
        assert err.count("\n") == 1


# --- faults -------------------------------------------------------------------------


def _ctrl_c_as_on_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_exits_130_and_leaves_no_partial_output(tmp_path: pathlib.Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    seed = (ROOT / "seeds" / "000_d3298a9f7c5e6a43.txt").read_text(encoding="utf-8")
    for index in range(2000):
        (drafts / f"{index:04d}.md").write_text(seed.replace("2011", str(1900 + index)),
                                                encoding="utf-8")
    report = tmp_path / "report.json"
    report.write_text("the previous report\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "lint", str(drafts), "--rules", RULES, "-j", "2",
         "--no-cache", "--format", "json", "--output", str(report)],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # A shell's background job starts with Ctrl-C ignored, and Python then leaves it
        # so: the command gets the signal as a user's terminal would send it.
        preexec_fn=_ctrl_c_as_on_a_terminal,
    )
    # Once the report is being written, the rules are loaded and drafts are being linted.
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".report") for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert (out, err) == ("", "factcheck: interrupted\n")
    assert report.read_text(encoding="utf-8") == "the previous report\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_an_unwritable_cache_still_lints(tmp_path: pathlib.Path,
                                         capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "blocker").write_text("a file where the cache directory would go\n")
    (tmp_path / ".factcheck.yaml").write_text(
        f"rules: [{RULES}]\ncache-dir: blocker/cache\n", encoding="utf-8"
    )
    (tmp_path / "d.md").write_text(CLAIM, encoding="utf-8")
    for _ in range(2):
        assert main(["lint", "d.md", "-q"]) == 1
        assert "ceasefire-talks-venue" in capsys.readouterr().out


def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(tmp_path: pathlib.Path,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.md").write_text(CLAIM + " The siege lasted five months.", encoding="utf-8")
    args = ["lint", "d.md", "--rules", RULES, "-q"]
    assert main(args) == 1
    expected = capsys.readouterr().out
    cache = tmp_path / ".factcheck_cache"
    entries = [p for p in cache.iterdir() if p.suffix in (".pickle", ".sqlite")]
    assert sorted(p.name.split("-")[0] for p in entries) == ["entries.sqlite", "patterns",
                                                             "rulebook"]
    damage = [b"", b"\x80\x04garbage", b"\x80\x04K\x01.", b"[1, 2", b'{"key": 1}',
              b"SQLite format 3\x00" + b"\x00" * 200]
    for round_ in range(len(damage)):
        for index, entry in enumerate(entries):
            entry.write_bytes(damage[(index + round_) % len(damage)])
        assert main(args) == 1
        assert capsys.readouterr().out == expected


def test_a_bug_on_one_draft_is_a_finding_and_the_others_are_linted(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("Boom.", encoding="utf-8")
    (tmp_path / "b.md").write_text(CLAIM, encoding="utf-8")
    real = engine.lint_text

    def buggy(text: str, rulebook: Rulebook, path: str = "<text>") -> list[Finding]:
        if "Boom" in text:
            raise KeyError("a bug")
        return real(text, rulebook, path)

    monkeypatch.setattr(engine, "lint_text", buggy)
    assert main(["lint", "a.md", "b.md", "--rules", RULES, "-q", "--no-cache"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("a.md:1:1: error internal-error: factcheck failed on this draft "
                      "(KeyError: 'a bug'); please report it")
    assert out[1].startswith("b.md:1:33: error ceasefire-talks-venue")


def test_a_bug_anywhere_else_is_one_line_and_exit_3(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck import cli

    def broken(*args: object) -> None:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(cli, "discover", broken)
    assert main(["lint", ".", "--rules", RULES, "--no-cache"]) == 3
    assert capsys.readouterr().err == (
        "factcheck: internal error: RuntimeError: unexpected (a bug in factcheck; please report it)\n"
    )


# --- a pattern that gives up -------------------------------------------------------------

# Passes the load-time probes, but tries every way of splitting a run of x's: a code name
# "XXXX..." in a draft makes it give up after MATCH_TIMEOUT.
SLOW_SUBJECT = GOOD.replace("subject: [peace talks]", "subject: ['(?:x|xx)+y talks', peace talks]")
REDACTED = "Talks code-named " + "X" * 40 + " opened, and the peace talks were held in Geneva."


def test_a_pattern_that_gives_up_is_an_error_on_the_passage_not_silence(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.yaml").write_text(SLOW_SUBJECT, encoding="utf-8")
    (tmp_path / "d.md").write_text("# Talks\n\n" + REDACTED + "\n", encoding="utf-8")
    assert main(["lint", "d.md", "--rules", "r.yaml", "--no-cache"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "d.md:3:1: error pattern-timeout: a pattern of rule talks-venue took over 0.25 s here"
        " and gave up, so this passage was not checked for talks-venue (simplify the pattern,"
        " or lint again on a less loaded machine)",
    ]
    # Like any rule, it can be explained, ignored or made a warning.
    assert main(["explain", "pattern-timeout"]) == 0
    assert "gave up" in capsys.readouterr().out
    assert main(["lint", "d.md", "--rules", "r.yaml", "--no-cache",
                 "--ignore", "pattern-timeout"]) == 0


def _give_up_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every rule-pattern match time out, as on a badly overloaded machine."""
    from factcheck import analysis, claims

    monkeypatch.setattr(claims, "MATCH_TIMEOUT", 0)
    monkeypatch.setattr(analysis, "MATCH_TIMEOUT", 0)


# Sentences no other test reads, so no earlier lint has left their results behind.
@pytest.mark.parametrize(("stage", "text"), [
    ("subject", "After a week of delays the peace talks were finally held in Montreux."),
    ("claim", "The long-delayed peace talks at last took place in Montreux."),
])
def test_a_match_that_gave_up_is_reported_and_not_remembered(
    rules_from: Callable[[str], Rulebook], monkeypatch: pytest.MonkeyPatch, stage: str,
    text: str,
) -> None:
    from factcheck import claims

    rulebook = rules_from(GOOD)
    with monkeypatch.context() as patch:
        if stage == "subject":
            _give_up_at_once(patch)  # the subject search gives up first
        else:
            patch.setattr(claims, "MATCH_TIMEOUT", 0)  # the subject is found; its claim gives up
        assert [f.rule for f in lint_text(text, rulebook)] == ["pattern-timeout"]
    # With time to finish, the same sentence in the same process is read afresh.
    assert [(f.rule, f.found) for f in lint_text(text, rulebook)] == [("talks-venue", "Montreux")]


def test_no_comment_in_a_draft_silences_a_timeout(
    rules_from: Callable[[str], Rulebook], monkeypatch: pytest.MonkeyPatch
) -> None:
    rulebook = rules_from(GOOD)
    text = ("<!-- factcheck-disable-file -->\n\n<!-- factcheck-disable-next-line -->\n"
            "The peace talks, it emerged, were being held in Montreux.\n")
    with monkeypatch.context() as patch:
        _give_up_at_once(patch)
        # It is not the text's doing; a draft kept in the cache with it silenced would
        # never be read again.
        assert [f.rule for f in lint_text(text, rulebook, "d.md")] == ["pattern-timeout"]
    assert lint_text(text, rulebook, "d.md") == []


def test_timeouts_are_counted_per_thread() -> None:
    import threading

    from factcheck.claims import TIMEOUTS

    before = TIMEOUTS.count
    worker = threading.Thread(target=TIMEOUTS.tick)
    worker.start()
    worker.join()
    assert TIMEOUTS.count == before  # a Dask worker's other thread blames none of ours


def test_a_bounded_match_that_gives_up_counts_and_answers_the_fallback() -> None:
    import regex

    from factcheck.claims import TIMEOUTS

    slow = regex.compile(r"(a+)+b")
    before = TIMEOUTS.count
    assert TIMEOUTS.bounded(lambda: slow.search("a" * 40, timeout=0), "gave up") == "gave up"
    assert TIMEOUTS.count == before + 1
    assert TIMEOUTS.bounded(lambda: slow.search("aab", timeout=1) is not None, False) is True
    assert TIMEOUTS.count == before + 1  # a match that finishes is not counted


def test_mutation_testing_stops_when_a_pattern_gives_up(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck import mutate

    args = ["mutate", str(ROOT / "seeds"), "--rules", RULES, "--count", "5"]
    real = mutate.find_sites

    def then_give_up(*given: Any) -> list[mutate.Site]:
        sites = real(*given)
        _give_up_at_once(monkeypatch)  # the mutants are linted on an overloaded machine
        return sites

    monkeypatch.setattr(mutate, "find_sites", then_give_up)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "gave up" in err and "mutation testing needs every claim read" in err
    monkeypatch.undo()
    _give_up_at_once(monkeypatch)  # ... or the correct articles are read on one
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "gave up" in err and "mutation testing needs every claim read" in err


def test_mutation_testing_reads_again_what_a_busy_moment_cut_short(
    rules_from: Callable[[str], Rulebook], monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck import mutate

    rulebook = rules_from(GOOD)
    # A sentence no other test reads: nothing remembered spares its patterns the timeout.
    text = "Envoys confirmed that the peace talks would reconvene in Astana in the spring.\n"
    gave_up: list[bool] = []  # whether each reading gave up; only the first is cut short
    real_claims, real_lint = mutate.block_claims, mutate.lint_text

    def block_claims(block: Any, rules: Rulebook, facts: list[Any]) -> Any:
        with monkeypatch.context() as patch:
            if not gave_up:
                _give_up_at_once(patch)
            claims = list(real_claims(block, rules, facts))
        gave_up.append(bool(facts))
        return iter(claims)

    def lint_text(*given: Any) -> list[Finding]:
        with monkeypatch.context() as patch:
            if not gave_up:
                _give_up_at_once(patch)
            findings = real_lint(*given)
        gave_up.append(any(f.rule == "pattern-timeout" for f in findings))
        return findings

    monkeypatch.setattr(mutate, "block_claims", block_claims)
    [site] = mutate.find_sites([("d.md", text)], rulebook)
    assert site.value == "Astana" and gave_up == [True, False]

    gave_up.clear()
    monkeypatch.setattr(mutate, "lint_text", lint_text)
    moved = next(m for m in mutate.mutants(site) if m.breaking and m.replacement == "Geneva")
    assert mutate.judge(moved, rulebook).flagged and gave_up == [True, False]


def test_a_draft_whose_pattern_gave_up_is_not_kept_in_the_cache(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "d.md").write_text("The peace talks opened in Geneva on a wet Friday.\n",
                                   encoding="utf-8")
    lint = ["lint", "d.md", "--rules", "r.yaml"]  # with the cache, in .factcheck_cache
    with monkeypatch.context() as patch:
        _give_up_at_once(patch)
        assert main(lint) == 1
        assert "pattern-timeout" in capsys.readouterr().out
    engine._BLOCKS.entries.clear()  # a new process: only the disk cache carries over
    assert main(lint) == 1
    out = capsys.readouterr().out
    assert "talks-venue" in out and "pattern-timeout" not in out


# --- any input at all ---------------------------------------------------------------

_MARKDOWN_PIECES = st.sampled_from([
    "# ", "## ", "> ", "- ", "1. ", "    ", "```\n", "~~~\n", "---\n", "+++\n", "<!-- ", " -->",
    "<!-- factcheck-disable -->", "<!-- factcheck-enable -->", "*", "_", "`", "[", "](x)", "|",
    "\n", "\n\n", "\r\n", "\t", " ", "Geneva", "Astana", "peace talks", "will be held in",
    "Vladmir Putin", "34,000", "about 35 000 people were evacuated", "in 2012", "five months",
    "December 15", ".", "?", ":", "(", ")", "—", "\u00a0", "é", "\ufeff",
])
markdown = st.lists(_MARKDOWN_PIECES, max_size=40).map("".join)


@given(st.text(max_size=300), st.sampled_from(["d.md", "d.txt"]))
def test_any_text_lints_with_true_positions(text: str, path: str) -> None:
    rulebook = _bundled()
    findings = lint_text(text, rulebook, path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for finding in findings:
        assert_positions_within(finding, lines)
    assert findings == lint_text(text, rulebook, path)  # deterministic


@given(markdown)
def test_any_markdown_lints_with_true_positions(text: str) -> None:
    rulebook = _bundled()
    findings = lint_text(text, rulebook, "d.md")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for finding in findings:
        assert_positions_within(finding, lines)
        assert not finding.rule.startswith("internal")


@given(st.binary(max_size=300) | markdown.map(lambda t: t.encode("utf-8")))
def test_any_bytes_lint_to_findings(data: bytes) -> None:
    findings = lint_bytes(data, "d.md", _bundled())
    lines = lines_of(data)
    for finding in findings:
        assert_positions_within(finding, lines)
    assert not any(f.rule == "internal-error" for f in findings)


@settings(max_examples=15)
@given(st.lists(st.binary(max_size=200) | markdown.map(str.encode), min_size=1, max_size=5))
def test_the_command_line_is_deterministic_and_ignores_file_order(files: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        names = []
        for index, data in enumerate(files):
            name = os.path.join(folder, f"{index}.md")
            pathlib.Path(name).write_bytes(data)
            names.append(name)
        runs = [
            _cli(["lint", *names, "--rules", RULES, "--no-cache", "-j", "1"]),
            _cli(["lint", *reversed(names), "--rules", RULES, "--no-cache", "-j", "1"]),
            _cli(["lint", folder, "--rules", RULES, "--no-cache", "-j", "1"]),
        ]
    assert runs[0] == runs[1] == runs[2]
    status, _, err = runs[0]
    assert status in (0, 1)
    assert "Traceback" not in err


_RULEBOOK: list[Rulebook] = []


def _bundled() -> Rulebook:
    if not _RULEBOOK:
        _RULEBOOK.append(load_rulebook([ROOT / "rules"]))
    return _RULEBOOK[0]


def _cli(args: list[str]) -> tuple[int, str, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(args)
    return status, out.getvalue(), err.getvalue()
