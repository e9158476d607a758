""" "Test connection": open a backend, make one cheap read, and say exactly
what failed.

:func:`test_connection` never raises. It returns a :class:`ProbeResult`
whose ``step`` says how far it got (URL, credentials, connection, sign-in,
reading) and whose ``reason`` is a short code the UI turns into plain words:
an invalid URL or unknown scheme, a host name that does not resolve, a
refused connection, a certificate that fails verification, a timeout, a
refused token (401) or missing permission (403), an answer that cannot be
read (naming the field), a rate limit, a server error. ``detail`` is the
technical message, with every secret replaced by ``***``.

It blocks on the network: call it from a worker thread, never the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import SplitResult, urlsplit

from cockpit.backends.base import (
    AuthError,
    BackendError,
    BackendTimeout,
    BackendUnreachable,
    ConnectionCheck,
    NotFound,
    PayloadError,
    PermissionDenied,
    RateLimited,
    ServerError,
    TicketBackend,
    TlsError,
    UnexpectedStatus,
)
from cockpit.backends.http import DEFAULT_TIMEOUTS, Timeouts
from cockpit.backends.options import BackendOptions
from cockpit.backends.registry import BackendConfigError, open_backend, supported_schemes
from cockpit.backends.vendors import helpdesk_opener, zammad_opener, zendesk_opener
from cockpit.secrets import env_name, get_secret, redact

log = logging.getLogger(__name__)

# URL scheme family (before any "+") → the secret holding its API token.
TOKEN_SECRETS = {
    "sim": "feed.token",
    "feed": "feed.token",
    "helpdesk": "helpdesk.token",
    "zammad": "zammad.token",
    "zendesk": "zendesk.token",
}
ZENDESK_EMAIL_SECRET = "zendesk.email"
_VENDOR_OPENERS = {
    "helpdesk": helpdesk_opener,
    "zammad": zammad_opener,
    "zendesk": zendesk_opener,
}


class ProbeStep(StrEnum):
    """How far the test got; a failure happened at this step."""

    URL = "url"
    CREDENTIALS = "credentials"
    CONNECT = "connect"  # DNS, TCP, TLS
    SIGN_IN = "sign_in"  # the server judged the credentials
    READ = "read"  # the answer itself
    DONE = "done"


class ProbeFailure(StrEnum):
    INVALID_URL = "invalid_url"
    UNKNOWN_SCHEME = "unknown_scheme"
    CREDENTIALS_IN_URL = "credentials_in_url"
    MISSING_TOKEN = "missing_token"
    MISSING_EMAIL = "missing_email"
    CONFIG = "config"
    DNS = "dns"
    REFUSED = "refused"
    TLS = "tls"
    TIMEOUT = "timeout"
    UNREACHABLE = "unreachable"
    AUTH = "auth"
    PERMISSION = "permission"
    NOT_FOUND = "not_found"
    PAYLOAD = "payload"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"
    UNEXPECTED_STATUS = "unexpected_status"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class ProbeResult:
    ok: bool
    step: ProbeStep
    reason: ProbeFailure | None = None
    # The technical message (secrets redacted); for a payload error it names the field.
    detail: str = ""
    queues_seen: int | None = None
    tickets_seen: int | None = None
    server_time: datetime | None = None
    retry_after_s: float | None = None


def token_secret(url: str) -> str | None:
    """The secret that holds the API token for ``url``'s scheme (``helpdesk.token`` …)."""
    try:
        scheme = urlsplit(url.strip()).scheme
    except ValueError:
        return None
    return TOKEN_SECRETS.get(scheme.split("+", 1)[0])


def check_url(url: str) -> tuple[ProbeFailure, str] | None:
    """What is wrong with ``url`` as a backend URL (reason, message), or None."""
    text = url.strip()
    if not text:
        return ProbeFailure.INVALID_URL, "the URL is empty"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        return ProbeFailure.INVALID_URL, f"not a valid URL: {exc}"
    schemes = supported_schemes()
    if parts.scheme not in schemes:
        expected = ", ".join(f"{s}://" for s in schemes)
        return ProbeFailure.UNKNOWN_SCHEME, f"unknown scheme {parts.scheme!r}: expected {expected}"
    if parts.username or parts.password:
        return ProbeFailure.CREDENTIALS_IN_URL, "the URL must not carry a user name or password"
    if not parts.hostname or any(c.isspace() for c in text):
        return ProbeFailure.INVALID_URL, "the URL has no valid host name"
    if port == 0:
        return ProbeFailure.INVALID_URL, "port 0 is not a valid port"
    return None


def test_connection(
    url: str,
    *,
    token: str | None,
    options: BackendOptions,
    timeouts: Timeouts = DEFAULT_TIMEOUTS,  # noqa: PT028 (not a test: the name is the API)
) -> ProbeResult:
    """Open ``url`` with ``token`` (None: the stored one) and ``options``,
    make one cheap read and close it again. Never raises."""
    url = url.strip()
    problem = check_url(url)
    if problem is not None:
        return ProbeResult(ok=False, step=ProbeStep.URL, reason=problem[0], detail=problem[1])
    parts = urlsplit(url)
    family = parts.scheme.split("+", 1)[0]
    secret = TOKEN_SECRETS.get(family)
    if secret is not None:
        token = token or get_secret(secret)
        if not token:
            return _missing(ProbeFailure.MISSING_TOKEN, secret)
    if family == "zendesk" and not (options.zendesk.email or get_secret(ZENDESK_EMAIL_SECRET)):
        return _missing(ProbeFailure.MISSING_EMAIL, ZENDESK_EMAIL_SECRET)
    try:
        seen = _read_once(parts, url, token, options, timeouts)
    except Exception as exc:
        return _failure(exc, token)
    return ProbeResult(
        ok=True,
        step=ProbeStep.DONE,
        queues_seen=seen.queues,
        tickets_seen=seen.tickets,
        server_time=seen.server_time,
    )


# Not a test, whatever its name says (pytest collects test_* functions it finds).
test_connection.__test__ = False  # type: ignore[attr-defined]


def _missing(reason: ProbeFailure, secret: str) -> ProbeResult:
    detail = f"set {env_name(secret)} or store {secret!r} in the keyring"
    return ProbeResult(ok=False, step=ProbeStep.CREDENTIALS, reason=reason, detail=detail)


def _read_once(
    parts: SplitResult,
    url: str,
    token: str | None,
    options: BackendOptions,
    timeouts: Timeouts,
) -> ConnectionCheck:
    backend = _open(parts, url, token, options, timeouts)
    try:
        check: Callable[[], ConnectionCheck] | None = getattr(backend, "check", None)
        if check is not None:
            return check()
        batch = backend.fetch(None)
        queues = None if batch.queues is None else len(batch.queues)
        return ConnectionCheck(queues, len(batch.tickets), batch.server_time)
    finally:
        backend.close()


def _open(
    parts: SplitResult, url: str, token: str | None, options: BackendOptions, timeouts: Timeouts
) -> TicketBackend:
    """Like ``open_backend``, but with the options being edited, not the saved ones."""
    family = parts.scheme.split("+", 1)[0]
    opener = _VENDOR_OPENERS.get(family)
    if opener is None:
        return open_backend(url, token=token, timeouts=timeouts)
    return opener(lambda: options)(url, token, timeouts)


_FAILURES: tuple[tuple[type[BaseException], ProbeStep, ProbeFailure], ...] = (
    (TlsError, ProbeStep.CONNECT, ProbeFailure.TLS),
    (BackendTimeout, ProbeStep.READ, ProbeFailure.TIMEOUT),
    (AuthError, ProbeStep.SIGN_IN, ProbeFailure.AUTH),
    (PermissionDenied, ProbeStep.SIGN_IN, ProbeFailure.PERMISSION),
    (NotFound, ProbeStep.READ, ProbeFailure.NOT_FOUND),
    (RateLimited, ProbeStep.READ, ProbeFailure.RATE_LIMITED),
    (ServerError, ProbeStep.READ, ProbeFailure.SERVER_ERROR),
    (PayloadError, ProbeStep.READ, ProbeFailure.PAYLOAD),
    (UnexpectedStatus, ProbeStep.READ, ProbeFailure.UNEXPECTED_STATUS),
    (BackendConfigError, ProbeStep.CREDENTIALS, ProbeFailure.CONFIG),
)


def _failure(exc: Exception, token: str | None) -> ProbeResult:
    detail = redact(str(exc), token)
    retry_after = exc.retry_after if isinstance(exc, RateLimited) else None
    for kind, step, reason in _FAILURES:
        if isinstance(exc, kind):
            return ProbeResult(
                ok=False, step=step, reason=reason, detail=detail, retry_after_s=retry_after
            )
    if isinstance(exc, BackendUnreachable):
        return ProbeResult(
            ok=False, step=ProbeStep.CONNECT, reason=_unreachable(detail), detail=detail
        )
    if isinstance(exc, BackendError):
        return ProbeResult(
            ok=False, step=ProbeStep.CONNECT, reason=ProbeFailure.UNREACHABLE, detail=detail
        )
    log.exception("test connection failed unexpectedly")
    return ProbeResult(
        ok=False,
        step=ProbeStep.READ,
        reason=ProbeFailure.ERROR,
        detail=redact(f"{type(exc).__name__}: {exc}", token),
    )


def _unreachable(message: str) -> ProbeFailure:
    # The HTTP client names the cause in a few fixed words (cockpit.backends.http).
    if "host name not found" in message:
        return ProbeFailure.DNS
    if "connection refused" in message:
        return ProbeFailure.REFUSED
    if "no connection within" in message:
        return ProbeFailure.TIMEOUT
    return ProbeFailure.UNREACHABLE
