"""JSON <-> domain objects for the open feed API (docs/feed-api.md).

Both sides use it: the simulator's server encodes, the feed adapter decodes.
Decoding is strict about the few required fields and lenient about the rest,
and every problem surfaces as a :class:`PayloadError` naming the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from enum import Enum
from functools import lru_cache
from sys import intern
from typing import Any, TypeVar

from cockpit.backends.base import AutoReplyState, PayloadError, ReplyScript
from cockpit.clock import format_time, parse_time
from cockpit.domain import (
    Agent,
    AgentId,
    AgentState,
    Channel,
    EscalationLevel,
    Kind,
    Priority,
    Queue,
    QueueId,
    Role,
    Status,
    Ticket,
    TicketId,
)

Json = dict[str, Any]
E = TypeVar("E", bound=Enum)

_ESCALATION_NAMES = {
    EscalationLevel.AGENT: "agent",
    EscalationLevel.LEAD: "lead",
    EscalationLevel.SUPERVISOR: "supervisor",
    EscalationLevel.PR_LEGAL: "pr_legal",
}
_ESCALATION_BY_NAME = {name: level for level, name in _ESCALATION_NAMES.items()}


# Most of a floor's times sit on a few values (the simulator's tick grid, the
# moment of a poll): converting each once saves a third of a ticket's coding.
# The relay formats (a large cache pays); a desk parses, and a cache that
# large held ~15 MB of strings and times for good at 100k tickets, for hits
# that come mostly from the latest values.
_format = lru_cache(maxsize=1 << 16)(format_time)
_parse = lru_cache(maxsize=1 << 12)(parse_time)


def _time(value: datetime | None) -> str | None:
    return None if value is None else _format(value)


# --- encode ------------------------------------------------------------------


def ticket_to_json(ticket: Ticket) -> Json:
    return {
        "id": ticket.id,
        "queue": ticket.queue,
        "priority": ticket.priority.value,
        "status": ticket.status.value,
        "kind": ticket.kind.value,
        "topic": str(ticket.topic),
        "channel": ticket.channel.value,
        "subject": ticket.subject,
        "created_at": _format(ticket.created_at),
        "updated_at": _format(ticket.updated_at),
        "assignee": ticket.assignee,
        "first_response_at": _time(ticket.first_response_at),
        "resolved_at": _time(ticket.resolved_at),
        "escalation": _ESCALATION_NAMES[ticket.escalation],
        "escalated_at": _time(ticket.escalated_at),
        "waiting_on": ticket.waiting_on,
        "waiting_since": _time(ticket.waiting_since),
        "pending_since": _time(ticket.pending_since),
        "last_customer_update_at": _time(ticket.last_customer_update_at),
        "first_response_due": _time(ticket.first_response_due),
        "resolution_due": _time(ticket.resolution_due),
        "bot_deflected": ticket.bot_deflected,
        "url": ticket.url,
        "tags": list(ticket.tags),
    }


def agent_to_json(agent: Agent) -> Json:
    return {
        "id": agent.id,
        "name": agent.name,
        "state": agent.state.value,
        "skills": list(agent.skills),
        "role": agent.role.value,
        "shift": agent.shift,
        "current_ticket": agent.current_ticket,
    }


def queue_to_json(queue: Queue) -> Json:
    return {
        "id": queue.id,
        "name": queue.name,
        "names": dict(queue.names),
        "service_level_target": queue.service_level_target,
    }


def auto_reply_to_json(state: AutoReplyState) -> Json:
    return {"enabled": state.enabled, "message": state.message, "topics": list(state.topics)}


def script_to_json(script: ReplyScript) -> Json:
    return {
        "id": script.id,
        "title": script.title,
        "body": script.body,
        "language": script.language,
        "tags": list(script.tags),
    }


# --- decode ------------------------------------------------------------------


class _Reader:
    """Reads one JSON object, naming the object and field in every error."""

    def __init__(self, obj: object, what: str) -> None:
        if not isinstance(obj, Mapping):
            raise PayloadError(f"{what}: expected an object, got {type(obj).__name__}")
        self._obj = obj
        self._what = what

    def _fail(self, key: str, expected: str) -> PayloadError:
        got = self._obj.get(key)
        return PayloadError(f"{self._what}.{key}: expected {expected}, got {got!r:.60}")

    def text(self, key: str) -> str:
        value = self._obj.get(key)
        if isinstance(value, str) and value:
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)  # numeric ids are common
        raise self._fail(key, "a non-empty string")

    def opt_text(self, key: str, default: str | None = None) -> str | None:
        value = self._obj.get(key)
        if value is None or value == "":
            return default
        if isinstance(value, str | int) and not isinstance(value, bool):
            return str(value)
        raise self._fail(key, "a string or null")

    def time(self, key: str) -> datetime:
        value = self.opt_time(key)
        if value is None:
            raise self._fail(key, "an ISO 8601 time")
        return value

    def opt_time(self, key: str) -> datetime | None:
        value = self._obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self._fail(key, "an ISO 8601 time")
        try:
            return _parse(value)
        except ValueError:
            raise self._fail(key, "an ISO 8601 time with a time zone") from None

    def enum(self, key: str, cls: type[E], default: E | None = None) -> E:
        value = self._obj.get(key)
        if value is None and default is not None:
            return default
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in cls)
            raise self._fail(key, f"one of {allowed}") from None

    def mapped(self, key: str, table: Mapping[str, E], default: E) -> E:
        value = self._obj.get(key)
        if value is None:
            return default
        if isinstance(value, str) and value in table:
            return table[value]
        raise self._fail(key, "one of " + ", ".join(table))

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._obj.get(key, default)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        raise self._fail(key, "true or false")

    def number(self, key: str, default: float) -> float:
        value = self._obj.get(key, default)
        if value is None:
            return default
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise self._fail(key, "a number")

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self._obj.get(key)
        if value is None:
            return ()
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        raise self._fail(key, "a list of strings")

    def text_map(self, key: str) -> dict[str, str]:
        value = self._obj.get(key)
        if value is None:
            return {}
        if isinstance(value, Mapping) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            return dict(value)
        raise self._fail(key, "an object of strings")


def ticket_from_json(obj: object) -> Ticket:
    r = _Reader(obj, "ticket")
    ticket_id = r.text("id")
    r._what = f"ticket {ticket_id}"
    return Ticket(
        id=TicketId(ticket_id),
        queue=QueueId(intern(r.text("queue"))),
        priority=r.enum("priority", Priority),
        status=r.enum("status", Status),
        created_at=r.time("created_at"),
        updated_at=r.time("updated_at"),
        kind=r.enum("kind", Kind, Kind.ENQUIRY),
        topic=intern(r.opt_text("topic", "other") or "other"),
        channel=r.enum("channel", Channel, Channel.WEB),
        subject=r.opt_text("subject", "") or "",
        assignee=_opt_agent(r.opt_text("assignee")),
        first_response_at=r.opt_time("first_response_at"),
        resolved_at=r.opt_time("resolved_at"),
        escalation=r.mapped("escalation", _ESCALATION_BY_NAME, EscalationLevel.AGENT),
        escalated_at=r.opt_time("escalated_at"),
        waiting_on=_opt_intern(r.opt_text("waiting_on")),
        waiting_since=r.opt_time("waiting_since"),
        pending_since=r.opt_time("pending_since"),
        last_customer_update_at=r.opt_time("last_customer_update_at"),
        first_response_due=r.opt_time("first_response_due"),
        resolution_due=r.opt_time("resolution_due"),
        bot_deflected=r.flag("bot_deflected"),
        url=r.opt_text("url"),
        tags=tuple(map(intern, r.text_list("tags"))),
    )


# Queue, topic, agent, department and tag names repeat over thousands of
# tickets: one string each instead of one per ticket (tens of MB at 100k).
def _opt_intern(value: str | None) -> str | None:
    return None if value is None else intern(value)


def _opt_agent(value: str | None) -> AgentId | None:
    return None if value is None else AgentId(intern(value))


def agent_from_json(obj: object) -> Agent:
    r = _Reader(obj, "agent")
    agent_id = r.text("id")
    r._what = f"agent {agent_id}"
    current = r.opt_text("current_ticket")
    return Agent(
        id=AgentId(agent_id),
        name=r.opt_text("name", agent_id) or agent_id,
        state=r.enum("state", AgentState),
        skills=tuple(QueueId(s) for s in r.text_list("skills")),
        role=r.enum("role", Role, Role.AGENT),
        shift=r.opt_text("shift", "") or "",
        current_ticket=None if current is None else TicketId(current),
    )


def queue_from_json(obj: object) -> Queue:
    r = _Reader(obj, "queue")
    queue_id = r.text("id")
    r._what = f"queue {queue_id}"
    target = r.number("service_level_target", 0.8)
    if not 0 <= target <= 1:
        raise PayloadError(f"queue {queue_id}.service_level_target: expected 0–1, got {target}")
    return Queue(
        id=QueueId(queue_id),
        name=r.opt_text("name", queue_id) or queue_id,
        names=r.text_map("names"),
        service_level_target=target,
    )


def auto_reply_from_json(obj: object) -> AutoReplyState:
    r = _Reader(obj, "auto-reply")
    return AutoReplyState(
        enabled=r.flag("enabled"),
        message=r.opt_text("message", "") or "",
        topics=r.text_list("topics"),
    )


def script_from_json(obj: object) -> ReplyScript:
    r = _Reader(obj, "script")
    return ReplyScript(
        id=r.text("id"),
        title=r.opt_text("title", "") or "",
        body=r.opt_text("body", "") or "",
        language=r.opt_text("language", "zh_CN") or "zh_CN",
        tags=r.text_list("tags"),
    )


def read_list(payload: object, key: str, decode: Callable[[object], Any]) -> list[Any]:
    """``payload[key]`` as a list of decoded items."""
    if not isinstance(payload, Mapping):
        raise PayloadError(f"response: expected an object, got {type(payload).__name__}")
    items = payload.get(key)
    if not isinstance(items, list):
        raise PayloadError(f"response.{key}: expected a list")
    return [decode(item) for item in items]


def read_server_time(payload: object) -> datetime:
    return _Reader(payload, "response").time("server_time")


def read_opt_time(payload: object, key: str) -> datetime | None:
    return _Reader(payload, "response").opt_time(key)
