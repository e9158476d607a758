"""Feed-API JSON: round trips, and precise messages for malformed payloads."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.backends import feed_codec as codec
from cockpit.backends.base import PayloadError
from cockpit.domain import EscalationLevel, Kind, Status
from tests.cockpit.factories import QUEUES, at, ticket


def test_ticket_round_trip() -> None:
    original = ticket(
        "T1",
        status=Status.WAITING_OTHER,
        kind=Kind.COMPLAINT,
        subject="包裹三天没动",
        escalation=EscalationLevel.PR_LEGAL,
        escalated_at=at(-3),
        waiting_on="warehouse",
        waiting_since=at(-2),
        tags=("promo",),
    )
    assert codec.ticket_from_json(codec.ticket_to_json(original)) == original


def test_queue_round_trip_keeps_translations() -> None:
    decoded = codec.queue_from_json(codec.queue_to_json(QUEUES[1]))
    assert decoded.display_name("zh_CN") == "退款售后"
    assert decoded.service_level_target == 0.9


def test_optional_fields_may_be_missing() -> None:
    minimal = {
        "id": 7,
        "queue": "q",
        "priority": "low",
        "status": "open",
        "created_at": "2026-11-11T16:00:00Z",
        "updated_at": "2026-11-11T16:00:00+08:00",
    }
    decoded = codec.ticket_from_json(minimal)
    assert decoded.id == "7"
    assert decoded.kind is Kind.ENQUIRY
    assert decoded.first_response_at is None


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"priority": "p1"}, r"ticket T1\.priority: expected one of urgent, high, medium, low"),
        ({"created_at": "yesterday"}, r"ticket T1\.created_at: expected an ISO 8601 time"),
        (
            {"created_at": "2026-11-11T16:00:00"},
            r"created_at: expected an ISO 8601 time with a time zone",
        ),
        ({"queue": None}, r"ticket T1\.queue: expected a non-empty string"),
        ({"tags": "a,b"}, r"ticket T1\.tags: expected a list of strings"),
        ({"escalation": 2}, r"ticket T1\.escalation: expected one of agent, lead"),
    ],
)
def test_malformed_tickets_name_the_field(patch: dict[str, Any], message: str) -> None:
    payload = codec.ticket_to_json(ticket("T1")) | patch
    with pytest.raises(PayloadError, match=message):
        codec.ticket_from_json(payload)


def test_a_response_without_its_list_is_a_payload_error() -> None:
    with pytest.raises(PayloadError, match=r"response\.tickets: expected a list"):
        codec.read_list({"tickets": None}, "tickets", codec.ticket_from_json)
    with pytest.raises(PayloadError, match="expected an object"):
        codec.read_list(["x"], "tickets", codec.ticket_from_json)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(st.dictionaries(st.sampled_from(list(codec.ticket_to_json(ticket("x")))), json_values))
def test_garbage_never_escapes_as_anything_but_payload_error(garbage: dict[str, Any]) -> None:
    payload = codec.ticket_to_json(ticket("T1")) | garbage
    with contextlib.suppress(PayloadError):
        codec.ticket_from_json(payload)
