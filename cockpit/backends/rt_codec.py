"""Request Tracker 5 REST2 JSON → domain objects (strict: a wrong shape is a
:class:`~cockpit.backends.base.PayloadError` naming the field).

RT's words and the cockpit's:

- **Status**: ``new``/``open`` → OPEN, ``stalled`` → PENDING (waits on the
  customer), ``resolved`` → RESOLVED, ``rejected``/``deleted`` → CLOSED;
  an unknown (custom lifecycle) active status → OPEN.
- **Priority**: RT's 0–99 number, cut by :class:`RtOptions.priority_bands`
  (urgent ≥ 90, high ≥ 60, medium ≥ 30, low below, by default).
- **First response**: ``Started`` — RT sets it when a ticket first leaves
  ``new``, which its default lifecycle does on the first staff reply. A ticket
  still ``new`` has had no answer.
- **Due**: RT's ``Due`` is the resolution due time (RT's own SLA module moves
  it; without it, whatever the team set). ``1970-01-01`` means unset.
- Times: REST2 writes ``2026-11-20T10:00:00Z``; RT's "unset" date is the epoch.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from cockpit.backends.base import PayloadError
from cockpit.backends.options import RtOptions
from cockpit.backends.vendor_common import as_dict, as_id, opt_str, opt_time
from cockpit.domain import AgentId, Priority, QueueId, Status, Ticket, TicketId

_STATUSES = {
    "new": Status.OPEN,
    "open": Status.OPEN,
    "stalled": Status.PENDING,
    "resolved": Status.RESOLVED,
    "rejected": Status.CLOSED,
    "deleted": Status.CLOSED,
}
_UNSET_BEFORE = datetime(1971, 1, 1, tzinfo=UTC)
# The fields a ticket search asks for (REST2 ``fields=``).
TICKET_FIELDS = "Subject,Status,Priority,Queue,Owner,Created,LastUpdated,Started,Resolved,Due,Told"


def rt_time(value: object, where: str) -> datetime | None:
    """A REST2 time; RT's "not set" (the epoch, or an empty value) is None."""
    when = opt_time(value, where)
    return None if when is None or when < _UNSET_BEFORE else when


def priority_from(value: object, options: RtOptions, where: str) -> Priority:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise PayloadError(f"{where}: expected a number, got {value!r}")
    bands = options.priority_bands
    if value >= bands.urgent:
        return Priority.URGENT
    if value >= bands.high:
        return Priority.HIGH
    if value >= bands.medium:
        return Priority.MEDIUM
    return Priority.LOW


def _ref_name(value: object, where: str) -> str | None:
    """REST2 links a queue or user as ``{"id": …, "type": …, "_url": …}``."""
    if value is None or value == "":
        return None
    if isinstance(value, dict):
        name = value.get("Name")
        return name if isinstance(name, str) and name else as_id(value.get("id"), f"{where}.id")
    return as_id(value, where)


def ticket_from_json(raw: object, *, options: RtOptions, web_base: str) -> Ticket:
    item: dict[str, Any] = as_dict(raw, "ticket")
    tid = as_id(item.get("id"), "ticket.id")
    where = f"ticket {tid}"
    status_text = opt_str(item.get("Status"), f"{where}.Status") or "new"
    status = _STATUSES.get(status_text.lower(), Status.OPEN)
    created = rt_time(item.get("Created"), f"{where}.Created")
    if created is None:
        raise PayloadError(f"{where}.Created: missing")
    updated = rt_time(item.get("LastUpdated"), f"{where}.LastUpdated") or created
    started = rt_time(item.get("Started"), f"{where}.Started")
    resolved = rt_time(item.get("Resolved"), f"{where}.Resolved")
    owner = _ref_name(item.get("Owner"), f"{where}.Owner")
    queue = _ref_name(item.get("Queue"), f"{where}.Queue")
    if queue is None:
        raise PayloadError(f"{where}.Queue: missing")
    answered = status_text.lower() != "new" and started is not None
    return Ticket(
        id=TicketId(tid),
        queue=QueueId(options.queue_ids.get(queue, queue)),
        priority=priority_from(item.get("Priority", 0), options, f"{where}.Priority"),
        status=status,
        created_at=created,
        updated_at=max(updated, created),
        subject=opt_str(item.get("Subject"), f"{where}.Subject") or "",
        assignee=None if owner in (None, "Nobody") else AgentId(owner),
        first_response_at=started if answered else None,
        resolved_at=resolved if status in (Status.RESOLVED, Status.CLOSED) else None,
        pending_since=updated if status is Status.PENDING else None,
        last_customer_update_at=rt_time(item.get("Told"), f"{where}.Told"),
        resolution_due=rt_time(item.get("Due"), f"{where}.Due"),
        url=f"{web_base}/Ticket/Display.html?id={tid}",
    )
