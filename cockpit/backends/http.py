"""One polite HTTP client for every backend.

A single configured :class:`requests.Session` per backend: a timeout on every
call, retries with jittered backoff for idempotent requests on connection
errors and 502/503/504, no automatic retry of writes (a write may have
happened even when the answer was lost), ``Retry-After`` honoured, and an
optional client-side rate limit. Every failure leaves as a typed
:class:`~cockpit.backends.base.BackendError`.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import orjson
import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

from cockpit.backends.base import (
    AuthError,
    BackendError,
    BackendTimeout,
    BackendUnreachable,
    NotFound,
    PayloadError,
    PermissionDenied,
    RateLimited,
    ServerError,
    TlsError,
    UnexpectedStatus,
    UnknownOutcome,
)

USER_AGENT = "supervisor-cockpit/0.1"
# Retry-After values above this are not slept on inside a request: the
# poller waits them out instead of holding a worker thread.
MAX_INLINE_RETRY_AFTER_S = 5.0
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect_s: float = 3.05
    read_s: float = 10.0


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
        adapter = HTTPAdapter(max_retries=retry, pool_maxsize=4)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

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
        response = self._send(method, url, params=params, json=json)
        self._raise_for_status(method, response)
        if response.status_code == 204 or not expect_body or not response.content:
            return None
        try:
            return orjson.loads(response.content)
        except orjson.JSONDecodeError as exc:
            raise PayloadError(
                f"{method} {_path_of(url)}: the answer is not JSON ({exc})",
                detail=response.text[:200],
            ) from None

    def _send(
        self, method: str, url: str, *, params: Mapping[str, Any] | None, json: Any
    ) -> requests.Response:
        data = None if json is None else orjson.dumps(json)
        headers = None if json is None else {"Content-Type": "application/json"}
        where = f"{method} {_path_of(url)}"
        try:
            return self.session.request(
                method,
                url,
                params=params,
                data=data,
                headers=headers,
                timeout=(self.timeouts.connect_s, self.timeouts.read_s),
                # Per request: REQUESTS_CA_BUNDLE in the environment would
                # otherwise override the session's verify=False (requests #3829).
                verify=self.session.verify,
            )
        except requests.exceptions.SSLError as exc:
            raise TlsError(f"{where}: TLS failed ({_short(exc)})") from None
        except requests.exceptions.ConnectTimeout:
            raise BackendUnreachable(
                f"{where}: no connection within {self.timeouts.connect_s:g} s"
            ) from None
        except requests.exceptions.ReadTimeout:
            if method in IDEMPOTENT:
                raise BackendTimeout(
                    f"{where}: no answer within {self.timeouts.read_s:g} s"
                ) from None
            raise UnknownOutcome(
                f"{where}: no answer within {self.timeouts.read_s:g} s; it may have happened"
            ) from None
        except requests.exceptions.ConnectionError as exc:
            if _read_timed_out(exc):
                # A GET whose answer never came: urllib3 reports it as a
                # connection error once its (zero) read retries are used up.
                raise BackendTimeout(
                    f"{where}: no answer within {self.timeouts.read_s:g} s"
                ) from None
            raise BackendUnreachable(f"{where}: cannot connect ({_short(exc)})") from None
        except requests.exceptions.RequestException as exc:
            raise BackendError(f"{where}: {_short(exc)}") from None

    def _raise_for_status(self, method: str, response: requests.Response) -> None:
        status = response.status_code
        if status < 400:
            return
        where = f"{method} {_path_of(response.url)}"
        message = f"{where}: HTTP {status} {_error_text(response)}".rstrip()
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


_NAME_NOT_FOUND = (
    "Name or service not known",
    "nodename nor servname",
    "No address associated with hostname",
    "Temporary failure in name resolution",
    "getaddrinfo failed",
    "Failed to resolve",
)
_CERTIFICATE = re.compile(r"certificate verify failed:?\s*([^()'\"]*)", re.IGNORECASE)


def _read_timed_out(exc: requests.exceptions.ConnectionError) -> bool:
    cause = exc.args[0] if exc.args else None
    return isinstance(getattr(cause, "reason", None), ReadTimeoutError)


def _short(exc: BaseException) -> str:
    # urllib3 wraps the cause deep in a long message: name it in a few words.
    text = str(exc)
    if "Connection refused" in text:
        return "connection refused"
    if any(marker in text for marker in _NAME_NOT_FOUND):
        return "host name not found"
    certificate = _CERTIFICATE.search(text)
    if certificate is not None:
        why = certificate.group(1).strip(" ,.")
        return f"certificate verify failed: {why}" if why else "certificate verify failed"
    return text[:160]


def _error_text(response: requests.Response) -> str:
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return ""
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return str(error["message"])[:200]
        for key in ("detail", "error", "description", "message"):
            if isinstance(body.get(key), str):
                return str(body[key])[:200]
    return ""
