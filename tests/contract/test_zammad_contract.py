"""The Zammad adapter over real HTTP against a fake built from Zammad's documentation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from cockpit.backends.base import (
    AuthError,
    AutoReplyState,
    Capability,
    NotSupported,
    RateLimited,
    ReplyScript,
)
from cockpit.backends.options import ZammadOptions
from cockpit.backends.zammad import ZammadBackend
from cockpit.clock import ManualClock, format_time
from cockpit.domain import Channel, Priority, Status
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from tests.contract.server import Recorder, serve
from tests.contract.zammad_fake import FakeZammad, expanded_ticket, trigger

TOKEN = "zammad-token-3f9a1c"
NOW = datetime.now(UTC).replace(microsecond=0)


def ago(minutes: float) -> str:
    return format_time(NOW - timedelta(minutes=minutes))


@pytest.fixture
def fake() -> FakeZammad:
    api = FakeZammad(token=TOKEN, groups=[{"id": 1, "name": "Users"}, {"id": 2, "name": "物流"}])
    api.put(expanded_ticket(1, created_at=ago(30), updated_at=ago(20)))
    api.put(
        expanded_ticket(
            2,
            group=(2, "物流"),
            state_id=3,
            priority_id=3,
            owner=(5, "agent05"),
            article_type_id=5,
            created_at=ago(90),
            updated_at=ago(10),
            first_response_at=ago(80),
            first_response_escalation_at=ago(60),
            close_escalation_at=ago(-120),
        )
    )
    api.put(expanded_ticket(3, state_id=4, created_at=ago(600), updated_at=ago(5), close_at=ago(5)))
    api.put(expanded_ticket(4, state_id=4, created_at=ago(5000), updated_at=ago(3000)))
    api.triggers[7] = trigger(7, active=False)
    return api


@pytest.fixture
def server(fake: FakeZammad) -> Iterator[tuple[str, Recorder]]:
    with serve(fake) as running:
        yield running


def zammad(url: str, **options: object) -> ZammadBackend:
    return ZammadBackend(url, token=TOKEN, options=ZammadOptions.model_validate(options))


def test_a_full_load_reads_open_and_recent_tickets_with_names(
    server: tuple[str, Recorder],
) -> None:
    url, rec = server
    backend = zammad(url)
    batch = backend.fetch(None)
    backend.close()
    assert rec.paths() == ["/api/v1/ticket_states", "/api/v1/groups", "/api/v1/tickets/search"]
    search = rec.requests[-1]
    assert search.headers["Authorization"] == f"Token token={TOKEN}"
    assert search.query["query"].startswith("state_id:(1 OR 2 OR 3 OR 7) OR updated_at:[")
    assert (search.query["sort_by"], search.query["order_by"], search.query["expand"]) == (
        "updated_at",
        "asc",
        "true",
    )
    assert batch.full
    assert sorted(t.id for t in batch.tickets) == ["1", "2", "3"]  # 4 closed long ago
    assert [(q.id, q.name) for q in batch.queues or ()] == [("1", "Users"), ("2", "物流")]
    assert batch.cursor == ago(5)


def test_fields_map_to_the_domain(server: tuple[str, Recorder]) -> None:
    url, _ = server
    backend = zammad(url)
    tickets = {t.id: t for t in backend.fetch(None).tickets}
    backend.close()
    pending = tickets["2"]
    assert (pending.queue, pending.status, pending.priority) == ("2", Status.PENDING, Priority.HIGH)
    assert (pending.assignee, pending.channel) == ("5", Channel.PHONE)
    assert pending.first_response_at == NOW - timedelta(minutes=80)
    assert pending.first_response_due == NOW - timedelta(minutes=60)
    assert pending.resolution_due == NOW + timedelta(minutes=120)
    assert pending.url == f"{url}/#ticket/zoom/2"
    fresh = tickets["1"]
    assert (fresh.status, fresh.priority, fresh.assignee) == (Status.OPEN, Priority.MEDIUM, None)
    assert fresh.channel is Channel.EMAIL
    closed = tickets["3"]
    assert (closed.status, closed.resolved_at) == (Status.CLOSED, NOW - timedelta(minutes=5))


def test_polls_are_incremental_by_updated_at_with_an_overlap(
    fake: FakeZammad, server: tuple[str, Recorder]
) -> None:
    url, rec = server
    backend = zammad(url, overlap_s=60)
    first = backend.fetch(None)
    fake.put(expanded_ticket(1, state_id=4, created_at=ago(30), updated_at=ago(1), close_at=ago(1)))
    fake.put(expanded_ticket(9, group=(3, "VIP"), created_at=ago(0.5), updated_at=ago(0.5)))
    second = backend.fetch(first.cursor)
    backend.close()
    assert rec.requests[-1].query["query"] == f'updated_at:["{ago(6)}" TO *]'
    assert not second.full
    assert [t.id for t in second.tickets] == ["3", "1", "9"]  # the overlap re-reads ticket 3
    assert second.cursor == ago(0.5)
    # a group first seen on a ticket joins the queue list
    assert [q.id for q in second.queues or ()] == ["1", "2", "3"]


def test_search_pages_are_walked_within_the_per_poll_cap(
    fake: FakeZammad, server: tuple[str, Recorder]
) -> None:
    for tid in range(10, 17):
        fake.put(expanded_ticket(tid, created_at=ago(50), updated_at=ago(50 - tid)))
    url, rec = server
    backend = zammad(url, per_page=2, max_pages_per_poll=3)
    first = backend.fetch(None)
    seen = {t.id for t in first.tickets}
    cursor = first.cursor
    for _ in range(2):  # the rest follows on the next polls
        batch = backend.fetch(cursor)
        seen |= {t.id for t in batch.tickets}
        cursor = batch.cursor
    backend.close()
    searches = [r for r in rec.requests if r.path.endswith("/search")]
    assert [(r.query["page"], r.query["per_page"]) for r in searches[:3]] == [
        ("1", "2"),
        ("2", "2"),
        ("3", "2"),
    ]
    assert len(first.tickets) == 6  # 3 pages of 2
    assert seen == {"1", "2", "3", *(str(t) for t in range(10, 17))}


def test_per_page_above_the_documented_cap_is_refused_by_the_options() -> None:
    with pytest.raises(ValueError, match="200"):
        ZammadOptions(per_page=500)


def test_group_names_come_from_tickets_without_admin_rights(
    fake: FakeZammad, server: tuple[str, Recorder]
) -> None:
    fake.groups_forbidden = True
    url, _ = server
    backend = zammad(url, queue_names={"1": "Hotline"})
    batch = backend.fetch(None)
    backend.close()
    assert sorted((q.id, q.name) for q in batch.queues or ()) == [("1", "Hotline"), ("2", "物流")]


def test_a_refused_token_is_an_auth_error_and_not_retried(server: tuple[str, Recorder]) -> None:
    url, rec = server
    backend = ZammadBackend(url, token="wrong-token-value")
    with pytest.raises(AuthError) as caught:
        backend.fetch(None)
    backend.close()
    assert len(rec.requests) == 1
    assert "wrong-token-value" not in str(caught.value)


def test_429_retry_after_is_honoured_by_the_poller(server: tuple[str, Recorder]) -> None:
    url, rec = server
    rec.queue(
        "/api/v1/tickets/search", (429, {"Retry-After": "42"}, {"error": "Too Many Requests"})
    )
    backend = zammad(url)
    with pytest.raises(RateLimited) as caught:
        backend.fetch(None)
    assert caught.value.retry_after == 42
    mono = [0.0]
    poller = Poller(
        backend,
        settings=Settings(poll_interval_s=5),
        clock=ManualClock(NOW),
        monotonic=lambda: mono[0],
    )
    rec.queue("/api/v1/tickets/search", (429, {"Retry-After": "42"}, {}))
    poller.poll_once()
    assert poller.health.reason == "rate_limited"
    before = len(rec.requests)
    mono[0] = 41
    poller.poll_once()
    assert len(rec.requests) == before  # still waiting out Retry-After
    mono[0] = 43
    assert poller.poll_once() is not None
    backend.close()


def test_the_auto_reply_switches_the_chosen_trigger(
    fake: FakeZammad, server: tuple[str, Recorder]
) -> None:
    url, rec = server
    backend = zammad(url, auto_reply_trigger_id=7)
    assert Capability.AUTO_REPLY in backend.capabilities
    assert backend.get_auto_reply().enabled is False
    state = backend.set_auto_reply(AutoReplyState(enabled=True))
    backend.close()
    assert state.enabled
    assert "has been received" in state.message
    assert rec.requests[-1].method == "PUT"
    assert rec.requests[-1].path == "/api/v1/triggers/7"
    assert json.loads(rec.requests[-1].body) == {"active": True}
    assert fake.triggers[7]["active"] is True


def test_without_a_trigger_the_auto_reply_is_declared_missing(server: tuple[str, Recorder]) -> None:
    url, _ = server
    backend = zammad(url)
    assert backend.capabilities.why_not(Capability.AUTO_REPLY) == "no_trigger_configured"
    assert backend.capabilities.why_not(Capability.AGENTS) == "no_presence_api"
    with pytest.raises(NotSupported):
        backend.set_auto_reply(AutoReplyState(enabled=True))
    backend.close()


def test_reply_scripts_are_text_modules(fake: FakeZammad, server: tuple[str, Recorder]) -> None:
    url, _ = server
    backend = zammad(url)
    script = ReplyScript(
        id="outage-ack", title="Outage", body="We know <why>.\nETA 2 h", tags=("outage",)
    )
    published = backend.publish_script(script)
    assert published.id.isdigit()
    module = fake.text_modules[int(published.id)]
    assert module["content"] == "We know &lt;why&gt;.<br>ETA 2 h"
    assert module["keywords"] == "outage"
    updated = backend.publish_script(ReplyScript(id=published.id, title="Outage v2", body="Fixed"))
    assert [s.title for s in backend.list_scripts()] == ["Outage v2"]
    backend.withdraw_script(updated.id)
    assert backend.list_scripts() == []
    backend.close()


def test_custom_priorities_map_through_the_options(
    fake: FakeZammad, server: tuple[str, Recorder]
) -> None:
    fake.put(expanded_ticket(20, priority_id=4, created_at=ago(1), updated_at=ago(1)))
    fake.put(expanded_ticket(21, priority_id=5, created_at=ago(1), updated_at=ago(1)))
    url, _ = server
    backend = zammad(url, priority_map={"5": "low"})
    tickets = {t.id: t for t in backend.fetch(None).tickets}
    backend.close()
    assert tickets["20"].priority is Priority.URGENT
    assert tickets["21"].priority is Priority.LOW
