"""The command line: output, exit statuses, and one clear line for every error."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

from factcheck.cli import main

from .conftest import ROOT

RULES = str(ROOT / "rules")
WRONG = "The peace talks will be held in Geneva, Putin said.\nVladmir Putin spoke.\n"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def drafts(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    monkeypatch.chdir(tmp_path)  # no configuration file above tmp_path
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "wrong.md").write_text(WRONG, encoding="utf-8")
    (tmp_path / "drafts" / "right.txt").write_text(
        "The peace talks will be held in Astana.\n", encoding="utf-8"
    )
    (tmp_path / "drafts" / "notes.rst").write_text(
        "The peace talks will be held in Vienna.\n", encoding="utf-8"
    )
    return tmp_path


def test_lint_prints_one_line_per_finding_and_exits_1(
    drafts: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["lint", "drafts", "--rules", RULES], capsys)
    assert status == 1
    assert out.splitlines() == [
        'drafts/wrong.md:1:33: error ceasefire-talks-venue: ceasefire talks are held in Astana, '
        'not "Geneva" (source: seeds/000_d3298a9f7c5e6a43.txt:14)',
        'drafts/wrong.md:2:1: error vladimir-putin: the name is spelled "Vladimir Putin", '
        'not "Vladmir Putin" (source: seeds/000_d3298a9f7c5e6a43.txt:8)',
    ]
    assert err == "2 findings (2 errors) in 2 files\n"  # notes.rst is not a draft type


def test_a_clean_draft_exits_0(drafts: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["lint", "drafts/right.txt", "--rules", RULES, "-q"], capsys)
    assert (status, out) == (0, "")


def test_json_is_the_documented_contract(drafts: pathlib.Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["lint", "drafts", "--rules", RULES, "--format", "json"], capsys)
    assert status == 1
    data = json.loads(out)
    assert [set(item) for item in data] == [{
        "path", "line", "column", "end_line", "end_column", "rule", "severity", "message",
        "expected", "found", "source",
    }] * 2
    assert data[0] == {
        "path": "drafts/wrong.md", "line": 1, "column": 33, "end_line": 1, "end_column": 39,
        "rule": "ceasefire-talks-venue", "severity": "error",
        "message": 'ceasefire talks are held in Astana, not "Geneva"',
        "expected": "Astana", "found": "Geneva",
        "source": "seeds/000_d3298a9f7c5e6a43.txt:14",
    }


def test_select_ignore_and_fail_level(drafts: pathlib.Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["lint", "drafts", "--rules", RULES, "--select", "vladimir-putin"], capsys)
    assert status == 1 and "vladimir-putin" in out and "ceasefire" not in out
    status, out, _ = run(["lint", "drafts", "--rules", RULES, "--ignore", "vladimir-putin,ceas*"],
                         capsys)
    assert (status, out) == (0, "")
    status, out, _ = run(["lint", "drafts", "--rules", RULES, "--severity",
                          "ceasefire-talks-venue=warning", "--severity", "vladimir-putin=info",
                          "--fail-level", "error"], capsys)
    assert status == 0
    assert ": warning ceasefire-talks-venue:" in out and ": info vladimir-putin:" in out
    # Globs too: a rule's own override beats them, and the last matching glob wins.
    status, out, _ = run(["lint", "drafts", "--rules", RULES, "--severity", "*=info",
                          "--severity", "ceasefire-*=warning", "--severity", "*-putin=error",
                          "--severity", "vladimir-putin=info", "--fail-level", "error"], capsys)
    assert status == 0
    assert ": warning ceasefire-talks-venue:" in out and ": info vladimir-putin:" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lint", "drafts"], "factcheck: no rules: pass --rules PATH"),
        (["lint", "drafts", "--rules", "missing"], "missing: rule file or directory not found"),
        (["lint", "drafts", "--rules", RULES, "--select", "no-such-rule"],
         "factcheck: --select: no rule matches 'no-such-rule'"),
        (["explain", "no-such-rule", "--rules", RULES], "factcheck: unknown rule 'no-such-rule'"),
        (["lint", "drafts", "--config", "missing.toml"], "factcheck: --config: no such file"),
    ],
)
def test_usage_errors_exit_2_with_one_line(drafts: pathlib.Path,
                                           capsys: pytest.CaptureFixture[str],
                                           args: list[str], message: str) -> None:
    status, out, err = run(args, capsys)
    assert status == 2
    assert out == ""
    assert err.startswith(message)
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_a_bad_rule_file_stops_everything_with_its_position(
    drafts: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = drafts / "bad.yaml"
    bad.write_text("facts:\n  - id: x\n    kind: entity\n    kind: date\n", encoding="utf-8")
    status, out, err = run(["lint", "drafts", "--rules", str(bad)], capsys)
    assert (status, out) == (2, "")
    assert err == f"{bad}:4:5: duplicate key 'kind' (first at line 3)\n"


def test_bad_drafts_become_findings_and_the_others_are_still_linted(
    drafts: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (drafts / "drafts" / "latin1.txt").write_bytes("Caf\xe9 in Aleppo".encode("latin-1"))
    (drafts / "drafts" / "binary.md").write_bytes(b"\x00\x01\x02")
    status, out, _ = run(
        ["lint", "drafts", "missing.md", "drafts/notes.rst", "--rules", RULES], capsys
    )
    assert status == 1
    lines = out.splitlines()
    assert "drafts/binary.md:1:1: error decode-error: binary file (contains NUL bytes); not linted" \
        in lines
    assert any(line.startswith("drafts/latin1.txt:1:1: error decode-error: not valid UTF-8")
               for line in lines)
    assert "missing.md:1:1: error read-error: cannot read: No such file or directory" in lines
    assert any("drafts/wrong.md:2:1: error vladimir-putin" in line for line in lines)
    # A directory walk skips .rst, but a file named explicitly is linted whatever its name.
    assert any(line.startswith("drafts/notes.rst:1:33: error ceasefire-talks-venue") for line in lines)


def test_a_directory_given_as_a_file_is_reported(drafts: pathlib.Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from factcheck.engine import lint_path
    from factcheck.rulebook import load_rulebook

    [finding] = lint_path("drafts", load_rulebook([RULES]))
    assert (finding.rule, finding.message) == ("read-error", "is a directory, not a draft")


def test_output_is_written_atomically(drafts: pathlib.Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["lint", "drafts", "--rules", RULES, "--format", "json",
                          "--output", "report.json"], capsys)
    assert (status, out) == (1, "")
    assert len(json.loads((drafts / "report.json").read_text())) == 2
    assert [p.name for p in drafts.iterdir() if p.name.startswith(".report")] == []


def test_output_writes_through_a_link_and_keeps_the_files_permissions(
    drafts: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (drafts / "real.json").write_text("old", encoding="utf-8")
    (drafts / "real.json").chmod(0o644)
    (drafts / "link.json").symlink_to("real.json")
    status, _, _ = run(["lint", "drafts", "--rules", RULES, "--format", "json",
                        "--output", "link.json"], capsys)
    assert status == 1
    assert (drafts / "link.json").is_symlink()
    assert len(json.loads((drafts / "real.json").read_text())) == 2
    assert (drafts / "real.json").stat().st_mode & 0o777 == 0o644


def test_output_to_a_device_writes_to_it(drafts: pathlib.Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    status, _, _ = run(["lint", "drafts", "--rules", RULES, "--output", os.devnull], capsys)
    assert status == 1
    assert pathlib.Path(os.devnull).is_char_device()


def test_output_to_dev_stdout_appends_to_what_the_shell_redirected(
    drafts: pathlib.Path
) -> None:
    log = drafts / "log.txt"
    log.write_text("earlier lines\n", encoding="utf-8")
    with open(log, "a", encoding="utf-8") as appended:  # as "factcheck ... >> log.txt" does
        subprocess.run([sys.executable, "-m", "factcheck", "lint", "drafts", "--rules", RULES,
                        "--no-cache", "--output", "/dev/stdout"], stdout=appended, check=False)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "earlier lines" and len(lines) == 3


def test_output_to_a_directory_is_a_usage_error(drafts: pathlib.Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (drafts / "out").mkdir()
    status, _, err = run(["lint", "drafts", "--rules", RULES, "--output", "out"], capsys)
    assert (status, err) == (2, "factcheck: --output: out is a directory\n")


def test_explain_shows_the_fact_its_sources_cues_and_examples(
    drafts: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["explain", "ceasefire-talks-venue", "--rules", RULES], capsys)
    assert status == 0
    assert out.startswith("ceasefire-talks-venue (entity, error)\n"
                          "  The planned Syria ceasefire talks are to be held in Astana")
    for part in ("seeds/000_d3298a9f7c5e6a43.txt:14", "subject (", "claims (",
                 "{subject} ... {in_place}{value}", "examples that must flag:",
                 "examples that must pass:"):
        assert part in out


def test_rules_check(drafts: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["rules", "check", RULES], capsys)
    assert (status, out) == (0, "17 facts in 2 rule files: ok\n")
    status, out, _ = run(["rules", "check", f"{RULES}/people.yaml"], capsys)
    assert (status, out) == (0, "6 facts in 1 rule file: ok\n")
    status, out, _ = run(["rules", "check", RULES, f"{RULES}/people.yaml"], capsys)
    assert (status, out) == (0, "17 facts in 2 rule files: ok\n")  # a file named twice
    bad = drafts / "bad.yaml"
    bad.write_text("facts: []\n", encoding="utf-8")
    status, out, err = run(["rules", "check", RULES, str(bad)], capsys)
    assert (status, out, err) == (2, "", f"{bad}:1:8: 'facts' must not be empty\n")


def test_the_console_script_runs_from_the_repository_root() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "lint", "seeds/"],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'seeds/002_31483f0e997c4fd1.txt:14:19: error vladimir-putin: the name is spelled '
        '"Vladimir Putin", not "Vladmir Putin" (source: seeds/000_d3298a9f7c5e6a43.txt:8)'
    ]
    assert result.stderr == "1 finding (1 error) in 5 files\n"
