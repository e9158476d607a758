"""Script variables and templates with hostile text: only plain ``{name}``
is ever substituted, values are never parsed again, and every refusal is a
:class:`TemplateError` or :class:`MissingVariables` with a message."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.incidents.templating import (
    MissingVariables,
    TemplateError,
    render,
    variables_of,
)
from tests.fuzz.strategies import NASTY, TEXT

NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
TEMPLATES = st.lists(st.one_of(TEXT, NAMES.map(lambda n: "{" + n + "}")), max_size=6).map("".join)


@settings(max_examples=500)
@given(template=TEMPLATES, values=st.dictionaries(NAMES, TEXT, max_size=4))
def test_any_template_renders_or_says_why(template: str, values: dict[str, str]) -> None:
    try:
        out = render(template, values)
    except (TemplateError, MissingVariables) as exc:
        message = str(exc)
        assert message.strip()
        return
    assert variables_of(template) <= set(values)
    assert "__class__" not in out or "__class__" in template + "".join(values.values())


@settings(max_examples=300)
@given(value=st.one_of(NASTY, st.text()))
def test_a_value_is_inserted_as_is_never_parsed(value: str) -> None:
    assert render("[{eta}]", {"eta": value}) == f"[{value}]"
    assert render("{eta}{eta}", {"eta": value}, keep={"x"}) == value * 2


@settings(max_examples=20)
@given(name=st.sampled_from(["0.__class__", "a.b", "a[0]", "eta!r", "eta:>9", " eta ", "0"]))
def test_attribute_index_conversion_and_spec_are_refused(name: str) -> None:
    with pytest.raises(TemplateError, match=r"\S"):
        render("{" + name + "}", {"eta": "x", "0": "x", "a": "x"})
