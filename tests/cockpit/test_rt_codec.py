"""Request Tracker REST2 items → tickets, on hand-written payloads."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.backends.base import PayloadError
from cockpit.backends.options import PriorityBands, RtOptions
from cockpit.backends.rt import _ago
from cockpit.backends.rt_codec import ticket_from_json
from cockpit.domain import Priority, Status

WEB = "https://rt.example"
EPOCH = "1970-01-01T00:00:00Z"


def item(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "42",
        "Status": "new",
        "Subject": "退款没到账",
        "Priority": "70",
        "Queue": {"id": "3", "type": "queue", "Name": "refund"},
        "Owner": {"id": "Nobody", "type": "user"},
        "Created": "2026-12-03T10:00:00Z",
        "LastUpdated": "2026-12-03T10:05:00Z",
        "Started": EPOCH,
        "Resolved": EPOCH,
        "Due": EPOCH,
        "Told": EPOCH,
    }
    base.update(fields)
    return base


def test_a_new_ticket_waits_and_rts_epoch_means_unset() -> None:
    ticket = ticket_from_json(item(), options=RtOptions(), web_base=WEB)
    assert ticket.status is Status.OPEN
    assert ticket.first_response_at is None
    assert ticket.resolution_due is None
    assert ticket.assignee is None
    assert ticket.queue == "refund"
    assert ticket.priority is Priority.HIGH
    assert ticket.url == f"{WEB}/Ticket/Display.html?id=42"


def test_an_answered_stalled_ticket_is_pending_with_its_first_response() -> None:
    started = "2026-12-03T10:02:00Z"
    ticket = ticket_from_json(
        item(Status="stalled", Started=started, Owner={"id": "lina"}, Due="2026-12-03T14:00:00Z"),
        options=RtOptions(),
        web_base=WEB,
    )
    assert ticket.status is Status.PENDING
    assert ticket.first_response_at == datetime(2026, 12, 3, 10, 2, tzinfo=UTC)
    assert ticket.pending_since == ticket.updated_at
    assert ticket.assignee == "lina"
    assert ticket.resolution_due == datetime(2026, 12, 3, 14, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "expected"),
    [("resolved", Status.RESOLVED), ("rejected", Status.CLOSED), ("deleted", Status.CLOSED),
     ("open", Status.OPEN), ("custom_active", Status.OPEN)],
)  # fmt: skip
def test_statuses(status: str, expected: Status) -> None:
    resolved = "2026-12-03T11:00:00Z"
    raw = item(Status=status, Resolved=resolved)
    ticket = ticket_from_json(raw, options=RtOptions(), web_base=WEB)
    assert ticket.status is expected
    assert (ticket.resolved_at is not None) == (expected in (Status.RESOLVED, Status.CLOSED))


@pytest.mark.parametrize(
    ("number", "expected"),
    [(99, Priority.URGENT), (90, Priority.URGENT), (89, Priority.HIGH), (60, Priority.HIGH),
     (30, Priority.MEDIUM), (29, Priority.LOW), (0, Priority.LOW)],
)  # fmt: skip
def test_priority_bands(number: int, expected: Priority) -> None:
    ticket = ticket_from_json(item(Priority=str(number)), options=RtOptions(), web_base=WEB)
    assert ticket.priority is expected


def test_bands_and_queue_ids_come_from_the_options() -> None:
    options = RtOptions(priority_bands=PriorityBands(urgent=50, high=40, medium=10),
                        queue_ids={"refund": "refunds"})  # fmt: skip
    ticket = ticket_from_json(item(Priority=55), options=options, web_base=WEB)
    assert ticket.priority is Priority.URGENT
    assert ticket.queue == "refunds"


@pytest.mark.parametrize(
    "broken",
    [{"Created": None}, {"Queue": None}, {"Priority": "high"}, {"Created": "yesterday"},
     {"id": None}, {"Subject": 3}],
)  # fmt: skip
def test_a_wrong_shape_names_the_field(broken: dict[str, Any]) -> None:
    with pytest.raises(PayloadError, match=r"ticket"):
        ticket_from_json(item(**broken), options=RtOptions(), web_base=WEB)


@given(st.dictionaries(st.sampled_from(list(item())), st.none() | st.integers() | st.text()))
def test_any_payload_is_a_ticket_or_a_payload_error(fields: dict[str, Any]) -> None:
    with contextlib.suppress(PayloadError):
        ticket_from_json(item(**fields), options=RtOptions(), web_base=WEB)


def test_relative_dates_round_out_to_whole_seconds() -> None:
    assert _ago(timedelta(seconds=2.2)) == "3 seconds ago"
    assert _ago(timedelta(seconds=-5)) == "1 seconds ago"
