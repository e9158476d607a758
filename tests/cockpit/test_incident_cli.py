"""``cockpit incident …`` against the simulator on loopback: a team chat
without a webhook is a warning, not a failure; ``--var`` takes a value per
language; the messages on stderr follow ``--language``."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from cockpit.backends.feed import FeedBackend
from cockpit.cli import run
from cockpit.clock import ManualClock
from cockpit.sim import FloorSimulator, SimConfig, SimServer
from tests.cockpit.loopback import loopback_server

START = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)
TOKEN = "cli-words-token-" + "q" * 20


@dataclass
class Cli:
    url: str
    db: str
    backend: FeedBackend

    def __call__(self, *argv: str, language: str = "en") -> tuple[int, Any]:
        out = io.StringIO()
        head = ["--language", language, "incident", "--backend", self.url, "--db", self.db]
        code = run([*head, "--who", "ops", *argv], gui=lambda _args: 0, out=out)
        return code, json.loads(out.getvalue()) if out.getvalue() else None


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    monkeypatch.setenv("COCKPIT_FEED_TOKEN", TOKEN)
    sim = FloorSimulator(SimConfig.default(warmup=timedelta(minutes=20)), seed=5, start=START)
    with SimServer(sim, ManualClock(START), port=0, token=TOKEN) as server:
        backend = FeedBackend(server.url, token=TOKEN)
        try:
            yield Cli("feed+" + server.url, f"sqlite:///{tmp_path / 'c.db'}", backend)
        finally:
            backend.close()


def test_a_team_chat_without_a_webhook_is_a_warning_not_a_failure(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    code, declared = cli("declare", "service_outage", "--summary", "支付失败")
    assert code == 0
    assert declared["ok"] is True
    team = [r for r in declared["results"] if r["action"] == "webhook"]
    assert [(r["reason"], r["skipped"]) for r in team] == [("webhook_not_configured", True)] * 2
    err = capsys.readouterr().err
    assert "team chat “Floor leads” was not sent: it has no webhook configured" in err
    assert "“IT operations”" in err
    code, resolved = cli("resolve", "1", "--summary", "回滚完成", language="zh_CN")
    assert code == 0
    assert resolved["ok"] is True
    assert "群聊“现场组长群”未配置 webhook 地址" in capsys.readouterr().err


def test_a_team_chat_that_fails_still_fails(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with loopback_server() as (base, chat):
        monkeypatch.setenv("COCKPIT_WEBHOOK_FLOOR_LEADS_URL", f"{base}/send?key=k-0123456789abc")
        chat.on("POST", "/send", (200, {}, {"errcode": 93000, "errmsg": "invalid webhook url"}))
        code, declared = cli("declare", "service_outage", "--summary", "x")
    assert code == 1
    assert declared["ok"] is False
    outcomes = {r["target"]: (r["outcome"], r["skipped"]) for r in declared["results"]
                if r["action"] == "webhook"}  # fmt: skip
    assert outcomes == {"team:floor_leads": ("failed", False), "team:it_ops": ("failed", True)}
    # Named on purpose, a chat without a webhook is a failure.
    code, status = cli("status", "1", "still down", "--notify", "it_ops")
    assert code == 1
    assert status["results"][0]["skipped"] is False
    capsys.readouterr()


def test_var_takes_a_value_per_language(cli: Cli) -> None:
    code, _ = cli(
        "declare", "service_outage", "--summary", "x", "--no-auto",
        "--var", "eta=PLAIN-ETA", "--var", "eta.zh_CN=下午三点半", "--var", "eta.en=3:30 pm",
    )  # fmt: skip
    assert code == 0
    code, _ = cli("broadcast", "1", "outage_ack", "--to", "agents")
    assert code == 0
    scripts = {s.language: s.body for s in cli.backend.list_scripts()}
    assert "预计下午三点半恢复" in scripts["zh_CN"]
    assert "3:30 pm" in scripts["en"]
    assert "PLAIN-ETA" not in scripts["en"] + scripts["zh_CN"]
    # Given at send time, a value for every language beats the stored per-language ones.
    code, preview = cli(
        "broadcast", "1", "outage_ack", "--to", "agents", "--var", "eta.en=4 pm", "--dry-run"
    )
    assert code == 0
    texts = [m["text"] for m in preview["messages"]]
    assert any("4 pm" in t for t in texts)
    assert any("下午三点半" in t for t in texts)


def test_usage_errors_follow_the_language(cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = cli("declare", "service_outage", "--summary", "x", "--var", "eta.fr=bientôt")
    assert code == 2
    assert (
        "--var 'eta.fr=bientôt': unknown language 'fr' (use zh_CN / en)" in capsys.readouterr().err
    )
    code, _ = cli("note", "42", "x", language="zh_CN")
    assert code == 2
    assert "没有编号为 42 的事件" in capsys.readouterr().err
    code, _ = cli("declare", "nope", "--summary", "x", language="zh_CN")
    assert code == 2
    assert "没有预案 'nope'" in capsys.readouterr().err


def test_review_errors_follow_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    code = run(["--language", "zh_CN", "review", "42", "--db", db], gui=lambda _args: 0)
    assert code == 2
    assert "cockpit review: 没有编号为 42 的事件" in capsys.readouterr().err
    code = run(["--language", "en", "review", "42", "--db", db], gui=lambda _args: 0)
    assert "cockpit review: no incident 42" in capsys.readouterr().err
