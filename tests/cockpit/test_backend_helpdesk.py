"""The django-helpdesk adapter against scripted answers on loopback
(the live suite in tests/e2e/helpdesk runs it against the real thing)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from cockpit.backends.base import (
    AuthError,
    AutoReplyState,
    Capability,
    NotSupported,
    PermissionDenied,
)
from cockpit.backends.helpdesk import HelpdeskBackend
from cockpit.backends.helpdesk_codec import priority_of, status_of, ticket_from_json
from cockpit.backends.http import DEFAULT_TIMEOUTS
from cockpit.backends.options import BackendOptions, HelpdeskOptions
from cockpit.backends.registry import BackendConfigError, open_backend
from cockpit.backends.vendor_common import http_base
from cockpit.backends.vendors import helpdesk_opener
from cockpit.domain import Channel, Priority, Status, TicketId
from tests.cockpit.loopback import loopback_server

TOKEN = "0123456789abcdef0123456789abcdef01234567"


def follow_up(fid: int, date: str, *, user: int | None = None, **kw: Any) -> dict[str, Any]:
    return {"id": fid, "date": date, "user": user, "public": True, "title": None, **kw}


def ticket(tid: int, **kw: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": tid,
        "queue": 1,
        "title": f"T{tid}",
        "assigned_to": None,
        "status": 1,
        "on_hold": False,
        "priority": 3,
        "due_date": None,
        "followup_set": [follow_up(tid * 10, "2026-11-23T09:00:00Z", title="Ticket Opened")],
    }
    raw.update(kw)
    return raw


def page(*tickets: dict[str, Any], next_url: str | None = None) -> dict[str, Any]:
    return {"count": len(tickets), "next": next_url, "previous": None, "results": list(tickets)}


@pytest.mark.parametrize(
    ("code", "priority"),
    [
        (1, Priority.URGENT),
        (2, Priority.HIGH),
        (3, Priority.MEDIUM),
        (4, Priority.LOW),
        (5, Priority.LOW),
    ],
)
def test_priorities(code: int, priority: Priority) -> None:
    assert priority_of(code) is priority


@pytest.mark.parametrize(
    ("code", "on_hold", "status"),
    [
        (1, False, Status.OPEN),
        (2, False, Status.OPEN),
        (1, True, Status.PENDING),
        (3, False, Status.CLOSED),
        (4, False, Status.CLOSED),
        (5, True, Status.CLOSED),
    ],
)
def test_statuses(code: int, on_hold: bool, status: Status) -> None:
    assert status_of(code, on_hold=on_hold, where="t") is status


def test_created_and_first_response_come_from_follow_ups() -> None:
    raw = ticket(
        7,
        assigned_to=3,
        due_date="2026-11-23T12:00:00Z",
        followup_set=[
            # out of order on purpose; the customer's e-mail reply has no user
            follow_up(3, "2026-11-23T09:20:00Z", user=None),
            follow_up(4, "2026-11-23T09:25:00Z", user=3, public=False),  # internal note
            follow_up(5, "2026-11-23T09:30:00Z", user=3),  # the first response
            follow_up(1, "2026-11-23T09:00:00Z", user=3, title="Ticket Opened", message_id="<m>"),
            follow_up(6, "2026-11-23T10:00:00Z", title="Ticket Escalated"),
        ],
    )
    t = ticket_from_json(raw, web_base="http://h/hd", first_seen=_never)
    assert t.created_at == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert t.first_response_at == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert t.updated_at == t.escalated_at == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert t.resolution_due == datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert (t.assignee, t.channel, t.url) == ("3", Channel.EMAIL, "http://h/hd/tickets/7/")


def test_a_ticket_without_follow_ups_is_dated_when_first_seen() -> None:
    seen = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    t = ticket_from_json(ticket(8, followup_set=[]), web_base="", first_seen=lambda _: seen)
    assert t.created_at == t.updated_at == seen
    assert t.first_response_at is None


def _never(_: TicketId) -> datetime:
    raise AssertionError("the ticket has follow-ups")


def test_one_request_for_all_open_tickets_with_token_auth() -> None:
    with loopback_server() as (url, script):
        script.on("GET", "/hd/api/tickets/", (200, {}, page(ticket(1), ticket(2, on_hold=True))))
        hd = HelpdeskBackend(url + "/hd", token=TOKEN, options=HelpdeskOptions(page_size=5000))
        batch = hd.fetch(None)
        hd.close()
    assert len(script.requests) == 1
    request = script.requests[0]
    assert request.path == "/hd/api/tickets/?status=1%2C2&page_size=5000"
    assert request.headers["Authorization"] == f"Token {TOKEN}"
    assert batch.full
    assert batch.cursor is None
    # the server's clock, from its Date header (to the second)
    assert abs(batch.server_time - datetime.now(UTC)) < timedelta(seconds=5)
    assert batch.server_time.microsecond == 0
    assert [t.status for t in batch.tickets] == [Status.OPEN, Status.PENDING]


def test_next_pages_are_followed_and_names_come_from_options() -> None:
    with loopback_server() as (url, script):
        script.on(
            "GET",
            "/api/tickets/",
            (
                200,
                {},
                page(ticket(1), next_url=f"{url}/api/tickets/?page=2&page_size=1&status=1,2"),
            ),
            (200, {}, page(ticket(2, queue=2))),
        )
        options = HelpdeskOptions(
            queue_names={"1": "Billing", "2": "Tech"}, agent_names={"3": "Li"}
        )
        hd = HelpdeskBackend(url, token=TOKEN, options=options)
        batch = hd.fetch(None)
        hd.close()
    assert [t.id for t in batch.tickets] == ["1", "2"]
    assert script.requests[1].path == "/api/tickets/?page=2&page_size=1&status=1,2"
    assert [(q.id, q.name) for q in batch.queues or ()] == [("1", "Billing"), ("2", "Tech")]
    assert [(a.id, a.name) for a in batch.agents or ()] == [("3", "Li")]


@pytest.mark.parametrize(
    ("status", "detail"),
    [
        (401, "Invalid token."),
        (403, "Invalid token."),
        (403, "Authentication credentials were not provided."),
    ],
)
def test_a_refused_token_is_an_auth_error_with_a_clear_message(status: int, detail: str) -> None:
    with loopback_server() as (url, script):
        script.on("GET", "/api/tickets/", (status, {}, {"detail": detail}))
        hd = HelpdeskBackend(url, token=TOKEN)
        with pytest.raises(AuthError) as caught:
            hd.fetch(None)
        hd.close()
    message = str(caught.value)
    assert "COCKPIT_HELPDESK_TOKEN" in message
    assert detail in message
    assert TOKEN not in message
    assert len(script.requests) == 1  # not retried


def test_a_non_staff_token_is_permission_denied() -> None:
    with loopback_server() as (url, script):
        detail = "You do not have permission to perform this action."
        script.on("GET", "/api/tickets/", (403, {}, {"detail": detail}))
        hd = HelpdeskBackend(url, token=TOKEN)
        with pytest.raises(PermissionDenied, match="staff"):
            hd.fetch(None)
        hd.close()


def test_a_reply_sends_no_title() -> None:
    with loopback_server() as (url, script):
        script.on("POST", "/api/followups/", (201, {}, {"id": 9}))
        hd = HelpdeskBackend(url, token=TOKEN)
        outcome = hd.reply(TicketId("12"), "On it.")
        hd.close()
    assert outcome.ok
    assert json.loads(script.requests[0].body) == {
        "ticket": 12,
        "comment": "On it.",
        "public": True,
    }


def test_a_500_on_a_reply_is_an_unknown_outcome_logged_and_not_retried(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with loopback_server() as (url, script):
        script.on(
            "POST", "/api/followups/", (500, {}, "<h1>Server Error (500)</h1>"), (201, {}, {})
        )
        hd = HelpdeskBackend(url, token=TOKEN)
        with caplog.at_level(logging.WARNING):
            outcome = hd.reply(TicketId("12"), "On it.")
        hd.close()
    assert (outcome.ok, outcome.error) == (False, "unknown_outcome")
    assert len(script.requests) == 1
    assert "unknown outcome" in caplog.text
    assert "12" in caplog.text


def test_a_reply_to_a_missing_ticket_is_rejected() -> None:
    with loopback_server() as (url, script):
        answer = {"ticket": ['Invalid pk "99" - object does not exist.']}
        script.on("POST", "/api/followups/", (400, {}, answer))
        hd = HelpdeskBackend(url, token=TOKEN)
        outcome = hd.reply(TicketId("99"), "On it.")
        hd.close()
    assert outcome.error == "rejected"


def test_capabilities_say_what_is_missing_and_why() -> None:
    caps = HelpdeskBackend("http://127.0.0.1:9", token=TOKEN).capabilities
    assert Capability.FIRST_RESPONSE in caps
    assert Capability.TICKET_REPLY in caps
    assert caps.why_not(Capability.INCREMENTAL) == "no_change_filter"
    assert caps.why_not(Capability.AUTO_REPLY) == "no_auto_reply_api"
    assert caps.why_not(Capability.QUEUES) == "no_queue_api"
    hd = HelpdeskBackend("http://127.0.0.1:9", token=TOKEN)
    with pytest.raises(NotSupported):
        hd.set_auto_reply(AutoReplyState(enabled=True))
    with pytest.raises(NotSupported):
        hd.list_scripts()
    hd.close()


def test_urls_and_the_token_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert http_base("helpdesk+http://127.0.0.1:8000/helpdesk/") == "http://127.0.0.1:8000/helpdesk"
    assert http_base("helpdesk+https://desk.example/") == "https://desk.example"
    monkeypatch.delenv("COCKPIT_HELPDESK_TOKEN", raising=False)
    monkeypatch.setattr("cockpit.secrets.get_secret", lambda name: None)
    monkeypatch.setattr("cockpit.backends.vendors.get_secret", lambda name: None)
    with pytest.raises(BackendConfigError, match="COCKPIT_HELPDESK_TOKEN"):
        open_backend("helpdesk+http://127.0.0.1:8000/")
    opener = helpdesk_opener(lambda: BackendOptions(helpdesk=HelpdeskOptions(page_size=123)))
    hd = opener("helpdesk+http://127.0.0.1:8000/hd/", TOKEN, DEFAULT_TIMEOUTS)
    assert hd.url == "helpdesk+http://127.0.0.1:8000/hd/"
    hd.close()
