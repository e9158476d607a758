"""A fake Zendesk Support API (``/api/v2``) written from Zendesk's public documentation
(developer.zendesk.com: Incremental Exports + "Using the Incremental Export
API", Search export, Groups, Views count_many, Triggers, Macros, Tickets,
SLA policies / ``slas`` sideload, Rate limits). Payload shapes follow the
documented examples.

What it models: ``{email}/token:{api_token}`` Basic auth (401 otherwise);
the cursor-based incremental ticket export (``start_time`` or ``cursor``,
``after_cursor``/``end_of_stream``, items changed in the last minute left
out, the ``metric_sets`` and ``slas`` sideloads) and its own limit of 10
requests a minute (429 + Retry-After); the search export (``filter[type]``
required, ``page[size]``, ``meta.has_more``, ``links.next``); offset-paged
groups and macros (``next_page``); ``X-Rate-Limit``/``X-Rate-Limit-Remaining``
on every answer.
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from tests.contract.server import Reply, Request

UNSOLVED = ("new", "open", "pending", "hold")


def ticket_json(
    tid: int,
    *,
    created_at: str,
    updated_at: str,
    status: str = "open",
    priority: str | None = "normal",
    group_id: int | None = 360001,
    assignee_id: int | None = None,
    channel: str = "email",
    **extra: Any,
) -> dict[str, Any]:
    """A ticket as ``GET /api/v2/tickets/{id}`` documents it."""
    ticket = {
        "url": f"https://example.zendesk.com/api/v2/tickets/{tid}.json",
        "id": tid,
        "external_id": None,
        "via": {"channel": channel, "source": {"from": {}, "to": {}, "rel": None}},
        "created_at": created_at,
        "updated_at": updated_at,
        "generated_timestamp": 0,
        "type": "incident",
        "subject": f"Help, my printer is on fire ({tid})",
        "raw_subject": f"Help, my printer is on fire ({tid})",
        "description": "The fire is very colorful.",
        "priority": priority,
        "status": status,
        "recipient": "support@example.zendesk.com",
        "requester_id": 20978392,
        "submitter_id": 76872,
        "assignee_id": assignee_id,
        "organization_id": None,
        "group_id": group_id,
        "collaborator_ids": [],
        "follower_ids": [],
        "email_cc_ids": [],
        "forum_topic_id": None,
        "problem_id": None,
        "has_incidents": False,
        "is_public": True,
        "due_at": None,
        "tags": ["enterprise", "other_tag"],
        "custom_fields": [],
        "satisfaction_rating": None,
        "sharing_agreement_ids": [],
        "custom_status_id": 1,
        "fields": [],
        "followup_ids": [],
        "ticket_form_id": None,
        "brand_id": 1,
        "allow_channelback": False,
        "allow_attachments": True,
        "from_messaging_channel": False,
    }
    ticket.update(extra)
    return ticket


def metric_set(
    tid: int, *, reply_minutes: int | None, solved_at: str | None = None
) -> dict[str, Any]:
    """A ``metric_sets`` sideload item (Ticket Metrics)."""
    return {
        "id": tid * 7,
        "ticket_id": tid,
        "url": f"https://example.zendesk.com/api/v2/ticket_metrics/{tid * 7}.json",
        "group_stations": 1,
        "assignee_stations": 1,
        "reopens": 0,
        "replies": 0 if reply_minutes is None else 1,
        "solved_at": solved_at,
        "reply_time_in_minutes": {"calendar": reply_minutes, "business": reply_minutes},
        "first_resolution_time_in_minutes": {"calendar": None, "business": None},
        "full_resolution_time_in_minutes": {"calendar": None, "business": None},
        "agent_wait_time_in_minutes": {"calendar": None, "business": None},
        "requester_wait_time_in_minutes": {"calendar": None, "business": None},
        "on_hold_time_in_minutes": {"calendar": 0, "business": 0},
    }


def slas(*metrics: tuple[str, str | None, str]) -> dict[str, Any]:
    """``ticket.slas`` as the ``slas`` sideload shows it: (metric, breach_at, stage)."""
    return {
        "policy_metrics": [
            {"breach_at": breach_at, "stage": stage, "metric": metric, "hours": 1, "minutes": 0}
            for metric, breach_at, stage in metrics
        ]
    }


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _encode(ts: float, tid: int) -> str:
    return base64.urlsafe_b64encode(f"{ts:.0f}|{tid}".encode()).decode()


def _decode(cursor: str) -> tuple[float, int]:
    ts, tid = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
    return float(ts), int(tid)


@dataclass
class FakeZendesk:
    email: str
    token: str
    base: str = ""
    tickets: dict[int, dict[str, Any]] = field(default_factory=dict)
    metric_sets: dict[int, dict[str, Any]] = field(default_factory=dict)
    slas: dict[int, dict[str, Any]] = field(default_factory=dict)
    groups: list[dict[str, Any]] = field(default_factory=list)
    groups_page: int = 100
    export_page: int = 1000
    views: dict[int, int] = field(default_factory=dict)
    triggers: dict[int, dict[str, Any]] = field(default_factory=dict)
    macros: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    incremental_limit: int = 10
    account_limit: int = 700
    incremental_calls: list[float] = field(default_factory=list)
    served: int = 0
    next_id: int = 500

    def put(self, ticket: dict[str, Any]) -> None:
        self.tickets[ticket["id"]] = ticket

    def __call__(self, request: Request) -> Reply:
        self.served += 1
        headers = {
            "X-Rate-Limit": str(self.account_limit),
            "X-Rate-Limit-Remaining": str(max(0, self.account_limit - self.served)),
        }
        expected = "Basic " + base64.b64encode(f"{self.email}/token:{self.token}".encode()).decode()
        if request.headers.get("Authorization") != expected:
            return 401, headers, {"error": "Couldn't authenticate you"}
        status, extra, body = self._route(request, request.path.removeprefix("/api/v2"))
        return status, headers | extra, body

    def _route(self, request: Request, path: str) -> Reply:
        if path == "/incremental/tickets/cursor.json":
            return self._incremental(request)
        if path == "/search/export.json":
            return self._search_export(request)
        if path == "/groups.json":
            return self._offset_page(request, "groups", self.groups, self.groups_page)
        if path == "/views/count_many.json":
            ids = [int(v) for v in request.query["ids"].split(",")]
            counts = [
                {
                    "view_id": v,
                    "url": "",
                    "value": self.views.get(v),
                    "pretty": "",
                    "fresh": v in self.views,
                }
                for v in ids
            ]
            return 200, {}, {"view_counts": counts}
        if path.startswith("/triggers/"):
            return self._trigger(request, int(path.split("/")[2].removesuffix(".json")))
        if path.startswith("/macros"):
            return self._macros(request, path)
        if path.startswith("/tickets/") and request.method == "PUT":
            return self._comment(request, int(path.split("/")[2].removesuffix(".json")))
        return 404, {}, {"error": "InvalidEndpoint", "description": "Not found"}

    # --- incremental export ----------------------------------------------------------

    def _incremental(self, request: Request) -> Reply:
        now = time.time()
        self.incremental_calls = [t for t in self.incremental_calls if t > now - 60]
        if len(self.incremental_calls) >= self.incremental_limit:
            wait = int(self.incremental_calls[0] + 60 - now) + 1
            return 429, {"Retry-After": str(wait)}, {"error": "APIRateLimitExceeded"}
        self.incremental_calls.append(now)
        q = request.query
        if "cursor" in q:
            try:
                position = _decode(q["cursor"])
            except ValueError:
                return 422, {}, {"error": "InvalidPaginationParameter", "description": "bad cursor"}
        elif "start_time" in q:
            if int(q["start_time"]) > now - 60:
                return 422, {}, {"error": "InvalidValue", "description": "Too recent start_time"}
            position = (float(q["start_time"]) - 1, 0)
        else:
            return (
                400,
                {},
                {"error": "InvalidValue", "description": "start_time or cursor required"},
            )
        return 200, {}, self._export_page(position, now, q.get("include", "").split(","))

    def _export_page(
        self, position: tuple[float, int], now: float, include: list[str]
    ) -> dict[str, Any]:
        # Items changed within the last minute are left out, as documented.
        ready = sorted(
            (
                (_parse(t["updated_at"]).timestamp(), t["id"])
                for t in self.tickets.values()
                if _parse(t["updated_at"]).timestamp() <= now - 60
            ),
        )
        after = [key for key in ready if key > position][: self.export_page]
        more = len([key for key in ready if key > position]) > len(after)
        last = after[-1] if after else max(position, (now - 61, 0))
        cursor = _encode(*last)
        page: dict[str, Any] = {
            "tickets": [self._with_sideloads(self.tickets[tid], include) for _, tid in after],
            "after_url": f"{self.base}/api/v2/incremental/tickets/cursor.json?cursor={cursor}",
            "after_cursor": cursor,
            "before_url": None,
            "before_cursor": None,
            "end_of_stream": not more,
        }
        if "metric_sets" in include:
            page["metric_sets"] = [
                self.metric_sets[tid] for _, tid in after if tid in self.metric_sets
            ]
        return page

    def _with_sideloads(self, ticket: dict[str, Any], include: list[str]) -> dict[str, Any]:
        if "slas" in include and ticket["id"] in self.slas:
            return dict(ticket, slas=self.slas[ticket["id"]])
        return ticket

    # --- search export, offset pages ------------------------------------------------------

    def _search_export(self, request: Request) -> Reply:
        q = request.query
        if q.get("filter[type]") != "ticket":
            return 400, {}, {"error": "InvalidValue", "description": "filter[type] is required"}
        if q.get("query") != "status<solved":
            return 400, {}, {"error": "UnsupportedQuery", "description": q.get("query", "")}
        size = min(int(q.get("page[size]", 100)), 1000)
        start = int(q.get("page[after]", "0"))
        found = sorted(
            (t for t in self.tickets.values() if t["status"] in UNSOLVED), key=lambda t: t["id"]
        )
        window = found[start : start + size]
        more = start + size < len(found)
        after = str(start + size)
        next_query = urlencode({**q, "page[after]": after})
        return (
            200,
            {},
            {
                "results": [dict(t, result_type="ticket") for t in window],
                "facets": None,
                "meta": {
                    "has_more": more,
                    "after_cursor": after if more else None,
                    "before_cursor": None,
                },
                "links": {
                    "prev": None,
                    "next": f"{self.base}/api/v2/search/export.json?{next_query}" if more else None,
                },
            },
        )

    def _offset_page(
        self, request: Request, key: str, items: list[dict[str, Any]], cap: int
    ) -> Reply:
        per_page = min(int(request.query.get("per_page", 100)), cap)
        page = int(request.query.get("page", 1))
        window = items[(page - 1) * per_page : page * per_page]
        more = page * per_page < len(items)
        next_page = (
            f"{self.base}{request.path}?page={page + 1}&per_page={per_page}" if more else None
        )
        return (
            200,
            {},
            {key: window, "next_page": next_page, "previous_page": None, "count": len(items)},
        )

    # --- writes ------------------------------------------------------------------------------

    def _trigger(self, request: Request, trigger_id: int) -> Reply:
        trigger = self.triggers.get(trigger_id)
        if trigger is None:
            return 404, {}, {"error": "RecordNotFound", "description": "Not found"}
        if request.method == "PUT":
            trigger.update(request.json()["trigger"])
        return 200, {}, {"trigger": trigger}

    def _macros(self, request: Request, path: str) -> Reply:
        if path == "/macros/active.json":
            active = [m for m in self.macros.values() if m["active"]]
            return self._offset_page(request, "macros", active, 100)
        if path == "/macros.json" and request.method == "POST":
            self.next_id += 1
            macro = dict(request.json()["macro"], id=self.next_id, active=True)
            self.macros[self.next_id] = macro
            return 201, {}, {"macro": macro}
        macro_id = int(path.split("/")[2].removesuffix(".json"))
        if macro_id not in self.macros:
            return 404, {}, {"error": "RecordNotFound", "description": "Not found"}
        if request.method == "DELETE":
            del self.macros[macro_id]
            return 204, {}, None
        self.macros[macro_id].update(request.json()["macro"])
        return 200, {}, {"macro": self.macros[macro_id]}

    def _comment(self, request: Request, tid: int) -> Reply:
        ticket = self.tickets.get(tid)
        if ticket is None:
            return 404, {}, {"error": "RecordNotFound", "description": "Not found"}
        if ticket["status"] == "closed":
            return (
                422,
                {},
                {
                    "error": "RecordInvalid",
                    "description": "Record validation errors",
                    "details": {
                        "status": [{"description": "Status: closed prevents ticket update"}]
                    },
                },
            )
        self.comments.append((tid, request.json()["ticket"]["comment"]))
        ticket["updated_at"] = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        return 200, {}, {"ticket": ticket, "audit": {"events": []}}


def trigger(trigger_id: int, *, active: bool) -> dict[str, Any]:
    """The default "Notify requester and CCs of received request" trigger."""
    return {
        "url": f"https://example.zendesk.com/api/v2/triggers/{trigger_id}.json",
        "id": trigger_id,
        "title": "Notify requester and CCs of received request",
        "active": active,
        "updated_at": "2026-11-01T10:00:00Z",
        "created_at": "2026-11-01T10:00:00Z",
        "default": True,
        "actions": [
            {
                "field": "notification_user",
                "value": [
                    "requester_and_ccs",
                    "[{{ticket.account}}] Re: {{ticket.title}}",
                    "Your request ({{ticket.id}}) has been received.",
                ],
            }
        ],
        "conditions": {
            "all": [{"field": "update_type", "operator": "is", "value": "Create"}],
            "any": [],
        },
        "description": None,
        "position": 0,
        "raw_title": "Notify requester and CCs of received request",
        "category_id": "10026",
    }


def iso(minutes_ago: float) -> str:
    when = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=minutes_ago)
    return when.isoformat().replace("+00:00", "Z")
