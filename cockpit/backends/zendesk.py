"""Adapter for Zendesk Support (``zendesk+https://SUBDOMAIN.zendesk.com/``).

Auth is ``{email}/token`` + API token (HTTP Basic). Changes come from the
cursor-based incremental ticket export; a full load adds the unsolved
tickets from the search export (the incremental export only reaches back
as far as its start time). Two client-side token buckets keep the cockpit
inside the plan's limits: the account's requests per minute and the
incremental exports' own 10 per minute. Both are sized so that no 60 s
window can exceed the limit, bursts included; a 429's Retry-After is obeyed.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from cockpit.backends.base import (
    AutoReplyState,
    BackendTimeout,
    Capabilities,
    Capability,
    ConnectionCheck,
    NotSupported,
    PayloadError,
    RateLimited,
    ReplyOutcome,
    ReplyScript,
    ServerError,
    UnexpectedStatus,
    UnknownOutcome,
)
from cockpit.backends.http import DEFAULT_TIMEOUTS, HttpClient, RateLimiter, Timeouts
from cockpit.backends.options import ZendeskOptions
from cockpit.backends.vendor_client import VendorClient
from cockpit.backends.vendor_common import (
    RateBudget,
    ResponseMeta,
    as_dict,
    as_id,
    as_list,
    named_agents,
    send_reply,
)
from cockpit.backends.zendesk_codec import (
    auto_reply_from_trigger,
    macro_from_script,
    metric_sets_by_ticket,
    script_from_macro,
    ticket_from_json,
)
from cockpit.domain import Batch, Queue, QueueId, Ticket, TicketId

log = logging.getLogger(__name__)

API = "/api/v2"
INCREMENTAL = f"{API}/incremental/tickets/cursor.json"
SIDELOADS = "metric_sets,slas"
MAX_PAGES = 200
ACCOUNT_BURST = 10
INCREMENTAL_BURST = 2


def capabilities_for(options: ZendeskOptions) -> Capabilities:
    supported = set(Capability) - {Capability.AGENTS, Capability.AUTO_REPLY}
    missing = {Capability.AGENTS: "no_presence_api"}
    if options.auto_reply_trigger_id is not None:
        supported.add(Capability.AUTO_REPLY)
    else:
        missing[Capability.AUTO_REPLY] = "no_trigger_configured"
    return Capabilities(frozenset(supported), missing)


def rate_bucket(per_minute: float, burst: int, **clock: Any) -> RateLimiter:
    """A token bucket that never exceeds ``per_minute`` in any 60 s window.

    A bucket allows ``burst + rate × 60 s`` in a minute, so it refills at
    ``per_minute − burst`` (``clock``: ``monotonic``/``sleep`` for tests).
    """
    burst = max(1, min(burst, int(per_minute) - 1))
    return RateLimiter(max(per_minute - burst, per_minute / 10), burst=burst, **clock)


class ZendeskBackend(VendorClient):
    """Incremental reads, SLA due times, trigger switch, macros and replies."""

    def __init__(
        self,
        base_url: str,
        *,
        email: str,
        token: str,
        options: ZendeskOptions | None = None,
        display_url: str | None = None,
        timeouts: Timeouts = DEFAULT_TIMEOUTS,
    ) -> None:
        self._options = options or ZendeskOptions()
        limiter = rate_bucket(self._options.requests_per_minute, ACCOUNT_BURST)
        self._incremental = rate_bucket(self._options.incremental_per_minute, INCREMENTAL_BURST)
        auth = (f"{email}/token", token)
        super().__init__(
            base_url,
            auth=auth,
            limiter=limiter,
            verify_tls=self._options.verify_tls,
            meta=ResponseMeta(
                limit_header="X-Rate-Limit", remaining_header="X-Rate-Limit-Remaining"
            ),
            display_url=display_url,
            timeouts=timeouts,
        )
        self._limiter: RateLimiter = limiter
        # Adding a comment is not idempotent: that client never retries.
        self._writes = HttpClient(
            base_url,
            auth=auth,
            timeouts=timeouts,
            verify_tls=self._options.verify_tls,
            limiter=limiter,
            retries=0,
        )
        self._meta.attach(self._writes.session)
        self.capabilities = capabilities_for(self._options)

    def close(self) -> None:
        super().close()
        self._writes.close()

    def rate_budget(self) -> RateBudget:
        """Requests left this minute: ours (token bucket) and Zendesk's (headers)."""
        return RateBudget(
            remaining=self._limiter.remaining(),
            limit=self._options.requests_per_minute,
            server_remaining=self._meta.server_remaining,
            server_limit=self._meta.server_limit,
        )

    # --- reading -------------------------------------------------------------------

    def check(self) -> ConnectionCheck:
        """One cheap read for "test connection": the groups, against the
        account limit only (never the incremental exports' 10 a minute)."""
        return ConnectionCheck(queues=len(self._groups()), server_time=self._meta.server_time)

    def fetch(self, cursor: str | None) -> Batch:
        if cursor is not None:
            try:
                tickets, cursor = self._changes({"cursor": cursor})
            except UnexpectedStatus as exc:
                log.warning("Zendesk refused the export cursor (%s): full load", exc.status)
                cursor = None
            else:
                return self._batch(tickets, cursor, full=False)
        queues = self._groups()
        merged = {t.id: t for t in self._unsolved()}
        start = self._meta.now() - timedelta(hours=self._options.history_hours)
        changed, cursor = self._changes({"start_time": int(start.timestamp())})
        for ticket in changed:
            known = merged.get(ticket.id)
            if known is None or ticket.updated_at >= known.updated_at:
                merged[ticket.id] = ticket
        return self._batch(tuple(merged.values()), cursor, full=True, queues=queues)

    def _batch(
        self,
        tickets: Sequence[Ticket],
        cursor: str,
        *,
        full: bool,
        queues: tuple[Queue, ...] | None = None,
    ) -> Batch:
        return Batch(
            tickets=tuple(tickets),
            cursor=cursor,
            server_time=self._meta.now(),
            agents=named_agents(self._options.agent_names),
            queues=queues,
            full=full,
        )

    def _changes(self, params: dict[str, Any]) -> tuple[list[Ticket], str]:
        """Follow the incremental export from a start time or cursor to its end."""
        tickets: list[Ticket] = []
        query: dict[str, Any] = dict(params, include=SIDELOADS)
        for _ in range(MAX_PAGES):
            self._incremental.acquire()
            try:
                page = as_dict(self._http.get(INCREMENTAL, query), "incremental export")
            except RateLimited as exc:
                if exc.retry_after is not None:
                    self._incremental.block_for(exc.retry_after)
                raise
            metrics = metric_sets_by_ticket(page.get("metric_sets"))
            for raw in as_list(page.get("tickets"), "incremental export.tickets"):
                tid = as_id(as_dict(raw, "ticket").get("id"), "ticket.id")
                tickets.append(self._ticket(raw, metrics.get(tid)))
            after = page.get("after_cursor")
            if not isinstance(after, str) or not after:
                raise PayloadError("incremental export.after_cursor: missing")
            if page.get("end_of_stream") is True:
                return tickets, after
            query = {"cursor": after, "include": SIDELOADS}
        log.info("Zendesk export: %d pages read; the rest follows next poll", MAX_PAGES)
        return tickets, str(query["cursor"])

    def _unsolved(self) -> list[Ticket]:
        tickets: list[Ticket] = []
        url = f"{API}/search/export.json"
        params: dict[str, Any] | None = {
            "query": "status<solved",
            "filter[type]": "ticket",
            "page[size]": 1000,
        }
        for _ in range(MAX_PAGES):
            page = as_dict(self._http.get(url, params), "search export")
            tickets.extend(self._ticket(raw) for raw in as_list(page.get("results"), "results"))
            meta, links = page.get("meta"), page.get("links")
            next_url = links.get("next") if isinstance(links, dict) else None
            if not (isinstance(meta, dict) and meta.get("has_more")) or not next_url:
                break
            url, params = str(next_url), None
        return tickets

    def _groups(self) -> tuple[Queue, ...]:
        names: dict[str, str] = {}
        url, params = f"{API}/groups.json", {"per_page": 100}
        for _ in range(MAX_PAGES):
            page = as_dict(self._http.get(url, params), "groups")
            for i, raw in enumerate(as_list(page.get("groups"), "groups")):
                group = as_dict(raw, f"groups[{i}]")
                names[as_id(group.get("id"), f"groups[{i}].id")] = str(group.get("name") or "")
            next_page = page.get("next_page")
            if not isinstance(next_page, str):
                break
            url, params = next_page, {}
        names.update(self._options.queue_names)
        return tuple(Queue(id=QueueId(gid), name=name) for gid, name in names.items())

    def _ticket(self, raw: object, metrics: Mapping[str, Any] | None = None) -> Ticket:
        return ticket_from_json(raw, web_base=self._web_base, metrics=metrics)

    def live_counts(self) -> dict[QueueId, int | None]:
        """Open tickets per queue from the configured views, in ONE request
        (``views/count_many``); None where Zendesk's cached count is not fresh."""
        views = self._options.count_views
        if not views:
            return {}
        ids = ",".join(str(v) for v in views.values())
        page = as_dict(self._http.get(f"{API}/views/count_many.json", {"ids": ids}), "counts")
        by_view: dict[str, int | None] = {}
        for i, raw in enumerate(as_list(page.get("view_counts"), "view_counts")):
            count = as_dict(raw, f"view_counts[{i}]")
            value = count.get("value")
            fresh = count.get("fresh") is True and isinstance(value, int)
            by_view[as_id(count.get("view_id"), "view_id")] = value if fresh else None
        return {QueueId(q): by_view.get(str(v)) for q, v in views.items()}

    # --- incident-mode writes -----------------------------------------------------------

    def _trigger_path(self) -> str:
        trigger_id = self._options.auto_reply_trigger_id
        if trigger_id is None:
            raise NotSupported("no auto-reply trigger chosen: set zendesk.auto_reply_trigger_id")
        return f"{API}/triggers/{trigger_id}.json"

    def get_auto_reply(self) -> AutoReplyState:
        return auto_reply_from_trigger(self._http.get(self._trigger_path()))

    def set_auto_reply(self, state: AutoReplyState) -> AutoReplyState:
        """Switches the chosen trigger; its text is edited in Zendesk."""
        body = {"trigger": {"active": state.enabled}}
        return auto_reply_from_trigger(self._http.request("PUT", self._trigger_path(), json=body))

    def list_scripts(self) -> Sequence[ReplyScript]:
        scripts: list[ReplyScript] = []
        url, params = f"{API}/macros/active.json", {"per_page": 100}
        for _ in range(MAX_PAGES):
            page = as_dict(self._http.get(url, params), "macros")
            scripts.extend(script_from_macro(raw) for raw in as_list(page.get("macros"), "macros"))
            next_page = page.get("next_page")
            if not isinstance(next_page, str):
                break
            url, params = next_page, {}
        return scripts

    def publish_script(self, script: ReplyScript) -> ReplyScript:
        """Creates a shared macro, or updates it when ``script.id`` is a Zendesk id."""
        body = macro_from_script(script)
        if script.id.isdigit():
            answer = self._http.request("PUT", f"{API}/macros/{script.id}.json", json=body)
        else:
            answer = self._writes.request("POST", f"{API}/macros.json", json=body)
        return script_from_macro(as_dict(answer, "response").get("macro"))

    def withdraw_script(self, script_id: str) -> None:
        self._http.request("DELETE", f"{API}/macros/{script_id}.json", expect_body=False)

    def reply(self, ticket_id: TicketId, body: str) -> ReplyOutcome:
        """A public comment. Never retried: a lost answer is an unknown outcome."""
        payload = {"ticket": {"comment": {"body": body, "public": True}}}
        # 422 (rejected): e.g. "Status: closed prevents ticket update".
        return send_reply(
            "Zendesk",
            ticket_id,
            lambda: self._writes.request("PUT", f"{API}/tickets/{ticket_id}.json", json=payload),
            unknown=(UnknownOutcome, ServerError, BackendTimeout),
        )
