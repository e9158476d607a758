"""A fake Zammad REST API (``/api/v1``) written from Zammad's public documentation
(docs.zammad.org "API": intro — auth, pagination, expand, search; ticket,
ticket states, groups, triggers, text modules) and its seeds (state and
state-type ids). Payload shapes follow the documented examples.

What it models: ``Authorization: Token token=…`` (401 otherwise), the search
endpoint with ``expand=true`` (a JSON array), ``sort_by``/``order_by``,
``page``/``per_page`` with the documented cap of 200, the Elasticsearch
query forms the adapter sends, ``/groups`` needing ``admin.group`` (403 for a
plain agent), triggers and text modules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tests.contract.server import Reply, Request

SEARCH_CAP = 200
# db/seeds/ticket_states.rb: id, name, state_type_id (1 new, 2 open,
# 3 pending reminder, 4 pending action, 5 closed, 6 merged, 7 removed)
STATES = [
    (1, "new", 1),
    (2, "open", 2),
    (3, "pending reminder", 3),
    (4, "closed", 5),
    (5, "merged", 6),
    (6, "removed", 7),
    (7, "pending close", 4),
]
PRIORITIES = {1: "1 low", 2: "2 normal", 3: "3 high"}
ARTICLE_TYPES = {1: "email", 5: "phone", 11: "web", 3: "chat", 2: "sms"}


def expanded_ticket(
    tid: int,
    *,
    group: tuple[int, str] = (1, "Users"),
    state_id: int = 2,
    priority_id: int = 2,
    owner: tuple[int, str] = (1, "-"),
    created_at: str,
    updated_at: str,
    article_type_id: int = 1,
    **extra: Any,
) -> dict[str, Any]:
    """A ticket as ``GET /api/v1/tickets/{id}?expand=true`` documents it."""
    ticket = {
        "id": tid,
        "group_id": group[0],
        "priority_id": priority_id,
        "state_id": state_id,
        "organization_id": None,
        "number": str(31000 + tid),
        "title": f"Ticket {tid}",
        "owner_id": owner[0],
        "customer_id": 3,
        "note": None,
        "first_response_at": None,
        "first_response_escalation_at": None,
        "first_response_in_min": None,
        "first_response_diff_in_min": None,
        "close_at": None,
        "close_escalation_at": None,
        "close_in_min": None,
        "close_diff_in_min": None,
        "update_escalation_at": None,
        "update_in_min": None,
        "update_diff_in_min": None,
        "last_contact_at": created_at,
        "last_contact_agent_at": None,
        "last_contact_customer_at": created_at,
        "last_owner_update_at": None,
        "create_article_type_id": article_type_id,
        "create_article_sender_id": 2,
        "article_count": 1,
        "escalation_at": None,
        "pending_time": None,
        "type": None,
        "time_unit": None,
        "preferences": {},
        "updated_by_id": 3,
        "created_by_id": 3,
        "created_at": created_at,
        "updated_at": updated_at,
        "article_ids": [tid * 10],
        "ticket_time_accounting_ids": [],
        "group": group[1],
        "organization": None,
        "state": next(name for sid, name, _ in STATES if sid == state_id),
        "priority": PRIORITIES.get(priority_id, f"{priority_id} custom"),
        "owner": owner[1],
        "customer": "chris@chrispresso.com",
        "created_by": "chris@chrispresso.com",
        "updated_by": "chris@chrispresso.com",
        "create_article_type": ARTICLE_TYPES.get(article_type_id, "note"),
        "create_article_sender": "Customer",
    }
    ticket.update(extra)
    return ticket


_RANGE = re.compile(r'updated_at:\["([^"]+)" TO \*\]')
_IDS = re.compile(r"state_id:\(([\d OR]+)\)")


def _matches(query: str, ticket: dict[str, Any]) -> bool:
    """The query forms the adapter sends: an updated_at range, a state_id list, OR-ed."""
    since = _RANGE.search(query)
    if since and _time(ticket["updated_at"]) >= _time(since.group(1)):
        return True
    ids = _IDS.search(query)
    return bool(ids) and ticket["state_id"] in {int(x) for x in ids.group(1).split(" OR ")}


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass
class FakeZammad:
    token: str
    tickets: dict[int, dict[str, Any]] = field(default_factory=dict)
    groups: list[dict[str, Any]] = field(default_factory=list)
    groups_forbidden: bool = False
    triggers: dict[int, dict[str, Any]] = field(default_factory=dict)
    text_modules: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_id: int = 100

    def put(self, ticket: dict[str, Any]) -> None:
        self.tickets[ticket["id"]] = ticket

    def __call__(self, request: Request) -> Reply:
        if request.headers.get("Authorization") != f"Token token={self.token}":
            return 401, {}, {"error": "Authentication required"}
        path = request.path.removeprefix("/api/v1")
        if path == "/tickets/search" and request.method == "GET":
            return self._search(request)
        if path == "/ticket_states":
            return (
                200,
                {},
                [
                    {
                        "id": i,
                        "name": n,
                        "state_type_id": t,
                        "ignore_escalation": t != 2,
                        "active": True,
                    }
                    for i, n, t in STATES
                ],
            )
        if path == "/groups":
            if self.groups_forbidden:
                return 403, {}, {"error": "Not authorized (user)!"}
            return 200, {}, self.groups
        if path.startswith("/triggers/"):
            return self._trigger(request, int(path.rsplit("/", 1)[1]))
        if path.startswith("/text_modules"):
            return self._text_modules(request, path)
        return 404, {}, {"error": "No route matches"}

    def _search(self, request: Request) -> Reply:
        q = request.query
        per_page = min(int(q.get("per_page", 50)), SEARCH_CAP)
        page = int(q.get("page", 1))
        found = [t for t in self.tickets.values() if _matches(q["query"], t)]
        if q.get("sort_by") == "updated_at":
            found.sort(key=lambda t: (_time(t["updated_at"]), t["id"]))
            if q.get("order_by") == "desc":
                found.reverse()
        window = found[(page - 1) * per_page : page * per_page]
        if q.get("expand") == "true":
            return 200, {}, window
        assets = {"Ticket": {str(t["id"]): t for t in window}}
        return (
            200,
            {},
            {"tickets": [t["id"] for t in window], "tickets_count": len(window), "assets": assets},
        )

    def _trigger(self, request: Request, trigger_id: int) -> Reply:
        trigger = self.triggers.get(trigger_id)
        if trigger is None:
            return 404, {}, {"error": "Couldn't find Trigger"}
        if request.method == "PUT":
            trigger.update(request.json())
        return 200, {}, trigger

    def _text_modules(self, request: Request, path: str) -> Reply:
        if path == "/text_modules" and request.method == "GET":
            per_page, page = (
                int(request.query.get("per_page", 100)),
                int(request.query.get("page", 1)),
            )
            items = sorted(self.text_modules.values(), key=lambda m: m["id"])
            return 200, {}, items[(page - 1) * per_page : page * per_page]
        if path == "/text_modules" and request.method == "POST":
            self.next_id += 1
            module = dict(request.json(), id=self.next_id)
            self.text_modules[self.next_id] = module
            return 201, {}, module
        module_id = int(path.rsplit("/", 1)[1])
        if module_id not in self.text_modules:
            return 404, {}, {"error": "Couldn't find TextModule"}
        if request.method == "PUT":
            self.text_modules[module_id].update(request.json())
            return 200, {}, self.text_modules[module_id]
        if request.method == "DELETE":
            del self.text_modules[module_id]
            return 200, {}, {}
        return 200, {}, self.text_modules[module_id]


def trigger(trigger_id: int, *, active: bool) -> dict[str, Any]:
    """The stock "auto reply (on new tickets)" trigger, as ``GET /triggers/{id}`` shows it."""
    return {
        "id": trigger_id,
        "name": "auto reply (on new tickets)",
        "condition": {
            "ticket.action": {"operator": "is", "value": "create"},
            "ticket.state_id": {"operator": "is not", "value": "4"},
        },
        "perform": {
            "notification.email": {
                "body": "<div>Your request (Ticket##{ticket.number}) has been received.</div>",
                "recipient": "article_last_sender",
                "subject": "Thanks for your inquiry (#{ticket.title})",
            }
        },
        "active": active,
        "disable_notification": True,
        "note": "",
        "updated_at": "2026-11-01T10:00:00.000Z",
        "created_at": "2026-11-01T10:00:00.000Z",
    }
