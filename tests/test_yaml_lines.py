"""Loading YAML keeps the line of every key and item, so that messages can point home."""

import pytest

from pipeline.load.yaml_lines import YamlProblem, line_of, parse_yaml

TEXT = """\
title: A set
ingredients:
  - id: first
    name: First
  - id: second
    name: Second
"""


def test_lines_of_keys_and_items():
    data = parse_yaml(TEXT, "x.yml")
    assert line_of(data, ("title",)) == 1
    assert line_of(data, ("ingredients", 1)) == 5
    assert line_of(data, ("ingredients", 1, "name")) == 6


def test_a_missing_key_points_at_its_block():
    data = parse_yaml(TEXT, "x.yml")
    assert line_of(data, ("ingredients", 1, "description")) == 5


def test_front_matter_lines_are_file_lines():
    data = parse_yaml("kind: core\nminutes: 60\n", "x.md", first_line=2)
    assert line_of(data, ("minutes",)) == 3


def test_codes_stay_text():
    data = parse_yaml("statements: [6.1, 8.10, 6.a]\n", "x.yml")
    assert data["statements"] == ["6.1", "8.10", "6.a"]


def test_malformed_yaml_gives_its_line():
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("title: ok\nitems:\n  - one\n - two\n", "bad.yml")
    assert caught.value.problem.path == "bad.yml"
    assert caught.value.problem.line == 4
    assert "not valid YAML" in str(caught.value)


def test_a_key_written_twice_is_an_error():
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("title: one\nname: x\ntitle: two\n", "dup.yml")
    assert caught.value.problem.line == 3
    assert "appears twice" in str(caught.value)
