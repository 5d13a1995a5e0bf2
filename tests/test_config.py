"""Configuration: found upward, validated strictly, overridden by the command line."""

from __future__ import annotations

import pathlib
import textwrap

import pytest

from factcheck.cli import main
from factcheck.config import find_config, load_config
from factcheck.errors import ConfigError
from factcheck.finding import Severity

from .conftest import ROOT


def write(path: pathlib.Path, text: str) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_nearest_configuration_is_found_walking_up(tmp_path: pathlib.Path) -> None:
    (tmp_path / ".git").mkdir()
    project = write(tmp_path / "pyproject.toml", "[tool.factcheck]\nrules = ['facts']\n")
    nested = tmp_path / "desk" / "drafts"
    nested.mkdir(parents=True)
    assert find_config(nested) == project
    config = load_config(project)
    assert config.rules == [str(tmp_path / "facts")]  # relative to the file, not the cwd
    assert config.origin("rules") == f"{project}:2"


def test_a_pyproject_without_the_table_is_skipped_and_yaml_wins(tmp_path: pathlib.Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "pyproject.toml", "[tool.black]\nline-length = 88\n")
    assert find_config(tmp_path) is None
    yaml_file = write(tmp_path / ".factcheck.yaml", "rules: [facts]\n")
    write(tmp_path / "pyproject.toml", "[tool.factcheck]\nrules = ['other']\n")
    assert find_config(tmp_path) == yaml_file


@pytest.mark.parametrize(
    "text",
    [
        "[ tool.factcheck ]\nrules = ['facts']\n",
        "[tool.\"factcheck\"]\nrules = ['facts']\n",
        "[tool]\nfactcheck = {rules = ['facts']}\n",
        "tool.factcheck.rules = ['facts']\n",
        "[\"tool\".factcheck]\nrules = ['facts']\n",
        "tool = { factcheck = { rules = ['facts'] } }\n",
    ],
)
def test_every_toml_spelling_of_the_table_is_found(tmp_path: pathlib.Path, text: str) -> None:
    (tmp_path / ".git").mkdir()
    project = write(tmp_path / "pyproject.toml", text)
    assert find_config(tmp_path) == project
    assert load_config(project).rules == [str(tmp_path / "facts")]


def test_a_broken_pyproject_that_configures_factcheck_is_reported_not_skipped(
    tmp_path: pathlib.Path
) -> None:
    (tmp_path / ".git").mkdir()
    project = write(tmp_path / "pyproject.toml", "[tool.factcheck\nrules = ['facts']\n")
    assert find_config(tmp_path) == project


def test_search_stops_at_the_repository_root(tmp_path: pathlib.Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.factcheck]\nrules = ['facts']\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert find_config(tmp_path / "repo") is None


def test_every_key(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / ".factcheck.yaml", """\
        rules: [rules, more-rules]
        include: ["*.md"]
        exclude: [archive]
        select: [war-*]
        ignore: [war-start-year]
        fail-level: warning
        severity: {aleppo-evacuees: info}
        format: json
        jobs: 2
        max-file-size: 1000
        cache: false
        cache-dir: .cache
        """)
    config = load_config(path)
    assert config.include == ["*.md"] and config.exclude == ["archive"]
    assert (config.select, config.ignore) == (["war-*"], ["war-start-year"])
    assert config.fail_level is Severity.WARNING
    assert config.severity == {"aleppo-evacuees": Severity.INFO}
    assert (config.format, config.jobs, config.max_file_size, config.cache) == ("json", 2, 1000,
                                                                                False)
    assert config.cache_dir == str(tmp_path / ".cache")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (".factcheck.yaml", "rules: [r]\nfail_level: error\n",
         ".factcheck.yaml:2:1: unknown configuration key 'fail_level'"),
        (".factcheck.yaml", "fail-level: fatal\n",
         ".factcheck.yaml:1:1: 'fail-level' must be error, warning or info"),
        (".factcheck.yaml", "severity: {war-start-year: loud}\n",
         ".factcheck.yaml:1:12: severity of 'war-start-year' must be error, warning or info"),
        (".factcheck.yaml", "jobs: -1\n", ".factcheck.yaml:1:1: 'jobs' must be a whole number"),
        (".factcheck.yaml", "rules: 5\n", ".factcheck.yaml:1:1: 'rules' must be a path"),
        ("pyproject.toml", "[project]\nname = 'x'\n\n[tool.factcheck]\nrules = ['r']\nformats = 'json'\n",
         "pyproject.toml:6:1: unknown configuration key 'formats'"),
        ("pyproject.toml", "[tool.factcheck]\nrules = ['r']\n[tool.factcheck.severity]\nwar = 'x'\n",
         "pyproject.toml:4:1: severity of 'war' must be error, warning or info"),
        ("pyproject.toml", "[tool.factcheck\n", "pyproject.toml:1:16: TOML error: Expected ']'"),
        ("pyproject.toml", "[tool.factcheck]\nrules = ['r'\n",
         "pyproject.toml:2:13: TOML error: Unclosed array"),
    ],
)
def test_configuration_errors_name_file_and_line(tmp_path: pathlib.Path, name: str, text: str,
                                                 expected: str) -> None:
    path = write(tmp_path / name, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).replace(str(tmp_path) + "/", "").startswith(expected)


def test_a_config_error_exits_2_from_the_command_line(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".factcheck.yaml", "rules: [r]\ncolour: true\n")
    monkeypatch.chdir(tmp_path)
    assert main(["lint"]) == 2
    assert capsys.readouterr().err.startswith(
        f"{tmp_path}/.factcheck.yaml:2:1: unknown configuration key 'colour'"
    )


def test_a_config_pointing_at_missing_rules_exits_2(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".factcheck.yaml", "rules: [no-such-dir]\n")
    monkeypatch.chdir(tmp_path)
    assert main(["lint"]) == 2
    assert "no-such-dir: rule file or directory not found" in capsys.readouterr().err


def test_the_command_line_overrides_the_file_and_config_shows_origins(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    config_file = write(tmp_path / "pyproject.toml", f"""\
        [tool.factcheck]
        rules = ["{ROOT / 'rules'}"]
        fail-level = "warning"
        """)
    monkeypatch.chdir(tmp_path)
    assert main(["config", "--fail-level", "error"]) == 0
    out = capsys.readouterr().out
    assert f"# configuration file: {config_file}" in out
    rules = ROOT / "rules"
    assert f'rules = ["{rules}"]  # {config_file}:2' in out
    assert 'fail-level = "error"  # command line' in out
    assert 'format = "text"  # default' in out
    # What it prints is TOML: it can be pasted under [tool.factcheck].
    import tomllib

    table = tomllib.loads(out)
    assert (table["cache"], table["jobs"], table["severity"]) == (True, 0, {})


def test_a_severity_glob_from_the_command_line_beats_the_files_globs(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".factcheck.yaml", f"""\
        rules: ["{ROOT / 'rules'}"]
        severity: {{"war-*": warning, "*": info}}
        """)
    write(tmp_path / "d.md", "The civil war broke out in 2012.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["lint", "d.md", "--no-cache", "--severity", "war-*=error"]) == 1
    assert ": error war-start-year:" in capsys.readouterr().out
