"""The open feed API (docs/feed-api.md) over a :class:`FloorSimulator`,
independent of any HTTP machinery: one request in, one response out.

Every authorised request first brings the simulator up to the clock, under
one lock, so answers are consistent and ``server_time`` is the moment the
answer describes.

Anything shaped like the simulator (:class:`FeedSource`) can be served the
same way: the relay (:mod:`cockpit.relay`) serves its copy of a real help
desk's floor. A source that cannot answer right now raises
:class:`SourceUnavailable`, which becomes ``503 unavailable``.

Agents and queues carry versions (:mod:`cockpit.sim.versions`): the last
ticket page names them, and ``?since=VERSION`` sends only what changed. A
source that names its *generation* (the relay) has its answers encoded once
per generation and request (:mod:`cockpit.sim.answers`).
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

import orjson

from cockpit.backends.base import AutoReplyState, PayloadError, ReplyScript
from cockpit.backends.feed_codec import (
    agent_to_json,
    auto_reply_from_json,
    auto_reply_to_json,
    queue_to_json,
    script_from_json,
    script_to_json,
    ticket_to_json,
)
from cockpit.clock import Clock, format_time
from cockpit.domain import Agent, Queue, Ticket
from cockpit.sim.answers import AnswerCache, stamped
from cockpit.sim.api_args import (
    DEFAULT_LIMIT,
    MAX_BODY,
    MAX_LIMIT,
    ApiError,
    Json,
    limit_of,
    no_rest,
    object_of,
    shape_ok,
    since_of,
)
from cockpit.sim.engine import ScriptNotFound, TicketClosed, TicketNotFound
from cockpit.sim.feed import ChangePage, CursorExpired
from cockpit.sim.scenarios import Scenario, ScenarioError, scenario_from_json, scenario_to_json
from cockpit.sim.versions import VersionedList

API = "/api/v1"
__all__ = ["API", "DEFAULT_LIMIT", "MAX_BODY", "MAX_LIMIT", "ApiError", "FeedApi", "FeedSource",
           "RelayMarker", "Response", "SourceUnavailable", "error_response"]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


JSON_HEADERS = (("Content-Type", "application/json"),)


def _json(status: int, payload: Json, headers: tuple[tuple[str, str], ...] = ()) -> Response:
    return Response(status, orjson.dumps(payload), (*JSON_HEADERS, *headers))


def error_response(error: ApiError) -> Response:
    payload = {"error": {"code": error.code, "message": str(error)}}
    return _json(error.status, payload, error.headers)


Handler = Callable[[str, Mapping[str, list[str]], bytes], Response]


class SourceUnavailable(Exception):
    """The source cannot answer now (``503``); ``retry_after_s`` for the client."""

    def __init__(self, message: str, *, retry_after_s: int = 5) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class FeedSource(Protocol):
    """What :class:`FeedApi` serves: the simulator's reading and writing calls."""

    @property
    def now(self) -> datetime: ...

    @property
    def generation(self) -> Hashable | None:
        """Names the source's current state, or None when every request may
        find it changed (the simulator moves with the clock)."""
        ...

    def advance_to(self, when: datetime) -> None: ...

    def queues(self) -> tuple[Queue, ...]: ...

    def agents(self) -> tuple[Agent, ...]: ...

    def changes_since(self, cursor: int | None, limit: int = ...) -> ChangePage: ...

    def get_auto_reply(self) -> AutoReplyState: ...

    def set_auto_reply(self, state: AutoReplyState) -> AutoReplyState: ...

    def list_scripts(self) -> list[ReplyScript]: ...

    def publish_script(self, script: ReplyScript) -> ReplyScript: ...

    def withdraw_script(self, script_id: str) -> None: ...

    def reply(self, ticket_id: str, body: str) -> Ticket: ...

    def inject(self, scenario: Scenario) -> Scenario: ...

    def scenarios(self) -> list[Scenario]: ...


@dataclass(slots=True)
class RelayMarker:
    """Served by a relay: whether it records the floor's metric samples
    (then the desks behind it do not, so nothing is counted twice)."""

    records: bool = False


class FeedApi:
    """Answers feed-API requests from one simulator (or source), on one clock."""

    def __init__(
        self, sim: FeedSource, clock: Clock, *, token: str, relay: RelayMarker | None = None
    ) -> None:
        if not token:
            raise ValueError("the feed API needs a token")
        self._sim = sim
        self._clock = clock
        self._token = token.encode()
        self._lock = threading.Lock()
        self._agents: VersionedList[Agent] = VersionedList(lambda a: str(a.id))
        self._queues: VersionedList[Queue] = VersionedList(lambda q: str(q.id))
        self._cache = AnswerCache()
        self.relay = relay
        # (first path segment after /api/v1, method) -> handler
        self._routes: dict[tuple[str, str], Handler] = {
            ("time", "GET"): self._time,
            ("queues", "GET"): self._get_queues,
            ("agents", "GET"): self._get_agents,
            ("tickets", "GET"): self._get_tickets,
            ("tickets", "POST"): self._post_reply,
            ("auto-reply", "GET"): self._get_auto_reply,
            ("auto-reply", "PUT"): self._put_auto_reply,
            ("scripts", "GET"): self._get_scripts,
            ("scripts", "POST"): self._post_script,
            ("scripts", "DELETE"): self._delete_script,
            ("sim", "GET"): self._get_scenarios,
            ("sim", "POST"): self._post_scenario,
        }

    @property
    def lock(self) -> threading.Lock:
        """Held while a request reads or changes the simulator."""
        return self._lock

    def handle(self, method: str, target: str, authorization: str | None, body: bytes) -> Response:
        """One request: ``target`` is the path with its query string."""
        if not self._authorized(authorization):
            return error_response(
                ApiError(401, "unauthorized", "missing or wrong bearer token",
                         **{"WWW-Authenticate": "Bearer"})
            )  # fmt: skip
        parts = urlsplit(target)
        try:
            handler, rest = self._route(method, parts.path)
            query = parse_qs(parts.query, keep_blank_values=True)
            with self._lock:
                self._sim.advance_to(self._clock.now())
                return handler(rest, query, body)
        except ApiError as exc:
            return error_response(exc)
        except SourceUnavailable as exc:
            retry = {"Retry-After": str(exc.retry_after_s)}
            return error_response(ApiError(503, "unavailable", str(exc), **retry))

    def _authorized(self, authorization: str | None) -> bool:
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(given.strip().encode(), self._token)

    def _route(self, method: str, path: str) -> tuple[Handler, str]:
        if not path.startswith(API + "/"):
            raise ApiError(404, "not_found", f"no such resource: {path}")
        head, _, rest = path[len(API) + 1 :].partition("/")
        methods = sorted(m for (h, m) in self._routes if h == head)
        if not methods or not shape_ok(head, rest):
            raise ApiError(404, "not_found", f"no such resource: {path}")
        handler = self._routes.get((head, method))
        if handler is None:
            raise ApiError(405, "method_not_allowed", f"{method} is not allowed here",
                           Allow=", ".join(methods))  # fmt: skip
        return handler, unquote(rest)

    def _stamp(self, payload: Json) -> Json:
        return {"server_time": format_time(self._sim.now), **payload}

    def _answer(self, key: Hashable, build: Callable[[], Json]) -> Response:
        """``build()``'s payload with ``server_time``, encoded once per
        generation of a source that names its generations."""
        now = format_time(self._sim.now)  # also: 503 before any work when unavailable
        generation = self._sim.generation
        body = None if generation is None else self._cache.get(generation, key)
        if body is None:
            body = orjson.dumps(build())
            if generation is not None:
                self._cache.put(generation, key, body)
        return Response(200, stamped(now, body), JSON_HEADERS)

    # --- reading ---------------------------------------------------------------

    def _time(self, rest: str, query: Mapping[str, list[str]], body: bytes) -> Response:
        no_rest(rest)
        return _json(200, self._stamp(self._relay_json()))

    def _relay_json(self) -> Json:
        if self.relay is None:
            return {}
        return {"relay": {"records": self.relay.records}}

    def _get_queues(self, rest: str, query: Mapping[str, list[str]], body: bytes) -> Response:
        no_rest(rest)
        since = since_of(query)
        return self._answer(("queues", since), lambda: self._changed_queues(since))

    def _changed_queues(self, since: str | None) -> Json:
        self._queues.update(self._sim.queues())
        changed = self._queues.since(since)
        return {
            "version": changed.version,
            "full": changed.full,
            "queues": [queue_to_json(q) for q in changed.items],
        }

    def _get_agents(self, rest: str, query: Mapping[str, list[str]], body: bytes) -> Response:
        no_rest(rest)
        since = since_of(query)
        return self._answer(("agents", since), lambda: self._changed_agents(since))

    def _changed_agents(self, since: str | None) -> Json:
        self._agents.update(self._sim.agents())
        changed = self._agents.since(since)
        return {
            "version": changed.version,
            "full": changed.full,
            "agents": [agent_to_json(a) for a in changed.items],
        }

    def _get_tickets(self, rest: str, query: Mapping[str, list[str]], body: bytes) -> Response:
        no_rest(rest)
        limit = limit_of(query)
        cursor_text = (query.get("cursor") or [""])[-1]
        if cursor_text and not cursor_text.isdigit():
            raise ApiError(410, "cursor_expired", "malformed cursor: start again without one")
        cursor = int(cursor_text) if cursor_text else None
        return self._answer(("tickets", cursor, limit), lambda: self._page(cursor, limit))

    def _page(self, cursor: int | None, limit: int) -> Json:
        try:
            page = self._sim.changes_since(cursor, limit)
        except CursorExpired as exc:
            raise ApiError(410, "cursor_expired", f"{exc}: start again without one") from None
        tickets: list[Any]
        if page.encoded is not None:
            tickets = [orjson.Fragment(t) for t in page.encoded]
        else:
            tickets = [ticket_to_json(t) for t in page.tickets]
        payload: Json = {
            "full": page.full,
            "has_more": page.has_more,
            "next_cursor": str(page.next_cursor),
            "tickets": tickets,
        }
        if page.complete_to is not None:
            payload["complete_to"] = format_time(page.complete_to)
        if not page.has_more:
            # The last page says what agents and queues are now, so a client
            # that has them asks again only when they changed.
            self._agents.update(self._sim.agents())
            self._queues.update(self._sim.queues())
            payload["versions"] = {"agents": self._agents.version, "queues": self._queues.version}
            payload.update(self._relay_json())
        return payload

    def _get_auto_reply(self, rest: str, query: Mapping[str, list[str]], body: bytes) -> Response:
        no_rest(rest)
        return _json(200, self._stamp(auto_reply_to_json(self._sim.get_auto_reply())))

    def _get_scripts(self, rest: str, query: Mapping[str, list[str]], body: bytes) -> Response:
        no_rest(rest)
        scripts = [script_to_json(s) for s in self._sim.list_scripts()]
        return _json(200, self._stamp({"scripts": scripts}))

    def _get_scenarios(self, rest: str, query: Mapping[str, list[str]], body: bytes) -> Response:
        scenarios = [scenario_to_json(s) for s in self._sim.scenarios()]
        return _json(200, self._stamp({"scenarios": scenarios}))

    # --- writing ---------------------------------------------------------------

    def _post_reply(self, rest: str, query: Mapping[str, list[str]], body: bytes) -> Response:
        ticket_id, _, tail = rest.partition("/")
        if not ticket_id or tail != "replies":
            raise ApiError(404, "not_found", f"no such resource: tickets/{rest}")
        text = object_of(body).get("body")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "bad_request", "reply.body: expected a non-empty string")
        try:
            ticket = self._sim.reply(ticket_id, text)
        except TicketNotFound:
            raise ApiError(404, "not_found", f"no ticket {ticket_id}") from None
        except TicketClosed:
            raise ApiError(409, "ticket_closed", f"ticket {ticket_id} is finished") from None
        return _json(201, self._stamp({"ticket": ticket_to_json(ticket)}))

    def _put_auto_reply(self, rest: str, query: Mapping[str, list[str]], body: bytes) -> Response:
        no_rest(rest)
        obj = object_of(body)
        if not isinstance(obj.get("enabled"), bool):
            raise ApiError(400, "bad_request", "auto-reply.enabled: expected true or false")
        try:
            state = auto_reply_from_json(obj)
        except PayloadError as exc:
            raise ApiError(400, "bad_request", str(exc)) from None
        state = self._sim.set_auto_reply(state)
        return _json(200, self._stamp(auto_reply_to_json(state)))

    def _post_script(self, rest: str, query: Mapping[str, list[str]], body: bytes) -> Response:
        no_rest(rest)
        obj = object_of(body)
        text = obj.get("body")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "bad_request", "script.body: expected a non-empty string")
        given = obj.get("id")
        try:
            script = script_from_json({**obj, "id": given or "-"})
        except PayloadError as exc:
            raise ApiError(400, "bad_request", str(exc)) from None
        published = self._sim.publish_script(script if given else replace(script, id=""))
        return _json(201, self._stamp(script_to_json(published)))

    def _delete_script(self, rest: str, query: Mapping[str, list[str]], body: bytes) -> Response:
        if not rest or "/" in rest:
            raise ApiError(404, "not_found", f"no such resource: scripts/{rest}")
        try:
            self._sim.withdraw_script(rest)
        except ScriptNotFound:
            raise ApiError(404, "not_found", f"no script {rest}") from None
        return Response(204, b"", (("X-Server-Time", format_time(self._sim.now)),))

    def _post_scenario(self, rest: str, query: Mapping[str, list[str]], body: bytes) -> Response:
        try:
            scenario = scenario_from_json(object_of(body))
        except ScenarioError as exc:
            raise ApiError(400, "bad_request", str(exc)) from None
        placed = self._sim.inject(scenario)
        return _json(201, self._stamp({"scenario": scenario_to_json(placed)}))
