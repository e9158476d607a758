"""django-helpdesk 2.6 ticket JSON (``TicketSerializer``) → domain tickets.

The API exposes no ``created``/``modified`` and no queue or user names, so:
- created is the date of the first follow-up ("Ticket Opened", written on
  every create path: web, API, e-mail); a ticket without follow-ups gets the
  time this cockpit first saw it;
- the first response is the first *public* follow-up *by a staff user*
  after that opening one (customer e-mail replies and escalations carry no
  user; internal notes are not public);
- updated is the latest follow-up (a PATCH writes none; every poll is a
  full load, so nothing depends on it);
- "Ticket Escalated" follow-ups (``manage.py escalate_tickets``) give the
  escalation time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from cockpit.backends.base import PayloadError
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

OPEN_CODES = (1, 2)  # Open, Reopened
CLOSED_CODES = (3, 4, 5)  # Resolved, Closed, Duplicate
ESCALATED_TITLE = "Ticket Escalated"


def priority_of(code: int) -> Priority:
    """1 critical → urgent, 2 → high, 3 → medium, 4–5 → low."""
    if code <= 1:
        return Priority.URGENT
    if code == 2:
        return Priority.HIGH
    if code == 3:
        return Priority.MEDIUM
    return Priority.LOW


def status_of(code: int, *, on_hold: bool, where: str) -> Status:
    """1 open, 2 reopened → open (pending when on hold); 3–5 → closed."""
    if code in OPEN_CODES:
        return Status.PENDING if on_hold else Status.OPEN
    if code in CLOSED_CODES:
        return Status.CLOSED
    raise PayloadError(f"{where}.status: unknown status code {code}")


class _FollowUp:
    __slots__ = ("date", "id", "message_id", "public", "title", "user")

    def __init__(self, raw: object, where: str) -> None:
        data = as_dict(raw, where)
        self.id = opt_int(data.get("id"), f"{where}.id") or 0
        self.date = req_time(data.get("date"), f"{where}.date")
        self.user = opt_id(data.get("user"), f"{where}.user")
        self.public = data.get("public") is True
        self.title = opt_str(data.get("title"), f"{where}.title") or ""
        self.message_id = opt_str(data.get("message_id"), f"{where}.message_id")


def ticket_from_json(
    raw: object, *, web_base: str, first_seen: Callable[[TicketId], datetime]
) -> Ticket:
    data = as_dict(raw, "ticket")
    tid = TicketId(as_id(data.get("id"), "ticket.id"))
    where = f"ticket {tid}"
    follow_ups = _follow_ups(data.get("followup_set", []), where)
    opening = follow_ups[0] if follow_ups else None
    created = opening.date if opening else first_seen(tid)
    status_code = _required_int(data, "status", where)
    return Ticket(
        id=tid,
        queue=QueueId(as_id(data.get("queue"), f"{where}.queue")),
        priority=priority_of(_required_int(data, "priority", where)),
        status=status_of(status_code, on_hold=data.get("on_hold") is True, where=where),
        created_at=created,
        updated_at=max([created, *(f.date for f in follow_ups)]),
        channel=Channel.EMAIL if opening and opening.message_id else Channel.WEB,
        subject=opt_str(data.get("title"), f"{where}.title") or "",
        assignee=_agent(opt_id(data.get("assigned_to"), f"{where}.assigned_to")),
        first_response_at=next(
            (f.date for f in follow_ups[1:] if f.public and f.user is not None), None
        ),
        escalated_at=max((f.date for f in follow_ups if f.title == ESCALATED_TITLE), default=None),
        resolution_due=opt_time(data.get("due_date"), f"{where}.due_date"),
        url=f"{web_base}/tickets/{tid}/",
    )


def _follow_ups(raw: object, where: str) -> list[_FollowUp]:
    items = as_list(raw, f"{where}.followup_set")
    follow_ups = [_FollowUp(item, f"{where}.followup_set[{i}]") for i, item in enumerate(items)]
    follow_ups.sort(key=lambda f: (f.date, f.id))
    return follow_ups


def _required_int(data: dict[str, Any], key: str, where: str) -> int:
    value = opt_int(data.get(key), f"{where}.{key}")
    if value is None:
        raise PayloadError(f"{where}.{key}: missing")
    return value


def _agent(user_id: str | None) -> AgentId | None:
    return None if user_id is None else AgentId(user_id)
