"""Adapter for django-helpdesk 2.6 (``helpdesk+http(s)://host[:port]/[mount/]``).

The URL names where django-helpdesk is mounted; its REST API is at
``<mount>/api/``. Auth is a DRF token (``Authorization: Token …``): HTTP
Basic would run PBKDF2 on every request (0.3 s each).

Every request to ``/api/tickets/`` costs the server O(all tickets) (the
view walks every ticket for its custom fields before paginating), and the
API has no "changed since" filter. So each poll is ONE request for all open
tickets (``?status=1,2&page_size=<big>``), returned as a full batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from cockpit.backends.base import (
    AuthError,
    Capabilities,
    Capability,
    ConnectionCheck,
    PayloadError,
    PermissionDenied,
    ReplyOutcome,
)
from cockpit.backends.helpdesk_codec import OPEN_CODES, ticket_from_json
from cockpit.backends.http import DEFAULT_TIMEOUTS, Timeouts
from cockpit.backends.options import HelpdeskOptions
from cockpit.backends.vendor_client import NoBotApi, VendorClient, per_minute_limiter
from cockpit.backends.vendor_common import (
    as_dict,
    as_list,
    named_agents,
    named_queues,
    send_reply,
)
from cockpit.domain import Batch, Ticket, TicketId

log = logging.getLogger(__name__)

TOKEN_SECRET = "helpdesk.token"
TICKETS = "/api/tickets/"
FOLLOWUPS = "/api/followups/"
MAX_PAGES = 1000

CAPABILITIES = Capabilities(
    supported=frozenset(
        {
            Capability.SERVER_TIME,  # the HTTP Date header
            Capability.FIRST_RESPONSE,  # derived from follow-ups
            Capability.TICKET_REPLY,
            Capability.WEB_LINKS,
        }
    ),
    missing_reasons={
        Capability.INCREMENTAL: "no_change_filter",
        Capability.AGENTS: "no_agent_api",
        Capability.QUEUES: "no_queue_api",
        Capability.AUTO_REPLY: "no_auto_reply_api",
        Capability.REPLY_SCRIPTS: "no_canned_reply_api",
    },
)

# DRF answers 403 (not 401) for a bad token when SessionAuthentication comes
# first; only "you lack permission" means the token itself was accepted.
_PERMISSION_TEXT = "permission to perform"


class HelpdeskBackend(NoBotApi, VendorClient):
    """Reads open tickets from django-helpdesk and posts replies as follow-ups."""

    capabilities = CAPABILITIES
    VENDOR = "django-helpdesk"
    AUTO_REPLY_HINT = "edit the 'newticket_submitter' e-mail template in its admin"

    def __init__(
        self,
        base_url: str,
        *,
        token: str,
        options: HelpdeskOptions | None = None,
        display_url: str | None = None,
        timeouts: Timeouts = DEFAULT_TIMEOUTS,
    ) -> None:
        self._options = options or HelpdeskOptions()
        super().__init__(
            base_url,
            auth_headers={"Authorization": f"Token {token}"},
            limiter=per_minute_limiter(self._options.requests_per_minute, burst=5),
            verify_tls=self._options.verify_tls,
            display_url=display_url,
            timeouts=timeouts,
        )
        # When this cockpit first saw a ticket that has no follow-up to date it.
        self._first_seen: dict[TicketId, datetime] = {}

    # --- reading -------------------------------------------------------------------

    def fetch(self, cursor: str | None) -> Batch:
        """All open tickets, always a full batch (the API cannot say what changed)."""
        raw = self._open_tickets()
        now = self._meta.now()
        seen: dict[TicketId, datetime] = {}

        def first_seen(tid: TicketId) -> datetime:
            seen[tid] = self._first_seen.get(tid, now)
            return seen[tid]

        tickets = tuple(self._ticket(item, first_seen) for item in raw)
        self._first_seen = seen  # forget tickets that are no longer open
        return Batch(
            tickets=tickets,
            cursor=None,
            server_time=now,
            agents=named_agents(self._options.agent_names),
            queues=named_queues(self._options.queue_names),
            full=True,
        )

    def check(self) -> ConnectionCheck:
        """One cheap read for "test connection": a one-ticket page of the open
        tickets (its ``count`` says how many there are; the first is decoded)."""
        params = {"status": ",".join(str(code) for code in OPEN_CODES), "page_size": 1}
        page = as_dict(self._get(TICKETS, params), "tickets page")
        count = page.get("count")
        if isinstance(count, bool) or not isinstance(count, int):
            raise PayloadError(f"tickets page.count: expected a number, got {count!r}")
        for item in as_list(page.get("results"), "tickets page.results"):
            self._ticket(item, lambda _tid: self._meta.now())
        return ConnectionCheck(
            queues=len(self._options.queue_names) or None,
            tickets=count,
            server_time=self._meta.server_time,
        )

    def _ticket(self, raw: object, first_seen: Callable[[TicketId], datetime]) -> Ticket:
        return ticket_from_json(raw, web_base=self._web_base, first_seen=first_seen)

    def _open_tickets(self) -> list[Any]:
        params: dict[str, Any] | None = {
            "status": ",".join(str(code) for code in OPEN_CODES),
            "page_size": self._options.page_size,
        }
        url: str = TICKETS
        items: list[Any] = []
        for _ in range(MAX_PAGES):
            page = as_dict(self._get(url, params), "tickets page")
            items.extend(as_list(page.get("results"), "tickets page.results"))
            next_url = page.get("next")
            if not next_url:
                return items
            if not isinstance(next_url, str):
                raise PayloadError("tickets page.next: expected a URL")
            # DRF's next link already carries the query; one page is the normal case.
            url, params = next_url, None
        raise PayloadError(f"tickets: more than {MAX_PAGES} pages; raise page_size")

    def _get(self, path: str, params: dict[str, Any] | None) -> Any:
        try:
            return self._http.get(path, params)
        except AuthError as exc:
            raise AuthError(_auth_message(str(exc))) from None
        except PermissionDenied as exc:
            if _PERMISSION_TEXT in str(exc):
                raise PermissionDenied(
                    f"{exc}: the token's user must be staff (is_staff) in django-helpdesk"
                ) from None
            raise AuthError(_auth_message(str(exc))) from None

    # --- writes ---------------------------------------------------------------------

    def reply(self, ticket_id: TicketId, body: str) -> ReplyOutcome:
        """Post ``body`` as a public follow-up (e-mailed to the submitter).

        No ``title`` is sent: django-helpdesk renames the ticket to a
        follow-up's title. A 500 may come *after* the follow-up was committed
        (a failing webhook), so it is an unknown outcome, never retried.
        """
        payload = {"ticket": _ticket_pk(ticket_id), "comment": body, "public": True}
        # 400 (rejected): a ticket id that does not exist or this token may not see.
        return send_reply(
            "django-helpdesk",
            ticket_id,
            lambda: self._http.request("POST", FOLLOWUPS, json=payload),
        )


def _auth_message(detail: str) -> str:
    return (
        f"django-helpdesk refused the API token ({detail}); check COCKPIT_HELPDESK_TOKEN "
        f"or the keyring entry {TOKEN_SECRET!r}, and that its user is staff"
    )


def _ticket_pk(ticket_id: TicketId) -> int | str:
    return int(ticket_id) if ticket_id.isdigit() else ticket_id
