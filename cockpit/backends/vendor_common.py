"""Small pieces shared by the vendor adapters (django-helpdesk, Zammad, Zendesk).

Strict readers for vendor JSON (a wrong shape becomes a
:class:`~cockpit.backends.base.PayloadError` naming the field), the server
clock and rate-limit headers read off the shared session's responses, and
queues/agents named from settings where an API has no listing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests

from cockpit.backends.base import (
    BackendError,
    NotFound,
    PayloadError,
    ReplyOutcome,
    UnexpectedStatus,
    UnknownOutcome,
)
from cockpit.backends.http import RateLimiter
from cockpit.domain import Agent, AgentId, AgentState, Queue, QueueId, TicketId

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RateBudget:
    """Requests left this minute, for the status bar.

    ``remaining``/``limit`` come from the cockpit's own token bucket;
    ``server_remaining``/``server_limit`` are what the backend last reported
    in its rate-limit headers (None until it has).
    """

    remaining: float
    limit: float
    server_remaining: int | None = None
    server_limit: int | None = None


def client_budget(limiter: RateLimiter | None) -> RateBudget | None:
    """The cockpit's own budget, when a request limit is configured."""
    if limiter is None:
        return None
    return RateBudget(remaining=limiter.remaining(), limit=limiter.per_minute)


def send_reply(
    vendor: str,
    ticket_id: TicketId,
    send: Callable[[], object],
    *,
    unknown: tuple[type[BackendError], ...] = (UnknownOutcome,),
) -> ReplyOutcome:
    """Run one reply write and say how it went. Errors in ``unknown`` mean the
    reply may have been posted: logged as such, never retried."""
    try:
        send()
    except unknown as exc:
        log.warning(
            "reply to %s ticket %s: unknown outcome, it may have been posted "
            "(check the ticket before sending again): %s",
            vendor,
            ticket_id,
            exc,
        )
        return ReplyOutcome(ticket_id, ok=False, error="unknown_outcome")
    except NotFound:
        return ReplyOutcome(ticket_id, ok=False, error="not_found")
    except UnexpectedStatus as exc:
        log.warning("reply to %s ticket %s refused: %s", vendor, ticket_id, exc)
        return ReplyOutcome(ticket_id, ok=False, error="rejected")
    return ReplyOutcome(ticket_id, ok=True)


class ResponseMeta:
    """Reads the ``Date`` and rate-limit headers of every response of a session.

    Attached as a ``requests`` response hook, so the adapters keep using the
    one shared :class:`~cockpit.backends.http.HttpClient`.
    """

    def __init__(self, *, limit_header: str | None = None, remaining_header: str | None = None):
        self._limit_header = limit_header
        self._remaining_header = remaining_header
        self._lock = threading.Lock()
        self.server_time: datetime | None = None
        self.server_limit: int | None = None
        self.server_remaining: int | None = None

    def attach(self, session: requests.Session) -> None:
        session.hooks["response"].append(self._on_response)

    def _on_response(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        headers = response.headers
        when = _http_date(headers.get("Date"))
        limit = _int_header(headers, self._limit_header)
        remaining = _int_header(headers, self._remaining_header)
        with self._lock:
            if when is not None:
                self.server_time = when
            if limit is not None:
                self.server_limit = limit
            if remaining is not None:
                self.server_remaining = remaining

    def now(self) -> datetime:
        """The backend's clock as of its last answer, else ours."""
        with self._lock:
            return self.server_time or datetime.now(UTC)


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return when.astimezone(UTC) if when.tzinfo is not None else None


def _int_header(headers: Mapping[str, str], name: str | None) -> int | None:
    if name is None or name not in headers:
        return None
    try:
        return int(float(headers[name]))
    except ValueError:
        return None


# --- URLs ------------------------------------------------------------------------


def http_base(url: str) -> str:
    """``zammad+https://host/x/`` → ``https://host/x`` (query and fragment dropped)."""
    parts = urlsplit(url)
    scheme = parts.scheme.split("+", 1)[-1]
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}"


# --- names from settings -------------------------------------------------------------


def named_queues(names: Mapping[str, str]) -> tuple[Queue, ...] | None:
    """Queues from a settings map (id → name); None when the map is empty."""
    if not names:
        return None
    return tuple(Queue(id=QueueId(qid), name=name) for qid, name in names.items())


def named_agents(names: Mapping[str, str]) -> tuple[Agent, ...] | None:
    """Agents from a settings map, for names only: presence is unknown, so
    they are OFFLINE and in no queue (they count in no queue's figures)."""
    if not names:
        return None
    return tuple(
        Agent(id=AgentId(aid), name=name, state=AgentState.OFFLINE) for aid, name in names.items()
    )


# --- strict JSON readers ---------------------------------------------------------------


def as_dict(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise PayloadError(f"{where}: expected an object, got {type(value).__name__}")
    return value


def as_list(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise PayloadError(f"{where}: expected a list, got {type(value).__name__}")
    return value


def as_id(value: object, where: str) -> str:
    """An id that must be present: an integer or a non-empty string, as text."""
    if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
        raise PayloadError(f"{where}: expected an id, got {value!r}")
    return str(value)


def opt_id(value: object, where: str) -> str | None:
    return None if value is None else as_id(value, where)


def opt_str(value: object, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise PayloadError(f"{where}: expected text, got {type(value).__name__}")


def opt_int(value: object, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise PayloadError(f"{where}: expected an integer, got {value!r}")
    return value


def opt_time(value: object, where: str) -> datetime | None:
    """An ISO 8601 time; a naive one is taken as UTC (django-helpdesk with USE_TZ off)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise PayloadError(f"{where}: expected a time, got {value!r}")
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise PayloadError(f"{where}: not an ISO 8601 time: {value[:40]!r}") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def req_time(value: object, where: str) -> datetime:
    when = opt_time(value, where)
    if when is None:
        raise PayloadError(f"{where}: missing")
    return when
