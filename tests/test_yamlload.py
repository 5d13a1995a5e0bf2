"""The strict YAML loader: safe, YAML 1.2 scalars, and every error at file:line:col."""

from __future__ import annotations

import pytest

from factcheck.errors import RuleFileError
from factcheck.yamlload import MappingView, compose, scalar, to_python


def load(text: str) -> object:
    node = compose(text, "r.yaml")
    return None if node is None else to_python(node, "r.yaml")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: NO", "NO"),  # YAML 1.1 would read false: a country code
        ("a: yes", "yes"),
        ("a: 10:30", "10:30"),  # YAML 1.1 would read 630 (base 60)
        ("a: 2016-12-15", "2016-12-15"),  # not a datetime.date
        ("a: 0123", 123),  # decimal, not octal
        ("a: true", True),
        ("a: 1.5", 1.5),
        ("a: ~", None),
        ("a: '34,000'", "34,000"),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(text: str, value: object) -> None:
    assert load(text) == {"a": value}


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("id: a\nid: b\n", "r.yaml:2:1", "duplicate key 'id' (first at line 1)"),
        ("a: &x [1]\nb: *x\n", "r.yaml:2:4", "aliases are not allowed"),
        ("a: !!python/object/apply:os.system ['true']\n", "r.yaml:1:4", "is not allowed"),
        ("a: !custom x\n", "r.yaml:1:4", "tag '!custom' is not allowed"),
        ("a: [1, 2\n", "r.yaml:2:1", "YAML error"),
        ("a: " + "[" * 60 + "]" * 60, "r.yaml:1:", "nesting deeper than"),
        ("{[1]: 2}\n", "r.yaml:1:2", "mapping keys must be plain strings"),
        ("version: 1\nfacts:\n  - id: x\x07y\n", "r.yaml:3:10", "U+0007 is not allowed"),
        ("facts: []\n\x00", "r.yaml:2:1", "U+0000 is not allowed"),
    ],
)
def test_bad_yaml_is_an_error_at_its_position(text: str, where: str, message: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        compose(text, "r.yaml")
    assert str(caught.value).startswith(where)
    assert message in str(caught.value)


def test_a_python_tag_runs_nothing(tmp_path: object) -> None:
    with pytest.raises(RuleFileError):
        compose("a: !!python/object/apply:os.system ['touch /tmp/factcheck-pwned']", "r.yaml")
    import pathlib

    assert not pathlib.Path("/tmp/factcheck-pwned").exists()


def test_billion_laughs_is_refused_at_the_first_alias() -> None:
    bomb = "a: &a [x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)
    )
    with pytest.raises(RuleFileError, match="aliases are not allowed"):
        compose(bomb, "r.yaml")


def test_mapping_view_names_unknown_and_missing_keys() -> None:
    node = compose("id: x\nkidn: entity\n", "r.yaml")
    assert node is not None
    view = MappingView(node, "r.yaml", "a fact")
    with pytest.raises(RuleFileError, match=r"r\.yaml:2:1: unknown key 'kidn' in a fact"):
        view.check_keys({"id", "kind"})
    view = MappingView(compose("id: x\n", "r.yaml"), "r.yaml", "a fact")  # type: ignore[arg-type]
    with pytest.raises(RuleFileError, match="missing required key 'kind'"):
        view.check_keys({"id", "kind"}, required=("kind",))


def test_unquoted_colon_in_a_pattern_gets_a_hint() -> None:
    from factcheck.yamlload import expect_strings

    node = compose("subject:\n  - (?:the )?Observatory(?: for Human Rights)?\n", "r.yaml")
    assert node is not None
    view = MappingView(node, "r.yaml", "a fact")
    with pytest.raises(RuleFileError, match=r"r\.yaml:2:5: .*quote text that contains"):
        expect_strings(view.required("subject"), "r.yaml", "'subject'")


def test_scalar_rejects_a_list() -> None:
    node = compose("- 1\n", "r.yaml")
    assert node is not None
    with pytest.raises(RuleFileError, match="expected a single value"):
        scalar(node, "r.yaml")
