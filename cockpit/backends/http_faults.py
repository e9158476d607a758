"""How the HTTP client names what went wrong: transport failures as the
backend's faults in plain words, and answers that are not the JSON asked
for (empty, a web page, cut off, not JSON)."""

from __future__ import annotations

import http.client
import re
from typing import Any

import orjson
import requests
from urllib3.exceptions import NewConnectionError, ProtocolError, ReadTimeoutError

from cockpit.backends.base import (
    BackendError,
    BackendTimeout,
    BackendUnreachable,
    ConnectionDropped,
    IncompleteAnswer,
    PayloadError,
    TlsError,
    UnknownOutcome,
    WebPageAnswer,
)


def classify(
    where: str,
    exc: requests.exceptions.RequestException,
    *,
    idempotent: bool,
    connect_s: float,
    read_s: float,
) -> BackendError:
    """A transport failure in plain words: the backend's (or the network's)."""
    if isinstance(exc, requests.exceptions.SSLError):
        return TlsError(f"{where}: TLS failed ({short(exc)})")
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return BackendUnreachable(f"{where}: no connection within {connect_s:g} s")
    if isinstance(exc, requests.exceptions.ReadTimeout) or (
        isinstance(exc, requests.exceptions.ConnectionError) and _read_timed_out(exc)
    ):
        # A GET whose answer never came: urllib3 reports it as a connection
        # error once its (zero) read retries are used up.
        if idempotent:
            return BackendTimeout(f"{where}: no answer within {read_s:g} s")
        return UnknownOutcome(f"{where}: no answer within {read_s:g} s; it may have happened")
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return IncompleteAnswer(f"{where}: the answer was cut off before its end")
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return PayloadError(f"{where}: the answer's compression is broken")
    if isinstance(exc, requests.exceptions.ConnectionError):
        if _dropped(exc):
            return ConnectionDropped(
                f"{where}: the backend closed the connection without answering"
            )
        return BackendUnreachable(f"{where}: cannot connect ({short(exc)})")
    return BackendError(f"{where}: {short(exc)}")


def decode(where: str, method: str, response: requests.Response, content: bytes) -> Any:
    """The JSON answer; what is not JSON is named for what it looks like."""
    if not content:
        if method == "GET":
            raise PayloadError(f"{where}: the answer is empty")
        return None
    kind = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml") or content.lstrip()[:1] == b"<":
        raise WebPageAnswer(
            f"{where}: the answer is a web page, not JSON (a sign-in page?)",
            detail=content[:200].decode("utf-8", "replace"),
        )
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        if exc.pos >= len(content.rstrip()) - 1:
            raise IncompleteAnswer(f"{where}: the answer ends in the middle of its data") from None
        raise PayloadError(
            f"{where}: the answer is not JSON ({exc})",
            detail=content[:200].decode("utf-8", "replace"),
        ) from None


def size_text(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MB" if count >= 1024 * 1024 else f"{count} bytes"


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


def _dropped(exc: requests.exceptions.ConnectionError) -> bool:
    """Whether the connection was made, then closed or reset before an answer."""
    seen: set[int] = set()
    todo: list[object] = [exc]
    while todo:
        item = todo.pop()
        if id(item) in seen or item is None:
            continue
        seen.add(id(item))
        if isinstance(item, ConnectionRefusedError | NewConnectionError):
            return False
        if isinstance(
            item,
            http.client.RemoteDisconnected | ConnectionResetError | BrokenPipeError | ProtocolError,
        ):
            return True
        if isinstance(item, BaseException):
            todo.extend((item.__cause__, item.__context__, getattr(item, "reason", None)))
            todo.extend(arg for arg in item.args if isinstance(arg, BaseException))
    return False


def short(exc: BaseException) -> str:
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


def error_text(content: bytes) -> str:
    try:
        body = orjson.loads(content)
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
