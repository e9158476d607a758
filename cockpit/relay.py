"""The relay: one poller on the real help desk feeds every desk.

``cockpit relay --backend URL --port P`` polls the help desk once (its own
:class:`~cockpit.runtime.poller.Poller`, with the help desk's rate budget)
and serves the open feed API (docs/feed-api.md) from what it polled, so
twenty desks pointed at ``feed+http://relay:P`` cost the help desk one
poller's requests.

What the desks get:

- **Incremental changes.** Every ticket the relay's poller sees change gets
  the next number of one change sequence; a desk's cursor is such a number,
  so it is sent only what changed since. A full reload upstream starts a new
  era: older cursors get ``410 cursor_expired`` and the desk reloads.
- **One time base.** ``server_time`` is the help desk's clock: its time at
  the relay's last poll, run on between polls at the help desk's observed
  rate (:class:`~cockpit.timebase.BackendClock`), never the relay's wall
  clock. So a desk that polls twice between two relay polls sees time move
  (its answer is not "frozen"), on the help desk's time base.
- **Honest health.** While the relay's own poller is not live (stale,
  offline, or before its first load) reads answer ``503 unavailable`` with
  the reason, so desks keep their last good data and show it as stale
  instead of serving old data as new.
- **Writes pass through.** Auto-reply, reply scripts and ticket replies go
  to the help desk through a second connection (serialised), and a reply's
  ticket joins the change sequence at once.

Cheap per desk: every answer is encoded once per relay poll and request
and handed to every desk that asks the same (each ticket version is encoded
once, ever); agents and queues go out only when they changed
(docs/feed-api.md). A poll's changes and its time are taken in at once, under
the server's lock, so no desk sees one without the other.

Metric samples are recorded once, by the relay (``--record``, into the
shared database); the relay says so in its feed (``"relay": {"records":
true}``) and desks behind it then leave recording to it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from cockpit.backends import open_backend
from cockpit.backends.base import (
    AutoReplyState,
    BackendError,
    NotFound,
    NotSupported,
    ReplyScript,
    TicketBackend,
)
from cockpit.domain import Agent, Batch, Queue, Ticket, TicketId
from cockpit.floor import FloorState
from cockpit.relay_log import ChangeLog
from cockpit.runtime.health import Health, HealthState
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from cockpit.sim.api import ApiError, RelayMarker, SourceUnavailable
from cockpit.sim.engine import ScriptNotFound, TicketClosed, TicketNotFound
from cockpit.sim.feed import ChangePage
from cockpit.sim.scenarios import Scenario
from cockpit.timebase import BackendClock, clock_rate

log = logging.getLogger(__name__)

# Health states in which the relay's data is current enough to hand on.
SERVING = frozenset({HealthState.LIVE, HealthState.DEGRADED})


@dataclass(frozen=True, slots=True)
class RelayStats:
    """For the status line and the benchmark."""

    era_start: int
    seq: int
    tickets: int
    polls: int


class RelaySource:
    """The floor as the relay's poller last saw it, shaped like the
    simulator so that :class:`~cockpit.sim.api.FeedApi` serves it."""

    def __init__(
        self,
        writer: TicketBackend,
        *,
        on_write: Callable[[], None] = lambda: None,
        clock: BackendClock | None = None,
    ) -> None:
        self._writer = writer
        self._clock = clock or BackendClock()
        # Called after a write went through: the relay polls soon after.
        self._changed = on_write
        self._write_lock = threading.Lock()
        self._log = ChangeLog()
        self._state_lock = threading.Lock()
        self._server_time: datetime | None = None
        self._queues: tuple[Queue, ...] = ()
        self._agents: tuple[Agent, ...] = ()
        self._health = Health(HealthState.OFFLINE, reason="loading")
        self._polls = 0
        self._generation = 0

    # --- fed by the relay's poller (its worker thread) ----------------------------

    def on_batch(self, batch: Batch, state: FloorState) -> None:
        """Take in one poll (under the server's lock: see :class:`Relay`)."""
        if batch.full:
            self._log.reset()
        # The floor's kept version: an older one that arrived late is not passed on.
        kept = [state.tickets[t.id] for t in batch.tickets if t.id in state.tickets]
        self._log.put(kept, encode=not batch.full)
        self._polls += 1
        if batch.full or self._polls % 100 == 0:
            self._log.forget_missing(state.tickets)
        self._clock.observe_batch(batch)
        with self._state_lock:
            self._server_time = state.server_time
            if batch.full or batch.queues is not None or not self._queues:
                self._queues = tuple(state.queues.values())
            if batch.full or batch.agents is not None or not self._agents:
                self._agents = tuple(state.agents.values())
            self._generation += 1

    def on_health(self, health: Health) -> None:
        with self._state_lock:
            self._health = health
            self._generation += 1

    # --- FeedSource: reading ------------------------------------------------------

    @property
    def now(self) -> datetime:
        with self._state_lock:
            self._require_serving()
            assert self._server_time is not None
            as_of = self._server_time
        return max(as_of, self._clock.now())

    @property
    def generation(self) -> int:
        """Moves with every poll the relay takes in (and health change)."""
        with self._state_lock:
            return self._generation

    def advance_to(self, when: datetime) -> None:
        """The relay's time moves with its polls, not with requests."""
        with self._state_lock:
            self._require_serving()

    def queues(self) -> tuple[Queue, ...]:
        with self._state_lock:
            return self._queues

    def agents(self) -> tuple[Agent, ...]:
        with self._state_lock:
            return self._agents

    def changes_since(self, cursor: int | None, limit: int = 1000) -> ChangePage:
        """The changes; complete up to the help desk's time at the last poll
        (the answer's ``server_time`` runs on from there)."""
        with self._state_lock:
            complete_to = self._server_time
        return self._log.page(cursor, limit)._replace(complete_to=complete_to)

    def stats(self) -> RelayStats:
        era, seq, tickets = self._log.stats()
        return RelayStats(era_start=era, seq=seq, tickets=tickets, polls=self._polls)

    def _require_serving(self) -> None:
        health = self._health
        if self._server_time is None:
            raise SourceUnavailable("the relay has not loaded the help desk yet")
        if health.state not in SERVING:
            why = f": {health.reason}" if health.reason else ""
            raise SourceUnavailable(f"the relay's help desk is {health.state.value}{why}")

    # --- FeedSource: writing (passed through) -------------------------------------

    def get_auto_reply(self) -> AutoReplyState:
        with self._upstream():
            return self._writer.get_auto_reply()

    def set_auto_reply(self, state: AutoReplyState) -> AutoReplyState:
        with self._upstream():
            return self._writer.set_auto_reply(state)

    def list_scripts(self) -> list[ReplyScript]:
        with self._upstream():
            return list(self._writer.list_scripts())

    def publish_script(self, script: ReplyScript) -> ReplyScript:
        with self._upstream():
            return self._writer.publish_script(script)

    def withdraw_script(self, script_id: str) -> None:
        try:
            with self._upstream():
                self._writer.withdraw_script(script_id)
        except ApiError as exc:
            if exc.status == 404:
                raise ScriptNotFound(script_id) from None
            raise

    def reply(self, ticket_id: str, body: str) -> Ticket:
        with self._upstream():
            outcome = self._writer.reply(TicketId(ticket_id), body)
        if not outcome.ok:
            if outcome.error == "ticket_closed":
                raise TicketClosed(ticket_id)
            if outcome.error == "not_found":
                raise TicketNotFound(ticket_id)
            raise ApiError(502, "upstream_error", f"the help desk: {outcome.error}")
        # The help desk's new version arrives with the next poll (asked for
        # now); until then the answer carries the version the relay holds.
        self._changed()
        known = self._log.get(TicketId(ticket_id))
        if known is None:
            raise TicketNotFound(ticket_id)
        return known

    def inject(self, scenario: Scenario) -> Scenario:
        raise ApiError(404, "not_found", "scenarios are for the simulator, not a relay")

    def scenarios(self) -> list[Scenario]:
        raise ApiError(404, "not_found", "scenarios are for the simulator, not a relay")

    @contextmanager
    def _upstream(self) -> Iterator[None]:
        """One write at a time; the help desk's errors as feed-API answers."""
        with self._write_lock:
            try:
                yield
            except NotFound as exc:
                raise ApiError(404, "not_found", str(exc)) from None
            except NotSupported as exc:
                raise ApiError(501, "not_supported", str(exc)) from None
            except BackendError as exc:
                status = 409 if "closed" in str(exc).lower() else 502
                raise ApiError(status, "upstream_error", f"the help desk: {exc}") from None


class Relay:
    """The relay's poller, its source and its server, started and stopped together."""

    def __init__(
        self,
        settings: Settings,
        *,
        backend_url: str,
        token: str,
        upstream_token: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        records: bool = False,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        from cockpit.sim.server import SimServer

        self._reader = open_backend(backend_url, token=upstream_token)
        self._writer = open_backend(backend_url, token=upstream_token)
        self.poller = Poller(self._reader, settings=settings)
        clock = BackendClock(rate=clock_rate(backend_url, 1.0), monotonic=monotonic)
        self.source = RelaySource(self._writer, on_write=self.poller.poll_now, clock=clock)
        self.marker = RelayMarker(records=records)
        self._server = SimServer(
            self.source,
            _SourceClock(self.source),
            host=host,
            port=port,
            token=token,
            name="relay",
            relay=self.marker,
        )
        self.poller.subscribe(on_batch=self._take_in, on_health=self.source.on_health)

    @property
    def url(self) -> str:
        return self._server.url

    def _take_in(self, batch: Batch, state: FloorState) -> None:
        # Between two requests: a desk sees a poll's changes and time together.
        with self._server.lock:
            self.source.on_batch(batch, state)

    def announce_recording(self, records: bool) -> None:
        """Tell the desks whether this relay records the metric samples."""
        self.marker.records = records

    def start(self, *, schedule: bool = True) -> None:
        """Serve; poll on the schedule (``schedule=False``: only :meth:`poll_once`)."""
        self._server.start()
        if schedule:
            self.poller.start()

    def poll_once(self) -> None:
        self.poller.poll_once()

    def stop(self) -> None:
        self.poller.shutdown()
        self._server.stop()
        self._reader.close()
        self._writer.close()


class _SourceClock:
    """The clock FeedApi advances its source to: the source's own time."""

    def __init__(self, source: RelaySource) -> None:
        self._source = source

    def now(self) -> datetime:
        return self._source.now
