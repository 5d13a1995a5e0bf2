"""Output formats: each is produced by the CLI and checked against what consumes it."""

from __future__ import annotations

import io
import json
import pathlib
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.cli import main
from factcheck.finding import Finding, Severity
from factcheck.formatters import GithubFormatter, TextFormatter, use_color

from .conftest import ROOT

RULES = str(ROOT / "rules")
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture
def drafts(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "drafts with space"
    folder.mkdir()
    (folder / "wrong.md").write_text(
        "The peace talks will be held in Geneva, Putin said.\n😀 Vladmir Putin spoke.\n",
        encoding="utf-8",
    )
    (folder / "right.txt").write_text("Nothing to see.\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01")
    return tmp_path


def lint(fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["lint", "drafts with space", "--rules", RULES, "--format", fmt, "-q"]) == 1
    return capsys.readouterr().out


def test_sarif_is_valid_against_the_official_schema(drafts: pathlib.Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    sarif = json.loads(lint("sarif", capsys))
    jsonschema.validate(sarif, SCHEMA)
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert {"ceasefire-talks-venue", "vladimir-putin", "decode-error"} <= set(rules)
    for rule in rules.values():  # GitHub code scanning requires these
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"]
    results = {r["ruleId"]: r for r in run["results"]}
    putin = results["vladimir-putin"]
    location = putin["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "drafts%20with%20space/wrong.md"
    # The emoji is one code point: the name starts at column 3.
    assert location["region"] == {"startLine": 2, "startColumn": 3, "endLine": 2,
                                  "endColumn": 16}
    assert run["tool"]["driver"]["rules"][putin["ruleIndex"]]["id"] == "vladimir-putin"
    assert putin["level"] == "error"


def test_sarif_locations_are_relative_to_the_repository_from_any_folder(
    drafts: pathlib.Path, tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    (drafts / ".git").mkdir()
    outside = tmp_path_factory.mktemp("elsewhere") / "other.md"
    outside.write_text("The peace talks will be held in Geneva.\n", encoding="utf-8")
    monkeypatch.chdir(drafts / "drafts with space")
    args = ["lint", "wrong.md", str(outside), "--rules", RULES, "--format", "sarif", "-q"]
    assert main(args) == 1
    sarif = json.loads(capsys.readouterr().out)
    jsonschema.validate(sarif, SCHEMA)
    run = sarif["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == drafts.as_uri() + "/"
    locations = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]:
                 r["locations"][0]["physicalLocation"]["artifactLocation"]
                 for r in run["results"]}
    assert locations["drafts%20with%20space/wrong.md"]["uriBaseId"] == "%SRCROOT%"
    assert locations[outside.as_uri()] == {"uri": outside.as_uri()}  # no base outside it


def test_sarif_rejects_what_github_would_reject() -> None:
    """The schema check is not vacuous: a column 0 fails it."""
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{
        "message": {"text": "m"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "a.md"}, "region": {"startLine": 1, "startColumn": 0}}}]}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_jsonl_is_one_object_per_finding(drafts: pathlib.Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    lines = lint("jsonl", capsys).splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["rule"] for r in records] == ["decode-error", "ceasefire-talks-venue",
                                            "vladimir-putin"]
    assert json.loads(lint("json", capsys)) == records


def test_github_annotations(drafts: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = lint("github", capsys).splitlines()
    assert lines[1] == (
        "::error file=drafts with space/wrong.md,line=1,col=33,endLine=1,endColumn=39,"
        "title=factcheck ceasefire-talks-venue::ceasefire talks are held in Astana, not "
        '"Geneva" (source: seeds/000_d3298a9f7c5e6a43.txt:14)'
    )


@given(st.text(max_size=40), st.text(max_size=20))
def test_github_escaping_round_trips(message: str, path: str) -> None:
    finding = Finding(path, 1, 1, 1, 2, "r", Severity.WARNING, message, "", "", "")
    out = io.StringIO()
    GithubFormatter(out).add(path, [finding])
    line = out.getvalue()
    assert line.endswith("\n") and "\n" not in line[:-1] and "\r" not in line
    head, _, data = line[:-1].partition("::")[2].partition("::")
    properties = dict(p.split("=", 1) for p in head.split(" ", 1)[1].split(","))

    def unescape(text: str) -> str:
        return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
                .replace("%2C", ",").replace("%25", "%"))

    assert unescape(properties["file"]) == path
    assert unescape(data) == message


def test_junit_has_one_case_per_file(drafts: pathlib.Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    root = ET.fromstring(lint("junit", capsys))
    suite = root.find("testsuite")
    assert suite is not None
    assert (root.get("tests"), root.get("failures")) == ("3", "2")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"drafts with space/binary.txt", "drafts with space/right.txt",
                          "drafts with space/wrong.md"}
    assert cases["drafts with space/right.txt"].find("failure") is None
    failure = cases["drafts with space/wrong.md"].find("failure")
    assert failure is not None and "vladimir-putin" in (failure.text or "")


def test_output_file_for_every_format(drafts: pathlib.Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("text", "json", "jsonl", "sarif", "github", "junit"):
        target = drafts / f"report.{fmt}"
        assert main(["lint", "drafts with space", "--rules", RULES, "--format", fmt,
                     "-o", str(target), "-q"]) == 1
        assert target.read_text(encoding="utf-8")
        assert capsys.readouterr().out == ""


def test_colour_only_on_a_terminal_and_never_with_no_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert use_color(Terminal()) and not use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Terminal())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert use_color(io.StringIO())
    finding = Finding("a.md", 1, 2, 1, 3, "r", Severity.ERROR, "m", "", "", "s")
    out = io.StringIO()
    TextFormatter(out, color=True).add("a.md", [finding])
    assert out.getvalue() == "\x1b[1ma.md:1:2:\x1b[0m \x1b[31merror\x1b[0m \x1b[2mr\x1b[0m: m (source: s)\n"
