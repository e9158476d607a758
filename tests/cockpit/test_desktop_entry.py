"""The Linux desktop entry: its text and its installation."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit import desktop_entry
from cockpit.cli import run


def _fields(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def test_the_entry_launches_this_installation_and_names_the_icon() -> None:
    fields = _fields(desktop_entry.entry_text("/opt/cockpit/bin/cockpit"))
    assert fields["Exec"] == "/opt/cockpit/bin/cockpit"
    assert fields["Icon"] == desktop_entry.ICON_NAME
    assert fields["Type"] == "Application"
    assert fields["Name[zh_CN]"] == "客服主管驾驶舱"


def test_paths_with_spaces_are_quoted_for_exec() -> None:
    assert desktop_entry._quoted("/home/a b/cockpit") == '"/home/a b/cockpit"'
    assert desktop_entry._quoted("/usr/bin/cockpit") == "/usr/bin/cockpit"


def test_install_writes_the_entry_and_the_icon_under_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert run(["desktop-entry", "--install"], gui=lambda _: 0) == 0
    entry = tmp_path / "applications" / "supervisor-cockpit.desktop"
    icon = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "supervisor-cockpit.svg"
    assert entry.is_file()
    assert icon.read_text(encoding="utf-8").lstrip().startswith("<")
    assert _fields(entry.read_text(encoding="utf-8"))["Exec"] == desktop_entry.launcher()
    assert str(entry) in capsys.readouterr().out
