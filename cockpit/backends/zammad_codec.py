"""Zammad REST (``/api/v1``) JSON → domain objects.

Tickets come from the search endpoint with ``expand=true``, so each carries
the names of its group, state, priority and first article type next to the
ids. States map by their *state type* (from ``/ticket_states``; the ids are
Zammad's seeds: 1 new, 2 open, 3 pending reminder, 4 pending action,
5 closed, 6 merged, 7 removed), falling back to the state's name.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cockpit.backends.base import AutoReplyState, ReplyScript
from cockpit.backends.vendor_common import (
    as_dict,
    as_id,
    opt_id,
    opt_int,
    opt_str,
    opt_time,
    req_time,
)
from cockpit.domain import AgentId, Channel, Priority, QueueId, Status, Ticket, TicketId

NOBODY = "1"  # owner_id 1 is Zammad's "-" (unassigned)

STATE_TYPES: Mapping[int, Status] = {
    1: Status.OPEN,  # new
    2: Status.OPEN,  # open
    3: Status.PENDING,  # pending reminder
    4: Status.PENDING,  # pending action (pending close)
    5: Status.CLOSED,  # closed
    6: Status.CLOSED,  # merged
    7: Status.CLOSED,  # removed
}
STATE_NAMES: Mapping[str, Status] = {
    "new": Status.OPEN,
    "open": Status.OPEN,
    "pending reminder": Status.PENDING,
    "pending close": Status.PENDING,
    "closed": Status.CLOSED,
    "merged": Status.CLOSED,
    "removed": Status.CLOSED,
}
PRIORITY_IDS: Mapping[int, Priority] = {1: Priority.LOW, 2: Priority.MEDIUM, 3: Priority.HIGH}
CHANNELS: Mapping[str, Channel] = {
    "email": Channel.EMAIL,
    "phone": Channel.PHONE,
    "web": Channel.WEB,
    "chat": Channel.CHAT,
    "sms": Channel.SOCIAL,
    "fax": Channel.EMAIL,
}
SOCIAL_PREFIXES = ("twitter", "facebook", "telegram", "whatsapp", "instagram", "sms")


@dataclass(frozen=True, slots=True)
class Lookups:
    """What the adapter knows beyond one ticket: state types and overrides."""

    state_types: Mapping[int, int]  # state id → state type id
    priority_map: Mapping[str, Priority]


def status_of(data: Mapping[str, Any], lookups: Lookups, where: str) -> Status:
    state_id = opt_int(data.get("state_id"), f"{where}.state_id")
    state_type = lookups.state_types.get(state_id) if state_id is not None else None
    by_type = STATE_TYPES.get(state_type) if state_type is not None else None
    if by_type is not None:
        return by_type
    name = (opt_str(data.get("state"), f"{where}.state") or "").lower()
    if name in STATE_NAMES:
        return STATE_NAMES[name]
    if name.startswith("pending"):
        return Status.PENDING
    # An unknown custom state still counts as work to do rather than vanish.
    return Status.OPEN


def priority_of(data: Mapping[str, Any], lookups: Lookups, where: str) -> Priority:
    priority_id = opt_int(data.get("priority_id"), f"{where}.priority_id")
    if priority_id is not None and str(priority_id) in lookups.priority_map:
        return lookups.priority_map[str(priority_id)]
    name = (opt_str(data.get("priority"), f"{where}.priority") or "").lower()
    for word, priority in (
        ("urgent", Priority.URGENT),
        ("critical", Priority.URGENT),
        ("high", Priority.HIGH),
        ("normal", Priority.MEDIUM),
        ("medium", Priority.MEDIUM),
        ("low", Priority.LOW),
    ):
        if word in name:
            return priority
    if priority_id is not None and priority_id > 3:
        return Priority.URGENT
    return PRIORITY_IDS.get(priority_id or 2, Priority.MEDIUM)


def channel_of(name: str | None) -> Channel:
    key = (name or "").lower()
    if key in CHANNELS:
        return CHANNELS[key]
    if key.startswith(SOCIAL_PREFIXES):
        return Channel.SOCIAL
    return Channel.WEB


def ticket_from_json(raw: object, *, lookups: Lookups, web_base: str) -> Ticket:
    data = as_dict(raw, "ticket")
    tid = TicketId(as_id(data.get("id"), "ticket.id"))
    where = f"ticket {tid}"
    status = status_of(data, lookups, where)
    owner = opt_id(data.get("owner_id"), f"{where}.owner_id")
    article_type = data.get("create_article_type")
    return Ticket(
        id=tid,
        queue=QueueId(as_id(data.get("group_id"), f"{where}.group_id")),
        priority=priority_of(data, lookups, where),
        status=status,
        created_at=req_time(data.get("created_at"), f"{where}.created_at"),
        updated_at=req_time(data.get("updated_at"), f"{where}.updated_at"),
        channel=channel_of(article_type if isinstance(article_type, str) else None),
        subject=opt_str(data.get("title"), f"{where}.title") or "",
        assignee=None if owner in (None, NOBODY) else AgentId(str(owner)),
        first_response_at=opt_time(data.get("first_response_at"), f"{where}.first_response_at"),
        resolved_at=(
            opt_time(data.get("close_at"), f"{where}.close_at") if status is Status.CLOSED else None
        ),
        first_response_due=opt_time(
            data.get("first_response_escalation_at"), f"{where}.first_response_escalation_at"
        ),
        resolution_due=opt_time(data.get("close_escalation_at"), f"{where}.close_escalation_at"),
        url=f"{web_base}/#ticket/zoom/{tid}",
    )


def group_name(raw: Mapping[str, Any]) -> tuple[str, str] | None:
    """(group id, name) from an expanded ticket or a group object."""
    group_id, name = raw.get("group_id", raw.get("id")), raw.get("group", raw.get("name"))
    if group_id is None or not isinstance(name, str):
        return None
    return as_id(group_id, "group.id"), name


# --- triggers and text modules ------------------------------------------------------


def auto_reply_from_trigger(raw: object) -> AutoReplyState:
    data = as_dict(raw, "trigger")
    perform = data.get("perform")
    body = ""
    if isinstance(perform, dict):
        email = perform.get("notification.email")
        if isinstance(email, dict) and isinstance(email.get("body"), str):
            body = email["body"]
    return AutoReplyState(enabled=data.get("active") is True, message=body)


def script_from_text_module(raw: object) -> ReplyScript:
    data = as_dict(raw, "text_module")
    keywords = opt_str(data.get("keywords"), "text_module.keywords") or ""
    return ReplyScript(
        id=as_id(data.get("id"), "text_module.id"),
        title=opt_str(data.get("name"), "text_module.name") or "",
        body=opt_str(data.get("content"), "text_module.content") or "",
        tags=tuple(keywords.split()),
    )


def text_module_from_script(script: ReplyScript) -> dict[str, Any]:
    """Zammad stores text modules as HTML: escape the plain text, keep line breaks."""
    content = "<br>".join(html.escape(line) for line in script.body.splitlines())
    return {
        "name": script.title,
        "keywords": " ".join(script.tags),
        "content": content,
        "active": True,
    }
