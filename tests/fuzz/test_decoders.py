"""Every payload decoder, fed junk and almost-right payloads: a domain object
or the product's own :class:`PayloadError` with a message, nothing else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.backends import feed_codec, helpdesk_codec, zammad_codec, zendesk_codec
from cockpit.backends.base import PayloadError
from cockpit.domain import Priority
from tests.cockpit.factories import ticket
from tests.cockpit.test_backend_helpdesk import ticket as helpdesk_ticket
from tests.contract.zammad_fake import expanded_ticket
from tests.contract.zendesk_fake import metric_set, ticket_json
from tests.fuzz.strategies import JSON, broken

EXAMPLES = settings(max_examples=120)
SEEN = datetime(2026, 11, 23, tzinfo=UTC)
LOOKUPS = zammad_codec.Lookups(state_types={1: 1, 2: 2, 4: 5}, priority_map={"9": Priority.HIGH})
T1 = "2026-11-23T09:00:00Z"


def decodes_or_says_why(decode: Callable[[object], object], payload: object) -> None:
    try:
        decode(payload)
    except PayloadError as exc:
        message = str(exc)
    else:
        return
    assert message.strip(), "a PayloadError without a message"


def _feed_ticket() -> dict[str, Any]:
    return feed_codec.ticket_to_json(ticket("T1", "payment", created=-5))


def _zendesk(raw: object) -> object:
    return zendesk_codec.ticket_from_json(
        raw, web_base="https://z", metrics=metric_set(1, reply_minutes=5, solved_at=T1)
    )


DECODERS: dict[str, tuple[Callable[[object], object], dict[str, Any]]] = {
    "feed ticket": (feed_codec.ticket_from_json, _feed_ticket()),
    "feed agent": (
        feed_codec.agent_from_json,
        {"id": "a1", "name": "Li", "state": "available", "queues": ["payment"]},
    ),
    "feed queue": (
        feed_codec.queue_from_json,
        {"id": "payment", "name": "Payment", "service_level_target": 0.8},
    ),
    "feed auto-reply": (
        feed_codec.auto_reply_from_json,
        {"enabled": True, "message": "hi", "topics": ["login"]},
    ),
    "feed script": (
        feed_codec.script_from_json,
        {"id": "s1", "title": "t", "body": "b", "language": "en", "tags": []},
    ),
    "feed server time": (feed_codec.read_server_time, {"server_time": T1}),
    "feed ticket page": (
        lambda raw: feed_codec.read_list(raw, "tickets", feed_codec.ticket_from_json),
        {"tickets": [_feed_ticket()]},
    ),
    "helpdesk ticket": (
        lambda raw: helpdesk_codec.ticket_from_json(raw, web_base="", first_seen=lambda _: SEEN),
        helpdesk_ticket(7),
    ),
    "zammad ticket": (
        lambda raw: zammad_codec.ticket_from_json(raw, lookups=LOOKUPS, web_base="https://z"),
        expanded_ticket(3, created_at=T1, updated_at=T1),
    ),
    "zammad trigger": (
        zammad_codec.auto_reply_from_trigger,
        {"id": 1, "active": True, "perform": {"notification.email": {"body": "x"}}},
    ),
    "zammad text module": (
        zammad_codec.script_from_text_module,
        {"id": 4, "name": "n", "content": "c", "keywords": "a b"},
    ),
    "zendesk ticket": (_zendesk, ticket_json(1, created_at=T1, updated_at=T1)),
    "zendesk metric sets": (
        lambda raw: zendesk_codec.metric_sets_by_ticket([raw]),
        metric_set(1, reply_minutes=3),
    ),
    "zendesk trigger": (
        zendesk_codec.auto_reply_from_trigger,
        {"trigger": {"active": True, "actions": [{"field": "notification_user", "value": []}]}},
    ),
    "zendesk macro": (
        zendesk_codec.script_from_macro,
        {"id": 9, "title": "t", "actions": [{"field": "comment_value", "value": "b"}]},
    ),
    "zendesk sla": (
        lambda raw: zendesk_codec.sla_due(raw, "ticket 1.slas"),
        {"policy_metrics": [{"metric": "first_reply_time", "breach_at": T1, "stage": "active"}]},
    ),
}


@pytest.mark.parametrize("name", sorted(DECODERS))
def test_the_valid_sample_decodes(name: str) -> None:
    decode, valid = DECODERS[name]
    decode(valid)  # the fuzzing below starts from something real


@pytest.mark.parametrize("name", sorted(DECODERS))
@EXAMPLES
@given(data=st.data())
def test_broken_payloads_raise_payload_error_with_a_message(name: str, data: st.DataObject) -> None:
    decode, valid = DECODERS[name]
    decodes_or_says_why(decode, data.draw(broken(valid)))


@pytest.mark.parametrize("name", sorted(DECODERS))
@settings(max_examples=40)
@given(payload=JSON)
def test_any_json_at_all(name: str, payload: object) -> None:
    decodes_or_says_why(DECODERS[name][0], payload)
