"""Zendesk Support (``/api/v2``) JSON → domain objects.

Due times come from the ``slas`` sideload (``policy_metrics[].breach_at``):
``first_reply_time`` is the first-response due; the earliest of the other
metrics (next reply, periodic update, requester wait, agent work, total
resolution) is the resolution due. Without an SLA policy the local policy
applies. The first response and the solve time come from the
``metric_sets`` sideload (``reply_time_in_minutes.calendar``, ``solved_at``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from cockpit.backends.base import AutoReplyState, ReplyScript
from cockpit.backends.vendor_common import (
    as_dict,
    as_id,
    as_list,
    opt_id,
    opt_int,
    opt_str,
    opt_time,
    req_time,
)
from cockpit.domain import AgentId, Channel, Priority, QueueId, Status, Ticket, TicketId

NO_GROUP = QueueId("none")
PRIORITIES: Mapping[str, Priority] = {
    "urgent": Priority.URGENT,
    "high": Priority.HIGH,
    "normal": Priority.MEDIUM,
    "low": Priority.LOW,
}
STATUSES: Mapping[str, Status] = {
    "new": Status.OPEN,
    "open": Status.OPEN,
    "pending": Status.PENDING,  # waits on the customer
    "hold": Status.WAITING_OTHER,  # waits on a third party
    "solved": Status.RESOLVED,
    "closed": Status.CLOSED,
    "deleted": Status.CLOSED,
}
CHANNELS: Mapping[str, Channel] = {
    "email": Channel.EMAIL,
    "web": Channel.WEB,
    "web_form": Channel.WEB,
    "web_widget": Channel.WEB,
    "api": Channel.WEB,
    "chat": Channel.CHAT,
    "native_messaging": Channel.CHAT,
    "messaging": Channel.CHAT,
    "voice": Channel.PHONE,
    "phone": Channel.PHONE,
    "mobile": Channel.APP,
    "mobile_sdk": Channel.APP,
    "sdk": Channel.APP,
}
SOCIAL = ("twitter", "facebook", "instagram", "whatsapp", "wechat", "line", "sms", "any_channel")
FIRST_REPLY = "first_reply_time"


def channel_of(via: object) -> Channel:
    name = via.get("channel") if isinstance(via, dict) else None
    key = name.lower() if isinstance(name, str) else ""
    if key in CHANNELS:
        return CHANNELS[key]
    if key.startswith(SOCIAL):
        return Channel.SOCIAL
    return Channel.WEB


def sla_due(raw: object, where: str) -> tuple[datetime | None, datetime | None]:
    """(first-response due, resolution due) from ``ticket.slas.policy_metrics``."""
    if not isinstance(raw, dict):
        return None, None
    first: datetime | None = None
    others: list[datetime] = []
    for i, item in enumerate(as_list(raw.get("policy_metrics", []), f"{where}.policy_metrics")):
        metric = as_dict(item, f"{where}.policy_metrics[{i}]")
        breach_at = opt_time(metric.get("breach_at"), f"{where}.policy_metrics[{i}].breach_at")
        if breach_at is None:
            continue
        if metric.get("metric") == FIRST_REPLY:
            first = breach_at
        else:
            others.append(breach_at)
    return first, min(others, default=None)


def metric_sets_by_ticket(raw: object) -> dict[str, dict[str, Any]]:
    """The ``metric_sets`` sideload, keyed by ticket id."""
    if raw is None:
        return {}
    result: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(as_list(raw, "metric_sets")):
        metric = as_dict(item, f"metric_sets[{i}]")
        result[as_id(metric.get("ticket_id"), f"metric_sets[{i}].ticket_id")] = metric
    return result


def _first_reply(
    metrics: Mapping[str, Any] | None, created: datetime, where: str
) -> datetime | None:
    if not metrics:
        return None
    reply = metrics.get("reply_time_in_minutes")
    minutes = reply.get("calendar") if isinstance(reply, dict) else None
    value = opt_int(minutes, f"{where}.reply_time_in_minutes.calendar")
    return None if value is None else created + timedelta(minutes=value)


def ticket_from_json(
    raw: object, *, web_base: str, metrics: Mapping[str, Any] | None = None
) -> Ticket:
    data = as_dict(raw, "ticket")
    tid = TicketId(as_id(data.get("id"), "ticket.id"))
    where = f"ticket {tid}"
    created = req_time(data.get("created_at"), f"{where}.created_at")
    status = STATUSES.get(opt_str(data.get("status"), f"{where}.status") or "", Status.OPEN)
    first_due, resolution_due = sla_due(data.get("slas"), f"{where}.slas")
    group = opt_id(data.get("group_id"), f"{where}.group_id")
    assignee = opt_id(data.get("assignee_id"), f"{where}.assignee_id")
    tags = data.get("tags")
    return Ticket(
        id=tid,
        queue=QueueId(group) if group is not None else NO_GROUP,
        priority=PRIORITIES.get(
            opt_str(data.get("priority"), f"{where}.priority") or "", Priority.MEDIUM
        ),
        status=status,
        created_at=created,
        updated_at=req_time(data.get("updated_at"), f"{where}.updated_at"),
        channel=channel_of(data.get("via")),
        subject=opt_str(data.get("subject"), f"{where}.subject") or "",
        assignee=None if assignee is None else AgentId(assignee),
        first_response_at=_first_reply(metrics, created, f"{where}.metric_set"),
        resolved_at=(
            opt_time(metrics.get("solved_at"), f"{where}.metric_set.solved_at")
            if metrics and not status.is_open
            else None
        ),
        first_response_due=first_due,
        resolution_due=resolution_due,
        url=f"{web_base}/agent/tickets/{tid}",
        tags=tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else (),
    )


# --- triggers and macros ------------------------------------------------------------------


def auto_reply_from_trigger(raw: object) -> AutoReplyState:
    trigger = as_dict(as_dict(raw, "response").get("trigger"), "trigger")
    message = ""
    for action in as_list(trigger.get("actions") or [], "trigger.actions"):
        if isinstance(action, dict) and action.get("field") == "notification_user":
            value = action.get("value")
            if isinstance(value, list) and len(value) >= 3 and isinstance(value[2], str):
                message = value[2]
    return AutoReplyState(enabled=trigger.get("active") is True, message=message)


def script_from_macro(raw: object) -> ReplyScript:
    macro = as_dict(raw, "macro")
    body = ""
    for action in as_list(macro.get("actions") or [], "macro.actions"):
        if isinstance(action, dict) and action.get("field") in (
            "comment_value",
            "comment_value_html",
        ):
            value = action.get("value")
            body = value if isinstance(value, str) else _last_text(value)
    return ReplyScript(
        id=as_id(macro.get("id"), "macro.id"),
        title=opt_str(macro.get("title"), "macro.title") or "",
        body=body,
    )


def macro_from_script(script: ReplyScript) -> dict[str, Any]:
    return {"macro": {"title": script.title, "actions": [_comment_action(script.body)]}}


def _comment_action(body: str) -> dict[str, Any]:
    return {"field": "comment_value", "value": body}


def _last_text(value: object) -> str:
    # comment_value may be ["channel:all", "text"]
    if isinstance(value, list) and value and isinstance(value[-1], str):
        return value[-1]
    return ""
