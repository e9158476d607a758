"""``playbooks check [DIR]`` exits non-zero on errors and names them."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from cockpit.incidents.cli import add_playbook_verbs, run_playbook_verb
from cockpit.incidents.playbook import shipped_dir
from cockpit.settings import Settings


def _run(*argv: str, settings: Settings | None = None) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    add_playbook_verbs(parser.add_subparsers(dest="verb"))
    out = io.StringIO()
    code = run_playbook_verb(parser.parse_args(list(argv)), settings or Settings(), out)
    return code, out.getvalue()


def test_the_shipped_folder_passes() -> None:
    code, out = _run("playbooks", "check", str(shipped_dir()))
    assert code == 0
    assert out.startswith("4 playbook(s) valid, 0 problem(s)")


def test_a_broken_folder_fails_with_the_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.toml").write_text('id = "Bad Id"\n', encoding="utf-8")
    code, out = _run("playbooks", "check", str(tmp_path))
    assert code == 1
    assert "0 playbook(s) valid" in out
    errors = capsys.readouterr().err
    assert f"{tmp_path / 'bad.toml'}:1: id: expected an identifier" in errors
    assert "names: expected this key, but it is missing" in errors


def test_without_a_folder_the_user_playbooks_are_checked_too(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text("kind = 1\n", encoding="utf-8")
    code, _ = _run("playbooks", "check", settings=Settings(playbook_dir=str(tmp_path)))
    assert code == 1
    code, out = _run("playbooks", "list")
    assert code == 0
    assert '"id": "desk_failure"' in out
