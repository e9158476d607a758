"""Agents and queues only when they changed: the server's versions, the
client's merge, and a server without versions (backward compatible)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from cockpit.backends.feed import FeedBackend
from cockpit.backends.feed_codec import agent_from_json
from cockpit.backends.feed_lists import KnownList
from cockpit.clock import ManualClock
from cockpit.domain import Agent, AgentId, AgentState, Role
from cockpit.sim import FloorSimulator, SimConfig, SimServer
from cockpit.sim.answers import AnswerCache, stamped
from cockpit.sim.versions import VersionedList

START = datetime(2026, 11, 11, 16, 40, tzinfo=UTC)
TOKEN = "versions-" + "v" * 20


def _agent(ident: str, state: AgentState = AgentState.AVAILABLE) -> Agent:
    return Agent(id=AgentId(ident), name=ident, state=state, skills=(), role=Role.AGENT)


def test_a_version_gets_only_the_items_changed_after_it() -> None:
    versions: VersionedList[Agent] = VersionedList(lambda a: str(a.id), run="r1")
    versions.update((_agent("A1"), _agent("A2")))
    first = versions.since(None)
    assert first.full
    assert [a.id for a in first.items] == ["A1", "A2"]
    versions.update((_agent("A1"), _agent("A2")))  # equal, though new objects
    assert versions.since(first.version) == ([], first.version, False)
    versions.update((_agent("A1", AgentState.BUSY), _agent("A2"), _agent("A3")))
    delta = versions.since(first.version)
    assert not delta.full
    assert [(a.id, a.state) for a in delta.items] == [
        ("A1", AgentState.BUSY),
        ("A3", AgentState.AVAILABLE),
    ]
    # A removal cannot be told as a change: older versions get everything.
    versions.update((_agent("A1", AgentState.BUSY), _agent("A3")))
    assert versions.since(delta.version).full
    after = versions.since(None).version
    assert versions.since(after) == ([], after, False)


def test_a_version_of_another_run_or_from_the_future_gets_everything() -> None:
    versions: VersionedList[Agent] = VersionedList(lambda a: str(a.id), run="r1")
    versions.update((_agent("A1"),))
    assert versions.since("r0.1").full
    assert versions.since("r1.99").full
    assert versions.since("rubbish").full


def test_a_server_without_versions_is_taken_as_whole_lists() -> None:
    known: KnownList[Agent] = KnownList("agents", agent_from_json, lambda a: str(a.id))
    payload = {"agents": [{"id": "A1", "name": "A1", "state": "busy"}]}
    assert known.take(payload)
    assert known.version is None
    assert known.params() == {}
    assert not known.current({"agents": None})
    assert not known.take(payload)  # the same whole list again: nothing changed
    assert known.take({"agents": []})  # a whole list without A1: A1 is gone
    assert known.items == {}


def test_cached_bodies_live_for_one_generation_and_get_their_own_time() -> None:
    cache = AnswerCache(max_entries=2)
    assert cache.get(1, "a") is None
    cache.put(1, "a", b'{"x":1}')
    assert cache.get(1, "a") == b'{"x":1}'
    assert cache.get(2, "a") is None  # a new generation drops the old answers
    cache.put(1, "a", b'{"x":1}')  # built for a generation that has passed
    assert cache.get(2, "a") is None
    assert stamped("T", b'{"x":1}') == b'{"server_time":"T","x":1}'
    assert stamped("T", b"{}") == b'{"server_time":"T"}'


def test_a_desk_keeps_its_agents_and_asks_only_for_what_changed() -> None:
    sim = FloorSimulator(SimConfig.default(warmup=timedelta(hours=3)), seed=11, start=START)
    clock = ManualClock(START)
    requests: Counter[str] = Counter()
    sizes: Counter[str] = Counter()

    def count(response: Any, *args: object, **kwargs: object) -> None:
        path = response.url.split("/api/v1/")[1].split("?")[0]
        requests[path] += 1
        sizes[path] += len(response.content)

    with SimServer(sim, clock, token=TOKEN) as server:
        backend = FeedBackend(server.url, token=TOKEN)
        backend._http.session.hooks["response"].append(count)
        try:
            first = backend.fetch(None)
            assert first.full
            assert first.agents == sim.agents()
            assert first.queues == sim.queues()
            known = {a.id: a for a in first.agents}
            requests.clear()
            sizes.clear()
            unchanged = backend.fetch(first.cursor)  # the floor did not move
            assert unchanged.agents is None
            assert unchanged.queues is None
            assert requests == Counter({"tickets": 1})
            moved = None
            for _ in range(20):
                clock.advance(timedelta(minutes=1))
                moved = backend.fetch((moved or unchanged).cursor)
                if moved.agents is not None:
                    break
            assert moved is not None
            assert moved.agents is not None
            assert moved.agents == sim.agents()  # merged: the whole list, as it is now
            assert not moved.full
            assert moved.queues is None
            changed = [a for a in moved.agents if known[a.id] != a]
            assert 0 < len(changed) < len(moved.agents)
            assert sizes["agents"] < 200 * len(changed) * requests["agents"] + 200
            # Another cursor than the one handed out: the whole lists again.
            other = backend.fetch(first.cursor)
            assert other.agents == sim.agents()
        finally:
            backend.close()


def test_the_merge_keeps_agent_order_and_replaces_changed_ones() -> None:
    known: KnownList[Agent] = KnownList("agents", agent_from_json, lambda a: str(a.id))
    known.take({"version": "r.1", "full": True, "agents": [
        {"id": "A1", "name": "A1", "state": "busy"}, {"id": "A2", "name": "A2", "state": "away"}
    ]})  # fmt: skip
    assert known.params() == {"since": "r.1"}
    assert known.current({"agents": "r.1"})
    assert known.take({"version": "r.2", "full": False, "agents": [
        {"id": "A1", "name": "A1", "state": "available"}
    ]})  # fmt: skip
    a1 = replace(_agent("A1"), state=AgentState.AVAILABLE)
    assert [a.id for a in known.items.values()] == ["A1", "A2"]
    assert known.items["A1"].state is a1.state
