"""Adapter for the open feed API (docs/feed-api.md), which the built-in
simulator serves and any in-house ticket system can implement."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cockpit.backends import feed_codec as codec
from cockpit.backends.base import (
    AutoReplyState,
    BackendError,
    Capabilities,
    Capability,
    ConnectionCheck,
    NotFound,
    PayloadError,
    ReplyOutcome,
    ReplyScript,
    UnexpectedStatus,
)
from cockpit.backends.feed_lists import KnownList
from cockpit.backends.http import DEFAULT_TIMEOUTS, HttpClient, Timeouts
from cockpit.domain import Agent, Batch, Queue, Ticket, TicketId

# ~600 bytes a ticket: a page is ~0.6 MB, which orjson parses in ~10 ms. The
# parse holds the GIL (the GUI thread waits for it), so pages stay small.
PAGE_LIMIT = 1000
API = "/api/v1"


class CursorExpired(BackendError):
    reason = "cursor_expired"


@dataclass(frozen=True, slots=True)
class RelayInfo:
    """What a relay says of itself in its feed (``"relay": {...}``)."""

    records: bool


class FeedBackend:
    """Reads and writes a feed-API server such as the simulator."""

    capabilities = Capabilities(frozenset(Capability))

    def __init__(
        self,
        base_url: str,
        *,
        token: str,
        display_url: str | None = None,
        timeouts: Timeouts = DEFAULT_TIMEOUTS,
        page_limit: int = PAGE_LIMIT,
    ) -> None:
        self._http = HttpClient(
            base_url, auth_headers={"Authorization": f"Bearer {token}"}, timeouts=timeouts
        )
        self._display_url = display_url or base_url
        self._page_limit = page_limit
        # Agents and queues as last received, valid for the cursor handed out last.
        self._agents: KnownList[Agent] = KnownList("agents", codec.agent_from_json, _agent_id)
        self._queues: KnownList[Queue] = KnownList("queues", codec.queue_from_json, _queue_id)
        self._handed_out: str | None = None
        # Set from the feed: None for a help desk, else what the relay says.
        self.relay: RelayInfo | None = None

    @property
    def url(self) -> str:
        return self._display_url

    def close(self) -> None:
        self._http.close()

    def clock_offset(self) -> float | None:
        """The server's clock (its Date header) minus this computer's, in seconds."""
        return self._http.date_offset_s

    # --- reading -------------------------------------------------------------

    def fetch(self, cursor: str | None) -> Batch:
        """Tickets changed since ``cursor``; agents and queues when they changed
        (``None`` when unchanged since the batch that handed out ``cursor``)."""
        if cursor is None or cursor != self._handed_out:
            self._agents.forget()
            self._queues.forget()
        full = cursor is None
        if cursor is not None:
            try:
                tickets, cursor, last = self._ticket_pages(cursor)
            except CursorExpired:
                full = True
        if full:
            self._agents.forget()
            self._queues.take(self._http.get(f"{API}/queues"))
            tickets, cursor, last = self._ticket_pages(None)
        versions = last.get("versions")
        versions = versions if isinstance(versions, Mapping) else None
        agents_changed = self._refresh(self._agents, versions)
        # A server without versions sends queues with full loads only.
        queues_changed = versions is not None and self._refresh(self._queues, versions)
        self._handed_out = cursor
        self.relay = _relay_info(last)
        return Batch(
            tickets=tuple(tickets),
            cursor=cursor,
            server_time=codec.read_server_time(last),
            agents=tuple(self._agents.items.values()) if full or agents_changed else None,
            queues=tuple(self._queues.items.values()) if full or queues_changed else None,
            full=full,
            complete_to=codec.read_opt_time(last, "complete_to"),
        )

    def _refresh(self, known: KnownList[Any], versions: Mapping[str, Any] | None) -> bool:
        """Ask for what changed in ``known``'s list, unless its version is current."""
        if known.current(versions):
            return False
        return known.take(self._http.get(f"{API}/{known.name}", known.params()))

    def _ticket_pages(self, cursor: str | None) -> tuple[list[Ticket], str, Mapping[str, Any]]:
        """Every page from ``cursor`` on. A ticket that changed while we paged
        comes again on a later page: the last one seen wins (docs/feed-api.md),
        so each ticket is in the batch once, in the order of its latest change."""
        latest: dict[TicketId, Ticket] = {}
        while True:
            params: dict[str, str | int] = {"limit": self._page_limit}
            if cursor is not None:
                params["cursor"] = cursor
            try:
                page = self._http.get(f"{API}/tickets", params)
            except UnexpectedStatus as exc:
                if exc.status == 410:
                    raise CursorExpired(str(exc)) from None
                raise
            for ticket in codec.read_list(page, "tickets", codec.ticket_from_json):
                latest.pop(ticket.id, None)
                latest[ticket.id] = ticket
            next_cursor = page.get("next_cursor")
            if not isinstance(next_cursor, str | int) or isinstance(next_cursor, bool):
                raise PayloadError("response.next_cursor: expected a string")
            cursor = str(next_cursor)
            if not page.get("has_more"):
                return list(latest.values()), cursor, page

    def server_time(self) -> datetime:
        answer = self._http.get(f"{API}/time")
        self.relay = _relay_info(answer)
        return codec.read_server_time(answer)

    def check(self) -> ConnectionCheck:
        """One cheap read for "test connection": the queues and the server clock."""
        queues = codec.read_list(self._http.get(f"{API}/queues"), "queues", codec.queue_from_json)
        return ConnectionCheck(queues=len(queues), server_time=self.server_time())

    # --- incident-mode writes -------------------------------------------------

    def get_auto_reply(self) -> AutoReplyState:
        return codec.auto_reply_from_json(self._http.get(f"{API}/auto-reply"))

    def set_auto_reply(self, state: AutoReplyState) -> AutoReplyState:
        answer = self._http.request(
            "PUT", f"{API}/auto-reply", json=codec.auto_reply_to_json(state)
        )
        return codec.auto_reply_from_json(answer)

    def list_scripts(self) -> Sequence[ReplyScript]:
        return codec.read_list(self._http.get(f"{API}/scripts"), "scripts", codec.script_from_json)

    def publish_script(self, script: ReplyScript) -> ReplyScript:
        body = codec.script_to_json(script)
        if not script.id:
            del body["id"]
        return codec.script_from_json(self._http.request("POST", f"{API}/scripts", json=body))

    def withdraw_script(self, script_id: str) -> None:
        self._http.request("DELETE", f"{API}/scripts/{script_id}", expect_body=False)

    def reply(self, ticket_id: TicketId, body: str) -> ReplyOutcome:
        try:
            self._http.request("POST", f"{API}/tickets/{ticket_id}/replies", json={"body": body})
        except NotFound:
            return ReplyOutcome(ticket_id, ok=False, error="not_found")
        except UnexpectedStatus as exc:
            if exc.status == 409:
                return ReplyOutcome(ticket_id, ok=False, error="ticket_closed")
            raise
        return ReplyOutcome(ticket_id, ok=True)


def _agent_id(agent: Agent) -> str:
    return str(agent.id)


def _queue_id(queue: Queue) -> str:
    return str(queue.id)


def _relay_info(answer: Mapping[str, Any]) -> RelayInfo | None:
    relay = answer.get("relay")
    if not isinstance(relay, Mapping):
        return None
    return RelayInfo(records=relay.get("records") is True)
