"""The Zendesk adapter over real HTTP against a fake built from Zendesk's documentation."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from cockpit.backends.base import (
    AuthError,
    AutoReplyState,
    Capability,
    ReplyScript,
)
from cockpit.backends.options import ZendeskOptions
from cockpit.backends.zendesk import ZendeskBackend, rate_bucket
from cockpit.clock import ManualClock
from cockpit.domain import Channel, Priority, Status, TicketId
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from tests.contract.server import Recorder, serve
from tests.contract.zendesk_fake import FakeZendesk, iso, metric_set, slas, ticket_json, trigger

EMAIL = "supervisor@example.com"
TOKEN = "zd-api-token-6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv"
FAST = {"incremental_per_minute": 600, "requests_per_minute": 6000}  # tests do not wait


def when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.fixture
def fake() -> FakeZendesk:
    api = FakeZendesk(email=EMAIL, token=TOKEN, incremental_limit=1000)
    api.groups = [{"id": 360001, "name": "Support"}, {"id": 360002, "name": "退款"}]
    # open, unchanged for 3 days: only the search export finds it on a full load
    api.put(ticket_json(1, created_at=iso(4400), updated_at=iso(4300)))
    api.put(
        ticket_json(
            2,
            created_at=iso(90),
            updated_at=iso(10),
            priority="urgent",
            status="hold",
            group_id=360002,
            assignee_id=77,
            channel="chat",
        )
    )
    api.metric_sets[2] = metric_set(2, reply_minutes=12)
    api.slas[2] = slas(
        ("first_reply_time", iso(60), "achieved"),
        ("requester_wait_time", iso(-50), "active"),
        ("total_resolution_time", iso(-30), "active"),
    )
    api.put(ticket_json(3, created_at=iso(300), updated_at=iso(20), status="solved", priority=None))
    api.metric_sets[3] = metric_set(3, reply_minutes=5, solved_at=iso(20))
    api.put(
        ticket_json(4, created_at=iso(100), updated_at=iso(0.2), group_id=None, channel="voice")
    )
    api.triggers[11] = trigger(11, active=True)
    api.views = {91: 14}
    return api


@pytest.fixture
def server(fake: FakeZendesk) -> Iterator[tuple[str, Recorder]]:
    with serve(fake) as (url, recorder):
        fake.base = url
        yield url, recorder


def zendesk(url: str, **options: Any) -> ZendeskBackend:
    return ZendeskBackend(
        url, email=EMAIL, token=TOKEN, options=ZendeskOptions.model_validate(FAST | options)
    )


def test_a_full_load_is_groups_unsolved_tickets_and_recent_changes(
    fake: FakeZendesk, server: tuple[str, Recorder]
) -> None:
    fake.groups_page, fake.export_page = 1, 1  # one group, one change a page
    url, rec = server
    backend = zendesk(url)
    batch = backend.fetch(None)
    backend.close()
    assert rec.paths() == [
        "/api/v2/groups.json",
        "/api/v2/groups.json",  # next_page
        "/api/v2/search/export.json",
        "/api/v2/incremental/tickets/cursor.json",
        "/api/v2/incremental/tickets/cursor.json",  # after_cursor, to end_of_stream
    ]
    auth = base64.b64decode(rec.requests[0].headers["Authorization"].split()[1]).decode()
    assert auth == f"{EMAIL}/token:{TOKEN}"
    first_export = rec.requests[3].query
    assert first_export["include"] == "metric_sets,slas"
    start = datetime.fromtimestamp(int(first_export["start_time"]), UTC)
    assert abs(start - (datetime.now(UTC) - timedelta(hours=24))) < timedelta(seconds=10)
    assert batch.full
    assert sorted(t.id for t in batch.tickets) == ["1", "2", "3", "4"]
    assert [(q.id, q.name) for q in batch.queues or ()] == [
        ("360001", "Support"),
        ("360002", "退款"),
    ]
    assert rec.requests[2].query["filter[type]"] == "ticket"
    assert rec.requests[4].query["cursor"]
    assert batch.cursor


def test_fields_slas_and_metrics_map_to_the_domain(server: tuple[str, Recorder]) -> None:
    url, _ = server
    backend = zendesk(url)
    tickets = {t.id: t for t in backend.fetch(None).tickets}
    backend.close()
    held = tickets["2"]
    assert (held.queue, held.status, held.priority) == (
        "360002",
        Status.WAITING_OTHER,
        Priority.URGENT,
    )
    assert (held.assignee, held.channel) == ("77", Channel.CHAT)
    assert held.first_response_at == when(iso(90)) + timedelta(minutes=12)
    assert held.first_response_due == when(iso(60))
    assert held.resolution_due == when(iso(-30))  # the earliest of the other metrics
    assert held.url == f"{url}/agent/tickets/2"
    assert held.tags == ("enterprise", "other_tag")
    solved = tickets["3"]
    assert (solved.status, solved.priority, solved.resolved_at) == (
        Status.RESOLVED,
        Priority.MEDIUM,
        when(iso(20)),
    )
    untouched = tickets["1"]  # from the search export: no sideloads
    assert (untouched.status, untouched.first_response_due) == (Status.OPEN, None)
    assert (tickets["4"].queue, tickets["4"].channel) == ("none", Channel.PHONE)


def test_polls_follow_the_cursor_and_see_late_changes(
    fake: FakeZendesk, server: tuple[str, Recorder]
) -> None:
    url, rec = server
    backend = zendesk(url)
    first = backend.fetch(None)
    fake.put(ticket_json(5, created_at=iso(3), updated_at=iso(2), priority="high"))
    fake.put(ticket_json(6, created_at=iso(0.5), updated_at=iso(0.5)))  # within the last minute
    second = backend.fetch(first.cursor)
    assert rec.requests[-1].query["cursor"] == first.cursor
    assert not second.full
    assert [t.id for t in second.tickets] == ["5"]  # 6 is left out until it is a minute old
    fake.tickets[6]["updated_at"] = iso(1.5)
    third = backend.fetch(second.cursor)
    backend.close()
    assert [t.id for t in third.tickets] == ["6"]


def test_export_pages_are_followed_to_the_end_of_the_stream(
    fake: FakeZendesk, server: tuple[str, Recorder]
) -> None:
    url, rec = server
    backend = zendesk(url)
    first = backend.fetch(None)
    for tid in range(20, 25):
        fake.put(ticket_json(tid, created_at=iso(30), updated_at=iso(5 - tid / 10)))
    fake.export_page = 2
    batch = backend.fetch(first.cursor)
    backend.close()
    exports = [r for r in rec.requests if r.path.endswith("cursor.json")]
    assert len(exports) == 1 + 3  # 5 changes, 2 a page
    assert [t.id for t in batch.tickets] == ["20", "21", "22", "23", "24"]


def test_a_refused_cursor_falls_back_to_a_full_load(server: tuple[str, Recorder]) -> None:
    url, _ = server
    backend = zendesk(url)
    batch = backend.fetch("not-a-cursor")
    backend.close()
    assert batch.full
    assert len(batch.tickets) == 4


def test_a_refused_token_is_an_auth_error(server: tuple[str, Recorder]) -> None:
    url, rec = server
    backend = ZendeskBackend(
        url, email=EMAIL, token="wrong-api-token", options=ZendeskOptions(**FAST)
    )
    with pytest.raises(AuthError) as caught:
        backend.fetch(None)
    backend.close()
    assert len(rec.requests) == 1
    assert "wrong-api-token" not in str(caught.value)


def test_the_export_limit_429_is_honoured(fake: FakeZendesk, server: tuple[str, Recorder]) -> None:
    url, rec = server
    fake.incremental_limit = 1
    backend = zendesk(url)
    mono = [0.0]
    poller = Poller(
        backend,
        settings=Settings(poll_interval_s=5),
        clock=ManualClock(datetime.now(UTC)),
        monotonic=lambda: mono[0],
    )
    assert poller.poll_once() is not None  # spends the one export request of this minute
    mono[0] = 5
    assert poller.poll_once() is None
    assert poller.health.reason == "rate_limited"
    assert "HTTP 429" in (poller.health.detail or "")
    before = len(rec.requests)
    mono[0] = 50
    poller.poll_once()
    backend.close()
    assert len(rec.requests) == before  # waiting out Retry-After (≈60 s), not hammering


def test_the_rate_budget_shows_ours_and_zendesks(server: tuple[str, Recorder]) -> None:
    url, _ = server
    backend = zendesk(url, requests_per_minute=400)
    assert backend.rate_budget().server_remaining is None
    backend.fetch(None)
    budget = backend.rate_budget()
    backend.close()
    assert budget.limit == 400
    assert 0 < budget.remaining <= 10  # the burst, less what the full load spent
    assert budget.server_limit == 700
    assert budget.server_remaining is not None
    assert budget.server_remaining < 700


@pytest.mark.parametrize(("limit", "burst"), [(10, 2), (200, 10), (30, 2), (700, 10)])
def test_the_buckets_never_exceed_the_limit_in_any_minute(limit: int, burst: int) -> None:
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += max(seconds, 1e-6)  # a real sleep always lets the clock move on

    bucket = rate_bucket(limit, burst, monotonic=lambda: now[0], sleep=sleep)
    sent = []
    while now[0] < 300:
        bucket.acquire()  # as greedy as a caller can be
        sent.append(now[0])
    busiest = max(sum(1 for t in sent if start <= t < start + 60) for start in sent)
    assert busiest <= limit
    assert len(sent) >= limit * 4  # …and still uses most of it


def test_live_counts_come_from_views_count_many(server: tuple[str, Recorder]) -> None:
    url, rec = server
    backend = zendesk(url, count_views={"360001": 91, "360002": 92})
    counts = backend.live_counts()
    backend.close()
    assert counts == {"360001": 14, "360002": None}
    assert len(rec.requests) == 1
    assert rec.requests[0].query["ids"] == "91,92"


def test_the_auto_reply_switches_the_chosen_trigger(
    fake: FakeZendesk, server: tuple[str, Recorder]
) -> None:
    url, rec = server
    backend = zendesk(url, auto_reply_trigger_id=11)
    assert Capability.AUTO_REPLY in backend.capabilities
    current = backend.get_auto_reply()
    state = backend.set_auto_reply(AutoReplyState(enabled=False))
    backend.close()
    assert current.enabled
    assert current.message == "Your request ({{ticket.id}}) has been received."
    assert not state.enabled
    assert json.loads(rec.requests[-1].body) == {"trigger": {"active": False}}
    assert fake.triggers[11]["active"] is False


def test_reply_scripts_are_macros(fake: FakeZendesk, server: tuple[str, Recorder]) -> None:
    url, _ = server
    backend = zendesk(url)
    published = backend.publish_script(ReplyScript(id="outage", title="Outage", body="We know."))
    assert fake.macros[int(published.id)]["actions"] == [
        {"field": "comment_value", "value": "We know."}
    ]
    backend.publish_script(ReplyScript(id=published.id, title="Outage v2", body="Fixed."))
    assert [(s.title, s.body) for s in backend.list_scripts()] == [("Outage v2", "Fixed.")]
    backend.withdraw_script(published.id)
    assert backend.list_scripts() == []
    backend.close()


def test_replies_are_public_comments_never_retried(
    fake: FakeZendesk, server: tuple[str, Recorder], caplog: pytest.LogCaptureFixture
) -> None:
    url, rec = server
    backend = zendesk(url)
    assert backend.reply(TicketId("2"), "On it.").ok
    assert fake.comments == [(2, {"body": "On it.", "public": True})]
    fake.tickets[3]["status"] = "closed"
    assert backend.reply(TicketId("3"), "Hello?").error == "rejected"
    assert backend.reply(TicketId("99"), "Hello?").error == "not_found"
    rec.queue("/api/v2/tickets/2.json", (503, {}, {"error": "Service Unavailable"}), (200, {}, {}))
    before = len(rec.requests)
    outcome = backend.reply(TicketId("2"), "Again?")
    backend.close()
    assert (outcome.ok, outcome.error) == (False, "unknown_outcome")
    assert len(rec.requests) == before + 1  # a 503 on a comment is not retried
    assert "unknown outcome" in caplog.text
