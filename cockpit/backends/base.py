"""The contract between the core and every ticket backend.

A backend adapter turns a vendor's API into domain objects. It declares
honestly what it can do (:class:`Capabilities`), and it fails only with the
typed errors below so that the poller and the UI can say what went wrong
in plain words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol, runtime_checkable

from cockpit.domain import Batch, TicketId


class Capability(StrEnum):
    INCREMENTAL = "incremental"  # fetch(cursor) returns only what changed
    AGENTS = "agents"  # agent states are reported
    QUEUES = "queues"  # queues are listed by the backend
    SERVER_TIME = "server_time"  # the backend reports its own clock
    FIRST_RESPONSE = "first_response"  # first-response times are reported
    AUTO_REPLY = "auto_reply"  # the bot auto-reply can be read and switched
    REPLY_SCRIPTS = "reply_scripts"  # reply scripts can be published and withdrawn
    TICKET_REPLY = "ticket_reply"  # a reply can be posted to a ticket
    WEB_LINKS = "web_links"  # tickets carry a link to the backend's web UI


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a backend can do, and for what it cannot, why not (UI-ready reason codes)."""

    supported: frozenset[Capability]
    missing_reasons: Mapping[Capability, str] = field(default_factory=dict)

    def __contains__(self, item: object) -> bool:
        return item in self.supported

    def why_not(self, capability: Capability) -> str | None:
        if capability in self.supported:
            return None
        return self.missing_reasons.get(capability, "not_supported")


# --- errors ----------------------------------------------------------------


class BackendError(Exception):
    """Base of every error a backend may raise. ``reason`` is a short code
    (``"unreachable"``, ``"auth"`` …) the UI translates."""

    reason = "error"

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = detail


class BackendUnreachable(BackendError):
    """DNS failure, connection refused, TLS failure: nothing answered."""

    reason = "unreachable"


class BackendTimeout(BackendError):
    """No complete answer in time: a per-read timeout or the whole-request deadline."""

    reason = "timeout"


class ConnectionDropped(BackendError):
    """The backend accepted the connection, then closed or reset it without answering."""

    reason = "dropped"


class IncompleteAnswer(BackendError):
    """The answer was cut off: headers or body ended early (the backend's
    fault or the network's, never the cockpit's)."""

    reason = "incomplete"


class TlsError(BackendUnreachable):
    reason = "tls"


class AuthError(BackendError):
    """Credentials missing or refused (HTTP 401). Retrying will not help."""

    reason = "auth"


class PermissionDenied(BackendError):
    """Credentials accepted but not allowed to do this (HTTP 403)."""

    reason = "permission"


class NotFound(BackendError):
    reason = "not_found"


class RateLimited(BackendError):
    """The backend asked us to slow down. ``retry_after`` is in seconds."""

    reason = "rate_limited"

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServerError(BackendError):
    reason = "server_error"


class PayloadError(BackendError):
    """The backend answered, but with something we cannot read."""

    reason = "payload"


class AnswerTooLarge(PayloadError):
    """The answer is bigger than the configured cap; it was not read in full."""

    reason = "too_large"


class WebPageAnswer(PayloadError):
    """An HTML page where JSON was expected: typically a sign-in page put up
    by a proxy or single sign-on in front of the API."""

    reason = "html_page"


class UnknownOutcome(BackendError):
    """A write whose outcome cannot be known (e.g. a 500 or a timeout after
    the request was sent): it may or may not have happened."""

    reason = "unknown_outcome"


class UnexpectedStatus(BackendError):
    """An HTTP status the adapter must interpret itself (409, 410, 422 …)."""

    reason = "unexpected_status"

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class NotSupported(BackendError):
    reason = "not_supported"


# --- write-side values -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AutoReplyState:
    enabled: bool
    message: str = ""
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReplyScript:
    """A reply script (canned response) as published to the agents."""

    id: str
    title: str
    body: str
    language: str = "zh_CN"
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ConnectionCheck:
    """What one cheap read (``backend.check()``) saw; None where the backend
    cannot tell without an expensive call."""

    queues: int | None = None
    tickets: int | None = None
    server_time: datetime | None = None


@dataclass(frozen=True, slots=True)
class ReplyOutcome:
    ticket_id: TicketId
    ok: bool
    error: str | None = None


@runtime_checkable
class TicketBackend(Protocol):
    """What the core needs from a backend. Every call may block on the
    network: call it from a worker thread, never from the GUI thread."""

    @property
    def url(self) -> str:
        """The backend's URL with any credentials removed, for display."""
        ...

    @property
    def capabilities(self) -> Capabilities: ...

    def fetch(self, cursor: str | None) -> Batch:
        """Everything that changed since ``cursor``, all pages of it; a full
        load (``batch.full``) when ``cursor`` is ``None`` or no longer valid."""
        ...

    def get_auto_reply(self) -> AutoReplyState: ...

    def set_auto_reply(self, state: AutoReplyState) -> AutoReplyState: ...

    def list_scripts(self) -> Sequence[ReplyScript]: ...

    def publish_script(self, script: ReplyScript) -> ReplyScript: ...

    def withdraw_script(self, script_id: str) -> None: ...

    def reply(self, ticket_id: TicketId, body: str) -> ReplyOutcome: ...

    def close(self) -> None: ...
