"""Hypothesis strategies for bad input: any JSON, hostile text, and valid
payloads with one part broken (the most likely failure in real feeds)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

# Text that has broken parsers and formatters before: format syntax, braces,
# right-to-left marks, emoji, NULs, surrogates escaped, very long runs.
NASTY = st.sampled_from(
    [
        "{0.__class__}",
        "{0.__class__.__mro__}",
        "{a.__globals__}",
        "{eta!r}",
        "{eta:>99999}",
        "{",
        "}",
        "{{}}",
        "{}",
        "{0}",
        "{ eta }",
        "\u202eRTL\u202c",
        "مرحبا بالعالم",
        "עברית",
        "🔥💥🧯",
        "\x00",
        "\ud83d",
        "2026-13-45T99:99:99Z",
        "-1",
        "1e309",
        "NaN",
        "x" * 10_000,
        "",
        " ",
    ]
)
TEXT = st.one_of(NASTY, st.text(max_size=40))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
)
JSON: st.SearchStrategy[Any] = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)


@st.composite
def broken(draw: st.DrawFn, valid: dict[str, Any]) -> object:
    """``valid`` with one key removed, replaced by junk, or the whole thing junk."""
    choice = draw(st.integers(min_value=0, max_value=9))
    if choice == 0:
        return draw(JSON)
    payload = dict(valid)
    key = draw(st.sampled_from(sorted(payload)))
    if choice == 1:
        del payload[key]
    else:
        payload[key] = draw(JSON)
    return payload
