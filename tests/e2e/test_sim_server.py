"""The simulator's HTTP server on 127.0.0.1: every endpoint of the feed API,
over real sockets, on a manual clock."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from cockpit.backends.feed_codec import ticket_from_json
from cockpit.clock import ManualClock, format_time
from cockpit.settings import SlaSettings
from cockpit.sim import FloorSimulator, Scenario, ScenarioKind, SimConfig, SimServer, serve

pytestmark = pytest.mark.e2e

START = datetime(2026, 11, 11, 16, 40, tzinfo=UTC)  # 00:40 in Shanghai, the peak
TOKEN = "test-token-" + "x" * 20


class Client:
    def __init__(self, url: str, token: str = TOKEN) -> None:
        self.url = url + "/api/v1"
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return self.session.request(method, self.url + path, timeout=10, **kwargs)

    def ok(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        response = self.call(method, path, **kwargs)
        assert response.status_code == status, response.text
        return response.json() if response.content else None


@pytest.fixture
def floor() -> Iterator[tuple[FloorSimulator, ManualClock, Client]]:
    config = SimConfig.default(warmup=timedelta(hours=4))
    sim = FloorSimulator(config, seed=3, start=START)
    clock = ManualClock(START)
    with SimServer(sim, clock, port=0, token=TOKEN) as server:
        assert server.url.startswith("http://127.0.0.1:")
        client = Client(server.url)
        yield sim, clock, client
        client.session.close()


def error_code(response: requests.Response) -> str:
    code = response.json()["error"]["code"]
    assert isinstance(code, str)
    return code


def test_requests_without_the_token_are_refused(floor: tuple[Any, ManualClock, Client]) -> None:
    _, _, client = floor
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        response = requests.get(client.url + "/time", headers=headers, timeout=10)
        assert response.status_code == 401
        assert error_code(response) == "unauthorized"
        assert TOKEN not in response.text


def test_time_queues_and_agents(floor: tuple[FloorSimulator, ManualClock, Client]) -> None:
    sim, clock, client = floor
    assert client.ok("GET", "/time") == {"server_time": format_time(START)}
    clock.advance(12.5)
    assert client.ok("GET", "/time")["server_time"] == format_time(START + timedelta(seconds=12.5))
    assert sim.now == clock.now()
    queues = client.ok("GET", "/queues")["queues"]
    assert {q["id"] for q in queues} >= {"presales", "logistics", "refund", "complaints"}
    assert all(set(q["names"]) == {"zh_CN", "en"} for q in queues)
    agents = client.ok("GET", "/agents")["agents"]
    assert {a["state"] for a in agents} >= {"busy", "offline"}
    assert {a["role"] for a in agents} == {"agent", "lead", "supervisor"}


def test_ticket_paging_and_increments(floor: tuple[FloorSimulator, ManualClock, Client]) -> None:
    sim, clock, client = floor
    first = client.ok("GET", "/tickets", params={"limit": 700})
    assert first["full"]
    assert first["has_more"]
    assert len(first["tickets"]) == 700
    seen = [ticket_from_json(t) for t in first["tickets"]]
    cursor = first["next_cursor"]
    while True:
        page = client.ok("GET", "/tickets", params={"cursor": cursor, "limit": 5000})
        assert not page["full"]
        seen.extend(ticket_from_json(t) for t in page["tickets"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert {t.id for t in seen} == {t.id for t in sim.tickets()}
    clock.advance(60)
    page = client.ok("GET", "/tickets", params={"cursor": cursor})
    assert page["tickets"]
    assert not page["has_more"]
    assert page["server_time"] == format_time(clock.now())
    assert all(ticket_from_json(t).updated_at > START for t in page["tickets"])
    default_page = client.ok("GET", "/tickets")
    assert len(default_page["tickets"]) == 1000


def test_bad_cursor_and_limit(floor: tuple[Any, ManualClock, Client]) -> None:
    _, _, client = floor
    for cursor in ("garbage", "-5", "99999999999"):
        response = client.call("GET", "/tickets", params={"cursor": cursor})
        assert response.status_code == 410
        assert error_code(response) == "cursor_expired"
    for limit in ("0", "5001", "ten"):
        response = client.call("GET", "/tickets", params={"limit": limit})
        assert response.status_code == 400
        assert error_code(response) == "bad_request"
    assert client.call("GET", "/nothing").status_code == 404
    assert client.call("GET", "/tickets/T1/more").status_code == 404
    response = client.call("PATCH", "/time")
    assert response.status_code == 405
    assert error_code(response) == "method_not_allowed"
    response = client.call("PUT", "/tickets")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_auto_reply_switch(floor: tuple[FloorSimulator, ManualClock, Client]) -> None:
    sim, clock, client = floor
    state = client.ok("GET", "/auto-reply")
    assert state["enabled"] is False
    body = {"enabled": True, "message": "智能助手先为您解答", "topics": ["logistics"]}
    answer = client.ok("PUT", "/auto-reply", json=body)
    assert {k: answer[k] for k in body} == body
    assert client.ok("GET", "/auto-reply")["enabled"] is True
    assert sim.get_auto_reply().topics == ("logistics",)
    cursor = client.ok("GET", "/tickets", params={"limit": 5000})["next_cursor"]
    clock.advance(600)
    page = client.ok("GET", "/tickets", params={"cursor": cursor, "limit": 5000})
    deflected = [t for t in page["tickets"] if t["bot_deflected"]]
    assert deflected
    assert {t["topic"] for t in deflected} == {"logistics"}
    for bad in ({"message": "x"}, {"enabled": "yes"}, ["enabled"]):
        assert client.call("PUT", "/auto-reply", json=bad).status_code == 400
    assert client.call("PUT", "/auto-reply", data=b"{not json").status_code == 400


def test_reply_scripts(floor: tuple[FloorSimulator, ManualClock, Client]) -> None:
    sim, _, client = floor
    assert client.ok("GET", "/scripts")["scripts"] == []
    posted = client.ok(
        "POST",
        "/scripts",
        201,
        json={"title": "支付故障", "body": "支付通道正在恢复，预计{eta}内完成"},
    )
    assert posted["id"]
    assert posted["language"] == "zh_CN"
    assert "server_time" in posted
    named = {"id": "outage-en", "title": "Outage", "body": "We are on it", "language": "en",
             "tags": ["outage"]}  # fmt: skip
    client.ok("POST", "/scripts", 201, json=named)
    client.ok("POST", "/scripts", 201, json={**named, "body": "Fixed soon"})
    scripts = client.ok("GET", "/scripts")["scripts"]
    assert [s["id"] for s in scripts] == [posted["id"], "outage-en"]
    assert scripts[1]["body"] == "Fixed soon"
    assert client.call("POST", "/scripts", json={"title": "no body"}).status_code == 400
    response = client.call("DELETE", "/scripts/outage-en")
    assert response.status_code == 204
    assert not response.content
    response = client.call("DELETE", "/scripts/outage-en")
    assert response.status_code == 404
    assert error_code(response) == "not_found"
    assert [s.id for s in sim.list_scripts()] == [posted["id"]]


def test_replies(floor: tuple[FloorSimulator, ManualClock, Client]) -> None:
    sim, clock, client = floor
    clock.advance(3)
    waiting = next(t for t in sim.tickets() if t.is_open and t.first_response_at is None)
    answer = client.ok("POST", f"/tickets/{waiting.id}/replies", 201, json={"body": "马上处理"})
    ticket = ticket_from_json(answer["ticket"])
    assert ticket.first_response_at == clock.now()
    assert answer["server_time"] == format_time(clock.now())
    response = client.call("POST", "/tickets/T9999999/replies", json={"body": "?"})
    assert response.status_code == 404
    finished = next(t for t in sim.tickets() if not t.is_open)
    response = client.call("POST", f"/tickets/{finished.id}/replies", json={"body": "?"})
    assert response.status_code == 409
    assert error_code(response) == "ticket_closed"
    response = client.call("POST", f"/tickets/{waiting.id}/replies", json={"body": ""})
    assert response.status_code == 400


def test_scenario_injection(floor: tuple[FloorSimulator, ManualClock, Client]) -> None:
    sim, clock, client = floor
    answer = client.ok(
        "POST", "/sim/scenarios", 201, json={"kind": "outage", "multiplier": 5, "duration_s": 1800}
    )
    scenario = answer["scenario"]
    assert scenario["id"]
    assert scenario["start"] == format_time(clock.now())
    assert scenario["topics"] == ["payment", "login", "app_crash"]
    assert client.ok("GET", "/sim/scenarios")["scenarios"] == [scenario]
    bad = client.call("POST", "/sim/scenarios", json={"kind": "meteor"})
    assert bad.status_code == 400
    assert error_code(bad) == "bad_request"
    cursor = sim.cursor
    clock.advance(300)
    page = client.ok("GET", "/tickets", params={"cursor": cursor, "limit": 5000})
    assert any("outage" in t["tags"] for t in page["tickets"])


def test_server_figures_match_the_truth(floor: tuple[FloorSimulator, ManualClock, Client]) -> None:
    sim, clock, client = floor
    clock.advance(timedelta(minutes=7))
    client.ok("GET", "/time")
    truth = sim.truth(SlaSettings())
    assert sum(q.open for q in truth.values()) == sum(t.is_open for t in sim.tickets())


def test_stop_joins_every_thread() -> None:
    sim = FloorSimulator(SimConfig.default(warmup=timedelta(hours=1)), seed=1, start=START)
    before = set(threading.enumerate())
    server = SimServer(sim, ManualClock(START), token=TOKEN)
    server.start()
    with requests.Session() as session:
        for _ in range(5):
            response = session.get(
                server.url + "/api/v1/time",
                headers={"Authorization": f"Bearer {TOKEN}"},
                timeout=10,
            )
            assert response.ok
    server.stop()
    server.stop()  # twice is harmless
    assert set(threading.enumerate()) <= before
    with pytest.raises(RuntimeError):
        _ = server.url


def test_serve_runs_until_stopped() -> None:
    ready = threading.Event()
    stop = threading.Event()
    urls: list[str] = []

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    config = SimConfig.default(warmup=timedelta(hours=1))
    runner = threading.Thread(
        target=serve,
        kwargs={
            "port": 0,
            "seed": 2,
            "speed": 60.0,
            "token": TOKEN,
            "config": config,
            "scenarios": [Scenario(ScenarioKind.OUTAGE, delay=timedelta(minutes=5))],
            "stop": stop,
            "on_ready": on_ready,
        },
        name="serve-under-test",
    )
    runner.start()
    try:
        assert ready.wait(30)
        client = Client(urls[0])
        scenarios = client.ok("GET", "/sim/scenarios")["scenarios"]
        assert [s["kind"] for s in scenarios] == ["outage"]
        assert client.ok("GET", "/tickets", params={"limit": 10})["full"] is True
        client.session.close()
    finally:
        stop.set()
        runner.join(30)
    assert not runner.is_alive()
