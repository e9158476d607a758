"""Settings files and ``COCKPIT_*`` variables with junk in them: the
product's :class:`SettingsError` with a message, never a traceback; a bad
variable is named in the message instead of the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.settings import ENV_OVERRIDES, Settings, SettingsError, load_settings
from tests.fuzz.strategies import JSON, TEXT

FILE = Path("/nonexistent/cockpit-fuzz/settings.json")
SECTIONS = ["sla", "thresholds", "escalations", "sim", "recording", "handover", "backend_options"]
KEYS = st.sampled_from([*Settings.model_fields, *(f"{s}.x" for s in SECTIONS)])


def _load(path: Path, env: dict[str, str]) -> None:
    try:
        load_settings(path, env)
    except SettingsError as exc:
        message = str(exc)
    else:
        return
    assert message.strip()


@settings(max_examples=300)
@given(variable=st.sampled_from(sorted(ENV_OVERRIDES)), value=TEXT)
def test_any_environment_value(variable: str, value: str) -> None:
    if "\x00" in value:
        value = value.replace("\x00", "")  # the OS cannot hold a NUL in a variable
    try:
        load_settings(FILE, {variable: value})
    except SettingsError as exc:
        message = str(exc)
        assert variable in message
        assert str(FILE) not in message  # the file is fine: do not send people there


@settings(max_examples=200)
@given(document=JSON)
def test_any_settings_file(tmp_path_factory: pytest.TempPathFactory, document: object) -> None:
    path = tmp_path_factory.mktemp("s") / "settings.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    _load(path, {})


@settings(max_examples=200)
@given(key=KEYS, value=JSON)
def test_one_wrong_key_in_a_settings_file(
    tmp_path_factory: pytest.TempPathFactory, key: str, value: object
) -> None:
    path = tmp_path_factory.mktemp("s") / "settings.json"
    head, _, tail = key.partition(".")
    document = {head: {tail: value} if tail else value}
    path.write_text(json.dumps(document), encoding="utf-8")
    try:
        load_settings(path, {})
    except SettingsError as exc:
        message = str(exc)
    else:
        return
    assert str(path) in message
    assert head in message or "version" in message


def test_file_and_variable_problems_are_both_reported(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"stale_after_polls": 0}), encoding="utf-8")
    try:
        load_settings(path, {"COCKPIT_SIM_SPEED": "fast"})
    except SettingsError as exc:
        message = str(exc)
    else:
        raise AssertionError("invalid settings were accepted")
    assert "environment variable COCKPIT_SIM_SPEED" in message
    assert f"{path}: invalid settings" in message
    assert "stale_after_polls" in message
    assert "sim.speed" not in message
