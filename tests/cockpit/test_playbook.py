"""Playbooks: every shipped one is valid and complete; broken files are
reported with the file, the line, the key and what was expected."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from cockpit.incidents.playbook import (
    LANGUAGES,
    Playbook,
    PlaybookError,
    load_dir,
    load_library,
    load_playbook,
    parse_playbook,
    shipped_dir,
)
from cockpit.incidents.playbook_checks import INCIDENT_BUILTINS, TICKET_BUILTINS
from cockpit.incidents.templating import variables_of

SHIPPED = sorted(shipped_dir().glob("*.toml"))
OUTAGE = shipped_dir() / "service_outage.toml"


def test_four_playbooks_are_shipped() -> None:
    ids = {path.stem for path in SHIPPED}
    assert ids == {"service_outage", "public_opinion", "desk_failure", "promotion_peak"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_playbook_is_valid_and_complete(path: Path) -> None:
    playbook = load_playbook(path)
    assert playbook.id == path.stem
    assert playbook.scripts
    assert playbook.checklist
    assert any(step.due_after or step.every for step in playbook.checklist)
    for script in playbook.scripts:
        for language in LANGUAGES:
            parts = script.text(language).parts()
            assert len(parts) == 4
            assert all(p.strip() for p in parts)
    used = set().union(
        *(variables_of(s.text(lang).joined()) for s in playbook.scripts for lang in LANGUAGES)
    )
    assert used - INCIDENT_BUILTINS - TICKET_BUILTINS, "scripts should use variables"
    assert playbook.bot.text.zh_CN
    assert playbook.bot.text.en


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_playbook_survives_the_round_trip_kept_with_an_incident(path: Path) -> None:
    playbook = load_playbook(path)
    assert Playbook.from_json(playbook.to_json()) == playbook


def test_the_library_lets_a_user_playbook_replace_a_shipped_one(tmp_path: Path) -> None:
    text = OUTAGE.read_text(encoding="utf-8").replace('severity = "critical"', 'severity = "minor"')
    (tmp_path / "mine.toml").write_text(text, encoding="utf-8")
    (tmp_path / "broken.toml").write_text("id = 3\n", encoding="utf-8")
    library = load_library(tmp_path)
    assert library.get("service_outage").severity == "minor"
    assert library.sources["service_outage"] == tmp_path / "mine.toml"
    assert len(library.playbooks) == 4
    assert {i.path.name for i in library.issues} == {"broken.toml"}


def _broken(tmp_path: Path, old: str, new: str, *, count: int = 1) -> list[str]:
    text = OUTAGE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    with pytest.raises(PlaybookError) as caught:
        load_playbook(path)
    return [str(issue) for issue in caught.value.issues]


def _line_of(text: str) -> int:
    lines = OUTAGE.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(text))


def test_a_wrong_type_names_file_line_key_and_expectation(tmp_path: Path) -> None:
    messages = _broken(tmp_path, 'poll_interval = "5s"', "poll_interval = 5.5")
    line = _line_of("poll_interval")
    assert messages == [
        f"{tmp_path / 'broken.toml'}:{line}: poll_interval: expected a duration string "
        'such as "30m" or a number of minutes, got float'
    ]


def test_a_bad_duration_says_what_a_duration_looks_like(tmp_path: Path) -> None:
    (message,) = _broken(tmp_path, 'due_after = "30m"', 'due_after = "half an hour"')
    assert re.search(r"broken\.toml:\d+: checklist\[1\]\.due_after: expected a duration", message)


def test_a_missing_key_and_an_unknown_key_are_both_reported(tmp_path: Path) -> None:
    messages = _broken(tmp_path, "follow_up = ", "follow_upp = ")
    assert any(
        "scripts[0].zh_CN.follow_up: expected this key, but it is missing" in m for m in messages
    )
    assert any("scripts[0].zh_CN.follow_upp: unknown key" in m for m in messages)


def test_a_wrong_choice_lists_the_allowed_values(tmp_path: Path) -> None:
    (message,) = _broken(tmp_path, 'service = "slack"', 'service = "teams"')
    assert (
        "team.channels[1].service: expected one of 'wecom', 'dingtalk', 'feishu' or 'slack'"
        in message
    )
    assert "got 'teams'" in message


def test_strict_types_refuse_a_number_where_text_belongs(tmp_path: Path) -> None:
    (message,) = _broken(tmp_path, 'owner = "lead"', "owner = 3")
    assert re.search(r":\d+: checklist\[0\]\.owner: expected a string, got an integer$", message)


def test_an_empty_text_is_refused(tmp_path: Path) -> None:
    (message,) = _broken(tmp_path, 'zh_CN = "服务故障（登录 / 支付 / 应用）"', 'zh_CN = "  "')
    line = _line_of('zh_CN = "服务故障')
    assert f":{line}: names.zh_CN: expected text" in message


def test_a_syntax_error_carries_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "syntax.toml"
    path.write_text('id = "x"\nnames = { zh_CN = "a"\n', encoding="utf-8")
    with pytest.raises(PlaybookError) as caught:
        load_playbook(path)
    (issue,) = caught.value.issues
    assert (issue.line, issue.column) == (2, 22)
    assert str(issue).startswith(f"{path}:2:22: (top level): not valid TOML")


def test_an_undeclared_variable_is_reported_where_it_is_used(tmp_path: Path) -> None:
    (message,) = _broken(tmp_path, "预计{eta}恢复。请暂时", "预计{etta}恢复。请暂时")
    line = _line_of('zh_CN = "【系统公告】')
    assert message.endswith(
        f":{line}: bot.text.zh_CN: unknown variable {{etta}}: declare it under [variables.etta]"
    )


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("{eta.__class__}", "not a plain variable name"),
        ("{eta[0]}", "not a plain variable name"),
        ("{eta!r}", "has a conversion"),
        ("{eta:>99}", "has a format spec"),
        ("{eta", "without its partner"),
    ],
)
def test_code_in_a_template_is_refused(tmp_path: Path, template: str, problem: str) -> None:
    (message,) = _broken(tmp_path, "预计{eta}恢复。请暂时", f"预计{template}恢复。请暂时")
    assert "bot.text.zh_CN: expected a text with plain {name} variables" in message
    assert problem in message


def test_duplicate_ids_and_dangling_references_are_reported(tmp_path: Path) -> None:
    text = OUTAGE.read_text(encoding="utf-8")
    text = text.replace('id = "switch_scripts"', 'id = "confirm_scope"')
    text = text.replace('publish = ["outage_ack",', 'publish = ["nope", "outage_ack",')
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(text, Path("x.toml"))
    messages = [f"{i.key}: {i.message}" for i in caught.value.issues]
    assert (
        "checklist[2].id: expected a unique step id, but 'confirm_scope' is used twice" in messages
    )
    assert "auto.publish[0]: expected the id of a script, got 'nope'" in messages


def test_a_per_ticket_variable_without_default_cannot_reach_the_bot(tmp_path: Path) -> None:
    messages = _broken(
        tmp_path,
        'default = { zh_CN = "亲爱的顾客", en = "there" }\nper_ticket = true',
        "per_ticket = true",
    )
    assert any(
        "scripts[0].zh_CN.empathy: per-ticket variable {customer} needs a default to be used "
        "in a bot or team text" in m
        for m in messages
    )


def test_durations_and_a_number_of_minutes() -> None:
    text = OUTAGE.read_text(encoding="utf-8")
    text = text.replace('due_after = "15m"', "due_after = 20", 1).replace('"2h"', '"1h30m"')
    playbook = parse_playbook(text, Path("x.toml"))
    assert playbook.step("inform_supervisor").due_after == timedelta(minutes=20)
    assert playbook.step("customer_update").every == timedelta(hours=1, minutes=30)
    assert playbook.to_json()["checklist"][3]["every"] == "1h30m"


def test_load_dir_reports_a_missing_folder(tmp_path: Path) -> None:
    library = load_dir(tmp_path / "nope")
    assert not library.playbooks
    assert library.issues[0].message == "not a directory"


def test_the_example_in_the_docs_is_a_valid_playbook() -> None:
    doc = (shipped_dir().parent / "docs" / "playbooks.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    playbook = parse_playbook(example, Path("docs/playbooks.md"))
    assert playbook.id == "courier_strike"
    assert playbook.step("customer_update").every == timedelta(hours=2)
