"""The summary of an op in plain words: a team chat without a webhook is
"skipped (not configured)", named by the playbook's label, not a failure."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.widgets.incidents.fakes import FakeHost
from widgets.incident_text import change_summary, service_text


def test_a_declaration_with_unconfigured_chats_is_done_with_a_note(
    qtbot: QtBot, host: FakeHost
) -> None:
    change = host.engine.declare("service_outage", summary="x", who="li")
    assert change.ok
    text = change_summary(change)
    lines = text.splitlines()
    assert lines[0].startswith("Done: ")
    assert "Skipped (not configured):" in lines
    assert any("Team chat: Floor leads · not sent" in line for line in lines)
    assert "floor_leads" not in text
    assert "failed" not in text
    assert service_text("dingtalk") == "DingTalk"
