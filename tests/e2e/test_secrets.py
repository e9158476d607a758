"""No secret leaks: with every token and webhook key set to a distinctive
value and verbose logging on, a drill (snapshot, declare with team chats,
resolve, review exports, a refused token, an unreachable chat) leaves none
of them in the output, the logs, the database files or the exports."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from cockpit.runtime.runtime import Runtime
from cockpit.settings import Settings
from tests.cockpit.loopback import loopback_server
from tests.e2e.test_cli import ROOT, free_port
from widgets.app import CockpitSession, Translations

pytestmark = pytest.mark.e2e

FEED_TOKEN = "feedTOKEN-s3cr3t-7f1c9a"
WRONG_TOKEN = "wrongTOKEN-s3cr3t-99aa01"
WECOM_KEY = "wecomKEY-s3cr3t-5b2e44"
SLACK_PATH = "slackPATH-s3cr3t-0c3d77"
VENDOR_TOKENS = {
    "COCKPIT_ZAMMAD_TOKEN": "zammadTOKEN-s3cr3t-aa11",
    "COCKPIT_ZENDESK_TOKEN": "zendeskTOKEN-s3cr3t-bb22",
    "COCKPIT_HELPDESK_TOKEN": "helpdeskTOKEN-s3cr3t-cc33",
}
SECRETS = [FEED_TOKEN, WRONG_TOKEN, WECOM_KEY, SLACK_PATH, *VENDOR_TOKENS.values()]
OK_JSON = (200, {}, {"errcode": 0, "errmsg": "ok"})


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return dict(
        os.environ,
        COCKPIT_FEED_TOKEN=FEED_TOKEN,
        COCKPIT_CONFIG_DIR=str(tmp_path / "config"),
        COCKPIT_DATA_DIR=str(tmp_path / "data"),
        COCKPIT_DATABASE_URL=f"sqlite:///{tmp_path / 'secrets.db'}",
        PYTHONUNBUFFERED="1",
        **VENDOR_TOKENS,
    )


@pytest.fixture
def sim(env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "main.py", "-v", "sim", "--port", str(port), "--seed", "4"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert f"127.0.0.1:{port}" in first
        yield f"sim://127.0.0.1:{port}"
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        _no_secret("the simulator's output", first + out + err)


def _no_secret(where: str, text: str | bytes) -> None:
    data = text.encode() if isinstance(text, str) else text
    for secret in SECRETS:
        assert secret.encode() not in data, f"{secret} found in {where}"


def _main(env: dict[str, str], cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "-v", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    _no_secret(f"the output of {argv[:2]}", result.stdout + result.stderr)
    return result


def test_no_token_in_logs_database_or_exports(
    sim: str, env: dict[str, str], tmp_path: Path
) -> None:
    with loopback_server() as (base, chat):
        chat.on("POST", "/cgi-bin/webhook/send", OK_JSON, OK_JSON)
        env["COCKPIT_WEBHOOK_FLOOR_LEADS_URL"] = f"{base}/cgi-bin/webhook/send?key={WECOM_KEY}"
        # Nobody listens there: the errors of every attempt must not show the URL.
        dead = f"http://127.0.0.1:{free_port()}/services/{SLACK_PATH}"
        env["COCKPIT_WEBHOOK_IT_OPS_URL"] = dead

        snapshot = _main(env, tmp_path, "snapshot", "--backend", sim, "--json")
        assert snapshot.returncode == 0, snapshot.stderr
        assert " INFO " in snapshot.stderr  # verbose logging was on

        declared = _main(env, tmp_path, "incident", "--backend", sim, "declare",
                         "service_outage", "--summary", "drill", "--var", "eta=02:00")  # fmt: skip
        assert declared.returncode == 1, declared.stderr  # the dead chat failed, logged
        assert '"outcome": "failed"' in declared.stdout
        resolved = _main(env, tmp_path, "incident", "--backend", sim, "resolve", "1",
                         "--summary", "fixed")  # fmt: skip
        assert '"resolved_at": "' in resolved.stdout, resolved.stderr
        assert len(chat.requests) == 2
        assert WECOM_KEY in chat.requests[0].path  # the secret did reach its service

    exported = _main(env, tmp_path, "review", "1", "--json", "r.json", "--html", "r.html",
                     "--csv", "csv")  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    refused = _main(dict(env, COCKPIT_FEED_TOKEN=WRONG_TOKEN), tmp_path, "snapshot",
                    "--backend", sim, "--json")  # fmt: skip
    assert refused.returncode != 0

    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"secrets.db", "r.json", "r.html"}
    assert any(p.suffix == ".csv" for p in files)
    for path in files:
        _no_secret(str(path), path.read_bytes())


def _shown_texts(root: QWidget) -> list[str]:
    """Every text the window shows or tips: labels, buttons, fields, titles,
    tooltips, and every cell (display and tooltip) of every item view."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.windowTitle(), widget.toolTip(), widget.statusTip()]
        text = getattr(widget, "text", None)
        if callable(text):
            value = text()
            texts.append(value if isinstance(value, str) else "")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(min(model.rowCount(), 200)):
                for column in range(model.columnCount()):
                    index = model.index(row, column)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        texts.append(str(model.data(index, role) or ""))
    return texts


def test_no_token_on_the_window(
    qtbot: QtBot, qapp: QApplication, sim: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COCKPIT_FEED_TOKEN", FEED_TOKEN)
    for name, value in VENDOR_TOKENS.items():
        monkeypatch.setenv(name, value)
    runtime = Runtime(Settings(poll_interval_s=0.3), backend_url=sim)
    state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    session = CockpitSession(qapp, runtime, translations=Translations(qapp), state=state)
    try:
        session.start()
        model = session.window.queue_panel.model
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=20_000)
        texts = _shown_texts(session.window)
        assert any("127.0.0.1" in t for t in texts)  # the backend is shown, its token not
        _no_secret("the window", "\n".join(texts))
        assert session.window.grab().save(str(tmp_path / "window.png"))
    finally:
        session.shutdown()
