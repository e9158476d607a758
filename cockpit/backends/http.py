"""One polite HTTP client for every backend.

A single configured :class:`requests.Session` per backend: a timeout on every
socket operation and a deadline on the whole request (headers, body and
inline retries; see :mod:`cockpit.backends.transport`), a cap on the size of
an answer, retries with jittered backoff for idempotent requests on connection
errors and 502/503/504, no automatic retry of writes (a write may have
happened even when the answer was lost), ``Retry-After`` honoured, and an
optional client-side rate limit. Every failure leaves as a typed
:class:`~cockpit.backends.base.BackendError`; transport faults (a dropped
connection, an answer cut off, a web page instead of JSON) are named as the
backend's, never as a cockpit bug.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import orjson
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from cockpit.backends.base import (
    AnswerTooLarge,
    AuthError,
    BackendError,
    BackendTimeout,
    IncompleteAnswer,
    NotFound,
    PermissionDenied,
    RateLimited,
    ServerError,
    UnexpectedStatus,
    UnknownOutcome,
)
from cockpit.backends.http_faults import classify, decode, error_text, size_text
from cockpit.backends.transport import Guard, GuardedAdapter, guarded

USER_AGENT = "supervisor-cockpit/0.1"
# Retry-After values above this are not slept on inside a request: the
# poller waits them out instead of holding a worker thread.
MAX_INLINE_RETRY_AFTER_S = 5.0
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
CHUNK_BYTES = 64 * 1024
# Of an error answer only this much is read: enough for its message.
ERROR_BODY_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class Timeouts:
    """``connect_s`` and ``read_s`` limit each socket operation, ``total_s``
    the whole request, ``max_body_bytes`` the size of one answer."""

    connect_s: float = 3.05
    read_s: float = 10.0
    total_s: float = 30.0
    max_body_bytes: int = 8 * 1024 * 1024


DEFAULT_TIMEOUTS = Timeouts()


class RateLimiter:
    """Token bucket: at most ``per_minute`` requests a minute, in bursts of
    up to ``burst``. ``acquire`` blocks the calling worker, never the GUI."""

    def __init__(
        self,
        per_minute: float,
        *,
        burst: int = 10,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if per_minute <= 0:
            raise ValueError("per_minute must be positive")
        self.per_minute = per_minute
        self._rate = per_minute / 60.0
        self._burst = float(burst)
        self._tokens = float(burst)
        self._monotonic = monotonic
        self._sleep = sleep
        self._last = monotonic()
        self._lock = threading.Lock()
        self.blocked_until = 0.0

    def _refill(self, now: float) -> None:
        self._tokens = min(self._burst, self._tokens + (now - self._last) * self._rate)
        self._last = now

    def acquire(self) -> None:
        while True:
            with self._lock:
                now = self._monotonic()
                self._refill(now)
                wait = max(0.0, self.blocked_until - now)
                if wait == 0 and self._tokens >= 1:
                    self._tokens -= 1
                    return
                if wait == 0:
                    wait = (1 - self._tokens) / self._rate
            self._sleep(wait)

    def block_for(self, seconds: float) -> None:
        """The server said to wait (429 Retry-After): spend no requests until then."""
        with self._lock:
            self.blocked_until = max(self.blocked_until, self._monotonic() + seconds)

    def remaining(self) -> float:
        """Requests that could be sent right now (for the status bar)."""
        with self._lock:
            self._refill(self._monotonic())
            return self._tokens


class HttpClient:
    """JSON over HTTP with one session, typed errors and secrets kept out of
    every message (``auth_headers`` are never logged or put in errors)."""

    def __init__(
        self,
        base_url: str,
        *,
        auth_headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeouts: Timeouts = DEFAULT_TIMEOUTS,
        verify_tls: bool = True,
        limiter: RateLimiter | None = None,
        retries: int = 2,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeouts = timeouts
        self.limiter = limiter
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        self.session.headers.update(auth_headers or {})
        self.session.auth = auth
        self.session.verify = verify_tls
        retry = Retry(
            total=retries,
            connect=retries,
            read=0,  # a lost answer is not retried: the poller tries again later
            status=retries,
            status_forcelist=(502, 503, 504),
            allowed_methods=IDEMPOTENT,
            backoff_factor=0.3,
            backoff_jitter=0.2,
            backoff_max=MAX_INLINE_RETRY_AFTER_S,
            # Long Retry-After waits are the poller's business, not a blocked worker's.
            respect_retry_after_header=False,
            raise_on_status=False,
        )
        adapter: HTTPAdapter = GuardedAdapter(max_retries=retry, pool_maxsize=4)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        # The backend's clock (its Date header) minus ours, as of the last answer.
        self.date_offset_s: float | None = None

    def close(self) -> None:
        self.session.close()

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        return self.request("GET", path, params=params)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        expect_body: bool = True,
    ) -> Any:
        """Send one request and return the decoded JSON body (None for 204)."""
        url = path if path.startswith(("http://", "https://")) else f"{self.base_url}{path}"
        if self.limiter is not None:
            self.limiter.acquire()
        where = f"{method} {_path_of(url)}"
        guard = Guard(self.timeouts.total_s)
        with guarded(guard):
            try:
                response = self._send(method, url, params=params, json=json)
                try:
                    if response.status_code >= 400:
                        # Only the error's words are wanted: read a little, not all.
                        content = self._read_body(where, response, cap=ERROR_BODY_BYTES)
                        self._raise_for_status(method, response, content)
                    content = self._read_body(where, response, cap=self.timeouts.max_body_bytes)
                finally:
                    response.close()
            except requests.exceptions.RequestException as exc:
                raise self._transport_error(where, method, exc, guard) from None
        self._note_date(response)
        if response.status_code == 204 or not expect_body:
            return None
        return decode(where, method, response, content)

    def _send(
        self, method: str, url: str, *, params: Mapping[str, Any] | None, json: Any
    ) -> requests.Response:
        data = None if json is None else orjson.dumps(json)
        headers = None if json is None else {"Content-Type": "application/json"}
        return self.session.request(
            method,
            url,
            params=params,
            data=data,
            headers=headers,
            timeout=(self.timeouts.connect_s, self.timeouts.read_s),
            stream=True,  # _read_body reads the answer, under the deadline and the cap
            # Per request: REQUESTS_CA_BUNDLE in the environment would
            # otherwise override the session's verify=False (requests #3829).
            verify=self.session.verify,
        )

    def _read_body(self, where: str, response: requests.Response, *, cap: int) -> bytes:
        """The body, read in chunks (each under the request's deadline), at
        most ``cap`` bytes: an error answer is cut there, a data answer refused."""
        declared = response.headers.get("Content-Length", "")
        refuse = cap == self.timeouts.max_body_bytes
        if refuse and declared.isdigit() and int(declared) > cap:
            raise AnswerTooLarge(
                f"{where}: the answer is {size_text(int(declared))}, over the "
                f"{size_text(cap)} limit (settings: transport.max_body_mb)"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(CHUNK_BYTES):
            chunks.append(chunk)
            size += len(chunk)
            if size > cap:
                if not refuse:
                    break
                raise AnswerTooLarge(
                    f"{where}: the answer is over the {size_text(cap)} limit "
                    "(settings: transport.max_body_mb)"
                )
        return b"".join(chunks)

    def _note_date(self, response: requests.Response) -> None:
        """Remember how far the backend's clock (its Date header) is from ours."""
        date = response.headers.get("Date")
        if not date:
            return
        try:
            when = parsedate_to_datetime(date)
        except (TypeError, ValueError):
            return
        if when.tzinfo is not None:
            self.date_offset_s = when.timestamp() - time.time()

    def _transport_error(
        self, where: str, method: str, exc: requests.exceptions.RequestException, guard: Guard
    ) -> BackendError:
        """A transport failure in plain words: the backend's (or the network's)."""
        if guard.expired:
            total = self.timeouts.total_s
            if method in IDEMPOTENT:
                return BackendTimeout(f"{where}: no complete answer within {total:g} s")
            return UnknownOutcome(
                f"{where}: no complete answer within {total:g} s; it may have happened"
            )
        if guard.headers_cut:
            return IncompleteAnswer(f"{where}: the connection closed in the middle of the headers")
        return classify(
            where,
            exc,
            idempotent=method in IDEMPOTENT,
            connect_s=self.timeouts.connect_s,
            read_s=self.timeouts.read_s,
        )

    def _raise_for_status(self, method: str, response: requests.Response, content: bytes) -> None:
        status = response.status_code
        if status < 400:
            return
        where = f"{method} {_path_of(response.url)}"
        message = f"{where}: HTTP {status} {error_text(content)}".rstrip()
        if status == 401:
            raise AuthError(message)
        if status == 403:
            raise PermissionDenied(message)
        if status == 404:
            raise NotFound(message)
        if status == 429 or (status == 503 and "Retry-After" in response.headers):
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            if self.limiter is not None and retry_after is not None:
                self.limiter.block_for(retry_after)
            raise RateLimited(message, retry_after=retry_after)
        if status >= 500:
            if method not in IDEMPOTENT:
                raise UnknownOutcome(message + "; the change may or may not have happened")
            raise ServerError(message)
        raise UnexpectedStatus(message, status=status)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _path_of(url: str) -> str:
    # Errors name the path only: query strings may carry tokens on some APIs.
    without_query = url.split("?", 1)[0]
    parts = without_query.split("/", 3)
    return "/" + parts[3] if len(parts) > 3 else "/"
