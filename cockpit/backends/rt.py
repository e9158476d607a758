"""Adapter for Request Tracker 5 (``rt+http(s)://host[:port]/[path/]``), REST2.

The URL names RT's web root; REST2 is at ``<root>/REST/2.0``. Auth is an RT
auth token (``Authorization: token …``, made under the user's preferences
or with ``rt-passwd``-style tooling), from ``COCKPIT_RT_TOKEN`` or the
keyring entry ``rt.token``.

Polling is incremental through TicketSQL: a full load asks for every
active ticket and those resolved in the last ``history_hours``; later polls
ask for ``LastUpdated >= cursor - overlap`` (RT stamps to the second, so a
short overlap re-reads the last second rather than missing it), sorted by
``LastUpdated`` and paged. The cursor is the newest ``LastUpdated`` seen.
TicketSQL reads an absolute date in the RT user's time zone and ignores a
zone written beside it, so the queries use RT's relative form ("N seconds
ago", counted on RT's own clock from the HTTP ``Date`` of its last answer):
neither the RT server's nor its users' time zone matters.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from cockpit.backends.base import (
    AuthError,
    Capabilities,
    Capability,
    ConnectionCheck,
    PayloadError,
    ReplyOutcome,
)
from cockpit.backends.http import DEFAULT_TIMEOUTS, Timeouts
from cockpit.backends.options import RtOptions
from cockpit.backends.rt_codec import TICKET_FIELDS, ticket_from_json
from cockpit.backends.vendor_client import NoBotApi, VendorClient, per_minute_limiter
from cockpit.backends.vendor_common import (
    as_dict,
    as_id,
    as_list,
    named_agents,
    opt_str,
    send_reply,
)
from cockpit.clock import format_time, parse_time
from cockpit.domain import Batch, Queue, QueueId, Ticket, TicketId

API = "/REST/2.0"
TOKEN_SECRET = "rt.token"
MAX_PAGES = 2000

CAPABILITIES = Capabilities(
    supported=frozenset(
        {
            Capability.INCREMENTAL,  # TicketSQL LastUpdated
            Capability.QUEUES,
            Capability.SERVER_TIME,  # the HTTP Date header
            Capability.FIRST_RESPONSE,  # Started
            Capability.TICKET_REPLY,  # correspond
            Capability.WEB_LINKS,
        }
    ),
    missing_reasons={
        Capability.AGENTS: "no_presence_api",
        Capability.AUTO_REPLY: "no_auto_reply_api",
        Capability.REPLY_SCRIPTS: "no_canned_reply_api",
    },
)


class RtBackend(NoBotApi, VendorClient):
    """Reads tickets incrementally from RT 5 and replies as correspondence."""

    capabilities = CAPABILITIES
    VENDOR = "Request Tracker's REST2"
    AUTO_REPLY_HINT = (
        "enable or disable the 'On Create Autoreply To Requestors' scrip in RT's admin pages"
    )

    def __init__(
        self,
        base_url: str,
        *,
        token: str,
        options: RtOptions | None = None,
        display_url: str | None = None,
        timeouts: Timeouts = DEFAULT_TIMEOUTS,
    ) -> None:
        self._options = options or RtOptions()
        super().__init__(
            base_url,
            auth_headers={"Authorization": f"token {token}"},
            limiter=per_minute_limiter(self._options.requests_per_minute, burst=5),
            verify_tls=self._options.verify_tls,
            display_url=display_url,
            timeouts=timeouts,
        )

    # --- reading -------------------------------------------------------------------

    def fetch(self, cursor: str | None) -> Batch:
        since = None if cursor is None else _cursor_time(cursor)
        full = since is None
        queues = self._queues() if full else None
        now = self._meta.now()
        if since is None:
            history = timedelta(hours=self._options.history_hours)
            query = f"Status = '__Active__' OR Resolved >= '{_ago(history)}'"
        else:
            back = now - since + timedelta(seconds=self._options.overlap_s)
            query = f"LastUpdated >= '{_ago(back)}'"
        tickets = tuple(self._search(query))
        newest = max((t.updated_at for t in tickets), default=since or now)
        return Batch(
            tickets=tickets,
            cursor=format_time(newest),
            server_time=self._meta.now(),
            agents=named_agents(self._options.agent_names),
            queues=queues,
            full=full,
        )

    def check(self) -> ConnectionCheck:
        page = self._page("Status = '__Active__'", page=1, per_page=1)
        total = page.get("total", page.get("count"))
        if isinstance(total, bool) or not isinstance(total, int):
            raise PayloadError(f"tickets page.total: expected a number, got {total!r}")
        return ConnectionCheck(
            queues=len(self._queues()), tickets=total, server_time=self._meta.server_time
        )

    def _search(self, query: str) -> list[Ticket]:
        tickets: list[Ticket] = []
        for number in range(1, MAX_PAGES + 1):
            page = self._page(query, page=number, per_page=self._options.per_page)
            for item in as_list(page.get("items"), "tickets page.items"):
                tickets.append(
                    ticket_from_json(item, options=self._options, web_base=self._web_base)
                )
            pages = page.get("pages")
            if not isinstance(pages, int) or number >= pages:
                return tickets
        raise PayloadError(f"tickets: more than {MAX_PAGES} pages")

    def _page(self, query: str, *, page: int, per_page: int) -> dict[str, Any]:
        params = {
            "query": query,
            "fields": TICKET_FIELDS,
            "fields[Queue]": "Name",
            "per_page": per_page,
            "page": page,
            "orderby": "LastUpdated",
            "order": "ASC",
        }
        return as_dict(self._get(f"{API}/tickets", params), "tickets page")

    def _queues(self) -> tuple[Queue, ...]:
        page = as_dict(
            self._get(f"{API}/queues/all", {"fields": "Name,Description", "per_page": 100}),
            "queues page",
        )
        queues = []
        for item in as_list(page.get("items"), "queues page.items"):
            entry = as_dict(item, "queue")
            name = opt_str(entry.get("Name"), "queue.Name") or as_id(entry.get("id"), "queue.id")
            queue_id = self._options.queue_ids.get(name, name)
            shown = self._options.queue_names.get(queue_id, name)
            queues.append(Queue(id=QueueId(queue_id), name=shown))
        return tuple(queues)

    def _get(self, path: str, params: dict[str, Any]) -> Any:
        try:
            return self._http.get(path, params)
        except AuthError as exc:
            raise AuthError(
                f"Request Tracker refused the auth token ({exc}); check COCKPIT_RT_TOKEN "
                f"or the keyring entry {TOKEN_SECRET!r}"
            ) from None

    # --- writes ---------------------------------------------------------------------

    def reply(self, ticket_id: TicketId, body: str) -> ReplyOutcome:
        """Correspond on the ticket (mailed to its requestors by RT's scrips)."""
        payload = {"Content": body, "ContentType": "text/plain"}
        path = f"{API}/ticket/{ticket_id}/correspond"
        return send_reply(
            "Request Tracker",
            ticket_id,
            lambda: self._http.request("POST", path, json=payload),
        )


def _ago(span: timedelta) -> str:
    """A TicketSQL relative date, rounded out to the whole second before."""
    return f"{max(1, math.ceil(span.total_seconds()))} seconds ago"


def _cursor_time(cursor: str) -> datetime | None:
    try:
        return parse_time(cursor)
    except ValueError:
        return None  # a foreign cursor: load everything again
