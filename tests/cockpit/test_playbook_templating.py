"""Safe substitution: plain names only, values inserted as-is, every missing
variable named at once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.incidents.durations import format_duration, parse_duration
from cockpit.incidents.templating import (
    MissingVariables,
    TemplateError,
    TemplateProblem,
    render,
    variables_of,
)
from cockpit.incidents.toml_lines import KeyLines, dotted


def test_plain_names_are_filled() -> None:
    assert render("预计{eta}恢复，订单{order_no}", {"eta": "15:30", "order_no": "A1"}) == (
        "预计15:30恢复，订单A1"
    )


def test_double_braces_are_literal() -> None:
    assert render("{{eta}} is {eta}", {"eta": "soon"}) == "{eta} is soon"


def test_every_missing_variable_is_named() -> None:
    with pytest.raises(MissingVariables) as caught:
        render("{b} {a} {c}", {"c": "x"})
    assert caught.value.names == ("a", "b")
    assert str(caught.value) == "missing variables: a, b"


def test_kept_variables_stay_placeholders() -> None:
    assert render("{customer}, {eta}", {"eta": "1h"}, keep={"customer"}) == "{customer}, 1h"


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("{a.__class__.__mro__}", TemplateProblem.NOT_A_PLAIN_NAME),
        ("{a[0]}", TemplateProblem.NOT_A_PLAIN_NAME),
        ("{0}", TemplateProblem.NOT_A_PLAIN_NAME),
        ("{}", TemplateProblem.NOT_A_PLAIN_NAME),
        ("{a!s}", TemplateProblem.CONVERSION),
        ("{a:{b}}", TemplateProblem.FORMAT_SPEC),
        ("}", TemplateProblem.UNBALANCED_BRACE),
    ],
)
def test_anything_but_a_plain_name_is_refused(template: str, problem: TemplateProblem) -> None:
    with pytest.raises(TemplateError) as caught:
        render(template, {"a": "x", "b": "y"})
    assert caught.value.problem is problem


@given(st.text(), st.text())
def test_values_are_inserted_literally_never_parsed(prefix: str, value: str) -> None:
    template = prefix.replace("{", "{{").replace("}", "}}") + "{v}"
    assert render(template, {"v": value}) == prefix + value


@given(st.text())
def test_rendering_any_text_either_works_or_raises_a_template_error(template: str) -> None:
    try:
        names = variables_of(template)
    except TemplateError:
        return
    assert render(template, dict.fromkeys(names, "")) is not None


@pytest.mark.parametrize("text", ["45s", "30m", "1h30m", "2h", "1d", "1d2h3m4s"])
def test_durations_round_trip(text: str) -> None:
    assert format_duration(parse_duration(text)) == text


@pytest.mark.parametrize("bad", ["", "0m", "5", "1.5h", "h", "-1m", True, 2.5, None, 0])
def test_bad_durations_are_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(bad)


def test_key_lines_follow_tables_and_arrays_of_tables() -> None:
    text = """id = "x"
[names]
zh_CN = "a"

[[scripts]]
id = "one"
[scripts.en]
empathy = \"\"\"
fake = "not a key"
\"\"\"
confirm = "c"

[[scripts]]
id = "two"
title = { zh_CN = "t", en = "t" }
"""
    lines = KeyLines(text)
    assert lines.line_of(("id",)) == 1
    assert lines.line_of(("names", "zh_CN")) == 3
    assert lines.line_of(("scripts", 0, "en", "empathy")) == 8
    assert lines.line_of(("scripts", 0, "en", "confirm")) == 11
    assert lines.line_of(("scripts", 0, "en", "fake")) == 7  # inside a string: the table
    assert lines.line_of(("scripts", 1, "id")) == 14
    assert lines.line_of(("scripts", 1, "title", "en")) == 15
    assert lines.line_of(("nowhere",)) is None
    assert dotted(("scripts", 1, "title", "en")) == "scripts[1].title.en"
