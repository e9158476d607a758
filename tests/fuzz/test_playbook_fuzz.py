"""Playbook files broken line by line, and values replaced by junk: a valid
playbook or a :class:`PlaybookError` whose every issue names the file."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.incidents.playbook import PlaybookError, parse_playbook, shipped_dir
from tests.fuzz.strategies import NASTY, TEXT

PATH = Path("fuzz/outage.toml")
SHIPPED = (shipped_dir() / "service_outage.toml").read_text(encoding="utf-8")
LINES = SHIPPED.splitlines()
ASSIGNMENTS = [i for i, line in enumerate(LINES) if "=" in line and not line.startswith("#")]


def _toml_string(text: str) -> str:
    # JSON string escapes are TOML basic-string escapes (a lone surrogate is
    # not valid TOML: the parser must say so, which is part of the test).
    return json.dumps(text, ensure_ascii=True)


VALUES = st.one_of(
    TEXT.map(_toml_string),
    NASTY.map(lambda t: _toml_string("{" + t + "}")),
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str),
    st.sampled_from(["true", "[]", "{}", "[1, 'x']", "1979-05-27T07:32:00Z", "inf", "nan"]),
    st.sampled_from(['"-5m"', '"0s"', '"99999999d"', '"1h30"', '"{eta}"', '"{0.__class__}"']),
)


def _parses_or_says_why(text: str) -> None:
    try:
        parse_playbook(text, PATH)
    except PlaybookError as exc:
        error = exc
    else:
        return
    assert error.issues
    for issue in error.issues:
        assert issue.path == PATH
        assert issue.message.strip()
    assert str(PATH) in str(error)


def test_the_shipped_playbook_parses() -> None:
    parse_playbook(SHIPPED, PATH)


@settings(max_examples=400)
@given(line=st.sampled_from(ASSIGNMENTS), value=VALUES)
def test_one_value_replaced(line: int, value: str) -> None:
    key = LINES[line].split("=", 1)[0]
    lines = list(LINES)
    lines[line] = f"{key}= {value}"
    _parses_or_says_why("\n".join(lines))


@settings(max_examples=200)
@given(
    line=st.integers(min_value=0, max_value=len(LINES) - 1),
    action=st.sampled_from(["drop", "dup", "junk"]),
    junk=TEXT,
)
def test_one_line_dropped_doubled_or_replaced(line: int, action: str, junk: str) -> None:
    lines = list(LINES)
    if action == "drop":
        del lines[line]
    elif action == "dup":
        lines.insert(line, lines[line])
    else:
        lines[line] = junk
    _parses_or_says_why("\n".join(lines))


@settings(max_examples=100)
@given(text=TEXT)
def test_any_text_at_all(text: str) -> None:
    _parses_or_says_why(text)
