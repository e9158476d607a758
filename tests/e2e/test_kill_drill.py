"""The kill drill: SIGKILL the command line (and the windowless runtime) at
exact points of an outage drill against ``main.py sim`` in its own process,
then run again and check the database and the backend.

Kill points are deterministic (see ``kill_harness.py``): right after an
intent is committed (the side effect not yet done) or right before an
outcome is committed (the side effect done, its outcome lost). A counting
proxy between the CLI and the simulator sees every reply that reaches a
ticket, so "never twice" is checked on the wire, not in our own log.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from cockpit.backends.base import AutoReplyState
from cockpit.backends.feed import FeedBackend
from tests.e2e.test_cli import ROOT, free_port

pytestmark = pytest.mark.e2e

TOKEN = "kill-drill-token-0123456789"
NIGHT_BOT = AutoReplyState(enabled=True, message="夜间值班中", topics=("refund",))
KILLED = -signal.SIGKILL
PLAYBOOK = "kill_drill"


def _drill_playbook(folder: Path) -> Path:
    """The outage playbook, matching only recent sign-in tickets: a bulk
    reply of a few dozen tickets keeps the drill quick."""
    text = (ROOT / "incident_playbooks" / "service_outage.toml").read_text(encoding="utf-8")
    head, rest = text.split("[match]", 1)
    rest = rest[rest.index("\n[variables") :]
    head = head.replace('id = "service_outage"', f'id = "{PLAYBOOK}"')
    head = head.replace('kind = "service_outage"', f'kind = "{PLAYBOOK}"')
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{PLAYBOOK}.toml"
    path.write_text(head + '[match]\ntopics = ["login"]\nwindow = "20m"\n' + rest, "utf-8")
    return folder


@dataclass
class Wire:
    """What the proxy forwarded: replies per ticket, auto-reply switches."""

    replies: Counter[str] = field(default_factory=Counter)
    switches: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _proxy_handler(upstream: int, wire: Wire) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
            conn = http.client.HTTPConnection("127.0.0.1", upstream, timeout=30)
            try:
                conn.request(self.command, self.path, body=body or None, headers=headers)
                answer = conn.getresponse()
                data = answer.read()
            finally:
                conn.close()
            path = self.path.split("?", 1)[0]
            with wire.lock:
                if self.command == "POST" and path.endswith("/replies") and answer.status < 300:
                    wire.replies[path.split("/")[-2]] += 1
                if self.command == "PUT" and path.endswith("/auto-reply"):
                    wire.switches.append(json.loads(body))
            self.send_response(answer.status)
            for key, value in answer.getheaders():
                if key.lower() not in ("content-length", "connection", "transfer-encoding"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _forward

        def log_message(self, format: str, *args: Any) -> None:
            return None

    return Handler


@dataclass
class Drill:
    url: str
    wire: Wire
    env: dict[str, str]
    db_path: Path
    sim: FeedBackend

    def run(self, *argv: str, kill: str | None = None) -> subprocess.CompletedProcess[str]:
        env = dict(self.env)
        if kill:
            env["COCKPIT_TEST_KILL"] = kill
        db = f"sqlite:///{self.db_path}"
        cli = ["incident", "--backend", self.url, "--db", db, "--who", "drill", *argv]
        return subprocess.run(
            [sys.executable, "-m", "tests.e2e.kill_harness", "cli", *cli],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def ok(self, *argv: str) -> Any:
        result = self.run(*argv)
        assert result.returncode == 0, result.stderr + result.stdout[-3000:]
        return json.loads(result.stdout)

    def act(self, *argv: str, may_fail: str) -> Any:
        """An op whose only allowed failures have the reason ``may_fail``."""
        result = self.run(*argv)
        assert result.returncode in (0, 1), result.stderr
        answer = json.loads(result.stdout)
        failed = [r for r in answer["results"] if r["outcome"] != "ok"]
        assert all(r.get("reason") == may_fail for r in failed), failed
        return answer

    def reply(self) -> Any:
        # A ticket finished meanwhile is the only allowed failure.
        return self.act("reply", "1", "outage_ack", may_fail="ticket_closed")

    def killed(self, kill: str, *argv: str) -> None:
        result = self.run(*argv, kill=kill)
        assert result.returncode == KILLED, (result.returncode, result.stderr)
        assert f"SIGKILL {kill.split(':')[0]} {kill}" in result.stderr

    def rows(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db_path) as db:
            return db.execute(sql, params).fetchall()

    def timeline(self) -> list[dict[str, Any]]:
        """Incident 1's log, read from the file (no start, no recovery)."""
        rows = self.rows(
            "SELECT id, action, phase, outcome, related_id, payload FROM incident_events "
            "WHERE incident_id = 1 ORDER BY id"
        )
        keys = ("id", "action", "phase", "outcome", "related_id", "payload")
        return [dict(zip(keys, (*row[:5], json.loads(row[5])), strict=True)) for row in rows]


@pytest.fixture
def drill(tmp_path: Path) -> Iterator[Drill]:
    port = free_port()
    env = dict(
        os.environ,
        COCKPIT_FEED_TOKEN=TOKEN,
        PYTHONUNBUFFERED="1",
        COCKPIT_CONFIG_DIR=str(tmp_path / "config"),
        COCKPIT_DATA_DIR=str(tmp_path / "data"),
        COCKPIT_PLAYBOOK_DIR=str(_drill_playbook(tmp_path / "playbooks")),
    )
    command = [sys.executable, "main.py", "sim", "--port", str(port), "--seed", "5"]
    # A fixed mid-morning floor: enough fresh sign-in tickets whatever the hour.
    command += ["--speed", "1", "--start", "2026-11-24T10:00+08:00"]
    sim = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    wire = Wire()
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), _proxy_handler(port, wire))
    serving = threading.Thread(target=proxy.serve_forever, name="kill-drill-proxy")
    try:
        assert sim.stdout is not None
        assert f"127.0.0.1:{port}" in sim.stdout.readline()
        serving.start()
        direct = FeedBackend(f"http://127.0.0.1:{port}", token=TOKEN)
        try:
            direct.set_auto_reply(NIGHT_BOT)
            url = f"feed+http://127.0.0.1:{proxy.server_address[1]}"
            yield Drill(url, wire, env, tmp_path / "drill.db", direct)
        finally:
            direct.close()
    finally:
        proxy.shutdown() if serving.is_alive() else None
        proxy.server_close()
        if serving.is_alive():
            serving.join(timeout=10)
        sim.send_signal(signal.SIGINT)
        sim.wait(timeout=30)


def _check_consistent(drill: Drill) -> None:
    """The file is sound, and every intent has exactly one outcome."""
    assert drill.rows("PRAGMA integrity_check") == [("ok",)]
    assert drill.rows("PRAGMA journal_mode") == [("wal",)]
    counts = drill.rows(
        "SELECT i.id, COUNT(o.id) FROM incident_events i LEFT JOIN incident_events o "
        "ON o.related_id = i.id WHERE i.phase = 'intent' GROUP BY i.id"
    )
    assert counts
    assert all(n == 1 for _, n in counts), counts


def _outcome_of(timeline: list[dict[str, Any]], action: str, nth: int) -> dict[str, Any]:
    intents = [e for e in timeline if e["action"] == action and e["phase"] == "intent"]
    intent = intents[nth - 1]
    (outcome,) = [e for e in timeline if e.get("related_id") == intent["id"]]
    return outcome


@pytest.mark.timeout(300)  # about 30 s alone; a shared, loaded machine is slower
def test_kill_at_every_step_of_the_drill(drill: Drill) -> None:
    # Declare; killed once the bot switch is logged, before it reaches the backend.
    drill.killed("after:intent:bot_on:1", "declare", PLAYBOOK, "--summary", "kill")
    assert drill.sim.get_auto_reply() == NIGHT_BOT
    drill.ok("show", "1")  # the next start settles the interrupted switch
    timeline = drill.timeline()
    switched = _outcome_of(timeline, "bot_on", 1)
    assert (switched["outcome"], switched["payload"]["reason"]) == ("unknown", "interrupted")
    assert drill.rows("SELECT COUNT(*) FROM incidents") == [(1,)]
    _check_consistent(drill)

    # Bot on again; killed after the backend switched, before the outcome is stored.
    drill.killed("before:outcome:bot_on:1", "bot", "1", "on")
    assert drill.sim.get_auto_reply().enabled
    assert drill.sim.get_auto_reply() != NIGHT_BOT
    drill.ok("list")  # a start without a backend: settled, nothing to compare with
    on = _outcome_of(drill.timeline(), "bot_on", 2)
    assert on["outcome"] == "unknown"

    # Broadcast to the agents; killed between the log and the publish, then retried.
    drill.killed("after:intent:script_publish:1", "broadcast", "1", "outage_ack", "--to", "agents")
    sent = drill.ok("broadcast", "1", "outage_ack", "--to", "agents")
    assert sent["ok"]
    scripts = [s.id for s in drill.sim.list_scripts() if s.id.startswith("inc1-")]
    assert sorted(scripts) == ["inc1-outage_ack-en", "inc1-outage_ack-zh_CN"]

    # Bulk reply, killed twice mid-way: no ticket ever gets a second reply.
    drill.killed("after:intent:ticket_reply:2", "reply", "1", "outage_ack")
    assert sum(drill.wire.replies.values()) == 1
    # (its first outcome row settles the interrupted #2 at start)
    drill.killed("before:outcome:ticket_reply:3", "reply", "1", "outage_ack")
    assert sum(drill.wire.replies.values()) == 3
    drill.reply()
    assert drill.wire.replies
    assert max(drill.wire.replies.values()) == 1, drill.wire.replies
    timeline = drill.timeline()
    never_sent = _outcome_of(timeline, "ticket_reply", 2)
    sent_unseen = _outcome_of(timeline, "ticket_reply", 4)
    assert never_sent["outcome"] == sent_unseen["outcome"] == "unknown"
    intents = [e for e in timeline if e["action"] == "ticket_reply" and e["phase"] == "intent"]
    tickets = [e["payload"]["ticket"] for e in intents]
    assert len(tickets) == len(set(tickets))  # each ticket logged once
    assert set(drill.wire.replies) == set(tickets) - {tickets[1]}  # #2 was never sent
    before = Counter(drill.wire.replies)
    drill.reply()  # later: only newcomers, never the answered
    assert all(drill.wire.replies[t] == n for t, n in before.items())
    assert max(drill.wire.replies.values()) == 1

    # Resolve; killed after the backend restored the bot, before the outcome.
    drill.killed("before:outcome:bot_restore:1", "resolve", "1", "--summary", "fixed")
    assert drill.sim.get_auto_reply() == NIGHT_BOT
    switches = len(drill.wire.switches)
    # (no team chat is configured: those notices fail, logged, as they should)
    resolved = drill.act("resolve", "1", "--summary", "fixed", may_fail="webhook_not_configured")
    assert resolved["incident"]["resolved_at"] is not None
    # The restore had taken effect: reconciled at start, not sent again.
    assert len(drill.wire.switches) == switches
    assert drill.sim.get_auto_reply() == NIGHT_BOT
    assert not [s for s in drill.sim.list_scripts() if s.id.startswith("inc1-")]
    restored = _outcome_of(drill.timeline(), "bot_restore", 1)
    assert restored["payload"]["took_effect"] is True
    assert drill.rows("SELECT COUNT(*) FROM incident_events WHERE action = 'resolve'") == [(1,)]
    _check_consistent(drill)


def _sample_groups(db_path: Path) -> list[int]:
    """Rows per recorded poll: every poll writes one row per queue plus the floor's."""
    with sqlite3.connect(db_path) as db:
        rows = db.execute("SELECT COUNT(*) FROM metric_samples WHERE step_s = 0 GROUP BY at")
        return [n for (n,) in rows.fetchall()]


def test_kill_the_window_runtime_while_it_records_samples(drill: Drill, tmp_path: Path) -> None:
    db_path = tmp_path / "window.db"
    env = dict(drill.env, COCKPIT_DATABASE_URL=f"sqlite:///{db_path}")
    env["COCKPIT_POLL_INTERVAL_S"] = "0.3"

    def runtime(kill: str) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "tests.e2e.kill_harness", "runtime", drill.url],
            cwd=ROOT,
            env=dict(env, COCKPIT_TEST_KILL=kill),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == KILLED, (result.returncode, result.stderr)

    # Killed right after the second insert of samples was committed.
    runtime("after:sample:*:2")
    groups = _sample_groups(db_path)
    assert len(groups) >= 2
    assert len(set(groups)) == 1, groups  # whole polls only
    assert groups[0] > 1
    # Killed in the middle of its first insert: nothing of it is kept.
    runtime("before:sample:*:1")
    assert _sample_groups(db_path) == groups
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    # And the next start records again on the same file.
    runtime("after:sample:*:1")
    after = _sample_groups(db_path)
    assert len(after) > len(groups)
    assert set(after) == set(groups)
