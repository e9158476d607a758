"""Adapter for Zammad (``zammad+https://host/``), REST ``/api/v1`` with token auth.

Polling is incremental through the search endpoint (Elasticsearch):
``updated_at`` ranges sorted ascending, paged. The cursor is the newest
``updated_at`` seen; every poll re-reads ``overlap_s`` before it because the
search index trails the database by a moment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from cockpit.backends.base import (
    AutoReplyState,
    Capabilities,
    Capability,
    ConnectionCheck,
    NotSupported,
    PayloadError,
    PermissionDenied,
    ReplyOutcome,
    ReplyScript,
)
from cockpit.backends.http import DEFAULT_TIMEOUTS, Timeouts
from cockpit.backends.options import ZammadOptions
from cockpit.backends.vendor_client import VendorClient, per_minute_limiter
from cockpit.backends.vendor_common import (
    as_dict,
    as_list,
    named_agents,
    opt_int,
    opt_time,
)
from cockpit.backends.zammad_codec import (
    Lookups,
    auto_reply_from_trigger,
    group_name,
    script_from_text_module,
    text_module_from_script,
    ticket_from_json,
)
from cockpit.clock import format_time
from cockpit.domain import Batch, Queue, QueueId, Ticket, TicketId

API = "/api/v1"
HISTORY = timedelta(hours=24)  # finished tickets loaded on a full load
OPEN_STATE_TYPES = (1, 2, 3, 4)  # new, open, pending reminder, pending action


def capabilities_for(options: ZammadOptions) -> Capabilities:
    supported = {
        Capability.INCREMENTAL,
        Capability.QUEUES,
        Capability.SERVER_TIME,  # the HTTP Date header
        Capability.FIRST_RESPONSE,
        Capability.REPLY_SCRIPTS,  # text modules
        Capability.WEB_LINKS,
    }
    missing = {
        Capability.AGENTS: "no_presence_api",
        Capability.TICKET_REPLY: "reply_needs_channel",
    }
    if options.auto_reply_trigger_id is not None:
        supported.add(Capability.AUTO_REPLY)
    else:
        missing[Capability.AUTO_REPLY] = "no_trigger_configured"
    return Capabilities(frozenset(supported), missing)


class ZammadBackend(VendorClient):
    """Reads tickets incrementally; switches a trigger; publishes text modules."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str,
        options: ZammadOptions | None = None,
        display_url: str | None = None,
        timeouts: Timeouts = DEFAULT_TIMEOUTS,
    ) -> None:
        self._options = options or ZammadOptions()
        super().__init__(
            base_url,
            auth_headers={"Authorization": f"Token token={token}"},
            limiter=per_minute_limiter(self._options.requests_per_minute),
            verify_tls=self._options.verify_tls,
            display_url=display_url,
            timeouts=timeouts,
        )
        self.capabilities = capabilities_for(self._options)
        self._lookups = Lookups(state_types={}, priority_map=self._options.priority_map)
        self._groups: dict[str, str] = {}

    # --- reading -------------------------------------------------------------------

    def check(self) -> ConnectionCheck:
        """One cheap read for "test connection": ticket states and groups (the
        groups only with ``admin.group``; without it their count is unknown)."""
        self._load_lookups()
        return ConnectionCheck(
            queues=len(self._groups) or len(self._options.queue_names) or None,
            server_time=self._meta.server_time,
        )

    def fetch(self, cursor: str | None) -> Batch:
        since = _parse_cursor(cursor)
        full = since is None
        groups_before = dict(self._groups)
        if full:
            self._load_lookups()
            start = self._meta.now() - HISTORY
            query = f"{self._open_states_query()} OR {_updated_since(start)}"
        else:
            assert since is not None
            start = since - timedelta(seconds=self._options.overlap_s)
            query = _updated_since(start)
        raw = self._search(query)
        tickets = tuple(self._ticket(item) for item in raw)
        newest = max((t.updated_at for t in tickets), default=since or start)
        queues = self._queues() if full or self._groups != groups_before else None
        return Batch(
            tickets=tickets,
            cursor=format_time(max(newest, since or newest)),
            server_time=self._meta.now(),
            agents=named_agents(self._options.agent_names),
            queues=queues,
            full=full,
        )

    def _ticket(self, raw: object) -> Ticket:
        named = group_name(as_dict(raw, "ticket"))
        if named is not None:
            self._groups.setdefault(*named)
        return ticket_from_json(raw, lookups=self._lookups, web_base=self._web_base)

    def _search(self, query: str) -> list[Any]:
        per_page = self._options.per_page
        items: list[Any] = []
        for page in range(1, self._options.max_pages_per_poll + 1):
            params = {
                "query": query,
                "sort_by": "updated_at",
                "order_by": "asc",
                "expand": "true",
                "page": page,
                "per_page": per_page,
            }
            batch = as_list(self._http.get(f"{API}/tickets/search", params), "search result")
            items.extend(batch)
            if len(batch) < per_page:
                break
        return items

    def _load_lookups(self) -> None:
        states = as_list(self._http.get(f"{API}/ticket_states"), "ticket_states")
        types: dict[int, int] = {}
        for i, raw in enumerate(states):
            state = as_dict(raw, f"ticket_states[{i}]")
            state_id = opt_int(state.get("id"), f"ticket_states[{i}].id")
            type_id = opt_int(state.get("state_type_id"), f"ticket_states[{i}].state_type_id")
            if state_id is not None and type_id is not None:
                types[state_id] = type_id
        self._lookups = Lookups(state_types=types, priority_map=self._options.priority_map)
        try:
            groups = as_list(self._http.get(f"{API}/groups"), "groups")
        except PermissionDenied:
            return  # listing groups needs admin.group: names then come from tickets
        for i, raw in enumerate(groups):
            named = group_name(as_dict(raw, f"groups[{i}]"))
            if named is not None:
                self._groups[named[0]] = named[1]

    def _open_states_query(self) -> str:
        open_ids = sorted(
            sid for sid, type_id in self._lookups.state_types.items() if type_id in OPEN_STATE_TYPES
        )
        if not open_ids:
            return 'state.name:(new OR open OR "pending reminder" OR "pending close")'
        return "state_id:(" + " OR ".join(str(sid) for sid in open_ids) + ")"

    def _queues(self) -> tuple[Queue, ...]:
        names = dict(self._groups)
        names.update(self._options.queue_names)
        return tuple(Queue(id=QueueId(gid), name=name) for gid, name in names.items())

    # --- incident-mode writes ----------------------------------------------------------

    def _trigger_path(self) -> str:
        trigger_id = self._options.auto_reply_trigger_id
        if trigger_id is None:
            raise NotSupported("no auto-reply trigger chosen: set zammad.auto_reply_trigger_id")
        return f"{API}/triggers/{trigger_id}"

    def get_auto_reply(self) -> AutoReplyState:
        return auto_reply_from_trigger(self._http.get(self._trigger_path()))

    def set_auto_reply(self, state: AutoReplyState) -> AutoReplyState:
        """Switches the chosen trigger on or off; its text is edited in Zammad."""
        answer = self._http.request("PUT", self._trigger_path(), json={"active": state.enabled})
        return auto_reply_from_trigger(answer)

    def list_scripts(self) -> Sequence[ReplyScript]:
        scripts: list[ReplyScript] = []
        for page in range(1, 51):
            params = {"page": page, "per_page": 100}
            batch = as_list(self._http.get(f"{API}/text_modules", params), "text_modules")
            scripts.extend(
                script_from_text_module(raw)
                for raw in batch
                if isinstance(raw, dict) and raw.get("active") is not False
            )
            if len(batch) < 100:
                break
        return scripts

    def publish_script(self, script: ReplyScript) -> ReplyScript:
        """Creates a text module, or updates it when ``script.id`` is a Zammad id."""
        body = text_module_from_script(script)
        if script.id.isdigit():
            answer = self._http.request("PUT", f"{API}/text_modules/{script.id}", json=body)
        else:
            answer = self._http.request("POST", f"{API}/text_modules", json=body)
        return script_from_text_module(answer)

    def withdraw_script(self, script_id: str) -> None:
        self._http.request("DELETE", f"{API}/text_modules/{script_id}", expect_body=False)

    def reply(self, ticket_id: TicketId, body: str) -> ReplyOutcome:
        raise NotSupported(
            "replies to Zammad tickets depend on the ticket's channel: use text modules"
        )


def _updated_since(when: datetime) -> str:
    return f'updated_at:["{format_time(when)}" TO *]'


def _parse_cursor(cursor: str | None) -> datetime | None:
    if cursor is None:
        return None
    try:
        return opt_time(cursor, "cursor")
    except PayloadError:
        return None  # not ours (another backend's cursor): start over with a full load
