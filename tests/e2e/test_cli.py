"""The command line, end to end: ``snapshot`` against the embedded simulator
and against ``main.py sim`` running in its own process."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cockpit.cli import EXIT_BACKEND, EXIT_OK, EXIT_USAGE, run

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
QUEUE_KEYS = {
    "queue",
    "open",
    "waiting",
    "oldest_wait_s",
    "agents_available",
    "agents_busy",
    "arrivals_15m",
    "service_level",
}


def no_gui(args: object) -> int:
    raise AssertionError("a headless verb opened the GUI")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def snapshot(*argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    out = io.StringIO()
    code = run(["snapshot", "--json", *argv], gui=no_gui, out=out)
    return code, json.loads(out.getvalue())


def test_snapshot_starts_the_embedded_simulator_when_no_backend_is_given() -> None:
    code, doc = snapshot("--seed", "5")
    assert code == EXIT_OK
    assert doc["health"] == "live"
    assert doc["backend"].startswith("sim://127.0.0.1:")
    assert doc["generated_at"].endswith("Z")
    assert len(doc["queues"]) >= 6
    for queue in doc["queues"]:
        assert set(queue) >= QUEUE_KEYS
    assert sum(q["open"] for q in doc["queues"]) > 0


def test_snapshot_of_a_dead_backend_says_why_and_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COCKPIT_FEED_TOKEN", "t")
    code, doc = snapshot("--backend", f"sim://127.0.0.1:{free_port()}")
    assert code == EXIT_BACKEND
    assert doc["health"] == "offline: unreachable"
    assert doc["queues"] == []


def test_snapshot_without_a_token_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert run(["snapshot", "--backend", "sim://127.0.0.1:1"], gui=no_gui, out=out) == EXIT_USAGE
    assert "COCKPIT_FEED_TOKEN" in capsys.readouterr().err


def test_an_unknown_backend_scheme_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["snapshot", "--backend", "gopher://x"], gui=no_gui) == EXIT_USAGE
    assert "expected one of" in capsys.readouterr().err


def test_broken_settings_are_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COCKPIT_CONFIG_DIR", str(tmp_path))
    (tmp_path / "settings.json").write_text('{"poll_interval_s": "often"}')
    assert run(["snapshot", "--json"], gui=no_gui) == EXIT_USAGE
    assert "poll_interval_s" in capsys.readouterr().err


@pytest.fixture
def sim_process(tmp_path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    port = free_port()
    env = dict(os.environ, COCKPIT_FEED_TOKEN="cli-test-token", PYTHONUNBUFFERED="1")
    command = [sys.executable, "main.py", "sim", "--port", str(port), "--seed", "3"]
    proc = subprocess.Popen(
        [*command, "--speed", "30", "--start", SIM_START],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # blocks until the simulator listens
        assert f"127.0.0.1:{port}" in line, line + proc.stderr.read() if proc.stderr else ""
        assert "cli-test-token" not in line
        yield port, env
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0


SIM_START = "2026-11-24T10:00+08:00"


def test_sim_refuses_a_start_without_a_zone(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["sim", "--start", "2026-11-24T10:00"], gui=no_gui) == EXIT_USAGE
    assert "not an ISO 8601 time with a zone" in capsys.readouterr().err


def test_main_py_sim_and_snapshot_in_separate_processes(
    sim_process: tuple[int, dict[str, str]],
) -> None:
    port, env = sim_process
    result = subprocess.run(
        [sys.executable, "main.py", "snapshot", "--backend", f"sim://127.0.0.1:{port}", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["health"] == "live"
    assert doc["backend"] == f"sim://127.0.0.1:{port}"
    # The floor's own time, from --start (30x: minutes of floor time have passed).
    floor_now = datetime.fromisoformat(doc["generated_at"])
    assert timedelta(0) <= floor_now - datetime.fromisoformat(SIM_START) < timedelta(hours=1)
    assert "cli-test-token" not in result.stdout + result.stderr


def test_snapshot_lists_the_alerts_the_floor_raises_by_severity() -> None:
    code, doc = snapshot("--seed", "7")
    assert code == EXIT_OK
    counts = doc["alert_counts"]
    assert list(counts) == ["critical", "warning", "notice"]
    assert sum(counts.values()) == len(doc["alerts"])
    queues = {q["queue"] for q in doc["queues"]}
    for alert in doc["alerts"]:
        assert alert["severity"] in counts
        assert alert["queue"] in queues
